// How traffic results look: colour by volume/capacity (d3's RdYlGn, reversed: green free-flowing,
// red over capacity) and width by flow. Shared by the 3D layer and its legend.
import { interpolatePuOr, interpolateRdYlGn } from 'd3-scale-chromatic';

/** V/C at the red end of the scale. */
export const VC_MAX = 1.2;
/** Width of a link with no flow, and extra width at the busiest link, metres. */
export const MIN_WIDTH_M = 1.2;
export const EXTRA_WIDTH_M = 9;
export const CLOSED_COLOR: readonly [number, number, number] = [40, 40, 48];
export const NO_RESULT_COLOR: readonly [number, number, number] = [120, 130, 145];

export function vcColor(vc: number): string {
  return interpolateRdYlGn(1 - Math.min(Math.max(vc, 0), VC_MAX) / VC_MAX);
}

/** 'rgb(r, g, b)' or '#rrggbb' -> bytes. */
export function cssBytes(css: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = Number.parseInt(css.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const VC_RAMP: readonly string[] = [0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => vcColor(t * VC_MAX));

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
 * Colour of a flow difference B − A on a diverging, colour-blind-safe scale (d3's PuOr) centred on zero:
 * orange where B carries more, purple where it carries less; `maxAbs` reaches the ends.
 */
export function flowDiffColor(delta: number, maxAbs: number): string {
  const s = maxAbs > 0 ? Math.max(-1, Math.min(1, delta / maxAbs)) : 0;
  // d3's PuOr runs from purple (0) to orange (1).
  return interpolatePuOr(0.5 + 0.5 * s);
}

export const FLOW_DIFF_RAMP: readonly string[] = [-1, -0.5, 0, 0.5, 1].map((x) => flowDiffColor(x, 1));

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
    colors.set(closedSet.has(l) ? CLOSED_COLOR : cssBytes(flowDiffColor(d, maxAbs)), 3 * l);
    widths[l] = closedSet.has(l) ? MIN_WIDTH_M * 2 : MIN_WIDTH_M + (maxAbs > 0 ? EXTRA_WIDTH_M * Math.sqrt(Math.abs(d) / maxAbs) : 0);
  }
  return { colors, widths, maxAbs };
}
