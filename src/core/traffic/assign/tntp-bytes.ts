/**
 * TNTP `_net` and `_trips` files read from their bytes: whole (a file the viewer's worker was given) or
 * a piece at a time from a reader (the command line reading from disk).
 *
 * The result is always the one `parseTntpNet` / `parseTntpTrips` give for the file decoded as UTF-8,
 * and so are the errors. The bytes are scanned once in the form these files are written in: ASCII
 * rows of numbers; entries `destination : flow;` grouped by origin, without repeats. Anything else (a
 * byte the scan does not expect, origins out of order, any error) makes the scan give up, and the text
 * parser reads the decoded file from the start and gives its located message.
 *
 * Why: the text parser splits the file into line and field strings. On the 3k-link bench grid (a
 * 1.7 MB trip table, 150k entries) that took 55 ms of the command line's 0.23 s above its solve,
 * and decoding the file into a string another 12 ms. The scan takes about 23 ms (11 ms once V8 has
 * optimised it; a command-line run reads each file once, so much of it runs unoptimised).
 * `tests/core/traffic/assign/tntp-bytes.test.ts` holds the two readings to the same answers.
 */
import {
  type TntpNet,
  type TntpTrips,
  emptyNet,
  netHeader,
  parseTntpNet,
  parseTntpTrips,
  splitLines,
  stripComment,
  totalAgrees,
  tripsHeader,
} from './tntp.ts';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const MINUS = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const SEMICOLON = 59;
const LESS_THAN = 60;
const TILDE = 126;
/** 'origin' in lower case; a byte OR 0x20 lower-cases an ASCII letter. */
const ORIGIN = [111, 114, 105, 103, 105, 110];
const NET_COLUMNS = 10;
/** Decimal digits a double holds exactly (Clinger's fast path, as in tntp.ts plainEntry). */
const EXACT_DIGITS = 15;

/** Parse a `_net` file from its bytes (UTF-8); same result and errors as `parseTntpNet`. */
export function parseTntpNetBytes(bytes: Uint8Array, fileName: string): TntpNet {
  return scanNet(Pieces.whole(bytes), fileName) ?? parseTntpNet(decode(bytes), fileName);
}

/** Parse a `_trips` file from its bytes (UTF-8); same result and errors as `parseTntpTrips`. */
export function parseTntpTripsBytes(bytes: Uint8Array, fileName: string): TntpTrips {
  return scanTrips(Pieces.whole(bytes), fileName) ?? parseTntpTrips(decode(bytes), fileName);
}

/**
 * A file read from its start a piece at a time (the command line reads its TNTP files through one).
 * Only the scans below read this way; should a scan give up, the text parser reads the whole file.
 */
export interface ByteReader {
  /** The file's size in bytes (the trip table's arrays are sized from it). */
  readonly size: number;
  /** Reads up to `length` bytes of what follows into `into` at `offset`; returns how many, 0 at the end. */
  read(into: Uint8Array, offset: number, length: number): number;
}

/** Options of the readers below. */
export interface PieceOptions {
  /** Bytes read at a time (a longer line gets a larger buffer); 256 KiB unless given. */
  readonly pieceBytes?: number;
}

/** Bytes a reader reads at a time: one buffer, reused for every piece of the file. */
const PIECE_BYTES = 1 << 18;

/**
 * Parse a `_net` file read from `reader`, with the result and errors of `parseTntpNet`. `whole` gives
 * the file's bytes when the scan gives up, for the text parser's reading or its located message.
 */
export function parseTntpNetFrom(
  reader: ByteReader,
  fileName: string,
  whole: () => Uint8Array,
  options: PieceOptions = {},
): TntpNet {
  return scanNet(Pieces.read(reader, options), fileName) ?? parseTntpNet(decode(whole()), fileName);
}

/**
 * Parse a `_trips` file read from `reader`, with the result and errors of `parseTntpTrips`; `whole` as
 * in parseTntpNetFrom.
 *
 * Why read in pieces: the bytes of a whole file are memory touched for the first time, and each 4 KiB
 * page of it costs a page fault (about 10 µs on the project's machines). The 25.6k-link bench grid's
 * 6.7 MB trip table took 1,700 of them to read whole (on node's thread pool while the network was
 * parsed, which slowed that by about 9 ms). Read in pieces through one 256 KiB buffer, `cli assign`
 * spent 177 ms above its solve instead of 193 (median of 11 zero-iteration runs each, interleaved,
 * 1,450 fewer page faults). A larger file costs no more memory than its results.
 */
