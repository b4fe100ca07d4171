/**
 * A loaded layer as the input of a model: which role it plays (the buildings, the road network, green
 * areas, districts, a carbon map, candidate station sites), and which of its properties stand for what the
 * models read. A mapping names, for each model field, the layer's property that holds it and — for
 * categories — how the layer's values translate into the model's. Applying a mapping writes the model's
 * own keys (the OpenStreetMap tags and explicit keys the readers in geo/, demand/, roadnet/ and carbon/
 * already understand) beside the file's properties, so every model reads a mapped layer exactly as it
 * reads the embedded city. Values stay data throughout: nothing is evaluated.
 */
import { BUILDING_USE_KEYS, type BuildingUse, LAND_COVER_KEYS, type LandCover } from '../carbon/model/index.ts';
import { asNumber } from '../attributes/index.ts';
import { parseLength, propertyText, resolveHeight } from '../geo/index.ts';

export type InputRole = 'buildings' | 'roads' | 'green' | 'districts' | 'carbonMap' | 'stations';
export const INPUT_ROLES: readonly InputRole[] = ['buildings', 'roads', 'green', 'districts', 'carbonMap', 'stations'];

/** Geometry a role needs. */
export type RoleGeometry = 'polygons' | 'lines' | 'points' | 'polygons-or-points';

export type FieldKind = 'number' | 'text' | 'category';

export interface RoleField {
  readonly id: string;
  readonly kind: FieldKind;
  /** The unit of a number field, as the model reads it. */
  readonly unit?: string;
  /** For category fields: the model's categories. */
  readonly categories?: readonly string[];
  /** Property names (lower case) that usually hold this field, tried in order to guess the mapping. */
  readonly guesses: readonly string[];
  /** The model cannot use the layer without this field. */
  readonly required?: boolean;
}

export interface RoleSpec {
  readonly role: InputRole;
  readonly geometry: RoleGeometry;
  readonly fields: readonly RoleField[];
}

/** Road classes the network builder knows (OSM `highway` values; see roadnet/defaults.ts). */
export const ROAD_CATEGORIES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service', 'footway'] as const;
export const ONEWAY_CATEGORIES = ['yes', 'no', '-1'] as const;

export const ROLE_SPECS: Readonly<Record<InputRole, RoleSpec>> = {
  buildings: {
    role: 'buildings',
    geometry: 'polygons',
    fields: [
      { id: 'height', kind: 'number', unit: 'm', guesses: ['height', 'height_m', 'hgt', 'bldg_hgt', 'bld_hgt', 'building_height', '높이', '건물높이'] },
      { id: 'levels', kind: 'number', unit: 'storeys', guesses: ['building:levels', 'levels', 'floors', 'storeys', 'stories', 'grnd_flr', 'gro_flo_co', 'num_floors', '지상층수', '층수'] },
      { id: 'use', kind: 'category', categories: BUILDING_USE_KEYS, guesses: ['use', 'usage', 'building', 'main_purps_cd_nm', 'bdtyp_cd', 'type', '주용도', '용도', '건물용도'] },
    ],
  },
  roads: {
    role: 'roads',
    geometry: 'lines',
    fields: [
      { id: 'class', kind: 'category', categories: ROAD_CATEGORIES, guesses: ['highway', 'road_rank', 'class', 'fclass', 'road_class', 'type', '도로등급'], required: true },
      { id: 'lanes', kind: 'number', unit: 'lanes', guesses: ['lanes', 'lane', 'lanes_num', '차로수'] },
      { id: 'maxspeed', kind: 'number', unit: 'km/h', guesses: ['maxspeed', 'max_spd', 'speed', 'speed_limit', '제한속도'] },
      { id: 'oneway', kind: 'category', categories: ONEWAY_CATEGORIES, guesses: ['oneway', 'one_way', '일방통행'] },
    ],
  },
  green: {
    role: 'green',
    geometry: 'polygons',
    fields: [{ id: 'cover', kind: 'category', categories: LAND_COVER_KEYS, guesses: ['landcover', 'land_cover', 'landuse', 'leisure', 'natural', 'type', 'class', '토지피복', '피복'] }],
  },
  districts: {
    role: 'districts',
    geometry: 'polygons',
    fields: [{ id: 'name', kind: 'text', guesses: ['name', 'name:ko', 'name_ko', 'adm_nm', 'emd_kor_nm', 'sig_kor_nm', 'district', '행정동', '이름', '명칭'], required: true }],
  },
  carbonMap: {
    role: 'carbonMap',
    geometry: 'polygons-or-points',
    fields: [{ id: 'value', kind: 'number', unit: 'tCO2e/yr', guesses: ['value', 'co2', 'tco2', 'emission', 'emissions', 'total', '배출량', '탄소'], required: true }],
  },
  stations: {
    role: 'stations',
    geometry: 'points',
    fields: [
      { id: 'name', kind: 'text', guesses: ['name', 'station', 'name:ko', '이름', '충전소명'] },
      { id: 'capacity', kind: 'number', unit: 'kg/day', guesses: ['capacity_kg_day', 'capacity', 'kg_per_day', 'capa', '충전용량'] },
    ],
  },
};

