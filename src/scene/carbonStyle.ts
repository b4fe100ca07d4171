// How the carbon map looks: a diverging scale (d3's RdBu, ColorBrewer — Brewer 2003 — marked colour-blind
// safe; checked for protan, deutan and tritan vision in tests/scene/colours.test.ts): red where a cell emits
// (or, in a difference, emits more: worse), blue where it absorbs (or emits less: better), on the square
// root of |value| / max, so small cells still show; column heights in proportion to |value|.
import { interpolateRdBu } from 'd3-scale-chromatic';
import type { CarbonRun } from '../core/carbon/session/index.ts';

/** Height of the tallest column, metres. */
export const MAX_COLUMN_M = 160;
export const FLAT_HEIGHT_M = 0.8;

export function carbonColor(v: number, maxAbs: number): string {
  const s = maxAbs > 0 ? Math.sign(v) * Math.sqrt(Math.min(Math.abs(v) / maxAbs, 1)) : 0;
  return interpolateRdBu(0.5 - 0.5 * s);
}

/**
 * The legend's steps as shares of the largest |value|: evenly spaced in colour (the square root makes
 * ±0.25 sit halfway), so the legend's numbers are maxAbs × these.
 */
export const CARBON_STEPS: readonly number[] = [-1, -0.25, 0, 0.25, 1];
export const CARBON_RAMP: readonly string[] = CARBON_STEPS.map((x) => carbonColor(x, 1));

/** Net value per cell shown on the map: the scenario's, or its difference from the baseline. */
export function cellValues(run: CarbonRun, baseline: CarbonRun | null, show: 'scenario' | 'difference'): Float64Array {
  const net = run.grid.attributes.net.value;
  if (show === 'scenario' || !baseline || baseline.grid.length !== run.grid.length) return net;
  const base = baseline.grid.attributes.net.value;
  const out = new Float64Array(net.length);
  for (let i = 0; i < net.length; i++) out[i] = net[i]! - base[i]!;
  return out;
}

export function maxAbsOf(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}
