/**
 * Road GeoJSON (LineString / MultiLineString, OSM-style tags) -> a routable network in the traffic
 * module's CSR form, with zones as nodes 0..Z-1 joined to the road by connector links.
 *
 * Steps: keep car roads (classes of ROAD_CLASS_DEFAULTS, cars allowed); a coordinate (exact lon/lat
 * match) is a node where a way ends or where two or more way vertices share it; ways are split into
 * links at nodes, one link per direction of travel; links outside the largest strongly connected
 * component are dropped; zones connect to their K nearest road nodes. Road links come first, in source
 * order, so a road link's index does not depend on the zoning; connectors follow, zone by zone.
 */
import { type LocalFrame, FeatureError, type SkippedFeature, createLocalFrame, projectInto, propertiesOf, readLines, skipped } from '../geo/index.ts';
import type { Network } from '../traffic/index.ts';
import {
  type Assumption,
  BPR_B,
  BPR_POWER,
  BPR_SOURCE,
  CONNECTOR_CAPACITY,
  CONNECTOR_CLASS,
  CONNECTOR_LINK_TYPE,
  CONNECTOR_SOURCE,
  CONNECTOR_SPEED_KMH,
  DEFAULT_CONNECTORS_PER_ZONE,
  MIN_CONNECTOR_LENGTH_M,
  ROAD_CLASS_DEFAULTS,
  type RoadClassDefaults,
  URBAN_IMPLICIT_KMH,
  URBAN_SPEED_FACTOR,
  URBAN_SPEED_LIMIT_KMH,
  URBAN_SPEED_SOURCE,
  carRoadClass,
} from './defaults.ts';
import { Direction, carsAllowed, directionOf, parseLanes, parseMaxspeed } from './tags.ts';

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

/** Per-direction link attributes of a way. */
export interface WayAttributes {
  readonly cls: number;
  readonly dir: Direction;
  readonly lanesForward: number;
  readonly lanesBackward: number;
  readonly speedForward: number;
  readonly speedBackward: number;
}

