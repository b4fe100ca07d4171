/**
 * The carbon model's factors: defaults from the data tables, user overrides merged and validated,
 * evaluation of the speed curves, and the list of assumptions in use.
 *
 * Units: speeds km/h; fuel g/km; CO2 factors g CO2e/km per vehicle; EUI kWh/m²·yr; carrier factors
 * t CO2e/MWh; sinks t CO2/ha·yr; hydrogen kg CO2e/kg H2. "ttw" = tank-to-wheel (exhaust only: electric
 * and fuel-cell vehicles emit 0); "wtw" = well-to-wheel (fuel incl. upstream, electricity at the grid
 * factor, hydrogen at its production factor).
 */
import { PROFILES, type CityProfile, type ProfileId } from '../../profile/profiles.ts';
import { CarbonInputError } from './assumptions.ts';
import type { Assumption } from './assumptions.ts';
import {
  BUILDING_USE_KEYS,
  CARRIER_SPLIT,
  CLIMATE_REGIONS,
  DISTRICT_HEAT_SOURCE,
  DISTRICT_HEAT_T_PER_MWH,
  EUI,
  USE_MAPPING_SOURCE,
} from './data/buildings.ts';
import type { BuildingUse, CarrierSplit, ClimateRegion } from './data/buildings.ts';
import { LAND_COVER_KEYS, LAND_COVER_MAPPING_SOURCE, SINK_RATES } from './data/sinks.ts';
import type { LandCover } from './data/sinks.ts';
import {
  DAYS_PER_YEAR,
  DAYS_PER_YEAR_SOURCE,
  DEFAULT_FLEET_MIX,
  DEFAULT_FLEET_MIX_SOURCE,
  FC_CURVES,
  FUELS,
  HYDROGEN_KG_CO2E_PER_KG,
  HYDROGEN_SOURCE,
  PEAK_HOUR_SHARE,
  PEAK_HOUR_SHARE_SOURCE,
  VEHICLE_CLASSES,
  VEHICLE_CLASS_KEYS,
} from './data/transport.ts';
import type { FleetMix, FuelKey, FuelRow, SpeedCurve, VehicleClassKey, VehicleEnergy } from './data/transport.ts';

/** Storey height used to turn building heights into storeys (geo's STOREY_HEIGHT_M, Mapbox's 3 m). */
export const STOREY_HEIGHT_M = 3;

export type TransportBasis = 'ttw' | 'wtw';

/** Every factor the model uses, resolved (defaults + overrides) and validated. */
export interface CarbonFactors {
  /** The city profile whose defaults apply (grid, gas, region). */
  readonly profile: CityProfile;
  readonly region: ClimateRegion;
  /** EUI for `region`, kWh/m²·yr. */
  readonly eui: Readonly<Record<BuildingUse, number>>;
  readonly carrierSplit: Readonly<Record<BuildingUse, CarrierSplit>>;
  readonly gridTPerMWh: number;
  readonly gasTPerMWh: number;
  readonly districtHeatTPerMWh: number;
  readonly storeyHeightM: number;
  readonly fleetMix: FleetMix;
  readonly vehicles: Readonly<Record<VehicleClassKey, VehicleEnergy>>;
  readonly curves: Readonly<Record<string, SpeedCurve>>;
  readonly fuels: Readonly<Record<FuelKey, FuelRow>>;
  readonly hydrogenKgPerKg: number;
  /** Peak-hour share of daily traffic (K). */
  readonly peakHourShare: number;
  readonly daysPerYear: number;
  /** Which basis `transport` totals use; both are always computed. */
  readonly transportBasis: TransportBasis;
  readonly sinkTPerHa: Readonly<Record<LandCover, number>>;
  /** Keys (as in the assumption list) of values that came from overrides. */
  readonly overridden: readonly string[];
}

