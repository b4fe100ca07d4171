/**
 * The one data shape that crosses threads (ARCHITECTURE rule 2, after deck.gl's binary attributes):
 * `{ length, attributes: { name: { value: TypedArray, size } } }` plus optional triangle indices.
 * `length` counts vertices (or rows); `size` is the number of components per vertex.
 * Nothing here draws; the scene turns these buffers into GPU attributes without copying them.
 */

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

export interface ColumnarAttribute<T extends TypedArray = TypedArray> {
  readonly value: T;
  readonly size: number;
  /** Integer data read as [-1, 1] / [0, 1] by the GPU (normals in Int8, colours in Uint8). */
  readonly normalized?: boolean;
}

export interface ColumnarGeometry {
  /** Number of vertices. */
  readonly length: number;
  readonly attributes: Readonly<Record<string, ColumnarAttribute>>;
  /** Triangle list; Uint16 while a chunk has at most 65,535 vertices. */
  readonly indices: Uint16Array | Uint32Array;
  /** Axis-aligned bounds in local metres: [minX, minY, minZ, maxX, maxY, maxZ]. */
  readonly bounds: readonly [number, number, number, number, number, number];
  /**
   * Prefix-of-index level of detail (extruded polygon layers). The triangles of each feature are
   * contiguous in `indices`, and features are ordered by descending size (metres: the diagonal of the
   * feature's footprint box and height). For the k-th feature in that order, `sizes[k]` is its size and
   * `ends[k]` the number of index entries (a multiple of 3) that cover features 0..k, so drawing the first
   * `ends[k]` entries draws exactly the features of size >= `sizes[k]`. A renderer that may skip features
   * smaller than s draws the prefix up to the last k with `sizes[k] >= s` (see `lodIndexCount`); the
   * vertices are shared, so no extra geometry exists. `sizes` is non-increasing, `ends` strictly increasing
   * and its last entry equals `indices.length`. Absent where the builder does not order by size.
   */
  readonly lod?: { readonly sizes: Float32Array; readonly ends: Uint32Array };
}

/** Bytes of typed-array memory a geometry holds. */
export function geometryBytes(g: ColumnarGeometry): number {
  let bytes = g.indices.byteLength;
  for (const key of Object.keys(g.attributes)) bytes += g.attributes[key]?.value.byteLength ?? 0;
  if (g.lod) bytes += g.lod.sizes.byteLength + g.lod.ends.byteLength;
  return bytes;
}

/**
 * Number of index entries to draw (from 0) so that every feature of size >= `minSize` metres is drawn:
 * all of them where the geometry has no `lod` or `minSize <= 0`, 0 where no feature is that big.
 * Binary search over the descending `lod.sizes`.
 */
export function lodIndexCount(g: ColumnarGeometry, minSize: number): number {
  const lod = g.lod;
  if (!lod || !(minSize > 0)) return g.indices.length;
  const { sizes, ends } = lod;
  // First k with sizes[k] < minSize; everything before it is drawn.
  let lo = 0;
  let hi = sizes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sizes[mid]! >= minSize) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : ends[lo - 1]!;
}

/**
 * A growable typed-array buffer: push values, then `finish()` returns an exact-length copy.
 * Used by the geometry builders so no per-feature arrays are allocated.
 */
export class Grow<T extends TypedArray> {
  /** The backing array (valid up to `length`; replaced when `reserve` grows it). */
  data: T;
  length = 0;
  /**
   * data.length, kept on this object: Grows of every typed-array kind share one shape, so the check in
   * `reserve` stays a monomorphic field read instead of a typed-array length read of many kinds.
   */
  private cap: number;
  constructor(private readonly make: (n: number) => T, initial = 1024) {
    this.data = make(initial);
    this.cap = initial;
  }
  reserve(extra: number): T {
    const need = this.length + extra;
    if (need > this.cap) this.grow(need);
    return this.data;
  }
  private grow(need: number): void {
    let cap = Math.max(this.cap * 2, 1);
    while (cap < need) cap *= 2;
    const next = this.make(cap);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
    this.cap = cap;
  }
  push(v: number): void {
    this.reserve(1)[this.length++] = v;
  }
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
  clear(): void {
    this.length = 0;
  }
}

/**
 * Every distinct ArrayBuffer under a plain object (typed arrays in nested objects and arrays), in a
 * deterministic order: the transfer list for handing a result to another thread without copying.
 */
export function collectBuffers(root: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const seen = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      const b = v.buffer;
      if (b instanceof ArrayBuffer && !seen.has(b)) {
        seen.add(b);
        out.push(b);
      }
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key]);
  };
  visit(root);
  return out;
}

/**
 * A copy of a plain object in which every typed array is sliced (fresh buffers), for handing data to
 * another thread by transfer while keeping the original usable here.
 */
export function copyTyped<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return (value as unknown as TypedArray).slice() as unknown as T;
  if (Array.isArray(value)) return value.map((v) => copyTyped(v)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyTyped((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Grows [minX, minY, minZ, maxX, maxY, maxZ] to hold (x, y, z). */
export function extendBox(b: [number, number, number, number, number, number], x: number, y: number, z: number): void {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (z < b[2]) b[2] = z;
  if (x > b[3]) b[3] = x;
  if (y > b[4]) b[4] = y;
  if (z > b[5]) b[5] = z;
}
