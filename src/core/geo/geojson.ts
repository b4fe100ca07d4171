/**
 * Reading GeoJSON (RFC 7946) geometry defensively: every problem with a feature becomes a
 * `SkippedFeature` with the feature's index, its id when it has one, a stable code and an English
 * message; the rest of the file still loads. Coordinates are WGS84 lon/lat degrees.
 */

export type SkipCode =
  | 'not-a-feature'
  /** The geometry is null (or an empty GeometryCollection): an unlocated feature, kept in the table, not drawn. */
  | 'no-geometry'
  | 'wrong-geometry-type'
  | 'bad-coordinates'
  | 'out-of-range'
  | 'ring-too-short'
  | 'ring-not-closed'
  | 'zero-area'
  | 'line-too-short';

export interface SkippedFeature {
  /** 0-based position in the file's `features` array. */
  readonly index: number;
  readonly id?: string;
  readonly code: SkipCode;
  /** English message; the UI translates by `code` and shows `detail`. */
  readonly message: string;
  readonly detail?: string;
}

export interface FeatureLike {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly geometry?: unknown;
  readonly properties?: unknown;
}

export class FeatureError extends Error {
  constructor(readonly code: SkipCode, message: string, readonly detail?: string) {
    super(message);
  }
}

export function featureId(f: unknown): string | undefined {
  if (f === null || typeof f !== 'object') return undefined;
  const id = (f as FeatureLike).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function skipped(index: number, feature: unknown, err: FeatureError): SkippedFeature {
  const id = featureId(feature);
  const base = { index, code: err.code, message: err.message };
  const withId = id === undefined ? base : { ...base, id };
  return err.detail === undefined ? withId : { ...withId, detail: err.detail };
}

/** A polygon as rings of [lon, lat] pairs (first ring outer, the rest holes), closing point dropped. */
export type LonLatRing = number[];
export type LonLatPolygon = LonLatRing[];

function readPosition(p: unknown, where: string): [number, number] {
  if (!Array.isArray(p) || p.length < 2) throw new FeatureError('bad-coordinates', `${where}: a position must be an array [lon, lat]`, where);
  const lon = p[0];
  const lat = p[1];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new FeatureError('bad-coordinates', `${where}: coordinates must be finite numbers`, where);
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new FeatureError('out-of-range', `${where}: [${lon}, ${lat}] is outside lon/lat range (is the file in a projected CRS?)`, where);
  }
  return [lon, lat];
}

/** Reads one ring to a flat [lon0, lat0, lon1, lat1, …] array without the closing point or repeats. */
function readRing(ring: unknown, where: string): LonLatRing {
  if (!Array.isArray(ring)) throw new FeatureError('bad-coordinates', `${where}: a ring must be an array of positions`, where);
  const n = ring.length;
  if (n < 4) throw new FeatureError('ring-too-short', `${where}: a ring needs at least 4 positions, has ${n}`, where);
  const first = readPosition(ring[0], `${where}[0]`);
  const last = readPosition(ring[n - 1], `${where}[${n - 1}]`);
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new FeatureError('ring-not-closed', `${where}: the ring is not closed (first and last positions differ)`, where);
  }
  const out: number[] = [first[0], first[1]];
  for (let i = 1; i < n - 1; i++) {
    const [lon, lat] = readPosition(ring[i], `${where}[${i}]`);
    if (lon === out[out.length - 2] && lat === out[out.length - 1]) continue;
    out.push(lon, lat);
  }
  while (out.length > 2 && out[out.length - 2] === first[0] && out[out.length - 1] === first[1]) out.length -= 2;
  if (out.length < 6) throw new FeatureError('ring-too-short', `${where}: a ring needs at least 3 distinct positions`, where);
  return out;
}

function readPolygon(coords: unknown, where: string): LonLatPolygon {
  if (!Array.isArray(coords) || coords.length === 0) {
    throw new FeatureError('bad-coordinates', `${where}: a polygon needs at least one ring`, where);
  }
  return coords.map((ring, i) => readRing(ring, `${where}[${i}]`));
}

function geometryOf(feature: unknown): Geometry {
  if (feature === null || typeof feature !== 'object' || (feature as FeatureLike).type !== 'Feature') {
    throw new FeatureError('not-a-feature', 'not a GeoJSON Feature (type must be "Feature")');
  }
  const g = (feature as FeatureLike).geometry;
  if (g === null || g === undefined) throw new FeatureError('no-geometry', 'the feature has no geometry');
  if (typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string') {
    throw new FeatureError('no-geometry', 'geometry has no type');
  }
  return g as Geometry;
}

type Geometry = { type: string; coordinates: unknown; geometries?: unknown };

