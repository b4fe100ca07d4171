/**
 * Footprints of CityJSON surfaces: the 2D polygons (with holes) a city object stands on, in the file's
 * CRS units (x east, y north).
 *
 * Which surfaces make the footprint, in this order:
 *  1. 'ground': surfaces tagged `GroundSurface` in the geometry's semantics (LoD2 with semantics);
 *  2. 'lowest': horizontal surfaces at the object's lowest level (LoD1/LoD2 prisms whose bottom is not
 *     tagged, e.g. the triangulated LoD1 solids of 3dfier), when they span the object's whole extent;
 *  3. 'outline': the 2D outline of the surfaces that are not vertical: those that face down when there are
 *     any (the underside of a solid), else those that face up (roof-only or terrain-like surfaces).
 * The chosen surfaces are projected to 2D and merged by cancelling the edges they share (the mod-2
 * boundary of their union), which holds for surfaces that tile an area edge to edge, as a solid's bottom
 * or a triangulated terrain patch does. Points closer than `quantum` (CRS units) are one point.
 */

/** One surface: its rings (first outer, the rest holes) as flat x, y, z triples, and its semantic type. */
export interface Surface {
  readonly rings: readonly Float64Array[];
  readonly semantic?: string;
}

export type FootprintMethod = 'ground' | 'lowest' | 'outline';

export interface Footprint {
  /** Polygons of flat x, y rings (first ring outer and counter-clockwise, holes clockwise; not closed). */
  readonly polygons: number[][][];
  readonly method: FootprintMethod;
}

/** A surface is horizontal when its z varies by no more than this, metres. */
export const HORIZONTAL_TOLERANCE_M = 0.01;
/** Horizontal surfaces within this of the lowest z are the bottom, metres. */
export const LOWEST_LEVEL_TOLERANCE_M = 0.05;
/** A surface whose normal's z is under this share of its length is vertical (a wall), and has no footprint. */
const VERTICAL_NZ = 0.01;

interface Newell {
  nx: number;
  ny: number;
  nz: number;
}

/** Newell's normal of a ring (twice its vector area); nz > 0 when the ring turns counter-clockwise seen from above. */
function newell(r: Float64Array): Newell {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  const n = r.length / 3;
  for (let i = 0; i < n; i++) {
    const j = i + 1 < n ? i + 1 : 0;
    const xi = r[3 * i]!, yi = r[3 * i + 1]!, zi = r[3 * i + 2]!;
    const xj = r[3 * j]!, yj = r[3 * j + 1]!, zj = r[3 * j + 2]!;
    nx += (yi - yj) * (zi + zj);
    ny += (zi - zj) * (xi + xj);
    nz += (xi - xj) * (yi + yj);
  }
  return { nx, ny, nz };
}

function zRange(r: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 2; i < r.length; i += 3) {
    lo = Math.min(lo, r[i]!);
    hi = Math.max(hi, r[i]!);
  }
  return [lo, hi];
}

/** [minX, minY, maxX, maxY] of the outer rings of surfaces. */
function box2d(surfaces: readonly Surface[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of surfaces) {
    const r = s.rings[0]!;
    for (let i = 0; i < r.length; i += 3) {
      b[0] = Math.min(b[0], r[i]!);
      b[1] = Math.min(b[1], r[i + 1]!);
      b[2] = Math.max(b[2], r[i]!);
      b[3] = Math.max(b[3], r[i + 1]!);
    }
  }
  return b;
}

/** Signed area of a flat x, y ring (positive counter-clockwise). */
export function ringArea(xy: readonly number[]): number {
  let s = 0;
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (xy[2 * j]! - xy[2 * i]!) * (xy[2 * i + 1]! + xy[2 * j + 1]!);
  return s / 2;
}

