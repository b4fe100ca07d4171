/**
 * The carbon spatial map: per-feature results aggregated onto a regular grid (square cells of 25 / 50 /
 * 100 / 250 / 500 m or any size) and onto district polygons, as columnar Float64Arrays, t CO2e/yr.
 *
 *  - buildings go to the cell (district) containing their centre;
 *  - road links are split by length over the cells they cross (exact segment–cell splitting) and over
 *    districts (exact segment–triangle clipping of the triangulated districts);
 *  - green areas are split by intersection area (Sutherland–Hodgman against the cell slabs, or against
 *    the districts' triangles).
 * Each feature's value is spread with weights that are normalised to sum to 1, so the cells (plus the
 * `outside` bucket for districts) always sum to the model totals, to rounding (≈1e-15 relative).
 */
import type { ColumnarAttribute } from '../../columnar/index.ts';
import { CarbonInputError } from './assumptions.ts';
import { ClipScratch, clipHalfPlane, featureBounds, splitSegmentOverGrid } from './geometry.ts';
import type { PolygonSet } from './geometry.ts';
import type { CarbonResult } from './model.ts';
import type { BuildingTable, RoadLinkTable } from './inputs.ts';

/** Cell sizes offered in the UI, metres. */
export const CELL_SIZES_M = [25, 50, 100, 250, 500] as const;
/** Refuse grids larger than this many cells (memory: 4 × 8 bytes per cell). */
export const MAX_GRID_CELLS = 20_000_000;

export interface GridSpec {
  /** South-west corner of cell 0, local metres; a multiple of the cell size. */
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  readonly nx: number;
  readonly ny: number;
}

export interface SectorTotals {
  readonly buildings: number;
  readonly transport: number;
  readonly sinks: number;
  readonly net: number;
}

/** Per-cell values (cell index = iy·nx + ix), t CO2e/yr; columnar, ready to transfer. */
export interface CarbonGrid {
  readonly spec: GridSpec;
  readonly length: number;
  readonly attributes: {
    readonly buildings: ColumnarAttribute<Float64Array>;
    readonly transport: ColumnarAttribute<Float64Array>;
    readonly sinks: ColumnarAttribute<Float64Array>;
    readonly net: ColumnarAttribute<Float64Array>;
  };
  /** Sums over the cells. */
  readonly totals: SectorTotals;
  /** Cells with any non-zero value. */
  readonly nonEmptyCells: number;
}

/** Bounds of everything mapped: building centres, link points, green polygon points. */
function dataBounds(r: CarbonResult): [number, number, number, number] {
  return tableBounds(r.buildingTable, r.roadTable, r.green?.polygons);
}

/** Bounds (local metres) of the buildings that count, the road links' points and the green polygons' points. */
export function tableBounds(
  b: Pick<BuildingTable, 'count' | 'included' | 'x' | 'y'> | null | undefined,
  roads: Pick<RoadLinkTable, 'xy'> | null | undefined,
  green: Pick<PolygonSet, 'xy'> | null | undefined,
): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const add = (x: number, y: number): void => {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  };
  if (b) for (let i = 0; i < b.count; i++) if (b.included[i] === 1) add(b.x[i]!, b.y[i]!);
  if (roads) for (let i = 0; i < roads.xy.length; i += 2) add(roads.xy[i]!, roads.xy[i + 1]!);
  if (green) for (let i = 0; i < green.xy.length; i += 2) add(green.xy[i]!, green.xy[i + 1]!);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : [0, 0, 0, 0];
}

/** The grid covering `bounds` with cells of `cellSize` metres, aligned to multiples of the cell size. */
export function gridSpecFor(bounds: readonly [number, number, number, number], cellSize: number): GridSpec {
  if (!Number.isFinite(cellSize) || cellSize <= 0) throw new CarbonInputError(`cell size must be a number > 0 m, got ${cellSize}`);
  const originX = Math.floor(bounds[0] / cellSize) * cellSize;
  const originY = Math.floor(bounds[1] / cellSize) * cellSize;
  const nx = Math.max(1, Math.floor((bounds[2] - originX) / cellSize) + 1);
  const ny = Math.max(1, Math.floor((bounds[3] - originY) / cellSize) + 1);
  if (nx * ny > MAX_GRID_CELLS) {
    throw new CarbonInputError(`a ${cellSize} m grid over this area needs ${nx * ny} cells (limit ${MAX_GRID_CELLS}); use larger cells`);
  }
  return { originX, originY, cellSize, nx, ny };
}

