/**
 * Polygon features -> batched triangle geometry in local metres (x east, y north, z up).
 *
 * `mode: 'extrude'` builds prisms: walls with flat outward normals and an earcut-triangulated roof
 * (plus a floor where a part starts above ground). `mode: 'flat'` builds only the top face at `flatZ`
 * (green areas, districts). Features are ordered along a Morton curve of their centres and packed into
 * chunks of at most 16,384 vertices (DEFAULT_CHUNK_VERTICES), so every chunk uses Uint16 indices, is spatially compact and can be
 * culled on its own. Each vertex carries the feature's index in the input (`featureId`), which the
 * scene uses for picking, hover and colouring.
 *
 * Far level of detail at no extra geometry (extruded layers only): within a chunk each feature's triangles are contiguous and
 * the runs are ordered by descending size (the diagonal of the feature's footprint box and height), and
 * the chunk's `lod` says where each run ends, so drawing a prefix of the index draws only the largest
 * features (ColumnarGeometry.lod, lodIndexCount). Vertices stay in emission order.
 *
 * Per-vertex layout: position Float32×3 (12 B), normal Int8×3 normalized (3 B), featureId Float32 (4 B;
 * exact up to 16,777,216 features).
 */
import earcut from 'earcut';
import { type ColumnarGeometry, Grow, extendBox } from '../columnar/index.ts';
import { type LocalFrame, createLocalFrame, projectInto } from './frame.ts';
import { FeatureError, type LonLatPolygon, type SkippedFeature, extendBounds, featureId, propertiesOf, readPolygons } from './geojson.ts';
import { HeightSource, type ResolvedHeight, resolveHeight } from './height.ts';
import { type PackedProperties, PropertyPacker } from './properties.ts';
import type { PolygonSource } from './featureStore.ts';

export interface PolygonLayerOptions {
  /** Frame to project into; by default one centred on the data's bounds. */
  readonly frame?: LocalFrame;
  readonly mode?: 'extrude' | 'flat';
  /** Height of the face in flat mode, metres. */
  readonly flatZ?: number;
  /** Per-feature heights (default: OSM tags, see height.ts). */
  readonly heightOf?: (props: Readonly<Record<string, unknown>>) => ResolvedHeight;
  /** Called every `progressEvery` features and at the end with (features done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /** Largest chunk, in vertices (default DEFAULT_CHUNK_VERTICES; at most 65,535 so chunks use Uint16 indices). */
  readonly maxChunkVertices?: number;
}

export interface PolygonFeatureTable {
  /** Number of input features (drawn or skipped). */
  readonly count: number;
  /** 1 where the feature is drawn, 0 where it was skipped. */
  readonly drawn: Uint8Array;
  /** Top and base heights, metres (0 in flat mode). */
  readonly height: Float32Array;
  readonly minHeight: Float32Array;
  /** HeightSource per feature (0 height tag, 1 levels, 2 estimate). */
  readonly heightSource: Uint8Array;
  /**
   * A point inside the feature (centroid of the largest roof triangle of its largest polygon), local
   * metres, x and y interleaved: where labels go and where the camera flies to.
   */
  readonly center: Float32Array;
  /** Footprint area, m² (outer rings minus holes). */
  readonly area: Float32Array;
  /** Which chunk holds the feature (-1 when skipped). */
  readonly chunk: Int32Array;
}

export interface PolygonLayerData {
  readonly frame: LocalFrame;
  readonly chunks: ColumnarGeometry[];
  readonly features: PolygonFeatureTable;
  readonly properties: PackedProperties;
  readonly skipped: SkippedFeature[];
  /** [minX, minY, minZ, maxX, maxY, maxZ] of everything drawn, local metres. */
  readonly bounds: [number, number, number, number, number, number];
  /** WGS84 bounds of the features read: [minLon, minLat, maxLon, maxLat]. */
  readonly lonLatBounds: [number, number, number, number];
  readonly vertexCount: number;
  readonly triangleCount: number;
}

const MAX_U16_VERTICES = 65535;
/**
 * Chunk size by default: about 700 buildings of the synthetic city, a few hundred metres across. Smaller
 * chunks are culled closer to the view's edge and get a nearer distance for the far level of detail;
 * `npm run bench -- city` (1M buildings) drew 2.7× fewer triangles at a district view and 3.1× fewer at a
 * street view than with 65,535-vertex chunks, and the whole city at a higher frame rate despite 1,149
 * draw calls instead of 308.
 */
