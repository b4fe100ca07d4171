/**
 * Transport data tables: speed-dependent fuel consumption curves (COPERT, EMEP/EEA guidebook), fuel
 * properties, energy use of electric and fuel-cell vehicles, the default fleet mix and the peak-hour →
 * year expansion. Every row carries its source. Speeds in km/h, fuel consumption (FC) in g fuel per km.
 *
 * Where the coefficients were read: the EMEP/EEA guidebook tables are published as PDF and Excel; the
 * numbers below were read from their transcription in the public `pollemission` repository (ENPC/INRIA,
 * LGPL; github.com/pollemission/pollemission), which cites the guidebook table for each array. Only the
 * numbers were taken, no code. Each HDV/bus row of the guidebook's annex also tabulates the curve's value
 * at its top speed; tests/core/carbon/factors.test.ts checks our evaluation against those published values.
 */

/** EMEP/EEA guidebook 2013 (updated Sept. 2014), chapter 1.A.3.b.i–iv Road transport (Ntziachristos & Samaras). */
export const EMEP_EEA_2013 =
  'EMEP/EEA air pollutant emission inventory guidebook 2013 (update Sept. 2014), 1.A.3.b.i-iv Road transport';
const VIA_POLLEMISSION_PC = 'coefficients read from pollemission/pollemission copert.py (efc_gasoline_passenger_car_fc, commit 0492b31e)';
const VIA_POLLEMISSION_HDV = 'row read from pollemission/pollemission input/HDV_parameter.csv (commit a41ba776)';
const VIA_POLLEMISSION_LDV =
  'row read from pollemission/pollemission input/LDV_parameter.csv (commit 0492b31e), whose copert.py reads "Equation 9" as FC = (a V^b + c V^d)(1 - RF), RF = 0 here';

/**
 * A speed curve for fuel consumption, g/km, valid on [vMin, vMax] km/h; outside it the speed is clamped
 * to the range (the guidebook gives no values there; clamping is what COPERT-based tools do).
 *  - `rational`: FC = (a + c·V + e·V²) / (1 + b·V + d·V²)  (guidebook 2013 equation for Euro 1–4 PCs);
 *  - `poly`: FC = c0 + c1·V + c2·V² + c3·V³  (quadratic PC curves; HDV annex function 14, the cubic);
 *  - `expPower`: FC = a · b^V · V^c  (HDV annex function 0);
 *  - `powerSum`: FC = a · V^b + c · V^d  (light commercial vehicle "Equation 9").
 */
export type SpeedCurve =
  | { readonly form: 'rational'; readonly a: number; readonly b: number; readonly c: number; readonly d: number; readonly e: number; readonly vMin: number; readonly vMax: number }
  | { readonly form: 'poly'; readonly coefficients: readonly number[]; readonly vMin: number; readonly vMax: number }
  | { readonly form: 'expPower'; readonly a: number; readonly b: number; readonly c: number; readonly vMin: number; readonly vMax: number }
  | { readonly form: 'powerSum'; readonly a: number; readonly b: number; readonly c: number; readonly d: number; readonly vMin: number; readonly vMax: number };

export interface CurveRow {
  readonly key: string;
  readonly label: string;
  readonly curve: SpeedCurve;
  readonly source: string;
  /** Value the source tabulates for this curve, as [speed km/h, FC g/km], where it gives one. */
  readonly published?: readonly [number, number];
}

/**
 * COPERT fuel consumption curves. Petrol Euro 4 PC rows: guidebook 2013 Table 3-41 (FC of Euro 1–4
 * gasoline PCs by engine size, 10–130 km/h). The 1.4–2.0 l row is transcribed with b = 2.6e2, which
 * makes FC ≈ 0 and is a transcription slip: we use b = 2.60e-2 (the <1.4 l row has 2.61e-2).
 */
