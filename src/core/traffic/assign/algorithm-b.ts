/**
 * Bush-based user equilibrium: Algorithm B.
 *
 * R. B. Dial, "A path-based user-equilibrium traffic assignment algorithm that obviates path storage
 * and enumeration", Transportation Research Part B 40(10), 917–936, 2006. Related: H. Bar-Gera,
 * "Origin-based algorithm for the traffic assignment problem", Transportation Science 36(4), 2002 (bushes,
 * acyclicity); Y. Nie, "A class of bush-based algorithms for the traffic assignment problem",
 * Transportation Research Part B 44(1), 2010 (bush expansion, Newton shifts); D. J. Pearce & P. H. J.
 * Kelly, "A dynamic topological sort algorithm for directed acyclic graphs", ACM Journal of
 * Experimental Algorithmics 11, 2006 (keeping the order valid while links are added).
 *
 * Each origin with demand owns a bush: an acyclic set of links through which all its flow travels.
 * Storage (compact, so a pass streams a few contiguous arrays; a dense per-origin layout over all
 * links was memory-bound on a 12k-link city grid with 400 origins): per origin a topological order of
 * the bush nodes, and the bush links grouped by head node in that order, each slot holding the link
 * id, the order position of its tail and this origin's flow on it. Labels and trees in a pass are
 * indexed by order position. A bush update works on a list of the bush's links with their flows (and
 * a dense link mask), which it fills node by node in order; each node's kept in-links are one run of
 * the list, and the links added later are chained to their head. The store writes the compact form
 * back from those runs and chains in the new order. Scanning every network link of the bush's nodes
 * with a mask test instead spent most of its time on mispredicted branches. An update that neither
 * prunes nor adds a link leaves the stored bush as it is.
 *
 * One bush update (per origin, per outer iteration):
 *  1. labels on the bush: shortest distance L (all bush links) and its tree;
 *  2. prune: drop bush links that carry no flow of this origin, except tree links;
 *  3. expand by shortest distance: add every allowed link with L_i + c_ij < L_j that points forward in
 *     the topological order, or backward when a search finds no bush path j -> i; the order is then
 *     repaired locally (Pearce & Kelly) rather than re-sorted. A link into a node not yet in the bush
 *     (one that had no path) is added and the node appended to the order;
 *  4. first iteration only: add the links of the network shortest-path trees handed over by assign()
 *     (`keepTree`): at the costs of iteration 0, which it computes for the gap anyway, and, on a cold
 *     start, at free flow; under the same acyclicity rule. This gives the bush multi-link shortcuts at
 *     once (on the city grid the gap after iteration 1 drops from 1e-1 to 3e-2; Anaheim reaches 1e-8 in
 *     about half the iterations);
 *  5. after the update that took the trees of step 4, re-sort the bush (Kahn's algorithm, which also
 *     checks acyclicity) into a breadth-first order; later updates keep the locally repaired order.
 *     Re-sorting after every update that added a link cost a fifth of the update time on the 25k-link
 *     grid and did not pay: without it the grid reached 1e-6 in 11 iterations instead of 13, the 3k
 *     grid in 11 instead of 12 and Sioux Falls 1e-8 in 18 instead of 19.
 * Dial's own expansion rule (add links with U_i + c_ij < U_j, U the longest distance on the bush) is
 * not used: with step 3 it made no difference to the iterations on Sioux Falls, Anaheim or the city
 * grid, and it cost two more passes over all links per update. Step 3 skips a shortcut only when it
 * would close a cycle; the bush path j -> i then holds a used link off the shortest-distance tree, on
 * a path to i costlier than L_i, whose flow the equilibration moves away, and a later update adds the
 * shortcut.
 *
 * One equilibration pass (per origin): in topological order compute L with its tree and U' = the
 * longest distance over links that carry this origin's flow; then for every node j, from last to first,
 * where the longest used path costs more than the shortest, walk both trees back to their last common
 * node, and move Δ = min(ΔC / Σ dc/dv, min flow on the longer segment) from the longer segment to the
 * shorter (a Newton step). Link flows and costs are updated at once (Gauss–Seidel). Only nodes with
 * two or more bush in-links can shift, so a pass runs over those and their ancestors, which the stored
 * order puts first (`activeLength`; about a third of the nodes on the city grid, whose bushes are
 * nearly trees).
 * One outer iteration (`iterate`): update then equilibrate every bush in origin order, then up to
 * `extraPasses` more equilibration passes (assign() allows 30: bush updates are the costlier step).
 * An extra pass visits only the bushes whose last pass gained at least PASS_GAIN_SHARE of the largest
 * gain of any bush: flows move in a few bushes at a time, and a pass over all bushes spends most of its
 * time on labels that move nothing. On the seeded 3k-link grid this reaches gap 1e-8 in 25 iterations
 * and about 60k bush passes, where 8 passes over every bush took 90 iterations and 310k passes.
 *
 * Start (`initOrigin` with loadNow, see assign()): origins in order, each bush the shortest-path tree at
 * the costs of the flows loaded so far, its flow loaded at once.
 * Zones below FIRST THRU NODE: a bush never holds an out-link of a zone other than its origin.
 * Everything runs on typed arrays allocated up front (the tree store of step 4 on first use, freed
 * after the first iteration); no allocation per iteration.
 */
