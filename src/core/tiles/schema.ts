/**
 * The EXT_structural_metadata schema of a building tileset, chosen from the GeoJSON properties present,
 * and the binary property table of one tile.
 *
 * Class `building` holds five built-in properties and one per GeoJSON property key:
 *  - `feature_index` UINT32: the feature's 0-based position in the input file (unique per tileset);
 *  - `feature_id` STRING: the GeoJSON feature `id` as text ("" when it has none);
 *  - `height_m`, `min_height_m` FLOAT32: top and base of the extruded prism, metres above ground;
 *  - `height_source` STRING: where the height came from ('height', 'levels' or 'estimate', see geo/height.ts).
 * A GeoJSON key whose present values are all numbers becomes a FLOAT64 scalar (missing: the noData
 * value -Number.MAX_VALUE); any other key becomes a STRING (booleans and numbers as their text, objects
 * and arrays as JSON, missing as ""). The schema property `name` keeps the key exactly as in the file;
 * its id is the key made into an identifier ([A-Za-z_][A-Za-z0-9_]*), never a name an Object.prototype
 * member has, and made unique with a `_2`, `_3`… suffix. Values are stored as data, never markup.
 */
import { Grow } from '../columnar/index.ts';

export const CLASS_ID = 'building';
export const SCHEMA_ID = 'citytwin_buildings';
/** Stored for a missing number. */
export const NUMBER_NO_DATA = -Number.MAX_VALUE;

export type ColumnKind = 'number' | 'string';

export interface SchemaColumn {
  /** Property id in the schema and the property tables. */
  readonly id: string;
  /** The GeoJSON property key, exactly as in the file. */
  readonly key: string;
  readonly kind: ColumnKind;
}

/** One schema property as EXT_structural_metadata writes it. */
export interface ClassProperty {
  readonly type: 'SCALAR' | 'STRING';
  readonly componentType?: 'UINT32' | 'FLOAT32' | 'FLOAT64';
  readonly name?: string;
  readonly description?: string;
  readonly noData?: number | string;
}

export const BUILTIN_PROPERTIES: Readonly<Record<string, ClassProperty>> = {
  feature_index: { type: 'SCALAR', componentType: 'UINT32', description: '0-based position of the feature in the input file' },
  feature_id: { type: 'STRING', description: 'GeoJSON feature id as text', noData: '' },
  height_m: { type: 'SCALAR', componentType: 'FLOAT32', description: 'top of the building, metres above ground' },
  min_height_m: { type: 'SCALAR', componentType: 'FLOAT32', description: 'base of the building, metres above ground' },
  height_source: { type: 'STRING', description: "where the height came from: 'height' tag, 'levels' × 3 m, or 'estimate' by building type" },
};
const BUILTIN_IDS = Object.keys(BUILTIN_PROPERTIES);

/** A per-key tally of value types while scanning features. */
interface Tally {
  numbers: number;
  others: number;
}

/** Property ids that must never be used: the built-ins and every name on Object.prototype. */
function reserved(id: string): boolean {
  return BUILTIN_IDS.includes(id) || id === '__proto__' || id in Object.prototype;
}

