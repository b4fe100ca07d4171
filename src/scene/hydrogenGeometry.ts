/**
 * Geometry and colours of the hydrogen layer, kept pure for tests: where a source beyond the map is drawn
 * (at the map's edge in its direction), supply arcs as ribbons lifted over the city, station marker sizes
 * and the utilisation colour scale.
 *
 * Units: local metres of the viewer's frame (x east, y north, z up); kg H2/day; utilisation 0–1.
 */
import { interpolateYlOrRd } from 'd3-scale-chromatic';
import { toLocal } from '../core/geo/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import type { HydrogenSolution, SourceType } from '../core/hydrogen/index.ts';

/** A rectangle [x0, y0, x1, y1], local metres. */
export type Rect = readonly [number, number, number, number];

/**
 * Where the ray from the rectangle's centre towards (dirX, dirY) leaves the rectangle grown by `margin`
 * metres. A zero direction gives the centre of the top edge.
 */
export function edgePoint(rect: Rect, dirX: number, dirY: number, margin = 0): [number, number] {
  const [x0, y0, x1, y1] = rect;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const len = Math.hypot(dirX, dirY);
  if (!(len > 0)) return [cx, y1 + margin];
  const dx = dirX / len;
  const dy = dirY / len;
  const tx = dx > 0 ? (x1 + margin - cx) / dx : dx < 0 ? (x0 - margin - cx) / dx : Infinity;
  const ty = dy > 0 ? (y1 + margin - cy) / dy : dy < 0 ? (y0 - margin - cy) / dy : Infinity;
  const t = Math.min(tx, ty);
  return [cx + t * dx, cy + t * dy];
}

/** Height of an arc's apex over its chord, metres: a quarter of its length, between 30 and 600 m. */
export function arcLift(chord: number): number {
  return Math.min(600, Math.max(30, chord * 0.25));
}

/** Points of a parabolic arc from a to b (segments + 1 of them, xyz), starting and ending at height z0. */
export function arcPoints(ax: number, ay: number, bx: number, by: number, segments: number, z0 = 2): Float64Array {
  const n = Math.max(1, Math.floor(segments));
  const h = arcLift(Math.hypot(bx - ax, by - ay));
  const out = new Float64Array((n + 1) * 3);
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    out[3 * i] = ax + (bx - ax) * t;
    out[3 * i + 1] = ay + (by - ay) * t;
    out[3 * i + 2] = z0 + 4 * h * t * (1 - t);
  }
  return out;
}

/** Ribbon width of a flow, metres: from `min` (a trickle) to `max` (the largest flow), in proportion to kg/day. */
export function arcWidth(kgPerDay: number, maxKgPerDay: number, min = 4, max = 28): number {
  if (!(maxKgPerDay > 0) || !(kgPerDay > 0)) return min;
  return min + (max - min) * Math.min(1, kgPerDay / maxKgPerDay);
}

export interface ArcSpec {
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
  /** Metres. */
  readonly width: number;
  /** Linear RGB 0–1. */
  readonly color: readonly [number, number, number];
}

export interface RibbonBuffers {
  /** xyz per vertex. */
  readonly positions: Float32Array;
  /** Metres along the arc from its source, per vertex (drives the moving dashes). */
  readonly along: Float32Array;
  readonly colors: Float32Array;
  readonly index: Uint32Array;
}

/**
 * All arcs as one triangle strip each (two vertices per sample, offset ± width/2 across the chord,
 * horizontally), in one set of buffers.
 */
