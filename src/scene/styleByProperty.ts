// Colouring a layer by one of its properties with d3-scale-chromatic: a sequential scale (viridis), a
// diverging one around zero (RdBu, red positive, as the carbon map), or categories (Tableau 10; the
// nine commonest values, then "other"). Gives per-feature sRGB bytes and the legend that explains them.
import { interpolateRdBu, interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
import { type Extrusion, type ExtrusionFactors, type LayerStyle, column, decodeAll, extrusionFactors } from '../core/attributes/index.ts';
import type { PackedProperties, PolygonLayerData } from '../core/geo/index.ts';
import { cssBytes } from './trafficStyle.ts';

export type { LayerStyle, Scheme } from '../core/attributes/index.ts';

export interface StyleLegend {
  readonly items?: { color: string; label: string }[];
  readonly ramp?: { colors: string[]; min: string; max: string };
  /** Features without a usable value (drawn grey). */
  readonly missing: number;
}

export const MISSING_COLOR = '#b8bcc2';
const CATEGORIES = 9;

const rowsCache = new WeakMap<PackedProperties, Record<string, unknown>[]>();
/** Every feature's properties, decoded once per layer. */
export function rowsOf(p: PackedProperties): Record<string, unknown>[] {
  let rows = rowsCache.get(p);
  if (!rows) {
    rows = decodeAll(p);
    rowsCache.set(p, rows);
  }
  return rows;
}

const extrusionCache = new WeakMap<PolygonLayerData, { extrude: Extrusion; result: ExtrusionFactors }>();
/**
 * A polygon layer's extrusion factors, computed once per (layer data, extrusion): the mesh, the panel's
 * "without a number" count and the test hooks all read the same result.
 */
export function layerExtrusion(data: PolygonLayerData, extrude: Extrusion): ExtrusionFactors {
  const hit = extrusionCache.get(data);
  if (hit?.extrude === extrude) return hit.result;
  const result = extrusionFactors(rowsOf(data.properties), data.features.height, extrude);
  extrusionCache.set(data, { extrude, result });
  return result;
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(3));

export function styleColors(p: PackedProperties, style: LayerStyle): { colors: Uint8Array; legend: StyleLegend } {
  const rows = rowsOf(p);
  const col = column(rows, style.property);
  const n = rows.length;
  const colors = new Uint8Array(n * 3);
  const missingRgb = cssBytes(MISSING_COLOR);
  let missing = 0;
  if (style.scheme === 'categorical') {
    const freq = new Map<string, number>();
    for (const t of col.text) if (t !== '') freq.set(t, (freq.get(t) ?? 0) + 1);
    const top = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CATEGORIES).map(([k]) => k);
    const colorOf = new Map(top.map((k, i) => [k, schemeTableau10[i]!]));
    const other = schemeTableau10[CATEGORIES]!;
    for (let i = 0; i < n; i++) {
      const t = col.text[i]!;
      if (t === '') missing++;
      colors.set(t === '' ? missingRgb : cssBytes(colorOf.get(t) ?? other), 3 * i);
    }
    const items = top.map((k) => ({ color: colorOf.get(k)!, label: k }));
    if (freq.size > CATEGORIES) items.push({ color: other, label: '…' });
    return { colors, legend: { items, missing } };
  }
  let min = Infinity, max = -Infinity;
  for (const v of col.numbers) if (Number.isFinite(v)) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const maxAbs = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const at = (v: number): string =>
    style.scheme === 'diverging' ? interpolateRdBu(0.5 - 0.5 * (v / maxAbs)) : interpolateViridis(max > min ? (v - min) / (max - min) : 0.5);
  for (let i = 0; i < n; i++) {
    const v = col.numbers[i]!;
    if (!Number.isFinite(v)) missing++;
    colors.set(Number.isFinite(v) ? cssBytes(at(v)) : missingRgb, 3 * i);
  }
  const stops = [0, 0.25, 0.5, 0.75, 1];
  const ramp =
    style.scheme === 'diverging'
      ? { colors: stops.map((s) => interpolateRdBu(1 - s)), min: fmt(-maxAbs), max: fmt(maxAbs) }
      : { colors: stops.map((s) => interpolateViridis(s)), min: Number.isFinite(min) ? fmt(min) : '—', max: Number.isFinite(max) ? fmt(max) : '—' };
  return { colors, legend: { ramp, missing } };
}
