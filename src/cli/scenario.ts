/**
 * `scenario`: run a scenario file on a built-in city through the coupled pipeline (traffic → carbon →
 * hydrogen → carbon with the supply's CO2e per kg) and compare it with a baseline; or print a new
 * baseline scenario. Prints one JSON object on stdout: both runs' KPIs, their difference (scenario −
 * baseline), each stage's input hash, time and whether it was reused, and where transport and hydrogen
 * demand came from. KPI figures are rounded to 6 decimals, so the same scenario gives the same bytes
 * (all but the seconds; `--no-timing` zeroes those too). `--out-dir` writes the scenario's results as
 * CSV and GeoJSON files beside the JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import loadHighs from 'highs';
import type { CarbonRun } from '../core/carbon/session/index.ts';
import { propertiesOf, propertyText } from '../core/geo/index.ts';
import { translate } from '../core/language/index.ts';
import { fragmentation } from '../core/traffic/session/index.ts';
import {
  CITY_LAYER_ROLES,
  CityModels,
  type HydrogenStage,
  type Kpis,
  type PipelineResult,
  STAGES,
  type Scenario,
  StageCache,
  type StageInfo,
  type TrafficStage,
  baselineOf,
  canonicalJson,
  cellsCsv,
  cellsGeoJson,
  checkScenario,
  computeKpis,
  diffKpis,
  districtsCsv,
  fitIssues,
  incomparableKpis,
  formatIssues,
  linksCsv,
  linksGeoJson,
  newScenario,
  parseScenarioText,
  runPipeline,
  stationsCsv,
  stationsGeoJson,
} from '../core/scenario/index.ts';
import { BUILT_IN_CITIES, type BuiltInCity, isBuiltInCity, loadBuiltInCity } from './city.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, readTextFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

const USAGE = `Usage: cli scenario --new [--city <name>] [--name <text>]
       cli scenario --scenario <json> [--baseline <json>] [--city <name>] [--out-dir <dir>] [--no-timing]

Runs a scenario file (any version; older ones are migrated) on a built-in city through the coupled
pipeline traffic -> carbon -> hydrogen -> carbon, and compares it with a baseline: the --baseline file,
else the scenario with every edit undone. Stages whose inputs match are computed once.

Options:
  --new                  print a new baseline scenario (pretty JSON) for the city, to edit and run
  --name <text>          the new scenario's name (default Baseline)
  --scenario <file>      the scenario to run, JSON
  --baseline <file>      the scenario to compare with (default: the scenario with its edits undone)
  --city <name>          built-in city: ${BUILT_IN_CITIES.join(', ')} (default monaco); the scenario's layer
                         hashes must match the city's files (a version 1 file has none: noted in warnings)
  --out-dir <dir>        also write the scenario's results: links.csv, cells.csv, districts.csv,
                         stations.csv, links.geojson, cells.geojson, stations.geojson, kpis.json (the
                         stdout object) and scenario.json (the scenario as run, canonical JSON)
  --no-timing            report every stage's seconds as 0, so the whole output is byte-stable
  -h, --help             show this help

Output (stdout, one JSON object): scenario, baseline (names), kpis and baselineKpis {vkt veh-km,
vht veh-h (PM peak hour, road links), meanSpeedKmh, congestedLinks (V/C >= 1), unroutedVehPerHour
(demand with no route, left out of the travel figures), co2e {buildings,
transport, sinks, net} t CO2e/yr, hydrogen {demandKgPerDay, deliveredKgPerDay, unmetKgPerDay, krwPerKg,
kgCo2ePerKg, fromTraffic (whether the demand came from the assigned traffic)} or null without a
solution}, difference (scenario - baseline, the same figures), stages and
baselineStages {traffic, carbon, hydrogen, carbonFinal: {hash, seconds, cached}}, transportSource
(assignment | road-class-table | none), hydrogenDemand (traffic | model), hydrogenStatus {status, message,
details}, warnings, files (with --out-dir). Numbers are rounded to 6 decimals.
Exit status: 0 done (also when the hydrogen model has no solution: see hydrogenStatus), 1 bad or
unreadable scenario file (every problem with its JSON path on stderr), layers that differ from the
city's or edits of links, zones or districts it does not have; 2 bad arguments.`;

const DEFAULT_CITY = 'monaco';

type ScenarioArgs =
  | { readonly mode: 'new'; readonly city: string; readonly name: string }
  | { readonly mode: 'run'; readonly city: string; readonly scenario: string; readonly baseline: string | undefined; readonly outDir: string | undefined; readonly timing: boolean };

const OPTIONS = {
  new: { type: 'boolean' },
  name: { type: 'string' },
  scenario: { type: 'string' },
  baseline: { type: 'string' },
  city: { type: 'string' },
  'out-dir': { type: 'string' },
  'no-timing': { type: 'boolean' },
} as const satisfies OptionSpecs;

function parse(values: OptionValues<typeof OPTIONS>): ScenarioArgs {
  const city = values.city ?? DEFAULT_CITY;
  if (!isBuiltInCity(city)) throw new UsageError(`--city '${city}' is not a built-in city (built-in: ${BUILT_IN_CITIES.join(', ')})`);
  if (values.new === true) {
    if (values.scenario !== undefined) throw new UsageError('give either --new or --scenario, not both');
    for (const o of ['baseline', 'out-dir', 'no-timing'] as const) if (values[o] !== undefined) throw new UsageError(`--${o} goes with --scenario, not --new`);
    const name = values.name ?? 'Baseline';
    if (name.trim() === '' || name.length > 200) throw new UsageError(`--name must be 1 to 200 characters, got '${name}'`);
    return { mode: 'new', city, name };
  }
  if (values.scenario === undefined) throw new UsageError('missing --scenario <json> (or --new for a new scenario)');
  if (values.name !== undefined) throw new UsageError('--name goes with --new (a scenario file has its own name)');
  return { mode: 'run', city, scenario: values.scenario, baseline: values.baseline, outDir: values['out-dir'], timing: values['no-timing'] !== true };
}

/** A number with at most 6 decimals, -0 as 0 (byte-stable output). */
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;
const r6n = (x: number | null): number | null => (x === null ? null : r6(x));

