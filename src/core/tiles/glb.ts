/**
 * A minimal glTF 2.0 binary (GLB) writer and reader: one binary buffer, buffer views aligned to 8
 * bytes (the EXT_structural_metadata rule for property tables, and more than vertex data needs).
 * Layout (glTF 2.0 §4.4): 12-byte header, a JSON chunk padded with spaces (to 4 bytes, and so that the
 * binary data starts at a multiple of 8 in the file), a BIN chunk padded with zeros.
 */

const MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"

export const ARRAY_BUFFER = 34962;
export const ELEMENT_ARRAY_BUFFER = 34963;
export const FLOAT = 5126;
export const UNSIGNED_SHORT = 5123;
export const UNSIGNED_INT = 5125;

export interface BufferView {
  buffer: number;
  byteOffset: number;
  byteLength: number;
  target?: number;
}

export interface Accessor {
  bufferView: number;
  componentType: number;
  count: number;
  type: 'SCALAR' | 'VEC3';
  min?: number[];
  max?: number[];
}

/** Collects binary data as buffer views and accessors, then writes the GLB. */
export class GlbWriter {
  readonly bufferViews: BufferView[] = [];
  readonly accessors: Accessor[] = [];
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  /** Appends bytes as a new buffer view (aligned to 8 bytes); returns its index. */
  view(bytes: Uint8Array, target?: number): number {
    const pad = (8 - (this.length % 8)) % 8;
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad));
      this.length += pad;
    }
    this.parts.push(bytes);
    const v: BufferView = { buffer: 0, byteOffset: this.length, byteLength: bytes.byteLength };
    if (target !== undefined) v.target = target;
    this.length += bytes.byteLength;
    this.bufferViews.push(v);
    return this.bufferViews.length - 1;
  }

  /** Appends a typed array as a buffer view and an accessor over it; returns the accessor index. */
  accessor(data: Float32Array | Uint16Array | Uint32Array, type: 'SCALAR' | 'VEC3', target: number, withBounds: boolean): number {
    const componentType = data instanceof Float32Array ? FLOAT : data instanceof Uint16Array ? UNSIGNED_SHORT : UNSIGNED_INT;
    const size = type === 'VEC3' ? 3 : 1;
    const bufferView = this.view(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), target);
    const a: Accessor = { bufferView, componentType, count: data.length / size, type };
    if (withBounds) {
      const min = new Array<number>(size).fill(Infinity);
      const max = new Array<number>(size).fill(-Infinity);
      for (let i = 0; i < data.length; i += size) {
        for (let k = 0; k < size; k++) {
          const v = data[i + k]!;
          if (v < min[k]!) min[k] = v;
          if (v > max[k]!) max[k] = v;
        }
      }
      a.min = min;
      a.max = max;
    }
    this.accessors.push(a);
    return this.accessors.length - 1;
  }

  /** The GLB bytes of `json` (which must not yet hold buffers, bufferViews or accessors) and the data. */
  finish(json: Record<string, unknown>): Uint8Array {
    const binLength = this.length + ((4 - (this.length % 4)) % 4);
    const full = {
      ...json,
      ...(this.accessors.length > 0 ? { accessors: this.accessors } : {}),
      ...(this.bufferViews.length > 0 ? { bufferViews: this.bufferViews } : {}),
      ...(this.length > 0 ? { buffers: [{ byteLength: binLength }] } : {}),
    };
    const jsonBytes = new TextEncoder().encode(JSON.stringify(full));
    // Pad the JSON so the binary data starts 8-byte aligned in the file too (20 + json + 8 ≡ 0 mod 8):
    // Float64 property columns can then be viewed in place.
    const jsonLength = jsonBytes.length + ((12 - (jsonBytes.length % 8)) % 8);
    const total = 12 + 8 + jsonLength + (this.length > 0 ? 8 + binLength : 0);
    const out = new Uint8Array(total);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, 2, true);
    dv.setUint32(8, total, true);
    dv.setUint32(12, jsonLength, true);
    dv.setUint32(16, CHUNK_JSON, true);
    out.set(jsonBytes, 20);
    out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLength);
    if (this.length > 0) {
      let at = 20 + jsonLength;
      dv.setUint32(at, binLength, true);
      dv.setUint32(at + 4, CHUNK_BIN, true);
      at += 8;
      for (const p of this.parts) {
        out.set(p, at);
        at += p.byteLength;
      }
    }
    return out;
  }
}

export class GlbError extends Error {
  override name = 'GlbError';
}

/** Splits a GLB into its JSON and its binary chunk (a view, not a copy). */
export function readGlb(bytes: Uint8Array): { json: Record<string, unknown>; bin: Uint8Array } {
  if (bytes.byteLength < 20) throw new GlbError('too short for a GLB');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new GlbError('not a GLB (bad magic)');
  if (dv.getUint32(4, true) !== 2) throw new GlbError('not a glTF 2.0 GLB');
  const total = dv.getUint32(8, true);
  if (total !== bytes.byteLength) throw new GlbError(`length ${total} in the header, ${bytes.byteLength} bytes given`);
  const jsonLength = dv.getUint32(12, true);
  if (dv.getUint32(16, true) !== CHUNK_JSON) throw new GlbError('the first chunk is not JSON');
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as Record<string, unknown>;
  let bin: Uint8Array = new Uint8Array(0);
  const at = 20 + jsonLength;
  if (at + 8 <= total && dv.getUint32(at + 4, true) === CHUNK_BIN) bin = bytes.subarray(at + 8, at + 8 + dv.getUint32(at, true));
  return { json, bin };
}
