// External (cordon) zones on a built road network: each gate becomes a zone numbered after the
// internal zones (so internal zone indices stay as they were), joined by connectors to the network
// nodes where its roads end. Road node indices shift by the number of gates; link indices do not
// change (road links, then internal connectors, then the gates' connectors).
import type { Gate } from '../demand/index.ts';
import { projectInto, readLines, type LocalFrame } from '../../geo/index.ts';
import {
  BPR_B,
  BPR_POWER,
  CONNECTOR_CAPACITY,
  CONNECTOR_CLASS,
  CONNECTOR_LINK_TYPE,
  CONNECTOR_SPEED_KMH,
  type RoadNetwork,
  groupLinksByNode,
} from '../osm/index.ts';
import type { Network } from '../assign/index.ts';

/** Farthest a gate's road end may lie from the network node it is joined to, metres. */
export const GATE_SNAP_M = 500;

export interface ExternalNetwork {
  readonly network: Network;
  readonly coords: Float32Array;
  readonly offsets: Uint32Array;
  readonly lanes: Float32Array;
  readonly roadClass: Uint8Array;
  readonly isConnector: Uint8Array;
  readonly sourceFeature: Int32Array;
  /** The gates kept (those joined to the network), in order: external zone Z + k is kept[k]. */
  readonly kept: readonly Gate[];
  /** Road node (index in the new network) of each gate connector pair, per kept gate. */
  readonly gateNodes: readonly (readonly number[])[];
  readonly dropped: number;
}

/**
 * The network node where a gate member's road meets the network: walking from the dead end along its
 * line, the first vertex that is a network node (the dead-end piece of a one-way road is not in the
 * strongly connected network); else the nearest road node within GATE_SNAP_M; else -1.
 */
function memberNode(rn: RoadNetwork, roads: readonly unknown[], frame: LocalFrame, m: Gate['members'][number], nodeAt: Map<string, number>): number {
  const Z = rn.network.numZones;
  let lines: number[][];
  try {
    lines = readLines(roads[m.feature]);
  } catch {
    return -1;
  }
  const line = lines[m.line];
  const p: [number, number] = [0, 0];
  if (line) {
    const n = line.length / 2;
    for (let s = 0; s < n; s++) {
      const k = m.end === 'start' ? s : n - 1 - s;
      projectInto(frame, line[2 * k]!, line[2 * k + 1]!, p, 0);
      const id = nodeAt.get(`${p[0]} ${p[1]}`);
      if (id !== undefined) return id;
    }
  }
  let best = -1;
  let bestD = GATE_SNAP_M;
  for (let v = Z; v < rn.network.numNodes; v++) {
    const d = Math.hypot(rn.nodeXY[2 * v]! - m.x, rn.nodeXY[2 * v + 1]! - m.y);
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}

/** Adds one zone per gate after the internal zones (see the file header). */
export function addExternalZones(rn: RoadNetwork, roads: readonly unknown[], frame: LocalFrame, gates: readonly Gate[]): ExternalNetwork {
  const net = rn.network;
  const Z = net.numZones;
  const nodeAt = new Map<string, number>();
  for (let v = Z; v < net.numNodes; v++) nodeAt.set(`${rn.nodeXY[2 * v]} ${rn.nodeXY[2 * v + 1]}`, v);
  const kept: Gate[] = [];
  const gateNodes: number[][] = [];
  for (const g of gates) {
    const nodes: number[] = [];
    for (const m of g.members) {
      const v = memberNode(rn, roads, frame, m, nodeAt);
      if (v >= 0 && !nodes.includes(v)) nodes.push(v);
    }
    if (nodes.length > 0) {
      kept.push(g);
      gateNodes.push(nodes);
    }
  }
  const E = kept.length;
  const shift = (v: number): number => (v < Z ? v : v + E);
  const L0 = net.numLinks;
  let pairs = 0;
  for (const nodes of gateNodes) pairs += nodes.length;
  const L = L0 + 2 * pairs;
  const N = net.numNodes + E;
  const from = new Int32Array(L);
  const to = new Int32Array(L);
  for (let a = 0; a < L0; a++) {
    from[a] = shift(net.from[a]!);
    to[a] = shift(net.to[a]!);
  }
  const grow = <T extends Float64Array | Int32Array | Float32Array | Uint8Array>(src: T, make: (n: number) => T): T => {
    const out = make(L);
    out.set(src);
    return out;
  };
  const capacity = grow(net.capacity, (n) => new Float64Array(n));
  const length = grow(net.length, (n) => new Float64Array(n));
  const fft = grow(net.fft, (n) => new Float64Array(n));
  const b = grow(net.b, (n) => new Float64Array(n));
  const power = grow(net.power, (n) => new Float64Array(n));
  const toll = grow(net.toll, (n) => new Float64Array(n));
  const speed = grow(net.speed, (n) => new Float64Array(n));
  const linkType = grow(net.linkType, (n) => new Int32Array(n));
  const lanes = grow(rn.lanes, (n) => new Float32Array(n));
  const roadClass = grow(rn.roadClass, (n) => new Uint8Array(n));
  const isConnector = grow(rn.isConnector, (n) => new Uint8Array(n));
  const sourceFeature = grow(rn.sourceFeature, (n) => new Int32Array(n));
  const oldCoords = rn.geometry.coords;
  const coords = new Float32Array(oldCoords.length + 8 * pairs);
  coords.set(oldCoords);
  const offsets = new Uint32Array(L + 1);
  offsets.set(rn.geometry.offsets);
  let cv = rn.geometry.offsets[L0]!;
  let a = L0;
  kept.forEach((g, e) => {
    const zone = Z + e;
    for (const v of gateNodes[e]!) {
      const vx = rn.nodeXY[2 * v]!;
      const vy = rn.nodeXY[2 * v + 1]!;
      const len = Math.max(Math.hypot(vx - g.x, vy - g.y), 1);
      for (let d = 0; d < 2; d++) {
        from[a] = d === 0 ? zone : shift(v);
        to[a] = d === 0 ? shift(v) : zone;
        length[a] = len;
        speed[a] = CONNECTOR_SPEED_KMH;
        fft[a] = len / ((CONNECTOR_SPEED_KMH * 1000) / 60);
        capacity[a] = CONNECTOR_CAPACITY;
        b[a] = BPR_B;
        power[a] = BPR_POWER;
        linkType[a] = CONNECTOR_LINK_TYPE;
        roadClass[a] = CONNECTOR_CLASS;
        isConnector[a] = 1;
        sourceFeature[a] = -1;
        offsets[a] = cv;
        const [x0, y0, x1, y1] = d === 0 ? [g.x, g.y, vx, vy] : [vx, vy, g.x, g.y];
        coords.set([x0, y0, x1, y1], 2 * cv);
        cv += 2;
        a++;
      }
    }
  });
  offsets[L] = cv;
  const [outStart, outLinks] = groupLinksByNode(from, N);
  const [inStart, inLinks] = groupLinksByNode(to, N);
  const network: Network = {
    numNodes: N,
    numLinks: L,
    numZones: Z + E,
    firstThruNode: Z + E + 1,
    firstThruIndex: Z + E,
    from,
    to,
    capacity,
    length,
    fft,
    b,
    power,
    toll,
    speed,
    linkType,
    outStart,
    outLinks,
    inStart,
    inLinks,
  };
  return {
    network,
    coords,
    offsets,
    lanes,
    roadClass,
    isConnector,
    sourceFeature,
    kept,
    gateNodes: gateNodes.map((ns) => ns.map(shift)),
    dropped: gates.length - E,
  };
}
