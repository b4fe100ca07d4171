import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  zones: { id: string; nearestStation: string; demandKgPerDay: number; unmetKgPerDay: number; allocations: { station: string; kgPerDay: number; detourKm: number }[] }[];
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

/** The Monaco model with fuel-cell buses at the earlier 10 kg/100 km (JIVE): the demand the goldens below pin. */
const BUS10 = (() => {
  const m = JSON.parse(readFileSync(MONACO, 'utf8')) as { demand: Record<string, unknown> };
  return JSON.stringify({ ...m, demand: { ...m.demand, consumptionKgPer100Km: { bus: 10 } } });
})();

describe('cli hydrogen', () => {
  it('solves the shipped Monaco example (Elec City buses at 7.41 kg/100 km): nothing unmet either way', () => {
    const near = JSON.parse(cli('hydrogen', '--model', MONACO, '--catchment', 'nearest').stdout) as Output;
    expect(near.summary!['demandKgPerDay']).toBe(760.531);
    expect(near.unmet).toEqual([]);
    const cap = JSON.parse(cli('hydrogen', '--model', MONACO).stdout) as Output;
    expect(cap.objective.value).toBe(5_743_987.223);
    expect(cap.objective.value).toBeLessThan(near.objective.value!);
  });

  it('solves the Monaco example and prints exactly one JSON object (nearest-station catchments: the earlier golden)', () => withFile(BUS10, (model) => {
    const r = cli('hydrogen', '--model', model, '--catchment', 'nearest');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const out = JSON.parse(lines[0]!) as Output;
    expect(Object.keys(out)).toEqual(['status', 'message', 'details', 'objective', 'summary', 'flows', 'unmet', 'stations', 'zones', 'sources', 'wellToWheel', 'solver', 'assumptions']);
    expect(out.status).toBe('optimal');
    expect(out.objective).toEqual({ kind: 'cost', unit: 'KRW/day', value: 8_875_133.502 });
    const s = out.summary!;
    expect(s['demandKgPerDay']).toBe(873.093);
    expect(s['deliveredKgPerDay']! + s['unmetKgPerDay']!).toBeCloseTo(s['demandKgPerDay']!, 2);
    expect(out.unmet).toEqual([{ station: 'osm-port', kgPerDay: 34.135 }]);
    expect(out.flows.length).toBeGreaterThan(0);
    expect(out.assumptions.every((a) => a.source.length > 0)).toBe(true);
  }));

  it('capacitated catchments by default: nothing unmet, each zone\'s allocation listed; --max-detour-km narrows them', () => withFile(BUS10, (MONACO) => {
    const out = JSON.parse(cli('hydrogen', '--model', MONACO).stdout) as Output;
    expect(out.objective.value).toBe(6_431_261.05);
    expect(out.unmet).toEqual([]);
    expect(out.summary!['movedKgPerDay']).toBe(392.406);
    const condamine = out.zones.find((z) => z.id === 'La Condamine')!;
    expect(condamine).toMatchObject({ nearestStation: 'osm-port', demandKgPerDay: 220.672, unmetKgPerDay: 0 });
    expect(condamine.allocations.map((a) => a.station)).toEqual(['osm-esso', 'user-montecarlo']);
    // Within 0.3 km of detour nothing can move: the same open stations as "nearest" and the harbour's loss.
    const narrow = JSON.parse(cli('hydrogen', '--model', MONACO, '--max-detour-km', '0.3').stdout) as Output;
    expect(narrow.unmet).toEqual([{ station: 'osm-port', kgPerDay: 34.135 }]);
    expect(cli('hydrogen', '--model', MONACO, '--catchment', 'closest').stderr).toContain("--catchment must be capacitated or nearest, got 'closest'");
    expect(cli('hydrogen', '--model', MONACO, '--max-detour-km', '-1').status).toBe(2);
  }));

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
