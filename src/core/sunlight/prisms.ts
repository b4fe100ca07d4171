/**
 * Buildings as prisms for sun rays: footprint rings (x, y metres in the local frame) extruded from the
 * ground (z = 0) to a height (metres). Two sources: GeoJSON-like polygons with heights (the CLI), and
 * the roof triangles of the viewer's batched building meshes (every upward-facing triangle above the
 * ground is a three-sided prism up to its height), so any layer the viewer draws can be studied.
 *
 * Rays are walked through a uniform grid of cells holding the prisms that overlap them, with each cell's
 * tallest roof (Amanatides & Woo, "A Fast Voxel Traversal Algorithm for Ray Tracing", Eurographics 1987,
 * in 2D). A ray rising towards the sun skips a cell once it is above that cell's tallest roof and stops
 * once it is above the tallest roof of all: most rays end within a few cells, with no allocation.
 */
import type { ColumnarGeometry } from '../columnar/index.ts';

export interface Prisms {
  readonly count: number;
  /** Per prism, its first ring (index into ringStart); count + 1 entries. */
  readonly prismRing: Uint32Array;
  /** Per ring, its first vertex (index into xy / 2); rings + 1 entries. */
  readonly ringStart: Uint32Array;
  /** Ring vertices, x, y pairs, metres; rings are closed implicitly (the first vertex is not repeated). */
  readonly xy: Float64Array;
  /** Per prism, its top above the ground, metres. */
  readonly height: Float64Array;
  /** Per prism, [minX, minY, maxX, maxY]. */
  readonly bounds: Float64Array;
}

/** Collects prisms one at a time, then packs them (`finish`). */
export class PrismBuilder {
  private readonly xy: number[] = [];
  private readonly ringStart: number[] = [0];
  private readonly prismRing: number[] = [0];
  private readonly height: number[] = [];
  private readonly bounds: number[] = [];

  /** A footprint (outer ring then holes, each a flat x, y array) up to `height` metres; skipped when not above the ground. */
  add(rings: readonly (readonly number[] | Float64Array)[], height: number): void {
    if (!(height > 0)) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    let rings2 = 0;
    for (const ring of rings) {
      let n = ring.length >> 1;
      if (n > 1 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1]) n--; // closing vertex
      if (n < 3) continue;
      for (let i = 0; i < n; i++) {
        const x = ring[2 * i]!, y = ring[2 * i + 1]!;
        this.xy.push(x, y);
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      this.ringStart.push(this.xy.length / 2);
      rings2++;
    }
    if (rings2 === 0) return;
    this.prismRing.push(this.ringStart.length - 1);
    this.height.push(height);
    this.bounds.push(x0, y0, x1, y1);
  }

  finish(): Prisms {
    return {
      count: this.height.length,
      prismRing: Uint32Array.from(this.prismRing),
      ringStart: Uint32Array.from(this.ringStart),
      xy: Float64Array.from(this.xy),
      height: Float64Array.from(this.height),
      bounds: Float64Array.from(this.bounds),
    };
  }
}

/**
 * Prisms from the roofs of batched building meshes (positions x east, y north, z up; Int8 normals): each
 * triangle facing up (normal z above 0.9) and higher than 0.1 m, within `area` ([minX, minY, maxX, maxY])
 * when given, becomes a triangle prism up to its mean height.
 */
export function roofPrisms(chunks: readonly ColumnarGeometry[], area?: readonly [number, number, number, number]): Prisms {
  const b = new PrismBuilder();
  const tri = [0, 0, 0, 0, 0, 0];
  for (const g of chunks) {
    const pos = g.attributes['position']?.value;
    const nrm = g.attributes['normal'];
    if (!pos || !nrm) continue;
    const nScale = nrm.value instanceof Int8Array ? 127 : 1;
    const idx = g.indices;
    for (let i = 0; i + 2 < idx.length; i += 3) {
      const a = idx[i]!, c = idx[i + 1]!, d = idx[i + 2]!;
      if (nrm.value[a * 3 + 2]! / nScale < 0.9) continue;
      const z = (pos[a * 3 + 2]! + pos[c * 3 + 2]! + pos[d * 3 + 2]!) / 3;
      if (!(z > 0.1)) continue;
      tri[0] = pos[a * 3]!; tri[1] = pos[a * 3 + 1]!;
      tri[2] = pos[c * 3]!; tri[3] = pos[c * 3 + 1]!;
      tri[4] = pos[d * 3]!; tri[5] = pos[d * 3 + 1]!;
      if (area) {
        const minX = Math.min(tri[0], tri[2], tri[4]), maxX = Math.max(tri[0], tri[2], tri[4]);
        const minY = Math.min(tri[1], tri[3], tri[5]), maxY = Math.max(tri[1], tri[3], tri[5]);
        if (maxX < area[0] || minX > area[2] || maxY < area[1] || minY > area[3]) continue;
      }
      b.add([tri], z);
    }
  }
  return b.finish();
}

