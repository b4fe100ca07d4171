// How traffic results look: colour by volume/capacity and width by flow; differences coloured by better
// or worse, not by sign. Shared by the 3D layer and its legends. Every scale is checked for protan, deutan
// and tritan vision in tests/scene/colours.test.ts (colourVision.ts: Machado et al. 2009, CIEDE2000).
//
// V/C: most of d3's BuPu (ColorBrewer's sequential blue–purple, Brewer 2003; monotonic in lightness, so it
// reads the same with every colour-vision deficiency): pale blue when free-flowing to dark purple over
// capacity — no yellow, orange or green, so it never blends with the base map's yellow and orange roads.
// Differences: d3's PuOr (ColorBrewer, Brewer 2003, marked colour-blind safe): purple better, orange worse.
import { interpolateBuPu, interpolatePuOr } from 'd3-scale-chromatic';

/** V/C at the red end of the scale. */
export const VC_MAX = 1.2;
/** Width of a link with no flow, and extra width at the busiest link, metres. */
export const MIN_WIDTH_M = 1.2;
export const EXTRA_WIDTH_M = 9;
/** Closed links: a neutral near-black, outside every ramp (and drawn with a cross, see ClosedMarks). */
export const CLOSED_CSS = '#1c1c1c';
export const CLOSED_COLOR: readonly [number, number, number] = [28, 28, 28];
/** Links before any result: a mid blue-grey, lighter than closed links, with no hue of the ramps. */
export const NO_RESULT_CSS = '#8f9aa8';
export const NO_RESULT_COLOR: readonly [number, number, number] = [143, 154, 168];
/** The part of BuPu the V/C scale uses: free flow at BUPU_FREE (the palest 30 % would vanish on white roads), V/C ≥ VC_MAX at BUPU_FULL. */
const BUPU_FREE = 0.3;
const BUPU_FULL = 1;

export function vcColor(vc: number): string {
  const s = Math.min(Math.max(Number.isFinite(vc) ? vc : 0, 0), VC_MAX) / VC_MAX;
  return interpolateBuPu(BUPU_FREE + (BUPU_FULL - BUPU_FREE) * s);
}