import type { LinkCosts } from './costs.ts';
import type { Demand, Network } from './network.ts';
import type { ShortestPaths } from './shortest-path.ts';

/** Relative difference between longest and shortest used path below which a node is left alone. */
const SHIFT_REL_EPS = 1e-13;
/**
 * Bush flows at or below this fraction of the origin's total demand count as zero: they are rounding
 * residue of earlier shifts. Treating them as used would let a path of residue that no longer starts
 * at the origin block the shifts at a node and stall convergence; the prune step sets them to 0.
 */
const FLOW_REL_EPS = 1e-12;
/**
 * Extra equilibration passes visit a bush only while its last pass gained at least this share of the
 * largest gain of any bush in the iteration (gain: Σ Δ·ΔC over its shifts, about twice the drop of the
 * objective). Tuned on the seeded 3k-link grid (bench/network-gen.ts), CPU seconds to gap 1e-8 with 30
 * passes at most: share 0.001 4.7 s, 0.01 3.3 s, 0.1 2.8 s, 0.3 4.6 s; 8 passes over every bush, as
 * before, 9.6 s.
 */
const PASS_GAIN_SHARE = 0.1;
/**
 * The share in the iteration whose updates took the shortest-path trees (step 4): those make the bushes
 * about 40 % bigger until the next update prunes what got no flow, and every extra pass pays for it.
 * Measured against 0.1 (CPU seconds, both solvers run in turn in one process): the seeded 25k-link grid
 * to 1e-4 in 8.3 s instead of 10.2 s (0.4: 9.1 s; 0.6: 8.4 s), to 1e-8 in 42 s instead of 37 s; the 3k
 * grid 1.18× faster to 1e-4, 0.91× and 0.93× to 1e-6 and 1e-8; Sioux Falls 1.33× and 1.09× to 1e-4 and
 * 1e-8; Anaheim 1.34× to 1e-4, 0.81× to 1e-8 (a few ms). A trade towards the coarser gaps.
 */
const FIRST_PASS_GAIN_SHARE = 0.5;

/**
 * Node ids, link ids, order positions and slot offsets of the stored bushes: 16 bits where the network
 * is small enough, which takes a quarter to a third off the bytes a pass streams and the pages a run
 * first touches (on the seeded 25k-link grid, 4–5 % of the solve time; first touches of fresh memory
 * cost about 3 ms per MB on the 2-core test machine).
 */
type IndexArray = Uint16Array | Int32Array;

/** An array for indices up to `max`, zero-filled. */
function indexArray(max: number, length: number): IndexArray {
  return max <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
}

export class Bushes {
  readonly numOrigins: number;
  /** Total link flows Σ_g (origin g's flows) (veh/h). */
  readonly v: Float64Array;
  /** Demand lost because a destination is unreachable (veh/h), summed over origins. */
  unreachable = 0;

  private readonly net: Network;
  private readonly demand: Demand;
  private readonly costs: LinkCosts;
  /** Topological order per origin: topo[g·numNodes .. g·numNodes + topoLength[g] - 1] (node ids). */
  private readonly topo: IndexArray;
  private readonly topoLength: Int32Array;
  /**
   * Per origin, the order is split: first the nodes where a shift can happen (two or more bush
   * in-links) and their ancestors, then the rest, each part in topological order (no bush link leads
   * from the rest back into the first part). activeLength[g] is the length of the first part;
   * equilibration passes need only it.
   */
  private readonly activeLength: Int32Array;
  /**
   * Bush slots per origin, grouped by head node in topological order: the links into the node at
   * position k of bush g are the slots g·numLinks + bushStart[g·(numNodes+1) + k] .. (k+1) - 1.
   * Per slot: link id, order position of the link's tail, origin g's flow on it (veh/h).
   */
  private readonly bushLink: IndexArray;
  private readonly bushTail: IndexArray;
  private readonly bushFlow: Float64Array;
  private readonly bushStart: IndexArray;
  private readonly unreachableByOrigin: Float64Array;
  /** Per-origin flow threshold (veh/h), FLOW_REL_EPS × the origin's assigned demand. */
  private readonly flowTol: Float64Array;
  /** Gain of the last equilibration pass per origin (see `iterate`). */
  private readonly lastGain: Float64Array;
  /**
   * Network shortest-path trees handed over by `keepTree` (predecessor link per node, per origin), one
   * store per kind of tree (TREE_KINDS); treeReady[g] holds a bit per kind.
   */
  private spTrees: (Int32Array | undefined)[] = [];
  private readonly treeReady: Uint8Array;
  // Scratch, one set for all origins, all 0 between bush updates: the bush's link mask, and the flows
  // all-or-nothing loading gives a new bush.
  private readonly denseMask: Uint8Array;
  private readonly denseFlow: Float64Array;
  /**
   * The links of the scratch bush (those with denseMask 1) and their flows, listed as they are added;
   * the re-sort and the store work from this list rather than scanning every network link of the
   * bush's nodes, whose mask tests the processor cannot predict.
   */
  private readonly bushList: Int32Array;
  private readonly listFlow: Float64Array;
  private listLength = 0;
  /**
   * In-links of each node in the scratch bush, by node id: a run of the list (the links an update
   * kept, which it lists head by head) at keptFirst, keptCount long, plus a chain of single entries
   * (links added since, and every link of a bush built from scratch) from chainHead through
   * chainNext (-1 ends it). chainHead is all -1 between updates.
   */
  private readonly keptFirst: Int32Array;
  private readonly keptCount: Int32Array;
  private readonly chainHead: Int32Array;
  private readonly chainNext: Int32Array;
  /** Re-sort: links grouped by tail and the group bounds (counting sort). */
  private readonly groupLink: Int32Array;
  private readonly groupStart: Int32Array;
  /** Node -> order position in the bush being updated or stored (-1: not in it). */
  private readonly topoPos: Int32Array;
  private readonly indeg: Int32Array;
  /** Shortest distance per node id (bush update). */
  private readonly nodeLabel: Float64Array;
  /** Labels and trees (as slots) per order position. */
  private readonly minLabel: Float64Array;
  private readonly maxLabel: Float64Array;
  private readonly predMin: Int32Array;
  private readonly predMax: Int32Array;
  private readonly stack: Int32Array;
  private readonly seenStamp: Int32Array;
  private readonly slots: Int32Array;
  private readonly moved: Int32Array;
  private readonly mergeSlots: Int32Array;
  private readonly active: Uint8Array;
  private stampCounter = 0;

