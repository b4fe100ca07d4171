/**
 * City traffic: the glue between a city's layers and the assignment — a routable network and a
 * peak-hour demand built from the city's roads and buildings, a session that runs (and re-runs, warm)
 * user-equilibrium assignments in slices, and the summaries a planner reads.
 * Units: flows veh/h, times minutes, lengths metres, speeds km/h.
 */
export { TrafficSession, summarise, toLinkEdits } from './session.ts';
export { FRAGMENTED_SHARE, fragmentation } from './fragmentation.ts';
export type {
  Assumption,
  TrafficEdits,
  TrafficIteration,
  TrafficNetworkView,
  TrafficRunParams,
  TrafficRunResult,
  TrafficSummary,
} from './types.ts';
