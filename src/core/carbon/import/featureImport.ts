// GeoJSON features (polygons or points) -> a carbon-map layer.
import { crsInfo, inBox, toWgs84 } from '../../crs/index.ts';
import { featureId, projectInto, propertiesOf } from '../../geo/index.ts';
import { CarbonMapError } from './csv.ts';
import { numericValue, ownValue, quoted } from './numbers.ts';
import { listValueProperties } from './properties.ts';
import { Extent, chooseCrs, finishPoints, frameFor, nothingUsable, outOfArea, skip, valueStats } from './common.ts';
import type { CarbonMap, GeoJsonPolygonFeature, CarbonMapOptions, CarbonSkipped } from './types.ts';

/** Positions per feature used to infer a CRS, and features sampled (evenly spread). */
const SAMPLE_PER_FEATURE = 8;
const SAMPLE_FEATURES = 512;

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

export function importFeatures(features: readonly unknown[], crsName: string | undefined, options: CarbonMapOptions): CarbonMap {
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
