import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TntpParseError,
  parseTntpNet,
  parseTntpNetBytes,
  parseTntpNetFrom,
  parseTntpTrips,
  parseTntpTripsBytes,
  parseTntpTripsFrom,
} from '../../../../src/core/traffic/assign/index.ts';
import type { ByteReader, PieceOptions, TntpNet, TntpTrips } from '../../../../src/core/traffic/assign/index.ts';
import { seededRandom } from '../../../../src/core/random/index.ts';
import { fixtureText } from './fixtures.ts';

const encoder = new TextEncoder();

/** Every field of a parse result, typed arrays as plain arrays (so -0 and 0 differ, as in Object.is). */
function plain(result: TntpNet | TntpTrips): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) out[key] = ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value;
  return out;
}

type Outcome = { ok: Record<string, unknown> } | { error: [string, number, string] };

function outcome(run: () => TntpNet | TntpTrips): Outcome {
  try {
    return { ok: plain(run()) };
  } catch (error) {
    if (error instanceof TntpParseError) return { error: [error.file, error.line, error.detail] };
    throw error;
  }
}

/** A reader of `bytes` that hands over at most `most` bytes a call, as a file read may. */
function reader(bytes: Uint8Array, most: number): ByteReader {
  let at = 0;
  return {
    size: bytes.length,
    read(into, offset, length) {
      const count = Math.min(length, most, bytes.length - at);
      into.set(bytes.subarray(at, at + count), offset);
      at += count;
      return count;
    },
  };
}

/**
 * Pieces of these sizes (bytes) for the piecewise readings: one byte (every line longer than the
 * buffer), small ones that cut lines and `\r\n` pairs anywhere, and the default. Reads hand over at
 * most 5 bytes or all that is asked.
 */
const PIECES: readonly (PieceOptions & { readonly most: number })[] = [
  { pieceBytes: 1, most: 5 },
  { pieceBytes: 7, most: Infinity },
  { pieceBytes: 64, most: 5 },
  { most: Infinity },
];

/**
 * The bytes reading, and the piecewise reading at every size in PIECES, give what the text reading
 * gives for the same file: the same result or error.
 */
function expectSameNet(text: string): Outcome {
  const bytes = encoder.encode(text);
  const expected = outcome(() => parseTntpNet(new TextDecoder().decode(bytes), 'f_net.tntp'));
  expect(outcome(() => parseTntpNetBytes(bytes, 'f_net.tntp'))).toEqual(expected);
  for (const piece of PIECES) {
    const read = outcome(() => parseTntpNetFrom(reader(bytes, piece.most), 'f_net.tntp', () => bytes, piece));
    expect(read, `pieces of ${piece.pieceBytes}`).toEqual(expected);
  }
  return expected;
}

function expectSameTrips(text: string): Outcome {
  const bytes = encoder.encode(text);
  const expected = outcome(() => parseTntpTrips(new TextDecoder().decode(bytes), 'f_trips.tntp'));
  expect(outcome(() => parseTntpTripsBytes(bytes, 'f_trips.tntp'))).toEqual(expected);
  for (const piece of PIECES) {
    const read = outcome(() => parseTntpTripsFrom(reader(bytes, piece.most), 'f_trips.tntp', () => bytes, piece));
    expect(read, `pieces of ${piece.pieceBytes}`).toEqual(expected);
  }
  return expected;
}

