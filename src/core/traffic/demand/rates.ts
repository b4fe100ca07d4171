/**
 * Land use from OSM building tags, and PM-peak-hour vehicle trip rates per 100 m² of floor area.
 *
 * Rates are ITE Trip Generation Manual, 10th edition (Institute of Transportation Engineers, 2017),
 * weekday "PM peak hour of adjacent street traffic, one hour between 4 and 6 p.m.", average vehicle
 * trip-end rates, General Urban/Suburban setting, with ITE's directional split. A trip end leaving a
 * building is an origin (production) in the PM peak; one entering is a destination (attraction).
 *
 * Conversions applied (shown as assumptions):
 *  - 1,000 sq ft = 92.90304 m² (exact), so a rate per 1,000 sq ft × 100 / 92.90304 is per 100 m²;
 *  - residential rates are per dwelling unit (DU); 1 DU = 100 m² gross floor area (CityTwin
 *    assumption: 85 m² exclusive area, the Korean 국민주택규모 of 주택법 제2조, ÷ 0.85 exclusive-to-gross);
 *  - ITE 820 is per 1,000 sq ft of gross *leasable* area; we take GLA = GFA.
 * The rates are US suburban vehicle rates: dense, transit-served centres generate fewer car trips,
 * which is what the demand scale factor is for.
 */

/** Land-use groups, in table order (index = `LandUse`). */
export const LAND_USE_KEYS = ['residential', 'office', 'retail', 'education', 'other', 'unknown', 'none'] as const;
export type LandUseKey = (typeof LAND_USE_KEYS)[number];
export const LandUse: Readonly<Record<LandUseKey, number>> = Object.freeze({
  residential: 0,
  office: 1,
  retail: 2,
  education: 3,
  other: 4,
  unknown: 5,
  none: 6,
});
export const LAND_USE_COUNT = LAND_USE_KEYS.length;

/** m² in 1,000 sq ft (1 ft = 0.3048 m exactly). */
export const M2_PER_KSF = 92.90304;
/** Gross floor area of one dwelling unit, m² (see the module header). */
export const DWELLING_AREA_M2 = 100;
export const DWELLING_AREA_SOURCE =
  'CityTwin assumption: 85 m² exclusive area (국민주택규모, 주택법 제2조 제6호) ÷ 0.85 exclusive-to-gross ratio';
/** Share of `building=yes` floor area treated as residential; the rest as office (no information). */
export const UNKNOWN_RESIDENTIAL_SHARE = 0.5;

/** One published rate, before conversion to floor area. */
export interface TripRateSource {
  readonly landUse: LandUseKey;
  /** ITE land use code and name. */
  readonly code: string;
  readonly name: string;
  /** Vehicle trip ends per unit in the PM peak hour. */
  readonly rate: number;
  readonly unit: 'dwelling unit' | '1,000 sq ft GFA' | '1,000 sq ft GLA';
  /** Share of trip ends entering (the rest exit). */
  readonly entering: number;
}

const ITE = 'ITE Trip Generation Manual, 10th ed. (2017), weekday PM peak hour of adjacent street traffic, average rate, General Urban/Suburban';

/** The ITE rows used (10th edition). */
export const ITE_RATES: readonly TripRateSource[] = [
  { landUse: 'residential', code: '221', name: 'Multifamily Housing (Mid-Rise)', rate: 0.44, unit: 'dwelling unit', entering: 0.61 },
  { landUse: 'office', code: '710', name: 'General Office Building', rate: 1.15, unit: '1,000 sq ft GFA', entering: 0.16 },
  { landUse: 'retail', code: '820', name: 'Shopping Center', rate: 3.81, unit: '1,000 sq ft GLA', entering: 0.48 },
  { landUse: 'education', code: '530', name: 'High School', rate: 0.97, unit: '1,000 sq ft GFA', entering: 0.48 },
  { landUse: 'other', code: '110', name: 'General Light Industrial', rate: 0.63, unit: '1,000 sq ft GFA', entering: 0.13 },
];

/** Trip ends per 100 m² of floor area in the PM peak hour, by land use. */
export interface TripRates {
  /** Exiting (origins / productions), veh/h per 100 m², indexed by LandUse. */
  readonly production: Float64Array;
  /** Entering (destinations / attractions), veh/h per 100 m². */
  readonly attraction: Float64Array;
}

