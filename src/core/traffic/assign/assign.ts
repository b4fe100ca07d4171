/**
 * Static user-equilibrium traffic assignment (Wardrop 1952) with BPR link costs.
 *
 * Methods: 'b' — Algorithm B, bush-based (Dial 2006), the main method; 'cfw' — conjugate Frank-Wolfe
 * (Mitradjieva & Lindberg 2013), the cross-check; 'fw' — plain Frank-Wolfe (for reference only).
 *
 * Terms (all costs are generalized costs c = t + tollFactor·toll + distanceFactor·length, in the
 * network's time unit):
 *  - TSGC (`totalCost`) = Σ_a v_a·c_a(v_a); TSTT (`tstt`) = Σ_a v_a·t_a(v_a), BPR time only;
 *  - SPTT (`sptt`) = Σ_od demand_od × shortest-path generalized cost at the current costs;
 *  - relative gap = (TSGC − SPTT) / SPTT (0 when there is no demand);
 *  - objective = Beckmann Σ_a ∫_0^{v_a} c_a (see costs.ts; tolls and distance enter as constant terms
 *    k_a·v_a, so with both factors 0 it equals the classic TNTP objective).
 * Iteration 0 is the initial all-or-nothing (or warm-started) solution; `iterations` counts the
 * improving iterations after it. Every reported iteration is in `history` and goes to `onIteration`.
 *
 * Determinism: no clocks, no randomness, fixed loop orders; the same inputs give the same bytes.
 */
import { Bushes } from './algorithm-b.ts';
import { LinkCosts } from './costs.ts';
import { FrankWolfe } from './frank-wolfe.ts';
import { applyLinkEdits } from './network.ts';
import type { Demand, LinkEdits, Network } from './network.ts';
import { ShortestPaths } from './shortest-path.ts';

/** Kinds of trees handed to the first bush update (Bushes.keepTree): at iteration 0's costs, at free flow. */
const LOADED_TREES = 0;
const FREE_FLOW_TREES = 1;

export type AssignMethod = 'b' | 'cfw' | 'fw';

export type StopReason = 'converged' | 'maxIterations' | 'cancelled';

export interface IterationReport {
  readonly iteration: number;
  readonly relativeGap: number;
  /** Beckmann objective, generalized cost. */
  readonly objective: number;
  /** Σ v·t (BPR time only). */
  readonly tstt: number;
  /** Σ v·c (generalized cost). */
  readonly totalCost: number;
  /** Σ demand × shortest-path generalized cost. */
  readonly sptt: number;
}

/** Anything with an `aborted` flag, such as an AbortSignal. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * A solution to start from. Pass `result.state` of an earlier run: Algorithm B re-uses its bushes
 * (when the network topology and the demand, up to the scale factor, are the same) and the
 * Frank-Wolfe methods its link flows. A bare `{ linkFlows }` is used by the Frank-Wolfe methods only and
 * must be feasible for the demand being assigned (scale included).
 */
export interface AssignState {
  readonly linkFlows: Float64Array;
  readonly networkKey?: number;
  readonly demandKey?: number;
  readonly demandScale?: number;
  /** Demand the run could not assign (veh/h); link flows with some missing are no feasible start. */
  readonly unassignedDemand?: number;
  /** Algorithm B: per-origin link flows and bush masks (origin-major), unreachable demand per origin. */
  readonly bushFlows?: Float64Array;
  readonly bushMask?: Uint8Array;
  readonly bushUnreachable?: Float64Array;
}

export interface AssignOptions {
  /** Default 'b'. */
  readonly method?: AssignMethod;
  /** Time units per toll unit. Default 0. */
  readonly tollFactor?: number;
  /** Time units per length unit. Default 0. */
  readonly distanceFactor?: number;
  /** Multiplies every OD flow. Default 1. */
  readonly demandScale?: number;
  /** Stop when the relative gap is at or below this. Default 1e-6. */
  readonly targetGap?: number;
  /** Default 1000. */
  readonly maxIterations?: number;
  readonly edits?: LinkEdits;
  readonly warmStart?: AssignState;
  /** Checked before every iteration; when aborted the run stops with stopReason 'cancelled'. */
  readonly signal?: CancelSignal;
  /** Called after every iteration (0 included); returning false stops the run ('cancelled'). */
  readonly onIteration?: (report: IterationReport) => boolean | void;
  /**
   * Algorithm B: most extra equilibration passes per iteration, each over the bushes that still gain
   * (see algorithm-b.ts). Default 30.
   */
  readonly extraPasses?: number;
}