  constructor(net: Network, demand: Demand, costs: LinkCosts) {
    const z = demand.origins.length;
    const { numLinks: L, numNodes: N } = net;
    this.numOrigins = z;
    this.net = net;
    this.demand = demand;
    this.costs = costs;
    this.v = new Float64Array(L);
    this.topo = indexArray(N - 1, z * N);
    this.topoLength = new Int32Array(z);
    this.activeLength = new Int32Array(z);
    this.bushLink = indexArray(L - 1, z * L);
    this.bushTail = indexArray(N - 1, z * L);
    this.bushFlow = new Float64Array(z * L);
    this.bushStart = indexArray(L, z * (N + 1));
    this.unreachableByOrigin = new Float64Array(z);
    this.flowTol = new Float64Array(z);
    this.lastGain = new Float64Array(z);
    this.treeReady = new Uint8Array(z);
    this.denseMask = new Uint8Array(L);
    this.denseFlow = new Float64Array(L);
    this.bushList = new Int32Array(L);
    this.listFlow = new Float64Array(L);
    this.keptFirst = new Int32Array(N);
    this.keptCount = new Int32Array(N);
    this.chainHead = new Int32Array(N).fill(-1);
    this.chainNext = new Int32Array(L);
    this.groupLink = new Int32Array(L);
    this.groupStart = new Int32Array(N + 1);
    this.topoPos = new Int32Array(N);
    this.indeg = new Int32Array(N);
    this.nodeLabel = new Float64Array(N);
    this.minLabel = new Float64Array(N);
    this.maxLabel = new Float64Array(N);
    this.predMin = new Int32Array(N);
    this.predMax = new Int32Array(N);
    this.stack = new Int32Array(N);
    this.seenStamp = new Int32Array(N);
    this.slots = new Int32Array(N);
    this.moved = new Int32Array(N);
    this.mergeSlots = new Int32Array(N);
    this.active = new Uint8Array(N);
  }

  /**
   * Start origin g from scratch: its bush becomes the shortest-path tree at the current costs and its
   * demand (× scale) is loaded all-or-nothing on it. With `loadNow`, the flows are added to `v` and
   * the costs of their links updated at once, so the next origin's tree sees them (an incremental
   * start, see `assign`); without it `v` is not touched (call `sumFlows`).
   */
  initOrigin(g: number, scale: number, sp: ShortestPaths, loadNow: boolean): void {
    const origin = this.demand.origins[g]!;
    const dense = this.denseFlow;
    const keptCount = this.keptCount;
    const costs = this.costs;
    const v = this.v;
    sp.run(origin, costs.cost, costs.closed);
    sp.load(this.demand, g, scale, dense);
    this.unreachableByOrigin[g] = sp.unreachable;
    this.flowTol[g] = FLOW_REL_EPS * this.originDemand(g) * scale;
    // The order in which Dijkstra settled the nodes is a topological order of the tree.
    const nbase = g * this.net.numNodes;
    const len = sp.orderLength;
    this.topo[nbase] = origin;
    keptCount[origin] = 0;
    for (let i = 1; i < len; i++) {
      const j = sp.order[i]!;
      const a = sp.pred[j]!;
      const x = dense[a]!;
      dense[a] = 0;
      this.topo[nbase + i] = j;
      this.chainLink(i - 1, a, j, x);
      keptCount[j] = 0;
      if (loadNow && x !== 0) {
        v[a]! += x;
        costs.update(a, v[a]!);
      }
    }
    this.listLength = len - 1;
    this.topoLength[g] = len;
    this.fillTopoPos(g);
    this.storeBush(g);
  }

