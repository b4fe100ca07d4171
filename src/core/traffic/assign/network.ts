/**
 * A compact road network in typed arrays (forward star / CSR), the origin-destination demand on it,
 * and link edits (close a link, change its capacity).
 *
 * Nodes are 0-based indices here (TNTP node id = index + 1). Links keep the order of the source file,
 * so link `a` is row `a` of the `_net` file; the CSR arrays list link indices grouped by tail (`out*`)
 * and by head (`in*`), each group in file order.
 */
import type { TntpFlow, TntpNet, TntpTrips } from './tntp.ts';

export interface Network {
  readonly numNodes: number;
  readonly numLinks: number;
  /** Zones are nodes 0 .. numZones-1 (TNTP ids 1 .. numZones). */
  readonly numZones: number;
  /** TNTP `<FIRST THRU NODE>` (1-based, as in the file). */
  readonly firstThruNode: number;
  /**
   * Nodes with index < firstThruIndex (= firstThruNode - 1) are zones that a path may start or end at
   * but never pass through.
   */
  readonly firstThruIndex: number;
  /** 0-based tail and head node of each link. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** veh/h */
  readonly capacity: Float64Array;
  /** In the file's length unit. */
  readonly length: Float64Array;
  /** Free-flow time in the file's time unit. */
  readonly fft: Float64Array;
  readonly b: Float64Array;
  readonly power: Float64Array;
  readonly toll: Float64Array;
  readonly speed: Float64Array;
  readonly linkType: Int32Array;
  /** Out-links of node i: outLinks[outStart[i] .. outStart[i+1]-1]. */
  readonly outStart: Int32Array;
  readonly outLinks: Int32Array;
  /** In-links of node j: inLinks[inStart[j] .. inStart[j+1]-1]. */
  readonly inStart: Int32Array;
  readonly inLinks: Int32Array;
}

/**
 * Build the CSR network from a parsed `_net` file (node ids 1-based there, 0-based here). The per-link
 * arrays are the file's own; neither is ever written.
 */
export function buildNetwork(net: TntpNet): Network {
  const { numNodes, numLinks } = net;
  const from = new Int32Array(numLinks);
  const to = new Int32Array(numLinks);
  for (let a = 0; a < numLinks; a++) {
    const tail = net.from[a]! - 1;
    const head = net.to[a]! - 1;
    if (tail < 0 || tail >= numNodes || head < 0 || head >= numNodes) {
      throw new RangeError(`link ${a}: node out of range 1..${numNodes}`);
    }
    from[a] = tail;
    to[a] = head;
  }
  const [outStart, outLinks] = groupBy(from, numNodes);
  const [inStart, inLinks] = groupBy(to, numNodes);
  return {
    numNodes,
    numLinks,
    numZones: net.numZones,
    firstThruNode: net.firstThruNode,
    firstThruIndex: net.firstThruNode - 1,
    from,
    to,
    // The file's own per-link arrays, read and never written (edits go to copies: applyLinkEdits). Copies
    // of them were 1.5 MB of fresh memory on the 25.6k-link bench grid, 370 page faults of about 10 µs
    // each on the project's machines.
    capacity: net.capacity,
    length: net.length,
    fft: net.fft,
    b: net.b,
    power: net.power,
    toll: net.toll,
    speed: net.speed,
    linkType: net.linkType,
    outStart,
    outLinks,
    inStart,
    inLinks,
  };
}

/** Stable counting sort of link indices by key (tail or head). */
function groupBy(key: Int32Array, numNodes: number): [Int32Array, Int32Array] {
  const start = new Int32Array(numNodes + 1);
  for (let a = 0; a < key.length; a++) start[key[a]! + 1]! += 1;
  for (let i = 0; i < numNodes; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, numNodes);
  const links = new Int32Array(key.length);
  for (let a = 0; a < key.length; a++) {
    const k = key[a]!;
    links[cursor[k]!] = a;
    cursor[k]! += 1;
  }
  return [start, links];
}