export function ribbons(arcs: readonly ArcSpec[], segments = 32): RibbonBuffers {
  const n = Math.max(1, Math.floor(segments));
  const verts = arcs.length * (n + 1) * 2;
  const positions = new Float32Array(verts * 3);
  const along = new Float32Array(verts);
  const colors = new Float32Array(verts * 3);
  const index = new Uint32Array(arcs.length * n * 6);
  let v = 0;
  let k = 0;
  for (const a of arcs) {
    const pts = arcPoints(a.ax, a.ay, a.bx, a.by, n);
    const len = Math.hypot(a.bx - a.ax, a.by - a.ay);
    const nx = len > 0 ? -(a.by - a.ay) / len : 1;
    const ny = len > 0 ? (a.bx - a.ax) / len : 0;
    const half = a.width / 2;
    const first = v;
    let dist = 0;
    for (let i = 0; i <= n; i++) {
      const x = pts[3 * i]!;
      const y = pts[3 * i + 1]!;
      const z = pts[3 * i + 2]!;
      if (i > 0) dist += Math.hypot(x - pts[3 * i - 3]!, y - pts[3 * i - 2]!, z - pts[3 * i - 1]!);
      for (const side of [-1, 1]) {
        positions[3 * v] = x + side * nx * half;
        positions[3 * v + 1] = y + side * ny * half;
        positions[3 * v + 2] = z;
        along[v] = dist;
        colors[3 * v] = a.color[0];
        colors[3 * v + 1] = a.color[1];
        colors[3 * v + 2] = a.color[2];
        v++;
      }
    }
    for (let i = 0; i < n; i++) {
      const p = first + 2 * i;
      index.set([p, p + 1, p + 2, p + 1, p + 3, p + 2], k);
      k += 6;
    }
  }
  return { positions, along, colors, index };
}

/** Station marker size: height by demand (20–200 m), radius by capacity (10–30 m, area ∝ capacity). */
export function stationMarker(demand: number, maxDemand: number, capacity: number, maxCapacity: number): { height: number; radius: number } {
  const d = maxDemand > 0 ? Math.min(1, Math.max(0, demand / maxDemand)) : 0;
  const c = maxCapacity > 0 ? Math.min(1, Math.max(0, capacity / maxCapacity)) : 0;
  return { height: 20 + 180 * d, radius: 10 + 20 * Math.sqrt(c) };
}

/**
 * Colour of a station's utilisation (0–1, clamped) on d3's YlOrRd scale (ColorBrewer, monotonic in lightness,
 * so it reads with any colour vision); closed stations are a dark neutral grey, apart from every step.
 */
export function utilisationColor(u: number, open = true): string {
  if (!open) return CLOSED_COLOR;
  const v = Number.isFinite(u) ? Math.min(1, Math.max(0, u)) : 0;
  return interpolateYlOrRd(0.1 + 0.9 * v);
}

export const CLOSED_COLOR = '#5f6368';

/** Utilisation ramp for the legend (0 … 100 %). */
export const UTILISATION_RAMP: readonly string[] = [0, 0.2, 0.4, 0.6, 0.8, 1].map((u) => utilisationColor(u));

/**
 * Colour of each kind of source (arcs, source markers and the supply-mix chart): Okabe & Ito's
 * colour-universal-design palette (Okabe & Ito 2008, "Color Universal Design (CUD): How to make figures and
 * presentations that are friendly to colorblind people"), told apart with any colour vision
 * (tests/scene/colours.test.ts).
 */
export const SOURCE_COLORS: Readonly<Record<SourceType, string>> = {
  smr: '#d55e00',
  byproduct: '#cc79a7',
  grid_electrolysis: '#e69f00',
  renewable_electrolysis: '#009e73',
  imported: '#0072b2',
};

export interface Placement {
  /** Station positions in the viewer's frame, by the solution's station index. */
  readonly stations: readonly (readonly [number, number])[];
  /** Source positions in the viewer's frame; sources beyond the map at the map's edge. */
  readonly sources: readonly { readonly x: number; readonly y: number; readonly edge: boolean }[];
}

/**
 * Where the solution's stations and sources are drawn in the viewer's frame: from their lon/lat, or
 * (no lon/lat) their model metres as they are. A source beyond the map sits `margin` metres outside the
 * map's rectangle, in its direction from the map's centre.
 */
export function placeSolution(solution: Pick<HydrogenSolution, 'stations' | 'sources'>, frame: LocalFrame | null, rect: Rect, margin = 120): Placement {
  const local = (ll: readonly [number, number] | null, x: number, y: number): [number, number] => (ll && frame ? toLocal(frame, ll[0], ll[1]) : [x, y]);
  return {
    stations: solution.stations.map((s) => local(s.lonLat, s.x, s.y)),
    sources: solution.sources.map((s) => {
      if (s.outsideMap) {
        const [x, y] = edgePoint(rect, s.dirX, s.dirY, margin);
        return { x, y, edge: true };
      }
      const [x, y] = local(s.lonLat, s.x, s.y);
      return { x, y, edge: false };
    }),
  };
}