export interface TagReading {
  attrs: WayAttributes;
  lanesFallback: boolean;
  maxspeedFallback: boolean;
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Free-flow speed of an untagged road of class `cls`, km/h: the class default, capped by the legal limit when one is given. */
export function untaggedSpeedKmh(cls: number, urbanFactor: number, speedLimits?: Readonly<Record<string, number>>): number {
  const def = ROAD_CLASS_DEFAULTS[cls]!;
  const limit = speedLimits?.[def.key];
  if (limit === undefined) return def.speedKmh;
  return Math.min(def.speedKmh, limit < URBAN_SPEED_LIMIT_KMH ? limit * urbanFactor : limit);
}

/**
 * A car road's lanes and free-flow speed in each direction of travel, read from its OSM tags with the
 * class defaults where a tag is missing or unreadable (the fallbacks are flagged). One reading for every
 * model: the traffic network and the carbon map's own road table both use it.
 */
export function readWayAttributes(
  props: Readonly<Record<string, unknown>>,
  cls: number,
  urbanFactor: number = URBAN_SPEED_FACTOR,
  speedLimits?: Readonly<Record<string, number>>,
): TagReading {
  const def: RoadClassDefaults = ROAD_CLASS_DEFAULTS[cls]!;
  const dir = directionOf(props, def.oneway);
  const total = parseLanes(props['lanes']);
  const fwdTag = parseLanes(props['lanes:forward']);
  const bwdTag = parseLanes(props['lanes:backward']);
  let lanesFallback = false;
  for (const key of ['lanes', 'lanes:forward', 'lanes:backward']) {
    if (hasValue(props[key]) && parseLanes(props[key]) === undefined) lanesFallback = true;
  }
  let lanesForward: number;
  let lanesBackward: number;
  if (dir === Direction.Both) {
    // Two-way: lanes:forward/backward where tagged; else the rest of `lanes`; else half of `lanes`
    // (at least one per direction); else the class default per direction.
    const half = total !== undefined ? Math.max(1, total / 2) : def.lanesPerDirection;
    lanesForward = fwdTag ?? (total !== undefined && bwdTag !== undefined && total - bwdTag >= 1 ? total - bwdTag : half);
    lanesBackward = bwdTag ?? (total !== undefined && fwdTag !== undefined && total - fwdTag >= 1 ? total - fwdTag : half);
  } else {
    // One-way: all tagged lanes run in the direction of travel.
    const tagged = dir === Direction.Forward ? fwdTag : bwdTag;
    const lanes = tagged ?? total ?? def.lanesPerDirection;
    lanesForward = lanes;
    lanesBackward = lanes;
  }
  const base = parseMaxspeed(props['maxspeed']);
  let maxspeedFallback = hasValue(props['maxspeed']) && base === undefined;
  const speedOf = (key: string): number => {
    const tagged = parseMaxspeed(props[key]);
    if (hasValue(props[key]) && tagged === undefined) maxspeedFallback = true;
    const kmh = tagged ?? base;
    if (kmh === undefined) return untaggedSpeedKmh(cls, urbanFactor, speedLimits);
    return kmh < URBAN_SPEED_LIMIT_KMH ? kmh * urbanFactor : kmh;
  };
  return {
    attrs: {
      cls,
      dir,
      lanesForward,
      lanesBackward,
      speedForward: speedOf('maxspeed:forward'),
      speedBackward: speedOf('maxspeed:backward'),
    },
    lanesFallback,
    maxspeedFallback,
  };
}

/** Stable counting sort of link indices by a node key: [start (numNodes+1), items]. */
export function groupLinksByNode(key: Int32Array, numNodes: number): [Int32Array, Int32Array] {
  const start = new Int32Array(numNodes + 1);
  for (let a = 0; a < key.length; a++) start[key[a]! + 1]! += 1;
  for (let i = 0; i < numNodes; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, numNodes);
  const items = new Int32Array(key.length);
  for (let a = 0; a < key.length; a++) {
    const k = key[a]!;
    items[cursor[k]!] = a;
    cursor[k]! += 1;
  }
  return [start, items];
}

/**
 * Strongly connected components (Tarjan, iterative) of a graph given as links from/to over nodes
 * 0..n-1. Returns the component id of every node, numbered in the order components complete.
 */
export function stronglyConnectedComponents(numNodes: number, from: Int32Array, to: Int32Array): { comp: Int32Array; count: number } {
  const [outStart, outLinks] = groupLinksByNode(from, numNodes);
  const index = new Int32Array(numNodes).fill(-1);
  const low = new Int32Array(numNodes);
  const comp = new Int32Array(numNodes).fill(-1);
  const onStack = new Uint8Array(numNodes);
  const stack = new Int32Array(numNodes);
  const callNode = new Int32Array(numNodes);
  const callEdge = new Int32Array(numNodes);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < numNodes; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = outStart[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < outStart[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = to[outLinks[e]!]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = outStart[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}

/** Uniform grid over points for nearest-neighbour queries (CSR buckets). */
class PointGrid {
  readonly minX: number;
  readonly minY: number;
  readonly cell: number;
  readonly cols: number;
  readonly rows: number;
  readonly start: Int32Array;
  readonly items: Int32Array;

  constructor(readonly xy: Float64Array, readonly ids: Int32Array) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const id of ids) {
      const x = xy[2 * id]!;
      const y = xy[2 * id + 1]!;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    const w = Math.max(maxX - minX, 1);
    const h = Math.max(maxY - minY, 1);
    // About one point per cell, at most 4,096 cells a side.
    this.cell = Math.max(Math.sqrt((w * h) / Math.max(ids.length, 1)), w / 4096, h / 4096, 1);
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor(w / this.cell) + 1;
    this.rows = Math.floor(h / this.cell) + 1;
    const key = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) key[k] = this.cellOf(xy[2 * ids[k]!]!, xy[2 * ids[k]! + 1]!);
    [this.start, this.items] = groupLinksByNode(key, this.cols * this.rows);
  }

  private col(x: number): number {
    return Math.min(Math.max(Math.floor((x - this.minX) / this.cell), 0), this.cols - 1);
  }
  private row(y: number): number {
    return Math.min(Math.max(Math.floor((y - this.minY) / this.cell), 0), this.rows - 1);
  }
  private cellOf(x: number, y: number): number {
    return this.row(y) * this.cols + this.col(x);
  }

  /** The k nearest ids to (x, y), nearest first, ties by smaller id; writes ids and distances. */
  nearest(x: number, y: number, k: number, outIds: Int32Array, outDist: Float64Array): number {
    let found = 0;
    const c0 = this.col(x);
    const r0 = this.row(y);
    const maxRing = Math.max(this.cols, this.rows);
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edge = r === r0 - ring || r === r0 + ring;
        for (let c = c0 - ring; c <= c0 + ring; c += edge ? 1 : 2 * ring) {
          if (c >= 0 && c < this.cols) {
            const cellIndex = r * this.cols + c;
            for (let s = this.start[cellIndex]!; s < this.start[cellIndex + 1]!; s++) {
              const id = this.ids[this.items[s]!]!;
              const d = Math.hypot(this.xy[2 * id]! - x, this.xy[2 * id + 1]! - y);
              // Insertion into the sorted top-k list.
              let pos = found < k ? found : k;
              while (pos > 0 && (outDist[pos - 1]! > d || (outDist[pos - 1] === d && outIds[pos - 1]! > id))) {
                if (pos < k) {
                  outDist[pos] = outDist[pos - 1]!;
                  outIds[pos] = outIds[pos - 1]!;
                }
                pos--;
              }
              if (pos < k) {
                outDist[pos] = d;
                outIds[pos] = id;
                if (found < k) found++;
              }
            }
          }
          if (ring === 0) break;
        }
      }
      // Points in ring+1 are at least `ring` cells away from the query point.
      if (found >= k && outDist[k - 1]! <= ring * this.cell) break;
    }
    return found;
  }
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
  const skippedList: SkippedFeature[] = [];
  const droppedByClassMap = new Map<string, number>();
  let droppedNoHighway = 0;
  let droppedNoCars = 0;
  let lanesFallback = 0;
  let maxspeedFallback = 0;
  const classUsed = new Uint8Array(ROAD_CLASS_DEFAULTS.length);
  const kept: Array<{ feature: number; lines: number[][]; attrs: WayAttributes }> = [];
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < total; i++) {
    const f = features[i];
    const props = propertiesOf(f);
    const highway = props['highway'];
    if (typeof highway !== 'string' || highway === '') {
      droppedNoHighway++;
      continue;
    }
    const cls = carRoadClass(highway);
    if (cls < 0) {
      droppedByClassMap.set(highway, (droppedByClassMap.get(highway) ?? 0) + 1);
      continue;
    }
    if (!carsAllowed(props)) {
      droppedNoCars++;
      continue;
    }
    let lines: number[][];
    try {
      lines = readLines(f);
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skipped(i, f, err));
      continue;
    }
    const reading = readWayAttributes(props, cls, urbanFactor, options.speedLimits);
    if (reading.lanesFallback) lanesFallback++;
    if (reading.maxspeedFallback) maxspeedFallback++;
    classUsed[cls] = 1;
    kept.push({ feature: i, lines, attrs: reading.attrs });
    for (const line of lines) {
      for (let k = 0; k < line.length; k += 2) {
        const lon = line[k]!;
        const lat = line[k + 1]!;
        if (lon < minLon) minLon = lon;
        if (lat < minLat) minLat = lat;
        if (lon > maxLon) maxLon = lon;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  const frame = options.frame ?? (Number.isFinite(minLon) ? createLocalFrame((minLon + maxLon) / 2, (minLat + maxLat) / 2) : createLocalFrame(0, 0));

  // 2. Unique vertices (exact lon/lat), their local positions and how often ways use them.
  const vertexOf = new Map<string, number>();
  const vx: number[] = [];
  const vy: number[] = [];
  const uses: number[] = [];
  const isEnd: number[] = [];
  const wayVerts: number[] = [];
  const lineStart: number[] = [];
  const lineWay: number[] = [];
  const p: [number, number] = [0, 0];
  for (let w = 0; w < kept.length; w++) {
    for (const line of kept[w]!.lines) {
      lineStart.push(wayVerts.length);
      lineWay.push(w);
      const n = line.length / 2;
      for (let k = 0; k < n; k++) {
        const lon = line[2 * k]!;
        const lat = line[2 * k + 1]!;
        const key = `${lon} ${lat}`;
        let v = vertexOf.get(key);
        if (v === undefined) {
          v = vx.length;
          vertexOf.set(key, v);
          projectInto(frame, lon, lat, p, 0);
          vx.push(p[0]);
          vy.push(p[1]);
          uses.push(0);
          isEnd.push(0);
        }
        uses[v]! += 1;
        if (k === 0 || k === n - 1) isEnd[v] = 1;
        wayVerts.push(v);
      }
    }
  }
  lineStart.push(wayVerts.length);
  const numVertices = vx.length;
  const nodeOfVertex = new Int32Array(numVertices).fill(-1);
  let numCandidateNodes = 0;
  for (let v = 0; v < numVertices; v++) {
    if (isEnd[v] === 1 || uses[v]! >= 2) nodeOfVertex[v] = numCandidateNodes++;
  }

  // 3. Split lines at nodes into pieces; one link per direction of travel.
  const linkFrom: number[] = [];
  const linkTo: number[] = [];
  const linkWay: number[] = [];
  const linkGeoStart: number[] = [];
  const linkGeoEnd: number[] = [];
  const linkReversed: number[] = [];
  const linkLength: number[] = [];
  let loopsDropped = 0;
  for (let l = 0; l + 1 < lineStart.length; l++) {
    const s = lineStart[l]!;
    const e = lineStart[l + 1]!;
    const w = lineWay[l]!;
    const attrs = kept[w]!.attrs;
    let pieceStart = s;
    let length = 0;
    for (let k = s + 1; k < e; k++) {
      const a = wayVerts[k - 1]!;
      const b = wayVerts[k]!;
      length += Math.hypot(vx[b]! - vx[a]!, vy[b]! - vy[a]!);
      if (nodeOfVertex[b] === -1) continue;
      const n0 = nodeOfVertex[wayVerts[pieceStart]!]!;
      const n1 = nodeOfVertex[b]!;
      if (n0 === n1 || length <= 0) {
        loopsDropped++;
      } else {
        if (attrs.dir !== Direction.Backward) {
          linkFrom.push(n0);
          linkTo.push(n1);
          linkWay.push(w);
          linkGeoStart.push(pieceStart);
          linkGeoEnd.push(k + 1);
          linkReversed.push(0);
          linkLength.push(length);
        }
        if (attrs.dir !== Direction.Forward) {
          linkFrom.push(n1);
          linkTo.push(n0);
          linkWay.push(w);
          linkGeoStart.push(pieceStart);
          linkGeoEnd.push(k + 1);
          linkReversed.push(1);
          linkLength.push(length);
        }
      }
      pieceStart = k;
      length = 0;
    }
  }
  const linksBeforeScc = linkFrom.length;

  // 4. Keep the largest strongly connected component (ties: the one holding the lowest node index).
  const { comp, count } = stronglyConnectedComponents(numCandidateNodes, Int32Array.from(linkFrom), Int32Array.from(linkTo));
  const size = new Int32Array(count);
  for (let n = 0; n < numCandidateNodes; n++) size[comp[n]!]! += 1;
  let best = -1;
  for (let n = 0; n < numCandidateNodes; n++) {
    const c = comp[n]!;
    if (best === -1 || size[c]! > size[best]!) best = c;
  }
  const roadIndex = new Int32Array(numCandidateNodes).fill(-1);
  let numRoadNodes = 0;
  for (let n = 0; n < numCandidateNodes; n++) if (comp[n] === best) roadIndex[n] = numRoadNodes++;
  const keptLinks: number[] = [];
  for (let a = 0; a < linksBeforeScc; a++) {
    if (roadIndex[linkFrom[a]!] !== -1 && roadIndex[linkTo[a]!] !== -1) keptLinks.push(a);
  }
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
  const nearIds = new Int32Array(connectorsPerZone);
  const nearDist = new Float64Array(connectorsPerZone);
  const connectorNode: number[] = [];
  const connectorZone: number[] = [];
  const connectorDist: number[] = [];
  if (numZones > 0 && numRoadNodes > 0) {
    const eligible = new Uint8Array(numRoadNodes);
    for (const a of keptLinks) {
      const key = ROAD_CLASS_DEFAULTS[kept[linkWay[a]!]!.attrs.cls]!.key;
      if (key === 'motorway' || key === 'motorway_link') continue;
      eligible[roadIndex[linkFrom[a]!]!] = 1;
      eligible[roadIndex[linkTo[a]!]!] = 1;
    }
    let numEligible = 0;
    for (let r = 0; r < numRoadNodes; r++) numEligible += eligible[r]!;
    const ids = new Int32Array(numEligible > 0 ? numEligible : numRoadNodes);
    let k = 0;
    for (let r = 0; r < numRoadNodes; r++) if (numEligible === 0 || eligible[r] === 1) ids[k++] = numZones + r;
    const grid = new PointGrid(nodeXY, ids);
    for (let z = 0; z < numZones; z++) {
      const found = grid.nearest(nodeXY[2 * z]!, nodeXY[2 * z + 1]!, connectorsPerZone, nearIds, nearDist);
      for (let j = 0; j < found; j++) {
        connectorZone.push(z);
        connectorNode.push(nearIds[j]!);
        connectorDist.push(nearDist[j]!);
      }
    }
  }
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

  const droppedByClass: Record<string, number> = {};
  for (const key of [...droppedByClassMap.keys()].sort()) droppedByClass[key] = droppedByClassMap.get(key)!;
  const stats: RoadNetworkStats = {
    features: total,
    carFeatures: kept.length,
    droppedByClass,
    droppedNoHighway,
    droppedNoCars,
    droppedBadGeometry: skippedList.length,
    lanesFallback,
    maxspeedFallback,
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
    skipped: skippedList,
    assumptions: roadAssumptions(classUsed, {
      urbanFactor,
      connectorsPerZone,
      connectorSpeed,
      connectorCapacity,
      zones: numZones > 0,
      ...(options.speedLimits ? { speedLimits: options.speedLimits, speedLimitsSource: options.speedLimitsSource ?? 'given speed limits' } : {}),
    }),
  };
}

function roadAssumptions(
  classUsed: Uint8Array,
  o: {
    urbanFactor: number;
    connectorsPerZone: number;
    connectorSpeed: number;
    connectorCapacity: number;
    zones: boolean;
    speedLimits?: Readonly<Record<string, number>>;
    speedLimitsSource?: string;
  },
): Assumption[] {
  const list: Assumption[] = [];
  ROAD_CLASS_DEFAULTS.forEach((c, i) => {
    if (classUsed[i] !== 1) return;
    list.push({ key: `lanes.${c.key}`, value: c.lanesPerDirection, unit: 'lanes per direction', source: c.source });
    const speed = untaggedSpeedKmh(i, o.urbanFactor, o.speedLimits);
    const limit = o.speedLimits?.[c.key];
    list.push({
      key: `speed.${c.key}`,
      value: +speed.toFixed(2),
      unit: 'km/h (untagged)',
      source:
        limit === undefined || speed === c.speedKmh
          ? `${c.source}${limit !== undefined ? `; under the legal limit ${limit} km/h (${o.speedLimitsSource})` : ''}`
          : `legal limit ${limit} km/h${limit < URBAN_SPEED_LIMIT_KMH ? ` x ${o.urbanFactor}` : ''} (${o.speedLimitsSource}), below the class default ${c.speedKmh} km/h (${c.source})`,
    });
    list.push({ key: `laneCapacity.${c.key}`, value: c.laneCapacity, unit: 'veh/h/lane', source: c.source });
    if (c.oneway) list.push({ key: `oneway.${c.key}`, value: 'yes unless oneway=no', source: c.source });
  });
  list.push(
    { key: 'bpr.b', value: BPR_B, source: BPR_SOURCE },
    { key: 'bpr.power', value: BPR_POWER, source: BPR_SOURCE },
    { key: 'speed.urbanFactor', value: o.urbanFactor, unit: `× tagged maxspeed below ${URBAN_SPEED_LIMIT_KMH} km/h`, source: URBAN_SPEED_SOURCE },
    {
      key: 'speed.implicitUrban',
      value: URBAN_IMPLICIT_KMH,
      unit: 'km/h for maxspeed=XX:urban',
      source: 'Urban default limit in KR (도로교통법 시행규칙 제19조, "안전속도 5030", 2021), FR, MC, DE, IT (OSM wiki "Default speed limits")',
    },
    {
      key: 'lanes.twoWaySplit',
      value: 'lanes:forward/backward, else lanes/2 (min 1) per direction',
      source: 'CityTwin assumption (OSM wiki Key:lanes: lanes counts both directions)',
    },
    { key: 'fft', value: 'length / speed', unit: 'minutes', source: 'Definition' },
  );
  if (o.zones) {
    list.push(
      { key: 'connector.perZone', value: o.connectorsPerZone, unit: 'nearest road nodes', source: 'CityTwin assumption' },
      { key: 'connector.speed', value: o.connectorSpeed, unit: 'km/h', source: CONNECTOR_SOURCE },
      { key: 'connector.capacity', value: o.connectorCapacity, unit: 'veh/h', source: CONNECTOR_SOURCE },
    );
  }
  return list;
}
