/**
 * Traffic assignment core: TNTP parsing and writing, a CSR road network in typed arrays, and static
 * user-equilibrium assignment (Algorithm B as the main method, conjugate Frank-Wolfe as a cross-check).
 *
 * Units and terms:
 *  - flows and capacities in vehicles per hour (veh/h); demand in veh/h;
 *  - time in the network's time unit (minutes for TNTP networks such as Anaheim; Sioux Falls uses
 *    0.01 h, usually read as minutes); length in the file's length unit (feet for Anaheim);
 *  - generalized cost c = t + tollFactor·toll + distanceFactor·length, in time units;
 *  - relative gap = (TSGC − SPTT)/SPTT, with TSGC = Σ v·c and SPTT = Σ demand × shortest-path cost,
 *    both in generalized cost; objective = Beckmann Σ ∫ c; TSTT = Σ v·t (time only);
 *  - nodes are 0-based inside (TNTP id − 1); links keep file order; zones below FIRST THRU NODE are
 *    never passed through.
 * Pure and deterministic: no DOM, no clocks, no randomness.
 */
export {
  TntpParseError,
  formatTntpFlow,
  parseTntpFlow,
  parseTntpNet,
  parseTntpNodes,
  parseTntpTrips,
} from './tntp.ts';
export { parseTntpNetBytes, parseTntpNetFrom, parseTntpTripsBytes, parseTntpTripsFrom } from './tntp-bytes.ts';
export type { ByteReader, PieceOptions } from './tntp-bytes.ts';
export type { TntpFlow, TntpNet, TntpNodes, TntpTrips } from './tntp.ts';
export { applyLinkEdits, buildDemand, buildNetwork, findLink, flowsByLink } from './network.ts';
export type { Demand, EditedLinks, LinkEdits, Network } from './network.ts';
export { CLOSED_LINK_COST, LinkCosts } from './costs.ts';
export { ShortestPaths } from './shortest-path.ts';
export { assign, demandKey, networkKey } from './assign.ts';
export type {
  AssignMethod,
  AssignOptions,
  AssignResult,
  AssignState,
  CancelSignal,
  IterationReport,
  StopReason,
} from './assign.ts';
