// A new scenario: every model at its baseline (no edits), for a city named by its layers' content hashes.
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './schema.ts';
import type { Scenario } from './schema.ts';

/** Relative gap and iteration cap of a scenario run (the viewer's defaults). */
export const DEFAULT_TARGET_GAP = 1e-4;
export const DEFAULT_MAX_ITERATIONS = 500;
export const DEFAULT_CELL_SIZE_M = 100;

export const BASELINE_TRAFFIC: Scenario['traffic'] = {
  demandScale: 1,
  zoneFactors: [],
  closedLinks: [],
  lanes: [],
  targetGap: DEFAULT_TARGET_GAP,
  maxIterations: DEFAULT_MAX_ITERATIONS,
};

export const BASELINE_CARBON: Scenario['carbon'] = {
  cellSize: DEFAULT_CELL_SIZE_M,
  basis: 'ttw',
  gridTPerMWh: null,
  retrofit: null,
  factors: {},
  greenAreas: [],
  hydrogenFromSupply: true,
};

export const BASELINE_HYDROGEN: Scenario['hydrogen'] = {
  objective: null,
  stationChoice: null,
  fcevShare: {},
  demandFromTraffic: true,
  stationsAdded: [],
  stationsRemoved: [],
  stationCapacity: {},
  sources: {},
  unmetAllowed: null,
  catchment: null,
};

/** A baseline scenario (no edits) for a city. */
export function newScenario(city: Scenario['city'], name = 'Baseline'): Scenario {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name,
    notes: '',
    city,
    traffic: BASELINE_TRAFFIC,
    fleet: {},
    carbon: BASELINE_CARBON,
    hydrogen: BASELINE_HYDROGEN,
  };
}

/** The same city and parameters with every edit undone (the baseline a scenario is compared with). */
export function baselineOf(s: Scenario, name = 'Baseline'): Scenario {
  return {
    ...newScenario(s.city, name),
    traffic: { ...BASELINE_TRAFFIC, targetGap: s.traffic.targetGap, maxIterations: s.traffic.maxIterations },
    carbon: { ...BASELINE_CARBON, cellSize: s.carbon.cellSize, basis: s.carbon.basis },
  };
}
