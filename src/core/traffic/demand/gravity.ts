/**
 * Trip distribution: a doubly constrained gravity model T_ij = a_i·O_i·b_j·D_j·f(c_ij), balanced by
 * Furness iterations (iterative proportional fitting), with f(c) = exp(−β·c) and c the free-flow
 * network time between zone centroids in minutes (Ortúzar & Willumsen, Modelling Transport, 4th ed.,
 * ch. 5: gravity model, deterrence functions, the Furness method). Intrazonal trips are excluded
 * (f_ii = 0): they load no link.
 */
import type { Network, TntpTrips } from '../assign/index.ts';
import type { Assumption } from '../osm/index.ts';
import type { ExternalTotals } from './external.ts';

/**
 * β = 0.1 per minute: Hyman's first estimate β₀ = 1 / c̄ (O&W 4th ed. §5.6, calibration) for a mean
 * free-flow car trip of 10 minutes — an assumption for trips inside one city, to calibrate when a
 * survey gives observed trip lengths.
 */
export const DEFAULT_BETA = 0.1;
export const BETA_SOURCE =
  "CityTwin assumption: β₀ = 1/c̄ (Hyman's calibration start, Ortúzar & Willumsen, Modelling Transport, 4th ed., ch. 5) with c̄ = 10 min mean free-flow trip";
/** Largest relative error on any zone's row or column total when Furness stops. */
export const DEFAULT_TOLERANCE = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 10_000;

/**
 * Free-flow shortest-path times (minutes, the network's fft) between zones: a Z×Z matrix, row =
 * origin; 0 on the diagonal, Infinity where unreachable. Paths never pass through zone nodes.
 */
export function freeFlowSkim(net: Network): Float64Array {
  const Z = net.numZones;
  const N = net.numNodes;
  const out = new Float64Array(Z * Z);
  const dist = new Float64Array(N);
  const done = new Uint8Array(N);
  // Binary heap of (distance, node) with lazy deletion; at most one entry per link relaxation.
  const cap = net.numLinks + 1;
  const heapD = new Float64Array(cap);
  const heapN = new Int32Array(cap);
  let size = 0;
  const push = (d: number, v: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapD[parent]! < d || (heapD[parent] === d && heapN[parent]! <= v)) break;
      heapD[i] = heapD[parent]!;
      heapN[i] = heapN[parent]!;
      i = parent;
    }
    heapD[i] = d;
    heapN[i] = v;
  };
  const pop = (): number => {
    const top = heapN[0]!;
    size--;
    const d = heapD[size]!;
    const v = heapN[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (heapD[c + 1]! < heapD[c]! || (heapD[c + 1] === heapD[c] && heapN[c + 1]! < heapN[c]!))) c++;
      if (d < heapD[c]! || (d === heapD[c] && v <= heapN[c]!)) break;
      heapD[i] = heapD[c]!;
      heapN[i] = heapN[c]!;
      i = c;
    }
    heapD[i] = d;
    heapN[i] = v;
    return top;
  };
  for (let o = 0; o < Z; o++) {
    dist.fill(Infinity);
    done.fill(0);
    size = 0;
    dist[o] = 0;
    push(0, o);
    while (size > 0) {
      const v = pop();
      if (done[v] === 1) continue;
      done[v] = 1;
      // Zones other than the origin are destinations only.
      if (v !== o && v < net.firstThruIndex) continue;
      const dv = dist[v]!;
      for (let k = net.outStart[v]!; k < net.outStart[v + 1]!; k++) {
        const a = net.outLinks[k]!;
        const w = net.to[a]!;
        const d = dv + net.fft[a]!;
        if (d < dist[w]!) {
          dist[w] = d;
          push(d, w);
        }
      }
    }
    for (let d = 0; d < Z; d++) out[o * Z + d] = d === o ? 0 : dist[d]!;
  }
  return out;
}

