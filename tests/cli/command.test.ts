import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, readBytesFile, readInputFile } from '../../src/cli/command.ts';
import { ROOT, cli } from './run-cli.ts';

const fixture = (file: string): string => join(ROOT, 'tests/fixtures/tntp', file);

/** The error `run` throws, or undefined. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Everything `readInputFile` hands its parser: the size, the pieces read in turn, and `whole`. */
function readAll(path: string, piece: number): { size: number; bytes: Buffer; reads: number; whole: Uint8Array } {
  return readInputFile('trips', path, (reader, whole) => {
    const buffer = new Uint8Array(piece);
    const parts: Buffer[] = [];
    let reads = 0;
    for (;;) {
      const count = reader.read(buffer, 0, piece);
      reads++;
      if (count === 0) break;
      parts.push(Buffer.from(buffer.subarray(0, count)));
    }
    return { size: reader.size, bytes: Buffer.concat(parts), reads, whole: whole() };
  });
}

describe('readInputFile (cli assign reads its network and trip table with it)', () => {
  it('gives a file in pieces, its size, and its whole bytes: a large file, an empty one and a device', () => {
    const path = fixture('Anaheim_trips.tntp');
    const expected = readFileSync(path);
    const read = readAll(path, 4096);
    expect(read.size).toBe(expected.length);
    expect(read.bytes.equals(expected)).toBe(true);
    expect(read.reads).toBe(Math.ceil(expected.length / 4096) + 1);
    expect(Buffer.from(read.whole).equals(expected)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-read-'));
    try {
      writeFileSync(join(dir, 'empty.tntp'), '');
      expect(readAll(join(dir, 'empty.tntp'), 64)).toMatchObject({ size: 0, reads: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Not a regular file: read whole first, then handed over the same way.
    expect(readAll('/dev/null', 64)).toMatchObject({ size: 0, reads: 1 });
  });

  it('reads a pipe once: the parser’s whole file is the bytes its pieces came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-read-'));
    try {
      const fifo = join(dir, 'trips.fifo');
      execFileSync('mkfifo', [fifo]);
      const text = 'Origin 1\n 2 : 10;\n';
      // The writer opens the pipe once; reading it a second time would wait for a writer for ever.
      // (A writer left in the background by a shell that has already returned; it gives up after 20 s.)
      execFileSync('sh', ['-c', `(timeout 20 sh -c 'printf "%s" "$0" > "$1"' "$0" "$1" &)`, text, fifo], { stdio: 'ignore' });
      const read = readInputFile('trips', fifo, (reader, whole) => {
        const pieces = new Uint8Array(64);
        const count = reader.read(pieces, 0, 64);
        return { size: reader.size, pieces: Buffer.from(pieces.subarray(0, count)).toString(), whole: Buffer.from(whole()).toString() };
      });
      expect(read).toEqual({ size: text.length, pieces: text, whole: text });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws the InputError readBytesFile gives for a missing file or a directory', () => {
    for (const path of ['no/such_trips.tntp', join(ROOT, 'tests')]) {
      const piecewise = thrown(() => readAll(path, 64));
      const direct = thrown(() => readBytesFile('trips', path));
      expect(piecewise).toBeInstanceOf(InputError);
      expect((piecewise as Error).message).toBe((direct as Error).message);
      expect((piecewise as Error).message).toContain(`cannot read --trips file '${path}'`);
    }
  });

  it('leaves cli assign reporting each file by name: a missing trip table, and a broken network before it', () => {
    const missing = cli('assign', '--net', fixture('Braess_net.tntp'), '--trips', 'no/such_trips.tntp');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain("cannot read --trips file 'no/such_trips.tntp'");
    // The network is read first; its error is the one reported, nothing else.
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-read-'));
    try {
      const broken = join(dir, 'broken_net.tntp');
      writeFileSync(broken, '<NUMBER OF NODES> x\n<END OF METADATA>\n');
      const r = cli('assign', '--net', broken, '--trips', fixture('Anaheim_trips.tntp'));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(broken);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
