/**
 * A compact store of GeoJSON features, filled one parsed feature at a time (the streamed ingest path) so
 * a large file never has to be held as one tree of JavaScript objects.
 *
 * Polygon and MultiPolygon features with regular coordinates (every position an array of at least two
 * numbers, nested exactly as the type says) are kept as flat Float64 x, y pairs in file order plus a few
 * counts; their properties are packed (UTF-8 JSON) as they arrive and their heights resolved then. Any
 * other feature (lines, points, odd or broken geometry, things that are not features) is kept as the
 * parsed object, so every check and message of src/core/geo/geojson.ts applies to it unchanged.
 * Coordinates are whatever the file holds until `transform` brings them to WGS84 lon/lat degrees.
 */
import { Grow } from '../columnar/index.ts';
import { FeatureError, type LonLatPolygon, featureId, propertiesOf, readPolygons } from './geojson.ts';
import { type ResolvedHeight, resolveHeight } from './height.ts';
import { type PackedProperties, PropertyPacker } from './properties.ts';

const NONE = 0;
const POLYGON = 1;
const MULTIPOLYGON = 2;

/** What detectKind counts a feature as: nothing, polygon, polygon with building tags, line, point. */
export const enum GeometryClass {
  None = 0,
  Polygon = 1,
  Building = 2,
  Line = 3,
  Point = 4,
}

/** Where reprojection finds a file's positions (src/core/ingest/crs.ts). */
export interface PositionSource {
  /** Up to `max` positions evenly spread over all of them in file order, as flat x, y pairs. */
  sample(max: number): unknown[];
  /** Rewrites every position's x, y in place. */
  transform(forward: (x: number, y: number, out: Float64Array) => void): void;
}

export interface PolygonSource {
  readonly count: number;
  /** The feature's polygons as lon/lat rings (closing point and repeats dropped); throws FeatureError. */
  polygons(i: number): LonLatPolygon[];
  /** The feature's id as listed with a skipped feature. */
  id(i: number): string | undefined;
  /** Top and base height of feature i (only asked for features that are drawn extruded). */
  height(i: number): ResolvedHeight;
  /** Feature i's properties, packed in input order. */
  properties(): PackedProperties;
}

/** Visits every position array [x, y, …] of a geometry's coordinates, as src/core/ingest/crs.ts did. */
export function eachPosition(coords: unknown, visit: (p: unknown[]) => void): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number') {
    visit(coords);
    return;
  }
  for (const c of coords) eachPosition(c, visit);
}

/** The coordinates that reprojection visits: those of `geometry` when it is an object (a GeometryCollection's members' as one list). */
export function coordinatesOf(f: unknown): unknown {
  const g = f !== null && typeof f === 'object' ? (f as { geometry?: unknown }).geometry : undefined;
  return geometryCoordinates(g);
}

function geometryCoordinates(g: unknown): unknown {
  if (!g || typeof g !== 'object') return undefined;
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection' && Array.isArray(geometries)) return geometries.map(geometryCoordinates).filter((c) => c !== undefined);
  return coordinates;
}

/** Bits of `geometryMask`: which sub-layers draw a feature, or that it has no location. */
export const enum KindBit {
  Polygon = 1,
  /** A polygon with building tags (building, height, building:levels). */
  Building = 2,
  Line = 4,
  Point = 8,
  /** A Feature whose geometry is null or an empty GeometryCollection. */
  Unlocated = 16,
}

/** The kinds of geometry a feature holds (a GeometryCollection's members all count), as KindBit flags. */
export function geometryMask(f: unknown): number {
  if (f === null || typeof f !== 'object') return 0;
  const g = (f as { geometry?: unknown }).geometry;
  if (g === null) return (f as { type?: unknown }).type === 'Feature' ? KindBit.Unlocated : 0;
  let mask = maskOfGeometry(g);
  if (mask === 0 && g && typeof g === 'object') {
    const { type, geometries } = g as { type?: unknown; geometries?: unknown };
    if (type === 'GeometryCollection' && Array.isArray(geometries) && geometries.length === 0) return KindBit.Unlocated;
  }
  if (mask & KindBit.Polygon) {
    const p = (f as { properties?: Record<string, unknown> | null }).properties;
    if (p && typeof p === 'object' && (Object.hasOwn(p, 'building') || Object.hasOwn(p, 'height') || Object.hasOwn(p, 'building:levels'))) mask |= KindBit.Building;
  }
  return mask;
}

