/**
 * Reading a scenario file of any version: JSON text → the current version, or every problem with its path.
 *
 * Version 1 (CityTwin's first scenario files) was flat and covered traffic and carbon only:
 * `{ "version": 1, "name", "notes"?, "city"?: string, "demandScale"?, "closedLinks"?, "lanes"?: [{link, lanes}],
 *    "fleetShift"?: {class: share}, "gridFactor"?, "cellSize"?, "basis"? }`. It had no layer hashes (the city
 * is kept by name; the viewer then cannot check the layers match) and no hydrogen part (the baseline's).
 */
import * as v from 'valibot';
import { VEHICLE_CLASS_KEYS } from '../carbon/model/index.ts';
import { BASELINE_CARBON, BASELINE_TRAFFIC, newScenario } from './defaults.ts';
import { fromValibot, jsonSyntaxIssue, scenarioIssue } from './issues.ts';
import { CELL_SIZES, SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario, type ScenarioIssue, checkScenario } from './schema.ts';

const ScenarioV1Schema = v.strictObject({
  version: v.literal(1),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  notes: v.optional(v.pipe(v.string(), v.maxLength(20000))),
  city: v.optional(v.pipe(v.string(), v.maxLength(300))),
  demandScale: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(3))),
  closedLinks: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  lanes: v.optional(v.array(v.strictObject({ link: v.pipe(v.number(), v.integer(), v.minValue(0)), lanes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)) }))),
  fleetShift: v.optional(v.record(v.picklist(VEHICLE_CLASS_KEYS), v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)))),
  gridFactor: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(2))),
  cellSize: v.optional(v.picklist(CELL_SIZES)),
  basis: v.optional(v.picklist(['ttw', 'wtw'])),
});

type ScenarioV1 = v.InferOutput<typeof ScenarioV1Schema>;

function fromV1(s: ScenarioV1): Scenario {
  const base = newScenario({ name: s.city ?? '', layers: {} }, s.name);
  return {
    ...base,
    notes: s.notes ?? '',
    traffic: {
      ...BASELINE_TRAFFIC,
      demandScale: s.demandScale ?? 1,
      closedLinks: [...new Set(s.closedLinks ?? [])].sort((a, b) => a - b),
      lanes: [...(s.lanes ?? [])].sort((a, b) => a.link - b.link),
    },
    fleet: s.fleetShift ?? {},
    carbon: { ...BASELINE_CARBON, gridTPerMWh: s.gridFactor ?? null, cellSize: s.cellSize ?? BASELINE_CARBON.cellSize, basis: s.basis ?? 'ttw' },
  };
}

export type ParsedScenario =
  | { readonly ok: true; readonly scenario: Scenario; /** The file's version when it was older. */ readonly migratedFrom?: number }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Any version's scenario (parsed JSON) → the current version, or every issue with its JSON path. */
export function parseScenario(json: unknown): ParsedScenario {
  if (!isObject(json)) return { ok: false, issues: [scenarioIssue('$', 'notObject')] };
  const version = json['version'];
  if (version === 1) {
    const r = v.safeParse(ScenarioV1Schema, json, { abortEarly: false });
    if (!r.success) return { ok: false, issues: r.issues.map(fromValibot) };
    return { ok: true, scenario: fromV1(r.output), migratedFrom: 1 };
  }
  if (typeof version === 'number' && version > SCENARIO_VERSION) {
    return { ok: false, issues: [scenarioIssue('$.version', 'newerVersion', { version, supported: SCENARIO_VERSION })] };
  }
  if (json['format'] !== SCENARIO_FORMAT && version === undefined) {
    return { ok: false, issues: [scenarioIssue('$.format', 'notScenario', { format: SCENARIO_FORMAT })] };
  }
  const r = checkScenario(json);
  return r.ok ? { ok: true, scenario: r.scenario } : r;
}

/** A scenario file's text → the current version; JSON syntax errors give their line and column. */
export function parseScenarioText(text: string): ParsedScenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [jsonSyntaxIssue(text, err)] };
  }
  return parseScenario(json);
}

/** One line per issue, for stderr and notices. */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
