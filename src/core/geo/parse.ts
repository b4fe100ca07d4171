/**
 * GeoJSON text -> a list of features, with errors located by line and column.
 * Accepts every RFC 7946 document — a FeatureCollection, a single Feature, a bare geometry, a
 * GeometryCollection (its members become the features) — and a bare array of Features, each read
 * leniently with located warnings (see lenient.ts); and newline-delimited
 * GeoJSON (`.geojsonl` / `.ndjson`: one Feature per line; RFC 8142 GeoJSON text sequences too), where a
 * line that is not JSON is reported with its line and column and the other lines still load.
 */

import { type Problem, problem, problemMessage } from '../language/problem.ts';
import { AmbiguousError, type GeoJsonWarning, type RootRead, type WarnSink, WarningList, readFeature, readRoot } from './lenient.ts';

export class GeoJsonError extends Error {
  /** What is wrong, in either language; `message` is its English text. */
  readonly problem: Problem;

  constructor(
    p: Problem,
    readonly code: 'invalid-json' | 'not-geojson' | 'empty',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(problemMessage(p));
    this.name = 'GeoJsonError';
    this.problem = p;
  }
}

/** A feature that cannot be read one way only: null in `features`, listed here. */
export interface AmbiguousFeature {
  readonly index: number;
  /** JSON path of the member that is ambiguous. */
  readonly path: string;
  readonly message: string;
  /** 1-based line of a line-delimited file's feature. */
  readonly line?: number;
}

export interface ParsedGeoJson {
  readonly features: readonly unknown[];
  /** Near-misses read anyway (the first MAX_WARNINGS), and how many there were in all. */
  readonly warnings?: readonly GeoJsonWarning[];
  readonly warningCount?: number;
  readonly ambiguous?: readonly AmbiguousFeature[];
  /** The legacy `crs` member's name, when the file has one (e.g. "urn:ogc:def:crs:EPSG::5186"). */
  readonly crsName?: string;
  readonly name?: string;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offset of the first JSON syntax error in `text` (a strict RFC 8259 scan), for engines whose
 * JSON.parse message carries no position. Returns text.length when the text ends too early.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    return i < n ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, n) : -1;
  }
}

/** Where JSON.parse failed on `text`: 1-based line and column when they can be found, and the engine's message. */
export interface JsonErrorLocation {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Locates the error `err` that JSON.parse threw for `text` (from the engine's message or a strict scan). */
export function jsonErrorLocation(text: string, err: unknown): JsonErrorLocation {
  const message = err instanceof Error ? err.message : String(err);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { message, line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const scanned = pos ? -1 : jsonErrorOffset(text);
  const offset = pos ? Number(pos[1]) : scanned >= 0 ? scanned : undefined;
  if (offset === undefined) return { message };
  return { message, ...lineColumn(text, offset) };
}

/** What JSON.parse refused, located where the location is known. */
export function jsonProblem(at: JsonErrorLocation): Problem {
  if (at.line === undefined || at.column === undefined) return problem('load.json', { reason: at.message });
  return problem('load.jsonAt', { line: at.line, column: at.column, reason: at.message });
}

function locateJsonError(text: string, err: unknown): GeoJsonError {
  const at = jsonErrorLocation(text, err);
  return new GeoJsonError(jsonProblem(at), 'invalid-json', at.line, at.column);
}

export function parseGeoJson(text: string): ParsedGeoJson {
  if (text.trim() === '') throw new GeoJsonError(problem('load.empty'), 'empty');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw locateJsonError(text, err);
  }
  return readGeoJsonRoot(root);
}

/**
 * The features of a parsed document, each read leniently (lenient.ts): warnings and ambiguous features
 * (null in `features`) are listed. Throws GeoJsonError for what is not GeoJSON at all, or is ambiguous at
 * the top level (saying where).
 */
export function readGeoJsonRoot(root: unknown): ParsedGeoJson {
  const warnings = new WarningList();
  const ambiguous: AmbiguousFeature[] = [];
  const result = (features: unknown[], extra: object): ParsedGeoJson => ({
    features,
    ...extra,
    ...(warnings.count > 0 ? { warnings: warnings.list, warningCount: warnings.count } : {}),
    ...(ambiguous.length > 0 ? { ambiguous } : {}),
  });
  if (Array.isArray(root)) return result(readFeatureList(root, '$', warnings, ambiguous), {});
  if (root === null || typeof root !== 'object') throw new GeoJsonError(problem('load.notObject'), 'not-geojson');
  let read: RootRead;
  try {
    read = readRoot(root as Record<string, unknown>, warnings);
  } catch (err) {
    if (err instanceof AmbiguousError) throw new GeoJsonError(problem('load.ambiguousRoot', { reason: err.message }), 'not-geojson');
    throw err;
  }
  if (read.kind === 'unknown') {
    const type = read.type;
    throw new GeoJsonError(typeof type === 'string' ? problem('load.unknownType', { type: type.slice(0, 40) }) : problem('load.noType'), 'not-geojson');
  }
  const crsName = readCrsName(read.crs);
  const extra = { ...(crsName === undefined ? {} : { crsName }), ...(typeof read.name === 'string' ? { name: read.name } : {}) };
  if (read.kind === 'read') return result(read.features, extra);
  if (!Array.isArray(read.features)) throw new GeoJsonError(problem('load.noFeaturesArray'), 'not-geojson');
  if (read.features.length === 0) warnings.warn({ index: -1, path: read.path, code: 'no-features', message: 'the file has no features' });
  return result(readFeatureList(read.features, read.path, warnings, ambiguous), extra);
}

/**
 * Reads each element of a features array (or each line of a line-delimited file: `lines` gives its line)
 * leniently; an ambiguous one becomes null and is listed. Returns the same array when nothing changed.
 */
export function readFeatureList(values: unknown[], path: string, sink: WarnSink, ambiguous: AmbiguousFeature[], lines?: ArrayLike<number>): unknown[] {
  let out = values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || typeof v !== 'object') continue;
    const line = lines?.[i];
    let f: unknown;
    try {
      f = readFeature(v, i, lines ? '$' : `${path}[${i}]`, sink, line);
    } catch (err) {
      if (!(err instanceof AmbiguousError)) throw err;
      ambiguous.push({ index: i, path: err.path, message: err.message, ...(line === undefined ? {} : { line }) });
      f = null;
    }
    if (f !== v) {
      if (out === values) out = values.slice();
      out[i] = f;
    }
  }
  return out;
}

