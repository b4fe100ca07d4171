/**
 * Reading numbers written by people and spreadsheets, strictly: "12", "-3.5", "1e3", " 7 " are numbers;
 * "", "n/a", "1,234.5", "0x10", "Infinity" are not. With `decimalComma` (CSV separated by ';', as
 * European and Korean spreadsheet locales write it) "12,5" reads as 12.5 and a '.' decimal still works.
 */

const POINT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;

/** The number a text field holds, or undefined when it holds something else (or nothing). */
export function parseNumber(text: string, decimalComma = false): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (POINT.test(s)) return finite(Number(s));
  if (decimalComma && COMMA.test(s)) return finite(Number(s.replace(',', '.')));
  return undefined;
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/** A property value read as a number: a number, 'missing' (absent, null or blank) or 'bad'. */
export function numericValue(value: unknown): number | 'missing' | 'bad' {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'bad';
  if (typeof value === 'string') {
    if (value.trim() === '') return 'missing';
    return parseNumber(value) ?? 'bad';
  }
  return 'bad';
}

/** Reads an own property only, so names such as "__proto__" or "constructor" never reach the prototype. */
export function ownValue(record: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Short, quoted text of a value for messages. */
export function quoted(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}
