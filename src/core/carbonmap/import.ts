/**
 * Importing someone else's carbon-map layer: GeoJSON polygons or points, or CSV points (x, y, value),
 * in any supported CRS, with one numeric property picked as the value.
 *
 * CRS, in order: the caller's (`given`), the file's `crs` member (`declared`), else guessed from the
 * coordinates (`inferred`; see src/core/crs). Items that cannot be placed or whose value is not a number
 * are skipped and listed (index, line for CSV, id for GeoJSON, code, message); a missing value
 * (absent, null or blank) keeps the item with NaN. A file with nothing usable throws.
 */
import {
  type CrsCode,
  type CrsGuess,
  crsFromName,
  crsInfo,
  inBox,
  inferCrs,
  toWgs84,
} from '../crs/index.ts';
import { type LocalFrame, createLocalFrame, featureId, parseGeoJson, projectInto, propertiesOf } from '../geo/index.ts';
import { CarbonMapError, type CsvTable, parseCsv } from './csv.ts';
import { numericValue, ownValue, parseNumber, quoted } from './numbers.ts';
import { listValueProperties } from './properties.ts';

export type CarbonMapInput =
  | { readonly format: 'geojson'; readonly text: string }
  | { readonly format: 'csv'; readonly text: string }
  /** Features already parsed (e.g. by parseGeoJson), with the file's `crs` name if it had one. */
  | { readonly format: 'features'; readonly features: readonly unknown[]; readonly crsName?: string };

export interface CarbonMapOptions {
  /** The property (GeoJSON) or column (CSV) holding the value. */
  readonly property: string;
  /** The CRS of the coordinates, when the caller knows it (overrides the file's `crs` member). */
  readonly crs?: CrsCode;
  /** Local frame for the output; by default one centred on the data. */
  readonly frame?: LocalFrame;
  /** CSV coordinate columns, when their names are not one of X_COLUMNS / Y_COLUMNS. */
  readonly xColumn?: string;
  readonly yColumn?: string;
}

export type CarbonSkipCode =
  | 'not-a-feature'
  | 'no-geometry'
  | 'wrong-geometry-type'
  | 'bad-coordinates'
  | 'missing-coordinate'
  | 'bad-number'
  | 'out-of-area';

export interface CarbonSkipped {
  /** 0-based feature index, or data-row index (header excluded) for CSV. */
  readonly index: number;
  /** 1-based line of the CSV file. */
  readonly line?: number;
  /** The feature's id, when it has one. */
  readonly id?: string;
  readonly code: CarbonSkipCode;
  /** English message; the UI translates by `code`. */
  readonly message: string;
}

export interface CrsChoice {
  readonly code: CrsCode;
  readonly chosen: 'declared' | 'inferred' | 'given';
  /** The file's `crs` name, when it had one (even if the caller's CRS was used instead). */
  readonly declaredName?: string;
  /** The guess and its candidates, when the CRS was inferred. */
  readonly guess?: CrsGuess;
}

interface CarbonMapCommon {
  readonly property: string;
  readonly crs: CrsChoice;
  readonly frame: LocalFrame;
  /** Items read from the file (kept + skipped). */
  readonly total: number;
  /** One value per kept item, NaN where it is missing. */
  readonly values: Float64Array;
  /** Index of each kept item in the file (feature index, or CSV data-row index). */
  readonly sourceIndex: Uint32Array;
  /** Kept items whose value is missing. */
  readonly missing: number;
  /** Smallest and largest value ([NaN, NaN] when every value is missing). */
  readonly valueRange: readonly [number, number];
  /** WGS84 bounds of what was kept: [minLon, minLat, maxLon, maxLat], degrees. */
  readonly lonLatBounds: readonly [number, number, number, number];
  /** The same in the local frame: [minX, minY, maxX, maxY], metres. */
  readonly bounds: readonly [number, number, number, number];
  readonly skipped: readonly CarbonSkipped[];
}

