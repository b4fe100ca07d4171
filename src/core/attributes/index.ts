/**
 * Attribute columns of a layer's features (from its packed properties), for the attribute table and for
 * styling by a property: which keys exist and how often, a key's values in feature order, and whether
 * they are numbers. Values stay data: strings are never interpreted.
 */
import { type PackedProperties, propertyCount, propertyText, unpackProperties } from '../geo/index.ts';

/** How a layer is coloured by one of its properties. */
export type Scheme = 'sequential' | 'diverging' | 'categorical';
export interface LayerStyle {
  readonly property: string;
  readonly scheme: Scheme;
}

export interface AttributeKey {
  readonly key: string;
  /** Features that have the key. */
  readonly count: number;
  /** Of those, how many hold a finite number (or a string that reads as one). */
  readonly numeric: number;
}

/** Reads a value as a number when it is one (or a plain numeric string), else NaN. */
export function asNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return NaN;
}

/** Every feature's properties, decoded once (a plain array of plain objects). */
export function decodeAll(p: PackedProperties): Record<string, unknown>[] {
  const n = propertyCount(p);
  const out: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = unpackProperties(p, i);
  return out;
}

/**
 * At most `max` features' properties, evenly spread over the layer (all of them when there are fewer):
 * enough to list a big layer's keys without decoding every feature on the main thread.
 */
export function sampleRows(p: PackedProperties, max: number): Record<string, unknown>[] {
  const n = propertyCount(p);
  if (n <= max) return decodeAll(p);
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < max; k++) out.push(unpackProperties(p, Math.floor((k * n) / max)));
  return out;
}

/** Keys by how many features have them (most first, then by name). */
export function attributeKeys(rows: readonly Record<string, unknown>[]): AttributeKey[] {
  const count = new Map<string, number>();
  const numeric = new Map<string, number>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      count.set(k, (count.get(k) ?? 0) + 1);
      if (Number.isFinite(asNumber(r[k]))) numeric.set(k, (numeric.get(k) ?? 0) + 1);
    }
  }
  return [...count.entries()]
    .map(([key, c]) => ({ key, count: c, numeric: numeric.get(key) ?? 0 }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface Column {
  /** Numbers (NaN where missing or not a number). */
  readonly numbers: Float64Array;
  /** Values as text ('' where missing). */
  readonly text: string[];
  /** True when most present values are numbers. */
  readonly isNumeric: boolean;
}

export function column(rows: readonly Record<string, unknown>[], key: string): Column {
  const numbers = new Float64Array(rows.length);
  const text: string[] = new Array(rows.length);
  let present = 0;
  let nums = 0;
  rows.forEach((r, i) => {
    const has = Object.hasOwn(r, key);
    const v = has ? r[key] : undefined;
    numbers[i] = asNumber(v);
    text[i] = has ? propertyText(v) : '';
    if (has && v !== null && v !== '') present++;
    if (Number.isFinite(numbers[i]!)) nums++;
  });
  return { numbers, text, isNumeric: present > 0 && nums >= present * 0.8 };
}

/**
 * Row order for a table: indices sorted by a column (numbers numerically, text by locale-independent
 * code points), missing values last; `query` keeps rows where any shown column contains it.
 */
export function tableOrder(
  rows: readonly Record<string, unknown>[],
  options: { sortKey?: string; descending?: boolean; query?: string; keys: readonly string[] },
): number[] {
  const q = (options.query ?? '').trim().toLowerCase();
  let idx = rows.map((_, i) => i);
  if (q) idx = idx.filter((i) => options.keys.some((k) => Object.hasOwn(rows[i]!, k) && propertyText(rows[i]![k]).toLowerCase().includes(q)));
  const key = options.sortKey;
  if (key !== undefined) {
    const col = column(rows, key);
    const dir = options.descending ? -1 : 1;
    idx.sort((a, b) => {
      const ma = col.text[a] === '', mb = col.text[b] === '';
      if (ma !== mb) return ma ? 1 : -1;
      let c = 0;
      if (col.isNumeric && Number.isFinite(col.numbers[a]!) && Number.isFinite(col.numbers[b]!)) c = col.numbers[a]! - col.numbers[b]!;
      else c = col.text[a]! < col.text[b]! ? -1 : col.text[a]! > col.text[b]! ? 1 : 0;
      return c * dir || a - b;
    });
  }
  return idx;
}

/** How a polygon layer is extruded: heights from a numeric property times a scale, or one height for all. */
export type Extrusion =
  | { readonly by: 'property'; readonly property: string; readonly scale: number }
  | { readonly by: 'constant'; readonly metres: number };

export interface ExtrusionFactors {
  /** Per feature: the drawn height divided by the height the layer was built with. */
  readonly factors: Float32Array;
  /** Features without a usable value, which keep the height they were built with. */
  readonly missing: number;
  /** Highest height drawn, metres. */
  readonly maxM: number;
}

/**
 * Factors that turn the heights a layer was built with (`builtM`, metres, one per feature) into the
 * heights an extrusion asks for. Negative values draw flat; features with no number keep their height
 * (and are counted, so the legend can say so); features built flat cannot be raised and keep factor 1.
 */
export function extrusionFactors(rows: readonly Record<string, unknown>[], builtM: Float32Array, extrude: Extrusion): ExtrusionFactors {
  const n = builtM.length;
  const factors = new Float32Array(n).fill(1);
  const values = extrude.by === 'property' ? column(rows, extrude.property).numbers : undefined;
  let missing = 0;
  let maxM = 0;
  for (let i = 0; i < n; i++) {
    const built = builtM[i]!;
    const v = values ? values[i]! : Number.NaN;
    const target = extrude.by === 'constant' ? extrude.metres : Number.isFinite(v) ? v * extrude.scale : Number.NaN;
    if (!Number.isFinite(target)) {
      missing++;
      maxM = Math.max(maxM, built);
      continue;
    }
    const h = Math.max(0, target);
    if (built > 0) factors[i] = h / built;
    maxM = Math.max(maxM, built > 0 ? h : built);
  }
  return { factors, missing, maxM };
}

/** Point markers sized by a property: radius of the largest value, metres. */
export interface PointSizing {
  readonly property: string;
  readonly maxRadiusM: number;
}

export interface PointRadii {
  /** Per feature radius, metres (the smallest radius for features without a usable value). */
  readonly radiiM: Float32Array;
  readonly missing: number;
  /** Largest absolute value, which gets `maxRadiusM`. */
  readonly maxValue: number;
}

/** Smallest marker radius as a share of the largest, so zero and tiny values stay visible and pickable. */
export const MIN_RADIUS_SHARE = 0.15;

/**
 * Proportional symbols: marker area proportional to the absolute value (radius ∝ √|v|), the usual rule
 * for graduated point maps since areas, not radii, are what readers compare.
 */
export function pointRadii(rows: readonly Record<string, unknown>[], sizing: PointSizing): PointRadii {
  const values = column(rows, sizing.property).numbers;
  let maxValue = 0;
  for (const v of values) if (Number.isFinite(v)) maxValue = Math.max(maxValue, Math.abs(v));
  const minR = sizing.maxRadiusM * MIN_RADIUS_SHARE;
  const radiiM = new Float32Array(values.length);
  let missing = 0;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      missing++;
      radiiM[i] = minR;
    } else radiiM[i] = maxValue > 0 ? Math.max(minR, sizing.maxRadiusM * Math.sqrt(Math.abs(v) / maxValue)) : minR;
  });
  return { radiiM, missing, maxValue };
}
