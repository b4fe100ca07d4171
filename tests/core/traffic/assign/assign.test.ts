import { describe, it, expect } from 'vitest';
import {
  LinkCosts,
  applyLinkEdits,
  assign,
  buildDemand,
  buildNetwork,
  findLink,
  parseTntpNet,
  parseTntpTrips,
} from '../../../../src/core/traffic/assign/index.ts';
import type { AssignMethod, Demand, Network } from '../../../../src/core/traffic/assign/index.ts';
import { bestFlows, bytesOf, problem, worstFlowError } from './fixtures.ts';

/** Published / recomputed equilibrium values (tests/fixtures/tntp/README.md). */
const SIOUX_FALLS_OBJECTIVE = 42.3133528710744e5;
const SIOUX_FALLS_TSTT = 7480225.3;
const ANAHEIM_OBJECTIVE = 1286032.17;
const ANAHEIM_TSTT = 1419913.85;

/**
 * Near-zero flows: a link's error is measured against max(best-known flow, 10 veh/h), so links with
 * meaningful flow (>= 10 veh/h) must be within 0.1 % and near-zero links within 0.01 veh/h.
 */
const FLOW_FLOOR = 10;

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** A small network from link rows `from to fft [toll length]` (b 0.15, power 4, capacity 100). */
function smallNetwork(
  numNodes: number,
  numZones: number,
  firstThru: number,
  links: readonly (readonly number[])[],
  trips: readonly (readonly [number, number, number])[],
): { net: Network; demand: Demand } {
  const rows = links.map(([f, t, fft, toll = 0, len = 0]) => `${f}\t${t}\t100\t${len}\t${fft}\t0.15\t4\t0\t${toll}\t1\t;`);
  const netText = [
    `<NUMBER OF ZONES> ${numZones}`,
    `<NUMBER OF NODES> ${numNodes}`,
    `<FIRST THRU NODE> ${firstThru}`,
    `<NUMBER OF LINKS> ${links.length}`,
    '<END OF METADATA>',
    ...rows,
  ].join('\n');
  const net = buildNetwork(parseTntpNet(netText, 'small_net.tntp'));
  const blocks = trips.map(([o, d, v]) => `Origin ${o}\n ${d} : ${v};`);
  const tripText = [`<NUMBER OF ZONES> ${numZones}`, '<END OF METADATA>', ...blocks].join('\n');
  return { net, demand: buildDemand(parseTntpTrips(tripText, 'small_trips.tntp'), net) };
}

describe('Braess example', () => {
  for (const method of ['b', 'cfw'] as const) {
    it(`puts 2 units on each of the 3 paths at cost 92 (${method})`, () => {
      const { net, demand } = problem('Braess');
      const r = assign(net, demand, { method, targetGap: 1e-12 });
      expect(r.stopReason).toBe('converged');
      // Links: 1-3, 1-4, 3-2, 3-4, 4-2.
      const expected = [4, 2, 2, 2, 4];
      for (let a = 0; a < 5; a++) expect(r.linkFlows[a]).toBeCloseTo(expected[a]!, 6);
      const c = r.linkCosts;
      expect(c[0]! + c[2]!).toBeCloseTo(92, 6);
      expect(c[1]! + c[4]!).toBeCloseTo(92, 6);
      expect(c[0]! + c[3]! + c[4]!).toBeCloseTo(92, 6);
      expect(r.objective).toBeCloseTo(386, 6);
      expect(r.tstt).toBeCloseTo(552, 6);
    });
  }
});

