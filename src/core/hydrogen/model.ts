/**
 * The hydrogen supply model as JSON (format version 1): refuelling stations, supply sources, delivery
 * modes, demand and the objective. `validateModel` turns untrusted JSON into a `HydrogenModel`;
 * assets/hydrogen/README.md documents every field.
 *
 * Units: money KRW (Korean won); mass kg H2; rates per day; distances km; positions either WGS84
 * `lonLat` [lon, lat] degrees or local `xy` [east, north] metres from the model's origin; CO2 kg CO2e.
 */
import type { CatchmentMode, DeliveryKind, H2VehicleClass, SourceType } from './defaults.ts';

export type LonLat = readonly [number, number];
export type Xy = readonly [number, number];

/** A place on the map: exactly one of `lonLat` (degrees) or `xy` (metres in the model's frame). */
export interface Place {
  readonly lonLat?: LonLat;
  readonly xy?: Xy;
}

export type StationStatus = 'existing' | 'candidate';

export interface StationInput extends Place {
  readonly id: string;
  readonly name?: string;
  /** Dispensing capacity, kg H2/day. */
  readonly capacityKgPerDay: number;
  /** Existing stations are always open; candidates are opened by the optimiser when station choice is on. */
  readonly status: StationStatus;
  /** Annualised cost of building and running a candidate, KRW/day (0 for existing stations). */
  readonly fixedCostKrwPerDay?: number;
  /**
   * Demand at this station itself, kg/day (a depot, a fleet contract): always served here or unmet here,
   * in either catchment mode. Demand that may move to another station belongs in `demand.zones`.
   */
  readonly demandKgPerDay?: number;
  /** Vehicle class of `demandKgPerDay` (for the well-to-wheel comparison); default car. */
  readonly demandClass?: H2VehicleClass;
  /** Delivery modes this station can receive (mode ids); default all. */
  readonly modes?: readonly string[];
  /** Free text shown to the user (where the site comes from). */
  readonly note?: string;
}

/** A source beyond the map: the road distance to the model's origin and the compass bearing towards it. */
export interface OutsideMap {
  /** Degrees clockwise from north, as seen from the origin. */
  readonly bearingDeg: number;
  /** Road distance from the source to the model's origin, km. */
  readonly roadKm: number;
}

export interface SourceInput extends Place {
  readonly id: string;
  readonly name?: string;
  readonly type: SourceType;
  /** kg H2/day available to this city. */
  readonly capacityKgPerDay: number;
  /** Production cost at the plant gate, KRW/kg; default from the type. */
  readonly costKrwPerKg?: number;
  /** Carbon intensity of production, kg CO2e/kg H2; default from the type. */
  readonly kgCo2ePerKg?: number;
  /** Mode ids this source can ship by; default every mode except pipeline. */
  readonly modes?: readonly string[];
  readonly outsideMap?: OutsideMap;
  /**
   * Physical form at the source: "liquid" (e.g. a liquid-hydrogen import terminal) ships by a liquid mode
   * without the mode's liquefaction cost and electricity. Default "gas".
   */
  readonly form?: 'gas' | 'liquid';
  /** True when the source is made up for illustration (shown as such). */
  readonly illustrative?: boolean;
  readonly note?: string;
}

export interface ModeInput {
  readonly id: string;
  readonly name?: string;
  readonly kind: DeliveryKind;
  /** kg per trip (trailers, tankers); omitted or null for pipelines. */
  readonly payloadKg?: number | null;
  readonly costKrwPerKgKm?: number;
  readonly fixedKrwPerKg?: number;
  readonly fixedKrwPerTrip?: number;
  /** Conditioning electricity (compression, liquefaction), kWh/kg. */
  readonly energyKwhPerKg?: number;
  /** Liquid modes: the part of `fixedKrwPerKg` that is liquefaction (not charged to liquid sources). */
  readonly liquefactionKrwPerKg?: number;
  /** Truck CO2 per km driven (out and back), kg CO2e/km; default the carbon module's diesel truck. */
  readonly truckKgCo2ePerKm?: number;
  /** Longest leg this mode serves, km. */
  readonly maxKm?: number;
}

/** Vehicle-km per day by class. */
export type VehKmByClass = Readonly<Partial<Record<H2VehicleClass, number>>>;

/**
 * Demand in an area. Catchment "nearest": all of it goes to the station nearest in a straight line;
 * "capacitated": to any open station within the maximum detour (see `CatchmentInput`).
 */
