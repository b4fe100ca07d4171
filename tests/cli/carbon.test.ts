import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli } from './run-cli.ts';

const MONACO = join(ROOT, 'assets/city/monaco');

const file = (name: string): string => join(MONACO, `${name}.geojson`);

interface Output {
  unit: string;
  totals: Record<string, number>;
  grid: Record<string, number>;
  counts: Record<string, unknown>;
  transportNote: string;
  transportSource: string;
  profile: { id: string; matched: boolean };
  assignment?: { iterations: number; relativeGap: number; zones: number };
  districts?: { name: string; net: number }[];
  assumptions: { key: string; value: unknown; unit: string; source: string }[];
}

describe('cli carbon', () => {
  it('maps Monaco and prints exactly one JSON object with totals, cells and assumptions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-carbon-'));
    try {
      const gridOut = join(dir, 'grid.geojson');
      const r = cli('carbon', '--buildings', file('buildings'), '--roads', file('roads'), '--green', file('green'), '--districts', file('admin'), '--cell', '50', '--grid-out', gridOut);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.length).toBe(1);
      const out = JSON.parse(lines[0]!) as Output;
      expect(Object.keys(out)).toEqual(['unit', 'totals', 'grid', 'counts', 'skipped', 'profile', 'transportSource', 'transportNote', 'assignment', 'districts', 'seconds', 'assumptions']);
      // Monaco lies in Monaco: its own profile; transport from the city's own assignment of its trip table.
      expect(out.profile).toEqual({ id: 'MC', matched: true });
      expect(out.transportSource).toBe('assignment');
      expect(out.assignment!.relativeGap).toBeLessThanOrEqual(1e-4);
      expect(out.assignment!.zones).toBeGreaterThan(56); // internal zones and the gates where main roads leave the data
      expect(out.unit).toBe('t CO2e/yr');
      const t = out.totals;
      expect(t['buildings']).toBeGreaterThan(0);
      expect(t['transport']).toBeGreaterThan(0);
      expect(t['transportWtw']).toBeGreaterThan(t['transportTtw']!);
      expect(t['sinks']).toBeLessThan(0);
      expect(t['net']).toBeCloseTo(t['buildings']! + t['transport']! + t['sinks']!, 2);
      expect(out.grid['cellSize']).toBe(50);
      expect(out.grid['cells']).toBe(out.grid['nx']! * out.grid['ny']!);
      expect(out.transportNote).toMatch(/the city's own peak-hour assignment of its trip table/);
      expect(out.districts!.map((d) => d.name)).toContain('Monte-Carlo');
      expect(out.districts!.reduce((s, d) => s + d.net, 0)).toBeCloseTo(t['net']!, 1);
      const keys = out.assumptions.map((a) => a.key);
      expect(keys).toContain('building.factor.electricity');
      expect(keys).toContain('transport.curve.pc_petrol_euro4_1.4-2.0');
      expect(out.assumptions.find((a) => a.key === 'building.region')!.source).not.toMatch(/override/);
      expect(out.assumptions.find((a) => a.key === 'building.factor.electricity')).toMatchObject({ value: 0.055 });
      const grid = JSON.parse(readFileSync(gridOut, 'utf8')) as { type: string; features: { properties: { net: number } }[] };
      expect(grid.type).toBe('FeatureCollection');
      expect(grid.features.length).toBe(out.grid['nonEmptyCells']);
      expect(grid.features.reduce((s, f) => s + f.properties.net, 0)).toBeCloseTo(t['net']!, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies what-ifs from the command line', () => {
    const base = JSON.parse(cli('carbon', '--buildings', file('buildings'), '--roads', file('roads'), '--cell', '250', '--transport', 'table').stdout) as Output;
    expect(base.transportSource).toBe('road-class-table');
    expect(base.transportNote).toMatch(/typical daily volume of its class/);
    expect(base.assumptions.find((a) => a.key === 'transport.aadt.primary')).toMatchObject({ value: 17_000 });
    const ev = JSON.parse(cli('carbon', '--buildings', file('buildings'), '--roads', file('roads'), '--cell', '250', '--transport', 'table', '--fleet-shift', 'car_bev=0.4', '--grid-factor', '0.02').stdout) as Output;
    expect(ev.totals['transportTtw']).toBeLessThan(base.totals['transportTtw']!);
    expect(ev.totals['buildings']).toBeLessThan(base.totals['buildings']!);
    expect(ev.assumptions.find((a) => a.key === 'building.factor.electricity')!.value).toBe(0.02);
    // Korea's profile on Monaco's data: the Korean grid factor raises the buildings' emissions.
    const kr = JSON.parse(cli('carbon', '--buildings', file('buildings'), '--cell', '250', '--profile', 'KR').stdout) as Output;
    expect(kr.profile).toEqual({ id: 'KR', matched: true });
    expect(kr.totals['buildings']).toBeGreaterThan(base.totals['buildings']! * 2);
    expect(cli('carbon', '--buildings', file('buildings'), '--profile', 'FR').stderr).toMatch(/--profile must be one of KR, MC, got 'FR'/);
    expect(cli('carbon', '--buildings', file('buildings'), '--transport', 'table').stderr).toMatch(/--transport table needs --roads/);
    const noTraffic = JSON.parse(cli('carbon', '--buildings', file('buildings')).stdout) as Output;
    expect(noTraffic.totals['transport']).toBe(0);
    expect(noTraffic.transportNote).toMatch(/no --roads given/);
    expect(noTraffic.transportSource).toBe('none');
    expect(noTraffic.grid['cellSize']).toBe(100);
  });

  it('names a broken or wrong file and exits 1; bad arguments exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-carbon-'));
    try {
      const broken = join(dir, 'broken.geojson');
      writeFileSync(broken, '{"type": "FeatureCollection", "features": [\n  {"type": "Feature",\n');
      const r = cli('carbon', '--buildings', broken);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--buildings file '${broken}': invalid JSON`);

      const missing = join(dir, 'nope.geojson');
      const m = cli('carbon', '--buildings', file('buildings'), '--green', missing);
      expect(m.status).toBe(1);
      expect(m.stderr).toContain(`cannot read --green file '${missing}'`);

      // Road lines given as buildings: nothing readable.
      const w = cli('carbon', '--buildings', file('roads'));
      expect(w.status).toBe(1);
      expect(w.stderr).toContain(`--buildings file '${file('roads')}' has no readable Polygon/MultiPolygon features`);
      expect(w.stderr).toContain('expected Polygon or MultiPolygon, found LineString');

      expect(cli('carbon').status).toBe(2);
      const cell = cli('carbon', '--buildings', file('buildings'), '--cell', '0');
      expect(cell.status).toBe(2);
      expect(cell.stderr).toContain('--cell must be a number > 0');
      const shift = cli('carbon', '--buildings', file('buildings'), '--fleet-shift', 'car_bev=0.8,car_fcev=0.5');
      expect(shift.status).toBe(2);
      expect(shift.stderr).toContain('fleet shift shares must sum to at most 1, got 1.3');
      const cls = cli('carbon', '--buildings', file('buildings'), '--fleet-shift', 'tram=0.1');
      expect(cls.status).toBe(2);
      expect(cls.stderr).toContain('--fleet-shift takes class=share pairs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help', () => {
    const r = cli('carbon', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: cli carbon --buildings <geojson>');
  });
});
