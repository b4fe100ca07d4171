import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, readBytesFile, readBytesFileInBackground } from '../../src/cli/command.ts';
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

describe('readBytesFileInBackground (cli assign reads its trip table with it)', () => {
  it('gives the bytes readFileSync gives, for a large file and an empty one', async () => {
    const path = fixture('Anaheim_trips.tntp');
    const bytes = await readBytesFileInBackground('trips', path);
    expect(bytes.equals(readFileSync(path))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-read-'));
    try {
      writeFileSync(join(dir, 'empty.tntp'), '');
      expect((await readBytesFileInBackground('trips', join(dir, 'empty.tntp'))).length).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws at once, the InputError readBytesFile gives, for a missing file or a directory', () => {
    for (const path of ['no/such_trips.tntp', join(ROOT, 'tests')]) {
      const background = thrown(() => readBytesFileInBackground('trips', path));
      const direct = thrown(() => readBytesFile('trips', path));
      expect(background).toBeInstanceOf(InputError);
      expect((background as Error).message).toBe((direct as Error).message);
      expect((background as Error).message).toContain(`cannot read --trips file '${path}'`);
    }
  });

  it('leaves cli assign reporting each file by name: a missing trip table, and a broken network before it', () => {
    const missing = cli('assign', '--net', fixture('Braess_net.tntp'), '--trips', 'no/such_trips.tntp');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain("cannot read --trips file 'no/such_trips.tntp'");
    // The network is parsed while the trip table is read; its error is the one reported, nothing else.
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