/** Deterrence f(c) = exp(−β·c) of a Z×Z cost matrix; 0 on the diagonal and where c is infinite. */
export function deterrenceMatrix(cost: Float64Array, numZones: number, beta: number): Float64Array {
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new RangeError('beta must be a finite number >= 0');
  if (cost.length !== numZones * numZones) throw new RangeError(`cost has ${cost.length} entries, expected ${numZones * numZones}`);
  const f = new Float64Array(numZones * numZones);
  for (let i = 0; i < numZones; i++) {
    for (let j = 0; j < numZones; j++) {
      const c = cost[i * numZones + j]!;
      f[i * numZones + j] = i === j || !Number.isFinite(c) ? 0 : Math.exp(-beta * c);
    }
  }
  return f;
}

export interface FurnessOptions {
  /** Stop when every row and column total is within this relative error (default 1e-12). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export interface FurnessResult {
  /** Z×Z trips, row = origin. */
  readonly matrix: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |row total − O_i| / O_i and |column total − D_j| / D_j at the end. */
  readonly maxRelativeError: number;
}

/**
 * Furness balancing of weights W (Z×Z, W_ii normally 0) to row totals O and column totals D
 * (ΣO must equal ΣD). Each iteration scales columns to D, then rows to O; rows (columns) whose total
 * is 0 stay 0. Does not converge when the totals cannot be met (e.g. a zone's O_i exceeds the D of the
 * zones it can reach); then `converged` is false and the last iterate is returned.
 */
export function furness(
  productions: Float64Array,
  attractions: Float64Array,
  weights: Float64Array,
  options: FurnessOptions = {},
): FurnessResult {
  const Z = productions.length;
  if (attractions.length !== Z || weights.length !== Z * Z) throw new RangeError('furness: sizes do not match');
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const a = new Float64Array(Z);
  const b = new Float64Array(Z).fill(1);
  const colSum = new Float64Array(Z);
  const rowSum = new Float64Array(Z);
  let iterations = 0;
  let error = Infinity;
  const relError = (sum: number, target: number): number => (target > 0 ? Math.abs(sum - target) / target : sum > 0 ? Infinity : 0);
  while (iterations < maxIterations) {
    iterations++;
    // Rows to O with the current b.
    for (let i = 0; i < Z; i++) {
      let s = 0;
      const row = i * Z;
      for (let j = 0; j < Z; j++) s += weights[row + j]! * b[j]!;
      a[i] = s > 0 ? productions[i]! / s : 0;
    }
    // Columns to D with the new a.
    colSum.fill(0);
    for (let i = 0; i < Z; i++) {
      const ai = a[i]!;
      if (ai === 0) continue;
      const row = i * Z;
      for (let j = 0; j < Z; j++) colSum[j]! += ai * weights[row + j]!;
    }
    for (let j = 0; j < Z; j++) b[j] = colSum[j]! > 0 ? attractions[j]! / colSum[j]! : 0;
    // Row totals after the column step (columns now match D up to rounding).
    error = 0;
    for (let i = 0; i < Z; i++) {
      let s = 0;
      const row = i * Z;
      const ai = a[i]!;
      for (let j = 0; j < Z; j++) s += ai * weights[row + j]! * b[j]!;
      rowSum[i] = s;
      const e = relError(s, productions[i]!);
      if (e > error) error = e;
    }
    for (let j = 0; j < Z; j++) {
      // A column with D_j > 0 that no row reaches can never be met.
      if (attractions[j]! > 0 && colSum[j] === 0) error = Infinity;
    }
    if (error <= tolerance) break;
  }
  const matrix = new Float64Array(Z * Z);
  for (let i = 0; i < Z; i++) {
    const ai = a[i]!;
    const row = i * Z;
    for (let j = 0; j < Z; j++) matrix[row + j] = ai * weights[row + j]! * b[j]!;
  }
  // Final error on both margins of the returned matrix.
  let maxRelativeError = 0;
  colSum.fill(0);
  for (let i = 0; i < Z; i++) {
    let s = 0;
    const row = i * Z;
    for (let j = 0; j < Z; j++) {
      s += matrix[row + j]!;
      colSum[j]! += matrix[row + j]!;
    }
    maxRelativeError = Math.max(maxRelativeError, relError(s, productions[i]!));
  }
  for (let j = 0; j < Z; j++) maxRelativeError = Math.max(maxRelativeError, relError(colSum[j]!, attractions[j]!));
  return { matrix, iterations, converged: maxRelativeError <= tolerance, maxRelativeError };
}