  /**
   * Adopt a previous bush state for origin g (dense, origin-major, as from `exportFlows` /
   * `exportMask`; flows × ratio). The caller guarantees the same network topology and demand up to
   * the factor `ratio`.
   */
  adoptOrigin(
    g: number,
    flows: Float64Array,
    mask: Uint8Array,
    ratio: number,
    unreachable: number,
    scale: number,
  ): void {
    const { numLinks: L, to } = this.net;
    const base = g * L;
    let n = 0;
    for (let a = 0; a < L; a++) {
      if (mask[base + a] === 1) n = this.chainLink(n, a, to[a]!, flows[base + a]! * ratio);
    }
    this.listLength = n;
    this.unreachableByOrigin[g] = unreachable * ratio;
    this.flowTol[g] = FLOW_REL_EPS * this.originDemand(g) * scale;
    this.keptCount.fill(0);
    this.sortBush(g);
    this.fillTopoPos(g);
    this.storeBush(g);
  }

  /** Per-origin link flows, dense and origin-major: origin g at [g·numLinks, (g+1)·numLinks). */
  exportFlows(): Float64Array {
    const L = this.net.numLinks;
    const out = new Float64Array(this.numOrigins * L);
    for (let g = 0; g < this.numOrigins; g++) {
      const base = g * L;
      const end = base + this.bushSize(g);
      for (let q = base; q < end; q++) out[base + this.bushLink[q]!] = this.bushFlow[q]!;
    }
    return out;
  }

  /** Per-origin bush membership (1 = in bush), same layout as `exportFlows`. */
  exportMask(): Uint8Array {
    const L = this.net.numLinks;
    const out = new Uint8Array(this.numOrigins * L);
    for (let g = 0; g < this.numOrigins; g++) {
      const base = g * L;
      const end = base + this.bushSize(g);
      for (let q = base; q < end; q++) out[base + this.bushLink[q]!] = 1;
    }
    return out;
  }

  /**
   * Hand over a network shortest-path tree of origin g (predecessor link per node, -1 for none, as
   * `ShortestPaths.pred`), used by the next update of its bush only (step 4 in the header). `kind`
   * (below TREE_KINDS) keeps trees of different costs apart: each kind has its own store.
   */
  keepTree(g: number, pred: Int32Array, kind = 0): void {
    const N = this.net.numNodes;
    const tree = (this.spTrees[kind] ??= new Int32Array(this.numOrigins * N));
    tree.set(pred.subarray(0, N), g * N);
    this.treeReady[g]! |= 1 << kind;
  }

  /** Demand of origin g that could not be assigned (veh/h). */
  unreachableOf(g: number): number {
    return this.unreachableByOrigin[g]!;
  }

  /** v = Σ_g flows_g (fixed summation order, so the result is reproducible), then refresh costs. */
  sumFlows(): void {
    const L = this.net.numLinks;
    const v = this.v;
    const link = this.bushLink;
    const flow = this.bushFlow;
    v.fill(0);
    for (let g = 0; g < this.numOrigins; g++) {
      const base = g * L;
      const end = base + this.bushSize(g);
      for (let q = base; q < end; q++) v[link[q]!]! += flow[q]!;
    }
    let lost = 0;
    for (let g = 0; g < this.numOrigins; g++) lost += this.unreachableByOrigin[g]!;
    this.unreachable = lost;
    this.costs.updateAll(v);
  }

  /**
   * One outer iteration: update and equilibrate every bush, then up to `extraPasses` more passes, each
   * over the bushes whose last pass gained at least PASS_GAIN_SHARE (FIRST_PASS_GAIN_SHARE in the
   * iteration that takes the trees) of the largest gain of any bush (see the header); stops early when
   * no bush gained.
   */
  iterate(extraPasses: number): void {
    this.sumFlows();
    const gain = this.lastGain;
    const z = this.numOrigins;
    for (let g = 0; g < z; g++) {
      this.updateBush(g);
      gain[g] = this.equilibrate(g);
    }
    // The trees are used once; later updates find shortcuts from the bush labels.
    const share = this.spTrees.length > 0 ? FIRST_PASS_GAIN_SHARE : PASS_GAIN_SHARE;
    this.spTrees = [];
    for (let p = 0; p < extraPasses; p++) {
      let most = 0;
      for (let g = 0; g < z; g++) if (gain[g]! > most) most = gain[g]!;
      if (!(most > 0)) break;
      const cut = share * most;
      for (let g = 0; g < z; g++) if (gain[g]! >= cut) gain[g] = this.equilibrate(g);
    }
  }

