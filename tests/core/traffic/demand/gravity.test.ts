import { describe, expect, it } from 'vitest';
import {
  createDemandModel,
  deterrenceMatrix,
  distribute,
  freeFlowSkim,
  furness,
  toTntpTrips,
} from '../../../../src/core/traffic/demand/index.ts';
import type { ZoneTotals } from '../../../../src/core/traffic/demand/index.ts';
import { groupLinksByNode } from '../../../../src/core/traffic/osm/index.ts';
import { buildDemand } from '../../../../src/core/traffic/assign/index.ts';
import type { Network } from '../../../../src/core/traffic/assign/index.ts';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

/** Z×Z cost from a list of [i, j, c] (others Infinity, diagonal 0). */
function costMatrix(Z: number, entries: Array<[number, number, number]>): Float64Array {
  const c = new Float64Array(Z * Z).fill(Infinity);
  for (let i = 0; i < Z; i++) c[i * Z + i] = 0;
  for (const [i, j, v] of entries) c[i * Z + j] = v;
  return c;
}

function zones(productions: number[], attractions: number[]): ZoneTotals {
  return { numZones: productions.length, productions: f64(productions), attractions: f64(attractions), centroid: new Float64Array(2 * productions.length) };
}

function expectMargins(matrix: Float64Array, rows: Float64Array, cols: Float64Array, rel = 1e-9): void {
  const Z = rows.length;
  for (let i = 0; i < Z; i++) {
    let r = 0;
    let c = 0;
    for (let j = 0; j < Z; j++) {
      r += matrix[i * Z + j]!;
      c += matrix[j * Z + i]!;
    }
    expect(Math.abs(r - rows[i]!)).toBeLessThanOrEqual(rel * Math.max(1, rows[i]!));
    expect(Math.abs(c - cols[i]!)).toBeLessThanOrEqual(rel * Math.max(1, cols[i]!));
  }
}

describe('Furness / doubly constrained gravity', () => {
  it('2 zones: with no intrazonal trips, T12 = O1 = D2 and T21 = O2 = D1 whatever the cost', () => {
    const t = distribute(createDemandModel(zones([100, 60], [60, 100]), costMatrix(2, [[0, 1, 7], [1, 0, 3]])));
    expect(Array.from(t.matrix)).toEqual([0, 100, 60, 0]);
    expect(t.converged).toBe(true);
    expect(t.total).toBe(160);
  });

  it('2 zones with totals that cannot be met report no convergence', () => {
    const r = furness(f64([100, 60]), f64([80, 80]), f64([0, 1, 1, 0]), { maxIterations: 50 });
    expect(r.converged).toBe(false);
    expect(r.maxRelativeError).toBeGreaterThan(0.1);
  });

  it('3 zones, symmetric costs: the unique balanced table (hand-computed)', () => {
    // T = [[0,20,30],[10,0,40],[30,80,0]] has these margins and cross ratio T12·T23·T31 / (T13·T32·T21) = 1,
    // which is f12·f23·f31 / (f13·f32·f21) for any symmetric cost, so it is the gravity solution for any β.
    for (const beta of [0.05, 0.1, 0.3]) {
      const cost = costMatrix(3, [[0, 1, 5], [1, 0, 5], [0, 2, 10], [2, 0, 10], [1, 2, 7], [2, 1, 7]]);
      const t = distribute(createDemandModel(zones([50, 50, 110], [40, 100, 70]), cost, { beta }));
      const expected = [0, 20, 30, 10, 0, 40, 30, 80, 0];
      t.matrix.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 9));
      expect(t.converged).toBe(true);
    }
  });

  it('3 zones, asymmetric costs: exp(−β·c) sets the cross ratio to 2 (hand-computed)', () => {
    // β = ln 2 / 10 and c13 + c32 + c21 − (c12 + c23 + c31) = 10 min give f-ratio 2, matched by
    // T = [[0,20,30],[10,0,40],[30,40,0]] (20·40·30 / (30·40·10) = 2) with O = (50,50,70), D = (40,60,70).
    const cost = costMatrix(3, [[0, 1, 5], [1, 2, 5], [2, 0, 5], [0, 2, 10], [2, 1, 10], [1, 0, 5]]);
    const t = distribute(createDemandModel(zones([50, 50, 70], [40, 60, 70]), cost, { beta: Math.LN2 / 10 }));
    const expected = [0, 20, 30, 10, 0, 40, 30, 40, 0];
    t.matrix.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 9));
  });

  it('deterrence is exp(−β·c), zero on the diagonal and for unreachable pairs', () => {
    const f = deterrenceMatrix(costMatrix(2, [[0, 1, 10]]), 2, 0.1);
    expect(Array.from(f)).toEqual([0, Math.exp(-1), 0, 0]);
  });
});

