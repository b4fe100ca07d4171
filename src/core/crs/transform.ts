/**
 * Batch transforms between a supported CRS and WGS84 longitude/latitude (degrees), through proj4.
 * Input and output are flat arrays of pairs: x0, y0, x1, y1, …  A pair that is not finite, or that the
 * projection cannot take, comes out as NaN, NaN: callers test the output, never catch.
 */
import proj4 from 'proj4';
import { type CrsCode, crsInfo } from './definitions.ts';

/** Transforms flat pairs; writes into `out` (same length) when given, else into a new array. */
export type PairTransform = (xy: ArrayLike<number>, out?: Float64Array) => Float64Array;

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

const forwardCache = new Map<CrsCode, PairTransform>();
const inverseCache = new Map<CrsCode, PairTransform>();

function identity(xy: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = xy.length - (xy.length % 2);
  const dst = out ?? new Float64Array(n);
  if (dst.length < n) throw new RangeError(`output holds ${dst.length} numbers, input ${n}`);
  for (let i = 0; i < n; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    const ok = Number.isFinite(x) && Number.isFinite(y);
    dst[i] = ok ? x : NaN;
    dst[i + 1] = ok ? y : NaN;
  }
  return dst;
}

function build(from: string, to: string): PairTransform {
  const conv = proj4(from, to);
  const p = { x: 0, y: 0 };
  return (xy, out) => {
    const n = xy.length - (xy.length % 2);
    const dst = out ?? new Float64Array(n);
    if (dst.length < n) throw new RangeError(`output holds ${dst.length} numbers, input ${n}`);
    for (let i = 0; i < n; i += 2) {
      const x = xy[i]!;
      const y = xy[i + 1]!;
      let rx = NaN;
      let ry = NaN;
      if (Number.isFinite(x) && Number.isFinite(y)) {
        p.x = x;
        p.y = y;
        try {
          const r = conv.forward(p);
          if (Number.isFinite(r.x) && Number.isFinite(r.y)) {
            rx = r.x;
            ry = r.y;
          }
        } catch {
          // proj4 throws on some points far outside a projection's domain: report them as NaN.
        }
      }
      dst[i] = rx;
      dst[i + 1] = ry;
    }
    return dst;
  };
}

/** CRS coordinates -> WGS84 longitude, latitude (degrees). */
export function toWgs84(code: CrsCode): PairTransform {
  let t = forwardCache.get(code);
  if (!t) {
    t = code === 4326 ? identity : build(crsInfo(code).proj4, WGS84);
    forwardCache.set(code, t);
  }
  return t;
}

/** WGS84 longitude, latitude (degrees) -> CRS coordinates: the inverse of toWgs84. */
export function fromWgs84(code: CrsCode): PairTransform {
  let t = inverseCache.get(code);
  if (!t) {
    t = code === 4326 ? identity : build(WGS84, crsInfo(code).proj4);
    inverseCache.set(code, t);
  }
  return t;
}
