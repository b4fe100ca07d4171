/**
 * Road centre lines -> flat ribbons for drawing (local metres, z up). Each vertex carries its feature
 * index (`featureId`) and road class (`roadClass`, an index into ROAD_CLASSES) so the scene can colour
 * by class — or by traffic volume later — by swapping one colour attribute.
 *
 * Widths are display widths for the map, not model inputs: `lanes` × LANE_WIDTH_M where `lanes` is
 * tagged, else the class default below. Traffic capacities live in src/core/traffic.
 */
import { type ColumnarGeometry, Grow, extendBox } from '../columnar/index.ts';
import { type LocalFrame, createLocalFrame, projectInto } from './frame.ts';
import { FeatureError, type SkippedFeature, extendBounds, propertiesOf, readLines, skipped } from './geojson.ts';
import { type PackedProperties, PropertyPacker } from './properties.ts';

/**
 * Lane width for display, metres: 3.5 m is the usual design lane width on Korean urban arterials
 * (도로의 구조·시설 기준에 관한 규칙, MOLIT, art. 10: 3.0–3.5 m by design speed) and in the AASHTO
 * Green Book (12 ft).
 */
export const LANE_WIDTH_M = 3.5;

export interface RoadClass {
  readonly key: string;
  /** Default display width, metres (when `lanes` is not tagged). */
  readonly width: number;
  /** Draw order: higher classes sit a few centimetres above lower ones. */
  readonly rank: number;
}

/** Road classes in legend order. `other` catches any `highway` value not listed. */
export const ROAD_CLASSES: readonly RoadClass[] = [
  { key: 'motorway', width: 14, rank: 9 },
  { key: 'trunk', width: 12, rank: 8 },
  { key: 'primary', width: 10, rank: 7 },
  { key: 'secondary', width: 8, rank: 6 },
  { key: 'tertiary', width: 7, rank: 5 },
  { key: 'residential', width: 6, rank: 4 },
  { key: 'service', width: 4, rank: 3 },
  { key: 'pedestrian', width: 4, rank: 2 },
  { key: 'footway', width: 2, rank: 1 },
  { key: 'other', width: 3, rank: 0 },
];

const CLASS_OF: Readonly<Record<string, number>> = Object.freeze({
  motorway: 0, motorway_link: 0,
  trunk: 1, trunk_link: 1,
  primary: 2, primary_link: 2,
  secondary: 3, secondary_link: 3,
  tertiary: 4, tertiary_link: 4,
  residential: 5, unclassified: 5, living_street: 5, road: 5,
  service: 6, track: 6,
  pedestrian: 7, platform: 7,
  footway: 8, path: 8, steps: 8, cycleway: 8, corridor: 8, bridleway: 8,
});

export function roadClassOf(highway: unknown): number {
  if (typeof highway === 'string' && Object.prototype.hasOwnProperty.call(CLASS_OF, highway)) return CLASS_OF[highway]!;
  return ROAD_CLASSES.length - 1;
}

export function roadWidth(props: Readonly<Record<string, unknown>>, cls: number): number {
  const lanesRaw = props['lanes'];
  const lanes = typeof lanesRaw === 'number' ? lanesRaw : typeof lanesRaw === 'string' ? Number(lanesRaw) : NaN;
  if (Number.isFinite(lanes) && lanes >= 1 && lanes <= 16) return Math.round(lanes) * LANE_WIDTH_M;
  return ROAD_CLASSES[cls]!.width;
}

export interface RoadLayerData {
  readonly frame: LocalFrame;
  readonly chunks: ColumnarGeometry[];
  readonly features: {
    readonly count: number;
    readonly drawn: Uint8Array;
    readonly roadClass: Uint8Array;
    readonly width: Float32Array;
    /** Centre-line length, metres. */
    readonly length: Float32Array;
    /** A point on the line (its middle vertex), local metres x, y. */
    readonly center: Float32Array;
  };
  readonly properties: PackedProperties;
  readonly skipped: SkippedFeature[];
  readonly bounds: [number, number, number, number, number, number];
  readonly lonLatBounds: [number, number, number, number];
}

export interface RoadLayerOptions {
  readonly frame?: LocalFrame;
  /** Height of the lowest class above the ground, metres. */
  readonly baseZ?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** The features' properties already packed in input order (the streamed path packs as it reads). */
  readonly properties?: PackedProperties;
}

/** Mitre joins are capped at this multiple of the half width (sharper turns get a clipped join). */
const MITRE_LIMIT = 2;
const MAX_U16 = 65535;

class RibbonBuilder {
  readonly position = new Grow((n) => new Float32Array(n), 3 * 4096);
  readonly featureId = new Grow((n) => new Float32Array(n), 4096);
  readonly roadClass = new Grow((n) => new Uint8Array(n), 4096);
  readonly index = new Grow((n) => new Uint32Array(n), 8192);
  readonly bounds: [number, number, number, number, number, number] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  get vertices(): number {
    return this.featureId.length;
  }
  vertex(x: number, y: number, z: number, id: number, cls: number): void {
    const p = this.position.reserve(3);
    p[this.position.length++] = x;
    p[this.position.length++] = y;
    p[this.position.length++] = z;
    this.featureId.push(id);
    this.roadClass.push(cls);
    extendBox(this.bounds, x, y, z);
  }
  finish(): ColumnarGeometry {
    const idx = this.index.finish();
    return {
      length: this.vertices,
      attributes: {
        position: { value: this.position.finish(), size: 3 },
        featureId: { value: this.featureId.finish(), size: 1 },
        roadClass: { value: this.roadClass.finish(), size: 1 },
      },
      indices: this.vertices <= MAX_U16 ? Uint16Array.from(idx) : idx,
      bounds: [...this.bounds],
    };
  }
}