/** Zone inputs of the distribution (DemandZones fits). */
export interface ZoneTotals {
  /** Internal zones. */
  readonly numZones: number;
  /** veh/h leaving / entering each internal zone in the peak hour, external trips included. */
  readonly productions: Float64Array;
  readonly attractions: Float64Array;
  /** Local metres, x and y interleaved. */
  readonly centroid: Float64Array;
  /** External (cordon) zones, numbered after the internal ones; their trip ends are parts of the totals above. */
  readonly external?: ExternalTotals;
}

/**
 * How the internal–internal trip ends are made to agree (ΣO = ΣD) before Furness:
 * 'attractions' scales productions to the attractions' total (default: in the PM peak the arrivals are
 * mostly at home, and home-end estimates are the more reliable — the usual practice of keeping the
 * household end, O&W 4th ed. ch. 4); 'productions' the reverse; `{ controlTotal }` scales both to a
 * stated total, veh/h.
 */
export type Balancing = 'attractions' | 'productions' | { readonly controlTotal: number };
export const DEFAULT_BALANCING: Balancing = 'attractions';

export interface DemandModelOptions {
  /** Deterrence parameter β, per minute (default 0.1). */
  readonly beta?: number;
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Default 'attractions'. */
  readonly balancing?: Balancing;
}

/** The fixed inputs of a distribution: base zone totals, costs and deterrence. Never mutated. */
export interface DemandModel {
  /** All zones: internal ones first, then external (gates). */
  readonly numZones: number;
  readonly numInternal: number;
  readonly numExternal: number;
  /** Internal–internal trip ends of the internal zones (before balancing), veh/h. */
  readonly baseProductions: Float64Array;
  readonly baseAttractions: Float64Array;
  /** Internal zone → gates and gates → internal zone, veh/h (length numInternal). */
  readonly outbound: Float64Array;
  readonly inbound: Float64Array;
  /** Gate capacity shares (length numExternal). */
  readonly gateShare: Float64Array;
  /** φ: through trips / trips with an external end. */
  readonly throughShare: number;
  /** All zones, local metres, x y interleaved. */
  readonly centroid: Float64Array;
  /** N×N free-flow minutes, row = origin (N = numZones). */
  readonly cost: Float64Array;
  /** N×N exp(−β·c), zero diagonal. */
  readonly deterrence: Float64Array;
  readonly beta: number;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly balancing: Balancing;
}

/**
 * Scenario edits to the demand, as data: `scale` multiplies every trip (after distribution); a zone
 * edit multiplies that zone's productions and attractions before balancing (an external zone's factor
 * multiplies the trips through that gate). Undoing an edit means running `distribute` without it,
 * which gives the base bytes back.
 */
export interface DemandEdits {
  readonly scale?: number;
  readonly zones?: readonly { readonly zone: number; readonly factor: number }[];
}

/** Trips by segment, veh/h. */
export interface TripSegments {
  readonly internal: number;
  /** Internal zones → gates. */
  readonly outbound: number;
  /** Gates → internal zones. */
  readonly inbound: number;
  /** Gate → gate. */
  readonly through: number;
}

/** A peak-hour trip table in the traffic module's forms. */
export interface TripTable {
  /** All zones (internal, then external). */
  readonly numZones: number;
  readonly numInternal: number;
  /** N×N veh/h, row = origin, zero diagonal. */
  readonly matrix: Float64Array;
  /** Nonzero OD pairs as a parsed TNTP `_trips` file (1-based destination ids): feed `buildDemand`. */
  readonly trips: TntpTrips;
  /** Row and column totals the table was balanced to (after edits and scaling), veh/h, all zones. */
  readonly productions: Float64Array;
  readonly attractions: Float64Array;
  readonly centroid: Float64Array;
  /** Sum of all trips, veh/h. */
  readonly total: number;
  readonly segments: TripSegments;
  /** Furness iterations of the internal block (the largest). */
  readonly iterations: number;
  readonly converged: boolean;
  readonly maxRelativeError: number;
  readonly edits: DemandEdits;
  readonly assumptions: readonly Assumption[];
}

