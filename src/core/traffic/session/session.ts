/**
 * A traffic session for one city: network + base demand + the last solution, so a run after an edit
 * starts warm. Runs proceed in slices of iterations so a worker can yield between slices (to receive
 * a cancel, and to report progress) without losing the solution so far.
 * Units: flows veh/h, times minutes, lengths metres.
 */
import {
  type AssignResult,
  type AssignState,
  type Demand,
  type LinkEdits,
  type Network,
  assign,
} from '../assign/index.ts';
import type { TrafficEdits, TrafficIteration, TrafficNetworkView, TrafficRunParams, TrafficRunResult, TrafficSummary } from './types.ts';

/** Number of most-congested links reported. */
const TOP_CONGESTED = 10;

/** Capacity edits for the traffic module: lanes scale a link's capacity in proportion. */
export function toLinkEdits(view: TrafficNetworkView, edits: TrafficEdits): LinkEdits {
  const capacity: { link: number; capacity: number }[] = [];
  for (const { link, lanes } of edits.lanes) {
    if (!Number.isInteger(link) || link < 0 || link >= view.linkCount) throw new RangeError(`lanes edit: no link ${link}`);
    if (!Number.isFinite(lanes) || lanes < 0) throw new RangeError(`lanes edit: link ${link} lanes must be >= 0, got ${lanes}`);
    const base = view.lanes[link]! > 0 ? view.lanes[link]! : 1;
    capacity.push({ link, capacity: (view.capacity[link]! * lanes) / base });
  }
  return { closed: [...edits.closed], capacity };
}

export function summarise(view: TrafficNetworkView, res: Pick<AssignResult, 'linkFlows' | 'linkTimes' | 'unassignedDemand'>, capacity: Float64Array, closed: Uint8Array, demandTotal: number): TrafficSummary {
  let vehKm = 0;
  let vehHours = 0;
  const vc: Array<{ link: number; vc: number }> = [];
  for (let l = 0; l < view.linkCount; l++) {
    if (view.isConnector[l]) continue;
    const v = res.linkFlows[l]!;
    vehKm += (v * view.lengthM[l]!) / 1000;
    vehHours += (v * res.linkTimes[l]!) / 60;
    if (!closed[l] && capacity[l]! > 0 && v > 0) vc.push({ link: l, vc: v / capacity[l]! });
  }
  vc.sort((a, b) => b.vc - a.vc || a.link - b.link);
  return {
    vehKm,
    vehHours,
    meanSpeedKmh: vehHours > 0 ? vehKm / vehHours : 0,
    unassignedDemand: res.unassignedDemand,
    assignedDemand: demandTotal - res.unassignedDemand,
    topCongested: vc.slice(0, TOP_CONGESTED),
  };
}

export class TrafficSession {
  private state: AssignState | undefined;
  private stateKey = '';

  constructor(
    readonly network: Network,
    readonly view: TrafficNetworkView,
    /** Builds the demand for a set of zone factors (e.g. gravity re-balancing). */
    private readonly demandFor: (zoneFactors: TrafficRunParams['zoneFactors']) => Demand,
  ) {}

  /**
   * Runs an assignment in slices of `sliceIterations`, calling `between` after each slice (a worker
   * awaits there, and may return false to stop). Deterministic for the same inputs and slicing.
   */
  async run(
    params: TrafficRunParams,
    between: (report: TrafficIteration) => Promise<boolean> | boolean,
    sliceIterations = 4,
  ): Promise<TrafficRunResult> {
    const t0 = performance.now();
    const demand = this.demandFor(params.zoneFactors);
    const edits = toLinkEdits(this.view, params.edits);
    const key = JSON.stringify({ z: params.zoneFactors ?? [], m: params.method ?? 'b' });
    let warm = params.warmStart !== false && this.stateKey === key ? this.state : undefined;
    const warmStarted = warm !== undefined;
    const history: TrafficIteration[] = [];
    let last: AssignResult | undefined;
    let done = 0;
    let stopped = false;
    while (!stopped) {
      const budget = Math.min(sliceIterations, params.maxIterations - done);
      const res = assign(this.network, demand, {
        method: params.method ?? 'b',
        demandScale: params.demandScale,
        targetGap: params.targetGap,
        maxIterations: Math.max(budget, 0),
        edits,
        ...(warm ? { warmStart: warm } : {}),
      });
      // Every slice after the first starts with an iteration-0 evaluation of the state it was given.
      for (const h of res.history) {
        if (history.length > 0 && h.iteration === 0) continue;
        history.push({ iteration: done + h.iteration, relativeGap: h.relativeGap, objective: h.objective, tstt: h.tstt });
      }
      done += res.iterations;
      last = res;
      warm = res.state;
      const report = history[history.length - 1]!;
      if (res.stopReason === 'converged' || done >= params.maxIterations || budget <= 0) break;
      stopped = !(await between(report));
    }
    this.state = last!.state;
    this.stateKey = key;
    const res = last!;
    const capacity = res.linkFlows.length === this.view.linkCount ? effectiveCapacity(this.view, edits) : new Float64Array(0);
    const closed = new Uint8Array(this.view.linkCount);
    for (const l of edits.closed ?? []) closed[l] = 1;
    const scaledTotal = demand.total * params.demandScale;
    return {
      flows: res.linkFlows.slice(),
      timesMin: res.linkTimes.slice(),
      capacity,
      iterations: done,
      relativeGap: res.relativeGap,
      objective: res.objective,
      tstt: res.tstt,
      stopReason: stopped ? 'cancelled' : res.stopReason,
      warmStarted,
      seconds: (performance.now() - t0) / 1000,
      history,
      summary: summarise(this.view, res, capacity, closed, scaledTotal),
      params,
    };
  }

  /** Forgets the previous solution (the next run starts cold). */
  reset(): void {
    this.state = undefined;
    this.stateKey = '';
  }
}

function effectiveCapacity(view: TrafficNetworkView, edits: LinkEdits): Float64Array {
  const cap = view.capacity.slice();
  for (const e of edits.capacity ?? []) cap[e.link] = e.capacity;
  for (const l of edits.closed ?? []) cap[l] = 0;
  return cap;
}
