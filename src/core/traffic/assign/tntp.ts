/**
 * TNTP text formats (Transportation Networks for Research, github.com/bstabler/TransportationNetworks):
 * `_net` (links), `_trips` (origin-destination demand), `_node` (coordinates), `_flow` (link flows).
 *
 * Common syntax: an optional metadata block of `<TAG> value` lines closed by `<END OF METADATA>`,
 * `~` starts a comment that runs to the end of the line, a row ends with `;`, fields are separated by
 * tabs or spaces. A missing final `;` is tolerated; text after a row's `;` is an error.
 *
 * Counts in the metadata must agree with the rows; `<TOTAL OD FLOW>` must match the sum of the demand
 * entries within max(0.5, 1e-4 × total), since files round it.
 *
 * Every problem throws a {@link TntpParseError} carrying the file name passed in and a 1-based line.
 * Node ids stay 1-based here, exactly as in the file; `network.ts` turns them into 0-based indices.
 */
import { type Problem, problem, problemMessage } from '../../language/problem.ts';

/** A parse error: `file`, 1-based `line` and a `detail` without the location. */
export class TntpParseError extends Error {
  readonly file: string;
  readonly line: number;
  /** What is wrong, in English, without the location. */
  readonly detail: string;
  /** The whole message (file, line and what) in either language; `message` is its English text. */
  readonly problem: Problem;

  constructor(file: string, line: number, what: Problem) {
    const located = problem('tntp.at', { file, line, detail: what });
    super(problemMessage(located));
    this.name = 'TntpParseError';
    this.file = file;
    this.line = line;
    this.detail = problemMessage(what);
    this.problem = located;
  }
}

/** A parsed `_net` file. Arrays are in file order, one entry per link; node ids are 1-based. */
export interface TntpNet {
  readonly fileName: string;
  readonly numZones: number;
  readonly numNodes: number;
  /** Nodes numbered below this are zones that paths may start or end at but never pass through. */
  readonly firstThruNode: number;
  readonly numLinks: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** veh/h */
  readonly capacity: Float64Array;
  /** In the file's length unit. */
  readonly length: Float64Array;
  /** Free-flow time, in the file's time unit (minutes for most TNTP networks). */
  readonly fft: Float64Array;
  readonly b: Float64Array;
  readonly power: Float64Array;
  readonly speed: Float64Array;
  readonly toll: Float64Array;
  readonly linkType: Int32Array;
  /** 1-based source line of each link row (for later error messages). */
  readonly sourceLine: Int32Array;
}

/** A parsed `_trips` file: nonzero demand grouped by origin (CSR), in file order within an origin. */
export interface TntpTrips {
  readonly fileName: string;
  readonly numZones: number;
  /** `<TOTAL OD FLOW>` when the file gives it (checked against the sum of the entries). */
  readonly totalOdFlow: number | undefined;
  /** Demand rows of origin zone `o` (1-based) are `originStart[o-1] .. originStart[o]-1`. */
  readonly originStart: Int32Array;
  /**
   * Destination zone of each row, 0-based (the file's id − 1), as the assignment's demand numbers its
   * nodes: a trip table without intrazonal entries becomes demand without a copy (buildDemand).
   */
  readonly destination: Int32Array;
  /** veh/h */
  readonly demand: Float64Array;
}