export const FC_CURVES: readonly CurveRow[] = [
  {
    key: 'pc_petrol_euro4_lt1.4',
    label: 'Passenger car, petrol, Euro 4, <1.4 l',
    curve: { form: 'rational', a: 1.1e2, b: 2.61e-2, c: -1.67, d: 2.25e-4, e: 3.12e-2, vMin: 10, vMax: 130 },
    source: `${EMEP_EEA_2013}, Table 3-41 (FC, Euro 4, <1.4 l); ${VIA_POLLEMISSION_PC}`,
  },
  {
    key: 'pc_petrol_euro4_1.4-2.0',
    label: 'Passenger car, petrol, Euro 4, 1.4–2.0 l',
    curve: { form: 'rational', a: 1.36e2, b: 2.6e-2, c: -1.65, d: 2.28e-4, e: 3.12e-2, vMin: 10, vMax: 130 },
    source: `${EMEP_EEA_2013}, Table 3-41 (FC, Euro 4, 1.4-2.0 l; b read as 2.60e-2, transcribed 2.6e2); ${VIA_POLLEMISSION_PC}`,
  },
  {
    key: 'pc_petrol_euro4_gt2.0',
    label: 'Passenger car, petrol, Euro 4, >2.0 l',
    curve: { form: 'rational', a: 1.74e2, b: 6.85e-2, c: 3.64e-1, d: -2.47e-4, e: 8.74e-3, vMin: 10, vMax: 130 },
    source: `${EMEP_EEA_2013}, Table 3-41 (FC, Euro 4, >2.0 l); ${VIA_POLLEMISSION_PC}`,
  },
  {
    key: 'pc_diesel_lt2.0',
    label: 'Passenger car, diesel, conventional (pre-Euro) <2.0 l',
    curve: { form: 'poly', coefficients: [118.489, -2.084, 0.014], vMin: 10, vMax: 130 },
    source: `${EMEP_EEA_2013}, Tier 3 hot emission factors of conventional diesel PCs: FC = 118.489 - 2.084 V + 0.014 V^2; read from pollemission/pollemission copert.py HEFDieselPassengerCar (commit 0492b31e). No Euro 4+ diesel PC FC curve was found in the sources at hand, so this older curve stands in and likely overstates a modern diesel car by 10-20 %`,
  },
  {
    key: 'bus_urban_std_euroVI_load0',
    label: 'Urban bus standard 15–18 t, Euro VI, 0 % load, 0 % slope',
    curve: { form: 'poly', coefficients: [505.8886059091, -14.4346494375, 0.2257377463, -0.0011831997], vMin: 11, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV/bus hot emission factor annex (June 2012), BUS / Urban Buses Standard 15 - 18 t / HD Euro VI / FC / load 0 / slope 0%, function 14; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 181.48385],
  },
  {
    key: 'bus_urban_std_euroVI_load50',
    label: 'Urban bus standard 15–18 t, Euro VI, 50 % load, 0 % slope',
    curve: { form: 'poly', coefficients: [549.5453027524, -15.0002116319, 0.2352516408, -0.001272813], vMin: 11, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV/bus hot emission factor annex (June 2012), BUS / Urban Buses Standard 15 - 18 t / HD Euro VI / FC / load 50 / slope 0%, function 14; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 189.86792],
  },
  {
    key: 'bus_urban_std_euroVI_load100',
    label: 'Urban bus standard 15–18 t, Euro VI, 100 % load, 0 % slope',
    curve: { form: 'poly', coefficients: [590.7630809184, -15.4138356308, 0.2417066657, -0.0013451641], vMin: 11, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV/bus hot emission factor annex (June 2012), BUS / Urban Buses Standard 15 - 18 t / HD Euro VI / FC / load 100 / slope 0%, function 14; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 197.236],
  },
  {
    key: 'truck_rigid_14-20t_euroVI_load0',
    label: 'Rigid truck 14–20 t, Euro VI, 0 % load, 0 % slope',
    curve: { form: 'expPower', a: 2576.2281954528, b: 1.0122444978, c: -0.8821133904, vMin: 12, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV hot emission factor annex (June 2012), HDV / Rigid 14 - 20 t / HD Euro VI / FC / load 0 / slope 0%, function 0; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 144.23939],
  },
  {
    key: 'truck_rigid_14-20t_euroVI_load50',
    label: 'Rigid truck 14–20 t, Euro VI, 50 % load, 0 % slope',
    curve: { form: 'expPower', a: 2156.5530357824, b: 1.0086369691, c: -0.7525795586, vMin: 12, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV hot emission factor annex (June 2012), HDV / Rigid 14 - 20 t / HD Euro VI / FC / load 50 / slope 0%, function 0; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 158.15977],
  },
  {
    key: 'truck_rigid_14-20t_euroVI_load100',
    label: 'Rigid truck 14–20 t, Euro VI, 100 % load, 0 % slope',
    curve: { form: 'expPower', a: 1844.9943194848, b: 1.0052527495, c: -0.6358097815, vMin: 12, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV hot emission factor annex (June 2012), HDV / Rigid 14 - 20 t / HD Euro VI / FC / load 100 / slope 0%, function 0; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 170.48854],
  },
  {
    key: 'lcv_diesel_euro6c',
    label: 'Light commercial vehicle (N1, <= 3.5 t), diesel, Euro 6c',
    curve: { form: 'powerSum', a: 367.204078143516, b: -0.496520228841925, c: 1.22660743820454e-3, d: 2.18849635128224, vMin: 10, vMax: 110 },
    source: `EMEP/EEA guidebook light commercial vehicle annex (COPERT), Diesel < 3.5 t, LD Euro 6c, FC: FC = 367.204 V^-0.49652 + 1.22661e-3 V^2.18850 g/km on 10-110 km/h (83.8 g/km at 20, 59.1 at 50, 71.6 at 110 km/h); ${VIA_POLLEMISSION_LDV}`,
  },
  {
    key: 'truck_rigid_7.5-12t_euroVI_load50',
    label: 'Rigid truck 7.5–12 t, Euro VI, 50 % load, 0 % slope',
    curve: { form: 'expPower', a: 1338.1912170277, b: 1.0106310527, c: -0.716766153, vMin: 12, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV hot emission factor annex (June 2012), HDV / Rigid 7.5 - 12 t / HD Euro VI / FC / load 50 / slope 0%, function 0; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 136.42754],
  },
  {
    key: 'truck_articulated_34-40t_euroVI_load50',
    label: 'Articulated truck 34–40 t, Euro VI, 50 % load, 0 % slope',
    curve: { form: 'expPower', a: 2192.3909861221, b: 1.001535678, c: -0.5531156056, vMin: 12, vMax: 86 },
    source: `${EMEP_EEA_2013}, HDV hot emission factor annex (June 2012), HDV / Articulated 34 - 40 t / HD Euro VI / FC / load 50 / slope 0%, function 0; ${VIA_POLLEMISSION_HDV}`,
    published: [86, 212.92628],
  },
];