/** Editable factors; anything left out keeps its cited default. */
export interface FactorOverrides {
  /** City profile (default KR): the defaults of region, grid and gas factors. */
  readonly profile?: ProfileId;
  readonly region?: ClimateRegion;
  /** EUI by use for the chosen region, kWh/m²·yr. */
  readonly eui?: Partial<Record<BuildingUse, number>>;
  readonly carrierSplit?: Partial<Record<BuildingUse, CarrierSplit>>;
  readonly gridTPerMWh?: number;
  readonly gasTPerMWh?: number;
  readonly districtHeatTPerMWh?: number;
  /** Full fleet mix (missing classes count as 0); must sum to 1. */
  readonly fleetMix?: Partial<Record<VehicleClassKey, number>>;
  readonly bevKwhPerKm?: number;
  readonly carFcevKgPerKm?: number;
  readonly busFcevKgPerKm?: number;
  /** Hybrid fuel use as a fraction of the petrol car's (default 0.7). */
  readonly hybridFuelRatio?: number;
  readonly hydrogenKgPerKg?: number;
  readonly peakHourShare?: number;
  readonly daysPerYear?: number;
  readonly transportBasis?: TransportBasis;
  readonly sinkTPerHa?: Partial<Record<LandCover, number>>;
}

const FLEET_TOLERANCE = 1e-6;

function checkNonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CarbonInputError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** Throws a CarbonInputError unless every share is >= 0 and they sum to 1 (±1e-6). */
export function validateFleetMix(mix: Readonly<Record<string, number>>): FleetMix {
  const out: Record<string, number> = {};
  for (const key of Object.keys(mix)) {
    if (!(VEHICLE_CLASS_KEYS as readonly string[]).includes(key)) {
      throw new CarbonInputError(`fleet mix: unknown vehicle class '${key}' (known: ${VEHICLE_CLASS_KEYS.join(', ')})`);
    }
  }
  let sum = 0;
  for (const key of VEHICLE_CLASS_KEYS) {
    const v = mix[key] ?? 0;
    checkNonNegative(`fleet mix share of ${key}`, v);
    out[key] = v;
    sum += v;
  }
  if (Math.abs(sum - 1) > FLEET_TOLERANCE) {
    const parts = VEHICLE_CLASS_KEYS.filter((k) => (out[k] ?? 0) > 0).map((k) => `${k} ${out[k]}`).join(' + ');
    throw new CarbonInputError(`fleet mix shares must sum to 1, got ${+sum.toPrecision(12)} (${parts || 'all zero'})`);
  }
  return out as FleetMix;
}

/**
 * A fleet shift: the classes in `targets` get exactly those shares (e.g. { car_bev: 0.3, car_fcev: 0.1 }),
 * the other classes keep their proportions and share what is left.
 */
export function shiftFleet(mix: FleetMix, targets: Partial<Record<VehicleClassKey, number>>): FleetMix {
  let fixed = 0;
  const keys = Object.keys(targets) as VehicleClassKey[];
  for (const key of keys) {
    if (!(VEHICLE_CLASS_KEYS as readonly string[]).includes(key)) throw new CarbonInputError(`fleet shift: unknown vehicle class '${key}'`);
    fixed += checkNonNegative(`fleet shift share of ${key}`, targets[key] ?? 0);
  }
  if (fixed > 1 + FLEET_TOLERANCE) throw new CarbonInputError(`fleet shift shares must sum to at most 1, got ${+fixed.toPrecision(12)}`);
  let rest = 0;
  for (const key of VEHICLE_CLASS_KEYS) if (!keys.includes(key)) rest += mix[key];
  const left = Math.max(0, 1 - fixed);
  if (rest === 0 && left > FLEET_TOLERANCE) {
    throw new CarbonInputError(`fleet shift leaves ${left} of the fleet to classes that have no share to scale`);
  }
  const out: Record<string, number> = {};
  for (const key of VEHICLE_CLASS_KEYS) out[key] = keys.includes(key) ? (targets[key] ?? 0) : rest > 0 ? (mix[key] * left) / rest : 0;
  return validateFleetMix(out);
}

