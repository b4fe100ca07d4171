/**
 * Plane geometry for the carbon map, in local metres: flat polygon sets, signed areas, Sutherland–Hodgman
 * clipping against axis-aligned slabs, exact splitting of polylines over grid cells, point-in-polygon,
 * and clipping against convex triangles (for district polygons, triangulated with earcut).
 */

/**
 * Polygons of many features in flat typed arrays. Feature f owns polygons
 * [featurePolygons[f], featurePolygons[f+1]); polygon p owns rings [polygonRings[p], polygonRings[p+1])
 * (first ring outer, counter-clockwise; then holes, clockwise); ring r owns points
 * [ringPoints[r], ringPoints[r+1]) of `xy` (x, y interleaved, no closing point).
 */
export interface PolygonSet {
  readonly count: number;
  readonly featurePolygons: Int32Array;
  readonly polygonRings: Int32Array;
  readonly ringPoints: Int32Array;
  readonly xy: Float64Array;
}

/** Doubled signed area of ring points [start, end) (point indices) of `xy`; > 0 counter-clockwise. */
export function ringArea2(xy: ArrayLike<number>, start: number, end: number): number {
  let s = 0;
  for (let i = start, j = end - 1; i < end; j = i, i++) {
    s += (xy[2 * j]! - xy[2 * i]!) * (xy[2 * j + 1]! + xy[2 * i + 1]!);
  }
  return s;
}

/** Builds a PolygonSet feature by feature; rings are re-oriented (outer CCW, holes CW). */
export class PolygonSetBuilder {
  private readonly featurePolygons: number[] = [0];
  private readonly polygonRings: number[] = [0];
  private readonly ringPoints: number[] = [0];
  private xy = new Float64Array(1024);
  private points = 0;

  /** Adds one feature: polygons of rings of flat [x0, y0, x1, y1, …] local coordinates (no closing point). */
  addFeature(polygons: readonly (readonly (readonly number[] | Float64Array)[])[]): void {
    for (const rings of polygons) {
      rings.forEach((ring, r) => {
        const n = ring.length >> 1;
        if (n < 3) return;
        const start = this.points;
        this.reserve(n);
        this.xy.set(ring.length === 2 * n ? ring : Array.prototype.slice.call(ring, 0, 2 * n), 2 * start);
        this.points += n;
        const a2 = ringArea2(this.xy, start, start + n);
        if ((r === 0 && a2 < 0) || (r > 0 && a2 > 0)) this.reverse(start, start + n);
        this.ringPoints.push(this.points);
      });
      if (this.ringPoints.length - 1 > this.polygonRings[this.polygonRings.length - 1]!) this.polygonRings.push(this.ringPoints.length - 1);
    }
    this.featurePolygons.push(this.polygonRings.length - 1);
  }

  finish(): PolygonSet {
    return {
      count: this.featurePolygons.length - 1,
      featurePolygons: Int32Array.from(this.featurePolygons),
      polygonRings: Int32Array.from(this.polygonRings),
      ringPoints: Int32Array.from(this.ringPoints),
      xy: this.xy.slice(0, 2 * this.points),
    };
  }

  private reserve(n: number): void {
    const need = 2 * (this.points + n);
    if (need <= this.xy.length) return;
    let cap = this.xy.length * 2;
    while (cap < need) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.xy.subarray(0, 2 * this.points));
    this.xy = next;
  }

  private reverse(start: number, end: number): void {
    const xy = this.xy;
    for (let i = start, j = end - 1; i < j; i++, j--) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      xy[2 * i] = xy[2 * j]!;
      xy[2 * i + 1] = xy[2 * j + 1]!;
      xy[2 * j] = x;
      xy[2 * j + 1] = y;
    }
  }
}

/** Concatenates polygon sets (features of `b` follow those of `a`). */
export function concatPolygonSets(a: PolygonSet, b: PolygonSet): PolygonSet {
  const ringBase = a.ringPoints.length - 1;
  const polyBase = a.polygonRings.length - 1;
  const pointBase = a.xy.length / 2;
  const featurePolygons = new Int32Array(a.count + b.count + 1);
  featurePolygons.set(a.featurePolygons);
  for (let i = 1; i <= b.count; i++) featurePolygons[a.count + i] = b.featurePolygons[i]! + polyBase;
  const polygonRings = new Int32Array(a.polygonRings.length + b.polygonRings.length - 1);
  polygonRings.set(a.polygonRings);
  for (let i = 1; i < b.polygonRings.length; i++) polygonRings[polyBase + i] = b.polygonRings[i]! + ringBase;
  const ringPoints = new Int32Array(a.ringPoints.length + b.ringPoints.length - 1);
  ringPoints.set(a.ringPoints);
  for (let i = 1; i < b.ringPoints.length; i++) ringPoints[ringBase + i] = b.ringPoints[i]! + pointBase;
  const xy = new Float64Array(a.xy.length + b.xy.length);
  xy.set(a.xy);
  xy.set(b.xy, a.xy.length);
  return { count: a.count + b.count, featurePolygons, polygonRings, ringPoints, xy };
}