describe('balancing, scaling and zone edits', () => {
  // Six zones on a line, 2 minutes apart; uneven totals (ΣO ≠ ΣD before balancing).
  const Z = 6;
  const cost = new Float64Array(Z * Z);
  for (let i = 0; i < Z; i++) for (let j = 0; j < Z; j++) cost[i * Z + j] = 2 * Math.abs(i - j);
  const model = createDemandModel(zones([120, 30, 80, 0, 55, 210], [60, 140, 20, 90, 35, 25]), cost);
  const base = distribute(model);

  // Balancing changed from the mean of ΣO and ΣD (432.5) to the attractions' total (370): productions
  // are scaled to the attractions, which stay as given.
  it('rows sum to productions and columns to attractions (1e-9) after balancing to the attractions', () => {
    expect(base.total).toBeCloseTo(370, 9);
    let sp = 0;
    for (const v of base.productions) sp += v;
    expect(sp).toBeCloseTo(370, 9);
    expect(Array.from(base.attractions)).toEqual([60, 140, 20, 90, 35, 25]);
    expectMargins(base.matrix, base.productions, base.attractions);
    expect(base.productions[3]).toBe(0);
    for (let j = 0; j < Z; j++) expect(base.matrix[3 * Z + j]).toBe(0);
    for (let i = 0; i < Z; i++) expect(base.matrix[i * Z + i]).toBe(0);
  });

  it('scale multiplies every trip', () => {
    const doubled = distribute(model, { scale: 2 });
    doubled.matrix.forEach((v, k) => expect(v).toBe(2 * base.matrix[k]!));
    expect(doubled.total).toBeCloseTo(2 * base.total, 9);
    expectMargins(doubled.matrix, doubled.productions, doubled.attractions);
  });

  it('a zone edit multiplies its totals, re-balances, and undoing it gives the same bytes', () => {
    const edited = distribute(model, { zones: [{ zone: 0, factor: 2 }] });
    expect(edited.converged).toBe(true);
    expectMargins(edited.matrix, edited.productions, edited.attractions);
    // Zone 0's share of productions grew: 240 of 615 before balancing.
    let sp = 0;
    for (const v of edited.productions) sp += v;
    expect(edited.productions[0]! / sp).toBeCloseTo(240 / 615, 12);
    // Balanced to the edited attractions: 370 + 60 (zone 0's doubled 60).
    expect(edited.total).toBeCloseTo(430, 9);
    const undone = distribute(model, {});
    expect(Buffer.from(undone.matrix.buffer).equals(Buffer.from(base.matrix.buffer))).toBe(true);
    const closed = distribute(model, { zones: [{ zone: 5, factor: 0 }] });
    for (let k = 0; k < Z; k++) {
      expect(closed.matrix[5 * Z + k]).toBe(0);
      expect(closed.matrix[k * Z + 5]).toBe(0);
    }
    expect(() => distribute(model, { zones: [{ zone: 6, factor: 1 }] })).toThrow(RangeError);
    expect(() => distribute(model, { zones: [{ zone: 0, factor: -1 }] })).toThrow(RangeError);
    expect(() => distribute(model, { scale: Number.NaN })).toThrow(RangeError);
  });

  it('the model is never mutated and runs are deterministic', () => {
    const before = Array.from(model.baseProductions);
    distribute(model, { zones: [{ zone: 1, factor: 3 }], scale: 0.5 });
    expect(Array.from(model.baseProductions)).toEqual(before);
    const again = distribute(model);
    expect(Buffer.from(again.matrix.buffer).equals(Buffer.from(base.matrix.buffer))).toBe(true);
  });
});