function checkSplit(use: string, s: CarrierSplit): CarrierSplit {
  checkNonNegative(`carrier split electricity (${use})`, s.electricity);
  checkNonNegative(`carrier split gas (${use})`, s.gas);
  checkNonNegative(`carrier split districtHeat (${use})`, s.districtHeat);
  const sum = s.electricity + s.gas + s.districtHeat;
  if (Math.abs(sum - 1) > FLEET_TOLERANCE) throw new CarbonInputError(`carrier split for ${use} must sum to 1, got ${+sum.toPrecision(12)}`);
  return { electricity: s.electricity, gas: s.gas, districtHeat: s.districtHeat };
}

/** Defaults merged with `overrides`; throws CarbonInputError with a clear message for bad values. */
export function resolveFactors(overrides: FactorOverrides = {}): CarbonFactors {
  const o = overrides;
  const overridden: string[] = [];
  const profileId = o.profile ?? 'KR';
  if (!Object.hasOwn(PROFILES, profileId)) throw new CarbonInputError(`profile must be one of ${Object.keys(PROFILES).join(', ')}, got '${String(profileId)}'`);
  const profile = PROFILES[profileId];
  const region = o.region ?? profile.region.value;
  if (!(CLIMATE_REGIONS as readonly string[]).includes(region)) {
    throw new CarbonInputError(`region must be one of ${CLIMATE_REGIONS.join(', ')}, got '${String(region)}'`);
  }
  if (o.region !== undefined) overridden.push('building.region');

  const eui = {} as Record<BuildingUse, number>;
  const carrierSplit = {} as Record<BuildingUse, CarrierSplit>;
  for (const use of BUILDING_USE_KEYS) {
    const e = o.eui?.[use];
    eui[use] = e === undefined ? EUI[use][region] : checkNonNegative(`EUI of ${use}`, e);
    if (e !== undefined) overridden.push(`building.eui.${use}`);
    const s = o.carrierSplit?.[use];
    carrierSplit[use] = s === undefined ? CARRIER_SPLIT[use] : checkSplit(use, s);
    if (s !== undefined) overridden.push(`building.split.${use}`);
  }
  for (const key of Object.keys(o.eui ?? {})) {
    if (!(BUILDING_USE_KEYS as readonly string[]).includes(key)) throw new CarbonInputError(`EUI: unknown building use '${key}' (known: ${BUILDING_USE_KEYS.join(', ')})`);
  }

  const num = (key: string, value: number | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    overridden.push(key);
    return checkNonNegative(name, value);
  };

  const fleetMix = o.fleetMix === undefined ? DEFAULT_FLEET_MIX : validateFleetMix(o.fleetMix);
  if (o.fleetMix !== undefined) overridden.push('transport.fleet');

  const vehicles = {} as Record<VehicleClassKey, VehicleEnergy>;
  for (const row of VEHICLE_CLASSES) vehicles[row.key] = row.energy;
  const bev = vehicles.car_bev;
  if (bev.kind === 'electricity') vehicles.car_bev = { kind: 'electricity', kwhPerKm: num('transport.energy.car_bev', o.bevKwhPerKm, bev.kwhPerKm, 'BEV energy use (kWh/km)') };
  const carH2 = vehicles.car_fcev;
  if (carH2.kind === 'hydrogen') vehicles.car_fcev = { kind: 'hydrogen', kgPerKm: num('transport.energy.car_fcev', o.carFcevKgPerKm, carH2.kgPerKm, 'FCEV car hydrogen use (kg/km)') };
  const busH2 = vehicles.bus_fcev;
  if (busH2.kind === 'hydrogen') vehicles.bus_fcev = { kind: 'hydrogen', kgPerKm: num('transport.energy.bus_fcev', o.busFcevKgPerKm, busH2.kgPerKm, 'FCEV bus hydrogen use (kg/km)') };
  const hev = vehicles.car_hybrid;
  if (hev.kind === 'fuel') vehicles.car_hybrid = { ...hev, scale: num('transport.energy.car_hybrid', o.hybridFuelRatio, hev.scale, 'hybrid fuel ratio') };

  const peakHourShare = num('transport.peakHourShare', o.peakHourShare, PEAK_HOUR_SHARE, 'peak-hour share of daily traffic');
  if (peakHourShare <= 0 || peakHourShare > 1) throw new CarbonInputError(`peak-hour share of daily traffic must be in (0, 1], got ${peakHourShare}`);
  const basis = o.transportBasis ?? 'ttw';
  if (basis !== 'ttw' && basis !== 'wtw') throw new CarbonInputError(`transport basis must be 'ttw' or 'wtw', got '${String(basis)}'`);
  if (o.transportBasis !== undefined) overridden.push('transport.basis');

  const sinkTPerHa = {} as Record<LandCover, number>;
  for (const cover of LAND_COVER_KEYS) sinkTPerHa[cover] = num(`sink.${cover}`, o.sinkTPerHa?.[cover], SINK_RATES[cover].tPerHa, `sink rate of ${cover} (t CO2/ha/yr)`);
  for (const key of Object.keys(o.sinkTPerHa ?? {})) {
    if (!(LAND_COVER_KEYS as readonly string[]).includes(key)) throw new CarbonInputError(`sink rate: unknown land cover '${key}' (known: ${LAND_COVER_KEYS.join(', ')})`);
  }

  const curves: Record<string, SpeedCurve> = {};
  for (const row of FC_CURVES) curves[row.key] = row.curve;

  return {
    profile,
    region,
    eui,
    carrierSplit,
    gridTPerMWh: num('building.factor.electricity', o.gridTPerMWh, profile.gridTPerMWh.value, 'grid electricity factor (t CO2e/MWh)'),
    gasTPerMWh: num('building.factor.gas', o.gasTPerMWh, profile.gasTPerMWh.value, 'natural gas factor (t CO2/MWh, gross calorific value)'),
    districtHeatTPerMWh: num('building.factor.districtHeat', o.districtHeatTPerMWh, DISTRICT_HEAT_T_PER_MWH, 'district heat factor (t CO2/MWh)'),
    storeyHeightM: STOREY_HEIGHT_M,
    fleetMix,
    vehicles,
    curves,
    fuels: FUELS,
    hydrogenKgPerKg: num('transport.hydrogen', o.hydrogenKgPerKg, HYDROGEN_KG_CO2E_PER_KG, 'hydrogen carbon intensity (kg CO2e/kg H2)'),
    peakHourShare,
    daysPerYear: num('transport.daysPerYear', o.daysPerYear, DAYS_PER_YEAR, 'days per year'),
    transportBasis: basis,
    sinkTPerHa,
    overridden,
  };
}

