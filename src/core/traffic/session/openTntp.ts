/**
 * A TNTP test network (`_net`, `_trips` and `_node` files, the format of the Transportation Networks for
 * Research collection) as a city's traffic model: its links drawn between its nodes' lon/lat
 * coordinates, its own trip table, capacities, free-flow times and BPR parameters as the files give them.
 * The viewer then runs, draws and edits it like the network it builds from OpenStreetMap.
 */
import { FileError, problem } from '../../language/problem.ts';
import { type LocalFrame, createLocalFrame, toLocal } from '../../geo/index.ts';
import { type Demand, buildDemand, buildNetwork, parseTntpNetBytes, parseTntpNodes, parseTntpTripsBytes } from '../assign/index.ts';
import type { TntpNet, TntpTrips } from '../assign/index.ts';
import { CONNECTOR_CLASS, ROAD_CLASS_DEFAULTS } from '../osm/defaults.ts';
import type { CityTraffic } from './build.ts';
import type { Assumption, TrafficNetworkView, TrafficRunParams } from './types.ts';

/**
 * One TNTP file as read: its bytes, not decoded text. The network and trip table are scanned from their
 * bytes in the worker (parseTntpNetBytes, parseTntpTripsBytes), so the main thread neither decodes a
 * large file nor copies a string of it to the worker.
 */
export interface TntpFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface TntpFiles {
  readonly net: TntpFile;
  readonly trips: TntpFile;
  readonly nodes: TntpFile;
}

/** A TNTP file's text (UTF-8). */
export function tntpText(file: TntpFile): string {
  return new TextDecoder().decode(file.bytes);
}

const SOURCE = 'TNTP files as given (Transportation Networks for Research, github.com/bstabler/TransportationNetworks)';

/** Mean radius of the Earth, m (IUGG), for link lengths from node coordinates. */
const EARTH_RADIUS_M = 6_371_008.8;

function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The road class shown for a TNTP link, from its free-flow speed (the files carry no class): the
 * ROAD_CLASS_DEFAULTS row whose default speed is nearest. Display only: the model uses the file's figures.
 */
function classOfSpeed(kmh: number): number {
  let best = 0;
  ROAD_CLASS_DEFAULTS.forEach((row, i) => {
    if (Math.abs(row.speedKmh - kmh) < Math.abs(ROAD_CLASS_DEFAULTS[best]!.speedKmh - kmh)) best = i;
  });
  return best;
}

/** Scales a trip table: trips from zone i to zone j times f_i × f_j (f = 1 for zones not listed). */
function scaledTrips(trips: TntpTrips, zoneFactors: TrafficRunParams['zoneFactors']): TntpTrips {
  const f = new Float64Array(trips.numZones).fill(1);
  for (const z of zoneFactors ?? []) if (z.zone >= 0 && z.zone < trips.numZones) f[z.zone] = z.factor;
  const demand = trips.demand.slice();
  for (let o = 0; o < trips.numZones; o++) {
    for (let k = trips.originStart[o]!; k < trips.originStart[o + 1]!; k++) demand[k] = demand[k]! * f[o]! * f[trips.destination[k]!]!;
  }
  return { ...trips, demand };
}

/**
 * Least and greatest of `values`, as Math.min and Math.max give them (NaN when any is NaN; Infinity and
 * -Infinity when there are none), by a loop: spread into Math.min, a network of more than about 150,000
 * nodes overflowed the call stack.
 */
function extent(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return [Number.NaN, Number.NaN];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * A TNTP network's three files, read and checked (the zone counts agree; every node has lon/lat
 * coordinates), before anything is drawn: `buildTntpTraffic` draws it in a frame, `tntpFrame` gives the
 * frame of its own. Read once, drawn in whichever frame the city needs.
 */
export interface TntpRead {
  readonly files: TntpFiles;
  readonly net: TntpNet;
  readonly trips: TntpTrips;
  /** Longitude and latitude of each node (index = node id − 1). */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** West, south, east, north of the nodes, degrees. */
  readonly lonLatBounds: [number, number, number, number];
}

/** Reads and checks the three files; a bad one throws with its name (and line, from the parsers). */
export function readTntp(files: TntpFiles): TntpRead {
  const net = parseTntpNetBytes(files.net.bytes, files.net.name);
  const trips = parseTntpTripsBytes(files.trips.bytes, files.trips.name);
  const nodes = parseTntpNodes(tntpText(files.nodes), files.nodes.name, net.numNodes);
  if (trips.numZones !== net.numZones) {
    const p = problem('tntp.zonesDiffer', { trips: files.trips.name, zones: trips.numZones, net: files.net.name, netZones: net.numZones });
    throw new FileError(p);
  }
  // Coordinates: lon/lat is required to place the network on the map.
  const lon = new Float64Array(net.numNodes).fill(Number.NaN);
  const lat = new Float64Array(net.numNodes).fill(Number.NaN);
  for (let i = 0; i < nodes.id.length; i++) {
    const id = nodes.id[i]!;
    if (id >= 1 && id <= net.numNodes) {
      lon[id - 1] = nodes.x[i]!;
      lat[id - 1] = nodes.y[i]!;
    }
  }
  const [w, e] = extent(lon);
  const [s, n] = extent(lat);
  if (!(w >= -180 && e <= 180 && s >= -90 && n <= 90)) {
    throw new FileError(problem('tntp.nodesNotLonLat', { file: files.nodes.name, w, e, s, n }));
  }
  const missing = lon.findIndex((v) => Number.isNaN(v));
  if (missing >= 0) throw new FileError(problem('tntp.nodeMissing', { file: files.nodes.name, node: missing + 1 }));
  return { files, net, trips, lon, lat, lonLatBounds: [w, s, e, n] };
}