/** Cell index of a point (clamped into the grid). */
function cellOf(spec: GridSpec, x: number, y: number): number {
  let ix = Math.floor((x - spec.originX) / spec.cellSize);
  let iy = Math.floor((y - spec.originY) / spec.cellSize);
  ix = ix < 0 ? 0 : ix >= spec.nx ? spec.nx - 1 : ix;
  iy = iy < 0 ? 0 : iy >= spec.ny ? spec.ny - 1 : iy;
  return iy * spec.nx + ix;
}

/**
 * Intersection areas of feature f of `set` with the grid cells it overlaps: calls emit(cell, area)
 * in cell order. Slab clipping: each ring is clipped to a column, then each column strip to a row.
 */
function polygonOverGrid(set: PolygonSet, f: number, spec: GridSpec, scratch: ClipScratch, acc: { buf: Float64Array }, emit: (cell: number, area: number) => void): void {
  const bb = featureBounds(set, f, [0, 0, 0, 0]);
  if (!Number.isFinite(bb[0]!)) return;
  const c = spec.cellSize;
  const ix0 = Math.max(0, Math.floor((bb[0]! - spec.originX) / c));
  const ix1 = Math.min(spec.nx - 1, Math.floor((bb[2]! - spec.originX) / c));
  const iy0 = Math.max(0, Math.floor((bb[1]! - spec.originY) / c));
  const iy1 = Math.min(spec.ny - 1, Math.floor((bb[3]! - spec.originY) / c));
  const cols = ix1 - ix0 + 1;
  const rows = iy1 - iy0 + 1;
  if (acc.buf.length < cols * rows) acc.buf = new Float64Array(Math.max(cols * rows, acc.buf.length * 2));
  const area = acc.buf;
  area.fill(0, 0, cols * rows);
  const xy = set.xy;
  const r0 = set.polygonRings[set.featurePolygons[f]!]!;
  const r1 = set.polygonRings[set.featurePolygons[f + 1]!]!;
  for (let r = r0; r < r1; r++) {
    const start = set.ringPoints[r]!;
    const n = set.ringPoints[r + 1]! - start;
    scratch.ensure(n + 8);
    const ring = xy.subarray(2 * start, 2 * (start + n));
    for (let ix = ix0; ix <= ix1; ix++) {
      const xa = spec.originX + ix * c;
      // The outermost columns and rows extend to infinity, so clamped points are not lost.
      let m = ix === 0 ? n : clipHalfPlane(ring, n, 0, xa, true, scratch.a);
      const colSrc = ix === 0 ? ring : scratch.a;
      m = ix === spec.nx - 1 ? copyInto(colSrc, m, scratch.b) : clipHalfPlane(colSrc, m, 0, xa + c, false, scratch.b);
      if (m < 3) continue;
      const strip = scratch.b;
      let sMin = Infinity;
      let sMax = -Infinity;
      for (let k = 0; k < m; k++) {
        const y = strip[2 * k + 1]!;
        if (y < sMin) sMin = y;
        if (y > sMax) sMax = y;
      }
      const ry0 = Math.max(iy0, Math.floor((sMin - spec.originY) / c));
      const ry1 = Math.min(iy1, Math.floor((sMax - spec.originY) / c));
      for (let iy = ry0; iy <= ry1; iy++) {
        const ya = spec.originY + iy * c;
        let k = iy === 0 ? copyInto(strip, m, scratch.c) : clipHalfPlane(strip, m, 1, ya, true, scratch.c);
        k = iy === spec.ny - 1 ? copyInto(scratch.c, k, scratch.a) : clipHalfPlane(scratch.c, k, 1, ya + c, false, scratch.a);
        if (k < 3) continue;
        let a2 = 0;
        for (let p = 0, q = k - 1; p < k; q = p, p++) a2 += (scratch.a[2 * q]! - scratch.a[2 * p]!) * (scratch.a[2 * q + 1]! + scratch.a[2 * p + 1]!);
        area[(iy - iy0) * cols + (ix - ix0)]! += a2 / 2;
      }
    }
  }
  for (let iy = 0; iy < rows; iy++) {
    for (let ix = 0; ix < cols; ix++) {
      const a = area[iy * cols + ix]!;
      if (a !== 0) emit((iy + iy0) * spec.nx + (ix + ix0), a);
    }
  }
}

