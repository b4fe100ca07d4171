/**
 * Point features (Point / MultiPoint) -> positions in local metres for markers, one marker per point;
 * a MultiPoint gives several markers of the same feature. Bad features are skipped and listed.
 */
import { Grow } from '../columnar/index.ts';
import { type LocalFrame, createLocalFrame, projectInto } from './frame.ts';
import { FeatureError, type SkippedFeature, collectionMembers, extendBounds, propertiesOf, skipped } from './geojson.ts';
import { type PackedProperties, PropertyPacker } from './properties.ts';

export interface PointLayerData {
  readonly frame: LocalFrame;
  /** Marker positions, local metres x, y interleaved, and the feature of each marker. */
  readonly positions: Float32Array;
  readonly featureOfPoint: Uint32Array;
  readonly features: {
    readonly count: number;
    readonly drawn: Uint8Array;
    /** The feature's first point, local metres x, y. */
    readonly center: Float32Array;
  };
  readonly properties: PackedProperties;
  readonly skipped: SkippedFeature[];
  readonly bounds: [number, number, number, number, number, number];
  readonly lonLatBounds: [number, number, number, number];
}

function readPoints(feature: unknown): number[] {
  const g = feature !== null && typeof feature === 'object' ? (feature as { geometry?: unknown }).geometry : undefined;
  if (!g || typeof g !== 'object') throw new FeatureError('no-geometry', 'the feature has no geometry');
  const { type } = g as { type?: unknown };
  if (type === 'GeometryCollection') return collectionMembers(g, ['Point', 'MultiPoint'], 'Point or MultiPoint').flatMap((m) => pointsOf(m.g, m.at));
  return pointsOf(g as { type?: unknown; coordinates?: unknown }, '');
}

function pointsOf(g: { type?: unknown; coordinates?: unknown }, at: string): number[] {
  const { type, coordinates } = g;
  const list = type === 'Point' ? [coordinates] : type === 'MultiPoint' && Array.isArray(coordinates) ? coordinates : null;
  if (list === null) throw new FeatureError('wrong-geometry-type', `expected Point or MultiPoint, found ${String(type)}`, String(type));
  const out: number[] = [];
  list.forEach((p, i) => {
    const where = type === 'Point' ? `${at}coordinates` : `${at}coordinates[${i}]`;
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new FeatureError('bad-coordinates', `${where}: coordinates must be finite numbers`, where);
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      throw new FeatureError('out-of-range', `${where}: [${p[0]}, ${p[1]}] is outside lon/lat range (is the file in a projected CRS?)`, where);
    }
    out.push(p[0], p[1]);
  });
  if (out.length === 0) throw new FeatureError('bad-coordinates', `${at}coordinates: a MultiPoint needs at least one point`, `${at}coordinates`);
  return out;
}

export function buildPointLayer(features: readonly unknown[], options: { frame?: LocalFrame; properties?: PackedProperties } = {}): PointLayerData {
  const n = features.length;
  const lonlat: Array<number[] | undefined> = new Array(n);
  const skippedList: SkippedFeature[] = [];
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    try {
      const pts = readPoints(features[i]);
      extendBounds(all, pts);
      lonlat[i] = pts;
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skipped(i, features[i], err));
    }
  }
  const lonLatBounds: [number, number, number, number] = Number.isFinite(all[0]!) ? [all[0]!, all[1]!, all[2]!, all[3]!] : [0, 0, 0, 0];
  const frame = options.frame ?? createLocalFrame((lonLatBounds[0] + lonLatBounds[2]) / 2, (lonLatBounds[1] + lonLatBounds[3]) / 2);
  const positions = new Grow((k) => new Float32Array(k), 1024);
  const owner = new Grow((k) => new Uint32Array(k), 512);
  const drawn = new Uint8Array(n);
  const center = new Float32Array(2 * n);
  const bounds: [number, number, number, number, number, number] = [Infinity, Infinity, 0, -Infinity, -Infinity, 0];
  const xy: [number, number] = [0, 0];
  const packer = new PropertyPacker();
  for (let i = 0; i < n; i++) {
    if (!options.properties) packer.add(propertiesOf(features[i]));
    const pts = lonlat[i];
    if (!pts) continue;
    drawn[i] = 1;
    for (let k = 0; k < pts.length; k += 2) {
      projectInto(frame, pts[k]!, pts[k + 1]!, xy, 0);
      positions.push(xy[0]);
      positions.push(xy[1]);
      owner.push(i);
      if (k === 0) center.set(xy, 2 * i);
      bounds[0] = Math.min(bounds[0], xy[0]);
      bounds[1] = Math.min(bounds[1], xy[1]);
      bounds[3] = Math.max(bounds[3], xy[0]);
      bounds[4] = Math.max(bounds[4], xy[1]);
    }
  }
  if (owner.length === 0) bounds.fill(0);
  return {
    frame,
    positions: positions.finish(),
    featureOfPoint: owner.finish(),
    features: { count: n, drawn, center },
    properties: options.properties ?? packer.finish(),
    skipped: skippedList,
    bounds,
    lonLatBounds,
  };
}
