/**
 * The built-in cities of the command line: a city's layers read from assets/ (paths from this file, not
 * the working directory) into the scenario host's inputs, with the scenario's `city` member naming each
 * layer by the hash of its file's bytes (the viewer hashes the same bytes, so the hashes agree).
 * Frame: centred on the buildings' lon/lat bounds, as the viewer centres on the buildings layer.
 * Districts: the administrative boundaries of admin.geojson when it has any (as the model host worker reads it).
 */
import { readFileSync } from 'node:fs';
import { frameForFeatures } from '../core/carbon/model/index.ts';
import { districtLabel, parseGeoJson, propertiesOf } from '../core/geo/index.ts';
import type { ProfileId } from '../core/profile/index.ts';
import { type CityInputs, type Scenario, hashBytes } from '../core/scenario/index.ts';

/** Repository root (this file is src/cli/city.ts). */
const ROOT = new URL('../../', import.meta.url);

interface CityFiles {
  readonly name: string;
  readonly buildings: string;
  readonly roads: string;
  readonly green: string;
  readonly districts: string;
  readonly hydrogenModel?: string;
  /** The city profile its scenarios run under. */
  readonly profile: ProfileId;
}

/** Files of each built-in city, relative to the repository root. */
const CITY_FILES = {
  monaco: {
    name: 'Monaco',
    buildings: 'assets/city/monaco/buildings.geojson',
    roads: 'assets/city/monaco/roads.geojson',
    green: 'assets/city/monaco/green.geojson',
    districts: 'assets/city/monaco/admin.geojson',
    hydrogenModel: 'assets/hydrogen/monaco.json',
    profile: 'MC',
  },
  yeouido: {
    name: 'Yeouido (여의동, Seoul)',
    buildings: 'assets/city/yeouido/buildings.geojson',
    roads: 'assets/city/yeouido/roads.geojson',
    green: 'assets/city/yeouido/green.geojson',
    districts: 'assets/city/yeouido/districts.geojson',
    profile: 'KR',
  },
} as const satisfies Record<string, CityFiles>;

export type BuiltInCityId = keyof typeof CITY_FILES;
export const BUILT_IN_CITIES = Object.keys(CITY_FILES) as BuiltInCityId[];

export function isBuiltInCity(name: string): name is BuiltInCityId {
  return Object.hasOwn(CITY_FILES, name);
}

export interface BuiltInCity {
  readonly id: BuiltInCityId;
  /** What the scenario host reads (parsed features in WGS84, the local frame, the hydrogen model). */
  readonly inputs: CityInputs & Required<Pick<CityInputs, 'roads' | 'green' | 'districts'>>;
  /** The scenario's `city` member: the city's name and each layer's file name and content hash. */
  readonly city: Scenario['city'];
  /** District names in the order the carbon model numbers them (`#k` from 1 when a district has none). */
  readonly districtNames: readonly string[];
}

function bytesOf(relative: string): { name: string; bytes: Buffer } {
  const url = new URL(relative, ROOT);
  return { name: relative.slice(relative.lastIndexOf('/') + 1), bytes: readFileSync(url) };
}

/** Reads a built-in city's layers (about 0.2 s for Monaco; Yeouido has no hydrogen supply model). Throws RangeError for a name not in BUILT_IN_CITIES. */
export function loadBuiltInCity(id: string): BuiltInCity {
  if (!isBuiltInCity(id)) throw new RangeError(`no built-in city '${id}' (built-in: ${BUILT_IN_CITIES.join(', ')})`);
  const files: CityFiles = CITY_FILES[id];
  const read = (relative: string) => {
    const f = bytesOf(relative);
    return { ...f, hash: hashBytes(f.bytes), text: f.bytes.toString('utf8') };
  };
  const b = read(files.buildings);
  const r = read(files.roads);
  const g = read(files.green);
  const d = read(files.districts);
  const h = files.hydrogenModel !== undefined ? read(files.hydrogenModel) : undefined;
  const buildings = parseGeoJson(b.text).features;
  const roads = parseGeoJson(r.text).features;
  const green = parseGeoJson(g.text).features;
  const admin = parseGeoJson(d.text).features;
  const administrative = admin.filter((f) => propertiesOf(f)['boundary'] === 'administrative');
  const districts = administrative.length > 0 ? administrative : admin;
  return {
    id,
    inputs: {
      frame: frameForFeatures(buildings),
      buildings,
      roads,
      green,
      districts,
      ...(h ? { hydrogenModel: JSON.parse(h.text) as unknown } : {}),
    },
    city: {
      name: files.name,
      layers: {
        buildings: { name: b.name, hash: b.hash },
        roads: { name: r.name, hash: r.hash },
        green: { name: g.name, hash: g.hash },
        districts: { name: d.name, hash: d.hash },
        ...(h ? { hydrogenModel: { name: h.name, hash: h.hash } } : {}),
      },
      profile: files.profile,
    },
    districtNames: districts.map(districtLabel),
  };
}