function copyInto(src: Float64Array, n: number, dst: Float64Array): number {
  dst.set(src.subarray(0, 2 * n));
  return n;
}

/** Aggregates a model result onto a regular grid of `cellSize` metres covering all mapped features. */
export function aggregateToGrid(result: CarbonResult, cellSize: number, spec?: GridSpec): CarbonGrid {
  const s = spec ?? gridSpecFor(dataBounds(result), cellSize);
  const cells = s.nx * s.ny;
  const buildings = new Float64Array(cells);
  const transport = new Float64Array(cells);
  const sinks = new Float64Array(cells);

  // Buildings by centre.
  const bt = result.buildingTable;
  const bv = result.buildings?.t;
  if (bt && bv) {
    for (let i = 0; i < bt.count; i++) {
      const v = bv[i]!;
      if (v !== 0) buildings[cellOf(s, bt.x[i]!, bt.y[i]!)]! += v;
    }
  }

  // Links by length: pieces first, then the link's value spread by piece length / total piece length.
  const rt = result.roadTable;
  const rv = result.roads?.t;
  if (rt && rv) {
    const pieceCell: number[] = [];
    const pieceLen: number[] = [];
    const ts: number[] = [];
    const emit = (cell: number, len: number): void => {
      pieceCell.push(cell);
      pieceLen.push(len);
    };
    for (let l = 0; l < rt.count; l++) {
      const v = rv[l]!;
      if (v === 0) continue;
      pieceCell.length = 0;
      pieceLen.length = 0;
      const xy = rt.xy;
      for (let i = rt.start[l]!; i + 1 < rt.start[l + 1]!; i++) {
        splitSegmentOverGrid(xy[2 * i]!, xy[2 * i + 1]!, xy[2 * i + 2]!, xy[2 * i + 3]!, s.originX, s.originY, s.cellSize, s.nx, s.ny, ts, emit);
      }
      let total = 0;
      for (const len of pieceLen) total += len;
      if (total === 0) {
        transport[cellOf(s, xy[2 * rt.start[l]!]!, xy[2 * rt.start[l]! + 1]!)]! += v;
        continue;
      }
      for (let k = 0; k < pieceCell.length; k++) transport[pieceCell[k]!]! += (v * pieceLen[k]!) / total;
    }
  }

  // Green areas by intersection area.
  const g = result.green;
  if (g) {
    const scratch = new ClipScratch();
    const acc = { buf: new Float64Array(64) };
    const pc: number[] = [];
    const pa: number[] = [];
    const emit = (cell: number, a: number): void => {
      pc.push(cell);
      pa.push(a);
    };
    for (let k = 0; k < g.cover.length; k++) {
      const v = g.t[k]!;
      if (v === 0) continue;
      pc.length = 0;
      pa.length = 0;
      polygonOverGrid(g.polygons, k, s, scratch, acc, emit);
      let total = 0;
      for (const a of pa) total += a;
      if (!(total > 0)) {
        const bb = featureBounds(g.polygons, k, [0, 0, 0, 0]);
        sinks[cellOf(s, (bb[0]! + bb[2]!) / 2, (bb[1]! + bb[3]!) / 2)]! += v;
        continue;
      }
      for (let j = 0; j < pc.length; j++) sinks[pc[j]!]! += (v * pa[j]!) / total;
    }
  }

  const net = new Float64Array(cells);
  let tb = 0, tt = 0, ts = 0, tn = 0, nonEmpty = 0;
  for (let i = 0; i < cells; i++) {
    const n = buildings[i]! + transport[i]! + sinks[i]!;
    net[i] = n;
    tb += buildings[i]!;
    tt += transport[i]!;
    ts += sinks[i]!;
    tn += n;
    if (buildings[i] !== 0 || transport[i] !== 0 || sinks[i] !== 0) nonEmpty++;
  }
  return {
    spec: s,
    length: cells,
    attributes: {
      buildings: { value: buildings, size: 1 },
      transport: { value: transport, size: 1 },
      sinks: { value: sinks, size: 1 },
      net: { value: net, size: 1 },
    },
    totals: { buildings: tb, transport: tt, sinks: ts, net: tn },
    nonEmptyCells: nonEmpty,
  };
}