/** A parsed `_node` file. */
export interface TntpNodes {
  readonly fileName: string;
  readonly id: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** A parsed `_flow` file: one row per link with its volume (veh/h) and cost. */
export interface TntpFlow {
  readonly fileName: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly volume: Float64Array;
  readonly cost: Float64Array;
}

const NET_COLUMNS = [
  'init_node',
  'term_node',
  'capacity',
  'length',
  'free_flow_time',
  'b',
  'power',
  'speed',
  'toll',
  'link_type',
] as const;

/** Relative and absolute slack when checking `<TOTAL OD FLOW>` (files round the total). */
const TOTAL_FLOW_REL_TOL = 1e-4;
const TOTAL_FLOW_ABS_TOL = 0.5;

export interface Metadata {
  /** Tag (upper case, single spaces) -> value text and line. */
  readonly tags: Map<string, { readonly value: string; readonly line: number }>;
  /** Index (0-based) of the first line after `<END OF METADATA>`, and the marker's 1-based line. */
  readonly bodyStart: number;
  readonly endLine: number;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export function stripComment(line: string): string {
  const at = line.indexOf('~');
  return at >= 0 ? line.slice(0, at) : line;
}

function readMetadata(lines: readonly string[], file: string, required: boolean): Metadata | undefined {
  const tags = new Map<string, { value: string; line: number }>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const match = /^<([^>]*)>(.*)$/.exec(trimmed);
    if (match === null) {
      if (trimmed.startsWith('~')) continue;
      if (!required && tags.size === 0) return undefined;
      throw new TntpParseError(file, i + 1, problem('tntp.metaLine', { got: clip(trimmed) }));
    }
    const tag = (match[1] ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
    if (tag === 'END OF METADATA') return { tags, bodyStart: i + 1, endLine: i + 1 };
    if (tags.has(tag)) throw new TntpParseError(file, i + 1, problem('tntp.metaDuplicate', { tag }));
    tags.set(tag, { value: stripComment(match[2] ?? '').trim(), line: i + 1 });
  }
  if (!required && tags.size === 0) return undefined;
  throw new TntpParseError(file, Math.max(1, lines.length), problem('tntp.metaEnd'));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function metaInteger(meta: Metadata, tag: string, file: string, min: number): number | undefined {
  const entry = meta.tags.get(tag);
  if (entry === undefined) return undefined;
  const value = Number(entry.value);
  if (entry.value === '' || !Number.isInteger(value)) {
    throw new TntpParseError(file, entry.line, problem('tntp.metaInteger', { tag, got: clip(entry.value) }));
  }
  if (value < min) throw new TntpParseError(file, entry.line, problem('tntp.metaMin', { tag, min, got: value }));
  return value;
}

function requireMeta(meta: Metadata, tag: string, file: string, min: number): number {
  const value = metaInteger(meta, tag, file, min);
  if (value === undefined) throw new TntpParseError(file, meta.endLine, problem('tntp.metaMissing', { tag }));
  return value;
}

/**
 * The fields of one row: the text before `;`, split on white space. Returns undefined for a blank or
 * comment-only line. Text after the `;` (other than a comment) is an error.
 */
function rowFields(raw: string, lineNo: number, file: string): string[] | undefined {
  const text = stripComment(raw);
  const semi = text.indexOf(';');
  let body = text;
  if (semi >= 0) {
    if (text.slice(semi + 1).trim() !== '') {
      throw new TntpParseError(file, lineNo, problem('tntp.afterSemicolon', { got: clip(text.slice(semi + 1).trim()) }));
    }
    body = text.slice(0, semi);
  }
  const trimmed = body.trim();
  if (trimmed === '') {
    if (semi >= 0) throw new TntpParseError(file, lineNo, problem('tntp.emptyRow'));
    return undefined;
  }
  return trimmed.split(/\s+/);
}

function parseNumber(field: string, name: string, lineNo: number, file: string): number {
  const value = Number(field);
  if (field === '' || !Number.isFinite(value)) {
    throw new TntpParseError(file, lineNo, problem('tntp.number', { name, got: clip(field) }));
  }
  return value;
}

function parseInteger(field: string, name: string, lineNo: number, file: string): number {
  const value = Number(field);
  if (field === '' || !Number.isInteger(value)) {
    throw new TntpParseError(file, lineNo, problem('tntp.integer', { name, got: clip(field) }));
  }
  return value;
}

function checkNodeId(id: number, name: string, numNodes: number, lineNo: number, file: string): void {
  if (id < 1 || id > numNodes) {
    throw new TntpParseError(file, lineNo, problem('tntp.idRange', { name, id, max: numNodes }));
  }
}

/** The entry read by the last successful `plainEntry`. */
const plain = { dest: 0, value: 0 };

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** Characters of a plain decimal number: digits, '.', 'e', 'E', '+', '-'. */
function numberChar(c: number): boolean {
  return (c >= DIGIT_0 && c <= DIGIT_9) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/**
 * Reads text[start, end) when it is a plain demand entry: spaces or tabs, a destination of up to nine
 * digits, ':', a finite decimal flow, spaces or tabs. Fills `plain` and returns true; returns false for
 * anything else (which then takes the general path and its messages). A 150k-entry trips file is read
 * about five times faster than by splitting and matching each entry.
 */
function plainEntry(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const d0 = i;
  let dest = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    dest = dest * 10 + (c - DIGIT_0);
    i++;
  }
  if (i === d0 || i - d0 > 9) return false;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  if (i >= end || text.charCodeAt(i) !== COLON) return false;
  i++;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const f0 = i;
  // Digits with at most one '.', up to 15 digits in all: the digits as an integer over a power of ten,
  // both exact in a double, so the one division rounds as Number() does (Clinger's fast path: W. D.
  // Clinger, "How to read floating point numbers accurately", PLDI 1990). Other forms go to Number().
  let mantissa = 0;
  let digits = 0;
  let scale = 1;
  let dot = false;
  let simple = true;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      mantissa = mantissa * 10 + (c - DIGIT_0);
      digits++;
      if (dot) scale *= 10;
    } else if (c === 46 && !dot) {
      dot = true;
    } else if (numberChar(c)) {
      simple = false;
    } else {
      break;
    }
    i++;
  }
  const f1 = i;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  if (f1 === f0 || i !== end) return false;
  let value: number;
  if (simple && digits > 0 && digits <= 15) {
    value = mantissa / scale;
  } else {
    value = Number(text.slice(f0, f1));
    if (!Number.isFinite(value)) return false;
  }
  plain.dest = dest;
  plain.value = value;
  return true;
}

/** The metadata of a `_net` file, checked (also read by tntp-bytes.ts). */
export interface NetHeader {
  readonly meta: Metadata;
  readonly numZones: number;
  readonly numNodes: number;
  readonly numLinks: number;
  readonly firstThruNode: number;
}

export function netHeader(lines: readonly string[], fileName: string): NetHeader {
  const meta = readMetadata(lines, fileName, true);
  if (meta === undefined) throw new TntpParseError(fileName, 1, problem('tntp.noMeta'));
  const numZones = requireMeta(meta, 'NUMBER OF ZONES', fileName, 0);
  const numNodes = requireMeta(meta, 'NUMBER OF NODES', fileName, 1);
  const numLinks = requireMeta(meta, 'NUMBER OF LINKS', fileName, 0);
  // Absent <FIRST THRU NODE>: every node may be passed through (as with value 1).
  const firstThruNode = metaInteger(meta, 'FIRST THRU NODE', fileName, 1) ?? 1;
  if (numZones > numNodes) {
    const line = meta.tags.get('NUMBER OF ZONES')?.line ?? meta.endLine;
    throw new TntpParseError(fileName, line, problem('tntp.zonesExceed', { zones: numZones, nodes: numNodes }));
  }
  if (firstThruNode > numNodes + 1) {
    const line = meta.tags.get('FIRST THRU NODE')?.line ?? meta.endLine;
    throw new TntpParseError(fileName, line, problem('tntp.thruExceeds', { thru: firstThruNode }));
  }
  return { meta, numZones, numNodes, numLinks, firstThruNode };
}

/** A `_net` file's result with its link arrays allocated (zeros), for a parser to fill. */
export function emptyNet(head: NetHeader, fileName: string): TntpNet {
  const { numZones, numNodes, numLinks, firstThruNode } = head;
  return {
    fileName,
    numZones,
    numNodes,
    firstThruNode,
    numLinks,
    from: new Int32Array(numLinks),
    to: new Int32Array(numLinks),
    capacity: new Float64Array(numLinks),
    length: new Float64Array(numLinks),
    fft: new Float64Array(numLinks),
    b: new Float64Array(numLinks),
    power: new Float64Array(numLinks),
    speed: new Float64Array(numLinks),
    toll: new Float64Array(numLinks),
    linkType: new Int32Array(numLinks),
    sourceLine: new Int32Array(numLinks),
  };
}

/** The metadata of a `_trips` file, checked (also read by tntp-bytes.ts). */
export interface TripsHeader {
  readonly meta: Metadata;
  readonly numZones: number;
  /** `<TOTAL OD FLOW>` and its line, when given. */
  readonly total: { readonly value: number; readonly line: number } | undefined;
}

export function tripsHeader(lines: readonly string[], fileName: string): TripsHeader {
  const meta = readMetadata(lines, fileName, true);
  if (meta === undefined) throw new TntpParseError(fileName, 1, problem('tntp.noMeta'));
  const numZones = requireMeta(meta, 'NUMBER OF ZONES', fileName, 1);
  const totalEntry = meta.tags.get('TOTAL OD FLOW');
  if (totalEntry === undefined) return { meta, numZones, total: undefined };
  const value = parseNumber(totalEntry.value, '<TOTAL OD FLOW>', totalEntry.line, fileName);
  if (value < 0) throw new TntpParseError(fileName, totalEntry.line, problem('tntp.totalNegative'));
  return { meta, numZones, total: { value, line: totalEntry.line } };
}

/** Whether the entries' sum agrees with `<TOTAL OD FLOW>` within the slack files round it to. */
export function totalAgrees(total: number, sum: number): boolean {
  return Math.abs(sum - total) <= Math.max(TOTAL_FLOW_ABS_TOL, TOTAL_FLOW_REL_TOL * total);
}

/** Parse a `_net` file. */
export function parseTntpNet(text: string, fileName: string): TntpNet {
  const lines = splitLines(text);
  const head = netHeader(lines, fileName);
  const { meta, numNodes, numLinks } = head;
  const net = emptyNet(head, fileName);
  const { from, to, capacity, length, fft, b, power, speed, toll, linkType, sourceLine } = net;

  let count = 0;
  for (let i = meta.bodyStart; i < lines.length; i++) {
    const lineNo = i + 1;
    const fields = rowFields(lines[i] ?? '', lineNo, fileName);
    if (fields === undefined) continue;
    if (fields.length !== NET_COLUMNS.length) {
      throw new TntpParseError(fileName, lineNo, problem('tntp.columns', { n: NET_COLUMNS.length, got: fields.length }));
    }
    if (count >= numLinks) {
      throw new TntpParseError(fileName, lineNo, problem('tntp.moreLinks', { n: numLinks }));
    }
    const f = (k: number): string => fields[k] ?? '';
    const tail = parseInteger(f(0), 'init_node', lineNo, fileName);
    const head = parseInteger(f(1), 'term_node', lineNo, fileName);
    checkNodeId(tail, 'init_node', numNodes, lineNo, fileName);
    checkNodeId(head, 'term_node', numNodes, lineNo, fileName);
    if (tail === head) throw new TntpParseError(fileName, lineNo, problem('tntp.selfLoop', { tail, head }));
    const cap = parseNumber(f(2), 'capacity', lineNo, fileName);
    if (!(cap > 0)) throw new TntpParseError(fileName, lineNo, problem('tntp.positive', { name: 'capacity', got: cap }));
    const len = parseNumber(f(3), 'length', lineNo, fileName);
    if (len < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'length', got: len }));
    const t0 = parseNumber(f(4), 'free_flow_time', lineNo, fileName);
    if (t0 < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'free_flow_time', got: t0 }));
    const bb = parseNumber(f(5), 'b', lineNo, fileName);
    if (bb < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'b', got: bb }));
    const pw = parseNumber(f(6), 'power', lineNo, fileName);
    if (pw < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'power', got: pw }));
    const sp = parseNumber(f(7), 'speed', lineNo, fileName);
    if (sp < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'speed', got: sp }));
    const tl = parseNumber(f(8), 'toll', lineNo, fileName);
    if (tl < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'toll', got: tl }));
    const ty = parseInteger(f(9), 'link_type', lineNo, fileName);

    from[count] = tail;
    to[count] = head;
    capacity[count] = cap;
    length[count] = len;
    fft[count] = t0;
    b[count] = bb;
    power[count] = pw;
    speed[count] = sp;
    toll[count] = tl;
    linkType[count] = ty;
    sourceLine[count] = lineNo;
    count++;
  }
  if (count !== numLinks) {
    const line = meta.tags.get('NUMBER OF LINKS')?.line ?? meta.endLine;
    throw new TntpParseError(fileName, line, problem('tntp.linkCount', { n: numLinks, got: count }));
  }
  return net;
}

