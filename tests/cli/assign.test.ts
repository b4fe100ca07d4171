import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, cli } from './run-cli.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import { buildNetwork, flowsByLink, parseTntpFlow, parseTntpNet } from '../../src/core/traffic/assign/index.ts';

const FIXTURES = join(ROOT, 'tests/fixtures/tntp');

const fixture = (file: string): string => join(FIXTURES, file);

describe('cli assign', () => {
  it('solves Braess and prints exactly one JSON object', () => {
    const r = cli('assign', '--net', fixture('Braess_net.tntp'), '--trips', fixture('Braess_trips.tntp'), '--gap', '1e-10');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const out = JSON.parse(lines[0]!) as Record<string, number>;
    expect(Object.keys(out)).toEqual(['objective', 'tstt', 'relativeGap', 'iterations', 'seconds', 'links', 'zones']);
    expect(out.objective).toBeCloseTo(386, 6);
    expect(out.tstt).toBeCloseTo(552, 6);
    expect(out.links).toBe(5);
    expect(out.zones).toBe(2);
  });

  it('with --timings, says where the time went phase by phase, the same answer beside it', () => {
    const args = ['assign', '--net', fixture('SiouxFalls_net.tntp'), '--trips', fixture('SiouxFalls_trips.tntp'), '--max-iter', '3'];
    const plain = JSON.parse(cli(...args).stdout) as Record<string, unknown>;
    const r = cli(...args, '--timings');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { timings: Record<string, { ms: number; pageFaults: number }> };
    expect(Object.keys(out)).toEqual([...Object.keys(plain), 'timings']);
    for (const key of ['objective', 'tstt', 'relativeGap', 'iterations', 'links', 'zones']) expect(out[key]).toBe(plain[key]);
    expect(Object.keys(out.timings)).toEqual(['start', 'network', 'trips', 'solve']);
    for (const phase of Object.values(out.timings)) {
      expect(phase.ms).toBeGreaterThan(0);
      expect(Number.isInteger(phase.pageFaults) && phase.pageFaults >= 0).toBe(true);
    }
    // The solve phase is the assignment the result's seconds time, to the rounding of both.
    expect(Math.abs(out.timings['solve']!.ms - (out['seconds'] as number) * 1000)).toBeLessThan(1);
    // Node's own start-up touches memory before any of this command's code runs.
    expect(out.timings['start']!.pageFaults).toBeGreaterThan(0);
  });

  it('solves Sioux Falls with both methods and writes a TNTP flow file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-cli-'));
    try {
      const flowsOut = join(dir, 'sf_flow.tntp');
      const netFile = fixture('SiouxFalls_net.tntp');
      const tripsFile = fixture('SiouxFalls_trips.tntp');
      const b = cli('assign', '--net', netFile, '--trips', tripsFile, '--gap', '1e-8', '--flows-out', flowsOut);
      expect(b.status).toBe(0);
      const out = JSON.parse(b.stdout) as Record<string, number>;
      expect(Math.abs(out.objective! - 4231335.287107440) / 4231335.287107440).toBeLessThan(1e-6);
      expect(out.relativeGap).toBeLessThanOrEqual(1e-8);
      expect(out.links).toBe(76);
      expect(out.zones).toBe(24);
      const net = buildNetwork(parseTntpNet(readFileSync(netFile, 'utf8'), netFile));
      const written = flowsByLink(net, parseTntpFlow(readFileSync(flowsOut, 'utf8'), flowsOut));
      const best = flowsByLink(net, parseTntpFlow(readFileSync(fixture('SiouxFalls_flow.tntp'), 'utf8'), 'best'));
      for (let a = 0; a < net.numLinks; a++) expect(Math.abs(written[a]! - best[a]!) / best[a]!).toBeLessThan(1e-3);

      const cfw = cli('assign', '--net', netFile, '--trips', tripsFile, '--method', 'cfw', '--gap', '1e-4');
      expect(cfw.status).toBe(0);
      const c = JSON.parse(cfw.stdout) as Record<string, number>;
      expect(c.relativeGap).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(c.objective! - out.objective!) / out.objective!).toBeLessThan(1e-4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and line of a broken file and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-cli-'));
    try {
      const broken = join(dir, 'broken_net.tntp');
      const lines = readFileSync(fixture('Braess_net.tntp'), 'utf8').split('\n');
      lines[11] = '\t3\t2\t1\t100\t50\t0.02\t1\t;'; // line 12: a row cut short
      writeFileSync(broken, lines.join('\n'));
      const r = cli('assign', '--net', broken, '--trips', fixture('Braess_trips.tntp'));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${broken}: line 12: expected 10 columns, got 7`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing file, bad arguments and an unknown command', () => {
    const missing = cli('assign', '--net', 'no/such_net.tntp', '--trips', fixture('Braess_trips.tntp'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read --net file 'no/such_net.tntp'");
    const badGap = cli('assign', '--net', fixture('Braess_net.tntp'), '--trips', fixture('Braess_trips.tntp'), '--gap', 'tiny');
    expect(badGap.status).toBe(2);
    expect(badGap.stderr).toContain("--gap must be a number >= 0, got 'tiny'");
    const noTrips = cli('assign', '--net', fixture('Braess_net.tntp'));
    expect(noTrips.status).toBe(2);
    expect(noTrips.stderr).toContain('missing --trips');
    const unknown = cli('route');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'route'");
    const help = cli('assign', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--flows-out');
  });
});

describe('npm run cli launcher (scripts/cli.cjs)', () => {
  it('lazy command table of the built entry names commands of main.ts, assign among them', () => {
    // bin.ts runs the CLI when imported, so read its table from the source text.
    const text = readFileSync(join(ROOT, 'src/cli/bin.ts'), 'utf8');
    const table = text.slice(text.indexOf('LAZY_COMMANDS'), text.indexOf('};'));
    const names = [...table.matchAll(/^\s{2}(\w+): async/gm)].map((m) => m[1]);
    // A command missing from the table still runs (through main.ts), only without the lazy start.
    expect(names).toContain('assign');
    for (const name of names) expect(COMMANDS.map((c) => c.name)).toContain(name);
  });

  it('gives the same result as the sources, built or not', () => {
    const args = ['assign', '--net', fixture('SiouxFalls_net.tntp'), '--trips', fixture('SiouxFalls_trips.tntp'), '--gap', '1e-6'];
    const launched = spawnSync(process.execPath, [join(ROOT, 'scripts/cli.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const source = cli(...args);
    expect(launched.status).toBe(0);
    expect(source.status).toBe(0);
    const a = JSON.parse(launched.stdout) as Record<string, number>;
    const b = JSON.parse(source.stdout) as Record<string, number>;
    expect(a.objective).toBe(b.objective);
    expect(a.iterations).toBe(b.iterations);
    expect(a.relativeGap).toBe(b.relativeGap);
    const bad = spawnSync(process.execPath, [join(ROOT, 'scripts/cli.cjs'), 'route'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command 'route'");
  });
});