/** Fuel consumption of a curve at `speedKmh` (clamped to the curve's range), g/km. */
export function evalCurve(curve: SpeedCurve, speedKmh: number): number {
  const v = Math.min(curve.vMax, Math.max(curve.vMin, Number.isFinite(speedKmh) ? speedKmh : curve.vMin));
  switch (curve.form) {
    case 'rational':
      return (curve.a + curve.c * v + curve.e * v * v) / (1 + curve.b * v + curve.d * v * v);
    case 'poly': {
      let s = 0;
      for (let i = curve.coefficients.length - 1; i >= 0; i--) s = s * v + (curve.coefficients[i] ?? 0);
      return s;
    }
    case 'expPower':
      return curve.a * Math.pow(curve.b, v) * Math.pow(v, curve.c);
    case 'powerSum':
      return curve.a * Math.pow(v, curve.b) + curve.c * Math.pow(v, curve.d);
  }
}

/** Tank-to-wheel CO2 per gram of fuel, g/g: factor (kg/TJ) × NCV (MJ/kg) / 1e6. */
export function co2PerGramFuel(fuel: FuelRow): number {
  return (fuel.co2KgPerTj * fuel.ncvMjPerKg) / 1e6;
}

/** Well-to-wheel CO2e per gram of fuel, g/g: (kg CO2e per litre) / (kg per litre). */
export function wtwPerGramFuel(fuel: FuelRow): number {
  return fuel.wtwKgPerL / fuel.densityKgPerL;
}