/** The first link from `fromId` to `toId` (1-based TNTP ids), or -1. */
export function findLink(net: Network, fromId: number, toId: number): number {
  const tail = fromId - 1;
  if (tail < 0 || tail >= net.numNodes) return -1;
  for (let k = net.outStart[tail]!; k < net.outStart[tail + 1]!; k++) {
    const a = net.outLinks[k]!;
    if (net.to[a] === toId - 1) return a;
  }
  return -1;
}

/**
 * Link volumes of a `_flow` file in this network's link order (rows matched by from/to; parallel links
 * matched in order). Throws a RangeError naming the row when a row has no link or a link has no row.
 */
export function flowsByLink(net: Network, flow: TntpFlow): Float64Array {
  const out = new Float64Array(net.numLinks);
  const used = new Uint8Array(net.numLinks);
  for (let r = 0; r < flow.from.length; r++) {
    const tail = flow.from[r]! - 1;
    const head = flow.to[r]! - 1;
    let found = -1;
    if (tail >= 0 && tail < net.numNodes) {
      for (let k = net.outStart[tail]!; k < net.outStart[tail + 1]!; k++) {
        const a = net.outLinks[k]!;
        if (net.to[a] === head && used[a] === 0) {
          found = a;
          break;
        }
      }
    }
    if (found < 0) {
      throw new RangeError(`${flow.fileName}: row ${r + 1} (${flow.from[r]} -> ${flow.to[r]}) matches no link of the network`);
    }
    used[found] = 1;
    out[found] = flow.volume[r]!;
  }
  for (let a = 0; a < net.numLinks; a++) {
    if (used[a] === 0) {
      throw new RangeError(`${flow.fileName}: no row for link ${net.from[a]! + 1} -> ${net.to[a]! + 1}`);
    }
  }
  return out;
}

/**
 * Origin-destination demand (veh/h) grouped by origin, with 0-based node indices. Only origins with
 * positive demand appear; intrazonal entries (origin = destination) are left out, as they load no link.
 */
export interface Demand {
  readonly numZones: number;
  /** Origin node of each origin group. */
  readonly origins: Int32Array;
  /** Rows of origin group g: start[g] .. start[g+1]-1. */
  readonly start: Int32Array;
  /** 0-based; may be the trip table's `destination` array itself (buildDemand), so never written. */
  readonly destination: Int32Array;
  /** veh/h; may be the trip table's `demand` array itself (buildDemand), so never written. */
  readonly flow: Float64Array;
  /** Sum of all flows (veh/h). */
  readonly total: number;
  /** Intrazonal demand left out (veh/h). */
  readonly intrazonal: number;
}

/** Whether origin zone `o` (0-based) of `trips` has an entry for itself. */
function hasIntrazonal(trips: TntpTrips, o: number): boolean {
  const { destination, originStart } = trips;
  for (let k = originStart[o]!; k < originStart[o + 1]!; k++) if (destination[k] === o) return true;
  return false;
}

/** buildDemand's running figures, written back by copyOrigin. */
const copied = { total: 0, intrazonal: 0 };

/**
 * Origin zone `o`'s entries from row `n`, leaving out the intrazonal one; returns the next free row. When
 * `destination` and `flow` are not the trip table's own arrays, the entries are copied into them.
 */
function copyOrigin(trips: TntpTrips, o: number, destination: Int32Array, flow: Float64Array, n: number): number {
  const copy = destination !== trips.destination;
  // Summed on from the running figures, in entry order, as one loop over the whole table sums them.
  let total = copied.total;
  let intrazonal = copied.intrazonal;
  for (let k = trips.originStart[o]!; k < trips.originStart[o + 1]!; k++) {
    const d = trips.destination[k]!;
    const value = trips.demand[k]!;
    if (d === o) {
      intrazonal += value;
      continue;
    }
    if (copy) {
      destination[n] = d;
      flow[n] = value;
    }
    n++;
    total += value;
  }
  copied.total = total;
  copied.intrazonal = intrazonal;
  return n;
}

