/**
 * One-to-all shortest paths on the CSR network, and all-or-nothing loading of one origin's demand onto
 * the shortest-path tree. All work arrays are allocated once per instance; `run`, `runDistances` and
 * `load` allocate nothing.
 *
 * `runDistances`: Pallottino's two-queue label-correcting method (S. Pallottino, "Shortest-path
 * methods: complexity, interrelations and new propositions", Networks 14, 1984; G. Gallo & S.
 * Pallottino, "Shortest path algorithms", Annals of Operations Research 13, 1988): a node whose label
 * improves is appended to the queue the first time and pushed to its front on later times. F. B. Zhan
 * & C. E. Noon ("Shortest path algorithms: an evaluation using real road networks", Transportation
 * Science 32(1), 1998) found it among the fastest one-to-all methods on road networks. The distances
 * are exact when the queue empties (costs >= 0). It gives no order.
 * `run`: the same search, then `order`, a topological order of the tree (breadth first over it), which
 * a new bush and all-or-nothing loading need.
 * Measured per search on the seeded 25k-link grid (bench/network-gen.ts) at equilibrium costs: two
 * queues 0.28–0.30 ms; Dijkstra with an indexed binary heap, which `run` used before, 0.63–0.83 ms; a
 * bucket queue (R. B. Dial, CACM 12(11), 1969, buckets half as wide as the cheapest link) 0.39–0.43
 * ms. On Anaheim the buckets were the slowest of the three, so neither the heap nor the buckets stayed.
 *
 * Zones below FIRST THRU NODE are never passed through: a path may start at the origin zone and end at
 * any node, but the out-links of any other zone are not relaxed.
 */
import type { Demand, Network } from './network.ts';

export class ShortestPaths {
  /** Distance (generalized cost) from the last origin; Infinity where unreachable. */
  readonly dist: Float64Array;
  /** Tree link into each node (-1 at the origin and unreachable nodes). */
  readonly pred: Int32Array;
  /**
   * Nodes in the order `run` settled them (a topological order of the tree); `orderLength` valid, 0
   * after `runDistances`.
   */
  readonly order: Int32Array;
  orderLength = 0;
  /** Demand of the last `load` call whose destination was unreachable (veh/h). */
  unreachable = 0;

  private readonly net: Network;
  /** run: the tree's nodes grouped by parent, and each parent's first entry (counting sort). */
  private readonly children: Int32Array;
  private readonly childStart: Int32Array;
  /** runDistances: circular queue of node ids (capacity numNodes + 1). */
  private readonly queue: Int32Array;
  /** runDistances: 0 never queued, 1 in the queue, 2 was in the queue. */
  private readonly state: Uint8Array;
  private readonly nodeFlow: Float64Array;

  constructor(net: Network) {
    const n = net.numNodes;
    this.net = net;
    this.dist = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.order = new Int32Array(n);
    this.children = new Int32Array(n);
    this.childStart = new Int32Array(n + 1);
    this.queue = new Int32Array(n + 1);
    this.state = new Uint8Array(n);
    this.nodeFlow = new Float64Array(n);
  }