export interface ZoneInput extends Place {
  readonly id: string;
  /**
   * The station whose catchment this zone is (its id): set on the zones made from traffic
   * (`zonesFromTraffic`), so results and panels can name the zone after its station.
   */
  readonly catchmentOf?: string;
  /** Hydrogen demand, kg/day (already converted). */
  readonly kgPerDay?: number;
  /** Class of `kgPerDay`; default car. */
  readonly demandClass?: H2VehicleClass;
  /** All-fleet vehicle-km per day by class; × FCEV share × consumption gives kg/day. */
  readonly vehKmPerDay?: VehKmByClass;
}

export interface DemandInput {
  readonly zones?: readonly ZoneInput[];
  /** Fuel-cell share of vehicle-km per class, 0–1 (used with `vehKmPerDay`). */
  readonly fcevShare?: Readonly<Partial<Record<H2VehicleClass, number>>>;
  /** Overrides of hydrogen use, kg/100 km. */
  readonly consumptionKgPer100Km?: Readonly<Partial<Record<H2VehicleClass, number>>>;
  /** Average speed of the replaced petrol/diesel vehicles, km/h (well-to-wheel comparison). */
  readonly replacedSpeedKmh?: number;
}

export type ObjectiveKind = 'cost' | 'co2' | 'weighted';

export interface UnmetInput {
  /** When false, every kg demanded must be delivered (else the model is infeasible). Default true. */
  readonly allowed?: boolean;
  readonly penaltyKrwPerKg?: number;
  readonly penaltyKgCo2ePerKg?: number;
}

/**
 * Which stations a zone's drivers use. The detour of station j for zone z is the extra road km of a
 * refuelling visit (there and back) against the zone's nearest station:
 * 2 × circuity × (straight-line km z→j − straight-line km z→nearest).
 */
export interface CatchmentInput {
  /** "capacitated" (default): any open station within `maxDetourKm` with room; "nearest": the nearest only. */
  readonly mode?: CatchmentMode;
  /** Longest detour drivers accept, km per visit (default 3). */
  readonly maxDetourKm?: number;
  /** Drivers' cost of one extra km: fuel and time, KRW per vehicle-km. */
  readonly detourCostKrwPerKm?: number;
  /** Hydrogen bought per refuelling visit, kg (turns the cost per visit into a cost per kg). */
  readonly kgPerVisit?: number;
}

export interface DistanceOverride {
  readonly source: string;
  readonly station: string;
  readonly roadKm: number;
}

export interface SolverInput {
  readonly timeLimitS?: number;
  readonly mipRelGap?: number;
}

export interface HydrogenModel {
  readonly version: 1;
  readonly name?: string;
  readonly description?: string;
  /** Money unit of every figure: KRW only. */
  readonly currency?: 'KRW';
  /** Origin of `xy` positions and of `outsideMap` distances, [lon, lat]; default the mean of all lonLat. */
  readonly origin?: LonLat;
  readonly objective?: ObjectiveKind;
  /** Weighted objective: KRW + carbonPrice × t CO2e. */
  readonly carbonPriceKrwPerTCo2e?: number;
  /** Let the optimiser choose which candidate stations to open (MIP). Default false: all are open. */
  readonly stationChoice?: boolean;
  /** Whole trailer trips (integer variables) instead of fractional trips per day. Default false. */
  readonly integerTrips?: boolean;
  readonly unmet?: UnmetInput;
  /** How zone demand reaches stations; default capacitated within a 3 km detour. */
  readonly catchment?: CatchmentInput;
  /** Road km / straight-line km for legs on the map. */
  readonly circuityFactor?: number;
  readonly stations: readonly StationInput[];
  readonly sources: readonly SourceInput[];
  /** Delivery modes; default the three cited modes with ids tube_trailer, pipeline, liquid. */
  readonly modes?: readonly ModeInput[];
  readonly demand?: DemandInput;
  readonly distances?: readonly DistanceOverride[];
  readonly solver?: SolverInput;
  /** Free-form notes, kept and ignored (the example model documents itself here). */
  readonly notes?: readonly string[];
}

/** What the CLI and UI may change on top of a model (what-ifs). */
export interface ModelOverrides {
  readonly objective?: ObjectiveKind;
  readonly stationChoice?: boolean;
  readonly fcevShare?: Readonly<Partial<Record<H2VehicleClass, number>>>;
  /** Merged over the model's `catchment`, field by field. */
  readonly catchment?: CatchmentInput;
}