/** The KindBit flags of one geometry (a GeometryCollection's members all count); no closure, as it runs per feature. */
function maskOfGeometry(x: unknown): number {
  if (!x || typeof x !== 'object') return 0;
  const { type, geometries } = x as { type?: unknown; geometries?: unknown };
  if (type === 'Polygon' || type === 'MultiPolygon') return KindBit.Polygon;
  if (type === 'LineString' || type === 'MultiLineString') return KindBit.Line;
  if (type === 'Point' || type === 'MultiPoint') return KindBit.Point;
  let mask = 0;
  if (type === 'GeometryCollection' && Array.isArray(geometries)) for (const m of geometries) mask |= maskOfGeometry(m);
  return mask;
}

export class FeatureStore implements PolygonSource, PositionSource {
  count = 0;
  /** Per feature: NONE (kept as an object), POLYGON or MULTIPOLYGON. */
  private readonly type = new Grow((n) => new Uint8Array(n), 1024);
  /** Per feature: start in `struct` and in `xy` (pairs); a compact feature runs to the next one's start. */
  private readonly structAt = new Grow((n) => new Uint32Array(n), 1024);
  private readonly xyAt = new Grow((n) => new Float64Array(n), 1024);
  /** Polygon: [rings, positions per ring…]; MultiPolygon: [polygons, (rings, positions per ring…)…]. */
  private readonly struct = new Grow((n) => new Uint32Array(n), 4096);
  private readonly xy = new Grow((n) => new Float64Array(n), 1 << 16);
  private readonly heightSource = new Grow((n) => new Uint8Array(n), 1024);
  /** Resolved top and base heights of compact features, metres. */
  private readonly heightTop = new Grow((n) => new Float64Array(n), 1024);
  private readonly heightBase = new Grow((n) => new Float64Array(n), 1024);
  private readonly ids = new Map<number, string>();
  /** Features kept as parsed objects (null: a placeholder for a line that is not JSON or a duplicate). */
  private readonly kept = new Map<number, unknown>();
  /** Geometry of placeholders that still counts for CRS inference (a duplicate's positions). */
  private readonly shadow = new Map<number, unknown>();
  readonly classes = new Grow((n) => new Uint8Array(n), 1024);
  /** Per feature: its geometryMask (KindBit flags). */
  readonly masks = new Grow((n) => new Uint8Array(n), 1024);
  private readonly packer = new PropertyPacker();

  /**
   * Adds the next feature. `placeholder`: store it as null (not drawn, empty properties) while its
   * geometry still counts for CRS inference — what a duplicate or an unreadable line becomes.
   */
  add(f: unknown, placeholder = false): void {
    const i = this.count++;
    this.structAt.push(this.struct.length);
    this.xyAt.push(this.xy.length / 2);
    this.heightTop.push(0);
    this.heightBase.push(0);
    this.heightSource.push(0);
    if (placeholder) {
      this.type.push(NONE);
      this.kept.set(i, null);
      if (f !== null && f !== undefined) this.shadow.set(i, f);
      this.classes.push(GeometryClass.None);
      this.masks.push(0);
      this.packer.add({});
      return;
    }
    const props = propertiesOf(f);
    this.packer.add(props);
    const mask = geometryMask(f);
    this.classes.push(classOfMask(mask));
    this.masks.push(mask);
    const t = this.tryCompact(f);
    this.type.push(t);
    if (t === NONE) {
      this.kept.set(i, f);
      return;
    }
    const id = featureId(f);
    if (id !== undefined) this.ids.set(i, id);
    const h = resolveHeight(props);
    this.heightTop.data[i] = h.height;
    this.heightBase.data[i] = h.minHeight;
    this.heightSource.data[i] = h.source;
  }

  private tryCompact(f: unknown): number {
    if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return NONE;
    const g = (f as { geometry?: unknown }).geometry;
    if (g === null || typeof g !== 'object') return NONE;
    const gt = (g as { type?: unknown }).type;
    const coords = (g as { coordinates?: unknown }).coordinates;
    if (!Array.isArray(coords)) return NONE;
    const s0 = this.struct.length;
    const x0 = this.xy.length;
    let ok: boolean;
    let t: number;
    if (gt === 'Polygon') {
      t = POLYGON;
      ok = this.polygon(coords);
    } else if (gt === 'MultiPolygon') {
      t = MULTIPOLYGON;
      this.struct.push(coords.length);
      ok = true;
      for (let k = 0; k < coords.length && ok; k++) {
        const poly: unknown = coords[k];
        ok = Array.isArray(poly) && this.polygon(poly);
      }
    } else return NONE;
    if (!ok) {
      this.struct.length = s0;
      this.xy.length = x0;
      return NONE;
    }
    return t;
  }

