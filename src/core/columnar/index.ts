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
}

/** Bytes of typed-array memory a geometry holds. */
export function geometryBytes(g: ColumnarGeometry): number {
  let bytes = g.indices.byteLength;
  for (const key of Object.keys(g.attributes)) bytes += g.attributes[key]?.value.byteLength ?? 0;
  return bytes;
}

/**
 * A growable typed-array buffer: push values, then `finish()` returns an exact-length copy.
 * Used by the geometry builders so no per-feature arrays are allocated.
 */
export class Grow<T extends TypedArray> {
  /** The backing array (valid up to `length`; replaced when `reserve` grows it). */
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, initial = 1024) {
    this.data = make(initial);
  }
  reserve(extra: number): T {
    const need = this.length + extra;
    if (need > this.data.length) {
      let cap = this.data.length * 2;
      while (cap < need) cap *= 2;
      const next = this.make(cap);
      next.set(this.data.subarray(0, this.length) as never);
      this.data = next;
    }
    return this.data;
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
