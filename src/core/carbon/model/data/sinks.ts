/**
 * Sinks: CO2 absorption by land cover, t CO2 per hectare per year (positive = absorbed; the model reports
 * sinks as negative emissions). Every row carries its source.
 */

export const LAND_COVER_KEYS = ['forest', 'park', 'garden', 'cemetery', 'grass', 'water', 'other'] as const;
export type LandCover = (typeof LAND_COVER_KEYS)[number];

export interface SinkRow {
  readonly tPerHa: number;
  readonly source: string;
}

/** 44/12: mass of CO2 per mass of carbon. */
const C_TO_CO2 = 44 / 12;
/**
 * Urban trees: t C per hectare of tree-crown cover per year. This is IPCC's Tier 2a crown-cover method
 * (2006 Guidelines Vol. 4 ch. 8 Settlements, Eq. 8.2 with Table 8.1 "default crown cover area-based growth
 * rates (CRW) for urban tree crown cover by region"), a regional figure derived from U.S. urban-forest data,
 * not a Tier 1 default (Tier 1 assumes no change in settlements).
 */
const URBAN_TREE_TC_PER_HA_CROWN = 2.9;
const URBAN_TREE = `IPCC 2006 Guidelines Vol. 4 ch. 8 Settlements, Tier 2a crown-cover method (Eq. 8.2, Table 8.1 regional crown-cover growth rate CRW; a figure from U.S. urban-forest data, not a Tier 1 default): 2.9 t C per ha of crown cover per year (x 44/12 = ${(URBAN_TREE_TC_PER_HA_CROWN * C_TO_CO2).toFixed(3)} t CO2); use a Korean crown-cover figure where one exists`;

export const SINK_RATES: Readonly<Record<LandCover, SinkRow>> = {
  forest: {
    tPerHa: 10.8,
    source: 'National Institute of Forest Science (국립산림과학원), standard carbon uptake of major tree species (주요 산림수종의 표준 탄소흡수량, Korea Forest Service, November 2012; 8 species, 3,212 plots): a 30-year-old pine (소나무) stand absorbs 10.8 t CO2/ha/yr; on a 60-year basis sawtooth oak (상수리) 11.72, Mongolian oak (신갈) 9.00, larch (낙엽송) 8.96, Gangwon pine 7.35 t CO2/ha/yr. The forest\'s species and age are not in OSM data: the 30-year pine figure stands for all',
  },
  park: {
    tPerHa: URBAN_TREE_TC_PER_HA_CROWN * C_TO_CO2 * 0.4,
    source: `${URBAN_TREE}; CityTwin assumption: 40 % tree-crown cover in parks`,
  },
  garden: {
    tPerHa: URBAN_TREE_TC_PER_HA_CROWN * C_TO_CO2 * 0.25,
    source: `${URBAN_TREE}; CityTwin assumption: 25 % tree-crown cover in gardens`,
  },
  cemetery: {
    tPerHa: URBAN_TREE_TC_PER_HA_CROWN * C_TO_CO2 * 0.2,
    source: `${URBAN_TREE}; CityTwin assumption: 20 % tree-crown cover in cemeteries`,
  },
  grass: {
    tPerHa: 0,
    source: 'IPCC 2006 Guidelines Vol. 4 ch. 8 Settlements, Tier 1: no net carbon stock change in settlement grassland (lawns, pitches, golf courses)',
  },
  water: { tPerHa: 0, source: 'CityTwin assumption: open water is not counted as a sink' },
  other: { tPerHa: 0, source: 'CityTwin assumption: polygons whose land cover is not recognised absorb nothing (give them a `landcover` property)' },
};

/** Reading OSM tags (and an explicit `landcover` property) as land cover. */
export const LAND_COVER_MAPPING_SOURCE =
  'CityTwin mapping: landcover=<key> wins; natural=wood or landuse=forest -> forest; leisure=park -> park; leisure=garden -> garden; landuse=cemetery -> cemetery; landuse=grass|meadow|village_green|recreation_ground, leisure=pitch|golf_course|playground -> grass; natural=water|landuse=basin|reservoir -> water; else other';