export function parseTntpTripsFrom(
  reader: ByteReader,
  fileName: string,
  whole: () => Uint8Array,
  options: PieceOptions = {},
): TntpTrips {
  return scanTrips(Pieces.read(reader, options), fileName) ?? parseTntpTrips(decode(whole()), fileName);
}

/**
 * The bytes a scan reads, as pieces that hold whole lines: a file in memory is one piece; a reader's
 * file comes through one buffer, each piece ending after its last line break (a '\r' that ends what
 * was read waits for the next piece, which may start with its '\n'). A line longer than the buffer
 * doubles it. Lines are what the scans read at a time, so no entry or row is split.
 */
class Pieces {
  /** The piece to scan now. */
  bytes: Uint8Array;
  /** The whole file's size in bytes. */
  readonly size: number;
  private buffer: Uint8Array;
  /** Bytes of the buffer read so far; those past `bytes` belong to the next piece. */
  private filled: number;
  private ended: boolean;
  private readonly reader: ByteReader | undefined;

  private constructor(reader: ByteReader | undefined, buffer: Uint8Array, filled: number, size: number) {
    this.reader = reader;
    this.size = size;
    this.buffer = buffer;
    this.filled = filled;
    this.ended = reader === undefined;
    this.bytes = buffer.subarray(0, filled);
  }

  static whole(bytes: Uint8Array): Pieces {
    return new Pieces(undefined, bytes, bytes.length, bytes.length);
  }

  static read(reader: ByteReader, options: PieceOptions): Pieces {
    const pieceBytes = Math.max(1, Math.floor(options.pieceBytes ?? PIECE_BYTES));
    const pieces = new Pieces(reader, new Uint8Array(pieceBytes), 0, reader.size);
    pieces.load();
    return pieces;
  }

  /** Whether `bytes` runs to the end of the file. */
  get last(): boolean {
    return this.ended && this.bytes.length === this.filled;
  }

  /** Moves on to the next piece; false at the end of the file. */
  next(): boolean {
    if (this.last) return false;
    const used = this.bytes.length;
    this.buffer.copyWithin(0, used, this.filled);
    this.filled -= used;
    this.load();
    return true;
  }

  /** Makes the piece longer (a larger buffer, read on); false at the end of the file. */
  widen(): boolean {
    if (this.last) return false;
    this.grow();
    this.load();
    return true;
  }

  private grow(): void {
    const larger = new Uint8Array(this.buffer.length * 2);
    larger.set(this.buffer.subarray(0, this.filled));
    this.buffer = larger;
  }

  /** Fills the buffer and cuts the piece after its last whole line (growing the buffer for a long one). */
  private load(): void {
    for (;;) {
      while (!this.ended && this.filled < this.buffer.length) {
        const count = this.reader!.read(this.buffer, this.filled, this.buffer.length - this.filled);
        if (count === 0) this.ended = true;
        this.filled += count;
      }
      const cut = this.ended ? this.filled : lastBreak(this.buffer, this.filled);
      if (cut > 0 || this.ended) {
        this.bytes = this.buffer.subarray(0, cut);
        return;
      }
      this.grow();
    }
  }
}

/**
 * The index after the last line break among the first `filled` bytes of `buffer` that is surely whole
 * (not a '\r' in the last byte, which a '\n' may follow), or 0 when there is none.
 */
function lastBreak(buffer: Uint8Array, filled: number): number {
  for (let k = filled - 1; k >= 0; k--) {
    const c = buffer[k];
    if (c === LF || (c === CR && k < filled - 1)) return k + 1;
  }
  return 0;
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Index of the next line break (or the end) from `i`: where a comment or a skipped line stops. */
function lineEnd(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && bytes[i] !== LF && bytes[i] !== CR) i++;
  return i;
}

/** Index just past the line break at `i` (\r\n, \n or \r, as splitLines in tntp.ts reads them). */
function pastBreak(bytes: Uint8Array, i: number): number {
  return bytes[i] === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
}

/**
 * After a row or an 'Origin' line's last field: blanks, an optional ';', blanks and an optional comment.
 * Returns the index of the line break (or the end) that follows, or -1 when anything else is left.
 */
