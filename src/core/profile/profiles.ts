/**
 * City profiles: the country-level figures a city's models take by default — grid electricity and
 * natural-gas factors, the building climate region, the legal default speed limit of untagged roads by
 * class, the trip-generation method and the display currency. A city gets one profile (the built-in
 * cities name theirs; a loaded city is matched by where it lies); the planner can choose another, and
 * any single factor can still be overridden in the carbon model.
 *
 * Units: t CO2e per MWh of final energy (gas on the gross calorific value basis of the energy-use
 * figures it multiplies); km/h.
 */
import { GAS_SOURCE, GAS_T_PER_MWH, GRID_SOURCE, GRID_T_PER_MWH, type ClimateRegion } from '../carbon/model/data/buildings.ts';

export const PROFILE_IDS = ['KR', 'MC'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** Trip generation: ITE vehicle-trip rates, or Korean person-trip rates × car mode share ÷ occupancy. */
export type TripMethod = 'ite' | 'korea';

/** A figure of a profile with its source. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

export interface CityProfile {
  readonly id: ProfileId;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly name: { readonly en: string; readonly ko: string };
  /** Grid electricity as consumed, t CO2e/MWh. */
  readonly gridTPerMWh: Sourced<number>;
  /** Natural gas, t CO2/MWh of gross calorific value (the basis of the EUI tables). */
  readonly gasTPerMWh: Sourced<number>;
  readonly region: Sourced<ClimateRegion>;
  /**
   * Legal speed limit an untagged road of each OSM `highway` class is taken to have, km/h. A road's
   * free-flow speed is the lower of its class's default and this limit (read as a tagged `maxspeed`);
   * classes not listed keep their class default.
   */
  readonly speedLimitsKmh: Sourced<Readonly<Record<string, number>>>;
  readonly tripMethod: Sourced<TripMethod>;
  /** Share of the trip ends at work places whose other end lies outside the study area (commuters). */
  readonly commuterShare: Sourced<number>;
  /** Of those, the share crossing the cordon by car, relative to what the trip method already counts. */
  readonly commuterCarShare: Sourced<number>;
  /** ISO 4217 code, for display. */
  readonly currency: Sourced<string>;
  /** Standard time's offset from UTC, hours (the sun study's clock times and season dates). */
  readonly utcOffsetHours: Sourced<number>;
}

/** 도로교통법 시행규칙 제19조 (amended 2019, in force 17 April 2021): "안전속도 5030". */
const KR_5030 =
  'Korea Road Traffic Act Enforcement Rule (도로교통법 시행규칙) Art. 19 as amended for "안전속도 5030" (in force 17 April 2021): 50 km/h on general roads in residential, commercial and industrial areas, 30 km/h in school zones (어린이보호구역) and on the residential side streets the police designate; expressways (고속도로) 100 km/h on two or more lanes per direction, motor-vehicle-only roads (자동차전용도로) 90 km/h';
const MC_50 =
  'Monaco road traffic code (Code de la route, Ordonnance souveraine n° 1.691 of 17 December 1957, as amended): 50 km/h, the limit of built-up areas, which is the whole Principality; its 30 km/h zones are tagged in OpenStreetMap';