/** One vehicle's CO2 per km at an average speed, g CO2e/km, tank-to-wheel and well-to-wheel. */
export function vehicleCo2(f: CarbonFactors, cls: VehicleClassKey, speedKmh: number): { ttw: number; wtw: number } {
  const e = f.vehicles[cls];
  if (e.kind === 'electricity') return { ttw: 0, wtw: e.kwhPerKm * f.gridTPerMWh * 1000 };
  if (e.kind === 'hydrogen') return { ttw: 0, wtw: e.kgPerKm * f.hydrogenKgPerKg * 1000 };
  const curve = f.curves[e.curve];
  if (curve === undefined) throw new CarbonInputError(`vehicle class ${cls}: no fuel curve '${e.curve}'`);
  const grams = evalCurve(curve, speedKmh) * e.scale;
  const fuel = f.fuels[e.fuel];
  return { ttw: grams * co2PerGramFuel(fuel), wtw: grams * wtwPerGramFuel(fuel) };
}

/** Fleet-average CO2 per vehicle-km at an average speed, g CO2e/km. */
export function fleetCo2(f: CarbonFactors, speedKmh: number): { ttw: number; wtw: number } {
  let ttw = 0;
  let wtw = 0;
  for (const cls of VEHICLE_CLASS_KEYS) {
    const share = f.fleetMix[cls];
    if (share === 0) continue;
    const e = vehicleCo2(f, cls, speedKmh);
    ttw += share * e.ttw;
    wtw += share * e.wtw;
  }
  return { ttw, wtw };
}

/** Vehicle-km per year for one vehicle per hour in the peak hour on 1 km: 365 / K. */
export function annualKmPerPeakVehKm(f: CarbonFactors): number {
  return f.daysPerYear / f.peakHourShare;
}

function curveText(c: SpeedCurve): string {
  switch (c.form) {
    case 'rational':
      return `FC = (${c.a} + ${c.c} V + ${c.e} V^2) / (1 + ${c.b} V + ${c.d} V^2) g/km, V in [${c.vMin}, ${c.vMax}] km/h`;
    case 'poly':
      return `FC = ${c.coefficients.map((k, i) => (i === 0 ? `${k}` : `${k} V${i > 1 ? `^${i}` : ''}`)).join(' + ')} g/km, V in [${c.vMin}, ${c.vMax}] km/h`;
    case 'expPower':
      return `FC = ${c.a} * ${c.b}^V * V^${c.c} g/km, V in [${c.vMin}, ${c.vMax}] km/h`;
    case 'powerSum':
      return `FC = ${c.a} * V^${c.b} + ${c.c} * V^${c.d} g/km, V in [${c.vMin}, ${c.vMax}] km/h`;
  }
}

