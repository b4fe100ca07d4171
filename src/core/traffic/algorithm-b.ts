/**
 * Bush-based user equilibrium: Algorithm B.
 *
 * R. B. Dial, "A path-based user-equilibrium traffic assignment algorithm that obviates path storage
 * and enumeration", Transportation Research Part B 40(10), 917–936, 2006. Related: H. Bar-Gera,
 * "Origin-based algorithm for the traffic assignment problem", Transportation Science 36(4), 2002 (bushes,
 * acyclicity); Y. Nie, "A class of bush-based algorithms for the traffic assignment problem",
 * Transportation Research Part B 44(1), 2010 (bush expansion with longest-path labels, Newton shifts).
 *
 * Each origin with demand owns a bush: an acyclic set of links through which all its flow travels,
 * stored as a per-origin link mask and per-origin link flows (origin-major Float64Array). One bush
 * update (per origin, per outer iteration):
 *  1. labels on the bush: shortest distance L (all bush links) and its predecessor link;
 *  2. prune: drop bush links that carry no flow of this origin, except shortest-path-tree links;
 *  3. expand by shortest distance: add allowed links with L_i + c_ij < L_j when they point forward in
 *     the topological order, or backward when a search finds no bush path j -> i (then re-sort);
 *  4. expand by Dial's rule: with U = longest distance over all bush links, add every allowed link
 *     with U_i + c_ij < U_j. U strictly increases along every such link and never decreases along an
 *     old one, so the bush stays acyclic (checked again by the topological sort, Kahn's algorithm).
 *     Step 3 matters: the U rule alone can miss a shortcut for many iterations while the bush upstream
 *     is not yet equilibrated (on Sioux Falls it halves the iterations to gap 1e-8).
 * One equilibration pass (per origin): in topological order compute L with its tree and U' = the
 * longest distance over links that carry this origin's flow; then for every node j, from last to first,
 * where the longest used path costs more than the shortest, walk both trees back to their last common
 * node, and move Δ = min(ΔC / Σ dc/dv, min flow on the longer segment) from the longer segment to the
 * shorter (a Newton step). Link flows and costs are updated at once (Gauss–Seidel).
 * One outer iteration (`iterate`): update then equilibrate every bush in origin order, then
 * `extraPasses` more equilibration passes over all bushes (assign() uses 8: bush updates are the
 * costlier step, and the extra passes roughly halve the iterations on Sioux Falls and Anaheim).
 *
 * Zones below FIRST THRU NODE: a bush never holds an out-link of a zone other than its origin.
 * Everything runs on preallocated typed arrays; no allocation per iteration.
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

export class Bushes {
  readonly numOrigins: number;
  /** Per-origin link flows, origin g at [g·numLinks, (g+1)·numLinks). veh/h */
  readonly flows: Float64Array;
  /** Per-origin bush membership (1 = in bush), same layout as `flows`. */
  readonly mask: Uint8Array;
  /** Total link flows Σ_g flows (veh/h). */
  readonly v: Float64Array;
  /** Demand lost because a destination is unreachable (veh/h), summed over origins. */
  unreachable = 0;

  private readonly net: Network;
  private readonly demand: Demand;
  private readonly costs: LinkCosts;
  /** Topological order per origin: topo[g·numNodes .. g·numNodes + topoLength[g] - 1]. */
  private readonly topo: Int32Array;
  private readonly topoLength: Int32Array;
  private readonly unreachableByOrigin: Float64Array;
  /** Per-origin flow threshold (veh/h), FLOW_REL_EPS × the origin's assigned demand. */
  private readonly flowTol: Float64Array;
  // Scratch, one set for all origins.
  private readonly topoPos: Int32Array;
  private readonly indeg: Int32Array;
  private readonly minLabel: Float64Array;
  private readonly maxLabel: Float64Array;
  private readonly predMin: Int32Array;
  private readonly predMax: Int32Array;
  private readonly stack: Int32Array;
  private readonly seenStamp: Int32Array;
  private stampCounter = 0;

  constructor(net: Network, demand: Demand, costs: LinkCosts) {
    const z = demand.origins.length;
    this.numOrigins = z;
    this.net = net;
    this.demand = demand;
    this.costs = costs;
    this.flows = new Float64Array(z * net.numLinks);
    this.mask = new Uint8Array(z * net.numLinks);
    this.v = new Float64Array(net.numLinks);
    this.topo = new Int32Array(z * net.numNodes);
    this.topoLength = new Int32Array(z);
    this.unreachableByOrigin = new Float64Array(z);
    this.flowTol = new Float64Array(z);
    this.topoPos = new Int32Array(net.numNodes);
    this.indeg = new Int32Array(net.numNodes);
    this.minLabel = new Float64Array(net.numNodes);
    this.maxLabel = new Float64Array(net.numNodes);
    this.predMin = new Int32Array(net.numNodes);
    this.predMax = new Int32Array(net.numNodes);
    this.stack = new Int32Array(net.numNodes);
    this.seenStamp = new Int32Array(net.numNodes);
  }

  /**
   * Start origin g from scratch: its bush becomes the shortest-path tree at the current costs and its
   * demand (× scale) is loaded all-or-nothing on it. Does not touch `v` (call `sumFlows`).
   */
  initOrigin(g: number, scale: number, sp: ShortestPaths): void {
    const L = this.net.numLinks;
    const base = g * L;
    const origin = this.demand.origins[g]!;
    this.flows.fill(0, base, base + L);
    this.mask.fill(0, base, base + L);
    sp.run(origin, this.costs.cost, this.costs.closed);
    const local = this.flows.subarray(base, base + L);
    sp.load(this.demand, g, scale, local);
    this.unreachableByOrigin[g] = sp.unreachable;
    this.flowTol[g] = FLOW_REL_EPS * this.originDemand(g) * scale;
    for (let i = 1; i < sp.orderLength; i++) {
      const a = sp.pred[sp.order[i]!]!;
      this.mask[base + a] = 1;
    }
    this.sortBush(g);
  }

  /**
   * Adopt a previous bush state for origin g (flows × ratio). The caller guarantees the same network
   * topology and demand up to the factor `ratio`.
   */
  adoptOrigin(
    g: number,
    flows: Float64Array,
    mask: Uint8Array,
    ratio: number,
    unreachable: number,
    scale: number,
  ): void {
    const L = this.net.numLinks;
    const base = g * L;
    for (let a = 0; a < L; a++) {
      this.flows[base + a] = flows[base + a]! * ratio;
      this.mask[base + a] = mask[base + a]!;
    }
    this.unreachableByOrigin[g] = unreachable * ratio;
    this.flowTol[g] = FLOW_REL_EPS * this.originDemand(g) * scale;
    this.sortBush(g);
  }

  private originDemand(g: number): number {
    let sum = 0;
    for (let k = this.demand.start[g]!; k < this.demand.start[g + 1]!; k++) sum += this.demand.flow[k]!;
    return sum;
  }

  /** Demand of origin g that could not be assigned (veh/h). */
  unreachableOf(g: number): number {
    return this.unreachableByOrigin[g]!;
  }

  /** v = Σ_g flows_g (fixed summation order, so the result is reproducible), then refresh costs. */
  sumFlows(): void {
    const L = this.net.numLinks;
    const v = this.v;
    v.fill(0);
    for (let g = 0; g < this.numOrigins; g++) {
      const base = g * L;
      for (let a = 0; a < L; a++) v[a]! += this.flows[base + a]!;
    }
    let lost = 0;
    for (let g = 0; g < this.numOrigins; g++) lost += this.unreachableByOrigin[g]!;
    this.unreachable = lost;
    this.costs.updateAll(v);
  }

  /** One outer iteration: update and equilibrate every bush, then `extraPasses` more passes. */
  iterate(extraPasses: number): void {
    this.sumFlows();
    for (let g = 0; g < this.numOrigins; g++) {
      this.updateBush(g);
      this.equilibrate(g);
    }
    for (let p = 0; p < extraPasses; p++) {
      for (let g = 0; g < this.numOrigins; g++) this.equilibrate(g);
    }
  }

  /** Topological order of bush g (Kahn's algorithm); throws if the bush has a cycle. */
  private sortBush(g: number): void {
    const { numLinks: L, numNodes: N, to, outStart, outLinks } = this.net;
    const base = g * L;
    const nbase = g * N;
    const indeg = this.indeg;
    const mask = this.mask;
    const topo = this.topo;
    indeg.fill(0);
    let bushLinks = 0;
    for (let a = 0; a < L; a++) {
      if (mask[base + a] === 1) {
        indeg[to[a]!]! += 1;
        bushLinks++;
      }
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
        const a = outLinks[k]!;
        if (mask[base + a] !== 1) continue;
        seen++;
        const w = to[a]!;
        const d = indeg[w]! - 1;
        indeg[w] = d;
        if (d === 0) topo[nbase + tail++] = w;
      }
    }
    if (seen !== bushLinks) {
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
    pos.fill(-1);
    for (let i = 0; i < len; i++) pos[this.topo[nbase + i]!] = i;
  }

  /**
   * Does bush g hold a path from `src` to `dst`? Uses topoPos (valid order): such a path only visits
   * nodes placed between them, so the search stays inside that interval.
   */
  private reaches(g: number, src: number, dst: number): boolean {
    const { numLinks: L, to, outStart, outLinks } = this.net;
    const base = g * L;
    const pos = this.topoPos;
    const limit = pos[dst]!;
    if (pos[src]! > limit) return false;
    const stack = this.stack;
    const stamp = ++this.stampCounter;
    const seen = this.seenStamp;
    let top = 0;
    stack[top++] = src;
    seen[src] = stamp;
    while (top > 0) {
      const u = stack[--top]!;
      const end = outStart[u + 1]!;
      for (let k = outStart[u]!; k < end; k++) {
        const a = outLinks[k]!;
        if (this.mask[base + a] !== 1) continue;
        const w = to[a]!;
        if (w === dst) return true;
        if (seen[w] === stamp || pos[w]! > limit) continue;
        seen[w] = stamp;
        stack[top++] = w;
      }
    }
    return false;
  }

  /** Prune unused links, expand with shortcut links, re-sort. */
  private updateBush(g: number): void {
    const { numLinks: L, numNodes: N, from, to, inStart, inLinks, firstThruIndex } = this.net;
    const base = g * L;
    const nbase = g * N;
    const origin = this.demand.origins[g]!;
    const mask = this.mask;
    const flows = this.flows;
    const cost = this.costs.cost;
    const closed = this.costs.closed;
    const len = this.topoLength[g]!;
    const minLabel = this.minLabel;
    const maxLabel = this.maxLabel;
    const predMin = this.predMin;

    // 1. Shortest distance on the bush and its tree.
    minLabel[origin] = 0;
    predMin[origin] = -1;
    for (let k = 1; k < len; k++) {
      const j = this.topo[nbase + k]!;
      let best = Infinity;
      let arg = -1;
      const end = inStart[j + 1]!;
      for (let q = inStart[j]!; q < end; q++) {
        const a = inLinks[q]!;
        if (mask[base + a] !== 1) continue;
        const c = minLabel[from[a]!]! + cost[a]!;
        if (c < best) {
          best = c;
          arg = a;
        }
      }
      minLabel[j] = best;
      predMin[j] = arg;
    }
    // 2. Prune links without flow of this origin (residue included), keeping the tree.
    const tol = this.flowTol[g]!;
    for (let a = 0; a < L; a++) {
      if (mask[base + a] === 1 && !(flows[base + a]! > tol)) {
        flows[base + a] = 0;
        if (predMin[to[a]!] !== a) mask[base + a] = 0;
      }
    }
    // 3. Shortcuts by shortest distance, L_i + c_ij < L_j. A link forward in the current
    // topological order keeps the order valid; a backward one is added only when the bush has no path
    // j -> i (checked by a search restricted to the order interval), and the bush is re-sorted.
    // Without this step Dial's U rule alone can miss a shortcut for many iterations while the bush
    // upstream is not yet equilibrated, and the gap creeps down slowly.
    this.fillTopoPos(g);
    const pos = this.topoPos;
    let added = 0;
    for (let a = 0; a < L; a++) {
      if (mask[base + a] === 1 || closed[a] === 1) continue;
      const i = from[a]!;
      const j = to[a]!;
      if (j === origin || pos[i]! < 0 || pos[j]! < 0) continue;
      if (i !== origin && i < firstThruIndex) continue; // never through another zone
      const lj = minLabel[j]!;
      if (!(minLabel[i]! + cost[a]! < lj - SHIFT_REL_EPS * lj)) continue;
      if (pos[i]! < pos[j]!) {
        mask[base + a] = 1;
        added++;
      } else if (!this.reaches(g, j, i)) {
        mask[base + a] = 1;
        this.sortBush(g);
        this.fillTopoPos(g);
      }
    }
    const len2 = this.topoLength[g]!;
    // 4. Dial's rule with the longest distance U over all bush links (the order is still valid).
    maxLabel[origin] = 0;
    for (let k = 1; k < len2; k++) {
      const j = this.topo[nbase + k]!;
      let worst = -Infinity;
      const end = inStart[j + 1]!;
      for (let q = inStart[j]!; q < end; q++) {
        const a = inLinks[q]!;
        if (mask[base + a] !== 1) continue;
        const c = maxLabel[from[a]!]! + cost[a]!;
        if (c > worst) worst = c;
      }
      maxLabel[j] = worst;
    }
    for (let a = 0; a < L; a++) {
      if (mask[base + a] === 1 || closed[a] === 1) continue;
      const i = from[a]!;
      const j = to[a]!;
      if (j === origin || pos[i]! < 0) continue;
      if (i !== origin && i < firstThruIndex) continue;
      if (pos[j]! < 0 || maxLabel[i]! + cost[a]! < maxLabel[j]!) {
        mask[base + a] = 1;
        added++;
      }
    }
    if (added > 0) this.sortBush(g);
  }

  /** One pass of Newton flow shifts over bush g (see the header). */
  private equilibrate(g: number): void {
    const { numLinks: L, numNodes: N, from, inStart, inLinks } = this.net;
    const base = g * L;
    const nbase = g * N;
    const origin = this.demand.origins[g]!;
    const mask = this.mask;
    const flows = this.flows;
    const v = this.v;
    const costs = this.costs;
    const cost = costs.cost;
    const deriv = costs.deriv;
    const len = this.topoLength[g]!;
    const topo = this.topo;
    const minLabel = this.minLabel;
    const maxLabel = this.maxLabel;
    const predMin = this.predMin;
    const predMax = this.predMax;

    this.fillTopoPos(g);
    const pos = this.topoPos;
    const tol = this.flowTol[g]!;
    minLabel[origin] = 0;
    maxLabel[origin] = 0;
    predMin[origin] = -1;
    predMax[origin] = -1;
    for (let i = 1; i < len; i++) {
      const j = topo[nbase + i]!;
      let best = Infinity;
      let argMin = -1;
      let worst = -Infinity;
      let argMax = -1;
      const end = inStart[j + 1]!;
      for (let k = inStart[j]!; k < end; k++) {
        const a = inLinks[k]!;
        if (mask[base + a] !== 1) continue;
        const i0 = from[a]!;
        const c = cost[a]!;
        const lo = minLabel[i0]! + c;
        if (lo < best) {
          best = lo;
          argMin = a;
        }
        if (flows[base + a]! > tol) {
          const hi = maxLabel[i0]! + c;
          if (hi > worst) {
            worst = hi;
            argMax = a;
          }
        }
      }
      minLabel[j] = best;
      predMin[j] = argMin;
      maxLabel[j] = argMax >= 0 ? worst : best;
      predMax[j] = argMax;
    }

    for (let i = len - 1; i > 0; i--) {
      const j = topo[nbase + i]!;
      const pMax = predMax[j]!;
      const pMin = predMin[j]!;
      if (pMax < 0 || pMax === pMin) continue;
      if (maxLabel[j]! - minLabel[j]! <= SHIFT_REL_EPS * maxLabel[j]!) continue;
      // Last common node of the two trees.
      let u = from[pMin]!;
      let w = from[pMax]!;
      while (u !== w) {
        if (pos[u]! > pos[w]!) {
          u = from[predMin[u]!]!;
        } else {
          const p = predMax[w]!;
          if (p < 0) break; // rounding left flow out of a node with none in: skip this node
          w = from[p]!;
        }
      }
      if (u !== w) continue;
      const div = u;
      let cMin = 0;
      let dSum = 0;
      for (let n = j; n !== div; ) {
        const a = predMin[n]!;
        cMin += cost[a]!;
        dSum += deriv[a]!;
        n = from[a]!;
      }
      let cMax = 0;
      let room = Infinity;
      for (let n = j; n !== div; ) {
        const a = predMax[n]!;
        cMax += cost[a]!;
        dSum += deriv[a]!;
        const x = flows[base + a]!;
        if (x < room) room = x;
        n = from[a]!;
      }
      const diff = cMax - cMin;
      if (!(diff > 0) || !(room > 0)) continue;
      let dx = dSum > 0 ? diff / dSum : room;
      if (dx > room) dx = room;
      for (let n = j; n !== div; ) {
        const a = predMax[n]!;
        const x = flows[base + a]! - dx;
        flows[base + a] = x > 0 ? x : 0;
        const t = v[a]! - dx;
        v[a] = t > 0 ? t : 0;
        costs.update(a, v[a]!);
        n = from[a]!;
      }
      for (let n = j; n !== div; ) {
        const a = predMin[n]!;
        flows[base + a]! += dx;
        v[a]! += dx;
        costs.update(a, v[a]!);
        n = from[a]!;
      }
    }
  }
}
