/**
 * CSV text -> rows of fields, with the line each row starts on (RFC 4180 quoting: fields in double
 * quotes may hold separators, line breaks and "" for a quote).
 *
 * The separator is read from the first non-blank line, outside quotes: a tab if it has one, else ';' if
 * it has one, else ','. (';' wins over ',' because a ';' file may use ',' as its decimal mark.)
 * The first row is a header when any of its fields is not a number. Blank lines are dropped.
 * Line endings may be \n, \r\n or \r; a leading byte-order mark is ignored.
 */
import { parseNumber } from './numbers.ts';

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  readonly separator: CsvSeparator;
  /** True when numbers may use ',' as the decimal mark (the separator is ';'). */
  readonly decimalComma: boolean;
  readonly hasHeader: boolean;
  /** Header names (trimmed; a blank one becomes columnN), or x, y, value, column4… without a header. */
  readonly columns: readonly string[];
  /** Line of the header, or of the first row when there is no header. */
  readonly headerLine: number;
  /** Data rows (the header excluded). */
  readonly rows: readonly CsvRow[];
}

export type CarbonMapErrorCode = 'empty' | 'csv-syntax' | 'no-column' | 'no-property' | 'nothing-usable';

/** A file that cannot be used at all; `line` (1-based) where the problem is in a CSV file. */
export class CarbonMapError extends Error {
  constructor(
    readonly code: CarbonMapErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CarbonMapError';
  }
}

function detectSeparator(text: string, start: number): { separator: CsvSeparator; line: number } {
  let line = 1;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10 || (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  let tabs = 0;
  let semis = 0;
  let commas = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === '\t') tabs++;
    else if (!quoted && c === ';') semis++;
    else if (!quoted && c === ',') commas++;
  }
  if (tabs > 0) return { separator: '\t', line };
  if (semis > 0) return { separator: ';', line };
  if (commas > 0) return { separator: ',', line };
  throw new CarbonMapError('csv-syntax', `line ${line}: expected columns (x, y, value) separated by ",", ";" or a tab`, line);
}

/** Splits CSV text into rows; throws CarbonMapError (with the line) on an unclosed or misplaced quote. */
export function parseCsv(text: string): CsvTable {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  if (start >= text.length) throw new CarbonMapError('empty', 'the file is empty');
  const { separator } = detectSeparator(text, start);
  const decimalComma = separator === ';';

  const records: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endRow = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field.trim() === '') {
      // A quoted field: read to the closing quote ("" is a quote inside).
      const openLine = line;
      field = '';
      i++;
      for (;;) {
        if (i >= n) throw new CarbonMapError('csv-syntax', `line ${openLine}: a quoted field is never closed`, openLine);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      while (i < n && (text[i] === ' ' || (text[i] === '\t' && separator !== '\t'))) i++;
      if (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
        throw new CarbonMapError('csv-syntax', `line ${line}: unexpected text after a closing quote`, line);
      }
      continue;
    }
    if (c === separator) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRow();
  if (records.length === 0) throw new CarbonMapError('empty', 'the file is empty');

  const first = records[0]!;
  const hasHeader = first.fields.some((f) => f.trim() !== '' && parseNumber(f, decimalComma) === undefined);
  const width = first.fields.length;
  const columns = hasHeader
    ? first.fields.map((f, k) => f.trim() || `column${k + 1}`)
    : Array.from({ length: Math.max(width, 3) }, (_, k) => ['x', 'y', 'value'][k] ?? `column${k + 1}`);
  return { separator, decimalComma, hasHeader, columns, headerLine: first.line, rows: hasHeader ? records.slice(1) : records };
}
