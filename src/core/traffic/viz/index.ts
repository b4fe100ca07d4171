/**
 * Drawing data for network results, as plain typed arrays (the scene turns them into GPU buffers):
 *  - `buildLinkRibbons`: each directed link as a ribbon beside its centre line, on the right-hand side
 *    of travel (two directions of a street sit side by side). Vertices carry the centre-line position,
 *    a `side` vector (metres per metre of width: 0 on the centre line, the mitred right-hand normal on
 *    the outer edge) and the link index as `featureId`, so widths (by flow) and colours (by V/C) change
 *    through per-link textures without rebuilding geometry.
 *  - `vehicleInstances`: vehicles to animate on the GPU: one instance per displayed vehicle with its
 *    segment's end points, a phase and its speed as a fraction of the segment per second.
 * Units: metres, seconds; flows in veh/h.
 */
import { type ColumnarGeometry, Grow } from '../../columnar/index.ts';
import { seededRandom } from '../../random/index.ts';

/** Polylines in local metres: points of line i are coords[2·offsets[i] .. 2·offsets[i+1]). */
export interface Polylines {
  readonly coords: Float32Array;
  readonly offsets: Uint32Array;
}

const MAX_U16 = 65535;
const MITRE_LIMIT = 2;

export function buildLinkRibbons(lines: Polylines, z = 0.6): ColumnarGeometry[] {
  const n = lines.offsets.length - 1;
  const chunks: ColumnarGeometry[] = [];
  const pos = new Grow((k) => new Float32Array(k), 3 * 8192);
  const side = new Grow((k) => new Float32Array(k), 2 * 8192);
  const fid = new Grow((k) => new Float32Array(k), 8192);
  const idx = new Grow((k) => new Uint32Array(k), 16384);
  const bounds: [number, number, number, number, number, number] = [Infinity, Infinity, z, -Infinity, -Infinity, z];
  const flush = (): void => {
    if (fid.length === 0) return;
    const all = idx.finish();
    chunks.push({
      length: fid.length,
      attributes: {
        position: { value: pos.finish(), size: 3 },
        side: { value: side.finish(), size: 2 },
        featureId: { value: fid.finish(), size: 1 },
      },
      indices: fid.length <= MAX_U16 ? Uint16Array.from(all) : all,
      bounds: [...bounds],
    });
    pos.clear();
    side.clear();
    fid.clear();
    idx.clear();
    bounds[0] = bounds[1] = Infinity;
    bounds[3] = bounds[4] = -Infinity;
  };
  const c = lines.coords;
  for (let l = 0; l < n; l++) {
    const start = lines.offsets[l]!;
    const end = lines.offsets[l + 1]!;
    const points = end - start;
    if (points < 2) continue;
    if (fid.length + 2 * points > MAX_U16) flush();
    const first = fid.length;
    for (let i = start; i < end; i++) {
      const x = c[2 * i]!;
      const y = c[2 * i + 1]!;
      let ax = 0, ay = 0, bx = 0, by = 0;
      if (i > start) {
        ax = x - c[2 * i - 2]!;
        ay = y - c[2 * i - 1]!;
        const len = Math.hypot(ax, ay) || 1;
        ax /= len;
        ay /= len;
      }
      if (i < end - 1) {
        bx = c[2 * i + 2]! - x;
        by = c[2 * i + 3]! - y;
        const len = Math.hypot(bx, by) || 1;
        bx /= len;
        by /= len;
      }
      if (i === start) { ax = bx; ay = by; }
      if (i === end - 1) { bx = ax; by = ay; }
      let tx = ax + bx;
      let ty = ay + by;
      const tl = Math.hypot(tx, ty);
      if (tl < 1e-9) { tx = ax; ty = ay; } else { tx /= tl; ty /= tl; }
      // Right-hand normal of the mean direction, stretched to keep the width through the turn.
      const rx = ty;
      const ry = -tx;
      const cos = rx * ay - ry * ax; // dot with the right normal (ay, -ax) of the incoming segment
      const k = Math.min(1 / Math.max(Math.abs(cos), 1e-6), MITRE_LIMIT);
      for (const s of [0, 1]) {
        const p = pos.reserve(3);
        p[pos.length++] = x;
        p[pos.length++] = y;
        p[pos.length++] = z;
        const q = side.reserve(2);
        q[side.length++] = s * rx * k;
        q[side.length++] = s * ry * k;
        fid.push(l);
      }
      if (x < bounds[0]) bounds[0] = x;
      if (y < bounds[1]) bounds[1] = y;
      if (x > bounds[3]) bounds[3] = x;
      if (y > bounds[4]) bounds[4] = y;
    }
    const ix = idx.reserve((points - 1) * 6);
    for (let i = 0; i < points - 1; i++) {
      const a = first + 2 * i; // centre, then right edge
      // Counter-clockwise seen from above: centre, right, next right; centre, next right, next centre.
      ix[idx.length++] = a;
      ix[idx.length++] = a + 1;
      ix[idx.length++] = a + 3;
      ix[idx.length++] = a;
      ix[idx.length++] = a + 3;
      ix[idx.length++] = a + 2;
    }
  }
  flush();
  return chunks;
}