/** Parse a `_trips` file. Zero entries are dropped; a repeated origin-destination pair is an error. */
export function parseTntpTrips(text: string, fileName: string): TntpTrips {
  const lines = splitLines(text);
  const { meta, numZones, total } = tripsHeader(lines, fileName);

  // Entries in file order, in typed arrays (off the garbage-collected heap, where four growing number
  // arrays of a 150k-entry file cost about 40 ms of collector pauses), sized once: every entry has a
  // ':' in the text (both readings below require one), so the count of ':' bounds the entries; the
  // pages past the last entry are never touched.
  let capacity = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) capacity++;
  const origins = new Int32Array(capacity);
  const dests = new Int32Array(capacity);
  const values = new Float64Array(capacity);
  const entryLines = new Int32Array(capacity);
  let n = 0;
  let origin = 0;
  let sum = 0;
  let grouped = true; // origins in non-decreasing order, as TNTP files write them
  let lastOrigin = 0;
  for (let i = meta.bodyStart; i < lines.length; i++) {
    const lineNo = i + 1;
    const text = stripComment(lines[i] ?? '').trim();
    if (text === '') continue;
    const originMatch = /^origin\b\s*(.*)$/i.exec(text);
    if (originMatch !== null) {
      const idText = (originMatch[1] ?? '').replace(/;\s*$/, '').trim();
      const id = parseInteger(idText, 'origin', lineNo, fileName);
      if (id < 1 || id > numZones) throw new TntpParseError(fileName, lineNo, problem('tntp.idRange', { name: 'origin', id, max: numZones }));
      origin = id;
      continue;
    }
    // Entries 'destination : flow', separated by ';' (the last may be empty). The plain form is read in
    // place (plainEntry); anything else goes through the general reading with its messages.
    for (let p = 0; p < text.length; ) {
      const semi = text.indexOf(';', p);
      const end = semi < 0 ? text.length : semi;
      const last = semi < 0;
      const start = p;
      p = last ? text.length : semi + 1;
      let dest: number;
      let value: number;
      if (plainEntry(text, start, end)) {
        if (origin === 0) throw new TntpParseError(fileName, lineNo, problem('tntp.entryBeforeOrigin'));
        dest = plain.dest;
        value = plain.value;
      } else {
        const segment = text.slice(start, end).trim();
        if (segment === '') {
          if (last) continue;
          throw new TntpParseError(fileName, lineNo, problem('tntp.emptyEntry'));
        }
        const pair = /^(\S+)\s*:\s*(\S+)$/.exec(segment);
        if (pair === null) {
          throw new TntpParseError(fileName, lineNo, problem('tntp.entryForm', { got: clip(segment) }));
        }
        if (origin === 0) throw new TntpParseError(fileName, lineNo, problem('tntp.entryBeforeOrigin'));
        dest = parseInteger(pair[1] ?? '', 'destination', lineNo, fileName);
        value = parseNumber(pair[2] ?? '', 'demand', lineNo, fileName);
      }
      if (dest < 1 || dest > numZones) {
        throw new TntpParseError(fileName, lineNo, problem('tntp.idRange', { name: 'destination', id: dest, max: numZones }));
      }
      if (value < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'demand', got: value }));
      sum += value;
      if (value === 0) continue;
      if (origin < lastOrigin) grouped = false;
      lastOrigin = origin;
      origins[n] = origin;
      dests[n] = dest - 1;
      values[n] = value;
      entryLines[n] = lineNo;
      n++;
    }
  }
  if (total !== undefined && !totalAgrees(total.value, sum)) {
    throw new TntpParseError(fileName, total.line, problem('tntp.totalMismatch', { total: total.value, sum: roundForMessage(sum) }));
  }

  // Group by origin (stable counting sort keeps file order within an origin); entries already grouped
  // are copied as they are.
  const originStart = new Int32Array(numZones + 1);
  for (let k = 0; k < n; k++) originStart[origins[k]!]! += 1;
  for (let z = 0; z < numZones; z++) originStart[z + 1]! += originStart[z]!;
  let destination: Int32Array;
  let demand: Float64Array;
  let rowLine: Int32Array;
  if (grouped) {
    destination = dests.slice(0, n);
    demand = values.slice(0, n);
    rowLine = entryLines.subarray(0, n);
  } else {
    const cursor = originStart.slice(0, numZones);
    destination = new Int32Array(n);
    demand = new Float64Array(n);
    rowLine = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const o = origins[k]! - 1;
      const at = cursor[o]!;
      cursor[o] = at + 1;
      destination[at] = dests[k]!;
      demand[at] = values[k]!;
      rowLine[at] = entryLines[k]!;
    }
  }
  // A repeated (origin, destination) pair is most likely a copy-paste error: report its second line.
  const seen = new Int32Array(numZones);
  for (let o = 0; o < numZones; o++) {
    for (let k = originStart[o]!; k < originStart[o + 1]!; k++) {
      const d = destination[k]!;
      if (seen[d] === o + 1) {
        throw new TntpParseError(fileName, rowLine[k]!, problem('tntp.duplicateDemand', { origin: o + 1, destination: d + 1 }));
      }
      seen[d] = o + 1;
    }
  }
  return { fileName, numZones, totalOdFlow: total?.value, originStart, destination, demand };
}