function roundKpis(k: Kpis): Kpis {
  return {
    vkt: r6n(k.vkt),
    vht: r6n(k.vht),
    meanSpeedKmh: r6n(k.meanSpeedKmh),
    congestedLinks: r6n(k.congestedLinks),
    unroutedVehPerHour: r6n(k.unroutedVehPerHour),
    co2e: k.co2e && { buildings: r6(k.co2e.buildings), transport: r6(k.co2e.transport), sinks: r6(k.co2e.sinks), net: r6(k.co2e.net) },
    hydrogen: k.hydrogen && {
      demandKgPerDay: r6(k.hydrogen.demandKgPerDay),
      deliveredKgPerDay: r6(k.hydrogen.deliveredKgPerDay),
      unmetKgPerDay: r6(k.hydrogen.unmetKgPerDay),
      krwPerKg: r6(k.hydrogen.krwPerKg),
      kgCo2ePerKg: r6(k.hydrogen.kgCo2ePerKg),
      // Where the demand came from: in the scenario's and the baseline's figures, not in their difference.
      ...(k.hydrogen.fromTraffic !== undefined ? { fromTraffic: k.hydrogen.fromTraffic } : {}),
    },
  };
}

/** Reads and migrates the scenario file given to `--<option>`; every problem goes into the InputError. */
function readScenario(option: string, path: string): { scenario: Scenario; migratedFrom: number | undefined } {
  const parsed = parseScenarioText(readTextFile(option, path));
  if (!parsed.ok) {
    const n = parsed.issues.length;
    throw new InputError(`--${option} file '${path}' is not a valid scenario (${n} problem${n === 1 ? '' : 's'}):\n${indent(formatIssues(parsed.issues))}`);
  }
  return { scenario: parsed.scenario, migratedFrom: parsed.migratedFrom };
}

const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');

/**
 * The scenario on the built-in city: its layer hashes must be the city's (InputError naming the layer
 * otherwise). A scenario that names no layers at all (a version 1 file) takes the city's, with a warning.
 */
