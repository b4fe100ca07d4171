/**
 * Trip distribution: a doubly constrained gravity model T_ij = a_i·O_i·b_j·D_j·f(c_ij), balanced by
 * Furness iterations (iterative proportional fitting), with f(c) = exp(−β·c) and c the free-flow
 * network time between zone centroids in minutes (Ortúzar & Willumsen, Modelling Transport, 4th ed.,
 * ch. 5: gravity model, deterrence functions, the Furness method). Intrazonal trips are excluded
 * (f_ii = 0): they load no link.
 */
import type { Network, TntpTrips } from '../traffic/index.ts';
import type { Assumption } from '../roadnet/index.ts';

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
  readonly numZones: number;
  /** veh/h leaving / entering each zone in the peak hour. */
  readonly productions: Float64Array;
  readonly attractions: Float64Array;
  /** Local metres, x and y interleaved. */
  readonly centroid: Float64Array;
}

export interface DemandModelOptions {
  /** Deterrence parameter β, per minute (default 0.1). */
  readonly beta?: number;
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** The fixed inputs of a distribution: base zone totals, costs and deterrence. Never mutated. */
export interface DemandModel {
  readonly numZones: number;
  readonly baseProductions: Float64Array;
  readonly baseAttractions: Float64Array;
  readonly centroid: Float64Array;
  /** Z×Z free-flow minutes, row = origin. */
  readonly cost: Float64Array;
  /** Z×Z exp(−β·c), zero diagonal. */
  readonly deterrence: Float64Array;
  readonly beta: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

/**
 * Scenario edits to the demand, as data: `scale` multiplies every trip (after distribution); a zone
 * edit multiplies that zone's productions and attractions before balancing. Undoing an edit means
 * running `distribute` without it, which gives the base bytes back.
 */
export interface DemandEdits {
  readonly scale?: number;
  readonly zones?: readonly { readonly zone: number; readonly factor: number }[];
}

/** A peak-hour trip table in the traffic module's forms. */
export interface TripTable {
  readonly numZones: number;
  /** Z×Z veh/h, row = origin, zero diagonal. */
  readonly matrix: Float64Array;
  /** Nonzero OD pairs as a parsed TNTP `_trips` file (1-based destination ids): feed `buildDemand`. */
  readonly trips: TntpTrips;
  /** Row and column totals the table was balanced to (after edits and scaling), veh/h. */
  readonly productions: Float64Array;
  readonly attractions: Float64Array;
  readonly centroid: Float64Array;
  /** Sum of all trips, veh/h. */
  readonly total: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly maxRelativeError: number;
  readonly edits: DemandEdits;
  readonly assumptions: readonly Assumption[];
}

/** Prepares the fixed inputs: zone totals and the Z×Z free-flow cost (minutes). */
export function createDemandModel(zones: ZoneTotals, cost: Float64Array, options: DemandModelOptions = {}): DemandModel {
  const Z = zones.numZones;
  if (zones.productions.length !== Z || zones.attractions.length !== Z || zones.centroid.length !== 2 * Z) {
    throw new RangeError('zone arrays do not match numZones');
  }
  for (let z = 0; z < Z; z++) {
    if (!(zones.productions[z]! >= 0) || !(zones.attractions[z]! >= 0)) throw new RangeError(`zone ${z}: totals must be finite and >= 0`);
  }
  const beta = options.beta ?? DEFAULT_BETA;
  return {
    numZones: Z,
    baseProductions: zones.productions.slice(),
    baseAttractions: zones.attractions.slice(),
    centroid: zones.centroid.slice(),
    cost: cost.slice(),
    deterrence: deterrenceMatrix(cost, Z, beta),
    beta,
    tolerance: options.tolerance ?? DEFAULT_TOLERANCE,
    maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
  };
}

/**
 * Distributes the model's trips after `edits`: zone factors multiply O_i and D_i, both are rescaled
 * to the mean of ΣO and ΣD (so they agree), Furness balances, and `scale` multiplies the result.
 */
export function distribute(model: DemandModel, edits: DemandEdits = {}): TripTable {
  const Z = model.numZones;
  const scale = edits.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError('scale must be a finite number >= 0');
  const productions = model.baseProductions.slice();
  const attractions = model.baseAttractions.slice();
  for (const e of edits.zones ?? []) {
    if (!Number.isInteger(e.zone) || e.zone < 0 || e.zone >= Z) throw new RangeError(`zone edit: zone ${e.zone} out of range 0..${Z - 1}`);
    if (!(e.factor >= 0) || !Number.isFinite(e.factor)) throw new RangeError(`zone edit: factor must be a finite number >= 0, got ${e.factor}`);
    productions[e.zone]! *= e.factor;
    attractions[e.zone]! *= e.factor;
  }
  let sumP = 0;
  let sumA = 0;
  for (let z = 0; z < Z; z++) {
    sumP += productions[z]!;
    sumA += attractions[z]!;
  }
  // Both ends come from the same trip-rate source, so neither is the better control total: balance
  // both to their mean. With no productions or no attractions there are no trips.
  const target = sumP > 0 && sumA > 0 ? (sumP + sumA) / 2 : 0;
  for (let z = 0; z < Z; z++) {
    productions[z] = target > 0 ? (productions[z]! * target) / sumP : 0;
    attractions[z] = target > 0 ? (attractions[z]! * target) / sumA : 0;
  }
  const result = furness(productions, attractions, model.deterrence, { tolerance: model.tolerance, maxIterations: model.maxIterations });
  const matrix = result.matrix;
  if (scale !== 1) {
    for (let k = 0; k < matrix.length; k++) matrix[k]! *= scale;
    for (let z = 0; z < Z; z++) {
      productions[z]! *= scale;
      attractions[z]! *= scale;
    }
  }
  let total = 0;
  for (let k = 0; k < matrix.length; k++) total += matrix[k]!;
  return {
    numZones: Z,
    matrix,
    trips: toTntpTrips(matrix, Z),
    productions,
    attractions,
    centroid: model.centroid,
    total,
    iterations: result.iterations,
    converged: result.converged,
    maxRelativeError: result.maxRelativeError,
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
      destination[k] = j + 1;
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
      value: 'productions and attractions rescaled to the mean of their totals',
      source: 'CityTwin assumption: both ends come from one rate table, so neither is the control total (O&W 4th ed. ch. 4 on balancing trip ends); trips to and from outside the area are not modelled',
    },
    { key: 'demand.scale', value: scale, unit: '× all trips', source: 'Scenario setting' },
  ];
}