export type FuelKey = 'petrol' | 'diesel' | 'lpg';

export interface FuelRow {
  readonly key: FuelKey;
  /** CO2 per energy, kg CO2 / TJ (net calorific value basis). */
  readonly co2KgPerTj: number;
  /** Net calorific value, MJ/kg (= TJ/Gg). */
  readonly ncvMjPerKg: number;
  /** Density, kg/L (to turn g of fuel into litres for the per-litre well-to-wheel factor). */
  readonly densityKgPerL: number;
  /** Well-to-wheel factor: combustion plus upstream (extraction, refining, transport), kg CO2e per litre. */
  readonly wtwKgPerL: number;
  readonly source: string;
}

const IPCC_2006_MOBILE = 'IPCC 2006 Guidelines, Vol. 2 ch. 3 Mobile combustion, Table 3.2.1 (default CO2 factor) and Vol. 2 ch. 1 Table 1.2 (default NCV)';
/** Per-litre totals incl. upstream: ARCHITECTURE.md reference facts (ADEME Base Carbone). */
const ADEME = 'ADEME Base Carbone (combustion + upstream), as given in docs/ARCHITECTURE.md reference facts';

export const FUELS: Readonly<Record<FuelKey, FuelRow>> = {
  petrol: {
    key: 'petrol', co2KgPerTj: 69_300, ncvMjPerKg: 44.3, densityKgPerL: 0.745, wtwKgPerL: 2.79,
    source: `${IPCC_2006_MOBILE}: motor gasoline 69,300 kg CO2/TJ, NCV 44.3 TJ/Gg; ${ADEME}: petrol 2.79 kg CO2e/L; density 0.745 kg/L: CityTwin assumption inside the EN 228 range (0.720-0.775 kg/L)`,
  },
  diesel: {
    key: 'diesel', co2KgPerTj: 74_100, ncvMjPerKg: 43.0, densityKgPerL: 0.835, wtwKgPerL: 3.17,
    source: `${IPCC_2006_MOBILE}: gas/diesel oil 74,100 kg CO2/TJ, NCV 43.0 TJ/Gg; ${ADEME}: diesel 3.17 kg CO2e/L; density 0.835 kg/L: CityTwin assumption inside the EN 590 range (0.820-0.845 kg/L)`,
  },
  lpg: {
    key: 'lpg', co2KgPerTj: 63_100, ncvMjPerKg: 47.3, densityKgPerL: 0.55, wtwKgPerL: 1.86,
    source: `${IPCC_2006_MOBILE}: LPG 63,100 kg CO2/TJ, NCV 47.3 TJ/Gg; ADEME Base Carbone GPL 1.86 kg CO2e/L (as listed by CompteCO2/Carbon-Weight wiki/vehicle.md, not checked against ADEME directly); density 0.55 kg/L: CityTwin assumption (autogas 0.51-0.58 kg/L)`,
  },
};

