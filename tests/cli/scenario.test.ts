// `cli scenario` on the built-in Monaco: a new scenario, golden KPIs of the baseline and of an edited
// scenario, byte-identical output run to run, result files, and every way a file can be refused.
// Runs in-process through the dispatcher (main), as a spawned `npm run cli` would but without the start-up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import loadHighs from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltInCity } from '../../src/cli/city.ts';
import { main } from '../../src/cli/main.ts';
import { CityModels, type Kpis, type Scenario, checkScenario, parseScenarioText } from '../../src/core/scenario/index.ts';
import { ROOT } from './run-cli.ts';

const EDITED = join(ROOT, 'tests/fixtures/scenario/monaco-edited.json');
const V1 = join(ROOT, 'tests/fixtures/scenario/v1-monaco.json');

/** Hashes of Monaco's asset files' bytes (SHA-256, first 32 hex digits). */
const MONACO_HASHES = {
  buildings: '4c1ec83681b717b169818009a9b8b2c1',
  roads: 'e216f9a4914063a461e84c68f63e5e49',
  green: '35c41b0e0aaf3db2ae31a4055743554a',
  districts: 'bf2eb356481bad9fc40f5b5a04f2bebf',
  hydrogenModel: '7cdd7ad83715065d575df183fd1cf130',
};

/** Golden KPIs of Monaco's baseline (6 decimals, as printed). */
const BASELINE_KPIS: Kpis = {
  vkt: 27421.380552,
  vht: 1519.313531,
  meanSpeedKmh: 18.048533,
  congestedLinks: 65,
  unroutedVehPerHour: 0,
  co2e: { buildings: 36258.278956, transport: 22544.177393, sinks: -95.947321, net: 58706.509028 },
  hydrogen: { demandKgPerDay: 533.193511, deliveredKgPerDay: 533.193511, unmetKgPerDay: 0, krwPerKg: 8292.490697, kgCo2ePerKg: 5.870456, fromTraffic: true },
};

/**
 * Golden KPIs of tests/fixtures/scenario/monaco-edited.json: the baseline's three most congested links
 * closed, demand ×1.1, 30 % battery-electric cars, La Rousse retrofitted by 20 %, 5 % fuel-cell cars,
 * hydrogen supplied by least CO2.
 */
const EDITED_KPIS: Kpis = {
  vkt: 30566.979886,
  vht: 2056.449428,
  meanSpeedKmh: 14.863959,
  congestedLinks: 83,
  unroutedVehPerHour: 0,
  co2e: { buildings: 35368.003077, transport: 18471.153239, sinks: -95.947321, net: 53743.208995 },
  hydrogen: { demandKgPerDay: 457.231074, deliveredKgPerDay: 457.231074, unmetKgPerDay: 0, krwPerKg: 19221.502102, kgCo2ePerKg: 4.374448, fromTraffic: true },
};

interface StageOut { hash: string | null; seconds: number; cached: boolean }
interface Output {
  scenario: string;
  baseline: string;
  kpis: Kpis;
  baselineKpis: Kpis;
  difference: Kpis;
  stages: Record<string, StageOut>;
  baselineStages: Record<string, StageOut>;
  transportSource: string | null;
  hydrogenDemand: string | null;
  hydrogenStatus: { status: string; message: string; details: string[] } | null;
  warnings: string[];
  files?: string[];
}

async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['scenario', ...args], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;
/** Every number of a KPI object with its dotted key. */
function numbers(k: Kpis): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [key, v] of Object.entries(k)) {
    // The figures only (not hydrogen.fromTraffic, which says where the demand came from).
    if (v !== null && typeof v === 'object') {
      for (const [m, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'number') out.set(`${key}.${m}`, x);
    } else {
      out.set(key, v as number | null);
    }
  }
  return out;
}