export const DEFAULT_CHUNK_VERTICES = 16384;
/** 2^21: the feature's place in a chunk in the low part of its lod sort key (see ChunkBuilder.finish). */
const FEATURE_KEY = 2097152;
/** Outer rings smaller than this (a 10 cm square) are degenerate, not buildings. */
const MIN_AREA_M2 = 0.01;
/** …and so are rings whose area is under this fraction of their perimeter squared (collinear slivers). */
const SLIVER_RATIO = 1e-5;

function perimeter(xy: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start, j = end - 2; i < end; j = i, i += 2) s += Math.hypot(xy[i]! - xy[j]!, xy[i + 1]! - xy[j + 1]!);
  return s;
}

/** Interleaves the low 16 bits of x and y (Morton / Z-order). */
function morton16(x: number, y: number): number {
  let a = x & 0xffff;
  let b = y & 0xffff;
  a = (a | (a << 8)) & 0x00ff00ff;
  a = (a | (a << 4)) & 0x0f0f0f0f;
  a = (a | (a << 2)) & 0x33333333;
  a = (a | (a << 1)) & 0x55555555;
  b = (b | (b << 8)) & 0x00ff00ff;
  b = (b | (b << 4)) & 0x0f0f0f0f;
  b = (b | (b << 2)) & 0x33333333;
  b = (b | (b << 1)) & 0x55555555;
  return (a | (b << 1)) >>> 0;
}

class ChunkBuilder {
  readonly position = new Grow((n) => new Float32Array(n), 3 * 4096);
  readonly normal = new Grow((n) => new Int8Array(n), 3 * 4096);
  readonly featureId = new Grow((n) => new Float32Array(n), 4096);
  readonly index = new Grow((n) => new Uint32Array(n), 8192);
  /** Per feature emitted, in emission order: where its triangles end in `index`, and its size (m). */
  readonly featureEnd = new Grow((n) => new Uint32Array(n), 256);
  readonly featureSize = new Grow((n) => new Float32Array(n), 256);
  readonly bounds: [number, number, number, number, number, number] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  /** `bySize`: order the index by feature size and record `lod` (extruded layers); else emission order. */
  constructor(private readonly bySize: boolean) {}
  /**
   * Empties the builder for the next chunk, keeping its grown buffers: `finish` copies out, so one builder
   * serves a whole layer without reallocating (and zeroing) its arrays for every chunk.
   */
  reset(): void {
    this.position.clear();
    this.normal.clear();
    this.featureId.clear();
    this.index.clear();
    this.featureEnd.clear();
    this.featureSize.clear();
    this.bounds.splice(0, 6, Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity);
  }
  get vertices(): number {
    return this.featureId.length;
  }
  /**
   * Makes room for `vertices` more vertices and `indices` more index entries; `vertex` and `tri` then write
   * without checking (they are called a few million times for a big city). Every caller reserves first.
   */
  reserve(vertices: number, indices: number): void {
    this.position.reserve(3 * vertices);
    this.normal.reserve(3 * vertices);
    this.featureId.reserve(vertices);
    this.index.reserve(indices);
  }
  vertex(x: number, y: number, z: number, nx: number, ny: number, nz: number, id: number): number {
    const v = this.featureId.length;
    const k = 3 * v;
    const p = this.position.data;
    p[k] = x;
    p[k + 1] = y;
    p[k + 2] = z;
    const n = this.normal.data;
    n[k] = nx;
    n[k + 1] = ny;
    n[k + 2] = nz;
    this.featureId.data[v] = id;
    this.position.length = k + 3;
    this.normal.length = k + 3;
    this.featureId.length = v + 1;
    extendBox(this.bounds, x, y, z);
    return v;
  }
  tri(a: number, b: number, c: number): void {
    const ix = this.index.data;
    const k = this.index.length;
    ix[k] = a;
    ix[k + 1] = b;
    ix[k + 2] = c;
    this.index.length = k + 3;
  }
  /**
   * Closes a feature: the triangles emitted since the previous `endFeature` are its own, and `size`
   * (metres) ranks it for the far level of detail (see `finish`).
   */
  endFeature(size: number): void {
    this.featureEnd.push(this.index.length);
    this.featureSize.push(size);
  }
  /**
   * The chunk's geometry. The index buffer lists the features' triangle runs in descending size (ties in
   * emission order) and `lod` says where each run ends, so any prefix of whole runs draws the largest
   * features only. Vertices keep emission order; each triangle keeps its winding.
   */
  finish(): ColumnarGeometry {
    const count = this.index.length;
    const src = this.index.data;
    const indices = this.vertices <= MAX_U16_VERTICES ? new Uint16Array(count) : new Uint32Array(count);
    const ends = this.featureEnd.data;
    const sizes = this.featureSize.data;
    const n = this.featureEnd.length;
    let lod: ColumnarGeometry['lod'];
    if (this.bySize && n > 0 && ends[n - 1] === count) {
      // Sort keys: descending size, then emission order, as one number so the native numeric sort does
      // it (no comparator). Sizes are non-negative Float32, whose bit patterns order like their values;
      // (2^32 - 1 - bits) · 2^21 + f stays below 2^53, and a chunk never holds 2^21 features.
      const bits = new Uint32Array(sizes.buffer, sizes.byteOffset, n);
      // Features that drew no triangle have nothing to draw at any level: leave them out.
      let kept = 0;
      for (let f = 0; f < n; f++) if (ends[f]! > (f > 0 ? ends[f - 1]! : 0)) kept++;
      const keys = new Float64Array(kept);
      for (let f = 0, k = 0; f < n; f++) if (ends[f]! > (f > 0 ? ends[f - 1]! : 0)) keys[k++] = (0xffffffff - bits[f]!) * FEATURE_KEY + f;
      keys.sort();
      const lodSizes = new Float32Array(kept);
      const lodEnds = new Uint32Array(kept);
      let at = 0;
      for (let k = 0; k < kept; k++) {
        const f = keys[k]! % FEATURE_KEY;
        const end = ends[f]!;
        for (let i = f > 0 ? ends[f - 1]! : 0; i < end; i++) indices[at++] = src[i]!;
        lodSizes[k] = sizes[f]!;
        lodEnds[k] = at;
      }
      lod = { sizes: lodSizes, ends: lodEnds };
    } else {
      // Flat layers, or triangles outside any feature: emission order, no lod.
      indices.set(src.subarray(0, count));
    }
    const geometry: ColumnarGeometry = {
      length: this.vertices,
      attributes: {
        position: { value: this.position.finish(), size: 3 },
        normal: { value: this.normal.finish(), size: 3, normalized: true },
        featureId: { value: this.featureId.finish(), size: 1 },
      },
      indices,
      bounds: [...this.bounds],
    };
    return lod ? { ...geometry, lod } : geometry;
  }
}