/** A GeoJSON key made into a unique, safe schema identifier. */
function identifierFor(key: string, taken: Set<string>): string {
  let base = key.replace(/[^A-Za-z0-9_]/g, '_');
  if (base === '' || /^[0-9]/.test(base)) base = `_${base}`;
  let id = base;
  for (let k = 2; reserved(id) || taken.has(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

/** Scans feature properties (in file order) and chooses a column per key. */
export class SchemaBuilder {
  private readonly tallies = new Map<string, Tally>();
  observe(props: Readonly<Record<string, unknown>>): void {
    for (const key of Object.keys(props)) {
      const v = props[key];
      if (v === null || v === undefined) continue;
      let t = this.tallies.get(key);
      if (t === undefined) {
        t = { numbers: 0, others: 0 };
        this.tallies.set(key, t);
      }
      if (typeof v === 'number' && Number.isFinite(v) && v !== NUMBER_NO_DATA) t.numbers++;
      else t.others++;
    }
  }
  finish(): TileSchema {
    const taken = new Set<string>();
    const columns: SchemaColumn[] = [];
    for (const [key, t] of this.tallies) {
      columns.push({ id: identifierFor(key, taken), key, kind: t.others === 0 && t.numbers > 0 ? 'number' : 'string' });
    }
    return new TileSchema(columns);
  }
}

export class TileSchema {
  readonly byKey: ReadonlyMap<string, SchemaColumn>;
  constructor(readonly columns: readonly SchemaColumn[]) {
    this.byKey = new Map(columns.map((c) => [c.key, c]));
  }
  /** The schema JSON with the built-ins and the given columns (all of them by default). */
  json(columns: readonly SchemaColumn[] = this.columns): object {
    const properties: Record<string, ClassProperty> = { ...BUILTIN_PROPERTIES };
    for (const c of columns) {
      properties[c.id] = c.kind === 'number'
        ? { type: 'SCALAR', componentType: 'FLOAT64', name: c.key, noData: NUMBER_NO_DATA }
        : { type: 'STRING', name: c.key, noData: '' };
    }
    return { id: SCHEMA_ID, classes: { [CLASS_ID]: { name: 'Building', properties } } };
  }
}

/** Text of a value in a STRING column. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** One row of a tile's property table. */
export interface FeatureRow {
  readonly index: number;
  readonly id: string;
  readonly height: number;
  readonly minHeight: number;
  readonly heightSource: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A property column encoded for a binary property table. */
export interface EncodedColumn {
  readonly id: string;
  readonly values: Uint8Array;
  /** UINT32 string offsets (count + 1), for STRING columns. */
  readonly stringOffsets?: Uint8Array;
}

const encoder = new TextEncoder();

function bytesOf(a: Uint32Array | Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function stringColumn(id: string, texts: Iterable<string>, count: number): EncodedColumn {
  const bytes = new Grow((n) => new Uint8Array(n), 1024);
  const offsets = new Uint32Array(count + 1);
  let i = 0;
  for (const s of texts) {
    const target = bytes.reserve(s.length * 3);
    bytes.length += encoder.encodeInto(s, target.subarray(bytes.length)).written;
    offsets[++i] = bytes.length;
  }
  return { id, values: bytes.finish(), stringOffsets: bytesOf(offsets) };
}

/**
 * Encodes the property table of one tile: the built-ins, then every schema column that has a value in
 * at least one row (the others are left out of this tile's table and its embedded schema). `present`
 * lists the GeoJSON columns of the table; `columns` the encoded ones (built-ins that are empty in every
 * row, like `feature_id` for a file without ids, are left out).
 */
export function encodeRows(schema: TileSchema, rows: readonly FeatureRow[]): { columns: EncodedColumn[]; present: SchemaColumn[] } {
  const n = rows.length;
  const index = new Uint32Array(n);
  const height = new Float32Array(n);
  const minHeight = new Float32Array(n);
  rows.forEach((r, i) => {
    index[i] = r.index;
    height[i] = r.height;
    minHeight[i] = r.minHeight;
  });
  const columns: EncodedColumn[] = [
    { id: 'feature_index', values: bytesOf(index) },
    stringColumn('feature_id', rows.map((r) => r.id), n),
    { id: 'height_m', values: bytesOf(height) },
    { id: 'min_height_m', values: bytesOf(minHeight) },
    stringColumn('height_source', rows.map((r) => r.heightSource), n),
  ];
  const used = new Set<string>();
  for (const r of rows) {
    for (const key of Object.keys(r.properties)) {
      const v = r.properties[key];
      if (v !== null && v !== undefined && v !== '') used.add(key);
    }
  }
  const present = schema.columns.filter((c) => used.has(c.key));
  for (const c of present) {
    const get = (r: FeatureRow): unknown => (Object.hasOwn(r.properties, c.key) ? r.properties[c.key] : undefined);
    if (c.kind === 'number') {
      const values = new Float64Array(n);
      rows.forEach((r, i) => {
        const v = get(r);
        values[i] = typeof v === 'number' ? v : NUMBER_NO_DATA;
      });
      columns.push({ id: c.id, values: bytesOf(values) });
    } else {
      columns.push(stringColumn(c.id, rows.map((r) => valueText(get(r))), n));
    }
  }
  // A column with no bytes at all (every string empty) would need an empty buffer view, which glTF
  // forbids: it is left out of the table, and readers get its noData/default.
  return { columns: columns.filter((c) => c.values.byteLength > 0), present };
}