export const VEHICLE_CLASS_KEYS = [
  'car_petrol',
  'car_diesel',
  'car_lpg',
  'car_hybrid',
  'car_bev',
  'car_fcev',
  'bus_diesel',
  'bus_fcev',
  'truck_light',
  'truck_medium',
  'truck_heavy',
] as const;
export type VehicleClassKey = (typeof VEHICLE_CLASS_KEYS)[number];

/** How a vehicle class uses energy. */
export type VehicleEnergy =
  | { readonly kind: 'fuel'; readonly fuel: FuelKey; readonly curve: string; readonly scale: number }
  | { readonly kind: 'electricity'; readonly kwhPerKm: number }
  | { readonly kind: 'hydrogen'; readonly kgPerKm: number };

export interface VehicleClassRow {
  readonly key: VehicleClassKey;
  readonly label: string;
  readonly energy: VehicleEnergy;
  readonly source: string;
}

/**
 * Vehicle classes. `curve` names a row of FC_CURVES; `scale` multiplies it (LPG: same energy use as
 * petrol, so fuel mass × NCV_petrol / NCV_LPG; hybrid: a fuel saving).
 */
export const VEHICLE_CLASSES: readonly VehicleClassRow[] = [
  {
    key: 'car_petrol', label: 'Passenger car, petrol',
    energy: { kind: 'fuel', fuel: 'petrol', curve: 'pc_petrol_euro4_1.4-2.0', scale: 1 },
    source: 'COPERT Euro 4 petrol 1.4-2.0 l curve (see transport.curve.pc_petrol_euro4_1.4-2.0); Euro 5/6 PCs share the Euro 4 FC curve in the 2013 guidebook',
  },
  {
    key: 'car_diesel', label: 'Passenger car, diesel',
    energy: { kind: 'fuel', fuel: 'diesel', curve: 'pc_diesel_lt2.0', scale: 1 },
    source: 'COPERT conventional diesel PC <2.0 l curve (see transport.curve.pc_diesel_lt2.0; stands in for modern diesel cars, likely high)',
  },
  {
    key: 'car_lpg', label: 'Passenger car, LPG',
    energy: { kind: 'fuel', fuel: 'lpg', curve: 'pc_petrol_euro4_1.4-2.0', scale: 44.3 / 47.3 },
    source: 'CityTwin assumption: an LPG car uses the same energy per km as the petrol Euro 4 1.4-2.0 l car, so its fuel mass is the petrol curve x NCV_petrol / NCV_LPG = 44.3 / 47.3 (IPCC 2006 NCVs)',
  },
  {
    key: 'car_hybrid', label: 'Passenger car, petrol hybrid (HEV)',
    energy: { kind: 'fuel', fuel: 'petrol', curve: 'pc_petrol_euro4_1.4-2.0', scale: 0.7 },
    source: 'CityTwin assumption: a full hybrid uses 30 % less fuel than the petrol Euro 4 1.4-2.0 l car at the same average speed (replace with a measured ratio)',
  },
  {
    key: 'car_bev', label: 'Passenger car, battery electric',
    energy: { kind: 'electricity', kwhPerKm: 0.18 },
    source: 'CityTwin assumption: 0.18 kWh/km at the meter (incl. charging losses), a typical compact/mid-size BEV; no speed dependence modelled',
  },
  {
    key: 'car_fcev', label: 'Passenger car, fuel cell (hydrogen)',
    energy: { kind: 'hydrogen', kgPerKm: 0.0095 },
    source: 'Hyundai Nexo approx. 0.95 kg H2/100 km (6.33 kg tank, 666 km WLTP): docs/ARCHITECTURE.md reference facts; no speed dependence modelled',
  },
  {
    key: 'bus_diesel', label: 'City bus, diesel (Euro VI, 12 m)',
    energy: { kind: 'fuel', fuel: 'diesel', curve: 'bus_urban_std_euroVI_load50', scale: 1 },
    source: 'COPERT urban bus standard 15-18 t Euro VI, 50 % load, flat road (see transport.curve.bus_urban_std_euroVI_load50)',
  },
  {
    key: 'bus_fcev', label: 'City bus, fuel cell (hydrogen)',
    energy: { kind: 'hydrogen', kgPerKm: 0.0741 },
    source: 'Hyundai Elec City FCEV (Korean 11 m city bus): 13.5 km per kg H2 = 7.41 kg/100 km, Hyundai figure at the first series bus delivery, Changwon, 5 June 2019 (as reported by Korean press; a manufacturer figure, not fleet data); European 12 m fuel-cell buses in the JIVE project used 8-12 kg/100 km (docs/ARCHITECTURE.md reference facts); no speed dependence modelled',
  },
  {
    key: 'truck_light', label: 'Light truck / van (<= 3.5 t), diesel',
    energy: { kind: 'fuel', fuel: 'diesel', curve: 'lcv_diesel_euro6c', scale: 1 },
    source: 'COPERT light commercial vehicle diesel <3.5 t Euro 6c (see transport.curve.lcv_diesel_euro6c); Korea\'s 1-tonne class trucks (소형: <= 1 t load, <= 3.5 t gross, Motor Vehicle Management Act rule, annex 1) fall in this class',
  },
  {
    key: 'truck_medium', label: 'Medium truck (3.5–12 t), diesel',
    energy: { kind: 'fuel', fuel: 'diesel', curve: 'truck_rigid_7.5-12t_euroVI_load50', scale: 1 },
    source: 'COPERT rigid truck 7.5-12 t Euro VI, 50 % load, flat road (see transport.curve.truck_rigid_7.5-12t_euroVI_load50); Korea\'s 중형 class is 3.5-10 t gross',
  },
  {
    key: 'truck_heavy', label: 'Heavy truck (> 12 t), diesel',
    energy: { kind: 'fuel', fuel: 'diesel', curve: 'truck_rigid_14-20t_euroVI_load50', scale: 1 },
    source: 'COPERT rigid truck 14-20 t Euro VI, 50 % load, flat road (see transport.curve.truck_rigid_14-20t_euroVI_load50); articulated 34-40 t tractors (transport.curve.truck_articulated_34-40t_euroVI_load50) use 30-60 % more and can be chosen as a factor override',
  },
];

