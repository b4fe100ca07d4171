// CSV points (x, y, value columns) -> a carbon-map point layer.
import { CarbonMapError, type CsvTable, parseCsv } from './csv.ts';
import { parseNumber, quoted } from './numbers.ts';
import { chooseCrs, finishPoints, nothingUsable, skip } from './common.ts';
import type { CarbonMapOptions, CarbonMapPoints, CarbonSkipped } from './types.ts';

/** Column names read as x and y when the caller names none (compared case-insensitively). */
export const X_COLUMNS: readonly string[] = ['x', 'lon', 'lng', 'long', 'longitude', 'easting', 'east', 'e', 'xcoord', 'x_coord', 'coord_x', 'point_x', '경도'];
export const Y_COLUMNS: readonly string[] = ['y', 'lat', 'latitude', 'northing', 'north', 'n', 'ycoord', 'y_coord', 'coord_y', 'point_y', '위도'];

function findColumn(table: CsvTable, wanted: string | undefined, names: readonly string[], what: string): number {
  const lower = table.columns.map((c) => c.toLowerCase());
  if (wanted !== undefined) {
    let k = table.columns.indexOf(wanted);
    if (k < 0) k = lower.indexOf(wanted.toLowerCase());
    if (k >= 0) return k;
    throw new CarbonMapError('no-column', `line ${table.headerLine}: no column ${quoted(wanted)} for ${what} (columns: ${table.columns.join(', ')})`, table.headerLine);
  }
  for (const name of names) {
    const k = lower.indexOf(name);
    if (k >= 0) return k;
  }
  throw new CarbonMapError(
    'no-column',
    `line ${table.headerLine}: no ${what} column (looked for ${names.slice(0, 6).join(', ')}…; columns: ${table.columns.join(', ')})`,
    table.headerLine,
  );
}

export function importCsv(text: string, options: CarbonMapOptions): CarbonMapPoints {
  const table = parseCsv(text);
  const xi = findColumn(table, options.xColumn, X_COLUMNS, 'x');
  const yi = findColumn(table, options.yColumn, Y_COLUMNS, 'y');
  const vi = findColumn(table, options.property, [], 'the value');
  const { decimalComma } = table;
  const skipped: CarbonSkipped[] = [];
  const rows = table.rows;
  if (rows.length === 0) throw new CarbonMapError('empty', `line ${table.headerLine}: the file has a header but no rows`, table.headerLine);
  const xy = new Float64Array(rows.length * 2);
  const values = new Float64Array(rows.length);
  const index = new Uint32Array(rows.length);
  const lines = new Uint32Array(rows.length);
  let kept = 0;
  rows.forEach((row, r) => {
    const line = row.line;
    const coords: number[] = [];
    for (const [k, name] of [[xi, table.columns[xi]!], [yi, table.columns[yi]!]] as const) {
      const text = row.fields[k];
      if (text === undefined || text.trim() === '') {
        skip(skipped, r, 'missing-coordinate', `line ${line}: no ${name} value`, { line });
        return;
      }
      const v = parseNumber(text, decimalComma);
      if (v === undefined) {
        skip(skipped, r, 'bad-number', `line ${line}: ${name} ${quoted(text)} is not a number`, { line });
        return;
      }
      coords.push(v);
    }
    const vtext = row.fields[vi];
    let value = NaN;
    if (vtext !== undefined && vtext.trim() !== '') {
      const v = parseNumber(vtext, decimalComma);
      if (v === undefined) {
        skip(skipped, r, 'bad-number', `line ${line}: ${table.columns[vi]} ${quoted(vtext)} is not a number`, { line });
        return;
      }
      value = v;
    }
    xy[kept * 2] = coords[0]!;
    xy[kept * 2 + 1] = coords[1]!;
    values[kept] = value;
    index[kept] = r;
    lines[kept] = line;
    kept++;
  });
  const read = xy.subarray(0, kept * 2);
  if (kept === 0) throw nothingUsable(rows.length, 'row', skipped);
  const crs = chooseCrs(options, undefined, () => read);
  return finishPoints(read, values.subarray(0, kept), index.subarray(0, kept), (k) => ({ line: lines[k]! }), rows.length, crs, options, skipped, 'row');
}