/** Signed area (shoelace) of a flat local ring x0,y0,x1,y1,… from element `start` to `end`. */
function signedArea(xy: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start, j = end - 2; i < end; j = i, i += 2) s += (xy[j]! - xy[i]!) * (xy[i + 1]! + xy[j + 1]!);
  return s / 2;
}

/** Reverses the points of a flat ring in place. */
function reverseRing(xy: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 2; i < j; i += 2, j -= 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    xy[i] = xy[j]!;
    xy[i + 1] = xy[j + 1]!;
    xy[j] = x;
    xy[j + 1] = y;
  }
}

interface ProjectedPolygon {
  /** Flat local xy of all rings; outer counter-clockwise, holes clockwise. */
  xy: Float64Array;
  /** Start of each hole in points (earcut's holeIndices). */
  holes: number[];
  /** Start/end (in array elements) of every ring. */
  rings: Array<[number, number]>;
  area: number;
}

function projectPolygon(frame: LocalFrame, poly: LonLatPolygon, where: string): ProjectedPolygon {
  let n = 0;
  for (const ring of poly) n += ring.length;
  const xy = new Float64Array(n);
  const holes: number[] = [];
  const rings: Array<[number, number]> = [];
  let k = 0;
  let area = 0;
  poly.forEach((ring, r) => {
    const start = k;
    for (let i = 0; i < ring.length; i += 2) {
      projectInto(frame, ring[i]!, ring[i + 1]!, xy, k);
      k += 2;
    }
    const a = signedArea(xy, start, k);
    if (r === 0 && (Math.abs(a) < MIN_AREA_M2 || Math.abs(a) < SLIVER_RATIO * perimeter(xy, start, k) ** 2)) throw new FeatureError('zero-area', `${where}: the outer ring has no area (its points are collinear or it is under ${MIN_AREA_M2} m²)`, where);
    // Outer rings counter-clockwise (positive area), holes clockwise.
    if ((r === 0 && a < 0) || (r > 0 && a > 0)) reverseRing(xy, start, k);
    if (r > 0) holes.push(start / 2);
    rings.push([start, k]);
    area += r === 0 ? Math.abs(a) : -Math.abs(a);
  });
  return { xy, holes, rings, area };
}