/** Demand of a parsed `_trips` file on `net`; zone counts must agree. */
export function buildDemand(trips: TntpTrips, net: Network): Demand {
  if (trips.numZones !== net.numZones) {
    throw new RangeError(
      `${trips.fileName}: <NUMBER OF ZONES> ${trips.numZones} differs from the network's ${net.numZones}`,
    );
  }
  // When no entry is intrazonal (intrazonal trips are not assigned), the rows are the demand as they
  // are: destination and flow are the trip table's own arrays, in the same order, read and never
  // written. Otherwise typed arrays sized for every entry take the others and are cut to what is kept.
  // A copy is not only the copying: on the 25.6k-link bench grid (568k rows) its 6.8 MB of fresh
  // memory took 1,700 page faults, at about 10 µs each on the project's machines. The loops are per
  // origin, in functions of their own, so that V8 optimises them after a few origins: a command-line
  // run does this once, and the 3k-link bench grid's 150k entries took 8–13 ms in one function's loops.
  const entries = trips.destination.length;
  let anyIntrazonal = false;
  for (let o = 0; o < trips.numZones && !anyIntrazonal; o++) anyIntrazonal = hasIntrazonal(trips, o);
  const origins = new Int32Array(trips.numZones);
  const start = new Int32Array(trips.numZones + 1);
  const destination = anyIntrazonal ? new Int32Array(entries) : trips.destination;
  const flow = anyIntrazonal ? new Float64Array(entries) : trips.demand;
  let numOrigins = 0;
  let n = 0;
  copied.total = 0;
  copied.intrazonal = 0;
  for (let o = 0; o < trips.numZones; o++) {
    const before = n;
    n = copyOrigin(trips, o, destination, flow, n);
    if (n > before) {
      origins[numOrigins++] = o;
      start[numOrigins] = n;
    }
  }
  return {
    numZones: trips.numZones,
    origins: origins.slice(0, numOrigins),
    start: start.slice(0, numOrigins + 1),
    destination: n === entries ? destination : destination.slice(0, n),
    flow: n === entries ? flow : flow.slice(0, n),
    total: copied.total,
    intrazonal: copied.intrazonal,
  };
}

/**
 * Edits to a network for a what-if run. Link indices are 0-based (file order). A closed link carries
 * no flow (as if removed); a capacity of 0 closes the link; other capacities must be > 0 (veh/h).
 */
export interface LinkEdits {
  readonly closed?: readonly number[];
  readonly capacity?: readonly { readonly link: number; readonly capacity: number }[];
}

/** Effective capacities and the closed-link mask after edits. Never mutates `net`. */
export interface EditedLinks {
  readonly capacity: Float64Array;
  /** 1 = closed. */
  readonly closed: Uint8Array;
  readonly numClosed: number;
}

export function applyLinkEdits(net: Network, edits: LinkEdits | undefined): EditedLinks {
  const capacity = net.capacity.slice();
  const closed = new Uint8Array(net.numLinks);
  const checkLink = (a: number, what: string): void => {
    if (!Number.isInteger(a) || a < 0 || a >= net.numLinks) {
      throw new RangeError(`${what}: link ${a} out of range 0..${net.numLinks - 1}`);
    }
  };
  for (const edit of edits?.capacity ?? []) {
    checkLink(edit.link, 'capacity edit');
    if (!Number.isFinite(edit.capacity) || edit.capacity < 0) {
      throw new RangeError(`capacity edit: link ${edit.link} capacity must be >= 0, got ${edit.capacity}`);
    }
    if (edit.capacity === 0) closed[edit.link] = 1;
    else capacity[edit.link] = edit.capacity;
  }
  for (const a of edits?.closed ?? []) {
    checkLink(a, 'closed');
    closed[a] = 1;
  }
  let numClosed = 0;
  for (let a = 0; a < net.numLinks; a++) numClosed += closed[a]!;
  return { capacity, closed, numClosed };
}