/** The tallest prism, metres (0 for none). */
export function tallest(prisms: Prisms): number {
  let h = 0;
  for (let i = 0; i < prisms.count; i++) if (prisms.height[i]! > h) h = prisms.height[i]!;
  return h;
}

/**
 * A prism's crossings with a horizontal ray from (px, py) along (dx, dy) (t > 0, in metres along the ray
 * when (dx, dy) is a unit vector): how many, and the nearest. An odd count means the start is inside.
 */
function crossings(p: Prisms, i: number, px: number, py: number, dx: number, dy: number, out: { n: number; t: number }): void {
  out.n = 0;
  out.t = Infinity;
  const { xy, ringStart } = p;
  for (let r = p.prismRing[i]!; r < p.prismRing[i + 1]!; r++) {
    const s = ringStart[r]!, e = ringStart[r + 1]!;
    for (let v = s; v < e; v++) {
      const w = v + 1 < e ? v + 1 : s;
      const ax = xy[2 * v]!, ay = xy[2 * v + 1]!;
      const ex = xy[2 * w]! - ax, ey = xy[2 * w + 1]! - ay;
      const denom = dx * ey - dy * ex;
      if (denom === 0) continue; // parallel: a grazing ray neither enters nor leaves
      const qx = ax - px, qy = ay - py;
      const t = (qx * ey - qy * ex) / denom;
      const u = (qx * dy - qy * dx) / denom;
      if (t > 0 && u >= 0 && u < 1) {
        out.n++;
        if (t < out.t) out.t = t;
      }
    }
  }
}

/** A uniform grid over the prisms' extent: per cell, the prisms overlapping it and its tallest roof. */
export class PrismGrid {
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly nx: number;
  readonly ny: number;
  readonly maxHeight: number;
  private readonly start: Uint32Array;
  private readonly items: Uint32Array;
  private readonly cellMax: Float32Array;
  private readonly stamp: Uint32Array;
  private ray = 0;
  private readonly hit = { n: 0, t: Infinity };

  constructor(readonly prisms: Prisms, cellSize?: number) {
    const { count, bounds } = prisms;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, area = 0;
    for (let i = 0; i < count; i++) {
      x0 = Math.min(x0, bounds[4 * i]!); y0 = Math.min(y0, bounds[4 * i + 1]!);
      x1 = Math.max(x1, bounds[4 * i + 2]!); y1 = Math.max(y1, bounds[4 * i + 3]!);
      area += (bounds[4 * i + 2]! - bounds[4 * i]!) * (bounds[4 * i + 3]! - bounds[4 * i + 1]!);
    }
    if (count === 0) { x0 = 0; y0 = 0; x1 = 1; y1 = 1; }
    // About one prism's box per cell, within 2–50 m, and at most ~4 million cells.
    let cell = cellSize ?? Math.min(50, Math.max(2, Math.sqrt(area / Math.max(1, count))));
    cell = Math.max(cell, Math.sqrt(((x1 - x0) * (y1 - y0)) / 4e6));
    this.x0 = x0;
    this.y0 = y0;
    this.cell = cell;
    this.nx = Math.max(1, Math.ceil((x1 - x0) / cell));
    this.ny = Math.max(1, Math.ceil((y1 - y0) / cell));
    const cells = this.nx * this.ny;
    const counts = new Uint32Array(cells + 1);
    this.cellMax = new Float32Array(cells);
    let maxHeight = 0;
    const range = (i: number): [number, number, number, number] => [
      this.ix(bounds[4 * i]!), this.iy(bounds[4 * i + 1]!), this.ix(bounds[4 * i + 2]!), this.iy(bounds[4 * i + 3]!),
    ];
    for (let i = 0; i < count; i++) {
      const [a, b, c, d] = range(i);
      const h = prisms.height[i]!;
      if (h > maxHeight) maxHeight = h;
      for (let y = b; y <= d; y++) for (let x = a; x <= c; x++) {
        counts[y * this.nx + x + 1]!++;
        if (h > this.cellMax[y * this.nx + x]!) this.cellMax[y * this.nx + x] = h;
      }
    }
    for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!;
    this.start = counts.slice();
    this.items = new Uint32Array(counts[cells]!);
    const fill = counts; // reused as write cursors
    for (let i = 0; i < count; i++) {
      const [a, b, c, d] = range(i);
      for (let y = b; y <= d; y++) for (let x = a; x <= c; x++) this.items[fill[y * this.nx + x]!++] = i;
    }
    this.maxHeight = maxHeight;
    this.stamp = new Uint32Array(count);
  }