/** Converts the ITE rows to rates per 100 m²; `unknown` mixes residential and office. */
export function tripRates(
  dwellingAreaM2: number = DWELLING_AREA_M2,
  unknownResidentialShare: number = UNKNOWN_RESIDENTIAL_SHARE,
  rows: readonly TripRateSource[] = ITE_RATES,
): TripRates {
  if (!(dwellingAreaM2 > 0)) throw new RangeError('dwellingAreaM2 must be > 0');
  if (!(unknownResidentialShare >= 0 && unknownResidentialShare <= 1)) throw new RangeError('unknownResidentialShare must be in [0, 1]');
  const production = new Float64Array(LAND_USE_COUNT);
  const attraction = new Float64Array(LAND_USE_COUNT);
  for (const row of rows) {
    const unitArea = row.unit === 'dwelling unit' ? dwellingAreaM2 : M2_PER_KSF;
    const per100 = (row.rate * 100) / unitArea;
    const i = LandUse[row.landUse];
    production[i] = per100 * (1 - row.entering);
    attraction[i] = per100 * row.entering;
  }
  return withUnknownUse(production, attraction, unknownResidentialShare);
}

export const TRIP_RATE_SOURCE = ITE;

const RESIDENTIAL = new Set([
  'apartments', 'residential', 'house', 'detached', 'semidetached_house', 'terrace', 'bungalow', 'dormitory',
  'villa', 'farm', 'static_caravan', 'houseboat', 'cabin',
]);
const OFFICE = new Set(['office', 'commercial', 'government']);
const RETAIL = new Set(['retail', 'supermarket', 'kiosk', 'shop', 'mall', 'department_store']);
const EDUCATION = new Set(['school', 'university', 'college', 'kindergarten']);
/** Structures that neither house nor employ anyone. */
const NONE = new Set([
  'roof', 'garage', 'garages', 'carport', 'shed', 'greenhouse', 'construction', 'ruins', 'transformer_tower',
  'service', 'bunker', 'hut', 'parking', 'water_tower', 'silo', 'tank', 'storage_tank',
]);
const EDUCATION_AMENITY = new Set(['school', 'university', 'college', 'kindergarten']);

/**
 * Land use of a building from its tags, or -1 for `building=no` and for a `building:part` without a
 * `building` tag (parts repeat their outline's floor area, so they are left out). Order: `building` value in the sets above;
 * a generic value (`yes` or absent) is refined by `shop` (retail), `office` (office) or an educational
 * `amenity`, else it is `unknown`; any other `building` value is `other`.
 */
export function landUseOf(props: Readonly<Record<string, unknown>>): number {
  const raw = props['building'];
  const b = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  const part = props['building:part'];
  if (b === 'no') return -1;
  if ((b === undefined || b === '') && part !== undefined && part !== 'no') return -1;
  if (b !== undefined && b !== '' && b !== 'yes') {
    if (RESIDENTIAL.has(b)) return LandUse.residential;
    if (OFFICE.has(b)) return LandUse.office;
    if (RETAIL.has(b)) return LandUse.retail;
    if (EDUCATION.has(b)) return LandUse.education;
    if (NONE.has(b)) return LandUse.none;
    return LandUse.other;
  }
  if (props['shop'] !== undefined) return LandUse.retail;
  if (props['office'] !== undefined) return LandUse.office;
  const amenity = props['amenity'];
  if (typeof amenity === 'string' && EDUCATION_AMENITY.has(amenity)) return LandUse.education;
  return LandUse.unknown;
}

/**
 * Trip-generation method: 'ite' — ITE vehicle trip rates per floor area (US practice, above);
 * 'korea' — Korean practice: person trips × car mode share ÷ vehicle occupancy (KTDB-style, below).
 */
export type TripMethod = 'ite' | 'korea';
export const TRIP_METHODS: readonly TripMethod[] = ['ite', 'korea'];

/**
 * Korean practice (국가교통DB / 수도권 가구통행실태조사 style): vehicle trips = person trips × car mode share
 * ÷ car occupancy. Person trips come from the people a building holds (residents per dwelling, jobs per
 * floor area), their daily person-trip ends and the PM peak hour's share of the day; the in/out split
 * is ITE's (same land use). Each figure states whether it is published or a CityTwin assumption.
 */
export interface KoreaRateParameters {
  /** Residents per dwelling unit. */
  readonly personsPerDwelling: number;
  /** Person trips per resident per day (each has about one end at home). */
  readonly tripsPerResident: number;
  /** Gross floor area per job, m², by non-residential land use. */
  readonly m2PerJob: Readonly<Record<'office' | 'retail' | 'education' | 'other', number>>;
  /** Person-trip ends per job per day (workers and visitors), by non-residential land use. */
  readonly tripEndsPerJob: Readonly<Record<'office' | 'retail' | 'education' | 'other', number>>;
  /** Share of the day's trips in the PM peak hour. */
  readonly peakHourShare: number;
  /** Car (승용차) share of person trips. */
  readonly carShare: number;
  /** Persons per car (재차인원). */
  readonly occupancy: number;
}