export interface VehicleInstances {
  readonly count: number;
  /** Segment start and end, local metres: x0, y0, x1, y1 per instance. */
  readonly segment: Float32Array;
  /** Position along the segment at time 0, in [0, 1). */
  readonly phase: Float32Array;
  /** Fraction of the segment travelled per second (speed / segment length). */
  readonly rate: Float32Array;
  /** Link of each vehicle. */
  readonly link: Float32Array;
  /** Vehicles on the network at an instant (before display scaling). */
  readonly vehiclesOnNetwork: number;
  /** Displayed vehicles per real vehicle. */
  readonly displayScale: number;
}

/**
 * Vehicles on each link at an instant = flow (veh/h) × travel time (h) (Little's law), spread along
 * its segments in proportion to their lengths, scaled down uniformly so at most `maxInstances` are
 * drawn. Positions are seeded, so the same results give the same picture.
 */
export function vehicleInstances(
  lines: Polylines,
  flow: ArrayLike<number>,
  travelTimeS: ArrayLike<number>,
  options: { maxInstances?: number; seed?: number } = {},
): VehicleInstances {
  const n = lines.offsets.length - 1;
  const maxInstances = options.maxInstances ?? 20000;
  const c = lines.coords;
  const lengthOf = (l: number): number => {
    let s = 0;
    for (let i = lines.offsets[l]! + 1; i < lines.offsets[l + 1]!; i++) s += Math.hypot(c[2 * i]! - c[2 * i - 2]!, c[2 * i + 1]! - c[2 * i - 1]!);
    return s;
  };
  let onNetwork = 0;
  for (let l = 0; l < n; l++) {
    const v = flow[l]! * (travelTimeS[l]! / 3600);
    if (Number.isFinite(v) && v > 0) onNetwork += v;
  }
  const displayScale = onNetwork > maxInstances ? maxInstances / onNetwork : 1;
  const rand = seededRandom(options.seed ?? 7);
  const segment = new Grow((k) => new Float32Array(k), 4096);
  const phase = new Grow((k) => new Float32Array(k), 1024);
  const rate = new Grow((k) => new Float32Array(k), 1024);
  const link = new Grow((k) => new Float32Array(k), 1024);
  for (let l = 0; l < n; l++) {
    const tt = travelTimeS[l]!;
    const len = lengthOf(l);
    const v = flow[l]! * (tt / 3600) * displayScale;
    if (!(v > 0) || !(len > 0) || !(tt > 0)) continue;
    const speed = len / tt;
    // Whole vehicles, with the fraction kept as a probability so totals stay right on average.
    const whole = Math.floor(v) + (rand() < v - Math.floor(v) ? 1 : 0);
    for (let k = 0; k < whole; k++) {
      // Pick a point uniformly along the link, then find its segment.
      let d = ((k + rand()) / whole) * len;
      for (let i = lines.offsets[l]! + 1; i < lines.offsets[l + 1]!; i++) {
        const x0 = c[2 * i - 2]!, y0 = c[2 * i - 1]!, x1 = c[2 * i]!, y1 = c[2 * i + 1]!;
        const sl = Math.hypot(x1 - x0, y1 - y0);
        if (d <= sl || i === lines.offsets[l + 1]! - 1) {
          const s = segment.reserve(4);
          s[segment.length++] = x0;
          s[segment.length++] = y0;
          s[segment.length++] = x1;
          s[segment.length++] = y1;
          phase.push(sl > 0 ? Math.min(d / sl, 0.999) : 0);
          rate.push(sl > 0 ? speed / sl : 0);
          link.push(l);
          break;
        }
        d -= sl;
      }
    }
  }
  return {
    count: phase.length,
    segment: segment.finish(),
    phase: phase.finish(),
    rate: rate.finish(),
    link: link.finish(),
    vehiclesOnNetwork: onNetwork,
    displayScale,
  };
}

export { buildSegmentIndex, pickLink } from './pick.ts';
export type { SegmentIndex } from './pick.ts';