/** Which roles a layer of each kind can play. */
export function rolesFor(kind: 'buildings' | 'roads' | 'green' | 'areas' | 'points'): InputRole[] {
  if (kind === 'roads') return ['roads'];
  if (kind === 'points') return ['stations', 'carbonMap'];
  return ['buildings', 'green', 'districts', 'carbonMap'];
}

export interface FieldMapping {
  /** The layer's property holding this field; absent: the model's default applies. */
  readonly property?: string;
  /** Category fields: layer value (as text) → model category. Values not listed fall back to the model's reading. */
  readonly values?: Readonly<Record<string, string>>;
  /** A number field's multiplier (e.g. 0.3048 for feet); 1 when absent. */
  readonly scale?: number;
}

export interface InputMapping {
  readonly role: InputRole;
  readonly fields: Readonly<Record<string, FieldMapping>>;
}

/**
 * Known value translations, guessed when a property is picked: OSM tags (already the model's language),
 * Korean building-use names (건축물대장 주용도), and the road ranks of Korea's standard node-link data
 * (국토교통부 표준노드링크 ROAD_RANK: 101 고속국도, 102 도시고속국도, 103 일반국도, 104 특별·광역시도,
 * 105 국가지원지방도, 106 지방도, 107 시·군도, 108 기타).
 */
const KNOWN_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  use: {
    apartments: 'apartment', residential: 'apartment', 아파트: 'apartment', 공동주택: 'apartment', 다세대주택: 'apartment', 연립주택: 'apartment',
    house: 'house', detached: 'house', 단독주택: 'house', 다가구주택: 'house',
    office: 'office', 업무시설: 'office', 공공업무시설: 'office',
    commercial: 'commercial', retail: 'commercial', 제1종근린생활시설: 'commercial', 제2종근린생활시설: 'commercial', 판매시설: 'commercial', 숙박시설: 'commercial',
    school: 'education', university: 'education', 교육연구시설: 'education',
    garage: 'unconditioned', 창고시설: 'unconditioned', 자동차관련시설: 'unconditioned',
    yes: 'mixed', 복합: 'mixed',
    공장: 'other', 의료시설: 'other', 문화및집회시설: 'other', 종교시설: 'other', 운동시설: 'other',
  },
  class: {
    '101': 'motorway', '102': 'motorway', '103': 'trunk', '104': 'primary', '105': 'secondary', '106': 'secondary', '107': 'tertiary', '108': 'residential',
    motorway_link: 'motorway', trunk_link: 'trunk', primary_link: 'primary', secondary_link: 'secondary', tertiary_link: 'tertiary',
    unclassified: 'residential', living_street: 'residential', road: 'residential', track: 'service', path: 'footway', cycleway: 'footway', pedestrian: 'footway', steps: 'footway',
  },
  oneway: { true: 'yes', '1': 'yes', y: 'yes', false: 'no', '0': 'no', n: 'no', 일방: 'yes', 양방: 'no' },
  cover: {
    wood: 'forest', forest: 'forest', 산림: 'forest', 숲: 'forest', park: 'park', 공원: 'park', garden: 'garden', 정원: 'garden',
    cemetery: 'cemetery', grass: 'grass', meadow: 'grass', 초지: 'grass', water: 'water', 수역: 'water',
  },
};

/** A model category for a layer value: the user's choice, a known translation, or the value itself when it is one. */
export function categoryOf(field: RoleField, mapping: FieldMapping | undefined, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = propertyText(raw).trim();
  const chosen = mapping?.values?.[text];
  if (chosen !== undefined && field.categories?.includes(chosen)) return chosen;
  if (field.categories?.includes(text)) return text;
  const known = KNOWN_VALUES[field.id]?.[text] ?? KNOWN_VALUES[field.id]?.[text.toLowerCase()];
  return known !== undefined && field.categories?.includes(known) ? known : undefined;
}

