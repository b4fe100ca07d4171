import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli } from './run-cli.ts';

const MONACO = join(ROOT, 'assets/hydrogen/monaco.json');

interface Output {
  status: string;
  message: string;
  details: string[];
  objective: { kind: string; unit: string; value: number | null };
  summary: Record<string, number> | null;
  flows: { source: string; station: string; mode: string; kgPerDay: number }[];
  unmet: { station: string; kgPerDay: number }[];
  assumptions: { key: string; source: string }[];
}

function withFile<T>(text: string, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'citytwin-h2-'));
  try {
    const path = join(dir, 'model.json');
    writeFileSync(path, text);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cli hydrogen', () => {
  it('solves the Monaco example and prints exactly one JSON object', () => {
    const r = cli('hydrogen', '--model', MONACO);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const out = JSON.parse(lines[0]!) as Output;
    expect(Object.keys(out)).toEqual(['status', 'message', 'details', 'objective', 'summary', 'flows', 'unmet', 'stations', 'sources', 'wellToWheel', 'solver', 'assumptions']);
    expect(out.status).toBe('optimal');
    expect(out.objective).toEqual({ kind: 'cost', unit: 'KRW/day', value: 8_875_133.502 });
    const s = out.summary!;
    expect(s['demandKgPerDay']).toBe(873.093);
    expect(s['deliveredKgPerDay']! + s['unmetKgPerDay']!).toBeCloseTo(s['demandKgPerDay']!, 2);
    expect(out.unmet).toEqual([{ station: 'osm-port', kgPerDay: 34.135 }]);
    expect(out.flows.length).toBeGreaterThan(0);
    expect(out.assumptions.every((a) => a.source.length > 0)).toBe(true);
  });

  it('--objective co2 gives a cleaner, dearer supply', () => {
    const cost = JSON.parse(cli('hydrogen', '--model', MONACO).stdout) as Output;
    const co2 = JSON.parse(cli('hydrogen', '--model', MONACO, '--objective', 'co2').stdout) as Output;
    expect(co2.objective.kind).toBe('co2');
    expect(co2.objective.unit).toBe('kg CO2e/day');
    expect(co2.summary!['kgCo2ePerKgDelivered']).toBeLessThan(cost.summary!['kgCo2ePerKgDelivered']!);
    expect(co2.summary!['totalKrwPerDay']).toBeGreaterThan(cost.summary!['totalKrwPerDay']!);
  });

  it('exits 1 with every error and its JSON path for a malformed model', () => {
    const bad = { version: 1, stations: [{ id: 'A', xy: [0, 0], capacityKgPerDay: -5, status: 'existing' }], sources: [{ id: 'S', type: 'smr', capacityKgPerDay: 10 }] };
    const r = withFile(JSON.stringify(bad), (p) => cli('hydrogen', '--model', p));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is not a valid hydrogen model (2 errors):');
    expect(r.stderr).toContain('  $.stations[0].capacityKgPerDay: must be a number ≥ 0 (got -5)\n');
    expect(r.stderr).toContain('  $.sources[0]: must have exactly one of lonLat, xy, outsideMap (has none)\n');
  });

  it('exits 1 with the line and column of broken JSON', () => {
    const r = withFile('{\n  "version": 1,\n  "stations": [,]\n}', (p) => cli('hydrogen', '--model', p));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/model\.json':3:\d+: not valid JSON/);
  });

  it('exits 3 with the explanation in the JSON when the model is infeasible', () => {
    const m = {
      version: 1,
      unmet: { allowed: false },
      stations: [{ id: 'A', xy: [0, 0], capacityKgPerDay: 3000, status: 'existing', demandKgPerDay: 4200 }],
      sources: [{ id: 'S', type: 'smr', xy: [0, 0], capacityKgPerDay: 10_000 }],
    };
    const r = withFile(JSON.stringify(m), (p) => cli('hydrogen', '--model', p));
    expect(r.status).toBe(3);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.status).toBe('infeasible');
    expect(out.message).toBe("infeasible: stations' capacity 3,000 kg/day < demand 4,200 kg/day and unmet demand is not allowed");
    expect(out.objective.value).toBeNull();
    expect(r.stderr).toBe(`hydrogen: ${out.message}\n`);
  });

  it('rejects bad options with exit 2', () => {
    expect(cli('hydrogen').status).toBe(2);
    const r = cli('hydrogen', '--model', MONACO, '--objective', 'cheap');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--objective must be cost, co2 or weighted, got 'cheap'");
    expect(cli('hydrogen', '--model', MONACO, '--fcev-share', 'car=2').status).toBe(2);
  });
});
