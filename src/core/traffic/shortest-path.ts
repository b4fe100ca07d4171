/**
 * One-to-all shortest paths (Dijkstra 1959) on the CSR network with an indexed binary heap, and
 * all-or-nothing loading of one origin's demand onto the shortest-path tree. All work arrays are
 * allocated once per instance; `run` and `load` allocate nothing.
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
  /** Nodes in the order they were settled (a topological order of the tree); `orderLength` valid. */
  readonly order: Int32Array;
  orderLength = 0;
  /** Demand of the last `load` call whose destination was unreachable (veh/h). */
  unreachable = 0;

  private readonly net: Network;
  private readonly heap: Int32Array;
  /** Heap slot of each node; -1 when not in the heap. */
  private readonly slot: Int32Array;
  private readonly nodeFlow: Float64Array;

  constructor(net: Network) {
    const n = net.numNodes;
    this.net = net;
    this.dist = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.order = new Int32Array(n);
    this.heap = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.nodeFlow = new Float64Array(n);
  }

  /** Shortest paths from `origin` for link costs `cost`, skipping links with closed[a] === 1. */
  run(origin: number, cost: Float64Array, closed: Uint8Array): void {
    const { outStart, outLinks, to, firstThruIndex } = this.net;
    const dist = this.dist;
    const pred = this.pred;
    const heap = this.heap;
    const slot = this.slot;
    dist.fill(Infinity);
    pred.fill(-1);
    slot.fill(-1);
    dist[origin] = 0;
    heap[0] = origin;
    slot[origin] = 0;
    let size = 1;
    let settled = 0;
    while (size > 0) {
      // Pop the minimum.
      const u: number = heap[0]!;
      slot[u] = -1;
      size--;
      if (size > 0) {
        const last = heap[size]!;
        this.siftDown(last, 0, size);
      }
      this.order[settled++] = u;
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
          const s = slot[w]!;
          if (s < 0) {
            this.siftUp(w, size);
            size++;
          } else {
            this.siftUp(w, s);
          }
        }
      }
    }
    this.orderLength = settled;
  }

  /** Move node `w` up from heap slot `i` (used for insert at the end and for decrease-key). */
  private siftUp(w: number, i: number): void {
    const heap = this.heap;
    const slot = this.slot;
    const dist = this.dist;
    const key = dist[w]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (dist[p]! <= key) break;
      heap[i] = p;
      slot[p] = i;
      i = parent;
    }
    heap[i] = w;
    slot[w] = i;
  }

  /** Place node `w` at slot `i` and move it down in a heap of `size` entries. */
  private siftDown(w: number, i: number, size: number): void {
    const heap = this.heap;
    const slot = this.slot;
    const dist = this.dist;
    const key = dist[w]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && dist[heap[right]!]! < dist[heap[child]!]!) child = right;
      const c = heap[child]!;
      if (dist[c]! >= key) break;
      heap[i] = c;
      slot[c] = i;
      i = child;
    }
    heap[i] = w;
    slot[w] = i;
  }

  /**
   * All-or-nothing: add demand group `g` (times `scale`) along the tree of the last `run` into `flows`.
   * Returns Σ demand × path cost (the group's share of SPTT). Unreachable demand is skipped and
   * reported in `unreachable`.
   */
  load(demand: Demand, g: number, scale: number, flows: Float64Array): number {
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