/** Largest roof triangle seen so far for a feature: its doubled area and centroid. */
interface Anchor {
  area2: number;
  x: number;
  y: number;
}

function emitPolygon(
  out: ChunkBuilder,
  p: ProjectedPolygon,
  id: number,
  zTop: number,
  zBase: number,
  walls: boolean,
  anchor: Anchor,
): void {
  const { xy } = p;
  const points = xy.length / 2;
  if (walls) {
    // Four vertices and two triangles per edge (every ring is closed: as many edges as points).
    out.reserve(4 * points, 6 * points);
    for (const [start, end] of p.rings) {
      for (let i = start; i < end; i += 2) {
        const j = i + 2 < end ? i + 2 : start;
        const ax = xy[i]!;
        const ay = xy[i + 1]!;
        const bx = xy[j]!;
        const by = xy[j + 1]!;
        const dx = bx - ax;
        const dy = by - ay;
        const len = Math.hypot(dx, dy);
        if (len === 0) continue;
        // Outward normal of an edge of a CCW outer ring (or a CW hole) is (dy, -dx).
        const nx = Math.round((dy / len) * 127);
        const ny = Math.round((-dx / len) * 127);
        const v0 = out.vertex(ax, ay, zBase, nx, ny, 0, id);
        out.vertex(bx, by, zBase, nx, ny, 0, id);
        out.vertex(bx, by, zTop, nx, ny, 0, id);
        out.vertex(ax, ay, zTop, nx, ny, 0, id);
        out.tri(v0, v0 + 1, v0 + 2);
        out.tri(v0, v0 + 2, v0 + 3);
      }
    }
  }
  const tris = earcut(xy, p.holes, 2);
  const faces = walls && zBase > 0 ? 2 : 1;
  for (let face = 0; face < faces; face++) {
    const top = face === 0;
    const z = top ? zTop : zBase;
    out.reserve(points, tris.length);
    const first = out.vertices;
    for (let i = 0; i < xy.length; i += 2) out.vertex(xy[i]!, xy[i + 1]!, z, 0, 0, top ? 127 : -127, id);
    for (let t = 0; t < tris.length; t += 3) {
      const a = tris[t]!;
      let b = tris[t + 1]!;
      let c = tris[t + 2]!;
      const cross = (xy[2 * b]! - xy[2 * a]!) * (xy[2 * c + 1]! - xy[2 * a + 1]!) - (xy[2 * b + 1]! - xy[2 * a + 1]!) * (xy[2 * c]! - xy[2 * a]!);
      if (top && Math.abs(cross) > anchor.area2) {
        anchor.area2 = Math.abs(cross);
        anchor.x = (xy[2 * a]! + xy[2 * b]! + xy[2 * c]!) / 3;
        anchor.y = (xy[2 * a + 1]! + xy[2 * b + 1]! + xy[2 * c + 1]!) / 3;
      }
      // Roofs face up (counter-clockwise seen from above), floors face down.
      if ((cross < 0) === top) [b, c] = [c, b];
      out.tri(first + a, first + b, first + c);
    }
  }
}

/**
 * `order` sorted by `keys` (32-bit), stable: least-significant-digit radix sort, four passes of 8 bits,
 * typed arrays only (no comparator calls, no objects per feature).
 */
export function radixSortByKey(keys: Uint32Array, order: Uint32Array): Uint32Array {
  const n = keys.length;
  let k0: Uint32Array = keys;
  let o0: Uint32Array = order;
  let k1: Uint32Array = new Uint32Array(n);
  let o1: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let j = 0; j < n; j++) count[(k0[j]! >>> shift) & 255]!++;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const key = k0[j]!;
      const at = count[(key >>> shift) & 255]!++;
      k1[at] = key;
      o1[at] = o0[j]!;
    }
    const kt = k0;
    k0 = k1;
    k1 = kt;
    const ot = o0;
    o0 = o1;
    o1 = ot;
  }
  return o0;
}

