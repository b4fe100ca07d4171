/**
 * Solving the supply network with HiGHS. The solver is injected (`HighsLike`, which the `highs`
 * package's loaded runtime satisfies), so node and a Web Worker each load the WebAssembly their own
 * way. Nothing here throws: bad JSON, infeasible or unbounded models and solver failures all come back
 * as a `HydrogenResult` whose `message` and `details` say which group of constraints is at fault.
 */
import type { ModelData } from 'highs';
import type { Assumption } from '../carbon/model/index.ts';
import { formulate } from './formulate.ts';
import type { Formulation } from './formulate.ts';
import type { HydrogenModel, ModelOverrides, ObjectiveKind } from './model.ts';
import { applyOverrides, buildNetwork } from './network.ts';
import type { Network } from './network.ts';
import { readSolution } from './results.ts';
import type { HydrogenSolution } from './results.ts';
import { validateModel } from './validate.ts';
import type { ValidationError } from './validate.ts';

/** The part of a HiGHS model instance this module uses. */
export interface HighsModelLike {
  readonly options: { set(values: Readonly<Record<string, boolean | number | string>>): unknown };
  run(): unknown;
  getModelStatus(): number;
  getSolution(): { readonly colValue: ArrayLike<number> };
  getObjectiveValue(): number;
  dispose(): void;
}

/** The part of the loaded `highs` runtime this module uses (`await loadHighs()` satisfies it). */
export interface HighsLike {
  readonly infinity: number;
  createModel(data: ModelData): HighsModelLike;
}

/** Loads a HiGHS runtime (node: `() => loadHighs()`; worker: with `locateFile` pointing at the wasm). */
export type HighsLoader = () => Promise<HighsLike>;

/** HiGHS model status codes (highs.constants.modelStatus). */
export const HIGHS_STATUS: Readonly<Record<number, string>> = {
  0: 'not set', 1: 'load error', 2: 'model error', 3: 'presolve error', 4: 'solve error', 5: 'postsolve error', 6: 'empty',
  7: 'optimal', 8: 'infeasible', 9: 'unbounded or infeasible', 10: 'unbounded', 11: 'objective bound reached',
  12: 'objective target reached', 13: 'time limit reached', 14: 'iteration limit reached', 15: 'unknown',
  16: 'solution limit reached', 17: 'interrupted',
};

export type HydrogenStatus = 'optimal' | 'time_limit' | 'infeasible' | 'unbounded' | 'error' | 'invalid';

export interface ObjectiveValue {
  readonly kind: ObjectiveKind;
  /** KRW/day (cost, weighted) or kg CO2e/day (co2). */
  readonly unit: string;
  /** Includes unmet-demand penalties and fixed station costs; null without a solution. */
  readonly value: number | null;
}

export interface SolverStats {
  readonly seconds: number;
  readonly arcs: number;
  readonly columns: number;
  readonly rows: number;
  readonly integers: number;
  readonly mip: boolean;
  /** HiGHS model status code and its name, or null when HiGHS was not run. */
  readonly highsStatus: number | null;
  readonly highsStatusText: string;
}

export interface HydrogenResult {
  readonly status: HydrogenStatus;
  /** One sentence for people: what happened and, when it failed, why. */
  readonly message: string;
  /** One line per constraint group (or validation error) at fault; empty when optimal. */
  readonly details: readonly string[];
  readonly objective: ObjectiveValue;
  /** Present when HiGHS found a solution (optimal, or the best one when the time limit was hit). */
  readonly solution: HydrogenSolution | null;
  /** Validation errors (status 'invalid'), each with its JSON path. */
  readonly errors: readonly ValidationError[];
  /** The network as built (positions, demand, arcs); null when the model was invalid. */
  readonly network: Network | null;
  readonly assumptions: readonly Assumption[];
  readonly solver: SolverStats;
}