const NET_HEAD = '<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n';
const TRIPS_HEAD = '<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 30\n<END OF METADATA>\n';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseTntpNetBytes and parseTntpTripsBytes', () => {
  it('read the fixtures exactly as the text parsers do', () => {
    for (const name of ['SiouxFalls', 'Anaheim', 'Braess']) {
      const net = expectSameNet(fixtureText(`${name}_net.tntp`));
      const trips = expectSameTrips(fixtureText(`${name}_trips.tntp`));
      expect('ok' in net && 'ok' in trips, name).toBe(true);
    }
  });

  it('scan a plain file without decoding it (only the metadata block is decoded)', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const net = fixtureText('Anaheim_net.tntp');
    const trips = fixtureText('Anaheim_trips.tntp');
    parseTntpNetBytes(encoder.encode(net), 'Anaheim_net.tntp');
    parseTntpTripsBytes(encoder.encode(trips), 'Anaheim_trips.tntp');
    const decoded = decode.mock.calls.map(([input]) => (input as Uint8Array).byteLength);
    expect(decoded.length).toBe(2);
    expect(net.length + trips.length).toBeGreaterThan(50_000);
    for (const length of decoded) expect(length).toBeLessThan(400);
    // A file outside the plain form (origins out of order) is decoded whole and read as text.
    decode.mockClear();
    const unordered = encoder.encode(`${TRIPS_HEAD}Origin 2\n 1 : 10;\nOrigin 1\n 3 : 20;\n`);
    const other = parseTntpTripsBytes(unordered, 't');
    expect(Array.from(other.demand)).toEqual([20, 10]);
    expect(decode.mock.calls.map(([input]) => (input as Uint8Array).byteLength)).toContain(unordered.length);
  });

  it('read the other forms a net file is written in as the text parser does', () => {
    const rows = (a: string, b: string): string => `${NET_HEAD}${a}\n${b}\n`;
    const ok = [
      rows('\t1\t3\t100\t1\t1\t0.15\t4\t0\t0\t1\t;', '\t3\t2\t100\t1\t1\t0.15\t4\t0\t0\t1\t;'),
      rows('1 3 100 1 1 0.15 4 0 0 1', '3 2 100 1 1 0.15 4 0 0 1 ; ~ comment'),
      rows('1 3 1e2 1 1 .15 4 0 0 1;', '3 2 +100 -0 1 15e-2 4. 0 0 -7;'),
      rows('1 3 123456789012345678 1 1 0.15 4 0 0 1;', '3 2 100 1.00000000000000011 1 0.15 4 0 0 1;'),
      rows('1.0 3 100 1 1 0.15 4 0 0 1;', '3 2 0x10 1 1 0.15 4 0 0 1;'),
      `${NET_HEAD.replace(/\n/g, '\r\n')}1 3 100 1 1 0.15 4 0 0 1;\r\n3 2 100 1 1 0.15 4 0 0 1;`,
      `${NET_HEAD.replace(/\n/g, '\r')}1 3 100 1 1 0.15 4 0 0 1;\r\r3 2 100 1 1 0.15 4 0 0 1;\r`,
      `\uFEFF${rows('1 3 100 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1;')}`,
      rows('~ é 한국어 in a comment', '1 3 100 1 1 0.15 4 0 0 1;\n3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 2 100 1 1\f0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1\u00a0;'),
    ];
    for (const text of ok) expect('ok' in expectSameNet(text), JSON.stringify(text)).toBe(true);
  });

  it('read a file cut into pieces anywhere as they read it whole, line breaks of every kind', () => {
    const netRows = '1 3 100 1 1 0.15 4 0 0 1;\n~ note\n3 2 100 1 1 0.15 4 0 0 1;\n';
    const tripsRows = 'Origin 1\n 2 : 10; 3 : 20;\n~ note\nOrigin 3\n 1 : 0.5;\n';
    const lf = (text: string): string => text;
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const cr = (text: string): string => text.replace(/\n/g, '\r');
    for (const breaks of [lf, crlf, cr]) {
      const cases = [
        { text: breaks(`${NET_HEAD}${netRows}`), from: parseTntpNetFrom, whole: parseTntpNetBytes },
        { text: breaks(`${TRIPS_HEAD.replace('30', '30.5')}${tripsRows}`), from: parseTntpTripsFrom, whole: parseTntpTripsBytes },
      ];
      for (const { text, from, whole } of cases) {
        const bytes = encoder.encode(text);
        const expected = outcome(() => whole(bytes, 'f.tntp'));
        expect('ok' in expected, JSON.stringify(text)).toBe(true);
        // Every first cut, and the cuts a grown buffer makes after it; the whole file is never asked for.
        const never = (): Uint8Array => {
          throw new Error('the whole file was asked for');
        };
        for (let pieceBytes = 1; pieceBytes <= bytes.length; pieceBytes++) {
          const read = outcome(() => from(reader(bytes, Infinity), 'f.tntp', never, { pieceBytes }));
          expect(read, `${JSON.stringify(text)} in pieces of ${pieceBytes}`).toEqual(expected);
        }
      }
    }
  });

  it('give the text parser’s located error for every kind of bad net file', () => {
    const rows = (a: string, b: string): string => `${NET_HEAD}${a}\n${b}\n`;
    const bad = [
      rows('1 3 100 1 1 0.15 4 0 0;', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1 9;', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 0 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 9 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 3 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 2 100 1 -1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1.5;', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 big 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1; 9', '3 2 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', ';'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1;\n2 1 100 1 1 0.15 4 0 0 1;'),
      rows('1 3 100 1 1 0.15 4 0 0 1;', ''),
      rows('1 3 Infinity 1 1 0.15 4 0 0 1;', '3 2 100 1 1 0.15 4 0 0 1;'),
      `${NET_HEAD}<NUMBER OF LINKS> 2\n1 3 100 1 1 0.15 4 0 0 1;\n3 2 100 1 1 0.15 4 0 0 1;`,
      NET_HEAD.replace('<END OF METADATA>\n', ''),
      '1 3 100 1 1 0.15 4 0 0 1;\n',
      '',
    ];
    for (const text of bad) expect('error' in expectSameNet(text), JSON.stringify(text)).toBe(true);
  });

  it('read the other forms a trips file is written in as the text parser does', () => {
    const ok = [
      `${TRIPS_HEAD}Origin 1\n  2 : 10;  3 : 20;\n`,
      `${TRIPS_HEAD}Origin 1;\n2:10;3:20\n`,
      `${TRIPS_HEAD}\n~ comment\nORIGIN\t1 ~ first\n 2 : 10.0 ;\n 3 : 20.;\nOrigin 2\nOrigin 3\n 1 : 0;\n`,
      `${TRIPS_HEAD.replace(/\n/g, '\r\n')}Origin 1\r\n 2 : 10; 3 : 20;\r\n`,
      `${TRIPS_HEAD.replace(/\n/g, '\r')}Origin 1\r 2 : 10; 3 : 20;`,
      `${TRIPS_HEAD}Origin 2\n 1 : 10;\nOrigin 1\n 3 : 20;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 : 2e1;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 : 20.0000000000000001;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 : 20; 1 : -0;\n`,
      `${TRIPS_HEAD}Origin 01\n 002 : 10; 3 : 20\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10;\n 3 : 20`,
      '<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 0.1; 1 : 0.2;\nOrigin 2\n 1 : 0.3;\n',
    ];
    for (const text of ok) expect('ok' in expectSameTrips(text), JSON.stringify(text)).toBe(true);
  });

  it('give the text parser’s located error for every kind of bad trips file', () => {
    const bad = [
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 4 : 20;\n`,
      `${TRIPS_HEAD}Origin 5\n 2 : 30;\n`,
      `${TRIPS_HEAD} 2 : 30;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 20;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10 3 : 20;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 40; 3 : -10;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10;\nOrigin 1\n 2 : 20;\n`,
      `${TRIPS_HEAD}Origin 2\n 1 : 10;\nOrigin 1\n 3 : 10;\nOrigin 2\n 1 : 10;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 : 10;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10;; 3 : 20;\n`,
      `${TRIPS_HEAD}Origin 1 2 : 10; 3 : 20;\n`,
      `${TRIPS_HEAD}Origin1\n 2 : 10; 3 : 20;\n`,
      `${TRIPS_HEAD}Origin 1\n 2 : 10; 3 : Infinity;\n`,
      '<TOTAL OD FLOW> 1\n<END OF METADATA>\nOrigin 1\n 1 : 1;\n',
    ];
    for (const text of bad) expect('error' in expectSameTrips(text), JSON.stringify(text)).toBe(true);
  });

  it('read every written form of a number to the same double as the text parsers', () => {
    // 1 to 19 digits with or without a '.': the scan reads up to 15 digits itself, the rest by Number().
    const random = seededRandom(11);
    const forms: string[] = ['0', '.5', '5.', '9007199254740993', '0.12345678901234567', '758.68127102040792', '1e3', '+3', '0x1F'];
    for (let k = 0; k < 3000; k++) {
      const digits = 1 + Math.floor(random() * 19);
      let text = '';
      for (let d = 0; d < digits; d++) text += String(Math.floor(random() * 10));
      if (random() < 0.7) {
        const at = Math.floor(random() * (digits + 1));
        text = `${text.slice(0, at)}.${text.slice(at)}`;
      }
      forms.push(text);
    }
    const zones = forms.length + 1;
    const entries = forms.map((f, k) => `${k + 2} : ${f};`).join(' ');
    const trips = expectSameTrips(`<NUMBER OF ZONES> ${zones}\n<END OF METADATA>\nOrigin 1\n${entries}\n`);
    expect('ok' in trips).toBe(true);
    forms.push('-0');
    const rows = forms.map((f, k) => `${k + 1} ${k + 2} 100 ${f} ${f} 0.15 4 ${f} ${f} 1;`).join('\n');
    const net = expectSameNet(`<NUMBER OF ZONES> 1\n<NUMBER OF NODES> ${forms.length + 1}\n<NUMBER OF LINKS> ${forms.length}\n<END OF METADATA>\n${rows}\n`);
    expect('ok' in net).toBe(true);
  });

  it('agree with the text parsers on thousands of randomly damaged files', () => {
    // Single-character insertions, deletions and replacements from the characters the formats are
    // made of (and a few they are not); each damaged file must read the same both ways, result or error.
    const random = seededRandom(2026);
    const alphabet = ['0', '1', '5', '9', ' ', '\t', ';', ':', '~', '\n', '\r', '.', '-', '+', 'e', 'O', 'o', '<', '>', 'x', '\f', 'é'];
    const net = fixtureText('SiouxFalls_net.tntp');
    const trips = fixtureText('SiouxFalls_trips.tntp');
    let accepted = 0;
    for (let k = 0; k < 1500; k++) {
      const source = k % 2 === 0 ? net : trips;
      const at = Math.floor(random() * source.length);
      const ch = alphabet[Math.floor(random() * alphabet.length)]!;
      const kind = Math.floor(random() * 3);
      const damaged =
        kind === 0 ? source.slice(0, at) + ch + source.slice(at) : kind === 1 ? source.slice(0, at) + source.slice(at + 1) : source.slice(0, at) + ch + source.slice(at + 1);
      const result = k % 2 === 0 ? expectSameNet(damaged) : expectSameTrips(damaged);
      if ('ok' in result) accepted++;
    }
    // Both kinds occur: damage in comments, blanks or digits still reads; most other damage does not.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1300);
  });
});