function vertexEstimate(p: ProjectedPolygon, walls: boolean, floor: boolean): number {
  const points = p.xy.length / 2;
  return points * (walls ? 4 : 0) + points * (floor ? 2 : 1);
}

/** Builds a drawable polygon layer from GeoJSON features (see the module header). */
export function buildPolygonLayer(features: readonly unknown[], options: PolygonLayerOptions = {}): PolygonLayerData {
  const heightOf = options.heightOf ?? resolveHeight;
  const source: PolygonSource = {
    count: features.length,
    polygons: (i) => readPolygons(features[i]),
    id: (i) => featureId(features[i]),
    height: (i) => heightOf(propertiesOf(features[i])),
    properties: () => {
      // Properties are packed in input order, so feature i's properties are entry i.
      const packer = new PropertyPacker();
      for (let i = 0; i < features.length; i++) packer.add(propertiesOf(features[i]));
      return packer.finish();
    },
  };
  return buildPolygonLayerFrom(source, options);
}

function skippedAt(index: number, id: string | undefined, err: FeatureError): SkippedFeature {
  const base = { index, code: err.code, message: err.message };
  const withId = id === undefined ? base : { ...base, id };
  return err.detail === undefined ? withId : { ...withId, detail: err.detail };
}

/** buildPolygonLayer over any source of polygons: parsed features or the compact FeatureStore. */
export function buildPolygonLayerFrom(source: PolygonSource, options: PolygonLayerOptions = {}): PolygonLayerData {
  const total = source.count;
  const mode = options.mode ?? 'extrude';
  const walls = mode === 'extrude';
  const maxChunk = Math.max(64, Math.min(options.maxChunkVertices ?? DEFAULT_CHUNK_VERTICES, MAX_U16_VERTICES));
  const progressEvery = options.progressEvery ?? 2000;
  const skippedList: SkippedFeature[] = [];

  // Pass 1: read geometry, find every feature's lon/lat bounds. The polygons read are not kept: pass 2
  // reads them again, one feature at a time, so a big city's rings never pile up as long-lived objects
  // (what the garbage collector would otherwise copy and mark, for seconds at a million buildings).
  const readable = new Uint8Array(total);
  let readCount = 0;
  const fb = new Float64Array(total * 4);
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  const b = [0, 0, 0, 0];
  for (let i = 0; i < total; i++) {
    try {
      const list = source.polygons(i);
      b[0] = b[1] = Infinity;
      b[2] = b[3] = -Infinity;
      for (const poly of list) extendBounds(b, poly[0]!);
      fb[i * 4] = b[0]!;
      fb[i * 4 + 1] = b[1]!;
      fb[i * 4 + 2] = b[2]!;
      fb[i * 4 + 3] = b[3]!;
      extendBounds(all, b);
      readable[i] = 1;
      readCount++;
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skippedAt(i, source.id(i), err));
    }
  }
  const lonLatBounds: [number, number, number, number] = Number.isFinite(all[0]!)
    ? [all[0]!, all[1]!, all[2]!, all[3]!]
    : [0, 0, 0, 0];
  const frame = options.frame ?? createLocalFrame((lonLatBounds[0] + lonLatBounds[2]) / 2, (lonLatBounds[1] + lonLatBounds[3]) / 2);

  // Order features along a Morton curve of their centres so chunks are spatially compact.
  const spanX = lonLatBounds[2] - lonLatBounds[0] || 1;
  const spanY = lonLatBounds[3] - lonLatBounds[1] || 1;
  const keys = new Uint32Array(readCount);
  const order = new Uint32Array(readCount);
  for (let i = 0, k = 0; i < total; i++) {
    if (!readable[i]) continue;
    const cx = (fb[i * 4]! + fb[i * 4 + 2]!) / 2;
    const cy = (fb[i * 4 + 1]! + fb[i * 4 + 3]!) / 2;
    keys[k] = morton16(Math.floor(((cx - lonLatBounds[0]) / spanX) * 65535), Math.floor(((cy - lonLatBounds[1]) / spanY) * 65535));
    order[k++] = i;
  }
  // By key, ties in input order (the features are listed in input order and the sort is stable).
  const sorted = radixSortByKey(keys, order);

  // Pass 2: project, triangulate and emit into chunks.
  const table: PolygonFeatureTable = {
    count: total,
    drawn: new Uint8Array(total),
    height: new Float32Array(total),
    minHeight: new Float32Array(total),
    heightSource: new Uint8Array(total).fill(HeightSource.Estimate),
    center: new Float32Array(total * 2),
    area: new Float32Array(total),
    chunk: new Int32Array(total).fill(-1),
  };
  const chunks: ColumnarGeometry[] = [];
  // Far detail is for buildings: flat areas (parks, districts, carbon-map cells) keep every feature at any
  // distance, since a map with holes where small areas were would misread.
  const bySize = walls;
  const current = new ChunkBuilder(bySize);
  let done = 0;
  let vertexCount = 0;
  let triangleCount = 0;
  const flush = (): void => {
    if (current.vertices === 0) return;
    vertexCount += current.vertices;
    triangleCount += current.index.length / 3;
    chunks.push(current.finish());
    current.reset();
  };
  for (let s = 0; s < sorted.length; s++) {
    const i = sorted[s]!;
    try {
      const list = source.polygons(i);
      const projected = list.map((poly, k) => projectPolygon(frame, poly, list.length > 1 ? `coordinates[${k}]` : 'coordinates'));
      const h = walls ? source.height(i) : { height: options.flatZ ?? 0, minHeight: options.flatZ ?? 0, source: HeightSource.Height };
      const floor = walls && h.minHeight > 0;
      let need = 0;
      for (const p of projected) need += vertexEstimate(p, walls, floor);
      if (current.vertices > 0 && current.vertices + need > maxChunk) flush();
      let area = 0;
      const anchor: Anchor = { area2: -1, x: 0, y: 0 };
      const footprint = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of projected) {
        emitPolygon(current, p, i, h.height, h.minHeight, walls, anchor);
        area += p.area;
        extendBounds(footprint, p.xy);
      }
      // Far level of detail: the feature's size is the diagonal of its box (footprint × height).
      current.endFeature(Math.hypot(footprint[2]! - footprint[0]!, footprint[3]! - footprint[1]!, walls ? h.height - h.minHeight : 0));
      table.drawn[i] = 1;
      table.height[i] = h.height;
      table.minHeight[i] = h.minHeight;
      table.heightSource[i] = h.source;
      table.area[i] = area;
      table.chunk[i] = chunks.length;
      table.center[i * 2] = anchor.x;
      table.center[i * 2 + 1] = anchor.y;
      // A single feature larger than a chunk gets a chunk of its own with Uint32 indices.
      if (current.vertices >= maxChunk) flush();
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skippedAt(i, source.id(i), err));
    }
    done++;
    if (options.onProgress && done % progressEvery === 0) options.onProgress(done, sorted.length);
  }
  flush();
  options.onProgress?.(sorted.length, sorted.length);
  skippedList.sort((a, b) => a.index - b.index);

  const bounds: [number, number, number, number, number, number] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (const c of chunks) {
    for (let k = 0; k < 3; k++) {
      bounds[k] = Math.min(bounds[k]!, c.bounds[k]!);
      bounds[k + 3] = Math.max(bounds[k + 3]!, c.bounds[k + 3]!);
    }
  }
  if (chunks.length === 0) bounds.fill(0);
  return { frame, chunks, features: table, properties: source.properties(), skipped: skippedList, bounds, lonLatBounds, vertexCount, triangleCount };
}

/** Typed-array bytes a layer holds (geometry, feature table and packed properties). */
export function polygonLayerBytes(layer: PolygonLayerData): number {
  let bytes = layer.properties.bytes.byteLength + layer.properties.offsets.byteLength;
  for (const c of layer.chunks) {
    bytes += c.indices.byteLength;
    for (const a of Object.values(c.attributes)) bytes += a.value.byteLength;
    if (c.lod) bytes += c.lod.sizes.byteLength + c.lod.ends.byteLength;
  }
  const t = layer.features;
  bytes += t.drawn.byteLength + t.height.byteLength + t.minHeight.byteLength + t.heightSource.byteLength + t.center.byteLength + t.area.byteLength + t.chunk.byteLength;
  return bytes;
}
