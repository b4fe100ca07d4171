/**
 * `hydrogen`: optimise a city's hydrogen supply (stations, sources, delivery modes) with HiGHS.
 * Prints one JSON object on stdout: status, objective value, flows, unmet demand, per-station and
 * per-source figures, a summary (cost and CO2 per kg, trailer trips, mass balance) and the assumptions.
 */
import loadHighs from 'highs';
import { jsonErrorLocation } from '../core/geo/index.ts';
import { CATCHMENT_MODES, H2_VEHICLE_CLASSES, runHydrogen } from '../core/hydrogen/index.ts';
import type { CatchmentInput, CatchmentMode, H2VehicleClass, HighsLike, ModelOverrides, ObjectiveKind } from '../core/hydrogen/index.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, readTextFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

/** The model was read but has no solution (infeasible, unbounded, solver error): the JSON says why. */
export const EXIT_NO_SOLUTION = 3;

const USAGE = `Usage: cli hydrogen --model <json> [options]

Least-cost (or least-CO2) hydrogen supply from sources to refuelling stations, solved with HiGHS
(a linear programme; mixed-integer when candidate stations are chosen or trailer trips are whole).
The model format is documented in assets/hydrogen/README.md; assets/hydrogen/monaco.json is an example.

Options:
  --model <file>               the model, JSON (required)
  --objective cost|co2|weighted  override the model's objective (cost: KRW/day; co2: kg CO2e/day;
                               weighted: KRW/day + carbon price x t CO2e/day)
  --station-choice on|off      override whether the optimiser chooses which candidate stations open
  --fcev-share <c=s,..>        override FCEV shares of vehicle-km, e.g. car=0.05,bus=0.5 (car, bus, truck)
  --catchment capacitated|nearest  override how zones reach stations (capacitated: any open station
                               within the maximum detour that has room; nearest: the nearest only)
  --max-detour-km <km>         override the longest detour drivers accept, km per visit (capacitated)
  -h, --help                   show this help

Output (stdout, one JSON object): status (optimal, time_limit, infeasible, unbounded, error), message,
details, objective {kind, unit, value}, summary (demand, delivered, unmet and supplied kg/day, mass
balance residual, costs in KRW/day and per kg delivered, CO2 per kg delivered, trailer trips per day),
flows [{source, station, mode, kgPerDay, km, tripsPerDay, krwPerDay, kgCo2ePerDay}], unmet
[{station, kgPerDay}], stations, zones [{id, atStation, nearestStation, demandKgPerDay, servedKgPerDay,
unmetKgPerDay, allocations [{station, kgPerDay, detourKm}]}], sources, wellToWheel, solver, assumptions.
Exit status: 0 solved, 1 bad or unreadable model file (every error with its JSON path on stderr),
2 bad arguments, 3 the model has no solution (the JSON says which constraints are at fault).`;

interface HydrogenArgs {
  readonly model: string;
  readonly overrides: ModelOverrides;
}

const OPTIONS = {
  model: { type: 'string' },
  objective: { type: 'string' },
  'station-choice': { type: 'string' },
  'fcev-share': { type: 'string' },
  catchment: { type: 'string' },
  'max-detour-km': { type: 'string' },
} as const satisfies OptionSpecs;

