/**
 * Link cost model: BPR travel time t(v) = fft·(1 + b·(v/c)^p) (Bureau of Public Roads, Traffic
 * Assignment Manual, 1964) plus a flow-independent generalized part
 *   c(v) = t(v) + tollFactor·toll + distanceFactor·length.
 * All costs are in the network's time unit (the factors convert toll and length into it).
 *
 * Beckmann objective (Beckmann, McGuire & Winsten 1956), in generalized-cost terms:
 *   Z(v) = Σ_a ∫_0^{v_a} c_a(x) dx = Σ_a [ fft_a·v_a + fft_a·b_a·v_a·(v_a/c_a)^p_a/(p_a+1) + k_a·v_a ],
 * where k_a = tollFactor·toll_a + distanceFactor·length_a. With both factors 0 it is the classic
 * objective the TNTP best-known values refer to.
 *
 * A closed link keeps a constant prohibitive cost {@link CLOSED_LINK_COST} (derivative 0): shortest
 * paths never use it; the cost only matters while a warm-started solution still has flow on it.
 */
import type { EditedLinks, Network } from './network.ts';

/** Generalized cost of a closed link (time units): large enough to push any flow off it. */
export const CLOSED_LINK_COST = 1e9;

export class LinkCosts {
  readonly numLinks: number;
  /** Generalized cost c(v) per link. */
  readonly cost: Float64Array;
  /** dc/dv per link. */
  readonly deriv: Float64Array;
  private readonly fft: Float64Array;
  /** fft·b */
  private readonly fb: Float64Array;
  private readonly invCap: Float64Array;
  private readonly power: Float64Array;
  /** tollFactor·toll + distanceFactor·length */
  private readonly fixed: Float64Array;
  readonly closed: Uint8Array;

  constructor(net: Network, edited: EditedLinks, tollFactor: number, distanceFactor: number) {
    const n = net.numLinks;
    this.numLinks = n;
    this.cost = new Float64Array(n);
    this.deriv = new Float64Array(n);
    this.fft = net.fft;
    this.fb = new Float64Array(n);
    this.invCap = new Float64Array(n);
    this.power = net.power;
    this.fixed = new Float64Array(n);
    this.closed = edited.closed;
    for (let a = 0; a < n; a++) {
      this.fb[a] = net.fft[a]! * net.b[a]!;
      this.invCap[a] = 1 / edited.capacity[a]!;
      this.fixed[a] = tollFactor * net.toll[a]! + distanceFactor * net.length[a]!;
    }
  }

  /** Update cost and derivative of link `a` for flow `v` (veh/h). */
  update(a: number, v: number): void {
    if (this.closed[a] === 1) {
      this.cost[a] = CLOSED_LINK_COST;
      this.deriv[a] = 0;
      return;
    }
    const x = v > 0 ? v : 0;
    const p = this.power[a]!;
    const fb = this.fb[a]!;
    const ic = this.invCap[a]!;
    const r = x * ic;
    let rp: number;
    let dr: number; // r^(p-1)
    if (p === 4) {
      const r2 = r * r;
      dr = r2 * r;
      rp = r2 * r2;
    } else if (p === 1) {
      dr = 1;
      rp = r;
    } else if (p === 0) {
      dr = 0;
      rp = 1;
    } else {
      rp = Math.pow(r, p);
      dr = r > 0 ? rp / r : p > 1 ? 0 : p === 1 ? 1 : 0;
    }
    this.cost[a] = this.fft[a]! + fb * rp + this.fixed[a]!;
    this.deriv[a] = fb * p * dr * ic;
  }

  /** Update every link for the flows `v`. */
  updateAll(v: Float64Array): void {
    for (let a = 0; a < this.numLinks; a++) this.update(a, v[a]!);
  }

  /** BPR travel time of link `a` at flow `v` (no toll or distance term; free-flow time if closed). */
  time(a: number, v: number): number {
    const x = v > 0 ? v : 0;
    if (this.closed[a] === 1) return this.fft[a]!;
    return this.fft[a]! + this.fb[a]! * Math.pow(x * this.invCap[a]!, this.power[a]!);
  }

  /** Generalized cost of link `a` at flow `v`, without touching the stored arrays. */
  costAt(a: number, v: number): number {
    if (this.closed[a] === 1) return CLOSED_LINK_COST;
    const x = v > 0 ? v : 0;
    const p = this.power[a]!;
    const r = x * this.invCap[a]!;
    let rp: number;
    if (p === 4) {
      const r2 = r * r;
      rp = r2 * r2;
    } else rp = Math.pow(r, p);
    return this.fft[a]! + this.fb[a]! * rp + this.fixed[a]!;
  }

  /** d cost / d v of link `a` at flow `v`. */
  derivAt(a: number, v: number): number {
    if (this.closed[a] === 1) return 0;
    const x = v > 0 ? v : 0;
    const p = this.power[a]!;
    if (p === 0) return 0;
    const ic = this.invCap[a]!;
    const r = x * ic;
    let dr: number;
    if (p === 4) dr = r * r * r;
    else if (p === 1) dr = 1;
    else dr = r > 0 ? Math.pow(r, p - 1) : p > 1 ? 0 : 1;
    return this.fb[a]! * p * dr * ic;
  }

  /** Beckmann objective Σ ∫ c (generalized cost), see the header. */
  objective(v: Float64Array): number {
    let sum = 0;
    for (let a = 0; a < this.numLinks; a++) {
      const x = v[a]! > 0 ? v[a]! : 0;
      if (this.closed[a] === 1) {
        sum += CLOSED_LINK_COST * x;
        continue;
      }
      const p = this.power[a]!;
      const r = x * this.invCap[a]!;
      const rp = p === 4 ? r * r * r * r : Math.pow(r, p);
      sum += this.fft[a]! * x + (this.fb[a]! * x * rp) / (p + 1) + this.fixed[a]! * x;
    }
    return sum;
  }

  /** Total system travel time Σ v·t(v) (BPR time only, no toll or distance term). */
  totalTime(v: Float64Array): number {
    let sum = 0;
    for (let a = 0; a < this.numLinks; a++) {
      const x = v[a]!;
      if (x > 0) sum += x * this.time(a, x);
    }
    return sum;
  }

  /** Total system generalized cost Σ v·c(v), using the stored costs (call updateAll first). */
  totalCost(v: Float64Array): number {
    let sum = 0;
    for (let a = 0; a < this.numLinks; a++) sum += v[a]! * this.cost[a]!;
    return sum;
  }
}