describe('Sioux Falls', () => {
  it('Algorithm B reaches gap 1e-8 with the best-known objective, TSTT and link flows', () => {
    const { net, demand } = problem('SiouxFalls');
    const r = assign(net, demand, { targetGap: 1e-8 });
    expect(r.stopReason).toBe('converged');
    expect(r.relativeGap).toBeLessThanOrEqual(1e-8);
    expect(relative(r.objective, SIOUX_FALLS_OBJECTIVE)).toBeLessThan(1e-6);
    expect(relative(r.tstt, SIOUX_FALLS_TSTT)).toBeLessThan(1e-6);
    expect(worstFlowError(r.linkFlows, bestFlows('SiouxFalls'), FLOW_FLOOR)).toBeLessThan(1e-3);
    expect(r.history.length).toBe(r.iterations + 1);
    expect(r.history[0]!.iteration).toBe(0);
  });

  it('the objective of the best-known flows is the published one', () => {
    const { net } = problem('SiouxFalls');
    const costs = new LinkCosts(net, applyLinkEdits(net, undefined), 0, 0);
    expect(relative(costs.objective(bestFlows('SiouxFalls')), SIOUX_FALLS_OBJECTIVE)).toBeLessThan(1e-12);
  });
});

describe('Anaheim', () => {
  it('Algorithm B matches the best-known objective and link flows (zones not passed through)', () => {
    const { net, demand } = problem('Anaheim');
    const r = assign(net, demand, { targetGap: 1e-10 });
    expect(r.stopReason).toBe('converged');
    expect(relative(r.objective, ANAHEIM_OBJECTIVE)).toBeLessThan(1e-6);
    expect(relative(r.tstt, ANAHEIM_TSTT)).toBeLessThan(1e-6);
    expect(worstFlowError(r.linkFlows, bestFlows('Anaheim'), FLOW_FLOOR)).toBeLessThan(1e-3);
  });

  it('reaches gap 1e-6 within a few iterations', () => {
    const { net, demand } = problem('Anaheim');
    const r = assign(net, demand, { targetGap: 1e-6 });
    expect(r.stopReason).toBe('converged');
    expect(r.iterations).toBeLessThanOrEqual(10);
  });

  it('the recomputed objective of the best-known flows is 1,286,032.17', () => {
    const { net } = problem('Anaheim');
    const costs = new LinkCosts(net, applyLinkEdits(net, undefined), 0, 0);
    const best = bestFlows('Anaheim');
    expect(costs.objective(best)).toBeCloseTo(ANAHEIM_OBJECTIVE, 2);
    expect(costs.totalTime(best)).toBeCloseTo(ANAHEIM_TSTT, 2);
  });
});