/**
 * The members of a GeometryCollection (nested ones flattened) whose type is one of `types`, each with the
 * path prefix of its coordinates; throws 'wrong-geometry-type' when it has none of them.
 */
export function collectionMembers(g: { geometries?: unknown }, types: readonly string[], expected: string, where = ''): Array<{ g: Geometry; at: string }> {
  const out: Array<{ g: Geometry; at: string }> = [];
  const visit = (c: { geometries?: unknown }, at: string): void => {
    if (!Array.isArray(c.geometries)) throw new FeatureError('bad-coordinates', `${at}geometries: a GeometryCollection needs a "geometries" array`, `${at}geometries`);
    c.geometries.forEach((m: unknown, i) => {
      if (m === null || typeof m !== 'object') return;
      const type = (m as { type?: unknown }).type;
      const here = `${at}geometries[${i}].`;
      if (type === 'GeometryCollection') visit(m as { geometries?: unknown }, here);
      else if (typeof type === 'string' && types.includes(type)) out.push({ g: m as Geometry, at: here });
    });
  };
  visit(g, where);
  if (out.length === 0) throw new FeatureError('wrong-geometry-type', `expected ${expected}, found a GeometryCollection without one`, 'GeometryCollection');
  return out;
}

function polygonsOf(g: Geometry, at: string): LonLatPolygon[] {
  if (g.type === 'Polygon') return [readPolygon(g.coordinates, `${at}coordinates`)];
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
      throw new FeatureError('bad-coordinates', `${at}coordinates: a MultiPolygon needs at least one polygon`, `${at}coordinates`);
    }
    return g.coordinates.map((poly, i) => readPolygon(poly, `${at}coordinates[${i}]`));
  }
  throw new FeatureError('wrong-geometry-type', `expected Polygon or MultiPolygon, found ${g.type}`, g.type);
}

/** Polygons of a Polygon or MultiPolygon feature (or of a GeometryCollection's polygon members); throws FeatureError for anything else. */
export function readPolygons(feature: unknown): LonLatPolygon[] {
  const g = geometryOf(feature);
  if (g.type !== 'GeometryCollection') return polygonsOf(g, '');
  return collectionMembers(g, ['Polygon', 'MultiPolygon'], 'Polygon or MultiPolygon').flatMap((m) => polygonsOf(m.g, m.at));
}

/** Line strings of a LineString or MultiLineString feature (or a GeometryCollection's line members) as flat lon/lat arrays. */
export function readLines(feature: unknown): number[][] {
  const g = geometryOf(feature);
  const readLine = (line: unknown, where: string): number[] => {
    if (!Array.isArray(line) || line.length < 2) throw new FeatureError('line-too-short', `${where}: a line needs at least 2 positions`, where);
    const out: number[] = [];
    for (let i = 0; i < line.length; i++) {
      const [lon, lat] = readPosition(line[i], `${where}[${i}]`);
      if (out.length > 0 && lon === out[out.length - 2] && lat === out[out.length - 1]) continue;
      out.push(lon, lat);
    }
    if (out.length < 4) throw new FeatureError('line-too-short', `${where}: a line needs at least 2 distinct positions`, where);
    return out;
  };
  const linesOf = (m: Geometry, at: string): number[][] => {
    if (m.type === 'LineString') return [readLine(m.coordinates, `${at}coordinates`)];
    if (m.type === 'MultiLineString') {
      if (!Array.isArray(m.coordinates) || m.coordinates.length === 0) {
        throw new FeatureError('line-too-short', `${at}coordinates: a MultiLineString needs at least one line`, `${at}coordinates`);
      }
      return m.coordinates.map((l, i) => readLine(l, `${at}coordinates[${i}]`));
    }
    throw new FeatureError('wrong-geometry-type', `expected LineString or MultiLineString, found ${m.type}`, m.type);
  };
  if (g.type !== 'GeometryCollection') return linesOf(g, '');
  return collectionMembers(g, ['LineString', 'MultiLineString'], 'LineString or MultiLineString').flatMap((m) => linesOf(m.g, m.at));
}

/** Properties as a plain record; anything that is not an object becomes {}. */
export function propertiesOf(feature: unknown): Record<string, unknown> {
  const p = feature !== null && typeof feature === 'object' ? (feature as FeatureLike).properties : undefined;
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

/** Lon/lat bounds of flat coordinate arrays: [minLon, minLat, maxLon, maxLat]. */
export function extendBounds(b: number[], flat: ArrayLike<number>): void {
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i]!;
    const y = flat[i + 1]!;
    if (x < b[0]!) b[0] = x;
    if (y < b[1]!) b[1] = y;
    if (x > b[2]!) b[2] = x;
    if (y > b[3]!) b[3] = y;
  }
}
