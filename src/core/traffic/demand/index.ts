/**
 * Peak-hour travel demand for a city without survey data, from its buildings: grid zones, PM-peak
 * trip ends from floor area by land use (ITE vehicle rates, or the Korean practice of person trips ×
 * car share ÷ occupancy), external (cordon) zones where the main roads leave the data's area with
 * commuter and through trips, and a doubly constrained gravity distribution over free-flow network
 * times, internal trip ends balanced to the attractions (or productions, or a control total). Output matches the traffic module: a dense Z×Z matrix (row = origin)
 * and the same nonzero pairs as a parsed TNTP `_trips` file for `buildDemand`.
 *
 * Units and terms:
 *  - positions in local metres of the road network's `LocalFrame`; floor area in m²;
 *  - trips and trip ends in vehicles per hour (veh/h) of the weekday PM peak hour;
 *  - production = trip ends leaving a zone in that hour (origins), attraction = entering (destinations);
 *  - cost c = free-flow time in minutes; deterrence f(c) = exp(−β·c), β per minute;
 *  - zone z is network node z (see src/core/traffic/osm); internal zones first, then external zones
 *    (gates), so internal zone indices do not depend on the gates; intrazonal trips are excluded.
 * Pure and deterministic: no DOM, no clocks, no randomness.
 */
export {
  DEFAULT_BALANCING,
  DEFAULT_BETA,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_TOLERANCE,
  createDemandModel,
  deterrenceMatrix,
  distribute,
  freeFlowSkim,
  furness,
  toTntpTrips,
} from './gravity.ts';
export type { Balancing, DemandEdits, DemandModel, DemandModelOptions, FurnessOptions, FurnessResult, TripSegments, TripTable, ZoneTotals } from './gravity.ts';
export { DEFAULT_CELL_SIZE_M, buildDemandZones, storeysOf } from './zones.ts';
export type { DemandZoneOptions, DemandZoneStats, DemandZones } from './zones.ts';
export {
  DWELLING_AREA_M2,
  ITE_RATES,
  KOREA_DEFAULTS,
  KOREA_SOURCES,
  TRIP_METHODS,
  koreaTripRates,
  LAND_USE_COUNT,
  LAND_USE_KEYS,
  LandUse,
  M2_PER_KSF,
  UNKNOWN_RESIDENTIAL_SHARE,
  landUseOf,
  tripRates,
} from './rates.ts';
export type { KoreaRateParameters, LandUseKey, TripMethod, TripRateSource, TripRates } from './rates.ts';
export {
  COMMUTER_SHARE_SOURCE,
  DEFAULT_COMMUTER_LAND_USES,
  DEFAULT_COMMUTER_SHARE,
  DEFAULT_EDGE_CELL_M,
  DEFAULT_EDGE_MARGIN_M,
  DEFAULT_GATE_CLASSES,
  DEFAULT_MERGE_DISTANCE_M,
  DEFAULT_THROUGH_SHARE,
  THROUGH_SHARE_SOURCE,
  buildingPoints,
  externalAssumptions,
  externalTotals,
  findGates,
} from './external.ts';
export type { ExternalTotals, ExternalTripOptions, Gate, GateMember, GateOptions, GateSearch } from './external.ts';
export type { Assumption } from '../osm/index.ts';