/** Prepares the fixed inputs: zone totals and the N×N free-flow cost (minutes), N = internal + external zones. */
export function createDemandModel(zones: ZoneTotals, cost: Float64Array, options: DemandModelOptions = {}): DemandModel {
  const Z = zones.numZones;
  if (zones.productions.length !== Z || zones.attractions.length !== Z || zones.centroid.length !== 2 * Z) {
    throw new RangeError('zone arrays do not match numZones');
  }
  for (let z = 0; z < Z; z++) {
    if (!(zones.productions[z]! >= 0) || !(zones.attractions[z]! >= 0)) throw new RangeError(`zone ${z}: totals must be finite and >= 0`);
  }
  const ext = zones.external;
  const E = ext?.numGates ?? 0;
  const N = Z + E;
  if (cost.length !== N * N) throw new RangeError(`cost has ${cost.length} entries, expected ${N * N}`);
  const outbound = new Float64Array(Z);
  const inbound = new Float64Array(Z);
  // Trip ends with their other end outside, by any mode (the car part of them is `outbound` / `inbound`).
  const outboundEnds = new Float64Array(Z);
  const inboundEnds = new Float64Array(Z);
  if (ext) {
    if (ext.outbound.length !== Z || ext.inbound.length !== Z || ext.gateShare.length !== E || ext.centroid.length !== 2 * E) {
      throw new RangeError('external arrays do not match the zones and gates');
    }
    outbound.set(ext.outbound);
    inbound.set(ext.inbound);
    outboundEnds.set(ext.outboundEnds ?? ext.outbound);
    inboundEnds.set(ext.inboundEnds ?? ext.inbound);
  }
  const baseProductions = new Float64Array(Z);
  const baseAttractions = new Float64Array(Z);
  for (let z = 0; z < Z; z++) {
    // External trip ends are parts of the zone's totals; rounding must not leave a negative rest.
    baseProductions[z] = Math.max(0, zones.productions[z]! - outboundEnds[z]!);
    baseAttractions[z] = Math.max(0, zones.attractions[z]! - inboundEnds[z]!);
  }
  const balancing = options.balancing ?? DEFAULT_BALANCING;
  if (typeof balancing === 'object' && !(balancing.controlTotal >= 0 && Number.isFinite(balancing.controlTotal))) {
    throw new RangeError('balancing.controlTotal must be a finite number >= 0');
  }
  if (typeof balancing === 'string' && balancing !== 'attractions' && balancing !== 'productions') {
    throw new RangeError(`balancing must be 'attractions', 'productions' or { controlTotal }, got ${String(balancing)}`);
  }
  const centroid = new Float64Array(2 * N);
  centroid.set(zones.centroid);
  if (ext) centroid.set(ext.centroid, 2 * Z);
  const beta = options.beta ?? DEFAULT_BETA;
  return {
    numZones: N,
    numInternal: Z,
    numExternal: E,
    baseProductions,
    baseAttractions,
    outbound,
    inbound,
    gateShare: ext ? ext.gateShare.slice() : new Float64Array(0),
    throughShare: ext && E >= 2 ? ext.throughShare : 0,
    centroid,
    cost: cost.slice(),
    deterrence: deterrenceMatrix(cost, N, beta),
    beta,
    tolerance: options.tolerance ?? DEFAULT_TOLERANCE,
    maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    balancing,
  };
}

/**
 * Distributes the model's trips after `edits`, in four blocks of one N×N table:
 *  1. internal → internal: zone factors multiply O_i and D_i; O and D are balanced (`model.balancing`);
 *     doubly constrained gravity (Furness);
 *  2. internal → gates: rows = each zone's outbound trips, columns = gate share × their total; Furness;
 *  3. gates → internal: rows = gate share × total inbound, columns = each zone's inbound trips; Furness;
 *  4. gate → gate (through): T_EE = φ/(1−φ)·(outbound + inbound), T_gh = T_EE·p_g·p_h / (1 − Σp²).
 * A factor on an external zone multiplies its gate's trips (columns of 2, rows of 3, both ends of 4).
 * `scale` multiplies the result.
 */