let dir: string;
let newText: string;
let newFile: string;
let baselineOut: string;
let edited: Output;
let editedStdout: string;
let outDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citytwin-scenario-'));
  const n = await run('--new', '--name', 'Monaco today');
  expect(n.status).toBe(0);
  newText = n.stdout;
  newFile = join(dir, 'new.json');
  writeFileSync(newFile, newText);
  const b = await run('--scenario', newFile, '--no-timing');
  expect(b.stderr).toBe('');
  baselineOut = b.stdout;
  outDir = join(dir, 'out', 'edited');
  const e = await run('--scenario', EDITED, '--out-dir', outDir, '--no-timing');
  expect(e.stderr).toBe('');
  expect(e.status).toBe(0);
  editedStdout = e.stdout;
  edited = JSON.parse(e.stdout) as Output;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli scenario --new', () => {
  it("prints a valid baseline scenario naming Monaco's five layers by hash", () => {
    expect(newText.startsWith('{\n  "format": "citytwin.scenario",\n  "version": 2,\n  "name": "Monaco today",')).toBe(true);
    const parsed = parseScenarioText(newText);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const s = parsed.scenario;
    expect(s.city.name).toBe('Monaco');
    expect(Object.fromEntries(Object.entries(s.city.layers).map(([k, v]) => [k, v.hash]))).toEqual(MONACO_HASHES);
    expect(s.city.layers.districts?.name).toBe('admin.geojson');
    expect(s.traffic.closedLinks).toEqual([]);
    expect(checkScenario(s).ok).toBe(true);
  });
});

