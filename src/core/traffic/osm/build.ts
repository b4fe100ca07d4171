/**
 * Road GeoJSON (LineString / MultiLineString, OSM-style tags) -> a routable network in the traffic
 * module's CSR form, with zones as nodes 0..Z-1 joined to the road by connector links.
 *
 * Steps: keep car roads (classes of ROAD_CLASS_DEFAULTS, cars allowed); a coordinate (exact lon/lat
 * match) is a node where a way ends or where two or more way vertices share it; ways are split into
 * links at nodes, one link per direction of travel; links outside the largest strongly connected
 * component are dropped; zones connect to their K nearest road nodes. Road links come first, in source
 * order, so a road link's index does not depend on the zoning; connectors follow, zone by zone.
 *
 * The phases live in their own files: classify.ts (1: car roads and their tags), links.ts (2: nodes,
 * 3: links), graph.ts (4: the largest strongly connected component), connectors.ts (5: zone
 * connectors), assumptions.ts; this file holds the types and lays out the output arrays (6).
 */
import { type LocalFrame, type SkippedFeature, createLocalFrame } from '../../geo/index.ts';
import type { Network } from '../assign/index.ts';
import { roadAssumptions } from './assumptions.ts';
import { classifyWays } from './classify.ts';
import { type ZoneConnectors, connectableNodes, nearestNodes } from './connectors.ts';
import {
  type Assumption,
  BPR_B,
  BPR_POWER,
  CONNECTOR_CAPACITY,
  CONNECTOR_CLASS,
  CONNECTOR_LINK_TYPE,
  CONNECTOR_SPEED_KMH,
  DEFAULT_CONNECTORS_PER_ZONE,
  MIN_CONNECTOR_LENGTH_M,
  ROAD_CLASS_DEFAULTS,
  URBAN_SPEED_FACTOR,
} from './defaults.ts';
import { groupLinksByNode, largestComponent } from './graph.ts';
import { findNodes, splitLinks } from './links.ts';

export interface RoadNetworkOptions {
  /** Frame to project into (share it with the zones' frame); default: centred on the roads' bounds. */
  readonly frame?: LocalFrame;
  /** Zone centroids in local metres of `frame`, x and y interleaved; zone z becomes node z. */
  readonly zones?: ArrayLike<number>;
  /** Road nodes each zone connects to (default 2). */
  readonly connectorsPerZone?: number;
  readonly connectorSpeedKmh?: number;
  /** veh/h */
  readonly connectorCapacity?: number;
  /** Factor on tagged speed limits below 51 km/h (default 0.9, MATSim); 1 keeps tagged limits. */
  readonly urbanSpeedFactor?: number;
  /**
   * The country's legal limit of an untagged road by `highway` class, km/h (a city profile's): such a
   * road's free-flow speed is the lower of its class default and this limit read as a tagged maxspeed.
   */
  readonly speedLimits?: Readonly<Record<string, number>>;
  /** Where `speedLimits` come from, for the assumptions list. */
  readonly speedLimitsSource?: string;
}

export interface RoadNetworkStats {
  readonly features: number;
  /** Features kept as car roads. */
  readonly carFeatures: number;
  /** Features dropped by `highway` value (not a car road class), keys in sorted order. */
  readonly droppedByClass: Readonly<Record<string, number>>;
  /** Features without a `highway` tag. */
  readonly droppedNoHighway: number;
  /** Car-class features closed to cars (`access=no`, `motor_vehicle=no`, …). */
  readonly droppedNoCars: number;
  /** Features with unreadable geometry (listed in `skipped`). */
  readonly droppedBadGeometry: number;
  /** Car features whose `lanes` / `maxspeed` tag was present but unreadable (class default used). */
  readonly lanesFallback: number;
  readonly maxspeedFallback: number;
  /** Closed loops (a way piece that starts and ends at the same node with no node between). */
  readonly loopsDropped: number;
  /** Road nodes and links before and after keeping the largest strongly connected component. */
  readonly nodesBeforeScc: number;
  readonly linksBeforeScc: number;
  readonly sccDroppedNodes: number;
  readonly sccDroppedLinks: number;
  /** Car features none of whose links survived. */
  readonly featuresWithoutLinks: number;
  readonly roadNodes: number;
  readonly roadLinks: number;
  readonly zones: number;
  readonly connectors: number;
  /** Longest connector, metres (0 without zones). */
  readonly maxConnectorLength: number;
}