/** Guesses a mapping from the layer's property keys (exact names, case-insensitive, in each field's order). */
export function guessMapping(role: InputRole, keys: readonly string[]): InputMapping {
  const lower = new Map<string, string>();
  for (const k of keys) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
  const fields: Record<string, FieldMapping> = {};
  for (const f of ROLE_SPECS[role].fields) {
    const hit = f.guesses.map((g) => lower.get(g)).find((k) => k !== undefined);
    if (hit !== undefined) fields[f.id] = { property: hit };
  }
  return { role, fields };
}

/** OSM `building` values that make the traffic demand model (demand/rates.ts) read each use the same way. */
const BUILDING_TAG_OF_USE: Readonly<Record<BuildingUse, string>> = {
  apartment: 'apartments', house: 'house', office: 'office', commercial: 'retail', education: 'school', other: 'public', mixed: 'yes', unconditioned: 'garage',
};

/** What a model reads from one feature under a mapping (undefined: the model's own default applies). */
export type MappedValues = Record<string, string | number | undefined>;

function numberOf(mapping: FieldMapping | undefined, props: Readonly<Record<string, unknown>>): number | undefined {
  if (mapping?.property === undefined) return undefined;
  const raw = props[mapping.property];
  const v = typeof raw === 'string' ? (parseLength(raw) ?? asNumber(raw)) : asNumber(raw);
  return Number.isFinite(v) ? v * (mapping.scale ?? 1) : undefined;
}

/** The model fields of one feature's properties under a mapping. */
export function mappedValues(mapping: InputMapping, props: Readonly<Record<string, unknown>>): MappedValues {
  const out: MappedValues = {};
  for (const f of ROLE_SPECS[mapping.role].fields) {
    const m = mapping.fields[f.id];
    if (f.kind === 'number') out[f.id] = numberOf(m, props);
    else if (m?.property === undefined) out[f.id] = undefined;
    else if (f.kind === 'text') {
      const raw = props[m.property];
      out[f.id] = raw === undefined || raw === null ? undefined : propertyText(raw);
    } else out[f.id] = categoryOf(f, m, props[m.property]);
  }
  return out;
}

/**
 * The properties a model reads for one feature: the file's own, with the mapped fields written under the
 * keys the readers know. A field whose property is missing or unusable for this feature leaves the file's
 * properties as they are, so the model's documented fallback (estimated height, `mixed` use…) applies.
 */
export function applyMapping(mapping: InputMapping, props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const v = mappedValues(mapping, props);
  const out: Record<string, unknown> = { ...props };
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  };
  switch (mapping.role) {
    case 'buildings':
      set('height', v['height']);
      set('building:levels', v['levels']);
      if (v['use'] !== undefined) {
        set('use', v['use']);
        set('building', BUILDING_TAG_OF_USE[v['use'] as BuildingUse]);
      } else if (out['building'] === undefined) set('building', 'yes');
      break;
    case 'roads':
      set('highway', v['class']);
      set('lanes', v['lanes']);
      set('maxspeed', v['maxspeed']);
      set('oneway', v['oneway']);
      break;
    case 'green':
      set('landcover', v['cover'] as LandCover | undefined);
      break;
    case 'districts':
      set('name', v['name']);
      break;
    case 'carbonMap':
      set('value', v['value']);
      break;
    case 'stations':
      set('name', v['name']);
      set('capacity_kg_day', v['capacity']);
      break;
  }
  return out;
}

/** Applies a mapping to GeoJSON features (new feature objects; geometry shared). */
export function mapFeatures(mapping: InputMapping, features: readonly unknown[]): unknown[] {
  return features.map((f) => {
    if (f === null || typeof f !== 'object') return f;
    const props = (f as { properties?: unknown }).properties;
    const p = props !== null && typeof props === 'object' ? (props as Record<string, unknown>) : {};
    return { ...(f as object), properties: applyMapping(mapping, p) };
  });
}

export interface FieldCoverage {
  readonly id: string;
  /** Features whose mapped value the model can use. */
  readonly usable: number;
  /** Distinct layer values of a category field that translate to no category (up to 12), most frequent first. */
  readonly unmatched: readonly { readonly value: string; readonly count: number }[];
}