function rowTail(bytes: Uint8Array, i: number): number {
  const end = bytes.length;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (i < end && bytes[i] === SEMICOLON) i++;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (i < end && bytes[i] === TILDE) i = lineEnd(bytes, i);
  return i === end || bytes[i] === LF || bytes[i] === CR ? i : -1;
}

/** Whether byte `c` (or -1 at the end) ends a field: a blank, ';', '~' or a line break. */
function endsField(c: number): boolean {
  return c === -1 || c === SPACE || c === TAB || c === SEMICOLON || c === TILDE || c === LF || c === CR;
}

/** The number and end of a field that rowAt or entryLine does not read as a plain decimal. */
const other = { value: 0, end: 0 };

/**
 * A field of printable ASCII from `start` read by Number(), as the text parser reads it ("1e-3",
 * "+5", 16 digits or more). Fills `other` and returns true, or false when Number() gives no finite
 * number or a byte is not printable ASCII (Number() would skip other white space, where the text
 * parser splits).
 */
function otherNumber(bytes: Uint8Array, start: number): boolean {
  let text = '';
  let i = start;
  for (; i < bytes.length && !endsField(bytes[i]!); i++) {
    if (bytes[i]! <= SPACE || bytes[i]! >= 127) return false;
    text += String.fromCharCode(bytes[i]!);
  }
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return false;
  other.value = value;
  other.end = i;
  return true;
}

/**
 * The metadata block: decodes the lines up to the first that is neither blank nor starts with '<' or
 * '~', and reads them with `header`. Returns the header, the byte where the body starts and its 1-based
 * line, or undefined when `header` fails there (the text parser then gives its error) or the block is
 * followed by anything but blank and comment lines. The block and the line after it must lie in the
 * first piece: one that runs to the piece's end widens the piece.
 */
function readHeader<H extends { readonly meta: { readonly bodyStart: number } }>(
  pieces: Pieces,
  fileName: string,
  header: (lines: readonly string[], fileName: string) => H,
): { head: H; at: number; line: number } | undefined {
  let block = blockEnd(pieces.bytes);
  while (block.at === pieces.bytes.length && pieces.widen()) block = blockEnd(pieces.bytes);
  const { at, line } = block;
  let head: H;
  const lines = splitLines(decode(pieces.bytes.subarray(0, at)));
  try {
    head = header(lines, fileName);
  } catch {
    return undefined;
  }
  for (let k = head.meta.bodyStart; k < lines.length; k++) {
    if (stripComment(lines[k]!).trim() !== '') return undefined;
  }
  return { head, at, line };
}

/** Where the metadata block of `bytes` ends (the next line's first byte, or the end) and that line's number. */
function blockEnd(bytes: Uint8Array): { at: number; line: number } {
  let i = 0;
  let line = 1;
  while (i < bytes.length) {
    let j = i;
    while (j < bytes.length && (bytes[j] === SPACE || bytes[j] === TAB)) j++;
    const c = j < bytes.length ? bytes[j]! : -1;
    if (c !== LESS_THAN && c !== TILDE && c !== LF && c !== CR && c !== -1) break;
    j = lineEnd(bytes, j);
    if (j === bytes.length) {
      i = j;
      break;
    }
    i = pastBreak(bytes, j);
    line++;
  }
  return { at: i, line };
}

/*
 * The scans below call nothing per field on the common path: most of a command-line run's reading
 * happens before V8 has optimised anything, and in the interpreter every call and property load costs.
 * So the decimal reading is written out twice, in rowAt and in entryLine: as one function called per
 * field, the 3k-link grid's network took 19–25 ms to read instead of 13–18 (7 cold runs each). Each row
 * and each line of entries is a call of its own, which V8 optimises after the first few; one loop over the
 * whole trip table read the 3k grid's in 31–44 ms cold, one call per line in 17–32 (7 runs each).
 */

/**
 * Reads the ten fields of a `_net` row from `i` into `row`; returns the index after the last, or -1.
 * Plain decimals (an optional '-', digits with at most one '.', up to 15 digits) are read as plainEntry
 * in tntp.ts reads them, exactly as Number() does; other fields go to otherNumber. A small function of
 * its own, so that V8 optimises it after a few hundred rows instead of waiting for the whole scan.
 */