/** Every factor in use, with units and sources (overridden values say so). */
export function factorAssumptions(f: CarbonFactors): Assumption[] {
  const out: Assumption[] = [];
  const over = new Set(f.overridden);
  const add = (key: string, value: number | string, unit: string, source: string): void => {
    out.push({ key, value, unit, source: over.has(key) ? `user override (default: ${source})` : source });
  };
  // Buildings.
  add('profile', f.profile.id, '-', `City profile ${f.profile.name.en}: the defaults of the climate region and the grid and gas factors`);
  add('building.region', f.region, '-', f.profile.region.source);
  add('building.storeyHeight', f.storeyHeightM, 'm', 'Storeys = (height - base) / 3 m: Mapbox OSM convention (src/core/geo STOREY_HEIGHT_M); floor area = footprint x storeys');
  add('building.useMapping', 'OSM building=* -> use', '-', USE_MAPPING_SOURCE);
  add('building.parts', 'building:part features without building=* are skipped', '-', 'CityTwin assumption: OSM building parts repeat floor area of their outline, so only outlines count');
  for (const use of BUILDING_USE_KEYS) add(`building.eui.${use}`, f.eui[use], 'kWh/m2/yr', `${EUI[use].source} [${f.region}]`);
  for (const use of BUILDING_USE_KEYS) {
    const s = f.carrierSplit[use];
    add(`building.split.${use}`, `electricity ${s.electricity}, gas ${s.gas}, district heat ${s.districtHeat}`, 'share of final energy', CARRIER_SPLIT[use].source);
  }
  add('building.factor.electricity', f.gridTPerMWh, 't CO2e/MWh', f.profile.gridTPerMWh.source);
  add('building.factor.gas', f.gasTPerMWh, 't CO2/MWh (GCV)', f.profile.gasTPerMWh.source);
  add('building.factor.districtHeat', f.districtHeatTPerMWh, 't CO2/MWh', DISTRICT_HEAT_SOURCE);
  // Transport.
  add('transport.basis', f.transportBasis, '-', "CityTwin default: 'ttw' (direct exhaust at the point of use, as the MOLIT carbon map counts transport); 'wtw' adds fuel upstream, grid electricity and hydrogen production; both are reported");
  const fleetSource = over.has('transport.fleet') ? `user override: fleet mix or fleet shift (default: ${DEFAULT_FLEET_MIX_SOURCE})` : DEFAULT_FLEET_MIX_SOURCE;
  for (const cls of VEHICLE_CLASS_KEYS) out.push({ key: `transport.fleet.${cls}`, value: f.fleetMix[cls], unit: 'share of vehicles', source: fleetSource });
  for (const row of VEHICLE_CLASSES) {
    const e = f.vehicles[row.key];
    const value = e.kind === 'fuel' ? `${e.fuel}, curve ${e.curve} x ${e.scale}` : e.kind === 'electricity' ? e.kwhPerKm : e.kgPerKm;
    const unit = e.kind === 'fuel' ? '-' : e.kind === 'electricity' ? 'kWh/km' : 'kg H2/km';
    add(`transport.energy.${row.key}`, value, unit, row.source);
  }
  for (const row of FC_CURVES) add(`transport.curve.${row.key}`, curveText(row.curve), 'g fuel/km', `${row.label}: ${row.source}`);
  for (const key of Object.keys(f.fuels) as FuelKey[]) {
    const fuel = f.fuels[key];
    add(`transport.fuel.${key}.ttw`, co2PerGramFuel(fuel), 'g CO2/g fuel', fuel.source);
    add(`transport.fuel.${key}.wtw`, fuel.wtwKgPerL, 'kg CO2e/L', fuel.source);
    add(`transport.fuel.${key}.density`, fuel.densityKgPerL, 'kg/L', fuel.source);
  }
  add('transport.electricity', f.gridTPerMWh * 1000, 'g CO2e/kWh', `${f.profile.gridTPerMWh.source} (well-to-wheel only)`);
  add('transport.hydrogen', f.hydrogenKgPerKg, 'kg CO2e/kg H2', `${HYDROGEN_SOURCE} (well-to-wheel only)`);
  add('transport.peakHourShare', f.peakHourShare, 'peak hour / day', PEAK_HOUR_SHARE_SOURCE);
  add('transport.daysPerYear', f.daysPerYear, 'days', DAYS_PER_YEAR_SOURCE);
  add('transport.speedRange', 'speeds outside a curve range are clamped to it', '-', 'CityTwin assumption: the guidebook gives no values outside each curve range');
  // Sinks.
  add('sink.mapping', 'OSM tags -> land cover', '-', LAND_COVER_MAPPING_SOURCE);
  for (const cover of LAND_COVER_KEYS) add(`sink.${cover}`, f.sinkTPerHa[cover], 't CO2/ha/yr', SINK_RATES[cover].source);
  return out;
}