export type FleetMix = Readonly<Record<VehicleClassKey, number>>;

/** Default share of vehicles (not vehicle-km by class) in every link flow; editable, must sum to 1. */
export const DEFAULT_FLEET_MIX: FleetMix = {
  car_petrol: 0.45,
  car_diesel: 0.24,
  car_lpg: 0.06,
  car_hybrid: 0.07,
  car_bev: 0.03,
  car_fcev: 0,
  bus_diesel: 0.02,
  bus_fcev: 0,
  truck_light: 0.09,
  truck_medium: 0.025,
  truck_heavy: 0.015,
};
export const DEFAULT_FLEET_MIX_SOURCE =
  'CityTwin assumption: an illustrative Korean urban traffic mix by vehicles (petrol 45 %, diesel 24 %, LPG 6 %, hybrid 7 %, BEV 3 % cars; 2 % buses; 13 % trucks, of which light 9 %, medium 2.5 %, heavy 1.5 %). Trucks are 14.4 % of Korea\'s registered vehicles (MOLIT, June 2023) and 24.9 % of counted traffic on intercity roads (MOLIT 2024 road traffic survey); most registered trucks are of the 1-tonne class, and the split by weight is a CityTwin assumption pending the MOLIT registration table by size (차종별 규모별 등록현황). Replace with local counts';