export interface RoadNetwork {
  /**
   * Nodes 0..Z-1 are zones, Z..Z+R-1 road nodes; firstThruIndex = Z. Units: length m, fft minutes,
   * speed km/h, capacity veh/h, toll 0. linkType: roadClass + 1 for roads, 0 for connectors.
   */
  readonly network: Network;
  /** Link polylines in local metres, in the link's direction: link a = vertices offsets[a]..offsets[a+1]-1. */
  readonly geometry: { readonly coords: Float32Array; readonly offsets: Uint32Array };
  /** Node positions, local metres (x, y interleaved; zones at their centroid). */
  readonly nodeXY: Float64Array;
  /** Source feature index of each link (-1 for connectors). */
  readonly sourceFeature: Int32Array;
  /** Row of ROAD_CLASS_DEFAULTS, or CONNECTOR_CLASS. */
  readonly roadClass: Uint8Array;
  readonly isConnector: Uint8Array;
  /** Lanes in the link's direction (0 for connectors). */
  readonly lanes: Float32Array;
  readonly frame: LocalFrame;
  readonly stats: RoadNetworkStats;
  readonly skipped: readonly SkippedFeature[];
  readonly assumptions: readonly Assumption[];
}

const KMH_TO_M_PER_MIN = 1000 / 60;