/** Emits one ribbon for a polyline of local xy points; returns its length in metres. */
function emitRibbon(out: RibbonBuilder, xy: Float64Array, halfWidth: number, z: number, id: number, cls: number): number {
  const n = xy.length / 2;
  const first = out.vertices;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    // Unit directions of the segments before and after this point.
    let ax = 0, ay = 0, bx = 0, by = 0;
    if (i > 0) {
      ax = x - xy[2 * i - 2]!;
      ay = y - xy[2 * i - 1]!;
      const l = Math.hypot(ax, ay);
      length += l;
      ax /= l;
      ay /= l;
    }
    if (i < n - 1) {
      bx = xy[2 * i + 2]! - x;
      by = xy[2 * i + 3]! - y;
      const l = Math.hypot(bx, by);
      bx /= l;
      by /= l;
    }
    if (i === 0) { ax = bx; ay = by; }
    if (i === n - 1) { bx = ax; by = ay; }
    // Left normal of the averaged direction, stretched so the ribbon keeps its width through the turn.
    let tx = ax + bx;
    let ty = ay + by;
    const tl = Math.hypot(tx, ty);
    if (tl < 1e-9) { tx = ax; ty = ay; } else { tx /= tl; ty /= tl; }
    const nx = -ty;
    const ny = tx;
    const cos = nx * -ay + ny * ax; // dot with the left normal of the incoming segment
    const scale = Math.min(1 / Math.max(Math.abs(cos), 1e-6), MITRE_LIMIT) * halfWidth;
    out.vertex(x + nx * scale, y + ny * scale, z, id, cls);
    out.vertex(x - nx * scale, y - ny * scale, z, id, cls);
  }
  const ix = out.index.reserve((n - 1) * 6);
  for (let i = 0; i < n - 1; i++) {
    const l0 = first + 2 * i;
    // Counter-clockwise seen from above: left, right, next right; left, next right, next left.
    ix[out.index.length++] = l0;
    ix[out.index.length++] = l0 + 1;
    ix[out.index.length++] = l0 + 3;
    ix[out.index.length++] = l0;
    ix[out.index.length++] = l0 + 3;
    ix[out.index.length++] = l0 + 2;
  }
  return length;
}

export function buildRoadLayer(features: readonly unknown[], options: RoadLayerOptions = {}): RoadLayerData {
  const total = features.length;
  const skippedList: SkippedFeature[] = [];
  const lines: Array<number[][] | undefined> = new Array(total);
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < total; i++) {
    try {
      const l = readLines(features[i]);
      for (const line of l) extendBounds(all, line);
      lines[i] = l;
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skipped(i, features[i], err));
    }
  }
  const lonLatBounds: [number, number, number, number] = Number.isFinite(all[0]!) ? [all[0]!, all[1]!, all[2]!, all[3]!] : [0, 0, 0, 0];
  const frame = options.frame ?? createLocalFrame((lonLatBounds[0] + lonLatBounds[2]) / 2, (lonLatBounds[1] + lonLatBounds[3]) / 2);
  const baseZ = options.baseZ ?? 0.15;
  const features_ = {
    count: total,
    drawn: new Uint8Array(total),
    roadClass: new Uint8Array(total),
    width: new Float32Array(total),
    length: new Float32Array(total),
    center: new Float32Array(total * 2),
  };
  const chunks: ColumnarGeometry[] = [];
  let current = new RibbonBuilder();
  const packer = new PropertyPacker();
  for (let i = 0; i < total; i++) {
    const l = lines[i];
    if (!options.properties) packer.add(propertiesOf(features[i]));
    if (!l) continue;
    const props = propertiesOf(features[i]);

    const cls = roadClassOf(props['highway']);
    const width = roadWidth(props, cls);
    const z = baseZ + ROAD_CLASSES[cls]!.rank * 0.03;
    let need = 0;
    for (const line of l) need += line.length;
    if (current.vertices > 0 && current.vertices + need > MAX_U16) {
      chunks.push(current.finish());
      current = new RibbonBuilder();
    }
    let length = 0;
    for (const line of l) {
      const xy = new Float64Array(line.length);
      for (let k = 0; k < line.length; k += 2) projectInto(frame, line[k]!, line[k + 1]!, xy, k);
      length += emitRibbon(current, xy, width / 2, z, i, cls);
    }
    const mid = l[0]!;
    const m = Math.floor(mid.length / 4) * 2;
    const c: [number, number] = [0, 0];
    projectInto(frame, mid[m]!, mid[m + 1]!, c, 0);
    features_.drawn[i] = 1;
    features_.roadClass[i] = cls;
    features_.width[i] = width;
    features_.length[i] = length;
    features_.center[2 * i] = c[0];
    features_.center[2 * i + 1] = c[1];
    if (options.onProgress && i % 5000 === 4999) options.onProgress(i + 1, total);
  }
  if (current.vertices > 0) chunks.push(current.finish());
  options.onProgress?.(total, total);
  const bounds: [number, number, number, number, number, number] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (const c of chunks) for (let k = 0; k < 3; k++) {
    bounds[k] = Math.min(bounds[k]!, c.bounds[k]!);
    bounds[k + 3] = Math.max(bounds[k + 3]!, c.bounds[k + 3]!);
  }
  if (chunks.length === 0) bounds.fill(0);
  return { frame, chunks, features: features_, properties: options.properties ?? packer.finish(), skipped: skippedList, bounds, lonLatBounds };
}