  private polygon(rings: unknown[]): boolean {
    this.struct.push(rings.length);
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      if (!Array.isArray(ring)) return false;
      const n = ring.length;
      this.struct.push(n);
      const out = this.xy.reserve(2 * n);
      let k = this.xy.length;
      for (let j = 0; j < n; j++) {
        const p: unknown = ring[j];
        if (!Array.isArray(p) || p.length < 2) return false;
        const x: unknown = p[0];
        const y: unknown = p[1];
        if (typeof x !== 'number' || typeof y !== 'number') return false;
        out[k++] = x;
        out[k++] = y;
      }
      this.xy.length = k;
    }
    return true;
  }

  /** The parsed object of a feature kept whole, or a stand-in that says only its geometry type. */
  feature(i: number): unknown {
    const t = this.type.data[i];
    if (t === NONE) return this.kept.get(i);
    const id = this.ids.get(i);
    return { type: 'Feature', ...(id === undefined ? {} : { id }), geometry: { type: t === POLYGON ? 'Polygon' : 'MultiPolygon' } };
  }

  /** Every feature, whole or as a stand-in (for the line and point builders). */
  features(): unknown[] {
    const out: unknown[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.feature(i);
    return out;
  }

  id(i: number): string | undefined {
    return this.type.data[i] === NONE ? featureId(this.kept.get(i)) : this.ids.get(i);
  }

  height(i: number): ResolvedHeight {
    if (this.type.data[i] === NONE) return resolveHeight(propertiesOf(this.kept.get(i)));
    return { height: this.heightTop.data[i]!, minHeight: this.heightBase.data[i]!, source: this.heightSource.data[i]! };
  }

  private packed: PackedProperties | undefined;
  properties(): PackedProperties {
    this.packed ??= this.packer.finish();
    return this.packed;
  }

  /** Number of positions reprojection visits, feature by feature in file order (see eachPosition). */
  private positionsOf(i: number): number {
    if (this.type.data[i] !== NONE) return this.xyEnd(i) - this.xyAt.data[i]!;
    let n = 0;
    eachPosition(coordinatesOf(this.kept.get(i) ?? this.shadow.get(i)), () => n++);
    return n;
  }

  private xyEnd(i: number): number {
    return i + 1 < this.count ? this.xyAt.data[i + 1]! : this.xy.length / 2;
  }

  /**
   * Up to `max` positions evenly spread over all the file's positions, as flat pairs — the same pick as
   * src/core/ingest/crs.ts makes from the features' objects.
   */
  sample(max: number): unknown[] {
    let n = 0;
    const per = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) n += per[i] = this.positionsOf(i);
    const out: unknown[] = [];
    const want = (k: number): number => (n <= max ? k : Math.floor((k * n) / max));
    const total = n <= max ? n : max;
    let k = 0;
    let next = total > 0 ? want(0) : Infinity;
    let base = 0;
    for (let i = 0; i < this.count && k < total; i++) {
      const m = per[i]!;
      if (next >= base + m) {
        base += m;
        continue;
      }
      const take = (j: number, x: unknown, y: unknown): void => {
        while (k < total && next === base + j) {
          out.push(x, y);
          k++;
          next = k < total ? want(k) : Infinity;
        }
      };
      if (this.type.data[i] !== NONE) {
        const a = this.xyAt.data[i]!;
        const xy = this.xy.data;
        for (let j = 0; j < m && k < total; j++) take(j, xy[2 * (a + j)], xy[2 * (a + j) + 1]);
      } else {
        let j = 0;
        eachPosition(coordinatesOf(this.kept.get(i) ?? this.shadow.get(i)), (p) => take(j++, p[0], p[1]));
      }
      base += m;
    }
    return out;
  }

  /** Rewrites every position in place: compact ones and those of features kept whole. */
  transform(forward: (x: number, y: number, out: Float64Array) => void): void {
    const pair = new Float64Array(2);
    const xy = this.xy.data;
    for (let k = 0; k < this.xy.length; k += 2) {
      forward(xy[k]!, xy[k + 1]!, pair);
      xy[k] = pair[0]!;
      xy[k + 1] = pair[1]!;
    }
    for (const f of this.kept.values()) {
      eachPosition(coordinatesOf(f), (p) => {
        forward(p[0] as number, p[1] as number, pair);
        p[0] = pair[0]!;
        p[1] = pair[1]!;
      });
    }
  }

  polygons(i: number): LonLatPolygon[] {
    const t = this.type.data[i];
    if (t === NONE) return readPolygons(this.kept.get(i));
    // Cursors into struct and xy (a method, not a closure per feature: this runs once per building).
    this.sp = this.structAt.data[i]!;
    this.xp = this.xyAt.data[i]! * 2;
    if (t === POLYGON) return [this.readPolygon('coordinates')];
    const polys = this.struct.data[this.sp++]!;
    if (polys === 0) throw new FeatureError('bad-coordinates', 'coordinates: a MultiPolygon needs at least one polygon', 'coordinates');
    const out: LonLatPolygon[] = [];
    for (let k = 0; k < polys; k++) out.push(this.readPolygon(`coordinates[${k}]`));
    return out;
  }

  private sp = 0;
  private xp = 0;

  /** The polygon at the cursors (sp, xp), which move past it. */
  private readPolygon(where: string): LonLatPolygon {
    const s = this.struct.data;
    const rings = s[this.sp++]!;
    if (rings === 0) throw new FeatureError('bad-coordinates', `${where}: a polygon needs at least one ring`, where);
    const out: LonLatPolygon = [];
    for (let r = 0; r < rings; r++) {
      const n = s[this.sp++]!;
      out.push(readRingAt(this.xy.data, this.xp, n, `${where}[${r}]`));
      this.xp += 2 * n;
    }
    return out;
  }
}