  /**
   * Shortest paths from `origin` for link costs `cost`, skipping links with closed[a] === 1: distances
   * and tree as `runDistances`, then `order`, the tree's nodes breadth first (a topological order of
   * the tree), from the tree's links grouped by tail (counting sort).
   */
  run(origin: number, cost: Float64Array, closed: Uint8Array): void {
    this.runDistances(origin, cost, closed);
    const { numNodes: n, from } = this.net;
    const pred = this.pred;
    const order = this.order;
    const first = this.childStart;
    const child = this.children;
    first.fill(0);
    for (let j = 0; j < n; j++) {
      const a = pred[j]!;
      if (a >= 0) first[from[a]! + 1]! += 1;
    }
    for (let u = 0; u < n; u++) first[u + 1]! += first[u]!;
    const cursor = this.queue; // free once runDistances is done
    for (let u = 0; u < n; u++) cursor[u] = first[u]!;
    for (let j = 0; j < n; j++) {
      const a = pred[j]!;
      if (a >= 0) child[cursor[from[a]!]!++] = j;
    }
    order[0] = origin;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = order[head++]!;
      const end = first[u + 1]!;
      for (let k = first[u]!; k < end; k++) order[tail++] = child[k]!;
    }
    this.orderLength = tail;
  }

  /**
   * Shortest distances (and a shortest-path tree in `pred`) from `origin`, like `run` but by the
   * two-queue method; `order` is not filled (orderLength 0), so call `run` before `load`.
   */
  runDistances(origin: number, cost: Float64Array, closed: Uint8Array): void {
    const { numNodes: n, outStart, outLinks, to, firstThruIndex } = this.net;
    const dist = this.dist;
    const pred = this.pred;
    const queue = this.queue;
    const state = this.state;
    const cap = n + 1;
    dist.fill(Infinity);
    pred.fill(-1);
    state.fill(0);
    dist[origin] = 0;
    queue[0] = origin;
    state[origin] = 1;
    let head = 0;
    let tail = 1;
    while (head !== tail) {
      const u: number = queue[head]!;
      head = head + 1 === cap ? 0 : head + 1;
      state[u] = 2;
      if (u !== origin && u < firstThruIndex) continue; // a zone: no through traffic
      const du = dist[u]!;
      const end = outStart[u + 1]!;
      for (let k: number = outStart[u]!; k < end; k++) {
        const a = outLinks[k]!;
        if (closed[a] === 1) continue;
        const w = to[a]!;
        const nd = du + cost[a]!;
        if (nd < dist[w]!) {
          dist[w] = nd;
          pred[w] = a;
          const st = state[w]!;
          if (st === 0) {
            queue[tail] = w;
            tail = tail + 1 === cap ? 0 : tail + 1;
            state[w] = 1;
          } else if (st === 2) {
            head = head === 0 ? cap - 1 : head - 1;
            queue[head] = w;
            state[w] = 1;
          }
        }
      }
    }
    this.orderLength = 0;
  }

  /**
   * All-or-nothing: add demand group `g` (times `scale`) along the tree of the last `run` into `flows`.
   * Returns Σ demand × path cost (the group's share of SPTT). Unreachable demand is skipped and
   * reported in `unreachable`.
   */
  load(demand: Demand, g: number, scale: number, flows: Float64Array): number {
    if (this.orderLength === 0) throw new Error('internal error: load() needs the tree order of run()');
    const dist = this.dist;
    const nodeFlow = this.nodeFlow;
    const from = this.net.from;
    let sptt = 0;
    let lost = 0;
    for (let k = demand.start[g]!; k < demand.start[g + 1]!; k++) {
      const d = demand.destination[k]!;
      const f = demand.flow[k]! * scale;
      const c = dist[d]!;
      if (c === Infinity) {
        lost += f;
        continue;
      }
      nodeFlow[d]! += f;
      sptt += f * c;
    }
    for (let i = this.orderLength - 1; i > 0; i--) {
      const u = this.order[i]!;
      const f = nodeFlow[u]!;
      if (f === 0) continue;
      nodeFlow[u] = 0;
      const a = this.pred[u]!;
      flows[a]! += f;
      nodeFlow[from[a]!]! += f;
    }
    if (this.orderLength > 0) nodeFlow[this.order[0]!] = 0;
    this.unreachable = lost;
    return sptt;
  }

  /** Σ demand × shortest cost for group `g` (times `scale`), without loading; unreachable skipped. */
  pathCost(demand: Demand, g: number, scale: number): number {
    const dist = this.dist;
    let sptt = 0;
    let lost = 0;
    for (let k = demand.start[g]!; k < demand.start[g + 1]!; k++) {
      const c = dist[demand.destination[k]!]!;
      const f = demand.flow[k]! * scale;
      if (c === Infinity) lost += f;
      else sptt += f * c;
    }
    this.unreachable = lost;
    return sptt;
  }
}