  private bushSize(g: number): number {
    return this.bushStart[g * (this.net.numNodes + 1) + this.topoLength[g]!]!;
  }

  private originDemand(g: number): number {
    let sum = 0;
    for (let k = this.demand.start[g]!; k < this.demand.start[g + 1]!; k++) sum += this.demand.flow[k]!;
    return sum;
  }

  /**
   * Topological order of the scratch bush (its link list), stored as bush g's order (Kahn's
   * algorithm); throws if the bush has a cycle. The links are first grouped by tail node (counting
   * sort), so the search reads each node's bush out-links as one run.
   */
  private sortBush(g: number): void {
    const { numNodes: N, from, to } = this.net;
    const nbase = g * N;
    const indeg = this.indeg;
    const topo = this.topo;
    const list = this.bushList;
    const n = this.listLength;
    indeg.fill(0);
    for (let i = 0; i < n; i++) indeg[to[list[i]!]!]! += 1;
    const out = this.groupLink;
    const outStart = this.groupStart;
    outStart.fill(0);
    for (let i = 0; i < n; i++) outStart[from[list[i]!]! + 1]! += 1;
    for (let u = 0; u < N; u++) outStart[u + 1]! += outStart[u]!;
    // Scatter with a cursor per node (the stack, free here), then read runs [outStart[u], cursor[u]).
    const cursor = this.stack;
    for (let u = 0; u < N; u++) cursor[u] = outStart[u]!;
    for (let i = 0; i < n; i++) {
      const a = list[i]!;
      const u = from[a]!;
      out[cursor[u]!++] = a;
    }
    topo[nbase] = this.demand.origins[g]!;
    let head = 0;
    let tail = 1;
    let seen = 0;
    while (head < tail) {
      const u = topo[nbase + head]!;
      head++;
      const end = outStart[u + 1]!;
      for (let k = outStart[u]!; k < end; k++) {
        const w = to[out[k]!]!;
        seen++;
        const d = indeg[w]! - 1;
        indeg[w] = d;
        if (d === 0) topo[nbase + tail++] = w;
      }
    }
    if (seen !== n) {
      throw new Error(`internal error: bush of origin ${this.demand.origins[g]! + 1} is not acyclic`);
    }
    this.topoLength[g] = tail;
  }

  /** topoPos[node] = position in bush g's order, -1 if not in the bush. */
  private fillTopoPos(g: number): void {
    const N = this.net.numNodes;
    const nbase = g * N;
    const len = this.topoLength[g]!;
    const pos = this.topoPos;
    const topo = this.topo;
    pos.fill(-1);
    for (let i = 0; i < len; i++) pos[topo[nbase + i]!] = i;
  }

  /**
   * Write the scratch bush (the in-link runs and chains of its nodes, with bush g's valid order in
   * `topo` and `topoPos`) into bush g's compact arrays, and clear the scratch. The order is first split
   * into the active part and the rest (see `activeLength`), each keeping its relative order.
   */
  private storeBush(g: number): void {
    const { numLinks: L, numNodes: N, from } = this.net;
    const base = g * L;
    const nbase = g * N;
    const sbase = g * (N + 1);
    const len = this.topoLength[g]!;
    const list = this.bushList;
    const listFlow = this.listFlow;
    const keptFirst = this.keptFirst;
    const keptCount = this.keptCount;
    const chainHead = this.chainHead;
    const chainNext = this.chainNext;
    const topo = this.topo;
    const pos = this.topoPos;
    // Active (by position): two or more bush in-links, or an active successor; then so are its tails.
    const active = this.active;
    active.fill(0, 0, len);
    for (let k = len - 1; k > 0; k--) {
      const j = topo[nbase + k]!;
      const c0 = chainHead[j]!;
      const count = keptCount[j]! + (c0 < 0 ? 0 : chainNext[c0]! < 0 ? 1 : 2);
      if (active[k] === 0 && count < 2) continue;
      active[k] = 1;
      const r0 = keptFirst[j]!;
      const r1 = r0 + keptCount[j]!;
      for (let r = r0; r < r1; r++) active[pos[from[list[r]!]!]!] = 1;
      for (let c = c0; c >= 0; c = chainNext[c]!) active[pos[from[list[c]!]!]!] = 1;
    }
    // The new order, the active part first; topoPos follows it.
    const nodes = this.mergeSlots;
    let na = 0;
    for (let k = 0; k < len; k++) {
      if (k > 0 && active[k] === 0) continue;
      const j = topo[nbase + k]!;
      nodes[na] = j;
      pos[j] = na++;
    }
    this.activeLength[g] = na;
    let p = na;
    for (let k = 1; k < len; k++) {
      if (active[k] === 1) continue;
      const j = topo[nbase + k]!;
      nodes[p] = j;
      pos[j] = p++;
    }
    const link = this.bushLink;
    const tail = this.bushTail;
    const flow = this.bushFlow;
    const start = this.bushStart;
    let q = base;
    for (let np = 0; np < len; np++) {
      const j = nodes[np]!;
      start[sbase + np] = q - base;
      const r0 = keptFirst[j]!;
      const r1 = r0 + keptCount[j]!;
      for (let r = r0; r < r1; r++) {
        const a = list[r]!;
        link[q] = a;
        tail[q] = pos[from[a]!]!;
        flow[q] = listFlow[r]!;
        q++;
      }
      for (let c = chainHead[j]!; c >= 0; c = chainNext[c]!) {
        const a = list[c]!;
        link[q] = a;
        tail[q] = pos[from[a]!]!;
        flow[q] = listFlow[c]!;
        q++;
      }
      chainHead[j] = -1;
    }
    start[sbase + len] = q - base;
    topo.set(nodes.subarray(0, len), nbase);
    this.clearScratch();
  }

