/**
 * Default link properties by OSM `highway` class, used when a way has no usable `lanes` / `maxspeed`
 * tag, and the other fixed figures of the road-network builder. Every figure names its source; every
 * one in use is listed in the builder's `assumptions` so the UI can show it.
 */

/** One figure the model used, for the UI's assumptions panel (the shape every model lists its figures in). */
export type { Assumption } from '../../assumption/index.ts';

/** Defaults of one road class. */
export interface RoadClassDefaults {
  /** OSM `highway` value. */
  readonly key: string;
  /** Lanes in each direction when `lanes` is not tagged. */
  readonly lanesPerDirection: number;
  /** Free-flow speed when `maxspeed` is not tagged, km/h. */
  readonly speedKmh: number;
  /** Capacity of one lane, veh/h. */
  readonly laneCapacity: number;
  /** One-way unless `oneway=no`. */
  readonly oneway: boolean;
  readonly source: string;
}

const MATSIM_LINK_PROPERTIES =
  'MATSim OSM network reader defaults: matsim-libs contribs/osm/src/main/java/org/matsim/contrib/osm/networkReader/LinkProperties.java, createLinkProperties() (checked at commit 5357319c)';
const MATSIM_SERVICE =
  'MATSim SUMO converter: matsim-libs contribs/sumo/.../SumoNetworkConverter.java adds highway=service as LinkProperties(LEVEL_LIVING_STREET, 1 lane, 15 km/h, 450 veh/h)';
const ROAD_AS_UNCLASSIFIED = `CityTwin assumption: highway=road (unknown class) takes the unclassified row of ${MATSIM_LINK_PROPERTIES}`;

/**
 * Car road classes in hierarchy order; the index of a row is the link's `roadClass`. Lanes per
 * direction, free-flow speed and capacity per lane are MATSim's defaults (see the source strings).
 * For comparison, the HCM 2010 base saturation flow of a signalised through lane is 1,900 pc/h/ln; the
 * MATSim urban figures (600–1,500 veh/h/ln) already include the green-time share at signals.
 */
export const ROAD_CLASS_DEFAULTS: readonly RoadClassDefaults[] = [
  { key: 'motorway', lanesPerDirection: 2, speedKmh: 120, laneCapacity: 2000, oneway: true, source: MATSIM_LINK_PROPERTIES },
  { key: 'motorway_link', lanesPerDirection: 1, speedKmh: 80, laneCapacity: 1500, oneway: true, source: MATSIM_LINK_PROPERTIES },
  { key: 'trunk', lanesPerDirection: 1, speedKmh: 80, laneCapacity: 2000, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'trunk_link', lanesPerDirection: 1, speedKmh: 50, laneCapacity: 1500, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'primary', lanesPerDirection: 1, speedKmh: 80, laneCapacity: 1500, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'primary_link', lanesPerDirection: 1, speedKmh: 60, laneCapacity: 1500, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'secondary', lanesPerDirection: 1, speedKmh: 30, laneCapacity: 800, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'secondary_link', lanesPerDirection: 1, speedKmh: 30, laneCapacity: 800, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'tertiary', lanesPerDirection: 1, speedKmh: 25, laneCapacity: 600, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'tertiary_link', lanesPerDirection: 1, speedKmh: 25, laneCapacity: 600, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'unclassified', lanesPerDirection: 1, speedKmh: 15, laneCapacity: 600, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'residential', lanesPerDirection: 1, speedKmh: 15, laneCapacity: 600, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'living_street', lanesPerDirection: 1, speedKmh: 10, laneCapacity: 300, oneway: false, source: MATSIM_LINK_PROPERTIES },
  { key: 'road', lanesPerDirection: 1, speedKmh: 15, laneCapacity: 600, oneway: false, source: ROAD_AS_UNCLASSIFIED },
  { key: 'service', lanesPerDirection: 1, speedKmh: 15, laneCapacity: 450, oneway: false, source: MATSIM_SERVICE },
];

/** `roadClass` value of a connector link (not a row of ROAD_CLASS_DEFAULTS). */
export const CONNECTOR_CLASS = 255;
/** `linkType` of connector links; road links have linkType = roadClass + 1. */
export const CONNECTOR_LINK_TYPE = 0;

const CLASS_INDEX: ReadonlyMap<string, number> = new Map(ROAD_CLASS_DEFAULTS.map((c, i) => [c.key, i]));

/** Index into ROAD_CLASS_DEFAULTS of a `highway` value cars use, or -1. */
export function carRoadClass(highway: unknown): number {
  return typeof highway === 'string' ? (CLASS_INDEX.get(highway) ?? -1) : -1;
}

/**
 * BPR link performance t = fft·(1 + b·(v/c)^power): Bureau of Public Roads, Traffic Assignment
 * Manual, U.S. Department of Commerce, 1964 (b = 0.15, power = 4).
 */
export const BPR_B = 0.15;
export const BPR_POWER = 4;
export const BPR_SOURCE = 'Bureau of Public Roads (1964), Traffic Assignment Manual, U.S. Department of Commerce';

/**
 * MATSim reduces a tagged maxspeed below 51 km/h by this factor "to account for traffic lights, right
 * of way, etc." (LinkProperties.DEFAULT_FREESPEED_FACTOR = 0.9, applied in calculateSpeedIfSpeedTag).
 */
export const URBAN_SPEED_FACTOR = 0.9;
export const URBAN_SPEED_LIMIT_KMH = 51;
export const URBAN_SPEED_SOURCE =
  'MATSim LinkProperties.DEFAULT_FREESPEED_FACTOR = 0.9 for maxspeed < 51 km/h (calculateSpeedIfSpeedTag), matsim-libs contribs/osm, commit 5357319c';

/**
 * `maxspeed=XX:urban` (no sign, the country's built-up-area limit): 50 km/h, the urban default in
 * Korea since the 2021 "safe speed 5030" rule (도로교통법 시행규칙 제19조: 50 km/h on urban arterials)
 * and in France, Monaco, Germany and Italy (OSM wiki "Default speed limits"). Other implicit values
 * (`XX:rural`, `XX:motorway`, `none`, `signals`, `walk`) fall back to the class default.
 */
export const URBAN_IMPLICIT_KMH = 50;

/**
 * Centroid connectors: the zone's access to the road network (walk to the car, parking, driveways),
 * not a road. They must not constrain flow, so their capacity is set far above any road's.
 */
export const CONNECTOR_SPEED_KMH = 30;
export const CONNECTOR_CAPACITY = 100_000;
export const CONNECTOR_SOURCE =
  'CityTwin assumption: 30 km/h local access, capacity 100,000 veh/h so connectors never congest (centroid connectors represent access, not roads: Ortúzar & Willumsen, Modelling Transport, 4th ed., ch. 3 "Data and Space", networks and zoning systems)';
/** Connectors shorter than this are stretched to it so that every link has positive length and time. */
export const MIN_CONNECTOR_LENGTH_M = 1;
/** Default number of network nodes each zone connects to. */
export const DEFAULT_CONNECTORS_PER_ZONE = 2;

/** Bounds of a believable tag value; anything outside falls back to the class default. */
export const MAX_LANES = 16;
export const MIN_SPEED_KMH = 5;
export const MAX_SPEED_KMH = 300;
export const KMH_PER_MPH = 1.609344;