function roundForMessage(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/**
 * The data rows of a `_node` or `_flow` file, after its optional metadata block: each row's fields with
 * its 1-based line number. A first row that does not start with a number is a header and is skipped;
 * a row with another number of columns than `columns` is an error at its line.
 */
function eachRow(text: string, fileName: string, columns: number, visit: (fields: string[], lineNo: number) => void): void {
  const lines = splitLines(text);
  const meta = readMetadata(lines, fileName, false);
  let headerAllowed = true;
  for (let i = meta?.bodyStart ?? 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const fields = rowFields(lines[i] ?? '', lineNo, fileName);
    if (fields === undefined) continue;
    if (headerAllowed && fields.length > 0 && !Number.isFinite(Number(fields[0]))) {
      headerAllowed = false;
      continue;
    }
    headerAllowed = false;
    if (fields.length !== columns) throw new TntpParseError(fileName, lineNo, problem('tntp.columns', { n: columns, got: fields.length }));
    visit(fields, lineNo);
  }
}

/**
 * Parse a `_node` file: rows `id x y`, an optional header row (`Node X Y ;`) and an optional metadata
 * block. With `numNodes`, ids must lie in 1..numNodes and appear at most once.
 */
export function parseTntpNodes(text: string, fileName: string, numNodes?: number): TntpNodes {
  const ids: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = numNodes === undefined ? undefined : new Uint8Array(numNodes + 1);
  eachRow(text, fileName, 3, (fields, lineNo) => {
    const id = parseInteger(fields[0] ?? '', 'node id', lineNo, fileName);
    if (seen !== undefined && numNodes !== undefined) {
      checkNodeId(id, 'node id', numNodes, lineNo, fileName);
      if (seen[id] === 1) throw new TntpParseError(fileName, lineNo, problem('tntp.duplicateNode', { id }));
      seen[id] = 1;
    } else if (id < 1) {
      throw new TntpParseError(fileName, lineNo, problem('tntp.atLeastOne', { name: 'node id', got: id }));
    }
    ids.push(id);
    xs.push(parseNumber(fields[1] ?? '', 'x', lineNo, fileName));
    ys.push(parseNumber(fields[2] ?? '', 'y', lineNo, fileName));
  });
  return { fileName, id: Int32Array.from(ids), x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/**
 * Parse a `_flow` file: rows `from to volume cost` (the `;` is optional), an optional header row
 * (`From To Volume Cost`) and an optional metadata block. Volumes must be >= 0.
 */
export function parseTntpFlow(text: string, fileName: string): TntpFlow {
  const from: number[] = [];
  const to: number[] = [];
  const volume: number[] = [];
  const cost: number[] = [];
  eachRow(text, fileName, 4, (fields, lineNo) => {
    const tail = parseInteger(fields[0] ?? '', 'from', lineNo, fileName);
    const head = parseInteger(fields[1] ?? '', 'to', lineNo, fileName);
    if (tail < 1) throw new TntpParseError(fileName, lineNo, problem('tntp.atLeastOne', { name: 'from node', got: tail }));
    if (head < 1) throw new TntpParseError(fileName, lineNo, problem('tntp.atLeastOne', { name: 'to node', got: head }));
    const vol = parseNumber(fields[2] ?? '', 'volume', lineNo, fileName);
    if (vol < 0) throw new TntpParseError(fileName, lineNo, problem('tntp.nonNegative', { name: 'volume', got: vol }));
    from.push(tail);
    to.push(head);
    volume.push(vol);
    cost.push(parseNumber(fields[3] ?? '', 'cost', lineNo, fileName));
  });
  return {
    fileName,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    volume: Float64Array.from(volume),
    cost: Float64Array.from(cost),
  };
}

/**
 * Write a TNTP flow file (`From To Volume Cost`, tab separated, one link per row) in the layout of the
 * published `_flow.tntp` files. Numbers use JavaScript's shortest round-trip form, so the text is exact
 * and deterministic. `from`/`to` are 1-based node ids.
 */
export function formatTntpFlow(
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  volume: ArrayLike<number>,
  cost: ArrayLike<number>,
): string {
  const n = from.length;
  if (to.length !== n || volume.length !== n || cost.length !== n) {
    throw new RangeError('formatTntpFlow: from, to, volume and cost must have the same length');
  }
  const rows: string[] = ['From \tTo \tVolume \tCost '];
  for (let k = 0; k < n; k++) {
    rows.push(`${from[k]} \t${to[k]} \t${formatNumber(volume[k] ?? 0)} \t${formatNumber(cost[k] ?? 0)} `);
  }
  return `${rows.join('\n')}\n`;
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`formatTntpFlow: value ${x} is not finite`);
  return Object.is(x, -0) ? '0' : String(x);
}