/** 4200 → "4,200"; 12.345 → "12.3". Deterministic (no locale). */
export function fmtKg(v: number): string {
  const r = Math.round(v * 10) / 10;
  const [int, frac] = Math.abs(r).toFixed(1).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${r < 0 ? '-' : ''}${grouped}${frac === '0' ? '' : `.${frac}`}`;
}

const unitOf = (kind: ObjectiveKind): string => (kind === 'co2' ? 'kg CO2e/day' : 'KRW/day');

function stats(f: Formulation | null, net: Network | null, seconds: number, code: number | null): SolverStats {
  return {
    seconds,
    arcs: net?.arcs.length ?? 0,
    columns: f?.data.numCols ?? 0,
    rows: f?.data.numRows ?? 0,
    integers: f?.integers ?? 0,
    mip: (f?.integers ?? 0) > 0,
    highsStatus: code,
    highsStatusText: code === null ? 'not run' : (HIGHS_STATUS[code] ?? `status ${code}`),
  };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reasons the model cannot be feasible without unmet demand that need no solver: totals first (all
 * stations' capacity, all sources' capacity against demand), then station by station (catchment
 * "nearest") or demand unit by unit, against the stations it may use ("capacitated").
 */
export function feasibilityChecks(net: Network): string[] {
  const totals: string[] = [];
  const each: string[] = [];
  const reach = new Set<number>();
  for (const a of net.arcs) reach.add(a.station);
  const capacitated = net.catchment.mode === 'capacitated';
  let demand = 0;
  let stationCap = 0;
  for (let j = 0; j < net.stations.length; j++) {
    const s = net.stations[j]!;
    demand += s.demandKgPerDay;
    stationCap += s.capacityKgPerDay;
    if (capacitated) continue;
    if (s.demandKgPerDay > s.capacityKgPerDay) {
      each.push(`station ${s.id}: demand ${fmtKg(s.demandKgPerDay)} kg/day > capacity ${fmtKg(s.capacityKgPerDay)} kg/day`);
    }
    if (s.demandKgPerDay > 0 && !reach.has(j)) {
      each.push(`station ${s.id}: demand ${fmtKg(s.demandKgPerDay)} kg/day but no source can reach it (no delivery mode shared by a source and this station within the mode's range)`);
    }
  }
  if (capacitated) {
    for (const z of net.zones) {
      if (!(z.demandKgPerDay > 0)) continue;
      let cap = 0;
      for (const o of z.options) cap += net.stations[o.station]!.capacityKgPerDay;
      const reached = z.options.some((o) => reach.has(o.station));
      if (z.atStation) {
        // A station's own demand can only be served there: the same words as with "nearest".
        if (z.demandKgPerDay > cap) each.push(`station ${z.id}: demand ${fmtKg(z.demandKgPerDay)} kg/day > capacity ${fmtKg(cap)} kg/day`);
        if (!reached) each.push(`station ${z.id}: demand ${fmtKg(z.demandKgPerDay)} kg/day but no source can reach it (no delivery mode shared by a source and this station within the mode's range)`);
        continue;
      }
      const within = `the stations within a ${fmtKg(net.catchment.maxDetourKm)} km detour (${z.options.map((o) => net.stations[o.station]!.id).join(', ')})`;
      if (z.demandKgPerDay > cap) each.push(`zone ${z.id}: demand ${fmtKg(z.demandKgPerDay)} kg/day > capacity ${fmtKg(cap)} kg/day of ${within}`);
      if (!reached) each.push(`zone ${z.id}: demand ${fmtKg(z.demandKgPerDay)} kg/day but no source can reach ${within} (no delivery mode shared by a source and one of them within the mode's range)`);
    }
  }
  if (stationCap < demand) totals.push(`stations' capacity ${fmtKg(stationCap)} kg/day < demand ${fmtKg(demand)} kg/day`);
  let supply = 0;
  for (const s of net.sources) supply += s.capacityKgPerDay;
  if (supply < demand) totals.push(`sources' capacity ${fmtKg(supply)} kg/day < demand ${fmtKg(demand)} kg/day`);
  return [...totals, ...each];
}