function onCity(option: string, path: string, s: Scenario, migratedFrom: number | undefined, city: BuiltInCity, warnings: string[]): Scenario {
  const who = option === 'scenario' ? 'scenario' : 'baseline';
  if (migratedFrom !== undefined) warnings.push(`${who}: a version ${migratedFrom} file, migrated to the current version`);
  const named = CITY_LAYER_ROLES.filter((role) => s.city.layers[role] !== undefined);
  if (named.length === 0) {
    warnings.push(`${who}: names no layer hashes, so it was run on the built-in city '${city.id}' without checking that it was made for it`);
    if (s.city.name !== '' && s.city.name.toLowerCase() !== city.city.name.toLowerCase()) {
      warnings.push(`${who}: made for the city '${s.city.name}', run on '${city.city.name}'`);
    }
    return { ...s, city: city.city };
  }
  for (const role of CITY_LAYER_ROLES) {
    const mine = s.city.layers[role];
    const theirs = city.city.layers[role];
    if (mine?.hash === theirs?.hash) continue;
    const why = !mine
      ? `the scenario names no ${role} layer but the city has ${theirs!.name} (${theirs!.hash})`
      : !theirs
        ? `the scenario names ${role} layer ${mine.name} (${mine.hash}) but the city has none`
        : `the scenario's ${mine.name} has hash ${mine.hash}, the city's ${theirs.name} has ${theirs.hash}`;
    throw new InputError(`--${option} file '${path}': layer '${role}' differs from the built-in city '${city.id}': ${why}`);
  }
  if (s.city.profile === undefined && city.city.profile !== undefined) {
    warnings.push(`${who}: names no city profile, so the city's own (${city.city.profile}) was used`);
    return { ...s, city: { ...s.city, profile: city.city.profile } };
  }
  return s;
}

type Result = PipelineResult<TrafficStage, CarbonRun, HydrogenStage>;

/** Throws an InputError listing the edits that point at links, zones or districts the city lacks. */
function checkFits(option: string, path: string, s: Scenario, models: CityModels): void {
  const view = models.view;
  const issues = fitIssues(s, { links: view?.linkCount ?? null, zones: view?.zones.count ?? null, districts: models.districtCount });
  if (issues.length > 0) {
    throw new InputError(`--${option} file '${path}' does not fit the city (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${indent(formatIssues(issues))}`);
  }
}

