/**
 * GeoJSON in for the study (the CLI's files): buildings as Polygon / MultiPolygon features with a
 * `height` in metres, points as Point features with an `id`; both in lon/lat (RFC 7946), projected into a
 * local frame centred on the points' extent. Errors name the file's feature (`features[3]`) and what is wrong.
 */
import { type LocalFrame, FeatureError, createLocalFrame, featureId, propertiesOf, readPolygons, toLocal } from '../geo/index.ts';
import { PrismBuilder, type Prisms } from './prisms.ts';

export class SunlightInputError extends Error {}

export interface SunlightInput {
  readonly frame: LocalFrame;
  readonly prisms: Prisms;
  readonly ids: readonly string[];
  /** x, y pairs, metres in `frame`. */
  readonly points: Float64Array;
  /** Per point, the height above the ground the sun is judged at (property `z`, metres; 0 when absent). */
  readonly heights: Float64Array;
}

function featuresOf(root: unknown, what: string): unknown[] {
  const r = root as { type?: unknown; features?: unknown } | null;
  if (r && typeof r === 'object' && r.type === 'Feature') return [r];
  if (!r || typeof r !== 'object' || r.type !== 'FeatureCollection' || !Array.isArray(r.features)) {
    throw new SunlightInputError(`${what}: expected a GeoJSON FeatureCollection`);
  }
  return r.features;
}

function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v.trim().replace(/\s*m$/, ''));
  return NaN;
}

/** Reads both files' parsed JSON. `what` names them in errors (e.g. the option and file name). */
export function readSunlightInput(buildingsRoot: unknown, pointsRoot: unknown, what = { buildings: 'buildings', points: 'points' }): SunlightInput {
  const pointFeatures = featuresOf(pointsRoot, what.points);
  const lonLat: number[] = [];
  const ids: string[] = [];
  const heights: number[] = [];
  const seen = new Set<string>();
  pointFeatures.forEach((f, i) => {
    const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    const c = g?.coordinates;
    if (g?.type !== 'Point' || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      throw new SunlightInputError(`${what.points}: features[${i}]: expected a Point with [lon, lat] coordinates`);
    }
    const id = featureId(f) ?? (propertiesOf(f)['id'] === undefined ? undefined : String(propertiesOf(f)['id']));
    if (id === undefined) throw new SunlightInputError(`${what.points}: features[${i}]: a point needs an "id" (the feature's id or properties.id)`);
    if (seen.has(id)) throw new SunlightInputError(`${what.points}: features[${i}]: id '${id}' is used twice`);
    seen.add(id);
    const z = propertiesOf(f)['z'];
    const h = z === undefined ? 0 : numberOf(z);
    if (!(h >= 0)) throw new SunlightInputError(`${what.points}: features[${i}]: properties.z must be metres ≥ 0, got ${JSON.stringify(z)}`);
    lonLat.push(c[0], c[1]);
    ids.push(id);
    heights.push(h);
  });
  if (ids.length === 0) throw new SunlightInputError(`${what.points}: no Point features`);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < lonLat.length; i += 2) {
    w = Math.min(w, lonLat[i]!); e = Math.max(e, lonLat[i]!);
    s = Math.min(s, lonLat[i + 1]!); n = Math.max(n, lonLat[i + 1]!);
  }
  const frame = createLocalFrame((w + e) / 2, (s + n) / 2);
  const points = new Float64Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) {
    const [x, y] = toLocal(frame, lonLat[i]!, lonLat[i + 1]!);
    points[i] = x;
    points[i + 1] = y;
  }
  const builder = new PrismBuilder();
  featuresOf(buildingsRoot, what.buildings).forEach((f, i) => {
    const props = propertiesOf(f);
    const height = numberOf(props['height']);
    if (!(height > 0)) throw new SunlightInputError(`${what.buildings}: features[${i}]: properties.height must be metres > 0, got ${JSON.stringify(props['height'])}`);
    let polygons;
    try {
      polygons = readPolygons(f);
    } catch (error) {
      if (error instanceof FeatureError) throw new SunlightInputError(`${what.buildings}: features[${i}]: ${error.message}`);
      throw error;
    }
    for (const poly of polygons) {
      builder.add(poly.map((ring) => {
        const out: number[] = [];
        for (let k = 0; k + 1 < ring.length; k += 2) out.push(...toLocal(frame, ring[k]!, ring[k + 1]!));
        return out;
      }), height);
    }
  });
  return { frame, prisms: builder.finish(), ids, points, heights: Float64Array.from(heights) };
}