/** Runs HiGHS on a formulation; returns the status code and the primal values (or throws). */
function runHighs(highs: HighsLike, f: Formulation, net: Network): { code: number; x: ArrayLike<number> | null; objective: number } {
  const model = highs.createModel(f.data);
  try {
    model.options.set({
      output_flag: false,
      time_limit: net.timeLimitS,
      mip_rel_gap: net.mipRelGap,
      random_seed: 0,
      // The RINS and RENS sub-MIP heuristics took most of the time on small station-choice models in the
      // WebAssembly build (seconds for 10 binaries) and gained nothing measurable on the 200-station bench.
      mip_heuristic_run_rins: false,
      mip_heuristic_run_rens: false,
    });
    model.run();
    const code = model.getModelStatus();
    const feasible = code === 7 || code === 13 || code === 14 || code === 16 || code === 17;
    const x = feasible ? Float64Array.from(model.getSolution().colValue) : null;
    return { code, x, objective: model.getObjectiveValue() };
  } finally {
    model.dispose();
  }
}

/**
 * When HiGHS proves infeasibility, finds how much can be delivered at all: the same network with every
 * candidate open, unmet demand allowed at 1 per kg and every other cost 0. Its unmet demand is the
 * shortfall, by station.
 */
function explainInfeasible(highs: HighsLike, net: Network): string[] {
  const relaxed: Network = {
    ...net,
    objective: 'cost',
    stationChoice: false,
    integerTrips: false,
    unmetAllowed: true,
    unmetPenaltyKrwPerKg: 1,
    stations: net.stations.map((s) => ({ ...s, fixedCostKrwPerDay: 0 })),
    zones: net.zones.map((z) => ({ ...z, options: z.options.map((o) => ({ ...o, krwPerKg: 0, kgCo2ePerKg: 0 })) })),
    arcs: net.arcs.map((a) => ({ ...a, krwPerKg: 0, krwPerTrip: 0 })),
  };
  const f = formulate(relaxed, highs.infinity);
  const r = runHighs(highs, f, relaxed);
  if (r.x === null) return [`HiGHS could not solve the diagnostic model either (${HIGHS_STATUS[r.code] ?? r.code})`];
  const sol = readSolution(relaxed, f, r.x);
  const short = sol.stations.filter((s) => s.unmetKgPerDay > 1e-6);
  if (short.length === 0) return ['HiGHS reports the model infeasible, but every kg can be delivered when trips are fractional: check the trailer payloads (integer trips)'];
  const list = short.slice(0, 8).map((s) => `${s.id} ${fmtKg(s.unmetKgPerDay)} kg/day`).join(', ');
  return [
    `the sources can deliver at most ${fmtKg(sol.summary.deliveredKgPerDay)} kg/day of the ${fmtKg(sol.summary.demandKgPerDay)} kg/day demanded through the allowed delivery modes (short at ${list}${short.length > 8 ? `, and ${short.length - 8} more stations` : ''})`,
  ];
}

