/**
 * Default figures of the hydrogen supply model, each with its source — in a comment and in a `source`
 * string the UI lists under "Assumptions and sources". Money is in Korean won (KRW); foreign figures are
 * converted at the round exchange rates below. Mass in kg H2, distances in km, CO2 in kg CO2e.
 *
 * Figures that were not found in a publication are marked "CityTwin assumption" or "illustrative" and
 * say why; replace them with local data.
 */
import {
  GRID_T_PER_MWH,
  VEHICLE_CLASSES,
  DEFAULT_FLEET_MIX,
  HYDROGEN_KG_CO2E_PER_KG,
  resolveFactors,
  vehicleCo2,
} from '../carbon/model/index.ts';
import type { VehicleClassKey } from '../carbon/model/index.ts';

/** 50000 → "50,000" (integers; no locale, so the text is the same everywhere). */
const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A cited default: its value, unit and where it comes from. */
export interface CitedFigure {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

// ---------------------------------------------------------------------------------------------------
// Currency

/**
 * CityTwin assumption: round exchange rates near the 2023 annual averages published by the Bank of Korea
 * (USD about 1,306 KRW, EUR about 1,413 KRW, CNY about 184 KRW). Only used to convert cited figures.
 */
export const KRW_PER_USD = 1300;
export const KRW_PER_EUR = 1400;
export const KRW_PER_CNY = 180;
export const EXCHANGE_SOURCE =
  'CityTwin assumption: 1 USD = 1,300 KRW, 1 EUR = 1,400 KRW, 1 CNY = 180 KRW (round figures near the Bank of Korea 2023 annual average rates)';

// ---------------------------------------------------------------------------------------------------
// Vehicles

export const H2_VEHICLE_CLASSES = ['car', 'bus', 'truck'] as const;
export type H2VehicleClass = (typeof H2_VEHICLE_CLASSES)[number];

function fcevKgPerKm(key: VehicleClassKey): { kgPerKm: number; source: string } {
  const row = VEHICLE_CLASSES.find((r) => r.key === key);
  if (row === undefined || row.energy.kind !== 'hydrogen') throw new Error(`carbon module has no hydrogen class ${key}`);
  return { kgPerKm: row.energy.kgPerKm, source: row.source };
}

const CAR = fcevKgPerKm('car_fcev');
const BUS = fcevKgPerKm('bus_fcev');

/**
 * Hydrogen use per 100 km by class. Car and bus are the carbon module's fuel-cell classes (reused, not
 * copied): Hyundai Nexo ≈ 0.95 kg/100 km; JIVE fuel-cell buses 8–12 kg/100 km, midpoint 10.
 * Truck: Hyundai XCIENT Fuel Cell (2021 edition), about 31 kg of hydrogen in seven tanks for about
 * 400 km of range (Hyundai Motor press release, June 2021, as reported by Mobility Outlook
 * "Hyundai Motor unveils upgraded 2021 XCIENT Fuel Cell truck") → 31 / 400 = 7.75 kg/100 km.
 */
export const CONSUMPTION_KG_PER_100KM: Readonly<Record<H2VehicleClass, CitedFigure>> = {
  car: { value: CAR.kgPerKm * 100, unit: 'kg H2/100 km', source: `carbon module transport.energy.car_fcev: ${CAR.source}` },
  bus: { value: BUS.kgPerKm * 100, unit: 'kg H2/100 km', source: `carbon module transport.energy.bus_fcev: ${BUS.source}` },
  truck: {
    value: 7.75,
    unit: 'kg H2/100 km',
    source: 'Hyundai XCIENT Fuel Cell heavy truck (2021): about 31 kg H2 on board, about 400 km range (Hyundai Motor press release, June 2021, via Mobility Outlook) -> 31 / 400 = 7.75 kg/100 km; real use varies with load and route',
  },
};

/**
 * The vehicles that fuel-cell vehicles replace, as carbon-module classes with weights (shares). Cars: the
 * combustion car classes of the carbon module's default fleet mix, in proportion to their shares there.
 */
function combustionCarMix(): readonly { readonly key: VehicleClassKey; readonly weight: number }[] {
  const keys: VehicleClassKey[] = ['car_petrol', 'car_diesel', 'car_lpg', 'car_hybrid'];
  const total = keys.reduce((s, k) => s + DEFAULT_FLEET_MIX[k], 0);
  return keys.map((k) => ({ key: k, weight: DEFAULT_FLEET_MIX[k] / total }));
}

export const REPLACED_VEHICLES: Readonly<Record<H2VehicleClass, readonly { readonly key: VehicleClassKey; readonly weight: number }[]>> = {
  car: combustionCarMix(),
  bus: [{ key: 'bus_diesel', weight: 1 }],
  truck: [{ key: 'truck_heavy', weight: 1 }],
};
export const REPLACED_VEHICLES_SOURCE =
  'Carbon module classes: a fuel-cell car replaces the combustion-car mix of the default fleet (petrol, diesel, LPG, hybrid in proportion to their shares), a fuel-cell bus a Euro VI diesel bus, a fuel-cell truck a heavy Euro VI diesel truck (carbon class truck_heavy); well-to-wheel g CO2e/km from the carbon module (COPERT curves, ADEME per-litre factors)';

/** Average speed at which the replaced vehicles' well-to-wheel CO2 per km is taken. */
export const REPLACED_SPEED_KMH: CitedFigure = {
  value: 30,
  unit: 'km/h',
  source: 'CityTwin assumption: 30 km/h, a typical urban average speed (the COPERT curves depend on speed; pass the traffic results\' mean speed to replace it)',
};

/** Well-to-wheel kg CO2e per km of the vehicles an FCEV of each class replaces, at `speedKmh`. */
export function replacedKgCo2ePerKm(cls: H2VehicleClass, speedKmh: number): number {
  const f = resolveFactors();
  let g = 0;
  for (const { key, weight } of REPLACED_VEHICLES[cls]) g += weight * vehicleCo2(f, key, speedKmh).wtw;
  return g / 1000;
}

// ---------------------------------------------------------------------------------------------------
// Production

export const SOURCE_TYPES = ['smr', 'byproduct', 'grid_electrolysis', 'renewable_electrolysis', 'imported'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface SourceTypeDefaults {
  readonly label: string;
  readonly costKrwPerKg: CitedFigure;
  readonly kgCo2ePerKg: CitedFigure;
}

/** PEM electrolysis electricity use (docs/ARCHITECTURE.md reference facts: 55 kWh/kg in 2020, 50 by 2030). */
export const ELECTROLYSIS_KWH_PER_KG = 55;
/**
 * Korean industrial electricity price: CityTwin assumption of 150 KRW/kWh, near KEPCO's average
 * industrial sales price in 2023 (about 150–160 KRW/kWh). Used only for grid electrolysis cost.
 */
export const INDUSTRIAL_KRW_PER_KWH = 150;
/** Grid electrolysis capital and operating cost on top of electricity, CityTwin assumption. */
const ELECTROLYSER_NON_ENERGY_KRW_PER_KG = 1500;

export const SOURCE_DEFAULTS: Readonly<Record<SourceType, SourceTypeDefaults>> = {
  smr: {
    label: 'Steam methane reforming (grey)',
    // Rethink Energy analysis reported by Hydrogen Insight (2022): SMR at 2022 gas prices about
    // USD 3.30/kg (44 kWh of gas per kg); before the 2022 gas price rise about USD 1.50/kg.
    costKrwPerKg: {
      value: 3.3 * KRW_PER_USD,
      unit: 'KRW/kg',
      source: `SMR hydrogen about USD 3.30/kg at 2022 gas prices (Rethink Energy, reported in Hydrogen Insight, 2022); ${EXCHANGE_SOURCE}`,
    },
    kgCo2ePerKg: {
      value: HYDROGEN_KG_CO2E_PER_KG,
      unit: 'kg CO2e/kg H2',
      source: 'SMR about 9.35 kg CO2e/kg H2 direct, 11.2 with upstream methane supply: docs/ARCHITECTURE.md reference facts (carbon module HYDROGEN_KG_CO2E_PER_KG, reused)',
    },
  },
  byproduct: {
    label: 'By-product hydrogen (petrochemical / chlor-alkali, purified)',
    costKrwPerKg: {
      value: 2500,
      unit: 'KRW/kg',
      source: 'Illustrative CityTwin assumption: no published Korean figure was found in the sources at hand; set below SMR because by-product hydrogen is a residual stream that needs only purification (PSA) and compression. Replace with a supplier quote',
    },
    kgCo2ePerKg: {
      value: 4,
      unit: 'kg CO2e/kg H2',
      source: 'Illustrative CityTwin assumption: the footprint of by-product hydrogen depends on how the host process emissions are allocated (0 with none, near SMR when the hydrogen is valued as fuel it replaces); 4 kg CO2e/kg is a placeholder between those bounds',
    },
  },
  grid_electrolysis: {
    label: 'Electrolysis on the Korean grid',
    costKrwPerKg: {
      value: ELECTROLYSIS_KWH_PER_KG * INDUSTRIAL_KRW_PER_KWH + ELECTROLYSER_NON_ENERGY_KRW_PER_KG,
      unit: 'KRW/kg',
      source: `${ELECTROLYSIS_KWH_PER_KG} kWh/kg (PEM 2020, docs/ARCHITECTURE.md) x ${INDUSTRIAL_KRW_PER_KWH} KRW/kWh (CityTwin assumption near the KEPCO 2023 average industrial price) + ${ELECTROLYSER_NON_ENERGY_KRW_PER_KG} KRW/kg electrolyser capital and O&M (CityTwin assumption)`,
    },
    kgCo2ePerKg: {
      value: ELECTROLYSIS_KWH_PER_KG * GRID_T_PER_MWH, // kWh/kg x kg/kWh (t/MWh = kg/kWh)
      unit: 'kg CO2e/kg H2',
      source: `${ELECTROLYSIS_KWH_PER_KG} kWh/kg x Korea grid ${GRID_T_PER_MWH} t CO2e/MWh (carbon module GRID_T_PER_MWH, 2023 consumption-side factor) = about 23 kg CO2e/kg, as in docs/ARCHITECTURE.md`,
    },
  },
  renewable_electrolysis: {
    label: 'Electrolysis on renewable electricity (green)',
    costKrwPerKg: {
      value: 5.3 * KRW_PER_EUR,
      unit: 'KRW/kg',
      source: `Electrolytic hydrogen 5.3 EUR/kg in 2020, the reference point of the regression over 832 cost forecasts in Frieden & Leker, "Future costs of hydrogen: a quantitative review", Sustainable Energy & Fuels (RSC), 2024 (4.4 EUR/kg by 2030); ${EXCHANGE_SOURCE}`,
    },
    kgCo2ePerKg: {
      value: 2.9,
      unit: 'kg CO2e/kg H2',
      source: 'Renewable electrolysis median 2.9 kg CO2e/kg H2 (life cycle): docs/ARCHITECTURE.md reference facts',
    },
  },
  imported: {
    label: 'Imported hydrogen (shipped, at a Korean terminal)',
    costKrwPerKg: {
      value: 7000,
      unit: 'KRW/kg',
      source: 'Illustrative CityTwin assumption: overseas production plus shipping and reconversion at a terminal (for an import that arrives liquid, set form "liquid": the price then includes liquefaction at export, and liquid delivery does not charge it again); the Korean Hydrogen Economy Roadmap (MOTIE, January 2019) aims for a pump price of 3,000 KRW/kg by 2040, which imported supply would have to approach',
    },
    kgCo2ePerKg: {
      value: 5,
      unit: 'kg CO2e/kg H2',
      source: 'Illustrative CityTwin assumption: low-carbon overseas production (2-3 kg CO2e/kg) plus shipping, carrier conversion and reconversion energy; depends entirely on the supply chain certified',
    },
  },
};

// ---------------------------------------------------------------------------------------------------
// Delivery

export const DELIVERY_KINDS = ['tube_trailer', 'pipeline', 'liquid'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export interface DeliveryDefaults {
  readonly label: string;
  /** kg per trip; null for a pipeline (continuous). */
  readonly payloadKg: CitedFigure | null;
  readonly costKrwPerKgKm: CitedFigure;
  readonly fixedKrwPerKg: CitedFigure;
  readonly fixedKrwPerTrip: CitedFigure;
  /** Electricity per kg to condition the hydrogen for this mode (compression, liquefaction). */
  readonly energyKwhPerKg: CitedFigure;
}

/**
 * Delivery cost lines: cost per kg = fixed + slope × km, fitted through two distances of one Chinese
 * industry estimate ("How expensive it is to transport hydrogen", New Radar Gas news, c. 2021):
 * tube trailer 5.43 CNY/kg at 50 km and 20.18 at 500 km; pipeline 0.86 CNY/kg at 25 km and 1.20 at
 * 100 km (a large, well-used line); liquid tanker 13.51 CNY/kg at 50 km and 14.01 at 500 km (includes
 * liquefaction). Cross-check: Innova Research (2025) puts tube trailers at USD 0.87/kg per 100 km
 * (1,131 KRW/kg); the line below gives 1,272 KRW/kg at 100 km.
 */
const NRG = 'New Radar Gas, "How expensive it is to transport hydrogen" (Chinese industry estimate, c. 2021)';
const line = (c1: number, d1: number, c2: number, d2: number): { slope: number; fixed: number } => {
  const slope = (c2 - c1) / (d2 - d1);
  return { slope: slope * KRW_PER_CNY, fixed: (c1 - slope * d1) * KRW_PER_CNY };
};
const TUBE = line(5.43, 50, 20.18, 500);
const PIPE = line(0.86, 25, 1.2, 100);
const LIQ = line(13.51, 50, 14.01, 500);

/** Renewable Hydrogen Alliance FAQ: compression adds 1.5–6 kWh/kg, liquefaction 8.3–12 kWh/kg. */
const RHA = 'Renewable Hydrogen Alliance FAQ "Aside from power to the electrolyzer stack, are there other significant energy inputs?": compression 1.5-6 kWh/kg, liquefaction 8.3-12 kWh/kg';

export const DELIVERY_DEFAULTS: Readonly<Record<DeliveryKind, DeliveryDefaults>> = {
  tube_trailer: {
    label: 'Tube trailer (steel, 250 bar)',
    payloadKg: {
      value: 280,
      unit: 'kg/trip',
      source: 'US DOE Hydrogen and Fuel Cell Technologies Office, "Hydrogen Tube Trailers": steel tube trailers at 250 bar carry about 280 kg (weight-limited); composite trailers 560-720 kg (also docs/ARCHITECTURE.md)',
    },
    costKrwPerKgKm: { value: TUBE.slope, unit: 'KRW/(kg km)', source: `${NRG}: slope of the line through 5.43 CNY/kg at 50 km and 20.18 at 500 km; ${EXCHANGE_SOURCE}` },
    fixedKrwPerKg: { value: TUBE.fixed, unit: 'KRW/kg', source: `${NRG}: intercept of the same line (loading, compression, handling); ${EXCHANGE_SOURCE}` },
    fixedKrwPerTrip: { value: 0, unit: 'KRW/trip', source: 'CityTwin default: per-trip costs are inside the per-kg line above; set a value to price trips separately' },
    energyKwhPerKg: { value: 2, unit: 'kWh/kg', source: `${RHA}; 2 kWh/kg taken for filling at 250 bar (low end, lower pressure than vehicle tanks)` },
  },
  pipeline: {
    label: 'Pipeline',
    payloadKg: null,
    costKrwPerKgKm: { value: PIPE.slope, unit: 'KRW/(kg km)', source: `${NRG}: slope of the line through 0.86 CNY/kg at 25 km and 1.20 at 100 km (large line at high utilisation); ${EXCHANGE_SOURCE}` },
    fixedKrwPerKg: { value: PIPE.fixed, unit: 'KRW/kg', source: `${NRG}: intercept of the same line; ${EXCHANGE_SOURCE}. Only where a pipeline exists: a new line's capital cost is not in this figure` },
    fixedKrwPerTrip: { value: 0, unit: 'KRW/trip', source: 'A pipeline has no trips' },
    energyKwhPerKg: { value: 0, unit: 'kWh/kg', source: 'CityTwin assumption: pipeline compression energy not modelled (small beside trailer filling or liquefaction)' },
  },
  liquid: {
    label: 'Liquid hydrogen tanker',
    payloadKg: {
      value: 3000,
      unit: 'kg/trip',
      source: 'Liquid-hydrogen trailers hold 28,400-49,200 L gross (Wikipedia "Liquid-hydrogen trailer", via HandWiki); at 70.8 kg/m3 (LH2 at 20 K) that is 2,000-3,480 kg; 3,000 kg taken',
    },
    costKrwPerKgKm: { value: LIQ.slope, unit: 'KRW/(kg km)', source: `${NRG}: slope of the line through 13.51 CNY/kg at 50 km and 14.01 at 500 km; ${EXCHANGE_SOURCE}` },
    fixedKrwPerKg: { value: LIQ.fixed, unit: 'KRW/kg', source: `${NRG}: intercept of the same line (includes liquefaction); ${EXCHANGE_SOURCE}` },
    fixedKrwPerTrip: { value: 0, unit: 'KRW/trip', source: 'CityTwin default: per-trip costs are inside the per-kg line above' },
    energyKwhPerKg: { value: 10, unit: 'kWh/kg', source: `${RHA}; 10 kWh/kg taken (mid-range)` },
  },
};

/** Road distance / straight-line distance for on-map legs. */
export const CIRCUITY: CitedFigure = {
  value: 1.3,
  unit: 'road km / straight-line km',
  source: 'Ballou, Rahardja & Sakai, "Selected country circuity factors for road travel distance estimation", Transportation Research Part A 36 (2002): factors about 1.2-1.4 by country; 1.3 taken',
};

/** Speed at which the delivery truck's CO2 per km is taken from the carbon module's diesel truck curve. */
export const TRUCK_SPEED_KMH = 60;
/** Well-to-wheel kg CO2e per km of the diesel truck that hauls trailers (carbon module, reused). */
export function truckKgCo2ePerKm(): CitedFigure {
  const g = vehicleCo2(resolveFactors(), 'truck_heavy', TRUCK_SPEED_KMH).wtw;
  return {
    value: g / 1000,
    unit: 'kg CO2e/km',
    source: `carbon module truck_heavy (COPERT rigid truck 14-20 t Euro VI, 50 % load) well-to-wheel at ${TRUCK_SPEED_KMH} km/h; a tractor with a full trailer emits more, so this is a low estimate. Trips are counted out and back (2 x distance)`,
  };
}

/** Electricity for conditioning (compression, liquefaction) is taken from the grid at this factor. */
export const CONDITIONING_GRID_KG_PER_KWH: CitedFigure = {
  value: GRID_T_PER_MWH,
  unit: 'kg CO2e/kWh',
  source: 'Korea grid 0.4173 t CO2e/MWh (carbon module GRID_T_PER_MWH, 2023) applied to compression and liquefaction electricity',
};

// ---------------------------------------------------------------------------------------------------
// Objective and penalties

/** Pump-price target for 2022 of the Korean Hydrogen Economy Roadmap (MOTIE, January 2019), KRW/kg. */
export const ROADMAP_PUMP_PRICE_KRW_PER_KG = 6000;
const UNMET_PENALTY_KRW = 50_000;
export const UNMET_PENALTY_KRW_PER_KG: CitedFigure = {
  value: UNMET_PENALTY_KRW,
  unit: 'KRW/kg',
  source: `CityTwin assumption: ${thousands(UNMET_PENALTY_KRW)} KRW/kg, about ${(UNMET_PENALTY_KRW / ROADMAP_PUMP_PRICE_KRW_PER_KG).toFixed(1)}x the 2022 pump-price target of the Korean Hydrogen Economy Roadmap (${thousands(ROADMAP_PUMP_PRICE_KRW_PER_KG)} KRW/kg; MOTIE, January 2019) and far above any supply or detour cost, so demand is left unmet only when no open station within reach can serve it`,
};
export const UNMET_PENALTY_KG_CO2E_PER_KG: CitedFigure = {
  value: 100,
  unit: 'kg CO2e/kg',
  source: 'CityTwin assumption: above the carbon intensity of any source (grid electrolysis about 23 kg CO2e/kg), so the CO2 objective also serves all demand it can',
};
export const CARBON_PRICE_KRW_PER_T: CitedFigure = {
  value: 100_000,
  unit: 'KRW/t CO2e',
  source: 'CityTwin assumption for the weighted objective: 100,000 KRW/t CO2e (about USD 77/t), a shadow carbon price; Korean ETS allowances traded far lower (about 10,000 KRW/t) in 2023',
};

// ---------------------------------------------------------------------------------------------------
// Liquefaction of hydrogen that is already liquid

/**
 * Part of a liquid mode's per-kg fixed cost that is liquefaction, when the mode does not state it: the
 * mode's liquefaction electricity (energyKwhPerKg, 10 kWh/kg by default) x the industrial electricity
 * price above. A source whose hydrogen is already liquid (`form: "liquid"`, e.g. a liquid-hydrogen import
 * terminal) ships by a liquid mode without this cost and without that electricity's CO2. The liquefier's
 * capital stays in the mode's cost (the New Radar Gas line does not split it out), so this credit is a low
 * estimate.
 */
export function liquefactionKrwPerKg(energyKwhPerKg: number): CitedFigure {
  return {
    value: energyKwhPerKg * INDUSTRIAL_KRW_PER_KWH,
    unit: 'KRW/kg',
    source: `CityTwin estimate: liquefaction electricity ${energyKwhPerKg} kWh/kg (the mode's conditioning energy; ${RHA}) x ${INDUSTRIAL_KRW_PER_KWH} KRW/kWh (CityTwin assumption near the KEPCO 2023 average industrial price); not charged again to hydrogen that is already liquid at its source. Capped at the mode's fixed cost per kg`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Catchments: which stations a zone's drivers use

export const CATCHMENT_MODES = ['capacitated', 'nearest'] as const;
export type CatchmentMode = (typeof CATCHMENT_MODES)[number];

/** Hyundai Nexo tank, kg H2 (docs/ARCHITECTURE.md reference facts). */
export const NEXO_TANK_KG = 6.33;
/** HyNet's pump price before its announced 2024 rise to about 13,112 KRW/kg (Hydrogen Insight, 2024). */
export const PUMP_PRICE_KRW_PER_KG = 9794;
/** Non-working travel-time value of a car trip, KRW per hour (see CATCHMENT_DEFAULTS.detourCostKrwPerKm). */
export const CAR_TIME_VALUE_KRW_PER_H = 9700;

const DETOUR_FUEL_KRW_PER_KM = (CONSUMPTION_KG_PER_100KM.car.value / 100) * PUMP_PRICE_KRW_PER_KG;
const DETOUR_TIME_KRW_PER_KM = CAR_TIME_VALUE_KRW_PER_H / REPLACED_SPEED_KMH.value;

/**
 * Catchment defaults. A zone's drivers may refuel at any open station whose detour is at most
 * `maxDetourKm`; the detour of station j for zone z is the extra road distance of a refuelling visit
 * (there and back) against the zone's nearest station:
 *   detour(z, j) = 2 x circuity x (|z - j| - |z - nearest(z)|) / 1000   km (straight lines in metres).
 * Each kg served at j costs drivers detour(z, j) x detourCostKrwPerKm / kgPerVisit, and burns
 * detour(z, j) x car kg/km / kgPerVisit kg of hydrogen (CO2 at detourKgCo2ePerKgH2).
 */
export const CATCHMENT_DEFAULTS: {
  readonly mode: CatchmentMode;
  readonly modeSource: string;
  readonly maxDetourKm: CitedFigure;
  readonly detourCostKrwPerKm: CitedFigure;
  readonly detourKgCo2ePerKgH2: CitedFigure;
  readonly kgPerVisit: CitedFigure;
} = {
  mode: 'capacitated',
  modeSource:
    'CityTwin default: capacitated facility location - a zone\'s demand goes to any open station within the maximum detour, with room, at the drivers\' detour cost; "nearest" fixes each zone to its nearest station before optimising (the earlier model)',
  maxDetourKm: {
    value: (6 / 60) * REPLACED_SPEED_KMH.value,
    unit: 'km per visit',
    source: `Early adopters of natural-gas cars in Los Angeles detoured up to about 6 minutes from their routes to refuel (Kuby, Kelley & Schoenemann, "Spatial refueling patterns of alternative-fuel and gasoline vehicle drivers in Los Angeles", Transportation Research Part D, 2013); 6 min at ${REPLACED_SPEED_KMH.value} km/h (CityTwin's urban speed) = ${(6 / 60) * REPLACED_SPEED_KMH.value} km of extra driving per visit`,
  },
  detourCostKrwPerKm: {
    value: DETOUR_FUEL_KRW_PER_KM + DETOUR_TIME_KRW_PER_KM,
    unit: 'KRW per vehicle-km',
    source: `Fuel: Nexo ${CONSUMPTION_KG_PER_100KM.car.value} kg/100 km x ${thousands(PUMP_PRICE_KRW_PER_KG)} KRW/kg (HyNet pump price before its announced 2024 rise, Hydrogen Insight 2024) = ${DETOUR_FUEL_KRW_PER_KM.toFixed(1)} KRW/km; time: about ${thousands(CAR_TIME_VALUE_KRW_PER_H)} KRW/h, the non-working travel-time value of a car trip in Korea's road-sector preliminary-feasibility guidelines (2016 figure, as summarised by LibreWiki "통행시간가치"; a secondary source - use the current KDI PIMAC guideline value for a study) / ${REPLACED_SPEED_KMH.value} km/h = ${DETOUR_TIME_KRW_PER_KM.toFixed(1)} KRW/km; vehicle wear left out`,
  },
  detourKgCo2ePerKgH2: {
    value: HYDROGEN_KG_CO2E_PER_KG,
    unit: 'kg CO2e/kg H2',
    source: 'The detour\'s own hydrogen (car kg/km x detour km) is counted in the co2 and weighted objectives at the carbon module\'s hydrogen factor (SMR with upstream, HYDROGEN_KG_CO2E_PER_KG), so drivers are not sent round for nothing; it is not added to demand',
  },
  kgPerVisit: {
    value: 0.75 * NEXO_TANK_KG,
    unit: 'kg per visit',
    source: `CityTwin assumption: a visit refills three quarters of a Hyundai Nexo's ${NEXO_TANK_KG} kg tank (docs/ARCHITECTURE.md) = ${(0.75 * NEXO_TANK_KG).toFixed(2)} kg; buses and trucks fill more per visit, so their detour cost per kg is overstated`,
  },
};

export const DAYS_PER_YEAR = 365;

/** Options HiGHS runs with unless the model says otherwise. */
export const SOLVER_DEFAULTS = {
  timeLimitS: 30,
  /**
   * Relative MIP gap at which branch and bound stops: HiGHS' own default, 1e-4 (the objective is within
   * 0.01 % of the best bound). Tighter gaps cost seconds of sub-MIP heuristics in the WebAssembly build.
   */
  mipRelGap: 1e-4,
} as const;