/**
 * Peak hour → day → year. K = design-hour volume / AADT; with the modelled peak hour taken as the design
 * hour, daily = peak / K and yearly = daily × 365.
 */
export const PEAK_HOUR_SHARE = 0.09;
export const PEAK_HOUR_SHARE_SOURCE =
  'CityTwin assumption K = 0.09 (design-hour volume / AADT), inside the 0.08-0.12 range typical of urban roads for the Highway Capacity Manual K-factor (TRB; default values in NCHRP Report 599, 2008); the modelled peak hour is taken as the design hour and its speeds as the all-day speeds';
export const DAYS_PER_YEAR = 365;
export const DAYS_PER_YEAR_SOURCE = 'AADT basis: K relates the peak hour to the annual average daily traffic, so a year is 365 average days';

/** Default hydrogen carbon intensity until the hydrogen model supplies one. */
export const HYDROGEN_KG_CO2E_PER_KG = 11.2;
export const HYDROGEN_SOURCE = 'Steam methane reforming approx. 9.35 kg CO2e/kg H2 direct, 11.2 with upstream: docs/ARCHITECTURE.md reference facts (to be replaced by the hydrogen model)';

/**
 * Typical daily traffic of a road by OSM class when no assignment is available (the carbon map's
 * fallback): annual average daily traffic (AADT), both directions, vehicles per day. Arterials and
 * collectors take the middle of the U.S. urban AADT ranges by functional class; motorways the Korean
 * expressway average; local streets the bottom of the local range; service ways none (driveways and
 * parking aisles carry the last metres of trips already counted on the streets).
 */
const FHWA_2013 = 'FHWA, Highway Functional Classification: Concepts, Criteria and Procedures (2013 ed.), typical urban AADT ranges by functional class (U.S. roads; Korean urban counts by class would be better: 도로교통량 통계연보)';
export interface DailyVolumeRow {
  readonly aadt: number;
  readonly source: string;
}
export const ROAD_CLASS_AADT: Readonly<Record<string, DailyVolumeRow>> = {
  motorway: { aadt: 53_392, source: 'MOLIT road traffic survey 2024: average daily traffic on Korean expressways 53,392 veh/day' },
  motorway_link: { aadt: 8_500, source: `CityTwin assumption: a ramp carries about a minor arterial's volume (${FHWA_2013}: minor arterial 3,000-14,000, midpoint 8,500)` },
  trunk: { aadt: 17_000, source: `${FHWA_2013}: other principal arterial 7,000-27,000 veh/day, midpoint` },
  trunk_link: { aadt: 3_700, source: `CityTwin assumption: a link road carries about a collector's volume (${FHWA_2013}: collector 1,100-6,300, midpoint 3,700)` },
  primary: { aadt: 17_000, source: `${FHWA_2013}: other principal arterial 7,000-27,000 veh/day, midpoint` },
  primary_link: { aadt: 3_700, source: `CityTwin assumption: a link road carries about a collector's volume (${FHWA_2013}: collector 1,100-6,300, midpoint 3,700)` },
  secondary: { aadt: 8_500, source: `${FHWA_2013}: minor arterial 3,000-14,000 veh/day, midpoint` },
  secondary_link: { aadt: 3_700, source: `CityTwin assumption: a link road carries about a collector's volume (${FHWA_2013}: collector 1,100-6,300, midpoint 3,700)` },
  tertiary: { aadt: 3_700, source: `${FHWA_2013}: major and minor collector 1,100-6,300 veh/day, midpoint` },
  tertiary_link: { aadt: 1_100, source: `CityTwin assumption: the bottom of the collector range (${FHWA_2013})` },
  unclassified: { aadt: 390, source: `${FHWA_2013}: local road 80-700 veh/day, midpoint` },
  road: { aadt: 390, source: `${FHWA_2013}: local road 80-700 veh/day, midpoint (highway=road: class unknown)` },
  residential: { aadt: 80, source: `${FHWA_2013}: local road 80-700 veh/day, bottom of the range (residential streets carry their own residents' trips)` },
  living_street: { aadt: 80, source: `${FHWA_2013}: local road 80-700 veh/day, bottom of the range` },
  service: { aadt: 0, source: 'CityTwin assumption: driveways, parking aisles and alleys carry the last metres of trips already counted on the street network' },
};
