// The command line as `npm run build` ships it (dist/cli/bin.cjs; vite.cli.config.ts: CommonJS, one chunk
// per command, the dependencies published only as ES modules bundled in). Built here into
// dist-clitest/cli (two levels under the repository, as dist/cli is: the scenario command finds the
// built-in cities from there), every command answers as the TypeScript sources do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { ROOT, type Run, cli } from './run-cli.ts';

const OUT = join(ROOT, 'dist-clitest/cli');
const BIN = join(OUT, 'bin.cjs');
/** Packages the bundle may require() at run time: each has a CommonJS entry, so any node 20 loads it. */
const EXTERNAL_PACKAGES = ['highs', 'proj4', 'valibot'];

function built(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stdout with every "seconds" figure (wall time, which differs run to run) taken out. */
function timeless(stdout: string): string {
  return stdout.replace(/"seconds":\s*[0-9.e+-]+/g, '"seconds":0');
}

beforeAll(async () => {
  await build({ configFile: join(ROOT, 'vite.cli.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true } });
}, 120_000);

afterAll(() => {
  rmSync(join(ROOT, 'dist-clitest'), { recursive: true, force: true });
});

describe('the built command line', () => {
  it('is CommonJS that requires only node built-ins, its own chunks and packages with a CommonJS entry', () => {
    expect(existsSync(BIN)).toBe(true);
    const required = new Set<string>();
    for (const file of readdirSync(OUT)) {
      expect(file.endsWith('.cjs'), file).toBe(true);
      const text = readFileSync(join(OUT, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*import\s.+\sfrom\s/m);
      for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
        const name = m[1]!;
        if (!name.startsWith('./') && !name.startsWith('node:') && name !== 'url') required.add(name.split('/')[0]!);
      }
    }
    expect([...required].sort()).toEqual(EXTERNAL_PACKAGES);
  });

  it.each([
    ['assign', ['assign', '--net', 'tests/fixtures/tntp/SiouxFalls_net.tntp', '--trips', 'tests/fixtures/tntp/SiouxFalls_trips.tntp', '--gap', '1e-6']],
    ['carbon', ['carbon', '--buildings', 'assets/city/monaco/buildings.geojson', '--roads', 'assets/city/monaco/roads.geojson', '--green', 'assets/city/monaco/green.geojson']],
    ['hydrogen', ['hydrogen', '--model', 'assets/hydrogen/monaco.json', '--objective', 'cost']],
    ['scenario', ['scenario', '--new', '--name', 'Built']],
    ['help', ['--help']],
    ['an unknown command', ['route']],
    ['a missing file', ['assign', '--net', 'no/such_net.tntp', '--trips', 'tests/fixtures/tntp/SiouxFalls_trips.tntp']],
  ])('answers %s as the sources do', (_name, args) => {
    const a = built(...args);
    const b = cli(...args);
    expect(a.status).toBe(b.status);
    expect(a.stderr).toBe(b.stderr);
    expect(timeless(a.stdout)).toBe(timeless(b.stdout));
  });

  it('writes the same 3D Tiles as the sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-built-'));
    try {
      const args = ['tiles', '--buildings', 'assets/city/monaco/buildings.geojson', '--out'];
      const a = built(...args, join(dir, 'a'));
      const b = cli(...args, join(dir, 'b'));
      expect(a.status).toBe(0);
      expect(b.status).toBe(0);
      const files = (d: string): string[] => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(d.length)).sort();
      expect(files(join(dir, 'a'))).toEqual(files(join(dir, 'b')));
      for (const f of files(join(dir, 'a'))) expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), f).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