describe('traffic forms', () => {
  it('the TNTP-trips form lists nonzero off-diagonal pairs with 0-based destinations', () => {
    const trips = toTntpTrips(f64([5, 1, 0, 2, 0, 3, 0, 4, 0]), 3);
    expect(Array.from(trips.originStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(trips.destination)).toEqual([1, 0, 2, 1]);
    expect(Array.from(trips.demand)).toEqual([1, 2, 3, 4]);
    expect(trips.totalOdFlow).toBe(10);
  });

  it('free-flow skim never passes through a zone, and feeds the traffic module', () => {
    // Zones 0, 1, 2; road nodes 3 (A) and 4 (B). A–B by road takes 10 min; zone 1 touches both A and B
    // at 1 min each, a 2-minute short cut that paths may not take.
    const from = Int32Array.from([3, 4, 0, 3, 1, 3, 1, 4, 2, 4]);
    const to = Int32Array.from([4, 3, 3, 0, 3, 1, 4, 1, 4, 2]);
    const fft = f64([10, 10, 0.5, 0.5, 1, 1, 1, 1, 0.25, 0.25]);
    const [outStart, outLinks] = groupLinksByNode(from, 5);
    const [inStart, inLinks] = groupLinksByNode(to, 5);
    const L = from.length;
    const net: Network = {
      numNodes: 5, numLinks: L, numZones: 3, firstThruNode: 4, firstThruIndex: 3, from, to,
      capacity: new Float64Array(L).fill(1000), length: new Float64Array(L).fill(1), fft,
      b: new Float64Array(L).fill(0.15), power: new Float64Array(L).fill(4), toll: new Float64Array(L),
      speed: new Float64Array(L).fill(30), linkType: new Int32Array(L), outStart, outLinks, inStart, inLinks,
    };
    const c = freeFlowSkim(net);
    expect(c[0 * 3 + 2]).toBeCloseTo(0.5 + 10 + 0.25, 12);
    expect(c[0 * 3 + 1]).toBeCloseTo(1.5, 12);
    expect(c[2 * 3 + 0]).toBeCloseTo(10.75, 12);
    expect(c[1 * 3 + 1]).toBe(0);
    const t = distribute(createDemandModel(zones([10, 20, 30], [30, 20, 10]), c));
    const demand = buildDemand(t.trips, net);
    expect(demand.total).toBeCloseTo(t.total, 9);
    expect(demand.intrazonal).toBe(0);
  });
});

describe('balancing options and external zones (hand-computed)', () => {
  // 2 internal zones (0, 1) and 2 gates (2, 3); every pair 5 minutes apart, so each block's gravity
  // solution is r_i·c_j / total. Internal–internal ends: O = (66, 54), D = (45, 55).
  const N = 4;
  const cost = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) cost[i * N + j] = i === j ? 0 : 5;
  const totals: ZoneTotals = {
    numZones: 2,
    productions: f64([96, 64]),
    attractions: f64([50, 70]),
    centroid: new Float64Array(4),
    external: {
      numGates: 2,
      gateShare: f64([0.25, 0.75]),
      centroid: new Float64Array(4),
      outbound: f64([30, 10]),
      inbound: f64([5, 15]),
      throughShare: 0.2,
    },
  };
  const at = (m: Float64Array, i: number, j: number): number => m[i * N + j]!;

  it('balances internal productions to the attractions by default; the external blocks follow the gate shares', () => {
    const t = distribute(createDemandModel(totals, cost));
    expect(t.numZones).toBe(4);
    expect(t.numInternal).toBe(2);
    // Internal: O scaled 120 → 100 gives (55, 45); two zones: T01 = 55, T10 = 45.
    expect(at(t.matrix, 0, 1)).toBeCloseTo(55, 9);
    expect(at(t.matrix, 1, 0)).toBeCloseTo(45, 9);
    // Outbound 40 split 10 / 30 by gate share: T = r_i·c_g / 40.
    expect(at(t.matrix, 0, 2)).toBeCloseTo(7.5, 9);
    expect(at(t.matrix, 0, 3)).toBeCloseTo(22.5, 9);
    expect(at(t.matrix, 1, 2)).toBeCloseTo(2.5, 9);
    expect(at(t.matrix, 1, 3)).toBeCloseTo(7.5, 9);
    // Inbound 20: gates 5 / 15 to zones 5 / 15.
    expect(at(t.matrix, 2, 0)).toBeCloseTo(1.25, 9);
    expect(at(t.matrix, 3, 1)).toBeCloseTo(11.25, 9);
    // Through: φ/(1−φ)·60 = 15, each way 15·0.25·0.75 / (1 − 0.0625 − 0.5625) = 7.5.
    expect(at(t.matrix, 2, 3)).toBeCloseTo(7.5, 12);
    expect(at(t.matrix, 3, 2)).toBeCloseTo(7.5, 12);
    expect(t.segments.internal).toBeCloseTo(100, 9);
    expect(t.segments.outbound).toBeCloseTo(40, 12);
    expect(t.segments.inbound).toBeCloseTo(20, 12);
    expect(t.segments.through).toBeCloseTo(15, 12);
    expect(t.total).toBeCloseTo(175, 9);
    expectMargins(t.matrix, t.productions, t.attractions);
    // Zone 0 departs 55 internal + 30 outbound; arrivals keep the attractions (45 + 5).
    expect(t.productions[0]).toBeCloseTo(85, 9);
    expect(t.attractions[0]).toBeCloseTo(50, 9);
  });

  it("'productions' and a control total balance the internal block; external trips are not rescaled", () => {
    const p = distribute(createDemandModel(totals, cost, { balancing: 'productions' }));
    expect(at(p.matrix, 0, 1)).toBeCloseTo(66, 9);
    expect(at(p.matrix, 1, 0)).toBeCloseTo(54, 9);
    expect(p.segments.outbound).toBeCloseTo(40, 12);
    const c = distribute(createDemandModel(totals, cost, { balancing: { controlTotal: 200 } }));
    expect(at(c.matrix, 0, 1)).toBeCloseTo(110, 9);
    expect(at(c.matrix, 1, 0)).toBeCloseTo(90, 9);
    expect(c.total).toBeCloseTo(275, 9);
    expect(() => createDemandModel(totals, cost, { balancing: { controlTotal: -1 } })).toThrow(RangeError);
  });

  it('a factor on a gate scales its trips; the others keep theirs; undoing gives the same bytes', () => {
    const model = createDemandModel(totals, cost);
    const base = distribute(model);
    const shut = distribute(model, { zones: [{ zone: 2, factor: 0 }] });
    for (let k = 0; k < N; k++) {
      expect(at(shut.matrix, 2, k)).toBe(0);
      expect(at(shut.matrix, k, 2)).toBe(0);
    }
    // Gate 3 keeps its 30 outbound and 15 inbound; there is no through trip with one gate open.
    expect(shut.segments.outbound).toBeCloseTo(30, 9);
    expect(shut.segments.inbound).toBeCloseTo(15, 9);
    expect(shut.segments.through).toBe(0);
    const again = distribute(model, { zones: [] });
    expect(Buffer.from(again.matrix.buffer).equals(Buffer.from(base.matrix.buffer))).toBe(true);
  });
});