/**
 * What detectKind (src/core/ingest/crs.ts) counts the feature as: its geometry's kind (a
 * GeometryCollection by the first of polygon, line, point it holds).
 */
export function classOf(f: unknown): GeometryClass {
  return classOfMask(geometryMask(f));
}

function classOfMask(m: number): GeometryClass {
  if (m & KindBit.Polygon) return m & KindBit.Building ? GeometryClass.Building : GeometryClass.Polygon;
  if (m & KindBit.Line) return GeometryClass.Line;
  if (m & KindBit.Point) return GeometryClass.Point;
  return GeometryClass.None;
}

function checkPosition(lon: number, lat: number, where: string): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new FeatureError('bad-coordinates', `${where}: coordinates must be finite numbers`, where);
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new FeatureError('out-of-range', `${where}: [${lon}, ${lat}] is outside lon/lat range (is the file in a projected CRS?)`, where);
  }
}

/** True for finite lon/lat within range (NaN fails every comparison; ±Infinity is out of range). */
function inRange(lon: number, lat: number): boolean {
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** readRing of geojson.ts over n flat pairs from xy[at]: same checks, same messages, same result. */
function readRingAt(xy: Float64Array, at: number, n: number, where: string): number[] {
  if (n < 4) throw new FeatureError('ring-too-short', `${where}: a ring needs at least 4 positions, has ${n}`, where);
  const fx = xy[at]!;
  const fy = xy[at + 1]!;
  // The located message is only built when a check fails (this runs for every ring of a big city).
  if (!inRange(fx, fy)) checkPosition(fx, fy, `${where}[0]`);
  const lx = xy[at + 2 * (n - 1)]!;
  const ly = xy[at + 2 * (n - 1) + 1]!;
  if (!inRange(lx, ly)) checkPosition(lx, ly, `${where}[${n - 1}]`);
  if (fx !== lx || fy !== ly) throw new FeatureError('ring-not-closed', `${where}: the ring is not closed (first and last positions differ)`, where);
  const out: number[] = [fx, fy];
  let px = fx;
  let py = fy;
  for (let i = 1; i < n - 1; i++) {
    const lon = xy[at + 2 * i]!;
    const lat = xy[at + 2 * i + 1]!;
    if (!inRange(lon, lat)) checkPosition(lon, lat, `${where}[${i}]`);
    if (lon === px && lat === py) continue;
    out.push(lon, lat);
    px = lon;
    py = lat;
  }
  while (out.length > 2 && out[out.length - 2] === fx && out[out.length - 1] === fy) out.length -= 2;
  if (out.length < 6) throw new FeatureError('ring-too-short', `${where}: a ring needs at least 3 distinct positions`, where);
  return out;
}