/** 'rgb(r, g, b)' or '#rrggbb' -> bytes. */
export function cssBytes(css: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = Number.parseInt(css.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The V/C values of the legend's steps (the ramp's stops and the numbers under it). */
export const VC_TICKS: readonly number[] = [0, 0.3, 0.6, 0.9, 1.2];
export const VC_RAMP: readonly string[] = VC_TICKS.map(vcColor);

/** Per-link colours and widths for a network, with or without results. */
export function trafficStyle(
  linkCount: number,
  isConnector: Uint8Array,
  closed: readonly number[],
  result: { flows: Float64Array; capacity: Float64Array } | null,
): { colors: Uint8Array; widths: Float32Array } {
  const colors = new Uint8Array(linkCount * 3);
  const widths = new Float32Array(linkCount);
  let maxFlow = 0;
  if (result) for (let l = 0; l < linkCount; l++) if (!isConnector[l]) maxFlow = Math.max(maxFlow, result.flows[l]!);
  const closedSet = new Set(closed);
  for (let l = 0; l < linkCount; l++) {
    if (isConnector[l]) continue; // zone connectors are model plumbing, not streets: not drawn
    let c: readonly [number, number, number] = NO_RESULT_COLOR;
    let w = MIN_WIDTH_M;
    if (closedSet.has(l)) {
      c = CLOSED_COLOR;
      w = MIN_WIDTH_M * 2;
    } else if (result) {
      const v = result.flows[l]!;
      const cap = result.capacity[l]!;
      c = cssBytes(vcColor(cap > 0 ? v / cap : 0));
      w = MIN_WIDTH_M + (maxFlow > 0 ? EXTRA_WIDTH_M * Math.sqrt(v / maxFlow) : 0);
    }
    colors.set(c, 3 * l);
    widths[l] = w;
  }
  return { colors, widths };
}

/**
 * Which way of a change is worse, per measure: more traffic on a street (flow) and a fuller road (V/C)
 * are worse for it; a lower speed is worse. Colour follows this, never the sign alone.
 */
export const WORSE_WHEN: Readonly<Record<'flow' | 'vc' | 'speed', 'higher' | 'lower'>> = { flow: 'higher', vc: 'higher', speed: 'lower' };

/**
 * Colour of a change on a diverging, colour-blind-safe scale (d3's PuOr) centred on zero: orange where the
 * change is worse, purple where it is better; `maxAbs` reaches the ends; `worse` says which sign is worse.
 */
export function changeColor(delta: number, maxAbs: number, worse: 'higher' | 'lower' = 'higher'): string {
  const s = maxAbs > 0 ? Math.max(-1, Math.min(1, delta / maxAbs)) : 0;
  const bad = worse === 'higher' ? s : -s;
  // d3's PuOr runs from purple (0) to orange (1); the ends are kept off the darkest 5 %.
  return interpolatePuOr(0.5 + 0.45 * bad);
}

/** Colour of a flow difference B − A: more traffic on the street is worse (orange). */
export function flowDiffColor(delta: number, maxAbs: number): string {
  return changeColor(delta, maxAbs, WORSE_WHEN.flow);
}

/** From better (purple, left) to worse (orange, right); the legend names both ends. */
export const CHANGE_RAMP: readonly string[] = [-1, -0.5, 0, 0.5, 1].map((x) => changeColor(x, 1));
export const FLOW_DIFF_RAMP: readonly string[] = CHANGE_RAMP;

type Run = { flows: Float64Array; capacity: Float64Array };

/** A link's V/C (0 where it has no capacity: closed). */
const vcOf = (r: Run, l: number): number => (r.capacity[l]! > 0 ? r.flows[l]! / r.capacity[l]! : 0);

/** B − A per road link, in flow (veh/h) or in V/C. */
export function linkDifferences(linkCount: number, isConnector: Uint8Array, a: Run, b: Run, measure: 'flow' | 'vc'): { delta: Float64Array; maxAbs: number } {
  const delta = new Float64Array(linkCount);
  let maxAbs = 0;
  for (let l = 0; l < linkCount; l++) {
    if (isConnector[l]) continue;
    delta[l] = measure === 'flow' ? b.flows[l]! - a.flows[l]! : vcOf(b, l) - vcOf(a, l);
    maxAbs = Math.max(maxAbs, Math.abs(delta[l]!));
  }
  return { delta, maxAbs };
}

/** Per-link colours and widths of a difference B − A (flow or V/C); links closed in B drawn as closed. */
export function trafficDiffStyle(
  linkCount: number,
  isConnector: Uint8Array,
  closed: readonly number[],
  a: Run,
  b: Run,
  measure: 'flow' | 'vc' = 'flow',
): { colors: Uint8Array; widths: Float32Array; maxAbs: number } {
  const colors = new Uint8Array(linkCount * 3);
  const widths = new Float32Array(linkCount);
  const { delta, maxAbs } = linkDifferences(linkCount, isConnector, a, b, measure);
  const closedSet = new Set(closed);
  for (let l = 0; l < linkCount; l++) {
    if (isConnector[l]) continue;
    const d = delta[l]!;
    colors.set(closedSet.has(l) ? CLOSED_COLOR : cssBytes(changeColor(d, maxAbs, WORSE_WHEN[measure])), 3 * l);
    widths[l] = closedSet.has(l) ? MIN_WIDTH_M * 2 : MIN_WIDTH_M + (maxAbs > 0 ? EXTRA_WIDTH_M * Math.sqrt(Math.abs(d) / maxAbs) : 0);
  }
  return { colors, widths, maxAbs };
}

/** Half the arm span and half the bar width of a closed link's cross, metres. */
export const CROSS_HALF_M = 9;
export const CROSS_BAR_HALF_M = 1.6;

/**
 * A cross (two crossing bars, 4 triangles) at the middle of each closed link, turned 45° to the link's
 * direction there: flat triangles x, y, z in the network's metres, so a closed road reads as closed without
 * its colour. `coords` are the links' points (x, y pairs) and `offsets` where each link starts.
 */
export function closedMarks(lines: { coords: ArrayLike<number>; offsets: ArrayLike<number> }, closed: readonly number[], z: number): Float32Array {
  const out: number[] = [];
  for (const l of closed) {
    const start = lines.offsets[l];
    const end = lines.offsets[l + 1];
    if (start === undefined || end === undefined || end - start < 2) continue;
    let total = 0;
    for (let i = start + 1; i < end; i++) total += Math.hypot(lines.coords[2 * i]! - lines.coords[2 * i - 2]!, lines.coords[2 * i + 1]! - lines.coords[2 * i - 1]!);
    // The point halfway along, and the direction of the segment it lies on.
    let left = total / 2;
    let mx = lines.coords[2 * start]!, my = lines.coords[2 * start + 1]!, dx = 1, dy = 0;
    for (let i = start + 1; i < end; i++) {
      const ax = lines.coords[2 * i - 2]!, ay = lines.coords[2 * i - 1]!;
      const bx = lines.coords[2 * i]!, by = lines.coords[2 * i + 1]!;
      const len = Math.hypot(bx - ax, by - ay);
      if (len > 0) {
        dx = (bx - ax) / len;
        dy = (by - ay) / len;
      }
      if (left <= len || i === end - 1) {
        const f = len > 0 ? Math.min(1, left / len) : 0;
        mx = ax + (bx - ax) * f;
        my = ay + (by - ay) * f;
        break;
      }
      left -= len;
    }
    // Two bars at ±45° to the link.
    for (const turn of [Math.PI / 4, -Math.PI / 4]) {
      const ux = dx * Math.cos(turn) - dy * Math.sin(turn);
      const uy = dx * Math.sin(turn) + dy * Math.cos(turn);
      const px = -uy * CROSS_BAR_HALF_M, py = ux * CROSS_BAR_HALF_M;
      const ex = ux * CROSS_HALF_M, ey = uy * CROSS_HALF_M;
      const a = [mx - ex - px, my - ey - py], b = [mx + ex - px, my + ey - py], c = [mx + ex + px, my + ey + py], d = [mx - ex + px, my - ey + py];
      for (const p of [a, b, c, a, c, d]) out.push(p[0]!, p[1]!, z);
    }
  }
  return Float32Array.from(out);
}