function parse(values: OptionValues<typeof OPTIONS>): HydrogenArgs {
  if (values.model === undefined) throw new UsageError('missing --model <json>');
  const objective = values.objective;
  if (objective !== undefined && objective !== 'cost' && objective !== 'co2' && objective !== 'weighted') {
    throw new UsageError(`--objective must be cost, co2 or weighted, got '${objective}'`);
  }
  const choice = values['station-choice'];
  if (choice !== undefined && choice !== 'on' && choice !== 'off') throw new UsageError(`--station-choice must be on or off, got '${choice}'`);
  let fcevShare: Partial<Record<H2VehicleClass, number>> | undefined;
  if (values['fcev-share'] !== undefined) {
    fcevShare = {};
    for (const part of values['fcev-share'].split(',')) {
      const m = /^\s*([a-z]+)\s*=\s*([0-9.eE+-]+)\s*$/.exec(part);
      const share = m ? Number(m[2]) : NaN;
      if (!m || !(H2_VEHICLE_CLASSES as readonly string[]).includes(m[1]!) || !(share >= 0 && share <= 1)) {
        throw new UsageError(`--fcev-share takes class=share pairs with shares from 0 to 1 (classes: ${H2_VEHICLE_CLASSES.join(', ')}), got '${part}'`);
      }
      fcevShare[m[1] as H2VehicleClass] = share;
    }
  }
  const mode = values.catchment;
  if (mode !== undefined && !(CATCHMENT_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--catchment must be ${CATCHMENT_MODES.join(' or ')}, got '${mode}'`);
  }
  const detourText = values['max-detour-km'];
  const maxDetourKm = detourText === undefined ? undefined : Number(detourText);
  if (maxDetourKm !== undefined && !(detourText!.trim() !== '' && Number.isFinite(maxDetourKm) && maxDetourKm >= 0)) {
    throw new UsageError(`--max-detour-km must be a number of km ≥ 0, got '${detourText}'`);
  }
  const catchment: CatchmentInput = {
    ...(mode === undefined ? {} : { mode: mode as CatchmentMode }),
    ...(maxDetourKm === undefined ? {} : { maxDetourKm }),
  };
  return {
    model: values.model,
    overrides: {
      ...(objective === undefined ? {} : { objective: objective as ObjectiveKind }),
      ...(choice === undefined ? {} : { stationChoice: choice === 'on' }),
      ...(fcevShare === undefined ? {} : { fcevShare }),
      ...(Object.keys(catchment).length === 0 ? {} : { catchment }),
    },
  };
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000 + 0;
const r6 = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

async function run(parsed: HydrogenArgs, io: CliIo): Promise<number> {
  const text = readTextFile('model', parsed.model);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorLocation(text, error);
    const where = at.line === undefined ? '' : `:${at.line}:${at.column ?? 1}`;
    throw new InputError(`--model file '${parsed.model}'${where}: not valid JSON: ${at.message}`);
  }
  const highs: HighsLike = await loadHighs();
  const result = runHydrogen(json, highs, parsed.overrides);
  if (result.status === 'invalid') {
    throw new InputError(`--model file '${parsed.model}' is not a valid hydrogen model (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}):\n${result.details.map((d) => `  ${d}`).join('\n')}`);
  }
  const sol = result.solution;
  const s = sol?.summary;
  const out = {
    status: result.status,
    message: result.message,
    details: result.details,
    objective: { kind: result.objective.kind, unit: result.objective.unit, value: result.objective.value === null ? null : r3(result.objective.value) },
    summary: s
      ? {
          demandKgPerDay: r3(s.demandKgPerDay),
          deliveredKgPerDay: r3(s.deliveredKgPerDay),
          unmetKgPerDay: r3(s.unmetKgPerDay),
          suppliedKgPerDay: r3(s.suppliedKgPerDay),
          massBalanceResidualKgPerDay: r6(s.massBalanceResidualKgPerDay),
          demandTPerYear: r3(s.demandTPerYear),
          productionKrwPerDay: r3(s.productionKrwPerDay),
          deliveryKrwPerDay: r3(s.deliveryKrwPerDay),
          stationFixedKrwPerDay: r3(s.stationFixedKrwPerDay),
          totalKrwPerDay: r3(s.totalKrwPerDay),
          krwPerKgDelivered: r3(s.krwPerKgDelivered),
          totalKgCo2ePerDay: r3(s.totalKgCo2ePerDay),
          kgCo2ePerKgDelivered: r3(s.kgCo2ePerKgDelivered),
          trailerTripsPerDay: r3(s.trailerTripsPerDay),
          stationsOpen: s.stationsOpen,
          candidatesOpened: s.candidatesOpened,
          movedKgPerDay: r3(s.movedKgPerDay),
          detourKrwPerDay: r3(s.detourKrwPerDay),
        }
      : null,
    flows: (sol?.flows ?? []).map((f) => ({
      source: f.source,
      station: f.station,
      mode: f.mode,
      kgPerDay: r3(f.kgPerDay),
      km: r3(f.km),
      tripsPerDay: r3(f.tripsPerDay),
      krwPerDay: r3(f.krwPerDay),
      kgCo2ePerDay: r3(f.kgCo2ePerDay),
    })),
    unmet: (sol?.stations ?? []).filter((st) => st.unmetKgPerDay > 0).map((st) => ({ station: st.id, kgPerDay: r3(st.unmetKgPerDay) })),
    stations: (sol?.stations ?? []).map((st) => ({
      id: st.id,
      open: st.open,
      capacityKgPerDay: r3(st.capacityKgPerDay),
      demandKgPerDay: r3(st.demandKgPerDay),
      deliveredKgPerDay: r3(st.deliveredKgPerDay),
      unmetKgPerDay: r3(st.unmetKgPerDay),
      utilisation: r3(st.utilisation),
    })),
    zones: (sol?.zones ?? []).map((z) => ({
      id: z.id,
      ...(z.atStation ? { atStation: true } : {}),
      nearestStation: z.nearestStation,
      demandKgPerDay: r3(z.demandKgPerDay),
      servedKgPerDay: r3(z.servedKgPerDay),
      unmetKgPerDay: r3(z.unmetKgPerDay),
      allocations: z.allocations.map((a) => ({ station: a.station, kgPerDay: r3(a.kgPerDay), detourKm: r3(a.detourKm) })),
    })),
    sources: (sol?.sources ?? []).map((so) => ({
      id: so.id,
      type: so.type,
      capacityKgPerDay: r3(so.capacityKgPerDay),
      suppliedKgPerDay: r3(so.suppliedKgPerDay),
      utilisation: r3(so.utilisation),
      ...(so.illustrative ? { illustrative: true } : {}),
    })),
    wellToWheel: sol
      ? {
          fcevKmPerDay: { car: r3(sol.wellToWheel.fcevKmPerDay.car), bus: r3(sol.wellToWheel.fcevKmPerDay.bus), truck: r3(sol.wellToWheel.fcevKmPerDay.truck) },
          fcevKgCo2ePerDay: r3(sol.wellToWheel.fcevKgCo2ePerDay),
          replacedKgCo2ePerDay: r3(sol.wellToWheel.replacedKgCo2ePerDay),
          savedKgCo2ePerDay: r3(sol.wellToWheel.savedKgCo2ePerDay),
          savedTPerYear: r3(sol.wellToWheel.savedTPerYear),
        }
      : null,
    solver: { ...result.solver, seconds: r6(result.solver.seconds) },
    assumptions: result.assumptions,
  };
  io.out(`${JSON.stringify(out)}\n`);
  if (result.status === 'optimal' || result.status === 'time_limit') return EXIT_OK;
  io.err(`hydrogen: ${result.message}\n`);
  return EXIT_NO_SOLUTION;
}

export const hydrogenCommand: Command = defineCommand({
  name: 'hydrogen',
  summary: 'optimise hydrogen supply to refuelling stations (HiGHS LP/MIP)',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