async function runOne(option: string, path: string, s: Scenario, models: CityModels, cache: StageCache): Promise<Result> {
  try {
    return await runPipeline(s, models.runners(), cache);
  } catch (error) {
    throw new InputError(`--${option} file '${path}': the run failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function kpisOf(r: Result, models: CityModels): Kpis {
  const t = r.traffic?.run;
  return computeKpis({
    traffic: t ? { summary: t.summary, flows: t.flows, capacity: t.capacity } : null,
    isConnector: models.view?.isConnector ?? null,
    carbon: r.carbon,
    hydrogen: r.hydrogen ? { ...r.hydrogen.result, demand: r.hydrogen.demand } : null,
  });
}

function stagesOf(r: Result, timing: boolean): Record<string, StageInfo> {
  const out: Record<string, StageInfo> = {};
  for (const name of STAGES) {
    const st = r.stages[name];
    out[name] = { hash: st.hash, seconds: timing ? r6(st.seconds) : 0, cached: st.cached };
  }
  return out;
}

function writeOut(dir: string, name: string, text: string, files: string[]): void {
  const path = join(dir, name);
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new InputError(`cannot write '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  files.push(path);
}

/** Writes every result file but kpis.json (written last, once the summary is complete). */
function writeResults(dir: string, s: Scenario, r: Result, models: CityModels, city: BuiltInCity, files: string[]): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`cannot create --out-dir '${dir}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const frame = city.inputs.frame;
  const view = models.view;
  const roads = city.inputs.roads;
  const linkName = (l: number): string => {
    const f = view?.sourceFeature[l] ?? -1;
    return f >= 0 ? propertyText(propertiesOf(roads[f])['name']) : '';
  };
  const empty = { type: 'FeatureCollection', features: [] };
  const json = (x: unknown): string => `${JSON.stringify(x)}\n`;
  writeOut(dir, 'scenario.json', `${canonicalJson(s)}\n`, files);
  const run = r.traffic?.run;
  writeOut(dir, 'links.csv', view && run ? linksCsv(view, run, linkName) : '', files);
  writeOut(dir, 'links.geojson', json(view && run ? linksGeoJson(view, run, frame, linkName) : empty), files);
  writeOut(dir, 'cells.csv', r.carbon ? cellsCsv(r.carbon.grid, frame) : '', files);
  writeOut(dir, 'cells.geojson', json(r.carbon ? cellsGeoJson(r.carbon.grid, frame) : empty), files);
  writeOut(dir, 'districts.csv', r.carbon?.districts ? districtsCsv(r.carbon.districts, city.districtNames) : '', files);
  const h = r.hydrogen?.result;
  writeOut(dir, 'stations.csv', h ? stationsCsv(h) : '', files);
  writeOut(dir, 'stations.geojson', json(h ? stationsGeoJson(h) : empty), files);
}

async function runScenario(a: Extract<ScenarioArgs, { mode: 'run' }>, io: CliIo): Promise<number> {
  const city = loadBuiltInCity(a.city);
  const warnings: string[] = [];
  const read = readScenario('scenario', a.scenario);
  const scenario = onCity('scenario', a.scenario, read.scenario, read.migratedFrom, city, warnings);
  let baseline: Scenario;
  if (a.baseline !== undefined) {
    const b = readScenario('baseline', a.baseline);
    baseline = onCity('baseline', a.baseline, b.scenario, b.migratedFrom, city, warnings);
  } else {
    baseline = baselineOf(scenario);
  }

  // HiGHS (WebAssembly) is loaded once and shared by the scenario's and the baseline's hydrogen stages.
  let highs: ReturnType<typeof loadHighs> | undefined;
  const models = new CityModels(city.inputs, () => (highs ??= loadHighs()));
  const baselineOption = a.baseline !== undefined ? 'baseline' : 'scenario';
  checkFits('scenario', a.scenario, scenario, models);
  checkFits(baselineOption, a.baseline ?? a.scenario, baseline, models);
  const cache = new StageCache();
  // The baseline first: the scenario's stages whose inputs match it are served from the cache.
  const base = await runOne(baselineOption, a.baseline ?? a.scenario, baseline, models, cache);
  const result = await runOne('scenario', a.scenario, scenario, models, cache);

  const baselineKpis = roundKpis(kpisOf(base, models));
  const kpis = roundKpis(kpisOf(result, models));
  const h = result.hydrogen?.result;
  const bh = base.hydrogen?.result;
  if (bh && bh.solution === null) warnings.push(`baseline: the hydrogen supply has no solution (${bh.status}): ${bh.message}`);
  const split = models.view ? fragmentation(models.view.stats) : null;
  if (split) {
    // The panel's wording of the same fact (its English message), so the two never drift apart.
    warnings.push(`traffic: ${translate('en', 'traffic.fragmented', { kept: split.kept, total: split.total })}`);
  }
  const incomparable = incomparableKpis(baselineKpis, kpis);
  if (incomparable.length > 0) {
    warnings.push(
      `kpis: the baseline leaves ${baselineKpis.unroutedVehPerHour} veh/h of demand without a route and the scenario ${kpis.unroutedVehPerHour}; ` +
        `${incomparable.join(', ')} count routed trips only, so their difference is not like for like`,
    );
  }
  const files: string[] = [];
  if (a.outDir !== undefined) writeResults(a.outDir, scenario, result, models, city, files);
  const out = {
    scenario: scenario.name,
    baseline: baseline.name,
    kpis,
    baselineKpis,
    difference: roundKpis(diffKpis(baselineKpis, kpis)),
    stages: stagesOf(result, a.timing),
    baselineStages: stagesOf(base, a.timing),
    transportSource: result.carbon?.transportSource ?? null,
    hydrogenDemand: result.hydrogen?.demand ?? null,
    hydrogenStatus: h ? { status: h.status, message: h.message, details: h.details } : null,
    warnings,
    ...(a.outDir !== undefined ? { files: [...files, join(a.outDir, 'kpis.json')] } : {}),
  };
  const text = `${JSON.stringify(out)}\n`;
  if (a.outDir !== undefined) writeOut(a.outDir, 'kpis.json', text, []);
  io.out(text);
  return EXIT_OK;
}

async function run(parsed: ScenarioArgs, io: CliIo): Promise<number> {
  if (parsed.mode === 'new') {
    const s = newScenario(loadBuiltInCity(parsed.city).city, parsed.name);
    const checked = checkScenario(s);
    if (!checked.ok) throw new UsageError(formatIssues(checked.issues));
    io.out(`${JSON.stringify(s, null, 2)}\n`);
    return EXIT_OK;
  }
  return runScenario(parsed, io);
}

export const scenarioCommand: Command = defineCommand({
  name: 'scenario',
  summary: 'run a scenario file on a built-in city (traffic, carbon, hydrogen) against its baseline',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