export const KOREA_DEFAULTS: KoreaRateParameters = {
  personsPerDwelling: 2.3,
  tripsPerResident: 1.68,
  m2PerJob: { office: 20, retail: 40, education: 40, other: 60 },
  tripEndsPerJob: { office: 2.5, retail: 10, education: 4, other: 2.5 },
  peakHourShare: 0.1,
  carShare: 0.241,
  occupancy: 1.22,
};

/** Where each Korean figure comes from (shown in the assumptions). */
export const KOREA_SOURCES: Readonly<Record<keyof KoreaRateParameters, string>> = {
  personsPerDwelling: 'CityTwin assumption: about the Korean average household size (Statistics Korea census, 2.3 persons per household around 2020); one household per dwelling',
  tripsPerResident:
    'Derived: 87,051,000 person trips per day in Korea in 2016 (MOLIT / KOTI 국가교통조사, press release 16 May 2018) ÷ 51.7 million registered residents (end of 2016, 주민등록인구)',
  m2PerJob: 'CityTwin assumption: gross floor area per job (office 20, shop 40, school 40, other 60 m²)',
  tripEndsPerJob: 'CityTwin assumption: person-trip ends per job per day, workers and visitors (office 2.5, shop 10, school 4, other 2.5)',
  peakHourShare: 'CityTwin assumption: the PM peak hour carries 10 % of the day\'s trips',
  carShare: 'Seoul residents, 2010 수도권 가구통행실태조사 (Seoul Metropolitan Government, reported by 서울신문 19 Feb 2013): car 24.1 %, taxi 7.2 %, public transport 64.3 %',
  occupancy: 'Average car occupancy 1.22 persons, Korea 2016 (MOLIT / KOTI 국가교통조사, press release 16 May 2018; 82.5 % of cars carry the driver alone)',
};

/** Korean-practice rates per 100 m² (same form as `tripRates`), veh/h in the PM peak hour. */
export function koreaTripRates(
  dwellingAreaM2: number = DWELLING_AREA_M2,
  unknownResidentialShare: number = UNKNOWN_RESIDENTIAL_SHARE,
  k: KoreaRateParameters = KOREA_DEFAULTS,
): TripRates {
  if (!(dwellingAreaM2 > 0)) throw new RangeError('dwellingAreaM2 must be > 0');
  if (!(unknownResidentialShare >= 0 && unknownResidentialShare <= 1)) throw new RangeError('unknownResidentialShare must be in [0, 1]');
  if (!(k.occupancy >= 1) || !(k.carShare >= 0 && k.carShare <= 1) || !(k.peakHourShare >= 0 && k.peakHourShare <= 1)) {
    throw new RangeError('korea rates: occupancy must be >= 1, carShare and peakHourShare in [0, 1]');
  }
  const toVehicles = (k.peakHourShare * k.carShare) / k.occupancy;
  const production = new Float64Array(LAND_USE_COUNT);
  const attraction = new Float64Array(LAND_USE_COUNT);
  for (const row of ITE_RATES) {
    const i = LandUse[row.landUse];
    let personEnds: number;
    if (row.landUse === 'residential') {
      personEnds = ((k.personsPerDwelling * 100) / dwellingAreaM2) * k.tripsPerResident;
    } else {
      const use = row.landUse as 'office' | 'retail' | 'education' | 'other';
      if (!(k.m2PerJob[use] > 0)) throw new RangeError(`korea rates: m2PerJob.${use} must be > 0`);
      personEnds = (100 / k.m2PerJob[use]) * k.tripEndsPerJob[use];
    }
    const veh = personEnds * toVehicles;
    production[i] = veh * (1 - row.entering);
    attraction[i] = veh * row.entering;
  }
  return withUnknownUse(production, attraction, unknownResidentialShare);
}

/**
 * A building of unknown use generates trips as a blend of a residential and an office one: `share` of the
 * residential rates plus (1 − share) of the office rates (both trip ends).
 */
function withUnknownUse(production: Float64Array, attraction: Float64Array, share: number): { production: Float64Array; attraction: Float64Array } {
  const r = LandUse.residential;
  const o = LandUse.office;
  const u = LandUse.unknown;
  production[u] = share * production[r]! + (1 - share) * production[o]!;
  attraction[u] = share * attraction[r]! + (1 - share) * attraction[o]!;
  return { production, attraction };
}