describe('cross-check: conjugate Frank-Wolfe', () => {
  it('agrees with Algorithm B on Sioux Falls (objective within its gap bound, flows within 0.1 %)', () => {
    const { net, demand } = problem('SiouxFalls');
    const b = assign(net, demand, { targetGap: 1e-10 });
    const cfw = assign(net, demand, { method: 'cfw', targetGap: 1e-5, maxIterations: 5000 });
    expect(cfw.stopReason).toBe('converged');
    // Convexity: Z(x) - Z* <= TSGC(x) - SPTT(x) = gap × SPTT.
    expect(cfw.objective).toBeGreaterThanOrEqual(b.objective * (1 - 1e-12));
    expect(cfw.objective - b.objective).toBeLessThanOrEqual(cfw.relativeGap * cfw.sptt);
    expect(worstFlowError(cfw.linkFlows, b.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-3);
  });

  it('agrees with Algorithm B on Anaheim (objective within its gap bound, flows within 0.5 % of the largest)', () => {
    const { net, demand } = problem('Anaheim');
    const b = assign(net, demand, { targetGap: 1e-10 });
    const cfw = assign(net, demand, { method: 'cfw', targetGap: 1e-6, maxIterations: 2000 });
    expect(cfw.stopReason).toBe('converged');
    expect(cfw.objective).toBeGreaterThanOrEqual(b.objective * (1 - 1e-12));
    expect(cfw.objective - b.objective).toBeLessThanOrEqual(cfw.relativeGap * cfw.sptt);
    let largest = 0;
    let worst = 0;
    for (let a = 0; a < net.numLinks; a++) {
      largest = Math.max(largest, b.linkFlows[a]!);
      worst = Math.max(worst, Math.abs(cfw.linkFlows[a]! - b.linkFlows[a]!));
    }
    expect(worst).toBeLessThan(0.005 * largest);
  });

  it('plain Frank-Wolfe reaches gap 1e-4 on Sioux Falls in about a thousand iterations', () => {
    const { net, demand } = problem('SiouxFalls');
    const fw = assign(net, demand, { method: 'fw', targetGap: 1e-4, maxIterations: 3000 });
    const cfw = assign(net, demand, { method: 'cfw', targetGap: 1e-4, maxIterations: 3000 });
    expect(fw.stopReason).toBe('converged');
    expect(fw.iterations).toBeGreaterThan(500);
    expect(cfw.iterations).toBeLessThan(fw.iterations / 2);
  });
});

describe('determinism', () => {
  for (const method of ['b', 'cfw'] as const) {
    it(`two runs give identical bytes (${method})`, () => {
      const { net, demand } = problem('Anaheim');
      const options = { method, targetGap: method === 'b' ? 1e-8 : 1e-4 };
      const first = assign(net, demand, options);
      const second = assign(net, demand, options);
      expect(bytesOf(second.linkFlows)).toEqual(bytesOf(first.linkFlows));
      expect(bytesOf(second.linkCosts)).toEqual(bytesOf(first.linkCosts));
      expect(second.history).toEqual(first.history);
    });
  }
});

describe('zones below FIRST THRU NODE', () => {
  // Zones 1, 2, 3; the short path 1 -> 3 -> 2 crosses zone 3, the long one 1 -> 4 -> 2 does not.
  const links = [
    [1, 3, 1],
    [3, 2, 1],
    [1, 4, 5],
    [4, 2, 5],
  ] as const;
  for (const method of ['b', 'cfw', 'fw'] as const satisfies readonly AssignMethod[]) {
    it(`are never passed through, but paths start and end at them (${method})`, () => {
      const { net, demand } = smallNetwork(4, 3, 4, links, [
        [1, 2, 10],
        [3, 2, 5],
      ]);
      const r = assign(net, demand, { method, targetGap: 1e-10 });
      expect(Array.from(r.linkFlows)).toEqual([0, 5, 10, 10]);
      // With FIRST THRU NODE 1 every node may be passed through and the short path wins.
      const open = smallNetwork(4, 3, 1, links, [
        [1, 2, 10],
        [3, 2, 5],
      ]);
      const o = assign(open.net, open.demand, { method, targetGap: 1e-10 });
      expect(Array.from(o.linkFlows)).toEqual([10, 15, 0, 0]);
    });
  }
});

describe('generalized cost', () => {
  // Two routes 1 -> 2: direct (fft 10, length 1) and 1 -> 3 -> 2 (fft 4 + 4, toll 1, length 3 + 3).
  const links = [
    [1, 2, 10, 0, 1],
    [1, 3, 4, 1, 3],
    [3, 2, 4, 0, 3],
  ] as const;
  it('tolls and distance move flow to the untolled, shorter route and enter the objective', () => {
    const { net, demand } = smallNetwork(3, 2, 3, links, [[1, 2, 150]]);
    const free = assign(net, demand, { targetGap: 1e-12 });
    const tolled = assign(net, demand, { targetGap: 1e-12, tollFactor: 1 });
    const far = assign(net, demand, { targetGap: 1e-12, distanceFactor: 0.2 });
    expect(free.linkFlows[1]!).toBeGreaterThan(75);
    expect(tolled.linkFlows[1]!).toBeLessThan(free.linkFlows[1]! - 5);
    expect(far.linkFlows[1]!).toBeLessThan(free.linkFlows[1]! - 5);
    // Both routes are used and cost the same at equilibrium, in generalized cost.
    expect(tolled.linkFlows[0]!).toBeGreaterThan(10);
    const c = tolled.linkCosts;
    expect(c[1]! + c[2]!).toBeCloseTo(c[0]!, 9);
    expect(c[1]!).toBeCloseTo(tolled.linkTimes[1]! + 1, 12);
    const d = far.linkCosts;
    expect(d[1]! + d[2]!).toBeCloseTo(d[0]!, 9);
    // Objective = Σ ∫ t + Σ (tollFactor·toll) v.
    const costs = new LinkCosts(net, applyLinkEdits(net, undefined), 0, 0);
    expect(tolled.objective).toBeCloseTo(costs.objective(tolled.linkFlows) + 1 * tolled.linkFlows[1]!, 9);
    expect(tolled.tstt).toBeCloseTo(costs.totalTime(tolled.linkFlows), 9);
  });
});

describe('demand scale', () => {
  it('halving Braess demand puts all 3 units on the middle path at cost 73', () => {
    const { net, demand } = problem('Braess');
    const r = assign(net, demand, { demandScale: 0.5, targetGap: 1e-12 });
    const expected = [3, 0, 0, 3, 3];
    for (let a = 0; a < 5; a++) expect(r.linkFlows[a]).toBeCloseTo(expected[a]!, 6);
    expect(r.linkCosts[0]! + r.linkCosts[3]! + r.linkCosts[4]!).toBeCloseTo(73, 6);
    expect(r.tstt).toBeCloseTo(219, 6);
  });

  it('scaling by 1.1 equals assigning 1.1 × the trips', () => {
    const { net, demand } = problem('SiouxFalls');
    const scaled = assign(net, demand, { demandScale: 1.1, targetGap: 1e-9 });
    const bigger: Demand = { ...demand, flow: demand.flow.map((x) => x * 1.1), total: demand.total * 1.1 };
    const direct = assign(net, bigger, { targetGap: 1e-9 });
    expect(worstFlowError(scaled.linkFlows, direct.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-6);
    expect(relative(scaled.objective, direct.objective)).toBeLessThan(1e-9);
    expect(scaled.objective).toBeGreaterThan(SIOUX_FALLS_OBJECTIVE);
  });
});

describe('link edits', () => {
  it('closing the busiest Sioux Falls link moves its flow to alternatives', () => {
    const { net, demand } = problem('SiouxFalls');
    const base = assign(net, demand, { targetGap: 1e-8 });
    const busiest = findLink(net, 10, 15);
    const twin = findLink(net, 15, 10);
    const closed = assign(net, demand, { targetGap: 1e-8, edits: { closed: [busiest] } });
    expect(closed.stopReason).toBe('converged');
    expect(closed.linkFlows[busiest]).toBe(0);
    expect(closed.unassignedDemand).toBe(0);
    expect(closed.tstt).toBeGreaterThan(base.tstt);
    // The parallel links out of node 10 and into node 15 carry more.
    const into15 = [findLink(net, 14, 15), findLink(net, 19, 15), findLink(net, 22, 15)];
    const sum = (r: typeof base): number => into15.reduce((s, a) => s + r.linkFlows[a]!, 0);
    expect(sum(closed)).toBeGreaterThan(sum(base));
    expect(closed.linkFlows[twin]).toBeGreaterThan(0);
    // Capacity 0 is the same as closing.
    const zero = assign(net, demand, { targetGap: 1e-8, edits: { capacity: [{ link: busiest, capacity: 0 }] } });
    expect(bytesOf(zero.linkFlows)).toEqual(bytesOf(closed.linkFlows));
  });

  it('demand that a closure cuts off is reported, not assigned', () => {
    const { net, demand } = problem('Braess');
    const r = assign(net, demand, { edits: { closed: [0, 1] } });
    expect(r.unassignedDemand).toBe(6);
    expect(Array.from(r.linkFlows)).toEqual([0, 0, 0, 0, 0]);
    expect(r.relativeGap).toBe(0);
  });

  it('halving a capacity raises the time on that link', () => {
    const { net, demand } = problem('SiouxFalls');
    const a = findLink(net, 10, 15);
    const base = assign(net, demand, { targetGap: 1e-8 });
    const half = assign(net, demand, { targetGap: 1e-8, edits: { capacity: [{ link: a, capacity: net.capacity[a]! / 2 }] } });
    expect(half.linkFlows[a]!).toBeLessThan(base.linkFlows[a]!);
    expect(half.linkTimes[a]!).toBeGreaterThan(base.linkTimes[a]!);
  });

  it('rejects bad edits and options', () => {
    const { net, demand } = problem('Braess');
    expect(() => assign(net, demand, { edits: { closed: [5] } })).toThrow(RangeError);
    expect(() => assign(net, demand, { edits: { capacity: [{ link: 0, capacity: -1 }] } })).toThrow(RangeError);
    expect(() => assign(net, demand, { tollFactor: -1 })).toThrow(RangeError);
    expect(() => assign(net, demand, { demandScale: 0 })).toThrow(RangeError);
    expect(() => assign(net, demand, { maxIterations: 1.5 })).toThrow(RangeError);
  });
});

describe('warm start', () => {
  it('Algorithm B re-uses bushes: fewer iterations after a small capacity cut', () => {
    const { net, demand } = problem('SiouxFalls');
    const base = assign(net, demand, { targetGap: 1e-8 });
    const a = findLink(net, 10, 15);
    const edits = { capacity: [{ link: a, capacity: net.capacity[a]! * 0.9 }] };
    const cold = assign(net, demand, { targetGap: 1e-8, edits });
    const warm = assign(net, demand, { targetGap: 1e-8, edits, warmStart: base.state });
    expect(warm.warmStarted).toBe(true);
    expect(cold.warmStarted).toBe(false);
    expect(warm.stopReason).toBe('converged');
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(worstFlowError(warm.linkFlows, cold.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-4);
  });

  it('Algorithm B warm start survives a closure and a demand scale change', () => {
    const { net, demand } = problem('SiouxFalls');
    const base = assign(net, demand, { targetGap: 1e-8 });
    const a = findLink(net, 10, 15);
    const closed = assign(net, demand, { targetGap: 1e-8, edits: { closed: [a] }, warmStart: base.state });
    expect(closed.warmStarted).toBe(true);
    expect(closed.stopReason).toBe('converged');
    expect(closed.linkFlows[a]).toBe(0);
    const scaled = assign(net, demand, { targetGap: 1e-8, demandScale: 1.05, warmStart: base.state });
    const scaledCold = assign(net, demand, { targetGap: 1e-8, demandScale: 1.05 });
    expect(scaled.iterations).toBeLessThan(scaledCold.iterations);
    expect(worstFlowError(scaled.linkFlows, scaledCold.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-4);
  });

  it('Algorithm B state is written on first read and survives a structured clone (as to a worker)', () => {
    const { net, demand } = problem('SiouxFalls');
    const base = assign(net, demand, { targetGap: 1e-6 });
    const cloned = structuredClone(base.state);
    expect(cloned.bushFlows?.length).toBe(demand.origins.length * net.numLinks);
    expect(cloned.bushMask?.length).toBe(demand.origins.length * net.numLinks);
    expect(cloned.bushFlows).toBe(cloned.bushFlows); // plain data after the clone
    expect(base.state.bushFlows).toBe(base.state.bushFlows); // written once, then kept
    // Per-origin flows add up to the link flows.
    const sum = new Float64Array(net.numLinks);
    for (let g = 0; g < demand.origins.length; g++) {
      for (let a = 0; a < net.numLinks; a++) sum[a]! += cloned.bushFlows![g * net.numLinks + a]!;
    }
    expect(worstFlowError(sum, base.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-9);
    const a = findLink(net, 10, 15);
    const edits = { capacity: [{ link: a, capacity: net.capacity[a]! * 0.9 }] };
    const fromOriginal = assign(net, demand, { targetGap: 1e-8, edits, warmStart: base.state });
    const fromClone = assign(net, demand, { targetGap: 1e-8, edits, warmStart: cloned });
    expect(fromClone.warmStarted).toBe(true);
    expect(bytesOf(fromClone.linkFlows)).toEqual(bytesOf(fromOriginal.linkFlows));
  });

  it('conjugate Frank-Wolfe starts from earlier link flows', () => {
    const { net, demand } = problem('SiouxFalls');
    // At gap 1e-3: conjugate Frank-Wolfe's iteration counts to 1e-4 on Sioux Falls swing by tens with
    // the shortest-path trees picked among ties (121 to 192 cold), which would hide the warm start.
    const base = assign(net, demand, { method: 'cfw', targetGap: 1e-3 });
    const a = findLink(net, 10, 15);
    const edits = { capacity: [{ link: a, capacity: net.capacity[a]! * 0.9 }] };
    const cold = assign(net, demand, { method: 'cfw', targetGap: 1e-3, edits });
    const warm = assign(net, demand, { method: 'cfw', targetGap: 1e-3, edits, warmStart: base.state });
    expect(warm.warmStarted).toBe(true);
    expect(warm.iterations * 2).toBeLessThan(cold.iterations);
    // Flows with a closed link carrying flow are no feasible start: cold start instead.
    const closed = assign(net, demand, { method: 'cfw', targetGap: 1e-3, edits: { closed: [a] }, warmStart: base.state });
    expect(closed.warmStarted).toBe(false);
  });
});

describe('edit, then undo', () => {
  it('returns the original flows, and a cold rerun the original bytes', () => {
    const { net, demand } = problem('SiouxFalls');
    const original = assign(net, demand, { targetGap: 1e-10 });
    const a = findLink(net, 10, 15);
    const edited = assign(net, demand, { targetGap: 1e-10, edits: { closed: [a] }, warmStart: original.state });
    expect(worstFlowError(edited.linkFlows, original.linkFlows, FLOW_FLOOR)).toBeGreaterThan(0.1);
    const undone = assign(net, demand, { targetGap: 1e-10, warmStart: edited.state });
    expect(worstFlowError(undone.linkFlows, original.linkFlows, FLOW_FLOOR)).toBeLessThan(1e-5);
    expect(relative(undone.objective, original.objective)).toBeLessThan(1e-10);
    const rerun = assign(net, demand, { targetGap: 1e-10 });
    expect(bytesOf(rerun.linkFlows)).toEqual(bytesOf(original.linkFlows));
  });
});

describe('progress and cancellation', () => {
  it('reports every iteration and stops when the callback returns false or the signal aborts', () => {
    const { net, demand } = problem('SiouxFalls');
    const seen: number[] = [];
    const r = assign(net, demand, {
      targetGap: 1e-12,
      onIteration: (p) => {
        seen.push(p.iteration);
        return p.iteration < 2;
      },
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(r.stopReason).toBe('cancelled');
    expect(r.iterations).toBe(2);

    const signal = { aborted: false };
    const s = assign(net, demand, {
      method: 'cfw',
      targetGap: 1e-12,
      signal,
      onIteration: (p) => {
        if (p.iteration === 3) signal.aborted = true;
      },
    });
    expect(s.stopReason).toBe('cancelled');
    expect(s.iterations).toBe(3);

    const capped = assign(net, demand, { method: 'fw', targetGap: 0, maxIterations: 5 });
    expect(capped.stopReason).toBe('maxIterations');
    expect(capped.iterations).toBe(5);
    for (let k = 1; k < capped.history.length; k++) {
      expect(capped.history[k]!.objective).toBeLessThanOrEqual(capped.history[k - 1]!.objective);
    }
  });
});