describe('cli scenario --scenario', () => {
  it("gives Monaco's baseline KPIs (golden) and reuses the baseline's stages for an unedited scenario", () => {
    const o = JSON.parse(baselineOut) as Output;
    expect(Object.keys(o)).toEqual(['scenario', 'baseline', 'kpis', 'baselineKpis', 'difference', 'stages', 'baselineStages', 'transportSource', 'hydrogenDemand', 'hydrogenStatus', 'warnings']);
    expect(o.scenario).toBe('Monaco today');
    expect(o.baseline).toBe('Baseline');
    expect(o.kpis).toEqual(BASELINE_KPIS);
    expect(o.baselineKpis).toEqual(BASELINE_KPIS);
    for (const v of numbers(o.difference).values()) expect(v).toBe(0);
    expect(Object.values(o.baselineStages).map((s) => s.cached)).toEqual([false, false, false, false]);
    expect(Object.values(o.stages).map((s) => s.cached)).toEqual([true, true, true, true]);
    expect(o.stages['traffic']!.hash).toBe('725abd852e2adb2e81e96a148c883fb0');
    expect(o.transportSource).toBe('assignment');
    expect(o.hydrogenDemand).toBe('traffic');
    expect(o.hydrogenStatus).toEqual({ status: 'optimal', message: 'optimal', details: [] });
    expect(o.warnings).toEqual([]);
  });

  it('gives the edited scenario its golden KPIs and the difference scenario − baseline', () => {
    expect(edited.scenario).toBe('Monaco: three closures, EV cars, La Rousse retrofit, FCEV cars');
    expect(edited.kpis).toEqual(EDITED_KPIS);
    expect(edited.baselineKpis).toEqual(BASELINE_KPIS);
    const k = numbers(edited.kpis);
    const b = numbers(edited.baselineKpis);
    const d = numbers(edited.difference);
    expect([...d.keys()]).toEqual([...k.keys()]);
    for (const [key, v] of d) expect(v, key).toBe(r6(k.get(key)! - b.get(key)!));
    expect(edited.difference.vkt).toBe(3145.599334);
    expect(edited.difference.co2e!.net).toBe(-4963.300033);
    // Every stage differs from the baseline's (a traffic edit reaches them all).
    expect(Object.values(edited.stages).map((s) => s.cached)).toEqual([false, false, false, false]);
    for (const st of [...Object.values(edited.stages), ...Object.values(edited.baselineStages)]) expect(st.seconds).toBe(0);
    expect(edited.hydrogenStatus!.status).toBe('optimal');
  });

  it('prints the same bytes for the same scenario (--no-timing); seconds are the only difference otherwise', async () => {
    const again = await run('--scenario', newFile, '--no-timing');
    expect(again.stdout).toBe(baselineOut);
    const timed = await run('--scenario', newFile);
    const o = JSON.parse(timed.stdout) as Output;
    expect(o.baselineStages['traffic']!.seconds).toBeGreaterThan(0);
    for (const st of [...Object.values(o.stages), ...Object.values(o.baselineStages)]) st.seconds = 0;
    expect(`${JSON.stringify(o)}\n`).toBe(baselineOut);
  });

  it('writes the results with --out-dir', () => {
    const names = ['scenario.json', 'links.csv', 'links.geojson', 'cells.csv', 'cells.geojson', 'districts.csv', 'stations.csv', 'stations.geojson', 'kpis.json'];
    expect(edited.files).toEqual(names.map((f) => join(outDir, f)));
    expect(readFileSync(join(outDir, 'kpis.json'), 'utf8')).toBe(editedStdout);
    // The scenario as run, in canonical form (sorted keys), equal to the fixture.
    const written = readFileSync(join(outDir, 'scenario.json'), 'utf8');
    expect(written.startsWith('{"carbon":{')).toBe(true);
    const fixture = parseScenarioText(readFileSync(EDITED, 'utf8'));
    expect(parseScenarioText(written)).toEqual(fixture);
    // One CSV row per road link (zone connectors left out).
    const view = new CityModels(loadBuiltInCity('monaco').inputs, () => loadHighs()).view!;
    const roadLinks = view.isConnector.reduce((n, c) => n + (c ? 0 : 1), 0);
    const links = readFileSync(join(outDir, 'links.csv'), 'utf8').split('\r\n').filter((l) => l !== '');
    expect(links[0]!.startsWith('link,name,road_class')).toBe(true);
    expect(links.length - 1).toBe(roadLinks);
    const closed = links.slice(1).filter((l) => l.endsWith(',1')).map((l) => Number(l.split(',')[0]));
    expect(closed).toEqual([876, 978, 1005]);
    const gj = JSON.parse(readFileSync(join(outDir, 'links.geojson'), 'utf8')) as { features: unknown[] };
    expect(gj.features.length).toBe(roadLinks);
    const districts = readFileSync(join(outDir, 'districts.csv'), 'utf8').split('\r\n');
    expect(districts[1]!.startsWith('0,La Rousse,')).toBe(true);
    const stations = readFileSync(join(outDir, 'stations.csv'), 'utf8').split('\r\n').filter((l) => l !== '');
    expect(stations.length).toBeGreaterThan(1);
    for (const f of ['cells.geojson', 'stations.geojson']) {
      expect((JSON.parse(readFileSync(join(outDir, f), 'utf8')) as { type: string }).type).toBe('FeatureCollection');
    }
    expect(readFileSync(join(outDir, 'cells.csv'), 'utf8').split('\r\n').length).toBeGreaterThan(10);
  });

  it('accepts a version 1 file (no layer hashes) with a warning', async () => {
    const r = await run('--scenario', V1, '--no-timing');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.scenario).toBe('Port closure (v1)');
    expect(o.warnings).toHaveLength(2);
    expect(o.warnings[0]).toMatch(/version 1 file, migrated/);
    expect(o.warnings[1]).toMatch(/names no layer hashes/);
    expect(o.kpis.vkt).toBeGreaterThan(BASELINE_KPIS.vkt!);
    expect(o.baselineKpis.vkt).toBe(BASELINE_KPIS.vkt);
    expect(o.stages['traffic']!.hash).not.toBe(o.baselineStages['traffic']!.hash);
  });

  it('reports an infeasible hydrogen supply in the output, not as a failure', async () => {
    const s = JSON.parse(newText) as Scenario;
    const none: Scenario = { ...s, name: 'No stations', hydrogen: { ...s.hydrogen, stationsRemoved: ['osm-esso', 'osm-port', 'osm-castelans', 'osm-avia', 'user-montecarlo'] } };
    const file = join(dir, 'no-stations.json');
    writeFileSync(file, JSON.stringify(none));
    // As its own baseline: one pipeline run.
    const r = await run('--scenario', file, '--baseline', file, '--no-timing');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.hydrogenStatus!.status).toBe('invalid');
    expect(o.hydrogenStatus!.details.join('\n')).toMatch(/\$\.stations/);
    expect(o.kpis.hydrogen).toBeNull();
    expect(o.difference.hydrogen).toBeNull();
    expect(o.kpis.vkt).toBe(BASELINE_KPIS.vkt);
    expect(o.kpis.co2e).not.toBeNull();
    expect(o.stages['carbonFinal']!.hash).toBe(o.stages['carbon']!.hash);
    expect(o.warnings[0]).toMatch(/baseline: the hydrogen supply has no solution/);
  });

  it('closing the link a zone depends on leaves trips without a route: a figure of its own, and a warning', async () => {
    // Boulevard du Larvotto (link 907): its 2,576 veh/h do not reroute, they have no route at all, and
    // the travel figures over the trips that remain would read as a large improvement.
    const s = JSON.parse(newText) as Scenario;
    const cut: Scenario = { ...s, name: 'Larvotto closed', traffic: { ...s.traffic, closedLinks: [907] } };
    const file = join(dir, 'larvotto.json');
    writeFileSync(file, JSON.stringify(cut));
    const r = await run('--scenario', file, '--no-timing');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.baselineKpis.unroutedVehPerHour).toBe(0);
    expect(o.kpis.unroutedVehPerHour).toBeGreaterThan(2000);
    expect(o.difference.unroutedVehPerHour).toBe(o.kpis.unroutedVehPerHour);
    expect(o.warnings).toEqual([
      `kpis: the baseline leaves 0 veh/h of demand without a route and the scenario ${o.kpis.unroutedVehPerHour}; vkt, vht, meanSpeedKmh, congestedLinks, co2e.transport, co2e.net, ` +
        // Monaco's hydrogen demand comes from the traffic, so its kilograms lose those trips too.
        `hydrogen.demandKgPerDay, hydrogen.deliveredKgPerDay, hydrogen.unmetKgPerDay count routed trips only, so their difference is not like for like`,
    ]);
    expect(o.hydrogenDemand).toBe('traffic');
  });

  it("warns that Yeouido's road network does not hold together, and Monaco's has no such warning", async () => {
    // Yeouido's extract is cut at the dong boundary: 570 of its 695 candidate road links fall outside the
    // largest strongly connected part, and the peak assignment jams (the KPIs would otherwise pass silently).
    const n = await run('--new', '--city', 'yeouido');
    const file = join(dir, 'yeouido.json');
    writeFileSync(file, n.stdout);
    const r = await run('--scenario', file, '--city', 'yeouido', '--no-timing');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.warnings).toEqual([
      'traffic: Only 125 of the 695 road links connect both ways with the rest of the network (the roads were probably cut at the edge of the data), so the speeds and transport emissions here are not reliable.',
    ]);
    expect(o.kpis.meanSpeedKmh).toBeLessThan(5);
    expect((JSON.parse(baselineOut) as Output).warnings).toEqual([]);
  });
});