/** Solves a built network. Never throws. */
export function solveNetwork(net: Network, highs: HighsLike): HydrogenResult {
  const t0 = performance.now();
  const secs = (): number => (performance.now() - t0) / 1000;
  const objective = (value: number | null): ObjectiveValue => ({ kind: net.objective, unit: unitOf(net.objective), value });
  const base = { errors: [] as const, network: net, assumptions: net.assumptions };

  if (!net.unmetAllowed) {
    const reasons = feasibilityChecks(net);
    if (reasons.length > 0) {
      return {
        ...base,
        status: 'infeasible',
        message: `infeasible: ${reasons[0]} and unmet demand is not allowed`,
        details: reasons,
        objective: objective(null),
        solution: null,
        solver: stats(null, net, secs(), null),
      };
    }
  }

  let f: Formulation;
  let r: { code: number; x: ArrayLike<number> | null; objective: number };
  try {
    f = formulate(net, highs.infinity);
    r = runHighs(highs, f, net);
  } catch (e) {
    return {
      ...base,
      status: 'error',
      message: `solver error: ${errorText(e)}`,
      details: [`HiGHS failed while loading or solving the model: ${errorText(e)}`],
      objective: objective(null),
      solution: null,
      solver: stats(null, net, secs(), null),
    };
  }

  const code = r.code;
  if (code === 7 && r.x) {
    return { ...base, status: 'optimal', message: 'optimal', details: [], objective: objective(r.objective), solution: readSolution(net, f, r.x), solver: stats(f, net, secs(), code) };
  }
  if (r.x && (code === 13 || code === 14 || code === 16 || code === 17)) {
    return {
      ...base,
      status: 'time_limit',
      message: `stopped before proving optimality (${HIGHS_STATUS[code]}): the best solution found is shown`,
      details: [`HiGHS stopped after ${net.timeLimitS} s or its iteration limit; raise solver.timeLimitS or loosen solver.mipRelGap`],
      objective: objective(r.objective),
      solution: readSolution(net, f, r.x),
      solver: stats(f, net, secs(), code),
    };
  }
  if (code === 8 || code === 9) {
    let details: string[];
    try {
      details = explainInfeasible(highs, net);
    } catch (e) {
      details = [`the diagnostic solve failed: ${errorText(e)}`];
    }
    const why = net.unmetAllowed ? '' : ' and unmet demand is not allowed';
    return { ...base, status: 'infeasible', message: `infeasible: ${details[0]}${why}`, details, objective: objective(null), solution: null, solver: stats(f, net, secs(), code) };
  }
  if (code === 10) {
    return {
      ...base,
      status: 'unbounded',
      message: 'unbounded: the objective can decrease without limit',
      details: ['an arc, trip or penalty has a negative objective coefficient with no capacity to bound it; every cost and carbon figure must be ≥ 0'],
      objective: objective(null),
      solution: null,
      solver: stats(f, net, secs(), code),
    };
  }
  const name = HIGHS_STATUS[code] ?? `status ${code}`;
  return {
    ...base,
    status: 'error',
    message: `solver error: HiGHS ended with '${name}'`,
    details: [`HiGHS returned model status ${code} (${name}) without a solution`],
    objective: objective(null),
    solution: null,
    solver: stats(f, net, secs(), code),
  };
}

/** Builds and solves a validated model (with what-if overrides). Never throws. */
export function solveModel(model: HydrogenModel, highs: HighsLike, overrides: ModelOverrides = {}): HydrogenResult {
  let net: Network;
  try {
    net = buildNetwork(applyOverrides(model, overrides));
  } catch (e) {
    const kind = overrides.objective ?? model.objective ?? 'cost';
    return {
      status: 'error',
      message: `could not build the network: ${errorText(e)}`,
      details: [errorText(e)],
      objective: { kind, unit: unitOf(kind), value: null },
      solution: null,
      errors: [],
      network: null,
      assumptions: [],
      solver: stats(null, null, 0, null),
    };
  }
  return solveNetwork(net, highs);
}

/** Validates untrusted JSON, then builds and solves it. Never throws. */
export function runHydrogen(json: unknown, highs: HighsLike, overrides: ModelOverrides = {}): HydrogenResult {
  const v = validateModel(json);
  if (!v.ok) {
    const kind = overrides.objective ?? 'cost';
    return {
      status: 'invalid',
      message: `invalid model: ${v.errors.length} error${v.errors.length === 1 ? '' : 's'}`,
      details: v.errors.map((e) => `${e.path}: ${e.message}`),
      objective: { kind, unit: unitOf(kind), value: null },
      solution: null,
      errors: v.errors,
      network: null,
      assumptions: [],
      solver: stats(null, null, 0, null),
    };
  }
  return solveModel(v.model, highs, overrides);
}