/** Builds the routable network; see the module header. */
export function buildRoadNetwork(features: readonly unknown[], options: RoadNetworkOptions = {}): RoadNetwork {
  const urbanFactor = options.urbanSpeedFactor ?? URBAN_SPEED_FACTOR;
  const connectorsPerZone = Math.max(1, Math.floor(options.connectorsPerZone ?? DEFAULT_CONNECTORS_PER_ZONE));
  const connectorSpeed = options.connectorSpeedKmh ?? CONNECTOR_SPEED_KMH;
  const connectorCapacity = options.connectorCapacity ?? CONNECTOR_CAPACITY;
  if (!(urbanFactor > 0) || !(connectorSpeed > 0) || !(connectorCapacity > 0)) {
    throw new RangeError('urbanSpeedFactor, connectorSpeedKmh and connectorCapacity must be > 0');
  }
  const zonesIn = options.zones ?? [];
  if (zonesIn.length % 2 !== 0) throw new RangeError('zones must hold x, y pairs');
  const numZones = zonesIn.length / 2;
  for (let i = 0; i < zonesIn.length; i++) {
    if (!Number.isFinite(zonesIn[i])) throw new RangeError(`zone ${Math.floor(i / 2)}: centroid is not finite`);
  }

  // 1. Classify features and read their lines.
  const total = features.length;
  const ways = classifyWays(features, urbanFactor, options.speedLimits);
  const kept = ways.kept;
  const [minLon, minLat, maxLon, maxLat] = ways.bounds;
  const frame = options.frame ?? (Number.isFinite(minLon) ? createLocalFrame((minLon + maxLon) / 2, (minLat + maxLat) / 2) : createLocalFrame(0, 0));

  // 2. Unique vertices (exact lon/lat), their local positions and the nodes among them.
  const vertices = findNodes(kept, frame);
  const { vx, vy, wayVerts, nodeOfVertex, numCandidateNodes } = vertices;
  const numVertices = vx.length;

  // 3. Split lines at nodes into pieces; one link per direction of travel.
  const links = splitLinks(kept, vertices);
  const { from: linkFrom, to: linkTo, way: linkWay, geoStart: linkGeoStart, geoEnd: linkGeoEnd, reversed: linkReversed, length: linkLength, loopsDropped } = links;
  const linksBeforeScc = linkFrom.length;

  // 4. Keep the largest strongly connected component (ties: the one holding the lowest node index).
  const { roadIndex, numRoadNodes, keptLinks } = largestComponent(numCandidateNodes, Int32Array.from(linkFrom), Int32Array.from(linkTo));
  const numRoadLinks = keptLinks.length;
  const wayHasLink = new Uint8Array(kept.length);
  for (const a of keptLinks) wayHasLink[linkWay[a]!] = 1;
  let featuresWithoutLinks = 0;
  for (let w = 0; w < kept.length; w++) if (wayHasLink[w] === 0) featuresWithoutLinks++;

  // Node positions: zones, then road nodes.
  const numNodes = numZones + numRoadNodes;
  const nodeXY = new Float64Array(numNodes * 2);
  for (let i = 0; i < 2 * numZones; i++) nodeXY[i] = zonesIn[i]!;
  for (let v = 0; v < numVertices; v++) {
    const n = nodeOfVertex[v]!;
    if (n < 0 || roadIndex[n] === -1) continue;
    const id = numZones + roadIndex[n]!;
    nodeXY[2 * id] = vx[v]!;
    nodeXY[2 * id + 1] = vy[v]!;
  }

  // 5. Connectors: each zone to its K nearest road nodes that touch a non-motorway link.
  let connectors: ZoneConnectors = { zone: [], node: [], dist: [] };
  if (numZones > 0 && numRoadNodes > 0) {
    const eligible = new Uint8Array(numRoadNodes);
    for (const a of keptLinks) {
      const key = ROAD_CLASS_DEFAULTS[kept[linkWay[a]!]!.attrs.cls]!.key;
      if (key === 'motorway' || key === 'motorway_link') continue;
      eligible[roadIndex[linkFrom[a]!]!] = 1;
      eligible[roadIndex[linkTo[a]!]!] = 1;
    }
    connectors = nearestNodes(nodeXY, numZones, connectableNodes(numZones, eligible), connectorsPerZone);
  }
  const { zone: connectorZone, node: connectorNode, dist: connectorDist } = connectors;
  const numConnectorPairs = connectorNode.length;
  const numLinks = numRoadLinks + 2 * numConnectorPairs;

  // 6. Link arrays.
  const from = new Int32Array(numLinks);
  const to = new Int32Array(numLinks);
  const capacity = new Float64Array(numLinks);
  const length = new Float64Array(numLinks);
  const fft = new Float64Array(numLinks);
  const speed = new Float64Array(numLinks);
  const linkType = new Int32Array(numLinks);
  const sourceFeature = new Int32Array(numLinks);
  const roadClass = new Uint8Array(numLinks);
  const isConnector = new Uint8Array(numLinks);
  const lanes = new Float32Array(numLinks);
  const offsets = new Uint32Array(numLinks + 1);
  let vertexTotal = 0;
  for (const a of keptLinks) vertexTotal += linkGeoEnd[a]! - linkGeoStart[a]!;
  vertexTotal += 4 * numConnectorPairs;
  const coords = new Float32Array(vertexTotal * 2);
  let cv = 0;
  for (let i = 0; i < numRoadLinks; i++) {
    const a = keptLinks[i]!;
    const way = kept[linkWay[a]!]!;
    const attrs = way.attrs;
    const def = ROAD_CLASS_DEFAULTS[attrs.cls]!;
    const reversed = linkReversed[a] === 1;
    const laneCount = reversed ? attrs.lanesBackward : attrs.lanesForward;
    const kmh = reversed ? attrs.speedBackward : attrs.speedForward;
    from[i] = numZones + roadIndex[linkFrom[a]!]!;
    to[i] = numZones + roadIndex[linkTo[a]!]!;
    length[i] = linkLength[a]!;
    speed[i] = kmh;
    fft[i] = linkLength[a]! / (kmh * KMH_TO_M_PER_MIN);
    capacity[i] = laneCount * def.laneCapacity;
    lanes[i] = laneCount;
    roadClass[i] = attrs.cls;
    linkType[i] = attrs.cls + 1;
    sourceFeature[i] = way.feature;
    offsets[i] = cv;
    const gs = linkGeoStart[a]!;
    const ge = linkGeoEnd[a]!;
    for (let k = 0; k < ge - gs; k++) {
      const v = wayVerts[reversed ? ge - 1 - k : gs + k]!;
      coords[2 * cv] = vx[v]!;
      coords[2 * cv + 1] = vy[v]!;
      cv++;
    }
  }
  let maxConnectorLength = 0;
  for (let j = 0; j < numConnectorPairs; j++) {
    const z = connectorZone[j]!;
    const n = connectorNode[j]!;
    const len = Math.max(connectorDist[j]!, MIN_CONNECTOR_LENGTH_M);
    if (len > maxConnectorLength) maxConnectorLength = len;
    for (let d = 0; d < 2; d++) {
      const i = numRoadLinks + 2 * j + d;
      const a = d === 0 ? z : n;
      const b = d === 0 ? n : z;
      from[i] = a;
      to[i] = b;
      length[i] = len;
      speed[i] = connectorSpeed;
      fft[i] = len / (connectorSpeed * KMH_TO_M_PER_MIN);
      capacity[i] = connectorCapacity;
      linkType[i] = CONNECTOR_LINK_TYPE;
      sourceFeature[i] = -1;
      roadClass[i] = CONNECTOR_CLASS;
      isConnector[i] = 1;
      offsets[i] = cv;
      coords[2 * cv] = nodeXY[2 * a]!;
      coords[2 * cv + 1] = nodeXY[2 * a + 1]!;
      coords[2 * cv + 2] = nodeXY[2 * b]!;
      coords[2 * cv + 3] = nodeXY[2 * b + 1]!;
      cv += 2;
    }
  }
  offsets[numLinks] = cv;

  const [outStart, outLinks] = groupLinksByNode(from, numNodes);
  const [inStart, inLinks] = groupLinksByNode(to, numNodes);
  const network: Network = {
    numNodes,
    numLinks,
    numZones,
    firstThruNode: numZones + 1,
    firstThruIndex: numZones,
    from,
    to,
    capacity,
    length,
    fft,
    b: new Float64Array(numLinks).fill(BPR_B),
    power: new Float64Array(numLinks).fill(BPR_POWER),
    toll: new Float64Array(numLinks),
    speed,
    linkType,
    outStart,
    outLinks,
    inStart,
    inLinks,
  };

  const stats: RoadNetworkStats = {
    features: total,
    carFeatures: kept.length,
    droppedByClass: ways.droppedByClass,
    droppedNoHighway: ways.droppedNoHighway,
    droppedNoCars: ways.droppedNoCars,
    droppedBadGeometry: ways.skipped.length,
    lanesFallback: ways.lanesFallback,
    maxspeedFallback: ways.maxspeedFallback,
    loopsDropped,
    nodesBeforeScc: numCandidateNodes,
    linksBeforeScc,
    sccDroppedNodes: numCandidateNodes - numRoadNodes,
    sccDroppedLinks: linksBeforeScc - numRoadLinks,
    featuresWithoutLinks,
    roadNodes: numRoadNodes,
    roadLinks: numRoadLinks,
    zones: numZones,
    connectors: 2 * numConnectorPairs,
    maxConnectorLength,
  };
  return {
    network,
    geometry: { coords, offsets },
    nodeXY,
    sourceFeature,
    roadClass,
    isConnector,
    lanes,
    frame,
    stats,
    skipped: ways.skipped,
    assumptions: roadAssumptions(ways.classUsed, {
      urbanFactor,
      connectorsPerZone,
      connectorSpeed,
      connectorCapacity,
      zones: numZones > 0,
      ...(options.speedLimits ? { speedLimits: options.speedLimits, speedLimitsSource: options.speedLimitsSource ?? 'given speed limits' } : {}),
    }),
  };
}