  private ix(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cell)));
  }
  private iy(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.cell)));
  }

  /** The prism a ground point stands in (its footprint holds the point), or -1. */
  inside(px: number, py: number): number {
    const cx = Math.floor((px - this.x0) / this.cell), cy = Math.floor((py - this.y0) / this.cell);
    if (cx < 0 || cy < 0 || cx >= this.nx || cy >= this.ny) return -1;
    const c = cy * this.nx + cx;
    // An irrational-ish direction keeps the parity ray off vertices of axis-aligned footprints.
    const dx = 0.9995, dy = 0.0316;
    for (let k = this.start[c]!; k < this.start[c + 1]!; k++) {
      const i = this.items[k]!;
      crossings(this.prisms, i, px, py, dx, dy, this.hit);
      if (this.hit.n % 2 === 1) return i;
    }
    return -1;
  }

  /**
   * Whether a ray from (px, py, pz) towards the sun — horizontal unit direction (dx, dy), rising `slope`
   * metres per metre (tan of the elevation) — meets a prism. Returns the prism's index, or -1 (sunlit).
   */
  blocker(px: number, py: number, pz: number, dx: number, dy: number, slope: number): number {
    if (!(slope > 0)) return -2; // sun at or below the horizon
    const reach = (this.maxHeight - pz) / slope;
    if (reach <= 0) return -1;
    const { x0, y0, cell, nx, ny } = this;
    const x1 = x0 + nx * cell, y1 = y0 + ny * cell;
    // Clip the ray [0, reach] to the grid's box (slabs).
    let t0 = 0, t1 = reach;
    if (dx !== 0) {
      const a = (x0 - px) / dx, b = (x1 - px) / dx;
      t0 = Math.max(t0, Math.min(a, b)); t1 = Math.min(t1, Math.max(a, b));
    } else if (px < x0 || px >= x1) return -1;
    if (dy !== 0) {
      const a = (y0 - py) / dy, b = (y1 - py) / dy;
      t0 = Math.max(t0, Math.min(a, b)); t1 = Math.min(t1, Math.max(a, b));
    } else if (py < y0 || py >= y1) return -1;
    if (t0 > t1) return -1;
    const ray = ++this.ray;
    if (ray === 0xffffffff) { this.stamp.fill(0); this.ray = 1; }
    let ix = Math.min(nx - 1, Math.max(0, Math.floor((px + t0 * dx - x0) / cell)));
    let iy = Math.min(ny - 1, Math.max(0, Math.floor((py + t0 * dy - y0) / cell)));
    const sx = dx > 0 ? 1 : -1, sy = dy > 0 ? 1 : -1;
    const dtx = dx !== 0 ? cell / Math.abs(dx) : Infinity, dty = dy !== 0 ? cell / Math.abs(dy) : Infinity;
    let tx = dx !== 0 ? (x0 + (ix + (dx > 0 ? 1 : 0)) * cell - px) / dx : Infinity;
    let ty = dy !== 0 ? (y0 + (iy + (dy > 0 ? 1 : 0)) * cell - py) / dy : Infinity;
    let t = t0;
    const stamp = this.stamp, items = this.items, start = this.start, hit = this.hit, p = this.prisms;
    for (;;) {
      const c = iy * nx + ix;
      // The ray is lowest where it enters the cell: skip the cell when it is above every roof there.
      if (pz + t * slope < this.cellMax[c]!) {
        for (let k = start[c]!; k < start[c + 1]!; k++) {
          const i = items[k]!;
          if (stamp[i] === ray) continue;
          stamp[i] = ray;
          crossings(p, i, px, py, dx, dy, hit);
          if (hit.n === 0) continue;
          // Inside the footprint, or entering it below its roof: the prism blocks the sun.
          if (hit.n % 2 === 1 || pz + hit.t * slope < p.height[i]!) return i;
        }
      }
      if (tx < ty) {
        t = tx; tx += dtx; ix += sx;
        if (ix < 0 || ix >= nx) return -1;
      } else {
        t = ty; ty += dty; iy += sy;
        if (iy < 0 || iy >= ny) return -1;
      }
      if (t > t1) return -1;
    }
  }
}