/** The frame a TNTP network is drawn in when it opens as a new city: the centre of its nodes' lon/lat box. */
export function tntpFrame(read: TntpRead): LocalFrame {
  const [w, s, e, n] = read.lonLatBounds;
  return createLocalFrame((w + e) / 2, (s + n) / 2);
}

/** The traffic model of a TNTP network read by readTntp, drawn in `frame`. */
export function buildTntpTraffic(read: TntpRead, frame: LocalFrame): CityTraffic & { readonly lonLatBounds: [number, number, number, number] } {
  const { files, net, trips, lon, lat, lonLatBounds } = read;
  const network = buildNetwork(net);
  const baseDemand = buildDemand(trips, network);
  const demandFor = (zoneFactors: TrafficRunParams['zoneFactors']): Demand =>
    zoneFactors && zoneFactors.length > 0 ? buildDemand(scaledTrips(trips, zoneFactors), network) : baseDemand;

  const L = net.numLinks;
  const coords = new Float32Array(4 * L);
  const offsets = new Uint32Array(L + 1);
  const lengthM = new Float64Array(L);
  const roadClass = new Uint8Array(L);
  for (let k = 0; k < L; k++) {
    const a = network.from[k]!, b = network.to[k]!;
    const [x1, y1] = toLocal(frame, lon[a]!, lat[a]!);
    const [x2, y2] = toLocal(frame, lon[b]!, lat[b]!);
    coords.set([x1, y1, x2, y2], 4 * k);
    offsets[k + 1] = 2 * (k + 1);
    lengthM[k] = haversineM(lon[a]!, lat[a]!, lon[b]!, lat[b]!);
    const fft = net.fft[k]!;
    roadClass[k] = fft > 0 ? classOfSpeed(lengthM[k]! / 1000 / (fft / 60)) : CONNECTOR_CLASS;
  }
  const centroids = new Float32Array(2 * net.numZones);
  const production = new Float64Array(net.numZones);
  const attraction = new Float64Array(net.numZones);
  for (let z = 0; z < net.numZones; z++) {
    const [x, y] = toLocal(frame, lon[z]!, lat[z]!);
    centroids[2 * z] = x;
    centroids[2 * z + 1] = y;
    for (let k = trips.originStart[z]!; k < trips.originStart[z + 1]!; k++) {
      production[z] = production[z]! + trips.demand[k]!;
      const d = trips.destination[k]!;
      attraction[d] = attraction[d]! + trips.demand[k]!;
    }
  }
  const assumptions: Assumption[] = [
    { key: 'tntp.network', value: `${files.net.name}: ${L} links, ${net.numNodes} nodes, ${net.numZones} zones`, source: SOURCE },
    { key: 'tntp.capacity', value: 'capacity, free-flow time, BPR b and power per link from the _net file', source: SOURCE },
    { key: 'tntp.fft', value: 'free-flow time read as minutes (the collection\'s convention)', unit: 'min', source: SOURCE },
    { key: 'tntp.length', value: 'lengths shown are great-circle distances between the node coordinates; the model uses the file\'s own length column', unit: 'm', source: 'CityTwin, haversine on a sphere of radius 6,371,008.8 m (IUGG mean radius)' },
    { key: 'tntp.lanes', value: 'TNTP files give no lane counts: each link is shown as one lane group, and ±lane scales its capacity by (n±1)/n', source: 'CityTwin assumption' },
    { key: 'tntp.class', value: 'the road class shown is the default class whose speed is nearest the link\'s free-flow speed (display only)', source: 'CityTwin assumption' },
    { key: 'tntp.zones', value: 'a zone factor multiplies the trips from zone i to zone j by f_i × f_j', source: 'CityTwin assumption' },
  ];
  const view: TrafficNetworkView = {
    linkCount: L,
    polylines: { coords, offsets },
    capacity: net.capacity.slice(),
    fftMin: net.fft.slice(),
    lengthM,
    lanes: new Float32Array(L).fill(1),
    roadClass,
    isConnector: new Uint8Array(L),
    sourceFeature: new Int32Array(L).fill(-1),
    zones: { count: net.numZones, centroids, production, attraction },
    totalDemand: baseDemand.total,
    assumptions,
    stats: { roadLinks: L, roadNodes: net.numNodes, zones: net.numZones, connectors: 0 },
  };
  return { network, view, demandFor, lonLatBounds };
}