function pointInRing(x: number, y: number, xy: readonly number[]): boolean {
  let inside = false;
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = xy[2 * i]!, yi = xy[2 * i + 1]!, xj = xy[2 * j]!, yj = xy[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Ids below this fit two to a float64 integer key (2^26, so a·2^26 + b < 2^53). */
const KEY_SPAN = 2 ** 26;

/**
 * The mod-2 boundary of the union of surfaces, projected to 2D, as rings of flat x, y; deterministic
 * (rings are walked in the order of their edges' keys).
 */
function outlineRings(surfaces: readonly Surface[], quantum: number): number[][] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of surfaces) {
    for (const r of s.rings) {
      for (let i = 0; i < r.length; i += 3) {
        minX = Math.min(minX, r[i]!);
        maxX = Math.max(maxX, r[i]!);
        minY = Math.min(minY, r[i + 1]!);
        maxY = Math.max(maxY, r[i + 1]!);
      }
    }
  }
  // Points are keyed by their quantised offset from the corner: numbers while the extent allows, else strings.
  const numeric = (maxX - minX) / quantum < KEY_SPAN - 2 && (maxY - minY) / quantum < KEY_SPAN - 2;
  const ids = new Map<number | string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const idOf = (x: number, y: number): number => {
    const qx = Math.round((x - minX) / quantum);
    const qy = Math.round((y - minY) / quantum);
    const key = numeric ? qx * KEY_SPAN + qy : `${qx},${qy}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = xs.length;
      ids.set(key, id);
      xs.push(x);
      ys.push(y);
    }
    return id;
  };
  const edgeKeys: number[] = [];
  const ring: number[] = [];
  for (const s of surfaces) {
    for (const r of s.rings) {
      const n = r.length / 3;
      if (n < 3) continue;
      ring.length = 0;
      for (let i = 0; i < n; i++) {
        const id = idOf(r[3 * i]!, r[3 * i + 1]!);
        if (ring[ring.length - 1] !== id) ring.push(id);
      }
      while (ring.length > 1 && ring[0] === ring[ring.length - 1]) ring.pop();
      if (ring.length < 3) continue;
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % ring.length]!;
        edgeKeys.push(a < b ? a * KEY_SPAN + b : b * KEY_SPAN + a);
      }
    }
  }
  if (xs.length >= KEY_SPAN) return [];
  // Edges on the boundary are used an odd number of times; shared (interior) edges cancel. Sorting the
  // keys counts them (and fixes the order the rings are walked in).
  const sorted = Float64Array.from(edgeKeys).sort();
  const adjacency = new Map<number, number[]>();
  const open = new Set<number>();
  for (let i = 0; i < sorted.length; ) {
    const ek = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === ek) j++;
    if ((j - i) % 2 === 1) {
      open.add(ek);
      const a = Math.floor(ek / KEY_SPAN);
      const b = ek - a * KEY_SPAN;
      for (const v of [a, b]) {
        const list = adjacency.get(v);
        if (list) list.push(ek);
        else adjacency.set(v, [ek]);
      }
    }
    i = j;
  }
  const rings: number[][] = [];
  for (const startEdge of open) {
    open.delete(startEdge);
    const start = Math.floor(startEdge / KEY_SPAN);
    const walk = [start];
    let current = startEdge - start * KEY_SPAN;
    let closed = false;
    for (let guard = 0; guard <= sorted.length; guard++) {
      if (current === start) {
        closed = true;
        break;
      }
      walk.push(current);
      const next = adjacency.get(current)?.find((ek) => open.has(ek));
      if (next === undefined) break;
      open.delete(next);
      const a = Math.floor(next / KEY_SPAN);
      current = a === current ? next - a * KEY_SPAN : a;
    }
    if (!closed || walk.length < 3) continue;
    const xy: number[] = [];
    for (const v of walk) xy.push(xs[v]!, ys[v]!);
    rings.push(xy);
  }
  return rings;
}

/** Groups rings into polygons: rings inside an odd number of others are holes of the smallest that holds them. */
function polygonsOf(rings: number[][], minArea: number): number[][][] {
  const items = rings
    .map((xy) => ({ xy, area: ringArea(xy) }))
    .filter((r) => Math.abs(r.area) > minArea)
    .sort((a, b) => Math.abs(b.area) - Math.abs(a.area));
  const polygons: number[][][] = [];
  const placed: Array<{ xy: number[]; depth: number; polygon: number }> = [];
  for (const { xy, area } of items) {
    // Test point: the middle of the ring's first edge (less likely than a vertex to touch another ring).
    const tx = (xy[0]! + xy[2]!) / 2;
    const ty = (xy[1]! + xy[3]!) / 2;
    let parent: (typeof placed)[number] | undefined;
    for (const p of placed) if (pointInRing(tx, ty, p.xy)) parent = p; // larger first, so the last hit is the smallest
    const depth = parent ? parent.depth + 1 : 0;
    const hole = depth % 2 === 1;
    // Outer rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
    const ring = (hole ? area > 0 : area < 0) ? reversed(xy) : xy;
    if (hole && parent) {
      polygons[parent.polygon]!.push(ring);
      placed.push({ xy, depth, polygon: parent.polygon });
    } else {
      polygons.push([ring]);
      placed.push({ xy, depth, polygon: polygons.length - 1 });
    }
  }
  return polygons;
}

function reversed(xy: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = xy.length - 2; i >= 0; i -= 2) out.push(xy[i]!, xy[i + 1]!);
  return out;
}

/**
 * The footprint of an object's surfaces (see the module header), or null when no surface has a 2D
 * extent. `building`: try ground and lowest surfaces first (for other objects only the outline is used).
 * `quantum`: the distance under which points are merged, in CRS units (0.001 for metres).
 */
export function footprintOf(surfaces: readonly Surface[], building: boolean, quantum: number): Footprint | null {
  const minArea = quantum * quantum;
  const attempt = (chosen: readonly Surface[], method: FootprintMethod): Footprint | null => {
    if (chosen.length === 0) return null;
    const polygons = polygonsOf(outlineRings(chosen, quantum), minArea);
    return polygons.length > 0 ? { polygons, method } : null;
  };
  const outers = surfaces.filter((s) => s.rings.length > 0 && s.rings[0]!.length >= 9);
  if (building) {
    const ground = attempt(outers.filter((s) => s.semantic === 'GroundSurface'), 'ground');
    if (ground) return ground;
    let zMin = Infinity;
    for (const s of outers) for (const r of s.rings) zMin = Math.min(zMin, zRange(r)[0]);
    const lowest = outers.filter((s) => {
      const [lo, hi] = zRange(s.rings[0]!);
      return hi - lo <= HORIZONTAL_TOLERANCE_M && hi <= zMin + LOWEST_LEVEL_TOLERANCE_M;
    });
    // The lowest level is the footprint only when it spans the whole object seen from above: a low flat
    // roof among roof-only surfaces, or a bottom under an overhang, is not (the outline is used instead).
    const all = box2d(outers);
    const low = box2d(lowest);
    const tol = Math.max(50 * quantum, 0.01 * Math.max(all[2] - all[0], all[3] - all[1]));
    if (low[0] <= all[0] + tol && low[1] <= all[1] + tol && low[2] >= all[2] - tol && low[3] >= all[3] - tol) {
      const fp = attempt(lowest, 'lowest');
      if (fp) return fp;
    }
  }
  const down: Surface[] = [];
  const up: Surface[] = [];
  for (const s of outers) {
    const { nx, ny, nz } = newell(s.rings[0]!);
    const len = Math.hypot(nx, ny, nz);
    if (len === 0 || Math.abs(nz) < VERTICAL_NZ * len) continue;
    (nz < 0 ? down : up).push(s);
  }
  const first = building ? down : down.length >= up.length ? down : up;
  const second = first === down ? up : down;
  return attempt(first, 'outline') ?? attempt(second, 'outline');
}