  /**
   * Put link `a` (head `j`, flow `x` of this origin) into the scratch bush at list index `n`, chained to
   * its head; returns n + 1.
   */
  private chainLink(n: number, a: number, j: number, x: number): number {
    this.denseMask[a] = 1;
    this.bushList[n] = a;
    this.listFlow[n] = x;
    this.chainNext[n] = this.chainHead[j]!;
    this.chainHead[j] = n;
    return n + 1;
  }

  /** Empty the scratch bush: the mask of its listed links back to 0, the list to length 0. */
  private clearScratch(): void {
    const list = this.bushList;
    const mask = this.denseMask;
    for (let i = 0; i < this.listLength; i++) mask[list[i]!] = 0;
    this.listLength = 0;
  }

  /**
   * Make room for a new link x -> y in the scratch bush of origin g that points backward in its order
   * (pos[y] < pos[x]), after Pearce & Kelly: search forward from y and backward from x, both restricted
   * to the order interval [pos[y], pos[x]]. If the forward search meets x the link would close a
   * cycle: return false and change nothing. Otherwise give the backward set, then the forward set, the
   * positions they held (each keeps its relative order), which keeps the order valid with the new
   * link, and return true. Cost: the interval, not the whole bush.
   */
  private reorderForLink(g: number, x: number, y: number): boolean {
    const { numNodes: N, from, to, outStart, outLinks, inStart, inLinks } = this.net;
    const nbase = g * N;
    const mask = this.denseMask;
    const topo = this.topo;
    const pos = this.topoPos;
    const lb = pos[y]!;
    const ub = pos[x]!;
    const stack = this.stack;
    const seen = this.seenStamp;
    if (this.stampCounter > 0x3ffffff0) {
      seen.fill(0);
      this.stampCounter = 0;
    }
    this.stampCounter += 2;
    const fStamp = this.stampCounter - 1;
    const bStamp = this.stampCounter;
    // Forward from y. The positions each search reaches are listed (fwd, bwd), so the positions to
    // reassign are found by sorting those lists, not by scanning the whole interval.
    const fwd = this.slots;
    const bwd = this.moved;
    let nf = 0;
    let nb = 0;
    let top = 0;
    stack[top++] = y;
    seen[y] = fStamp;
    fwd[nf++] = lb;
    while (top > 0) {
      const u = stack[--top]!;
      const end = outStart[u + 1]!;
      for (let k = outStart[u]!; k < end; k++) {
        const a = outLinks[k]!;
        if (mask[a] !== 1) continue;
        const w = to[a]!;
        if (w === x) return false;
        if (seen[w] === fStamp || pos[w]! > ub) continue;
        seen[w] = fStamp;
        stack[top++] = w;
        fwd[nf++] = pos[w]!;
      }
    }
    // Backward from x (disjoint from the forward set, else there would be a path y -> x).
    stack[top++] = x;
    seen[x] = bStamp;
    bwd[nb++] = ub;
    while (top > 0) {
      const u = stack[--top]!;
      const end = inStart[u + 1]!;
      for (let k = inStart[u]!; k < end; k++) {
        const a = inLinks[k]!;
        if (mask[a] !== 1) continue;
        const w = from[a]!;
        if (seen[w] === bStamp || pos[w]! < lb) continue;
        seen[w] = bStamp;
        stack[top++] = w;
        bwd[nb++] = pos[w]!;
      }
    }
    // Reassign the positions in [lb, ub] held by either set: backward set first, then forward set,
    // each in its old order.
    sortInt32(fwd, nf);
    sortInt32(bwd, nb);
    const nodes = this.stack;
    for (let k = 0; k < nb; k++) nodes[k] = topo[nbase + bwd[k]!]!;
    for (let k = 0; k < nf; k++) nodes[nb + k] = topo[nbase + fwd[k]!]!;
    // Merge the two sorted position lists into the slots they fill.
    const slots = this.mergeSlots;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < nb || j < nf) {
      if (j >= nf || (i < nb && bwd[i]! < fwd[j]!)) slots[n++] = bwd[i++]!;
      else slots[n++] = fwd[j++]!;
    }
    for (let k = 0; k < n; k++) {
      const p = slots[k]!;
      const u = nodes[k]!;
      topo[nbase + p] = u;
      pos[u] = p;
    }
    return true;
  }

  /** Prune unused links and expand with shortcut links (on the scratch), then store. */
  private updateBush(g: number): void {
    const { numLinks: L, numNodes: N, from, to, outStart, outLinks, firstThruIndex } = this.net;
    const base = g * L;
    const nbase = g * N;
    const sbase = g * (N + 1);
    const origin = this.demand.origins[g]!;
    const mask = this.denseMask;
    const link = this.bushLink;
    const tail = this.bushTail;
    const flow = this.bushFlow;
    const start = this.bushStart;
    const topo = this.topo;
    const cost = this.costs.cost;
    const closed = this.costs.closed;
    const lab = this.minLabel;
    const nodeLabel = this.nodeLabel;
    const list = this.bushList;
    const listFlow = this.listFlow;
    const keptFirst = this.keptFirst;
    const keptCount = this.keptCount;
    const tol = this.flowTol[g]!;
    let len = this.topoLength[g]!;

    // 1-2. Per node in order: the shortest distance on the bush (per position, and per node for step 3)
    // and its tree link; then into the scratch, as one run of the list, the node's in-links that carry
    // flow of this origin (residue counts as none) and the tree link.
    lab[0] = 0;
    nodeLabel[origin] = 0;
    keptCount[origin] = 0;
    let n = 0;
    let residue = false;
    for (let k = 1; k < len; k++) {
      let best = Infinity;
      let arg = -1;
      const q0 = base + start[sbase + k]!;
      const q1 = base + start[sbase + k + 1]!;
      for (let q = q0; q < q1; q++) {
        const c = lab[tail[q]!]! + cost[link[q]!]!;
        if (c < best) {
          best = c;
          arg = q;
        }
      }
      lab[k] = best;
      const j = topo[nbase + k]!;
      nodeLabel[j] = best;
      keptFirst[j] = n;
      for (let q = q0; q < q1; q++) {
        const x = flow[q]!;
        if (x > tol) {
          const a = link[q]!;
          mask[a] = 1;
          list[n] = a;
          listFlow[n++] = x;
        } else if (q === arg) {
          const a = link[q]!;
          mask[a] = 1;
          list[n] = a;
          listFlow[n++] = 0;
          if (x !== 0) residue = true; // kept for the tree, its residue set to 0 by the store
        }
      }
      keptCount[j] = n - keptFirst[j]!;
    }
    const keptLinks = n;
    // 3. Shortcuts by shortest distance (see the header). Bush links never pass the test
    // (L_j <= L_i + c_ij on the bush), so it comes first. Added links are chained to their head.
    this.fillTopoPos(g);
    const pos = this.topoPos;
    let added = 0;
    for (let i = 0; i < N; i++) {
      if (pos[i]! < 0 || (i !== origin && i < firstThruIndex)) continue; // never through another zone
      const li = nodeLabel[i]!;
      const end = outStart[i + 1]!;
      for (let r = outStart[i]!; r < end; r++) {
        const a = outLinks[r]!;
        const j = to[a]!;
        const pj = pos[j]!;
        if (pj < 0) {
          if (closed[a] === 1 || j === origin) continue;
          n = this.chainLink(n, a, j, 0);
          keptCount[j] = 0;
          pos[j] = len;
          topo[nbase + len++] = j;
          nodeLabel[j] = li + cost[a]!;
          added++;
          continue;
        }
        const lj = nodeLabel[j]!;
        if (!(li + cost[a]! < lj - SHIFT_REL_EPS * lj)) continue;
        if (mask[a] === 1 || closed[a] === 1 || j === origin) continue;
        if (pos[i]! < pj || this.reorderForLink(g, i, j)) {
          n = this.chainLink(n, a, j, 0);
          added++;
        }
      }
    }
    this.topoLength[g] = len;
    // 4. Links of the shortest-path trees handed over by keepTree (first iteration).
    const ready = this.treeReady[g]!;
    this.treeReady[g] = 0;
    for (let kind = 0; kind < this.spTrees.length; kind++) {
      const spTree = this.spTrees[kind];
      if (spTree === undefined || (ready & (1 << kind)) === 0) continue;
      for (let j = 0; j < N; j++) {
        const a = spTree[nbase + j]!;
        if (a < 0 || mask[a] === 1 || closed[a] === 1 || pos[j]! < 0) continue;
        const i = from[a]!;
        if (pos[i]! < 0) continue;
        if (pos[i]! < pos[j]! || this.reorderForLink(g, i, j)) {
          n = this.chainLink(n, a, j, 0);
          added++;
        }
      }
    }
    this.listLength = n;
    if (added === 0 && keptLinks === start[sbase + len]! && !residue) {
      // Nothing pruned, nothing added: the stored bush stands as it is.
      this.clearScratch();
      return;
    }
    // 5. After the update that took the trees, a re-sort (breadth-first order); later updates keep
    // the locally repaired order (see the header).
    if (ready !== 0 && added > 0) {
      this.sortBush(g);
      this.fillTopoPos(g);
    }
    this.storeBush(g);
  }

  /**
   * One pass of Newton flow shifts over bush g (see the header), over the active part of its order.
   * Labels and trees by position. Returns the pass's gain Σ Δ·ΔC (0 when nothing moved).
   */
  private equilibrate(g: number): number {
    let gain = 0;
    const { numLinks: L, numNodes: N } = this.net;
    const base = g * L;
    const sbase = g * (N + 1);
    const link = this.bushLink;
    const tail = this.bushTail;
    const flow = this.bushFlow;
    const start = this.bushStart;
    const v = this.v;
    const costs = this.costs;
    const cost = costs.cost;
    const deriv = costs.deriv;
    const len = this.activeLength[g]!;
    const minLabel = this.minLabel;
    const maxLabel = this.maxLabel;
    const predMin = this.predMin;
    const predMax = this.predMax;
    const tol = this.flowTol[g]!;

    minLabel[0] = 0;
    maxLabel[0] = 0;
    predMin[0] = -1;
    predMax[0] = -1;
    for (let k = 1; k < len; k++) {
      let best = Infinity;
      let argMin = -1;
      let worst = -Infinity;
      let argMax = -1;
      const end = base + start[sbase + k + 1]!;
      for (let q = base + start[sbase + k]!; q < end; q++) {
        const t = tail[q]!;
        const c = cost[link[q]!]!;
        const lo = minLabel[t]! + c;
        if (lo < best) {
          best = lo;
          argMin = q;
        }
        if (flow[q]! > tol) {
          const hi = maxLabel[t]! + c;
          if (hi > worst) {
            worst = hi;
            argMax = q;
          }
        }
      }
      minLabel[k] = best;
      predMin[k] = argMin;
      maxLabel[k] = argMax >= 0 ? worst : best;
      predMax[k] = argMax;
    }

    for (let k = len - 1; k > 0; k--) {
      const pMax = predMax[k]!;
      const pMin = predMin[k]!;
      if (pMax < 0 || pMax === pMin) continue;
      if (maxLabel[k]! - minLabel[k]! <= SHIFT_REL_EPS * maxLabel[k]!) continue;
      // Walk both trees back to their last common node (positions decrease along both), summing each
      // segment's cost, the derivatives, and the least flow on the longer segment on the way.
      let aMin = link[pMin]!;
      let aMax = link[pMax]!;
      let cMin = cost[aMin]!;
      let dMin = deriv[aMin]!;
      let cMax = cost[aMax]!;
      let dMax = deriv[aMax]!;
      let room = flow[pMax]!;
      let u = tail[pMin]!;
      let w = tail[pMax]!;
      while (u !== w) {
        if (u > w) {
          const q = predMin[u]!;
          aMin = link[q]!;
          cMin += cost[aMin]!;
          dMin += deriv[aMin]!;
          u = tail[q]!;
        } else {
          const q = predMax[w]!;
          if (q < 0) break; // rounding left flow out of a node with none in: skip this node
          aMax = link[q]!;
          cMax += cost[aMax]!;
          dMax += deriv[aMax]!;
          const x = flow[q]!;
          if (x < room) room = x;
          w = tail[q]!;
        }
      }
      if (u !== w) continue;
      const div = u;
      const dSum = dMin + dMax;
      const diff = cMax - cMin;
      if (!(diff > 0) || !(room > 0)) continue;
      let dx = dSum > 0 ? diff / dSum : room;
      if (dx > room) dx = room;
      gain += dx * diff;
      for (let n = k; n !== div; ) {
        const q = predMax[n]!;
        const a = link[q]!;
        const x = flow[q]! - dx;
        flow[q] = x > 0 ? x : 0;
        const t = v[a]! - dx;
        v[a] = t > 0 ? t : 0;
        costs.update(a, v[a]!);
        n = tail[q]!;
      }
      for (let n = k; n !== div; ) {
        const q = predMin[n]!;
        const a = link[q]!;
        flow[q]! += dx;
        v[a]! += dx;
        costs.update(a, v[a]!);
        n = tail[q]!;
      }
    }
    return gain;
  }
}

/**
 * Sort a[0 .. n-1] ascending in place without allocating: insertion sort for short runs, else heapsort
 * (J. W. J. Williams, "Algorithm 232: Heapsort", CACM 7(6), 1964).
 */
function sortInt32(a: Int32Array, n: number): void {
  if (n <= 48) {
    for (let i = 1; i < n; i++) {
      const x = a[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = x;
    }
    return;
  }
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const top = a[0]!;
    a[0] = a[end]!;
    a[end] = top;
    siftDown(a, 0, end);
  }
}

/** Heapsort's sift-down of a[i] within the max-heap a[0 .. n-1]. */
function siftDown(a: Int32Array, i: number, n: number): void {
  const x = a[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && a[c + 1]! > a[c]!) c++;
    if (a[c]! <= x) break;
    a[i] = a[c]!;
    i = c;
  }
  a[i] = x;
}