/** The name in a legacy `crs` member ({ type: 'name', properties: { name } }), when there is one. */
export function readCrsName(crs: unknown): string | undefined {
  if (crs === null || typeof crs !== 'object') return undefined;
  const props = (crs as { properties?: unknown }).properties;
  if (props === null || typeof props !== 'object') return undefined;
  const name = (props as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** True when a legacy `crs` name means WGS84 lon/lat (what RFC 7946 GeoJSON always is). */
export function isWgs84CrsName(name: string): boolean {
  return /(CRS84|EPSG:{1,2}4326|EPSG::?4326)$/i.test(name.replace(/\s/g, ''));
}

/** A line of a newline-delimited file that is not JSON. */
export interface BadLine {
  /** Position among the file's non-blank lines: the index its feature would have had. */
  readonly index: number;
  /** 1-based line and column in the file. */
  readonly line: number;
  readonly column: number;
  /** Why the line is not JSON (the engine's words, without its position). */
  readonly reason: string;
  readonly message: string;
}

export interface ParsedLines {
  /** One entry per non-blank line, in file order; `null` where the line is not JSON (see `badLines`). */
  readonly values: unknown[];
  /** 1-based file line of each entry of `values`. */
  readonly lines: Uint32Array;
  readonly badLines: BadLine[];
}

const RS = 0x1e;

/**
 * Splits newline-delimited JSON (NDJSON / GeoJSONSeq) into one parsed value per non-blank line. A line
 * may start with the RFC 8142 record separator (0x1E) and end with CR. Never throws for a bad line: it
 * is listed with its line and column, and its value is `null` so later indices still match the lines.
 */
export function parseJsonLines(text: string): ParsedLines {
  const values: unknown[] = [];
  const lineNumbers: number[] = [];
  const badLines: BadLine[] = [];
  const reader = new JsonLinesReader((value, line, bad) => {
    values.push(value);
    lineNumbers.push(line);
    if (bad) badLines.push(bad);
  });
  reader.push(text);
  reader.end();
  return { values, lines: Uint32Array.from(lineNumbers), badLines };
}

/**
 * parseJsonLines for text that comes in pieces (a stream): `onValue` gets every non-blank line's value
 * (null for a line that is not JSON, with the BadLine saying where), its 1-based line, in file order.
 * Only the unfinished last line is kept between pieces.
 */
export class JsonLinesReader {
  private pieces: string[] = [];
  private lineNo = 0;
  private index = 0;
  constructor(private readonly onValue: (value: unknown, line: number, bad: BadLine | undefined) => void) {}

  /** Non-blank lines read so far. */
  get count(): number {
    return this.index;
  }

  push(chunk: string): void {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      if (chunk !== '') this.pieces.push(chunk);
      return;
    }
    if (this.pieces.length > 0) {
      this.pieces.push(chunk.slice(0, end));
      const line = this.pieces.join('');
      this.pieces = [];
      this.line(line, 0, line.length);
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    while (end >= 0) {
      this.line(chunk, start, end);
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.pieces.push(chunk.slice(start));
  }

  end(): void {
    const line = this.pieces.join('');
    this.pieces = [];
    this.line(line, 0, line.length);
  }

  private line(text: string, start: number, end: number): void {
    const lineNo = ++this.lineNo;
    let a = start;
    let b = end;
    while (a < b && (text.charCodeAt(a) === RS || text.charCodeAt(a) === 0xfeff)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 13 || text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    let c = a;
    while (c < b && (text.charCodeAt(c) === 32 || text.charCodeAt(c) === 9)) c++;
    if (c >= b) return;
    const body = text.slice(a, b);
    const index = this.index++;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      const at = jsonErrorLocation(body, err);
      // Columns count from the start of the file's line (a leading record separator included).
      const column = (at.column ?? b - a + 1) + (a - start);
      // The engine's own position counts from the start of the line: drop it, the line and column replace it.
      const reason = at.message.replace(/\s*in JSON at position \d+(\s*\(line \d+ column \d+\))?/, '');
      this.onValue(null, lineNo, { index, line: lineNo, column, reason, message: `line ${lineNo}, column ${column}: ${reason}` });
      return;
    }
    this.onValue(value, lineNo, undefined);
  }
}

/** True when the text's first non-blank line is, on its own, a JSON object (a hint that the file is NDJSON). */
export function firstLineObject(text: string): Record<string, unknown> | undefined {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/^[\u001e\ufeff]+/, '').trim();
    if (line !== '') {
      if (!line.startsWith('{')) return undefined;
      try {
        const v: unknown = JSON.parse(line);
        return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    }
    start = end + 1;
  }
  return undefined;
}
