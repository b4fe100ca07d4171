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
/** IPCC default carbon accumulation of urban trees, t C per hectare of crown cover per year. */
const URBAN_TREE_TC_PER_HA_CROWN = 2.9;
const URBAN_TREE = `IPCC 2006 Guidelines Vol. 4 ch. 8 Settlements, default carbon accumulation rate of settlement trees 2.9 t C per ha of crown cover per year (x 44/12 = ${(URBAN_TREE_TC_PER_HA_CROWN * C_TO_CO2).toFixed(3)} t CO2)`;

export const SINK_RATES: Readonly<Record<LandCover, SinkRow>> = {
  forest: {
    tPerHa: 2.28 * C_TO_CO2,
    source: 'National Institute of Forest Science (Korea): Lee, Ko, Yim & Kang (2019), J. Climate Change Research 10(4) 463-471, annual carbon stock change of Pinus densiflora stands 2.28 t C/ha/yr (new stem volume table, Gangwon) x 44/12 = 8.36 t CO2/ha/yr; Quercus mongolica 3.98 and Larix kaempferi 3.79 t C/ha/yr would give more',
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