describe('cli scenario errors', () => {
  it('names every bad field of a scenario file and exits 1', async () => {
    const s = JSON.parse(newText) as Record<string, Record<string, unknown>>;
    s['traffic']!['demandScale'] = 9;
    s['traffic']!['closedLinks'] = [1, 2, -1];
    s['carbon']!['cellSize'] = 30;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(s));
    const r = await run('--scenario', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--scenario file '${file}' is not a valid scenario (3 problems)`);
    for (const p of ['$.traffic.demandScale: ', '$.traffic.closedLinks[2]: ', '$.carbon.cellSize: ']) expect(r.stderr).toContain(p);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "format": "citytwin.scenario",\n  "version": 2,,\n}');
    expect((await run('--scenario', broken)).stderr).toMatch(/\$: invalid JSON at line 3, column/);
    const missing = await run('--scenario', join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read --scenario file/);
  });

  it('refuses a scenario made on other layers, naming the layer', async () => {
    const s = JSON.parse(newText) as Scenario;
    const other: Scenario = { ...s, city: { ...s.city, layers: { ...s.city.layers, green: { name: 'green.geojson', hash: '0123456789abcdef0123456789abcdef' } } } };
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify(other));
    const r = await run('--scenario', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/layer 'green' differs from the built-in city 'monaco'/);
    const { roads: _roads, ...layers } = s.city.layers;
    writeFileSync(file, JSON.stringify({ ...s, city: { ...s.city, layers } }));
    expect((await run('--scenario', file)).stderr).toMatch(/layer 'roads' differs.*names no roads layer/);
    // The baseline file is checked too.
    expect((await run('--scenario', newFile, '--baseline', file)).stderr).toMatch(/--baseline file .* layer 'roads' differs/);
  });

  it('refuses edits of links or districts the city does not have', async () => {
    const s = JSON.parse(newText) as Scenario;
    const far: Scenario = { ...s, traffic: { ...s.traffic, closedLinks: [5, 99999] }, carbon: { ...s.carbon, retrofit: { district: 6, reduction: 0.1 } } };
    const file = join(dir, 'far.json');
    writeFileSync(file, JSON.stringify(far));
    const r = await run('--scenario', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\$\.traffic\.closedLinks\[1\]: no link 99999/);
    expect(r.stderr).toMatch(/\$\.carbon\.retrofit\.district: no district 6 \(the city has 6\)/);
  });

  it('exits 2 for bad arguments', async () => {
    const unknown = await run('--scenario', EDITED, '--colour', 'red');
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    const city = await run('--new', '--city', 'atlantis');
    expect(city.status).toBe(2);
    expect(city.stderr).toMatch(/built-in: monaco/);
    expect((await run()).status).toBe(2);
    expect((await run('--new', '--scenario', EDITED)).status).toBe(2);
    expect((await run('--scenario', EDITED, '--name', 'x')).status).toBe(2);
    const help = await run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--no-timing/);
  });
});