export interface AssignResult {
  readonly method: AssignMethod;
  /** veh/h per link, in file order. */
  readonly linkFlows: Float64Array;
  /** BPR travel time per link at its flow (free-flow time for a closed link). */
  readonly linkTimes: Float64Array;
  /** Generalized cost per link at its flow (CLOSED_LINK_COST for a closed link). */
  readonly linkCosts: Float64Array;
  readonly iterations: number;
  readonly relativeGap: number;
  readonly objective: number;
  readonly tstt: number;
  readonly totalCost: number;
  readonly sptt: number;
  readonly stopReason: StopReason;
  readonly history: readonly IterationReport[];
  /** Demand whose destination cannot be reached (for example after closing links), veh/h; not assigned. */
  readonly unassignedDemand: number;
  /** True when the run started from `options.warmStart`. */
  readonly warmStarted: boolean;
  /** Pass as `warmStart` to a later run. */
  readonly state: AssignState;
}

/** FNV-1a over the bytes of typed arrays: a reproducible fingerprint (not a security hash). */
function fingerprint(parts: readonly ArrayBufferView[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i]!;
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fingerprint of the network topology (node count, link tails and heads). */
export function networkKey(net: Network): number {
  return fingerprint([Int32Array.of(net.numNodes, net.numLinks), net.from, net.to]);
}

/** Fingerprint of the demand (before scaling). */
export function demandKey(demand: Demand): number {
  return fingerprint([demand.origins, demand.start, demand.destination, demand.flow]);
}

/**
 * The warm-start state of an Algorithm B run. The dense per-origin arrays (origins × links, 160 MB on a
 * 25k-link network with 800 origins) are written from the bushes on first read of any of them, so a
 * run whose state is never used (the command line) does not pay for them; the bushes are let go then.
 */
function bushState(
  bushes: Bushes,
  linkFlows: Float64Array,
  netKey: number,
  odKey: number,
  scale: number,
  lost: number,
): AssignState {
  let source: Bushes | undefined = bushes;
  let flows: Float64Array = new Float64Array(0);
  let mask: Uint8Array = new Uint8Array(0);
  let unreachable: Float64Array = new Float64Array(0);
  const materialise = (): void => {
    if (source === undefined) return;
    const b = source;
    flows = b.exportFlows();
    mask = b.exportMask();
    unreachable = Float64Array.from({ length: b.numOrigins }, (_, g) => b.unreachableOf(g));
    source = undefined;
  };
  return {
    linkFlows,
    networkKey: netKey,
    demandKey: odKey,
    demandScale: scale,
    unassignedDemand: lost,
    get bushFlows(): Float64Array {
      materialise();
      return flows;
    },
    get bushMask(): Uint8Array {
      materialise();
      return mask;
    },
    get bushUnreachable(): Float64Array {
      materialise();
      return unreachable;
    },
  };
}

function checkNumber(name: string, value: number, min: number, strict: boolean): void {
  if (!Number.isFinite(value) || (strict ? value <= min : value < min)) {
    throw new RangeError(`${name} must be a finite number ${strict ? '>' : '>='} ${min}, got ${value}`);
  }
}

/** Solve for user equilibrium; see the module header for the terms. */
export function assign(net: Network, demand: Demand, options: AssignOptions = {}): AssignResult {
  const method = options.method ?? 'b';
  if (method !== 'b' && method !== 'cfw' && method !== 'fw') throw new RangeError(`unknown method '${String(method)}'`);
  const tollFactor = options.tollFactor ?? 0;
  const distanceFactor = options.distanceFactor ?? 0;
  const scale = options.demandScale ?? 1;
  const targetGap = options.targetGap ?? 1e-6;
  const maxIterations = options.maxIterations ?? 1000;
  const extraPasses = options.extraPasses ?? 30;
  checkNumber('tollFactor', tollFactor, 0, false);
  checkNumber('distanceFactor', distanceFactor, 0, false);
  checkNumber('demandScale', scale, 0, true);
  checkNumber('targetGap', targetGap, 0, false);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`maxIterations must be an integer >= 0, got ${maxIterations}`);
  }
  if (!Number.isInteger(extraPasses) || extraPasses < 0) {
    throw new RangeError(`extraPasses must be an integer >= 0, got ${extraPasses}`);
  }
  if (demand.numZones !== net.numZones) {
    throw new RangeError(`demand has ${demand.numZones} zones, the network ${net.numZones}`);
  }

  const edited = applyLinkEdits(net, options.edits);
  const costs = new LinkCosts(net, edited, tollFactor, distanceFactor);
  const sp = new ShortestPaths(net);
  const netKey = networkKey(net);
  const odKey = demandKey(demand);
  const history: IterationReport[] = [];
  const origins = demand.origins;

  let stopReason: StopReason = 'maxIterations';
  let lastReport: IterationReport | undefined;
  let lost = 0;

  /** Gap and friends at flows v (refreshes costs). Returns true when the run should stop. */
  const report = (iteration: number, v: Float64Array, sptt: number): boolean => {
    const totalCost = costs.totalCost(v);
    const relativeGap = sptt > 0 ? Math.max(0, (totalCost - sptt) / sptt) : 0;
    const entry: IterationReport = {
      iteration,
      relativeGap,
      objective: costs.objective(v),
      tstt: costs.totalTime(v),
      totalCost,
      sptt,
    };
    history.push(entry);
    lastReport = entry;
    const keepGoing = options.onIteration?.(entry);
    if (relativeGap <= targetGap) {
      stopReason = 'converged';
      return true;
    }
    if (keepGoing === false || options.signal?.aborted === true) {
      stopReason = 'cancelled';
      return true;
    }
    if (iteration >= maxIterations) {
      stopReason = 'maxIterations';
      return true;
    }
    return false;
  };

  /**
   * SPTT at the current costs (a shortest-path search per origin, by the two-queue method). `onTree`,
   * when given, is called after each origin's search, while `sp.pred` holds its shortest-path tree.
   */
  const shortestTotal = (onTree?: (g: number) => void): number => {
    let sptt = 0;
    for (let g = 0; g < origins.length; g++) {
      sp.runDistances(origins[g]!, costs.cost, costs.closed);
      onTree?.(g);
      sptt += sp.pathCost(demand, g, scale);
    }
    return sptt;
  };

  const warm = options.warmStart;
  const sameNetwork = warm !== undefined && (warm.networkKey === undefined || warm.networkKey === netKey);
  const sameDemand = warm !== undefined && (warm.demandKey === undefined || warm.demandKey === odKey);
  const ratio = warm?.demandScale !== undefined ? scale / warm.demandScale : 1;
  let warmStarted = false;
  let iterations = 0;
  let flows: Float64Array;
  let state: AssignState;

  if (method === 'b') {
    const bushes = new Bushes(net, demand, costs);
    costs.updateAll(new Float64Array(net.numLinks));
    const canReuse =
      warm !== undefined &&
      sameNetwork &&
      sameDemand &&
      warm.demandKey !== undefined &&
      warm.bushFlows?.length === origins.length * net.numLinks &&
      warm.bushMask?.length === origins.length * net.numLinks &&
      warm.bushUnreachable?.length === origins.length;
    if (canReuse && warm.bushFlows !== undefined && warm.bushMask !== undefined && warm.bushUnreachable !== undefined) {
      for (let g = 0; g < origins.length; g++) {
        bushes.adoptOrigin(g, warm.bushFlows, warm.bushMask, ratio, warm.bushUnreachable[g]!, scale);
      }
      bushes.sumFlows();
      // Origins that now miss a destination (closed links) or had missed one start again.
      let restarted = 0;
      for (let g = 0; g < origins.length; g++) {
        sp.runDistances(origins[g]!, costs.cost, costs.closed);
        sp.pathCost(demand, g, scale);
        if (sp.unreachable > 0 || bushes.unreachableOf(g) > 0) {
          bushes.initOrigin(g, scale, sp, false);
          restarted++;
        }
      }
      if (restarted > 0) bushes.sumFlows();
      warmStarted = true;
    } else {
      // The free-flow trees join the first update's shortcuts beside iteration 0's loaded-cost trees
      // (keepTree below): with both, the seeded 3k-link grid reaches 1e-4 in 3 iterations instead of 4
      // and 1e-8 in 20 instead of 22, the 25k-link grid 1e-4 in 4 instead of 5.
      for (let g = 0; g < origins.length; g++) {
        sp.runDistances(origins[g]!, costs.cost, costs.closed);
        bushes.keepTree(g, sp.pred, FREE_FLOW_TREES);
      }
      // Incremental start: each origin's tree is found at the costs of the origins loaded before it,
      // not at free flow for all. On the seeded 3k-link grid this starts at gap 5e-2 instead of 18
      // (Anaheim reaches 1e-4 in 1 iteration instead of 2); on Sioux Falls, small and heavily
      // congested, it takes more iterations to 1e-8 (19 instead of 12, milliseconds either way).
      for (let g = 0; g < origins.length; g++) bushes.initOrigin(g, scale, sp, true);
      bushes.sumFlows();
    }
    lost = bushes.unreachable;
    const keepTree = (g: number): void => bushes.keepTree(g, sp.pred, LOADED_TREES);
    let stop = report(0, bushes.v, shortestTotal(keepTree));
    while (!stop) {
      if (options.signal?.aborted === true) {
        stopReason = 'cancelled';
        break;
      }
      bushes.iterate(extraPasses);
      iterations++;
      costs.updateAll(bushes.v);
      stop = report(iterations, bushes.v, shortestTotal());
    }
    flows = bushes.v.slice();
    state = bushState(bushes, flows.slice(), netKey, odKey, scale, lost);
  } else {
    let x0: Float64Array | undefined;
    const complete = warm !== undefined && !((warm.unassignedDemand ?? 0) > 0);
    if (warm !== undefined && complete && sameNetwork && sameDemand && warm.linkFlows.length === net.numLinks) {
      let onClosed = false;
      for (let a = 0; a < net.numLinks; a++) if (edited.closed[a] === 1 && warm.linkFlows[a]! > 0) onClosed = true;
      if (!onClosed) {
        x0 = new Float64Array(net.numLinks);
        for (let a = 0; a < net.numLinks; a++) x0[a] = warm.linkFlows[a]! * ratio;
        warmStarted = true;
      }
    }
    const fw = new FrankWolfe(costs, method === 'cfw', x0 ?? new Float64Array(net.numLinks));
    const x = fw.x;
    const y = fw.y;
    /** AON at the costs of x into y; returns SPTT. */
    const allOrNothing = (): number => {
      costs.updateAll(x);
      y.fill(0);
      let sptt = 0;
      lost = 0;
      for (let g = 0; g < origins.length; g++) {
        sp.run(origins[g]!, costs.cost, costs.closed);
        sptt += sp.load(demand, g, scale, y);
        lost += sp.unreachable;
      }
      return sptt;
    };
    if (x0 === undefined) {
      allOrNothing(); // at free-flow costs (x = 0)
      x.set(y);
    }
    let stop = report(0, x, allOrNothing());
    while (!stop) {
      if (options.signal?.aborted === true) {
        stopReason = 'cancelled';
        break;
      }
      // y holds the AON flows at the costs of x (from the last report).
      fw.step();
      iterations++;
      stop = report(iterations, x, allOrNothing());
    }
    flows = x.slice();
    state = {
      linkFlows: flows.slice(),
      networkKey: netKey,
      demandKey: odKey,
      demandScale: scale,
      unassignedDemand: lost,
    };
  }

  const linkTimes = new Float64Array(net.numLinks);
  const linkCosts = new Float64Array(net.numLinks);
  for (let a = 0; a < net.numLinks; a++) {
    linkTimes[a] = costs.time(a, flows[a]!);
    linkCosts[a] = costs.costAt(a, flows[a]!);
  }
  const final = lastReport ?? { iteration: 0, relativeGap: 0, objective: 0, tstt: 0, totalCost: 0, sptt: 0 };
  return {
    method,
    linkFlows: flows,
    linkTimes,
    linkCosts,
    iterations,
    relativeGap: final.relativeGap,
    objective: final.objective,
    tstt: final.tstt,
    totalCost: final.totalCost,
    sptt: final.sptt,
    stopReason,
    history,
    unassignedDemand: lost,
    warmStarted,
    state,
  };
}
