/**
 * Building heights (metres above ground) from OpenStreetMap-style properties, in this order:
 *  1. `height` (metres; "12", "12 m", "40'", "40 ft" are read), with `min_height` as the base;
 *  2. `building:levels` (+ `roof:levels`) × STOREY_HEIGHT_M, with `building:min_level` as the base;
 *  3. an estimate: storeys by `building` type from ESTIMATED_STOREYS × STOREY_HEIGHT_M.
 * The source is kept per building so the UI can say which heights are estimated.
 */

/**
 * Storey height, metres. Mapbox Streets converts OSM `building:levels` to metres at 3 m a level
 * ("Mapping 3D building features in OpenStreetMap", Mapbox blog, 2016); we use the same figure.
 */
export const STOREY_HEIGHT_M = 3;

/**
 * CityTwin's own default storeys when a building has neither `height` nor `building:levels`.
 * An assumption, shown in the info panel for every building that uses it: small ancillary
 * structures 1 storey, houses 2, generic buildings 3, apartments/offices/hotels 5.
 */
export const ESTIMATED_STOREYS: Readonly<Record<string, number>> = Object.freeze({
  garage: 1, garages: 1, shed: 1, hut: 1, kiosk: 1, roof: 1, carport: 1, cabin: 1, service: 1,
  toilets: 1, transformer_tower: 1, greenhouse: 1, bunker: 1, ruins: 1,
  house: 2, detached: 2, semidetached_house: 2, terrace: 2, bungalow: 2, villa: 2, farm: 2, chapel: 2,
  industrial: 2, warehouse: 2, retail: 2, supermarket: 2, church: 3, school: 3,
  apartments: 5, residential: 5, office: 5, commercial: 5, hotel: 5, hospital: 5, university: 4, public: 3,
});
export const DEFAULT_ESTIMATED_STOREYS = 3;

export const enum HeightSource {
  Height = 0,
  Levels = 1,
  Estimate = 2,
}

export const HEIGHT_SOURCE_NAMES = ['height', 'levels', 'estimate'] as const;
export type HeightSourceName = (typeof HEIGHT_SOURCE_NAMES)[number];

export interface ResolvedHeight {
  /** Top of the building, metres above ground. */
  height: number;
  /** Bottom of the building (building parts that float over others), metres above ground. */
  minHeight: number;
  source: HeightSource;
}

const LENGTH = /^\s*(-?\d+(?:[.,]\d+)?)\s*(m|metres?|meters?|ft|feet|'|)\s*$/i;
const FEET = 0.3048;

/** Parses an OSM length value to metres; undefined when absent or unreadable. */
export function parseLength(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = LENGTH.exec(value);
  if (!m || m[1] === undefined) return undefined;
  const n = Number(m[1].replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'ft' || unit === 'feet' || unit === "'" ? n * FEET : n;
}

function parseCount(value: unknown): number | undefined {
  // Number() skips the same surrounding white space as trim(), so only a decimal comma needs rewriting.
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.includes(',') ? value.trim().replace(',', '.') : value) : NaN;
  return Number.isFinite(n) && n >= 0 && n < 500 ? n : undefined;
}

/** Upper bound on a believable building height (Burj Khalifa is 828 m). */
const MAX_HEIGHT_M = 1000;

export function estimatedStoreys(buildingType: unknown): number {
  if (typeof buildingType === 'string' && Object.prototype.hasOwnProperty.call(ESTIMATED_STOREYS, buildingType)) {
    return ESTIMATED_STOREYS[buildingType] ?? DEFAULT_ESTIMATED_STOREYS;
  }
  return DEFAULT_ESTIMATED_STOREYS;
}

export function resolveHeight(props: Readonly<Record<string, unknown>> | null | undefined): ResolvedHeight {
  const p = props ?? {};
  const height = parseLength(p['height']);
  const levels = parseCount(p['building:levels']);
  const roofLevels = parseCount(p['roof:levels']) ?? 0;
  const minLevel = parseCount(p['building:min_level']);
  let minHeight = parseLength(p['min_height']);
  if (minHeight === undefined && minLevel !== undefined) minHeight = minLevel * STOREY_HEIGHT_M;
  const base = minHeight !== undefined && minHeight >= 0 && minHeight < MAX_HEIGHT_M ? minHeight : 0;

  if (height !== undefined && height > base && height <= MAX_HEIGHT_M) {
    return { height, minHeight: base, source: HeightSource.Height };
  }
  if (levels !== undefined && levels + roofLevels > 0) {
    const h = (levels + roofLevels) * STOREY_HEIGHT_M;
    if (h > base) return { height: h, minHeight: base, source: HeightSource.Levels };
  }
  const h = estimatedStoreys(p['building']) * STOREY_HEIGHT_M;
  return { height: Math.max(h, base + STOREY_HEIGHT_M), minHeight: base, source: HeightSource.Estimate };
}
