/**
 * Which properties (GeoJSON) or columns (CSV) hold numbers, so the user can pick the one to show.
 * Numbers written as text count ("12.5"); in a ';'-separated CSV so do decimal commas ("12,5").
 * Names are kept in a Map in first-seen order, never as keys of a plain object.
 */
import { propertiesOf } from '../../geo/index.ts';
import { type CsvTable, parseCsv } from './csv.ts';
import { numericValue, parseNumber } from './numbers.ts';

export interface ValueProperty {
  readonly name: string;
  /** Features (or rows) where it holds a number. */
  readonly count: number;
  /** How many of those numbers were written as text. */
  readonly asText: number;
  readonly min: number;
  readonly max: number;
}

interface Acc {
  count: number;
  asText: number;
  min: number;
  max: number;
}

function add(map: Map<string, Acc>, name: string, v: number, asText: boolean): void {
  let a = map.get(name);
  if (!a) {
    a = { count: 0, asText: 0, min: Infinity, max: -Infinity };
    map.set(name, a);
  }
  a.count++;
  if (asText) a.asText++;
  if (v < a.min) a.min = v;
  if (v > a.max) a.max = v;
}

function finish(map: Map<string, Acc>): ValueProperty[] {
  const out: ValueProperty[] = [];
  for (const [name, a] of map) if (a.count > 0) out.push({ name, count: a.count, asText: a.asText, min: a.min, max: a.max });
  return out;
}

/** The numeric properties of GeoJSON features, in the order each first appears holding a number. */
export function listValueProperties(features: readonly unknown[]): ValueProperty[] {
  const map = new Map<string, Acc>();
  for (const f of features) {
    const props = propertiesOf(f);
    for (const name of Object.keys(props)) {
      const raw = props[name];
      const v = numericValue(raw);
      if (typeof v === 'number') add(map, name, v, typeof raw === 'string');
    }
  }
  return finish(map);
}

/** The numeric columns of a CSV table (or text), coordinate columns included, in column order. */
export function listCsvValueColumns(input: string | CsvTable): ValueProperty[] {
  const table = typeof input === 'string' ? parseCsv(input) : input;
  const map = new Map<string, Acc>();
  table.columns.forEach((name) => {
    if (!map.has(name)) map.set(name, { count: 0, asText: 0, min: Infinity, max: -Infinity });
  });
  for (const row of table.rows) {
    const seen = new Set<string>();
    row.fields.forEach((text, k) => {
      const name = table.columns[k];
      if (name === undefined || seen.has(name)) return;
      seen.add(name);
      const v = parseNumber(text, table.decimalComma);
      if (v !== undefined) add(map, name, v, false);
    });
  }
  return finish(map);
}