/** Area of feature f (outer rings minus holes), m². */
export function featureArea(set: PolygonSet, f: number): number {
  let a2 = 0;
  for (let p = set.featurePolygons[f]!; p < set.featurePolygons[f + 1]!; p++) {
    for (let r = set.polygonRings[p]!; r < set.polygonRings[p + 1]!; r++) a2 += ringArea2(set.xy, set.ringPoints[r]!, set.ringPoints[r + 1]!);
  }
  return a2 / 2;
}

/** [minX, minY, maxX, maxY] of feature f (Infinity bounds when it has no points). */
export function featureBounds(set: PolygonSet, f: number, out: number[] = [0, 0, 0, 0]): number[] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const r0 = set.polygonRings[set.featurePolygons[f]!]!;
  const r1 = set.polygonRings[set.featurePolygons[f + 1]!]!;
  for (let i = set.ringPoints[r0]!; i < set.ringPoints[r1]!; i++) {
    const x = set.xy[2 * i]!;
    const y = set.xy[2 * i + 1]!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  out[0] = minX; out[1] = minY; out[2] = maxX; out[3] = maxY;
  return out;
}

/** Even-odd point-in-polygon over every ring of feature f (holes and multipolygons included). */
export function pointInFeature(set: PolygonSet, f: number, x: number, y: number): boolean {
  let inside = false;
  const xy = set.xy;
  const r0 = set.polygonRings[set.featurePolygons[f]!]!;
  const r1 = set.polygonRings[set.featurePolygons[f + 1]!]!;
  for (let r = r0; r < r1; r++) {
    const start = set.ringPoints[r]!;
    const end = set.ringPoints[r + 1]!;
    for (let i = start, j = end - 1; i < end; j = i, i++) {
      const yi = xy[2 * i + 1]!;
      const yj = xy[2 * j + 1]!;
      if (yi > y !== yj > y) {
        const xi = xy[2 * i]!;
        const xj = xy[2 * j]!;
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Sutherland–Hodgman against one axis-aligned half-plane: keeps points with coordinate `axis` (0 = x,
 * 1 = y) >= bound (`keepAbove`) or <= bound. Reads n points of `src`, writes into `dst`, returns the count.
 * For a convex clip region the signed area of the output equals the signed area of the intersection,
 * also for concave input (the extra edges it may leave along the boundary enclose no area).
 */
export function clipHalfPlane(src: Float64Array, n: number, axis: 0 | 1, bound: number, keepAbove: boolean, dst: Float64Array): number {
  let m = 0;
  if (n === 0) return 0;
  let px = src[2 * (n - 1)]!;
  let py = src[2 * (n - 1) + 1]!;
  let pc = axis === 0 ? px : py;
  let pIn = keepAbove ? pc >= bound : pc <= bound;
  for (let i = 0; i < n; i++) {
    const cx = src[2 * i]!;
    const cy = src[2 * i + 1]!;
    const cc = axis === 0 ? cx : cy;
    const cIn = keepAbove ? cc >= bound : cc <= bound;
    if (cIn !== pIn) {
      const t = (bound - pc) / (cc - pc);
      if (axis === 0) {
        dst[2 * m] = bound;
        dst[2 * m + 1] = py + t * (cy - py);
      } else {
        dst[2 * m] = px + t * (cx - px);
        dst[2 * m + 1] = bound;
      }
      m++;
    }
    if (cIn) {
      dst[2 * m] = cx;
      dst[2 * m + 1] = cy;
      m++;
    }
    px = cx;
    py = cy;
    pc = cc;
    pIn = cIn;
  }
  return m;
}

/** Scratch buffers for clipping, grown on demand (no allocation per call once warm). */
export class ClipScratch {
  a = new Float64Array(256);
  b = new Float64Array(256);
  c = new Float64Array(256);
  /** Makes every buffer hold at least `points` points (clipping a ring by 4 planes adds at most 4). */
  ensure(points: number): void {
    const need = 2 * (points + 8);
    if (this.a.length >= need) return;
    let cap = this.a.length;
    while (cap < need) cap *= 2;
    this.a = new Float64Array(cap);
    this.b = new Float64Array(cap);
    this.c = new Float64Array(cap);
  }
}

/**
 * Splits a polyline segment (x0, y0) → (x1, y1) exactly over the cells of a regular grid (origin ox, oy;
 * square cells of side `cell`; nx × ny cells, row-major iy·nx + ix); calls `emit(cellIndex, length)` for
 * every piece. Points on the outer boundary are clamped into the edge cells.
 */
export function splitSegmentOverGrid(
  x0: number, y0: number, x1: number, y1: number,
  ox: number, oy: number, cell: number, nx: number, ny: number,
  ts: number[],
  emit: (cellIndex: number, length: number) => void,
): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len === 0) return;
  const gx0 = (x0 - ox) / cell;
  const gy0 = (y0 - oy) / cell;
  const gx1 = (x1 - ox) / cell;
  const gy1 = (y1 - oy) / cell;
  ts.length = 0;
  ts.push(0);
  // Parameters where the segment crosses vertical (x = k) and horizontal (y = k) grid lines.
  const addCrossings = (a: number, b: number): void => {
    if (a === b) return;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    for (let k = Math.floor(lo) + 1; k < hi; k++) ts.push((k - a) / (b - a));
  };
  addCrossings(gx0, gx1);
  addCrossings(gy0, gy1);
  ts.push(1);
  ts.sort((p, q) => p - q);
  for (let i = 0; i + 1 < ts.length; i++) {
    const ta = ts[i]!;
    const tb = ts[i + 1]!;
    if (tb <= ta) continue;
    const tm = (ta + tb) / 2;
    let ix = Math.floor(gx0 + tm * (gx1 - gx0));
    let iy = Math.floor(gy0 + tm * (gy1 - gy0));
    ix = ix < 0 ? 0 : ix >= nx ? nx - 1 : ix;
    iy = iy < 0 ? 0 : iy >= ny ? ny - 1 : iy;
    emit(iy * nx + ix, (tb - ta) * len);
  }
}

/**
 * Length of segment (x0, y0) → (x1, y1) inside the triangle (ax, ay), (bx, by), (cx, cy) of either
 * orientation (Cyrus–Beck clipping against the three edges).
 */
export function segmentInTriangle(
  x0: number, y0: number, x1: number, y1: number,
  ax: number, ay: number, bx: number, by: number, cx: number, cy: number,
): number {
  const orient = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (orient === 0) return 0;
  const s = orient > 0 ? 1 : -1;
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const edges = [ax, ay, bx, by, bx, by, cx, cy, cx, cy, ax, ay];
  for (let e = 0; e < 12; e += 4) {
    const ex = edges[e + 2]! - edges[e]!;
    const ey = edges[e + 3]! - edges[e + 1]!;
    // Inside: s·cross(edge, p - start) >= 0. f(t) = num + t·den.
    const num = s * (ex * (y0 - edges[e + 1]!) - ey * (x0 - edges[e]!));
    const den = s * (ex * dy - ey * dx);
    if (den === 0) {
      if (num < 0) return 0;
      continue;
    }
    const t = -num / den;
    if (den > 0) {
      if (t > t0) t0 = t;
    } else if (t < t1) t1 = t;
    if (t0 >= t1) return 0;
  }
  return (t1 - t0) * Math.hypot(dx, dy);
}

/** Signed area of ring points [0, n) of a flat buffer. */
export function bufferArea(buf: Float64Array, n: number): number {
  return ringArea2(buf, 0, n) / 2;
}

/** Area of the intersection of ring points [start, end) of `xy` with a triangle (either orientation), signed by the ring. */
export function ringInTriangleArea(
  xy: Float64Array, start: number, end: number,
  ax: number, ay: number, bx: number, by: number, cx: number, cy: number,
  scratch: ClipScratch,
): number {
  const n = end - start;
  scratch.ensure(n + 3);
  let src = scratch.a;
  let dst = scratch.b;
  src.set(xy.subarray(2 * start, 2 * end));
  let m = n;
  const orient = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (orient === 0) return 0;
  const tri = orient > 0 ? [ax, ay, bx, by, cx, cy] : [ax, ay, cx, cy, bx, by];
  for (let e = 0; e < 3 && m > 0; e++) {
    const sx = tri[2 * e]!;
    const sy = tri[2 * e + 1]!;
    const tx = tri[(2 * e + 2) % 6]!;
    const ty = tri[(2 * e + 3) % 6]!;
    m = clipEdge(src, m, sx, sy, tx, ty, dst);
    const t = src;
    src = dst;
    dst = t;
  }
  return m < 3 ? 0 : bufferArea(src, m);
}

/** Sutherland–Hodgman step against the left side of the directed line s → t. */
function clipEdge(src: Float64Array, n: number, sx: number, sy: number, tx: number, ty: number, dst: Float64Array): number {
  const ex = tx - sx;
  const ey = ty - sy;
  const side = (x: number, y: number): number => ex * (y - sy) - ey * (x - sx);
  let m = 0;
  let px = src[2 * (n - 1)]!;
  let py = src[2 * (n - 1) + 1]!;
  let pd = side(px, py);
  for (let i = 0; i < n; i++) {
    const cx = src[2 * i]!;
    const cy = src[2 * i + 1]!;
    const cd = side(cx, cy);
    if (cd >= 0 !== pd >= 0) {
      const t = pd / (pd - cd);
      dst[2 * m] = px + t * (cx - px);
      dst[2 * m + 1] = py + t * (cy - py);
      m++;
    }
    if (cd >= 0) {
      dst[2 * m] = cx;
      dst[2 * m + 1] = cy;
      m++;
    }
    px = cx;
    py = cy;
    pd = cd;
  }
  return m;
}
