/**
 * Building data tables: energy use intensity (EUI, final energy, kWh per m² of floor area per year) by use
 * and climate region, the split of that energy over carriers, and the carriers' emission factors
 * (t CO2e per MWh of final energy). Every row carries its source.
 */

export const BUILDING_USE_KEYS = ['apartment', 'house', 'office', 'commercial', 'education', 'other', 'mixed', 'unconditioned'] as const;
export type BuildingUse = (typeof BUILDING_USE_KEYS)[number];

export const CLIMATE_REGIONS = ['central', 'south'] as const;
export type ClimateRegion = (typeof CLIMATE_REGIONS)[number];

export interface EuiRow {
  readonly central: number;
  readonly south: number;
  readonly source: string;
}

const MOLIT_2024 = 'MOLIT 2024 building energy use medians (docs/ARCHITECTURE.md reference facts)';

/** EUI, kWh/m²·yr of floor area. Only apartments and offices are MOLIT medians; the rest are labelled fallbacks. */
export const EUI: Readonly<Record<BuildingUse, EuiRow>> = {
  apartment: { central: 136, south: 111, source: `${MOLIT_2024}: apartments 136 (central) / 111 (south)` },
  house: { central: 136, south: 111, source: 'CityTwin fallback: detached and terraced houses take the MOLIT 2024 apartment median (no house median in the reference facts)' },
  office: { central: 159, south: 102, source: `${MOLIT_2024}: offices 159 (central) / 102 (south)` },
  commercial: { central: 159, south: 102, source: 'CityTwin fallback: retail, hotels and other commercial buildings take the MOLIT 2024 office median' },
  education: { central: 159, south: 102, source: 'CityTwin fallback: schools and universities take the MOLIT 2024 office median' },
  other: { central: 159, south: 102, source: 'CityTwin fallback: public, health, religious and industrial buildings take the MOLIT 2024 office median' },
  mixed: { central: 147.5, south: 106.5, source: 'CityTwin fallback: buildings of unknown use (building=yes) take the mean of the MOLIT 2024 apartment and office medians' },
  unconditioned: { central: 0, south: 0, source: 'CityTwin assumption: roofs, carports, garages, sheds, parking, ruins and buildings under construction use no metered energy' },
};

export interface CarrierSplit {
  /** Shares of final energy, summing to 1. */
  readonly electricity: number;
  readonly gas: number;
  readonly districtHeat: number;
}

export interface CarrierSplitRow extends CarrierSplit {
  readonly source: string;
}

const SPLIT_RES = 'MOLIT building energy statistics (2019 national shares, as reported with the 2020 statistics): homes use gas 53 %, electricity 37 %, district heat 10 % of final energy';
const SPLIT_NONRES = 'MOLIT building energy statistics (2019 national shares): non-residential buildings use 72 % electricity; CityTwin assumption for the rest: gas 23 %, district heat 5 %';

export const CARRIER_SPLIT: Readonly<Record<BuildingUse, CarrierSplitRow>> = {
  apartment: { electricity: 0.37, gas: 0.53, districtHeat: 0.1, source: SPLIT_RES },
  house: { electricity: 0.37, gas: 0.53, districtHeat: 0.1, source: SPLIT_RES },
  office: { electricity: 0.72, gas: 0.23, districtHeat: 0.05, source: SPLIT_NONRES },
  commercial: { electricity: 0.72, gas: 0.23, districtHeat: 0.05, source: SPLIT_NONRES },
  education: { electricity: 0.72, gas: 0.23, districtHeat: 0.05, source: SPLIT_NONRES },
  other: { electricity: 0.72, gas: 0.23, districtHeat: 0.05, source: SPLIT_NONRES },
  mixed: { electricity: 0.545, gas: 0.38, districtHeat: 0.075, source: 'CityTwin assumption: mean of the residential and non-residential splits' },
  unconditioned: { electricity: 1, gas: 0, districtHeat: 0, source: 'No energy (EUI 0); split irrelevant' },
};