function rowAt(bytes: Uint8Array, i: number, row: Float64Array): number {
  const end = bytes.length;
  for (let k = 0; k < NET_COLUMNS; k++) {
    if (k > 0) {
      while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    }
    const start = i;
    const negative = i < end && bytes[i] === MINUS;
    if (negative) i++;
    let mantissa = 0;
    let digits = 0;
    let scale = 1;
    let dot = false;
    for (; i < end; i++) {
      const c = bytes[i]!;
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        mantissa = mantissa * 10 + (c - DIGIT_0);
        digits++;
        if (dot) scale *= 10;
      } else if (c === DOT && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits > 0 && digits <= EXACT_DIGITS && endsField(i < end ? bytes[i]! : -1)) {
      row[k] = negative ? -(mantissa / scale) : mantissa / scale;
    } else if (otherNumber(bytes, start)) {
      row[k] = other.value;
      i = other.end;
    } else {
      return -1;
    }
  }
  return i;
}

function scanNet(pieces: Pieces, fileName: string): TntpNet | undefined {
  const read = readHeader(pieces, fileName, netHeader);
  if (read === undefined) return undefined;
  const { numNodes, numLinks } = read.head;
  const net = emptyNet(read.head, fileName);
  const { from, to, capacity, length, fft, b, power, speed, toll, linkType, sourceLine } = net;
  const row = new Float64Array(NET_COLUMNS);
  let i = read.at;
  let line = read.line;
  let count = 0;
  // Piece by piece (a file in memory is one), each from its first byte after the first piece.
  for (let bytes = pieces.bytes, end = bytes.length; ; bytes = pieces.bytes, end = bytes.length, i = 0) {
    while (i < end) {
      const c = bytes[i]!;
      if (c === SPACE || c === TAB) {
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        i = pastBreak(bytes, i);
        line++;
        continue;
      }
      if (c === TILDE) {
        i = lineEnd(bytes, i);
        continue;
      }
      // A row: ten fields separated by blanks, an optional ';', nothing else but a comment.
      i = rowAt(bytes, i, row);
      if (i >= 0) i = rowTail(bytes, i);
      if (i < 0) return undefined;
      // The text parser's checks; it gives the message.
      const tail = row[0]!;
      const head = row[1]!;
      const type = row[9]!;
      if (count >= numLinks) return undefined;
      if (!Number.isInteger(tail) || !Number.isInteger(head) || !Number.isInteger(type)) return undefined;
      if (tail < 1 || tail > numNodes || head < 1 || head > numNodes || tail === head) return undefined;
      if (!(row[2]! > 0)) return undefined;
      for (let k = 3; k <= 8; k++) if (row[k]! < 0) return undefined;
      from[count] = tail;
      to[count] = head;
      capacity[count] = row[2]!;
      length[count] = row[3]!;
      fft[count] = row[4]!;
      b[count] = row[5]!;
      power[count] = row[6]!;
      speed[count] = row[7]!;
      toll[count] = row[8]!;
      linkType[count] = type;
      sourceLine[count] = line;
      count++;
    }
    if (!pieces.next()) break;
  }
  return count === numLinks ? net : undefined;
}

/** A trip table's entries as scanTrips writes them, and where entryLine leaves its running figures. */
interface TripsScan {
  readonly numZones: number;
  readonly capacity: number;
  readonly destination: Int32Array;
  readonly demand: Float64Array;
  readonly originStart: Int32Array;
  /** seen[d] = the origin that last had an entry for destination d (a repeat gives up). */
  readonly seen: Int32Array;
  /** Entries written so far. */
  n: number;
  /** Sum of every flow read, zeros included (the header's total is checked against it). */
  sum: number;
}

/**
 * Reads one line of `destination : flow` entries of `origin` from `i`, the line's first entry, into
 * `scan`. Returns the index of the line break (or the end) that ends the line, or -1 to give up. Each
 * entry is up to nine digits, ':', and a flow read as in rowAt; a ';' opens the next entry, and without
 * one only blanks and a comment may follow. A function of its own, called once per line, so that V8
 * optimises it after the first few origins rather than once the whole file's loop has run long enough.
 */