export interface GeoJsonPolygonFeature {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: number[][][] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

export interface CarbonMapPolygons extends CarbonMapCommon {
  readonly kind: 'polygons';
  /** Kept features, coordinates in WGS84 lon/lat: ready for buildPolygonLayer (feature i has values[i]). */
  readonly features: readonly GeoJsonPolygonFeature[];
}

export interface CarbonMapPoints extends CarbonMapCommon {
  readonly kind: 'points';
  /** Local metres east / north of the frame origin. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** WGS84 lon, lat pairs (degrees), for export. */
  readonly lonLat: Float64Array;
}

export type CarbonMap = CarbonMapPolygons | CarbonMapPoints;

/** Column names read as x and y when the caller names none (compared case-insensitively). */
export const X_COLUMNS: readonly string[] = ['x', 'lon', 'lng', 'long', 'longitude', 'easting', 'east', 'e', 'xcoord', 'x_coord', 'coord_x', 'point_x', '경도'];
export const Y_COLUMNS: readonly string[] = ['y', 'lat', 'latitude', 'northing', 'north', 'n', 'ycoord', 'y_coord', 'coord_y', 'point_y', '위도'];

/** Positions per feature used to infer a CRS, and features sampled (evenly spread). */
const SAMPLE_PER_FEATURE = 8;
const SAMPLE_FEATURES = 512;

function skip(list: CarbonSkipped[], index: number, code: CarbonSkipCode, message: string, extra: { line?: number; id?: string | undefined } = {}): void {
  list.push({
    index,
    ...(extra.line === undefined ? {} : { line: extra.line }),
    ...(extra.id === undefined ? {} : { id: extra.id }),
    code,
    message,
  });
}

function outOfArea(code: CrsCode, x: number, y: number): string {
  return `(${x}, ${y}) is outside the area where ${crsInfo(code).id} can be used — is the CRS right?`;
}

// ---------------------------------------------------------------------------------------------- CRS

function chooseCrs(options: CarbonMapOptions, declaredName: string | undefined, sample: () => Float64Array): CrsChoice {
  const declared = declaredName === undefined ? {} : { declaredName };
  if (options.crs !== undefined) {
    crsInfo(options.crs); // rejects an unknown code early
    return { code: options.crs, chosen: 'given', ...declared };
  }
  if (declaredName !== undefined) {
    return { code: crsFromName(declaredName), chosen: 'declared', declaredName };
  }
  const guess = inferCrs(sample());
  return { code: guess.code, chosen: 'inferred', guess };
}

// ---------------------------------------------------------------------------------------------- shared output

class Extent {
  minLon = Infinity;
  minLat = Infinity;
  maxLon = -Infinity;
  maxLat = -Infinity;
  add(lon: number, lat: number): void {
    if (lon < this.minLon) this.minLon = lon;
    if (lon > this.maxLon) this.maxLon = lon;
    if (lat < this.minLat) this.minLat = lat;
    if (lat > this.maxLat) this.maxLat = lat;
  }
  get box(): [number, number, number, number] {
    return Number.isFinite(this.minLon) ? [this.minLon, this.minLat, this.maxLon, this.maxLat] : [0, 0, 0, 0];
  }
}

function frameFor(options: CarbonMapOptions, box: readonly [number, number, number, number]): LocalFrame {
  return options.frame ?? createLocalFrame((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
}

function valueStats(values: Float64Array): { missing: number; valueRange: [number, number] } {
  let missing = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) missing++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { missing, valueRange: Number.isFinite(lo) ? [lo, hi] : [NaN, NaN] };
}

function nothingUsable(total: number, what: string, skipped: readonly CarbonSkipped[]): CarbonMapError {
  const first = skipped.slice(0, 3).map((s) => (s.line === undefined ? `${what} ${s.index}: ${s.message}` : `line ${s.line}: ${s.message}`));
  const line = skipped[0]?.line;
  return new CarbonMapError(
    'nothing-usable',
    `nothing usable: all ${total} ${what}${total === 1 ? '' : 's'} were skipped${first.length > 0 ? ` (${first.join('; ')}${skipped.length > 3 ? '; …' : ''})` : ''}`,
    line,
  );
}

// ---------------------------------------------------------------------------------------------- CSV

function findColumn(table: CsvTable, wanted: string | undefined, names: readonly string[], what: string): number {
  const lower = table.columns.map((c) => c.toLowerCase());
  if (wanted !== undefined) {
    let k = table.columns.indexOf(wanted);
    if (k < 0) k = lower.indexOf(wanted.toLowerCase());
    if (k >= 0) return k;
    throw new CarbonMapError('no-column', `line ${table.headerLine}: no column ${quoted(wanted)} for ${what} (columns: ${table.columns.join(', ')})`, table.headerLine);
  }
  for (const name of names) {
    const k = lower.indexOf(name);
    if (k >= 0) return k;
  }
  throw new CarbonMapError(
    'no-column',
    `line ${table.headerLine}: no ${what} column (looked for ${names.slice(0, 6).join(', ')}…; columns: ${table.columns.join(', ')})`,
    table.headerLine,
  );
}

function importCsv(text: string, options: CarbonMapOptions): CarbonMapPoints {
  const table = parseCsv(text);
  const xi = findColumn(table, options.xColumn, X_COLUMNS, 'x');
  const yi = findColumn(table, options.yColumn, Y_COLUMNS, 'y');
  const vi = findColumn(table, options.property, [], 'the value');
  const { decimalComma } = table;
  const skipped: CarbonSkipped[] = [];
  const rows = table.rows;
  if (rows.length === 0) throw new CarbonMapError('empty', `line ${table.headerLine}: the file has a header but no rows`, table.headerLine);
  const xy = new Float64Array(rows.length * 2);
  const values = new Float64Array(rows.length);
  const index = new Uint32Array(rows.length);
  const lines = new Uint32Array(rows.length);
  let kept = 0;
  rows.forEach((row, r) => {
    const line = row.line;
    const coords: number[] = [];
    for (const [k, name] of [[xi, table.columns[xi]!], [yi, table.columns[yi]!]] as const) {
      const text = row.fields[k];
      if (text === undefined || text.trim() === '') {
        skip(skipped, r, 'missing-coordinate', `line ${line}: no ${name} value`, { line });
        return;
      }
      const v = parseNumber(text, decimalComma);
      if (v === undefined) {
        skip(skipped, r, 'bad-number', `line ${line}: ${name} ${quoted(text)} is not a number`, { line });
        return;
      }
      coords.push(v);
    }
    const vtext = row.fields[vi];
    let value = NaN;
    if (vtext !== undefined && vtext.trim() !== '') {
      const v = parseNumber(vtext, decimalComma);
      if (v === undefined) {
        skip(skipped, r, 'bad-number', `line ${line}: ${table.columns[vi]} ${quoted(vtext)} is not a number`, { line });
        return;
      }
      value = v;
    }
    xy[kept * 2] = coords[0]!;
    xy[kept * 2 + 1] = coords[1]!;
    values[kept] = value;
    index[kept] = r;
    lines[kept] = line;
    kept++;
  });
  const read = xy.subarray(0, kept * 2);
  if (kept === 0) throw nothingUsable(rows.length, 'row', skipped);
  const crs = chooseCrs(options, undefined, () => read);
  return finishPoints(read, values.subarray(0, kept), index.subarray(0, kept), (k) => ({ line: lines[k]! }), rows.length, crs, options, skipped, 'row');
}

// ---------------------------------------------------------------------------------------------- points

function finishPoints(
  xy: Float64Array,
  values: Float64Array,
  index: Uint32Array,
  where: (k: number) => { line?: number; id?: string | undefined },
  total: number,
  crs: CrsChoice,
  options: CarbonMapOptions,
  skipped: CarbonSkipped[],
  what: string,
): CarbonMapPoints {
  const n = values.length;
  const ll = toWgs84(crs.code)(xy);
  const usable = crsInfo(crs.code).usable;
  const lonLat = new Float64Array(n * 2);
  const keptValues = new Float64Array(n);
  const keptIndex = new Uint32Array(n);
  const extent = new Extent();
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const lon = ll[k * 2]!;
    const lat = ll[k * 2 + 1]!;
    if (Number.isNaN(lon) || !inBox(usable, lon, lat)) {
      const w = where(k);
      const prefix = w.line === undefined ? '' : `line ${w.line}: `;
      skip(skipped, index[k]!, 'out-of-area', prefix + outOfArea(crs.code, xy[k * 2]!, xy[k * 2 + 1]!), w);
      continue;
    }
    lonLat[kept * 2] = lon;
    lonLat[kept * 2 + 1] = lat;
    keptValues[kept] = values[k]!;
    keptIndex[kept] = index[k]!;
    extent.add(lon, lat);
    kept++;
  }
  skipped.sort((a, b) => a.index - b.index);
  if (kept === 0) throw nothingUsable(total, what, skipped);
  const lonLatBounds = extent.box;
  const frame = frameFor(options, lonLatBounds);
  const x = new Float64Array(kept);
  const y = new Float64Array(kept);
  const p = [0, 0];
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < kept; k++) {
    projectInto(frame, lonLat[k * 2]!, lonLat[k * 2 + 1]!, p, 0);
    x[k] = p[0]!;
    y[k] = p[1]!;
    b[0] = Math.min(b[0]!, p[0]!);
    b[1] = Math.min(b[1]!, p[1]!);
    b[2] = Math.max(b[2]!, p[0]!);
    b[3] = Math.max(b[3]!, p[1]!);
  }
  const vals = keptValues.slice(0, kept);
  return {
    kind: 'points',
    property: options.property,
    crs,
    frame,
    total,
    x,
    y,
    lonLat: lonLat.slice(0, kept * 2),
    values: vals,
    sourceIndex: keptIndex.slice(0, kept),
    ...valueStats(vals),
    lonLatBounds,
    bounds: [b[0]!, b[1]!, b[2]!, b[3]!],
    skipped,
  };
}