export function distribute(model: DemandModel, edits: DemandEdits = {}): TripTable {
  const N = model.numZones;
  const Z = model.numInternal;
  const E = model.numExternal;
  const scale = edits.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError('scale must be a finite number >= 0');
  const factor = new Float64Array(N).fill(1);
  for (const e of edits.zones ?? []) {
    if (!Number.isInteger(e.zone) || e.zone < 0 || e.zone >= N) throw new RangeError(`zone edit: zone ${e.zone} out of range 0..${N - 1}`);
    if (!(e.factor >= 0) || !Number.isFinite(e.factor)) throw new RangeError(`zone edit: factor must be a finite number >= 0, got ${e.factor}`);
    factor[e.zone]! *= e.factor;
  }
  const opts = { tolerance: model.tolerance, maxIterations: model.maxIterations };

  // 1. Internal block, balanced.
  const rowT = new Float64Array(N);
  const colT = new Float64Array(N);
  let sumP = 0;
  let sumA = 0;
  for (let z = 0; z < Z; z++) {
    rowT[z] = model.baseProductions[z]! * factor[z]!;
    colT[z] = model.baseAttractions[z]! * factor[z]!;
    sumP += rowT[z]!;
    sumA += colT[z]!;
  }
  const b = model.balancing;
  const target = sumP > 0 && sumA > 0 ? (b === 'attractions' ? sumA : b === 'productions' ? sumP : b.controlTotal) : 0;
  for (let z = 0; z < Z; z++) {
    rowT[z] = target > 0 ? (rowT[z]! * target) / sumP : 0;
    colT[z] = target > 0 ? (colT[z]! * target) / sumA : 0;
  }
  const productions = rowT.slice();
  const attractions = colT.slice();
  const internal = furness(rowT, colT, model.deterrence, opts);
  const matrix = internal.matrix;
  let converged = internal.converged;
  let maxRelativeError = internal.maxRelativeError;

  let outTotal = 0;
  let inTotal = 0;
  let throughTotal = 0;
  if (E > 0) {
    // Gate weights: capacity share × the gate's factor, renormalised.
    const w = new Float64Array(E);
    let ws = 0;
    for (let e = 0; e < E; e++) {
      w[e] = model.gateShare[e]! * factor[Z + e]!;
      ws += w[e]!;
    }
    for (let e = 0; e < E; e++) w[e] = ws > 0 ? w[e]! / ws : 0;
    // Total factor of the gates on the external trips: mean gate factor weighted by capacity share.
    let gateScale = 0;
    for (let e = 0; e < E; e++) gateScale += model.gateShare[e]! * factor[Z + e]!;
    const block = (rows: Float64Array, cols: Float64Array): void => {
      const r = furness(rows, cols, model.deterrence, opts);
      for (let k = 0; k < matrix.length; k++) matrix[k]! += r.matrix[k]!;
      converged &&= r.converged;
      maxRelativeError = Math.max(maxRelativeError, r.maxRelativeError);
    };
    // 2. Internal → gates.
    const rows = new Float64Array(N);
    const cols = new Float64Array(N);
    for (let z = 0; z < Z; z++) {
      rows[z] = model.outbound[z]! * factor[z]! * gateScale;
      outTotal += rows[z]!;
    }
    for (let e = 0; e < E; e++) cols[Z + e] = w[e]! * outTotal;
    if (outTotal > 0) block(rows, cols);
    for (let k = 0; k < N; k++) {
      productions[k]! += rows[k]!;
      attractions[k]! += cols[k]!;
    }
    // 3. Gates → internal.
    rows.fill(0);
    cols.fill(0);
    for (let z = 0; z < Z; z++) {
      cols[z] = model.inbound[z]! * factor[z]! * gateScale;
      inTotal += cols[z]!;
    }
    for (let e = 0; e < E; e++) rows[Z + e] = w[e]! * inTotal;
    if (inTotal > 0) block(rows, cols);
    for (let k = 0; k < N; k++) {
      productions[k]! += rows[k]!;
      attractions[k]! += cols[k]!;
    }
    // 4. Through trips, closed form on the base shares, times both gates' factors.
    const phi = model.throughShare;
    let sq = 0;
    for (let e = 0; e < E; e++) sq += model.gateShare[e]! ** 2;
    const base = E >= 2 && phi > 0 && sq < 1 ? ((phi / (1 - phi)) * (model.outbound.reduce((a, v) => a + v, 0) + model.inbound.reduce((a, v) => a + v, 0))) / (1 - sq) : 0;
    if (base > 0) {
      for (let g = 0; g < E; g++) {
        for (let h = 0; h < E; h++) {
          if (g === h) continue;
          const t = base * model.gateShare[g]! * model.gateShare[h]! * factor[Z + g]! * factor[Z + h]!;
          matrix[(Z + g) * N + Z + h] = t;
          productions[Z + g]! += t;
          attractions[Z + h]! += t;
          throughTotal += t;
        }
      }
    }
  }
  let internalTotal = 0;
  for (let i = 0; i < Z; i++) for (let j = 0; j < Z; j++) internalTotal += matrix[i * N + j]!;
  if (scale !== 1) {
    for (let k = 0; k < matrix.length; k++) matrix[k]! *= scale;
    for (let z = 0; z < N; z++) {
      productions[z]! *= scale;
      attractions[z]! *= scale;
    }
  }
  let total = 0;
  for (let k = 0; k < matrix.length; k++) total += matrix[k]!;
  return {
    numZones: N,
    numInternal: Z,
    matrix,
    trips: toTntpTrips(matrix, N),
    productions,
    attractions,
    centroid: model.centroid,
    total,
    segments: { internal: internalTotal * scale, outbound: outTotal * scale, inbound: inTotal * scale, through: throughTotal * scale },
    iterations: internal.iterations,
    converged,
    maxRelativeError,
    edits,
    assumptions: distributionAssumptions(model, scale),
  };
}