export interface MappingPreview {
  /** The first rows as the model will read them. */
  readonly rows: readonly MappedValues[];
  /** For buildings: the height each sample row will be drawn and modelled with, and where it comes from. */
  readonly heights?: readonly { readonly m: number; readonly source: string }[];
  readonly coverage: readonly FieldCoverage[];
  readonly total: number;
  /** Required fields without a property, or whose property gives no usable value at all. */
  readonly missingRequired: readonly string[];
}

/** How a mapping reads a layer: sample rows, per-field coverage, and unmatched category values. */
export function previewMapping(mapping: InputMapping, rows: readonly Record<string, unknown>[], sample = 6): MappingPreview {
  const spec = ROLE_SPECS[mapping.role];
  const usable = new Map<string, number>();
  const unmatched = new Map<string, Map<string, number>>();
  const mapped = rows.map((r) => mappedValues(mapping, r));
  mapped.forEach((v, i) => {
    for (const f of spec.fields) {
      if (v[f.id] !== undefined) usable.set(f.id, (usable.get(f.id) ?? 0) + 1);
      else if (f.kind === 'category') {
        const prop = mapping.fields[f.id]?.property;
        const raw = prop === undefined ? undefined : rows[i]![prop];
        if (raw === undefined || raw === null || raw === '') continue;
        const text = propertyText(raw);
        const m = unmatched.get(f.id) ?? new Map<string, number>();
        m.set(text, (m.get(text) ?? 0) + 1);
        unmatched.set(f.id, m);
      }
    }
  });
  const coverage = spec.fields.map((f) => ({
    id: f.id,
    usable: usable.get(f.id) ?? 0,
    unmatched: [...(unmatched.get(f.id) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 12)
      .map(([value, count]) => ({ value, count })),
  }));
  const missingRequired = spec.fields.filter((f) => f.required && (usable.get(f.id) ?? 0) === 0).map((f) => f.id);
  const head = rows.slice(0, sample);
  return {
    rows: mapped.slice(0, sample),
    ...(mapping.role === 'buildings'
      ? {
          heights: head.map((r) => {
            const h = resolveHeight(applyMapping(mapping, r));
            return { m: h.height, source: ['height', 'levels', 'estimate'][h.source] ?? 'estimate' };
          }),
        }
      : {}),
    coverage,
    total: rows.length,
    missingRequired,
  };
}

/** Checks an untrusted mapping (e.g. from a saved scenario): known role, known fields, known categories. */
export function validateMapping(value: unknown): InputMapping {
  if (value === null || typeof value !== 'object') throw new Error('a mapping must be an object');
  const role = (value as { role?: unknown }).role;
  if (typeof role !== 'string' || !(INPUT_ROLES as readonly string[]).includes(role)) throw new Error(`unknown role ${JSON.stringify(role)}: one of ${INPUT_ROLES.join(', ')}`);
  const spec = ROLE_SPECS[role as InputRole];
  const fieldsIn = (value as { fields?: unknown }).fields;
  if (fieldsIn === null || typeof fieldsIn !== 'object') throw new Error('fields must be an object');
  const fields: Record<string, FieldMapping> = {};
  for (const [id, m] of Object.entries(fieldsIn as Record<string, unknown>)) {
    const field = spec.fields.find((f) => f.id === id);
    if (!field) throw new Error(`fields.${id}: ${role} has no field ${JSON.stringify(id)} (fields: ${spec.fields.map((f) => f.id).join(', ')})`);
    if (m === null || typeof m !== 'object') throw new Error(`fields.${id} must be an object`);
    const { property, values, scale } = m as { property?: unknown; values?: unknown; scale?: unknown };
    if (property !== undefined && typeof property !== 'string') throw new Error(`fields.${id}.property must be text`);
    if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0)) throw new Error(`fields.${id}.scale must be a positive number`);
    const vals: Record<string, string> = {};
    if (values !== undefined) {
      if (values === null || typeof values !== 'object') throw new Error(`fields.${id}.values must be an object`);
      for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
        if (typeof v !== 'string' || !field.categories?.includes(v)) throw new Error(`fields.${id}.values[${JSON.stringify(k)}]: ${JSON.stringify(v)} is not one of ${(field.categories ?? []).join(', ')}`);
        Object.defineProperty(vals, k, { value: v, enumerable: true });
      }
    }
    fields[id] = { ...(property !== undefined ? { property } : {}), ...(values !== undefined ? { values: vals } : {}), ...(scale !== undefined ? { scale } : {}) };
  }
  return { role: role as InputRole, fields };
}
