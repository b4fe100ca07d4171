/**
 * Road network builder: road GeoJSON (LineString / MultiLineString with OSM-style tags: highway,
 * oneway, junction, lanes, lanes:forward/backward, maxspeed) -> a routable network in the traffic
 * module's CSR `Network` form, plus link geometry for drawing and the assumptions used.
 *
 * Units and terms:
 *  - positions in local metres (x east, y north) of a `LocalFrame`; link length in metres;
 *  - free-flow time `fft` in minutes (length / speed); speed in km/h; capacity in veh/h;
 *  - BPR b = 0.15, power = 4; toll 0;
 *  - node: a coordinate (exact lon/lat match) that ends a way or is shared by two or more way vertices;
 *    link: a piece of a way between two nodes, in one direction of travel;
 *  - zones are nodes 0..Z-1 (never passed through: firstThruIndex = Z), joined to their K nearest road
 *    nodes by connector links in both directions; road nodes follow;
 *  - road links keep source order and come before connectors, so a road link's index does not depend
 *    on the zoning.
 * Files by phase: classify (car roads, tags), links (nodes, links), graph (CSR grouping, strongly
 * connected components), connectors (nearest road nodes of each zone, on a flatbush R-tree),
 * assumptions, build (the phases in order and the output arrays).
 * Pure and deterministic: no DOM, no clocks, no randomness.
 */
export { buildRoadNetwork } from './build.ts';
export type { RoadNetwork, RoadNetworkOptions, RoadNetworkStats } from './build.ts';
export { readWayAttributes, untaggedSpeedKmh } from './classify.ts';
export type { TagReading, WayAttributes } from './classify.ts';
export { groupLinksByNode, stronglyConnectedComponents } from './graph.ts';
export {
  BPR_B,
  BPR_POWER,
  CONNECTOR_CAPACITY,
  CONNECTOR_CLASS,
  CONNECTOR_LINK_TYPE,
  CONNECTOR_SPEED_KMH,
  DEFAULT_CONNECTORS_PER_ZONE,
  ROAD_CLASS_DEFAULTS,
  URBAN_IMPLICIT_KMH,
  URBAN_SPEED_FACTOR,
  carRoadClass,
} from './defaults.ts';
export type { Assumption, RoadClassDefaults } from './defaults.ts';
export { Direction, carsAllowed, directionOf, parseLanes, parseMaxspeed } from './tags.ts';