/** A dense Z×Z matrix (row = origin, veh/h) as a parsed TNTP `_trips` file; zero and diagonal entries dropped. */
export function toTntpTrips(matrix: Float64Array, numZones: number, fileName = 'citytwin_trips.tntp'): TntpTrips {
  if (matrix.length !== numZones * numZones) throw new RangeError('matrix size does not match numZones');
  const originStart = new Int32Array(numZones + 1);
  let count = 0;
  for (let i = 0; i < numZones; i++) {
    for (let j = 0; j < numZones; j++) if (i !== j && matrix[i * numZones + j]! > 0) count++;
    originStart[i + 1] = count;
  }
  const destination = new Int32Array(count);
  const demand = new Float64Array(count);
  let k = 0;
  let total = 0;
  for (let i = 0; i < numZones; i++) {
    for (let j = 0; j < numZones; j++) {
      const v = matrix[i * numZones + j]!;
      if (i === j || !(v > 0)) continue;
      destination[k] = j;
      demand[k] = v;
      total += v;
      k++;
    }
  }
  return { fileName, numZones, totalOdFlow: total, originStart, destination, demand };
}

function distributionAssumptions(model: DemandModel, scale: number): Assumption[] {
  return [
    {
      key: 'distribution.model',
      value: 'doubly constrained gravity, Furness balancing',
      source: 'Ortúzar & Willumsen, Modelling Transport, 4th ed., ch. 5',
    },
    { key: 'distribution.deterrence', value: 'exp(−β·c), c = free-flow network time', unit: 'c in minutes', source: 'Ortúzar & Willumsen, 4th ed., ch. 5 (exponential deterrence)' },
    { key: 'distribution.beta', value: model.beta, unit: 'per minute', source: BETA_SOURCE },
    { key: 'distribution.tolerance', value: model.tolerance, unit: 'relative error on zone totals', source: 'CityTwin setting' },
    { key: 'distribution.intrazonal', value: 'excluded', source: 'CityTwin assumption (intrazonal trips load no link)' },
    {
      key: 'distribution.balancing',
      value:
        model.balancing === 'attractions'
          ? 'internal productions scaled to the total of internal attractions'
          : model.balancing === 'productions'
            ? 'internal attractions scaled to the total of internal productions'
            : `internal productions and attractions scaled to a control total of ${model.balancing.controlTotal} veh/h`,
      unit: 'internal–internal trips',
      source:
        model.balancing === 'attractions'
          ? 'CityTwin default: in the PM peak most arrivals are at home, and the household end is the one trusted when ends are balanced (Ortúzar & Willumsen, Modelling Transport, 4th ed., ch. 4); external trips are not rescaled'
          : 'Scenario / city profile setting',
    },
    { key: 'demand.scale', value: scale, unit: '× all trips', source: 'Scenario setting' },
  ];
}
