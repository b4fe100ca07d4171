/**
 * Hydrogen supply core: how much hydrogen a city's fuel-cell vehicles need and where (station
 * catchments), where it comes from and how it travels, optimised with HiGHS (LP, or MIP when candidate
 * stations are chosen or trailer trips are whole), and what it costs and emits.
 *
 * Units and terms:
 *  - money KRW (Korean won); hydrogen kg H2; rates per day (t/yr where named); distances km;
 *    CO2 kg CO2e; positions local metres (x east, y north) from the model's origin, or WGS84 lon/lat;
 *  - source: where hydrogen is made (SMR, by-product, grid / renewable electrolysis, imported), maybe
 *    outside the map at a road distance and bearing; mode: tube trailer, pipeline or liquid tanker;
 *    arc: source → station by one mode; catchment: which stations a zone's drivers use — "capacitated"
 *    (default: any open station within a maximum detour that has room, at the drivers' detour cost) or
 *    "nearest" (the nearest station only, fixed before optimising); detour: extra road km per refuelling
 *    visit (there and back) against the zone's nearest station;
 *  - objective: cost (KRW/day), co2 (kg CO2e/day) or weighted (KRW/day + carbon price × t CO2e/day);
 *  - well-to-wheel: CO2 of the hydrogen delivered beside the petrol/diesel the same km would burn.
 * Every default figure carries its source (defaults.ts) and is listed in `result.assumptions`.
 *
 * Use: `validateModel(json)` → `solveModel(model, highs)`, or `runHydrogen(json, highs)` for both.
 * `highs` is the loaded `highs` runtime, injected (node and worker load the wasm differently).
 * Pure and deterministic; nothing throws on bad input.
 */
export {
  CARBON_PRICE_KRW_PER_T,
  CATCHMENT_DEFAULTS,
  CATCHMENT_MODES,
  CIRCUITY,
  CONDITIONING_GRID_KG_PER_KWH,
  CONSUMPTION_KG_PER_100KM,
  DELIVERY_DEFAULTS,
  DELIVERY_KINDS,
  EXCHANGE_SOURCE,
  H2_VEHICLE_CLASSES,
  KRW_PER_CNY,
  KRW_PER_EUR,
  KRW_PER_USD,
  REPLACED_SPEED_KMH,
  SOURCE_DEFAULTS,
  SOURCE_TYPES,
  SOLVER_DEFAULTS,
  UNMET_PENALTY_KG_CO2E_PER_KG,
  UNMET_PENALTY_KRW_PER_KG,
  ROADMAP_PUMP_PRICE_KRW_PER_KG,
  liquefactionKrwPerKg,
  replacedKgCo2ePerKm,
  truckKgCo2ePerKm,
} from './defaults.ts';
export type { CatchmentMode, CitedFigure, DeliveryDefaults, DeliveryKind, H2VehicleClass, SourceType, SourceTypeDefaults } from './defaults.ts';
export type {
  CatchmentInput,
  DemandInput,
  DistanceOverride,
  HydrogenModel,
  LonLat,
  ModeInput,
  ModelOverrides,
  ObjectiveKind,
  OutsideMap,
  Place,
  SolverInput,
  SourceInput,
  StationInput,
  StationStatus,
  UnmetInput,
  VehKmByClass,
  Xy,
  ZoneInput,
} from './model.ts';
export { formatErrors, validateModel } from './validate.ts';
export type { ValidationError, ValidationResult } from './validate.ts';
export { classSharesOf, consumptionKgPerKm, h2ClassOf, hydrogenFromVehKm, nearestIndex, trafficLinksOf, zonesFromTraffic } from './demand.ts';
export type { ByClass, TrafficDemandOptions, TrafficLinks } from './demand.ts';
export { applyOverrides, buildNetwork } from './network.ts';
export type { Arc, Catchment, NetMode, NetSource, NetStation, NetZone, Network, ZoneOption } from './network.ts';
export { formulate } from './formulate.ts';
export type { Formulation, RowGroup } from './formulate.ts';
export { HIGHS_STATUS, feasibilityChecks, fmtKg, runHydrogen, solveModel, solveNetwork } from './solve.ts';
export type { HighsLike, HighsLoader, HighsModelLike, HydrogenResult, HydrogenStatus, ObjectiveValue, SolverStats } from './solve.ts';
export { readSolution } from './results.ts';
export type { FlowResult, HydrogenSolution, SourceResult, StationResult, SupplySummary, WellToWheel, ZoneAllocation, ZoneResult } from './results.ts';
export { DEFAULT_STATION_CAPACITY_KG_PER_DAY, NO_EDITS, applyEdits, noEdits, placeLonLat, stationIds, typicalFixedCost, withLayerStations, withTrafficDemand } from './whatif.ts';
export type { HydrogenEdits, LayerStation, PlacedStation, SourceEdit } from './whatif.ts';
export { modelSettings, modelSources, modelStations } from './settings.ts';
export type { ModelSettings, ModelSourceRow, ModelStationRow } from './settings.ts';