/** Korea's grid electricity, t CO2e per MWh consumed (2023 consumption-side factor). */
export const GRID_T_PER_MWH = 0.4173;
export const GRID_SOURCE =
  'Korea national grid emission factor 2023, consumption side: 0.4173 t CO2e/MWh (Greenhouse Gas Inventory and Research Center (GIR) and the national GHG statistics committee of the Ministry of Climate, Energy and Environment, announced December 2025; 0.4509 for 2021, 0.4312 for 2022, 0.4541 the 2020-22 average)';

/**
 * Natural gas per MWh of gross calorific value. IPCC's 56,100 kg CO2/TJ is per TJ of net calorific value
 * (0.20196 t/MWh NCV); gas is metered, sold and reported on GCV (as Korean energy statistics and the EUIs
 * above are), and one MWh of it holds NCV/GCV = 0.9 MWh of NCV.
 */
export const NCV_PER_GCV_NATURAL_GAS = 0.9;
export const GAS_T_PER_MWH = ((56_100 * 3.6) / 1e6) * NCV_PER_GCV_NATURAL_GAS;
export const GAS_SOURCE =
  'IPCC 2006 Guidelines Vol. 2 ch. 2 Stationary combustion, Tables 2.4/2.5: natural gas 56,100 kg CO2/TJ on net calorific value (0.20196 t CO2/MWh NCV) x NCV/GCV 0.9 (IEA energy statistics convention for natural gas) = 0.18176 t CO2/MWh on gross calorific value, the basis of metered gas and of the MOLIT energy-use figures it multiplies; CH4 and N2O (< 0.3 %) left out';

/** District heat: Korea District Heating Corp., 2021 factor for its capital-region plants, 35,936 kg CO2/TJ. */
export const DISTRICT_HEAT_T_PER_MWH = (35_936 * 3.6) / 1e6;
export const DISTRICT_HEAT_SOURCE =
  'Korea District Heating Corp. (KDHC), 2021 heat (steam) GHG emission factor published under the K-ETS reporting guideline, capital-region branches (수도권지사): 35,936 kg CO2/TJ (CH4 0.6534, N2O 0.0661 kg/TJ left out) = 0.12937 t CO2/MWh; other KDHC branches range 25,340-67,971 kg CO2/TJ';

/**
 * OSM `building` (and `amenity`/`shop`/`office`) values → use. Anything not listed is `mixed`.
 */
export const USE_OF_BUILDING_TAG: Readonly<Record<string, BuildingUse>> = Object.freeze({
  apartments: 'apartment', residential: 'apartment', dormitory: 'apartment', flats: 'apartment',
  house: 'house', detached: 'house', semidetached_house: 'house', terrace: 'house', bungalow: 'house', villa: 'house', farm: 'house', cabin: 'house',
  office: 'office', government: 'office', civic: 'office',
  commercial: 'commercial', retail: 'commercial', supermarket: 'commercial', hotel: 'commercial', kiosk: 'commercial', shop: 'commercial', mall: 'commercial', restaurant: 'commercial',
  school: 'education', university: 'education', college: 'education', kindergarten: 'education',
  hospital: 'other', public: 'other', church: 'other', chapel: 'other', cathedral: 'other', mosque: 'other', temple: 'other', synagogue: 'other',
  industrial: 'other', warehouse: 'other', manufacture: 'other', train_station: 'other', transportation: 'other', stadium: 'other', sports_hall: 'other', castle: 'other', fire_station: 'other',
  garage: 'unconditioned', garages: 'unconditioned', carport: 'unconditioned', roof: 'unconditioned', shed: 'unconditioned', parking: 'unconditioned',
  hut: 'unconditioned', ruins: 'unconditioned', construction: 'unconditioned', bunker: 'unconditioned', transformer_tower: 'unconditioned', service: 'unconditioned',
  greenhouse: 'unconditioned', hangar: 'unconditioned', toilets: 'unconditioned', bridge: 'unconditioned',
});
export const USE_MAPPING_SOURCE =
  'CityTwin mapping of OSM building=* values to uses (apartments/residential -> apartment; office; retail/hotel -> commercial; school -> education; roof/garage/shed/construction -> unconditioned; building=yes and unknown values -> mixed); an explicit `use` property with one of the use keys wins';
