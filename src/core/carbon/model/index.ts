/**
 * Carbon core: annual emissions of buildings and road transport and absorption by green areas, per
 * feature, per grid cell and per district — the carbon spatial map (MOLIT carbonmap.kr style) — with
 * cited, editable factors and what-if scenarios.
 *
 * Units and terms:
 *  - positions in local metres (x east, y north) of a geo LocalFrame; exports go back to WGS84;
 *  - emissions in t CO2e per year; sinks are negative; net = buildings + transport + sinks;
 *  - buildings: floor area m² = footprint × storeys (storeys = height / 3 m); EUI kWh/m²·yr (final
 *    energy); carrier factors t CO2e/MWh;
 *  - transport: link flows veh/h in the peak hour, speeds km/h, fuel g/km (COPERT speed curves);
 *    peak hour → year by 365 / K (K = peak-hour share of daily traffic);
 *    ttw = tank-to-wheel (exhaust), wtw = well-to-wheel (incl. fuel upstream, grid electricity, hydrogen);
 *  - sinks: t CO2 per hectare per year by land cover;
 *  - every factor in use is listed as an Assumption { key, value, unit, source }.
 * Pure and deterministic: no DOM, no clocks, no randomness.
 */
export { CarbonInputError } from './assumptions.ts';
export type { Assumption } from './assumptions.ts';
export {
  BUILDING_USE_KEYS,
  CARRIER_SPLIT,
  CLIMATE_REGIONS,
  DISTRICT_HEAT_T_PER_MWH,
  EUI,
  GAS_T_PER_MWH,
  GRID_T_PER_MWH,
  USE_OF_BUILDING_TAG,
} from './data/buildings.ts';
export type { BuildingUse, CarrierSplit, ClimateRegion, EuiRow } from './data/buildings.ts';
export { LAND_COVER_KEYS, SINK_RATES } from './data/sinks.ts';
export type { LandCover, SinkRow } from './data/sinks.ts';
export {
  DAYS_PER_YEAR,
  DEFAULT_FLEET_MIX,
  ROAD_CLASS_AADT,
  FC_CURVES,
  FUELS,
  HYDROGEN_KG_CO2E_PER_KG,
  PEAK_HOUR_SHARE,
  VEHICLE_CLASSES,
  VEHICLE_CLASS_KEYS,
} from './data/transport.ts';
export type { CurveRow, FleetMix, FuelKey, FuelRow, SpeedCurve, VehicleClassKey, VehicleClassRow, VehicleEnergy } from './data/transport.ts';
export {
  STOREY_HEIGHT_M,
  annualKmPerPeakVehKm,
  co2PerGramFuel,
  evalCurve,
  factorAssumptions,
  fleetCo2,
  resolveFactors,
  shiftFleet,
  validateFleetMix,
  vehicleCo2,
  wtwPerGramFuel,
} from './factors.ts';
export type { CarbonFactors, FactorOverrides, TransportBasis } from './factors.ts';
export { PolygonSetBuilder, concatPolygonSets, featureArea, pointInFeature, splitSegmentOverGrid } from './geometry.ts';
export type { PolygonSet } from './geometry.ts';
export {
  buildingUseOf,
  buildingsFromLayer,
  frameForFeatures,
  greenFromLocal,
  landCoverIndex,
  landCoverOf,
  lonLatBounds,
  readBuildings,
  readGreen,
  readPolygonSet,
  readRoads,
} from './inputs.ts';
export type { BuildingTable, GreenTable, ReadResult, RoadLinkTable, RoadReadOptions } from './inputs.ts';
export { computeCarbon } from './model.ts';
export type {
  BuildingResults,
  CarbonInputs,
  CarbonResult,
  CarbonTotals,
  GreenResults,
  RetrofitArea,
  RoadResults,
  Scenario,
} from './model.ts';
export { CELL_SIZES_M, MAX_GRID_CELLS, aggregateToGrid, gridSpecFor, tableBounds } from './grid.ts';
export type { CarbonGrid, GridSpec, SectorTotals } from './grid.ts';
export { aggregateToDistricts } from './districts.ts';
export type { DistrictTotals } from './districts.ts';
export { gridToGeoJson } from './gridExport.ts';
export type { GridGeoJsonOptions } from './gridExport.ts';