function entryLine(bytes: Uint8Array, i: number, origin: number, scan: TripsScan): number {
  const { numZones, capacity, destination, demand, originStart, seen } = scan;
  const end = bytes.length;
  let n = scan.n;
  let sum = scan.sum;
  let open = true;
  let c = 0;
  for (;;) {
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    if (i === end) break;
    c = bytes[i]!;
    if (c === LF || c === CR) break;
    if (c === TILDE) {
      i = lineEnd(bytes, i);
      break;
    }
    if (!open || c < DIGIT_0 || c > DIGIT_9) return -1;
    const d0 = i;
    let dest = 0;
    for (; i < end; i++) {
      c = bytes[i]!;
      if (c < DIGIT_0 || c > DIGIT_9) break;
      dest = dest * 10 + (c - DIGIT_0);
    }
    if (i - d0 > 9 || dest < 1 || dest > numZones) return -1;
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    if (i === end || bytes[i] !== COLON) return -1;
    i++;
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    const f0 = i;
    let mantissa = 0;
    let digits = 0;
    let scale = 1;
    let dot = false;
    for (; i < end; i++) {
      c = bytes[i]!;
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        mantissa = mantissa * 10 + (c - DIGIT_0);
        digits++;
        if (dot) scale *= 10;
      } else if (c === DOT && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    let value = mantissa / scale;
    if (digits === 0 || digits > EXACT_DIGITS || !endsField(i < end ? bytes[i]! : -1)) {
      if (!otherNumber(bytes, f0) || other.value < 0) return -1;
      value = other.value;
      i = other.end;
    }
    sum += value;
    if (value !== 0) {
      if (seen[dest] === origin || n === capacity) return -1;
      seen[dest] = origin;
      destination[n] = dest - 1;
      demand[n] = value;
      originStart[origin]!++;
      n++;
    }
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    open = i < end && bytes[i] === SEMICOLON;
    if (open) i++;
  }
  scan.n = n;
  scan.sum = sum;
  return i;
}

function scanTrips(pieces: Pieces, fileName: string): TntpTrips | undefined {
  const read = readHeader(pieces, fileName, tripsHeader);
  if (read === undefined) return undefined;
  const { numZones, total } = read.head;
  // Entries are written straight into their final arrays. Without repeated pairs there are at most
  // numZones² of them, and each takes at least three bytes ('d:v') plus a separator; pages past the
  // last entry are never touched. (A file grown since it was sized overflows them: the scan gives up.)
  const capacity = Math.min(numZones * numZones, Math.floor(pieces.size / 3) + 1);
  const scan: TripsScan = {
    numZones,
    capacity,
    destination: new Int32Array(capacity),
    demand: new Float64Array(capacity),
    originStart: new Int32Array(numZones + 1),
    seen: new Int32Array(numZones + 1),
    n: 0,
    sum: 0,
  };
  let i = read.at;
  let origin = 0;
  for (let bytes = pieces.bytes, end = bytes.length; ; bytes = pieces.bytes, end = bytes.length, i = 0) {
    while (i < end) {
      const c = bytes[i]!;
      if (c === SPACE || c === TAB) {
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        i = pastBreak(bytes, i);
        continue;
      }
      if (c === TILDE) {
        i = lineEnd(bytes, i);
        continue;
      }
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        // A line of entries, once an origin has been named.
        if (origin === 0) return undefined;
        i = entryLine(bytes, i, origin, scan);
        if (i < 0) return undefined;
        continue;
      }
      // 'Origin <id>' on a line of its own, with an optional ';': a later origin only (entries grouped,
      // as files write them).
      if (i + ORIGIN.length >= end) return undefined;
      for (let k = 0; k < ORIGIN.length; k++) if ((bytes[i + k]! | 0x20) !== ORIGIN[k]) return undefined;
      i += ORIGIN.length;
      if (bytes[i] !== SPACE && bytes[i] !== TAB) return undefined;
      while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      const o0 = i;
      let id = 0;
      for (; i < end; i++) {
        const d = bytes[i]!;
        if (d < DIGIT_0 || d > DIGIT_9) break;
        id = id * 10 + (d - DIGIT_0);
      }
      if (i === o0 || i - o0 > 9 || id < 1 || id > numZones || id < origin) return undefined;
      origin = id;
      i = rowTail(bytes, i);
      if (i < 0) return undefined;
    }
    if (!pieces.next()) break;
  }
  const { n, sum, destination, demand, originStart } = scan;
  if (total !== undefined && !totalAgrees(total.value, sum)) return undefined;
  for (let z = 0; z < numZones; z++) originStart[z + 1]! += originStart[z]!;
  return {
    fileName,
    numZones,
    totalOdFlow: total?.value,
    originStart,
    destination: n === capacity ? destination : destination.subarray(0, n),
    demand: n === capacity ? demand : demand.subarray(0, n),
  };
}