export const PROFILES: Readonly<Record<ProfileId, CityProfile>> = {
  KR: {
    id: 'KR',
    country: 'KR',
    name: { en: 'Korea', ko: '대한민국' },
    gridTPerMWh: { value: GRID_T_PER_MWH, source: GRID_SOURCE },
    gasTPerMWh: { value: GAS_T_PER_MWH, source: GAS_SOURCE },
    region: { value: 'central', source: 'MOLIT building energy climate regions: central (중부, incl. Seoul and the capital region) unless the city lies in the southern region' },
    speedLimitsKmh: {
      value: {
        motorway: 100, motorway_link: 100, trunk: 90, trunk_link: 90,
        primary: 50, primary_link: 50, secondary: 50, secondary_link: 50, tertiary: 50, tertiary_link: 50,
        unclassified: 50, road: 50, residential: 30, living_street: 30, service: 30,
      },
      source: `${KR_5030}; CityTwin reading: OSM motorway = 고속도로, trunk = 자동차전용도로, primary-unclassified = general urban roads, residential/living_street/service = side streets`,
    },
    tripMethod: { value: 'korea', source: 'Korean practice (KTDB household travel survey): person trips x car mode share / vehicle occupancy' },
    commuterShare: {
      value: 0.9,
      source: 'CityTwin assumption for a district-sized study area in a Korean city (a dong or a business district such as Yeouido): nine in ten of its jobs are held by people living outside it; replace with the KTDB origin-destination table of the area',
    },
    commuterCarShare: {
      value: 1,
      source: 'The Korean trip method already applies the car mode share to every trip, commutes across the cordon included',
    },
    currency: { value: 'KRW', source: 'Korean won' },
    utcOffsetHours: {
      value: 9,
      source: 'Korea Standard Time (KST), UTC+9, no daylight saving since 1988 (Korea Astronomy and Space Science Institute, the national time standard)',
    },
  },
  MC: {
    id: 'MC',
    country: 'MC',
    name: { en: 'Monaco', ko: '모나코' },
    gridTPerMWh: {
      value: 0.055,
      source: 'Monaco buys its electricity from the French grid: French consumption mix, annual average, life cycle, 0.055 kg CO2e/kWh for 2021 (ADEME Base Empreinte figure as reported; 0.073 for 2022, a year of low nuclear output) = 0.055 t CO2e/MWh. Monaco\'s national inventory is territorial, so this electricity is not in it',
    },
    gasTPerMWh: { value: GAS_T_PER_MWH, source: GAS_SOURCE },
    region: {
      value: 'south',
      source: 'CityTwin assumption: Monaco\'s mild Mediterranean winter (January mean about 10 °C) is nearer Korea\'s southern climate region than its central one; the EUIs are Korean (MOLIT) medians, there being no Monegasque ones at hand',
    },
    speedLimitsKmh: {
      value: {
        motorway: 50, motorway_link: 50, trunk: 50, trunk_link: 50, primary: 50, primary_link: 50, secondary: 50, secondary_link: 50,
        tertiary: 50, tertiary_link: 50, unclassified: 50, road: 50, residential: 50, living_street: 20, service: 50,
      },
      source: `${MC_50}; living streets (zones de rencontre) 20 km/h`,
    },
    tripMethod: { value: 'ite', source: 'ITE Trip Generation vehicle-trip rates (no Monegasque household travel survey rates at hand)' },
    commuterShare: {
      value: 0.89,
      source: 'IMSEE (Monaco statistics institute), private-sector employees 2022: 89 % live outside Monaco; INSEE Flash PACA no. 108 (Nov. 2024): 33,200 residents of Provence-Alpes-Côte d\'Azur worked in Monaco in 2021',
    },
    commuterCarShare: {
      value: 0.46,
      source: 'Observatoire des territoires (ANCT), "Des actifs du tertiaire aux déplacements multimodaux vers Monaco" (2017): 46 % of cross-border workers travelled to Monaco by car in 2013 (26 % public transport, 21 % two-wheelers); INSEE Analyses PACA no. 71 (2019): 45 %. ITE vehicle-trip rates count every commute as a car trip',
    },
    currency: { value: 'EUR', source: 'euro' },
    utcOffsetHours: {
      value: 1,
      source: 'Central European Time (CET), UTC+1, as in France; the sun study keeps standard time, so summer time (UTC+2) is not applied',
    },
  },
};

/** Rough national extents, [west, south, east, north] in degrees, to match a loaded city to a profile. */
const EXTENTS: readonly { readonly id: ProfileId; readonly box: readonly [number, number, number, number] }[] = [
  { id: 'MC', box: [7.40, 43.72, 7.44, 43.76] },
  { id: 'KR', box: [124.5, 33.0, 131.9, 38.7] },
];

/** The profile of a city at lon/lat, and whether it was matched (false: none matched, Korea's used). */
export function profileAt(lon: number, lat: number): { readonly id: ProfileId; readonly matched: boolean } {
  for (const e of EXTENTS) {
    const [w, s, east, n] = e.box;
    if (lon >= w && lon <= east && lat >= s && lat <= n) return { id: e.id, matched: true };
  }
  return { id: 'KR', matched: false };
}

export function isProfileId(x: unknown): x is ProfileId {
  return typeof x === 'string' && (PROFILE_IDS as readonly string[]).includes(x);
}

/** Every figure of a profile as an assumption row (key, value, unit, source). */
export function profileAssumptions(p: CityProfile): { key: string; value: string | number; unit: string; source: string }[] {
  return [
    { key: 'profile.id', value: p.id, unit: '-', source: `${p.name.en}: the city profile in use` },
    { key: 'profile.grid', value: p.gridTPerMWh.value, unit: 't CO2e/MWh', source: p.gridTPerMWh.source },
    { key: 'profile.gas', value: +p.gasTPerMWh.value.toFixed(5), unit: 't CO2/MWh (GCV)', source: p.gasTPerMWh.source },
    { key: 'profile.region', value: p.region.value, unit: '-', source: p.region.source },
    {
      key: 'profile.speedLimits',
      value: Object.entries(p.speedLimitsKmh.value).map(([k, kmh]) => `${k} ${kmh}`).join(', '),
      unit: 'km/h',
      source: p.speedLimitsKmh.source,
    },
    { key: 'profile.tripMethod', value: p.tripMethod.value, unit: '-', source: p.tripMethod.source },
    { key: 'profile.commuterShare', value: p.commuterShare.value, unit: 'share of work trip ends', source: p.commuterShare.source },
    { key: 'profile.commuterCarShare', value: p.commuterCarShare.value, unit: 'share of those by car', source: p.commuterCarShare.source },
    { key: 'profile.currency', value: p.currency.value, unit: '-', source: p.currency.source },
    { key: 'profile.utcOffset', value: p.utcOffsetHours.value, unit: 'h from UTC', source: p.utcOffsetHours.source },
  ];
}