// ---------------------------------------------------------------------------------------------- GeoJSON

type GeomKind = 'polygons' | 'points';

interface FeatureGeometry {
  readonly type: string;
  readonly coordinates: unknown;
}

function geometryOf(f: unknown): FeatureGeometry | 'not-a-feature' | 'no-geometry' {
  if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return 'not-a-feature';
  const g = (f as { geometry?: unknown }).geometry;
  if (g === null || typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string') return 'no-geometry';
  return g as FeatureGeometry;
}

function kindOf(type: string): GeomKind | undefined {
  if (type === 'Polygon' || type === 'MultiPolygon') return 'polygons';
  if (type === 'Point' || type === 'MultiPoint') return 'points';
  return undefined;
}

/** Nesting depth of positions: Point 0, MultiPoint 1, Polygon 2, MultiPolygon 3. */
function depthOf(type: string): number {
  return type === 'Point' ? 0 : type === 'MultiPoint' ? 1 : type === 'Polygon' ? 2 : 3;
}

class BadCoordinates extends Error {}

/** Appends every position (x, y) of nested coordinates to `out`; throws BadCoordinates with a path. */
function collect(coords: unknown, depth: number, out: number[], path: string): void {
  if (depth === 0) {
    if (!Array.isArray(coords) || coords.length < 2) throw new BadCoordinates(`${path}: a position must be an array [x, y]`);
    const x: unknown = coords[0];
    const y: unknown = coords[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new BadCoordinates(`${path}: coordinates must be finite numbers, found ${quoted(x)}, ${quoted(y)}`);
    }
    out.push(x, y);
    return;
  }
  if (!Array.isArray(coords) || coords.length === 0) throw new BadCoordinates(`${path}: expected a non-empty array`);
  coords.forEach((c, i) => collect(c, depth - 1, out, `${path}[${i}]`));
}

/** Rebuilds nested coordinates of the same shape from transformed flat pairs. */
function rebuild(coords: unknown, depth: number, ll: Float64Array, at: { k: number }): unknown {
  if (depth === 0) {
    const pos = [ll[at.k]!, ll[at.k + 1]!];
    at.k += 2;
    return pos;
  }
  return (coords as unknown[]).map((c) => rebuild(c, depth - 1, ll, at));
}

function sampleFeatures(features: readonly unknown[], kinds: readonly (GeomKind | undefined)[], kind: GeomKind): Float64Array {
  const chosen: number[] = [];
  for (let i = 0; i < features.length; i++) if (kinds[i] === kind) chosen.push(i);
  const step = Math.max(1, Math.ceil(chosen.length / SAMPLE_FEATURES));
  const out: number[] = [];
  for (let j = 0; j < chosen.length; j += step) {
    const g = geometryOf(features[chosen[j]!]) as FeatureGeometry;
    const flat: number[] = [];
    try {
      collect(g.coordinates, depthOf(g.type), flat, 'coordinates');
    } catch (err) {
      if (!(err instanceof BadCoordinates)) throw err;
      continue;
    }
    const pts = flat.length / 2;
    const every = Math.max(1, Math.ceil(pts / SAMPLE_PER_FEATURE));
    for (let p = 0; p < pts; p += every) out.push(flat[2 * p]!, flat[2 * p + 1]!);
  }
  return Float64Array.from(out);
}

function importFeatures(features: readonly unknown[], crsName: string | undefined, options: CarbonMapOptions): CarbonMap {
  const total = features.length;
  if (total === 0) throw new CarbonMapError('empty', 'the file has no features');
  const skipped: CarbonSkipped[] = [];
  const kinds: Array<GeomKind | undefined> = new Array(total);
  let polygons = 0;
  let points = 0;
  features.forEach((f, i) => {
    const g = geometryOf(f);
    const id = featureId(f);
    if (g === 'not-a-feature') return skip(skipped, i, 'not-a-feature', 'not a GeoJSON Feature (type must be "Feature")', { id });
    if (g === 'no-geometry') return skip(skipped, i, 'no-geometry', 'the feature has no geometry', { id });
    const k = kindOf(g.type);
    if (!k) return skip(skipped, i, 'wrong-geometry-type', `expected Polygon, MultiPolygon, Point or MultiPoint, found ${g.type.slice(0, 40)}`, { id });
    kinds[i] = k;
    if (k === 'polygons') polygons++;
    else points++;
  });
  if (polygons + points === 0) throw nothingUsable(total, 'feature', skipped);
  const kind: GeomKind = polygons >= points ? 'polygons' : 'points';
  const minority = kind === 'polygons' ? 'Point or MultiPoint' : 'Polygon or MultiPolygon';
  features.forEach((f, i) => {
    if (kinds[i] !== undefined && kinds[i] !== kind) {
      skip(skipped, i, 'wrong-geometry-type', `found ${minority} in a layer of ${kind} (${kind === 'polygons' ? polygons : points} of ${total})`, { id: featureId(f) });
      kinds[i] = undefined;
    }
  });

  const property = options.property;
  if (!features.some((f, i) => kinds[i] !== undefined && Object.hasOwn(propertiesOf(f), property))) {
    const numeric = listValueProperties(features).map((p) => p.name);
    throw new CarbonMapError(
      'no-property',
      `no feature has the property ${quoted(property)}${numeric.length > 0 ? `; numeric properties: ${numeric.slice(0, 10).join(', ')}` : '; the features have no numeric properties'}`,
    );
  }

  const crs = chooseCrs(options, crsName, () => sampleFeatures(features, kinds, kind));
  const toLonLat = toWgs84(crs.code);
  const usable = crsInfo(crs.code).usable;

  if (kind === 'points') {
    // MultiPoints become one point per position, each with the feature's value and index.
    const xy: number[] = [];
    const values: number[] = [];
    const index: number[] = [];
    const ids: Array<string | undefined> = [];
    features.forEach((f, i) => {
      if (kinds[i] === undefined) return;
      const id = featureId(f);
      const raw = ownValue(propertiesOf(f), property);
      const v = numericValue(raw);
      if (v === 'bad') return skip(skipped, i, 'bad-number', `${property} ${quoted(raw)} is not a number`, { id });
      const g = geometryOf(f) as FeatureGeometry;
      const flat: number[] = [];
      try {
        collect(g.coordinates, depthOf(g.type), flat, 'coordinates');
      } catch (err) {
        if (!(err instanceof BadCoordinates)) throw err;
        return skip(skipped, i, 'bad-coordinates', err.message, { id });
      }
      for (let p = 0; p < flat.length; p += 2) {
        xy.push(flat[p]!, flat[p + 1]!);
        values.push(v === 'missing' ? NaN : v);
        index.push(i);
        ids.push(id);
      }
    });
    if (values.length === 0) throw nothingUsable(total, 'feature', skipped.sort((a, b) => a.index - b.index));
    return finishPoints(Float64Array.from(xy), Float64Array.from(values), Uint32Array.from(index), (k) => ({ id: ids[k] }), total, crs, options, skipped, 'feature');
  }

  const out: GeoJsonPolygonFeature[] = [];
  const values: number[] = [];
  const index: number[] = [];
  const extent = new Extent();
  features.forEach((f, i) => {
    if (kinds[i] === undefined) return;
    const id = featureId(f);
    const props = propertiesOf(f);
    const raw = ownValue(props, property);
    const v = numericValue(raw);
    if (v === 'bad') return skip(skipped, i, 'bad-number', `${property} ${quoted(raw)} is not a number`, { id });
    const g = geometryOf(f) as FeatureGeometry;
    const depth = depthOf(g.type);
    const flat: number[] = [];
    try {
      collect(g.coordinates, depth, flat, 'coordinates');
    } catch (err) {
      if (!(err instanceof BadCoordinates)) throw err;
      return skip(skipped, i, 'bad-coordinates', err.message, { id });
    }
    const ll = toLonLat(flat);
    for (let p = 0; p < ll.length; p += 2) {
      if (Number.isNaN(ll[p]!) || !inBox(usable, ll[p]!, ll[p + 1]!)) {
        return skip(skipped, i, 'out-of-area', outOfArea(crs.code, flat[p]!, flat[p + 1]!), { id });
      }
    }
    for (let p = 0; p < ll.length; p += 2) extent.add(ll[p]!, ll[p + 1]!);
    const coordinates = rebuild(g.coordinates, depth, ll, { k: 0 });
    const rawId = (f as { id?: unknown }).id;
    out.push({
      type: 'Feature',
      ...(typeof rawId === 'string' || typeof rawId === 'number' ? { id: rawId } : {}),
      properties: props,
      geometry: (g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: coordinates as number[][][] }
        : { type: 'MultiPolygon', coordinates: coordinates as number[][][][] }),
    });
    values.push(v === 'missing' ? NaN : v);
    index.push(i);
  });
  skipped.sort((a, b) => a.index - b.index);
  if (out.length === 0) throw nothingUsable(total, 'feature', skipped);
  const lonLatBounds = extent.box;
  const frame = frameFor(options, lonLatBounds);
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const p = [0, 0];
  const corner = (lon: number, lat: number): void => {
    projectInto(frame, lon, lat, p, 0);
    b[0] = Math.min(b[0]!, p[0]!);
    b[1] = Math.min(b[1]!, p[1]!);
    b[2] = Math.max(b[2]!, p[0]!);
    b[3] = Math.max(b[3]!, p[1]!);
  };
  for (const f of out) {
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of rings) for (const ring of poly) for (const pos of ring) corner(pos[0]!, pos[1]!);
  }
  const vals = Float64Array.from(values);
  return {
    kind: 'polygons',
    property,
    crs,
    frame,
    total,
    features: out,
    values: vals,
    sourceIndex: Uint32Array.from(index),
    ...valueStats(vals),
    lonLatBounds,
    bounds: [b[0]!, b[1]!, b[2]!, b[3]!],
    skipped,
  };
}

/** Imports a carbon-map layer (see the module header). Throws CarbonMapError, GeoJsonError or CrsError. */
export function importCarbonMap(input: CarbonMapInput, options: CarbonMapOptions): CarbonMap {
  if (input.format === 'csv') return importCsv(input.text, options);
  if (input.format === 'geojson') {
    const parsed = parseGeoJson(input.text);
    return importFeatures(parsed.features, parsed.crsName, options);
  }
  return importFeatures(input.features, input.crsName, options);
}
