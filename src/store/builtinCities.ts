// The cities built into the app (copied into assets/ with their licences): where their files are, and
// which one is shown. A city is "shown" when its buildings file is the buildings layer.
import { DEFAULT_CITY } from './ingest.ts';
import type { AppState } from './types.ts';

export type BuiltinCityId = 'monaco' | 'yeouido';
export const BUILTIN_CITY_IDS: readonly BuiltinCityId[] = ['monaco', 'yeouido'];

export interface BuiltinCity {
  readonly id: BuiltinCityId;
  /** The scenario's `city.name` (the same the command line writes, src/cli/city.ts). */
  readonly scenarioName: string;
  readonly buildings: string;
  readonly roads: string;
  readonly green: string;
  /** District polygons (carbon map districts, the data-drawn ground); not a layer. */
  readonly districts: string;
  readonly districtsFile: string;
  /** The hydrogen supply example for this city. */
  readonly hydrogen: string;
  readonly hydrogenFile: string;
  /** Attributions beyond OpenStreetMap's (shown under the map while the city is shown): catalog keys. */
  readonly credits: readonly ('credit.yeouidoBoundary')[];
}

export const BUILTIN_CITIES: Readonly<Record<BuiltinCityId, BuiltinCity>> = {
  monaco: {
    id: 'monaco',
    scenarioName: 'Monaco',
    buildings: DEFAULT_CITY.buildings,
    roads: DEFAULT_CITY.roads,
    green: DEFAULT_CITY.green,
    districts: DEFAULT_CITY.admin,
    districtsFile: 'admin.geojson',
    hydrogen: new URL('../../assets/hydrogen/monaco.json', import.meta.url).href,
    hydrogenFile: 'monaco.json',
    credits: [],
  },
  yeouido: {
    id: 'yeouido',
    scenarioName: 'Yeouido (여의동, Seoul)',
    buildings: new URL('../../assets/city/yeouido/buildings.geojson', import.meta.url).href,
    roads: new URL('../../assets/city/yeouido/roads.geojson', import.meta.url).href,
    green: new URL('../../assets/city/yeouido/green.geojson', import.meta.url).href,
    districts: new URL('../../assets/city/yeouido/districts.geojson', import.meta.url).href,
    districtsFile: 'districts.geojson',
    hydrogen: new URL('../../assets/hydrogen/yeouido.json', import.meta.url).href,
    hydrogenFile: 'yeouido.json',
    credits: ['credit.yeouidoBoundary'],
  },
};

export function isBuiltinCityId(v: unknown): v is BuiltinCityId {
  return v === 'monaco' || v === 'yeouido';
}

/** The built-in city whose buildings file is `source` (a layer's URL), or null. */
export function builtinCityOf(source: string | undefined): BuiltinCity | null {
  for (const id of BUILTIN_CITY_IDS) if (source !== undefined && BUILTIN_CITIES[id].buildings === source) return BUILTIN_CITIES[id];
  return null;
}

/** The built-in city shown (its buildings file is the buildings layer), or null. */
export function shownBuiltinCity(s: Pick<AppState, 'layers'>): BuiltinCity | null {
  return builtinCityOf(s.layers.find((l) => l.id === 'buildings')?.source);
}

/** `?city=` of the page: a built-in city's id, else Monaco (the default). */
export function cityFromUrl(): BuiltinCityId {
  const v = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('city')?.toLowerCase() : undefined;
  return isBuiltinCityId(v) ? v : 'monaco';
}
