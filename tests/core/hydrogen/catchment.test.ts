// Catchments: capacitated facility location (a zone's demand goes to any open station within the maximum
// detour that has room) against the nearest-station rule, and liquid imports charged liquefaction once.
// Every optimum below is worked out by hand in the comments.
import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { readFileSync } from 'node:fs';
import {
  CATCHMENT_DEFAULTS,
  CONDITIONING_GRID_KG_PER_KWH,
  CONSUMPTION_KG_PER_100KM,
  UNMET_PENALTY_KRW_PER_KG,
  buildNetwork,
  runHydrogen,
  solveModel,
  validateModel,
} from '../../../src/core/hydrogen/index.ts';
import type { HighsLike, HydrogenModel, HydrogenResult, HydrogenSolution } from '../../../src/core/hydrogen/index.ts';

let highs: HighsLike;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Tube trailer: 100 KRW/kg fixed + 10 KRW/(kg km), no trips cost, no conditioning energy, no truck CO2. */
const TT = { id: 'tt', kind: 'tube_trailer', payloadKg: 250, costKrwPerKgKm: 10, fixedKrwPerKg: 100, fixedKrwPerTrip: 0, energyKwhPerKg: 0, truckKgCo2ePerKm: 0 } as const;

/**
 * Circuity 1 and a detour of 500 KRW/km at 5 kg a visit: a station 1 km further than the zone's nearest
 * is a 2 km detour (there and back) and costs drivers 2 × 500 / 5 = 200 KRW per kg. One source at 0 km
 * from every station: each kg delivered costs 1,000 + 100 = 1,100 KRW and emits nothing.
 */
const CATCH = { maxDetourKm: 3, detourCostKrwPerKm: 500, kgPerVisit: 5 } as const;

function model(m: Partial<HydrogenModel> & Pick<HydrogenModel, 'stations'>): HydrogenModel {
  const ids = m.stations.map((s) => s.id);
  const json = {
    version: 1,
    modes: [TT],
    circuityFactor: 1,
    sources: [{ id: 'S', type: 'smr', xy: [0, 0], capacityKgPerDay: 10_000, costKrwPerKg: 1000, kgCo2ePerKg: 0 }],
    distances: ids.map((id) => ({ source: 'S', station: id, roadKm: 0 })),
    ...m,
    catchment: { ...CATCH, ...m.catchment },
  };
  const v = validateModel(json);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return v.model;
}

function solved(r: HydrogenResult): HydrogenSolution {
  if (r.solution === null) throw new Error(`${r.status}: ${r.message}`);
  return r.solution;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;
/** zone id → [station, kg/day] pairs served. */
const allocation = (s: HydrogenSolution): Record<string, [string, number][]> =>
  Object.fromEntries(s.zones.map((z) => [z.id, z.allocations.map((a) => [a.station, r6(a.kgPerDay)] as [string, number])]));

const st = (id: string, x: number, cap: number, extra: Record<string, unknown> = {}) =>
  ({ id, xy: [x, 0], capacityKgPerDay: cap, status: 'existing', ...extra }) as const;
const zone = (id: string, x: number, kg: number) => ({ id, xy: [x, 0] as const, kgPerDay: kg });

describe('a full nearest station: the overflow goes to an open station within the detour', () => {
  // A (x = 0) dispenses 100 kg/day; B (x = 1 km) 500. Zone z at x = 0 wants 150: nearest A, B a 2 km detour.
  // Capacitated: A 100 + B 50 at 200 KRW/kg: 150 × 1,100 + 50 × 200 = 165,000 + 10,000 = 175,000 KRW/day
  //   (all 150 at B: 150 × 1,300 = 195,000 is dearer; leaving 50 unmet costs 50 × 50,000).
  // Nearest: A 100, 50 unmet: 100 × 1,100 + 50 × 50,000 = 110,000 + 2,500,000 = 2,610,000 KRW/day.
  const stations = [st('A', 0, 100), st('B', 1000, 500)];
  const demand = { zones: [zone('z', 0, 150)] };

  it('capacitated: serves 100 at A and 50 at B, nothing unmet', () => {
    const r = solveModel(model({ stations, demand }), highs);
    expect(r.status).toBe('optimal');
    expect(r.objective.value).toBeCloseTo(175_000, 4);
    const s = solved(r);
    expect(allocation(s)).toEqual({ z: [['A', 100], ['B', 50]] });
    expect(s.zones[0]).toMatchObject({ nearestStation: 'A', demandKgPerDay: 150, unmetKgPerDay: 0 });
    expect(s.zones[0]!.allocations[1]!.detourKm).toBeCloseTo(2, 12);
    expect(s.zones[0]!.allocations[1]!.detourKrwPerDay).toBeCloseTo(10_000, 6);
    expect(s.summary.unmetKgPerDay).toBe(0);
    expect(s.summary.movedKgPerDay).toBeCloseTo(50, 9);
    expect(s.summary.detourKrwPerDay).toBeCloseTo(10_000, 6);
    expect(s.summary.totalKrwPerDay).toBeCloseTo(165_000, 6);
    // Station figures: demand = what it served (+ the unmet demand of zones nearest to it).
    expect(s.stations.map((x) => [x.id, r6(x.catchmentKgPerDay), r6(x.demandKgPerDay), r6(x.deliveredKgPerDay), r6(x.unmetKgPerDay)])).toEqual([
      ['A', 150, 100, 100, 0],
      ['B', 0, 50, 50, 0],
    ]);
  });

  it('nearest: reproduces the old loss, 50 kg/day unmet at A', () => {
    const r = solveModel(model({ stations, demand, catchment: { mode: 'nearest' } }), highs);
    expect(r.objective.value).toBeCloseTo(2_610_000, 4);
    const s = solved(r);
    expect(s.stations[0]!.unmetKgPerDay).toBeCloseTo(50, 9);
    expect(s.stations[1]!.deliveredKgPerDay).toBe(0);
    // Per zone, pro rata of its station's served share.
    expect(allocation(s)).toEqual({ z: [['A', 100]] });
    expect(s.zones[0]!.unmetKgPerDay).toBeCloseTo(50, 9);
    expect(s.summary.movedKgPerDay).toBe(0);
  });

  it('the co2 objective counts the detour\'s own hydrogen, so it still serves the overflow at B', () => {
    // Detour CO2 per kg at B = 2 km / 5 kg × car kg/km × hydrogen factor (0.0095 × 11.2 = 0.1064 kg CO2e per km)
    // = 0.04256 kg CO2e/kg; 50 kg → 2.128 kg CO2e/day, far below 50 × 100 unmet.
    const perKg = (2 / 5) * (CONSUMPTION_KG_PER_100KM.car.value / 100) * CATCHMENT_DEFAULTS.detourKgCo2ePerKgH2.value;
    expect(perKg).toBeCloseTo(0.04256, 12);
    const r = solveModel(model({ stations, demand, objective: 'co2' }), highs);
    expect(r.objective.value).toBeCloseTo(50 * perKg, 9);
    expect(allocation(solved(r))).toEqual({ z: [['A', 100], ['B', 50]] });
    expect(solved(r).summary.detourKgCo2ePerDay).toBeCloseTo(2.128, 9);
  });
});

describe('a closed candidate: its zone is served by an open station within the detour (MIP)', () => {
  // Candidate C (x = 0, fixed 300,000 KRW/day) and existing E (x = 1 km); zone z at x = 0 wants 200.
  // Capacitated: open C: 300,000 + 200 × 1,100 = 520,000; keep C closed and serve z at E:
  //   200 × (1,100 + 200) = 260,000 → C stays closed, 260,000 KRW/day.
  // Nearest: z belongs to C; closed, 200 × 50,000 = 10,000,000 → C opens, 520,000 KRW/day.
  const m = (mode: 'capacitated' | 'nearest') =>
    model({
      stationChoice: true,
      stations: [st('C', 0, 500, { status: 'candidate', fixedCostKrwPerDay: 300_000 }), st('E', 1000, 500)],
      demand: { zones: [zone('z', 0, 200)] },
      catchment: { mode },
    });

  it('capacitated: C stays closed and E serves the zone', () => {
    const r = solveModel(m('capacitated'), highs);
    expect(r.solver.mip).toBe(true);
    expect(r.objective.value).toBeCloseTo(260_000, 4);
    const s = solved(r);
    expect(s.stations.map((x) => x.open)).toEqual([false, true]);
    expect(allocation(s)).toEqual({ z: [['E', 200]] });
    expect(s.summary.detourKrwPerDay).toBeCloseTo(40_000, 6);
  });

  it('nearest: C must open to avoid losing the zone', () => {
    const r = solveModel(m('nearest'), highs);
    expect(r.objective.value).toBeCloseTo(520_000, 4);
    expect(solved(r).stations.map((x) => x.open)).toEqual([true, true]);
  });
});

describe('a station beyond the maximum detour is not used', () => {
  // A (x = 0) 100 kg/day, B (x = 2 km) 500; zone at x = 0 wants 150. B is a 2 × 2 = 4 km detour.
  // maxDetourKm 3: B is out of reach, 50 unmet: 110,000 + 2,500,000 = 2,610,000 KRW/day (as "nearest").
  // maxDetourKm 4: 50 at B at 4 × 100 = 400 KRW/kg: 165,000 + 20,000 = 185,000 KRW/day.
  const m = (maxDetourKm: number) => model({ stations: [st('A', 0, 100), st('B', 2000, 500)], demand: { zones: [zone('z', 0, 150)] }, catchment: { maxDetourKm } });

  it('beyond the detour: the overflow stays unmet', () => {
    const r = solveModel(m(3), highs);
    expect(r.objective.value).toBeCloseTo(2_610_000, 4);
    const s = solved(r);
    expect(r.network!.zones[0]!.options.map((o) => o.station)).toEqual([0]);
    expect(allocation(s)).toEqual({ z: [['A', 100]] });
    expect(s.zones[0]!.unmetKgPerDay).toBeCloseTo(50, 9);
    expect(s.stations[0]!.unmetKgPerDay).toBeCloseTo(50, 9);
    expect(s.summary.unmetPenalty).toBeCloseTo(50 * UNMET_PENALTY_KRW_PER_KG.value, 6);
  });

  it('within a longer detour: served at B', () => {
    const r = solveModel(m(4), highs);
    expect(r.objective.value).toBeCloseTo(185_000, 4);
    expect(allocation(solved(r))).toEqual({ z: [['A', 100], ['B', 50]] });
  });
});

describe('two zones compete for three stations', () => {
  // A (x = 0) 100, B (x = 1 km) 100, C (x = 2 km) 300 kg/day. z1 at x = 0 wants 150, z2 at x = 1 km 150.
  // Options (detour 2 × extra km, 100 KRW per kg per detour km): z1: A 0, B 2 km (200 KRW/kg), C 4 km
  // (beyond 3 km); z2: B 0, A 2 km, C 2 km (200 each). Nearest capacity A + B = 200 < 300, so at least
  // 100 kg/day are served away from their nearest station; z1 can only overflow to B, so z1: A 100 +
  // B 50; z2: B 50 + C 100 (A is full). Moved 150 kg at 200: 30,000; supply 300 × 1,100 = 330,000;
  // objective 360,000 KRW/day. (Giving B all to z2 leaves 50 of z1 unmet: 2,500,000 in penalty.)
  it('finds the hand-solved allocation', () => {
    const r = solveModel(
      model({ stations: [st('A', 0, 100), st('B', 1000, 100), st('C', 2000, 300)], demand: { zones: [zone('z1', 0, 150), zone('z2', 1000, 150)] } }),
      highs,
    );
    expect(r.objective.value).toBeCloseTo(360_000, 4);
    const s = solved(r);
    expect(allocation(s)).toEqual({ z1: [['A', 100], ['B', 50]], z2: [['C', 100], ['B', 50]] });
    expect(s.summary.movedKgPerDay).toBeCloseTo(150, 9);
    expect(s.stations.map((x) => r6(x.deliveredKgPerDay))).toEqual([100, 100, 100]);
    expect(Math.abs(s.summary.demandKgPerDay - s.summary.deliveredKgPerDay - s.summary.unmetKgPerDay)).toBeLessThan(1e-9);
  });

  it('a station\'s own demand stays at that station', () => {
    // B's own 80 kg/day (e.g. a bus depot) cannot move; z1 at x = 0 wants 150 of A (100) and B (100).
    // B serves its own 80 and 20 of z1; 30 of z1 unmet: 200 × 1,100 + 20 × 200 + 30 × 50,000 = 1,724,000.
    const r = solveModel(model({ stations: [st('A', 0, 100), st('B', 1000, 100, { demandKgPerDay: 80 })], demand: { zones: [zone('z1', 0, 150)] } }), highs);
    expect(r.objective.value).toBeCloseTo(1_724_000, 4);
    const s = solved(r);
    expect(s.zones.map((z) => [z.id, z.atStation])).toEqual([['z1', false], ['B', true]]);
    expect(allocation(s)).toEqual({ z1: [['A', 100], ['B', 20]], B: [['B', 80]] });
    expect(s.zones[0]!.unmetKgPerDay).toBeCloseTo(30, 9);
  });
});

describe('catchment options and their validation', () => {
  it('lists the nearest station first, then the others within the detour, with their costs', () => {
    // circuity 1.3, zone at 0, stations at 0, 0.5 km and 2 km: detours 0, 2 × 1.3 × 0.5 = 1.3 km,
    // 2 × 1.3 × 2 = 5.2 km (beyond the default 3 km). Default cost per kg = 1.3 × detour cost / kg per visit.
    const v = validateModel({
      version: 1,
      stations: [st('A', 0, 100), st('B', 500, 100), st('C', 2000, 100)],
      sources: [{ id: 'S', type: 'smr', xy: [0, 0], capacityKgPerDay: 1 }],
      demand: { zones: [zone('z', 0, 10)] },
    });
    if (!v.ok) throw new Error('invalid');
    const net = buildNetwork(v.model);
    expect(net.catchment).toEqual({
      mode: 'capacitated',
      maxDetourKm: CATCHMENT_DEFAULTS.maxDetourKm.value,
      detourCostKrwPerKm: CATCHMENT_DEFAULTS.detourCostKrwPerKm.value,
      kgPerVisit: CATCHMENT_DEFAULTS.kgPerVisit.value,
    });
    const o = net.zones[0]!.options;
    expect(o.map((x) => x.station)).toEqual([0, 1]);
    expect(o[1]!.detourKm).toBeCloseTo(1.3, 12);
    expect(o[1]!.krwPerKg).toBeCloseTo((1.3 * CATCHMENT_DEFAULTS.detourCostKrwPerKm.value) / CATCHMENT_DEFAULTS.kgPerVisit.value, 9);
    for (const key of ['catchment.mode', 'catchment.maxDetour', 'catchment.detourCost', 'catchment.kgPerVisit']) {
      expect(net.assumptions.find((a) => a.key === key)?.source.length).toBeGreaterThan(20);
    }
  });

  it('defaults: a 3 km detour (6 min at 30 km/h); fuel + time per km; three quarters of a Nexo tank a visit', () => {
    expect(CATCHMENT_DEFAULTS.maxDetourKm.value).toBe(3);
    // 0.0095 kg/km × 9,794 KRW/kg = 93.043; 9,700 KRW/h / 30 km/h = 323.333 → 416.376 KRW/km.
    expect(CATCHMENT_DEFAULTS.detourCostKrwPerKm.value).toBeCloseTo(0.0095 * 9794 + 9700 / 30, 9);
    expect(CATCHMENT_DEFAULTS.kgPerVisit.value).toBeCloseTo(4.7475, 12);
  });

  it('reports bad catchment values with their JSON paths', () => {
    const v = validateModel({
      version: 1,
      stations: [st('A', 0, 1)],
      sources: [{ id: 'S', type: 'smr', xy: [0, 0], capacityKgPerDay: 1, form: 'slush' }],
      modes: [{ id: 't', kind: 'tube_trailer', liquefactionKrwPerKg: 5 }, { id: 'l', kind: 'liquid', fixedKrwPerKg: 1000, liquefactionKrwPerKg: 1500 }],
      catchment: { mode: 'closest', maxDetourKm: -1, detourCostKrwPerKm: 'cheap', kgPerVisit: 0, radius: 2 },
    });
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      '$.catchment.radius: unknown field (known: mode, maxDetourKm, detourCostKrwPerKm, kgPerVisit)',
      '$.catchment.mode: must be one of capacitated, nearest (got "closest")',
      '$.catchment.maxDetourKm: must be a number ≥ 0 (got -1)',
      '$.catchment.detourCostKrwPerKm: must be a number ≥ 0 (got "cheap")',
      '$.catchment.kgPerVisit: must be a number > 0 (got 0)',
      '$.modes[0].liquefactionKrwPerKg: applies only to a liquid mode (kind "liquid"), not "tube_trailer"',
      '$.modes[1].liquefactionKrwPerKg: must be at most fixedKrwPerKg (1000): it is the liquefaction part of that cost (got 1500)',
      '$.sources[0].form: must be one of gas, liquid (got "slush")',
    ]);
  });

  it('unmet not allowed: names a zone whose reachable stations are too small', () => {
    const r = solveModel(model({ unmet: { allowed: false }, stations: [st('A', 0, 100), st('B', 1000, 20)], demand: { zones: [zone('z', 0, 150)] } }), highs);
    expect(r.status).toBe('infeasible');
    expect(r.details).toEqual(["stations' capacity 120 kg/day < demand 150 kg/day", 'zone z: demand 150 kg/day > capacity 120 kg/day of the stations within a 3 km detour (A, B)']);
  });
});

describe('liquid imports are liquefied once', () => {
  // Liquid mode: 2,000 KRW/kg fixed (incl. liquefaction), 1 KRW/(kg km), 10 kWh/kg liquefaction, no truck
  // CO2; source 7,000 KRW/kg and 5 kg CO2e/kg; A wants 100 kg/day at 10 km.
  // Gas at the source: 7,000 + 2,000 + 10 = 9,010 KRW/kg; 5 + 10 × 0.4173 = 9.173 kg CO2e/kg.
  // Already liquid: liquefaction 10 kWh/kg × 150 KRW/kWh = 1,500 KRW/kg is not charged again:
  // 7,000 + 500 + 10 = 7,510 KRW/kg (751,000 KRW/day), and no liquefaction electricity: 5 kg CO2e/kg.
  const LH2 = { id: 'lh2', kind: 'liquid', payloadKg: 3000, costKrwPerKgKm: 1, fixedKrwPerKg: 2000, energyKwhPerKg: 10, truckKgCo2ePerKm: 0 } as const;
  const m = (form: 'gas' | 'liquid', liquefaction?: number) =>
    model({
      modes: [liquefaction === undefined ? LH2 : { ...LH2, liquefactionKrwPerKg: liquefaction }],
      stations: [st('A', 0, 500, { demandKgPerDay: 100 })],
      sources: [{ id: 'I', type: 'imported', outsideMap: { bearingDeg: 90, roadKm: 10 }, capacityKgPerDay: 1000, costKrwPerKg: 7000, kgCo2ePerKg: 5, form }],
      distances: [],
    });

  it('a gaseous source pays liquefaction', () => {
    const r = solveModel(m('gas'), highs);
    expect(r.objective.value).toBeCloseTo(901_000, 4);
    expect(solved(r).summary.kgCo2ePerKgDelivered).toBeCloseTo(5 + 10 * CONDITIONING_GRID_KG_PER_KWH.value, 9);
  });

  it('an import that arrives liquid does not', () => {
    const r = solveModel(m('liquid'), highs);
    expect(r.objective.value).toBeCloseTo(751_000, 4);
    const s = solved(r);
    expect(s.summary.kgCo2ePerKgDelivered).toBeCloseTo(5, 9);
    expect(s.summary.deliveryKrwPerDay).toBeCloseTo(51_000, 6);
    expect(r.assumptions.find((a) => a.key === 'mode.lh2.liquefaction')?.value).toBe(1500);
  });

  it('takes a stated liquefaction cost (1,800 KRW/kg → 7,210 KRW/kg)', () => {
    expect(solveModel(m('liquid', 1800), highs).objective.value).toBeCloseTo(721_000, 4);
  });
});

describe('Monaco: the harbour', () => {
  const asset = JSON.parse(readFileSync(new URL('../../../assets/hydrogen/monaco.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
    stations: { id: string }[];
    demand: Record<string, unknown>;
  };
  // The case the issue reported: fuel-cell buses at the earlier 10 kg/100 km (JIVE), which overloads the
  // harbour station; the default is now the Elec City's 7.41 kg/100 km (below).
  const json = { ...asset, demand: { ...asset.demand, consumptionKgPer100Km: { bus: 10 } } };
  // The three stations the nearest-station model opens, kept open (no station choice).
  const three = { ...json, stationChoice: false, stations: json.stations.filter((s) => ['osm-port', 'osm-castelans', 'user-montecarlo'].includes(s.id)) };

  it('nearest: 34.135 kg/day unmet at the harbour; capacitated: none, 34.135 kg/day of Monaco-Ville go to Avenue des Castelans', () => {
    const before = solved(runHydrogen(three, highs, { catchment: { mode: 'nearest' } }));
    expect(before.stations.find((s) => s.id === 'osm-port')!.unmetKgPerDay).toBeCloseTo(34.135, 3);
    const r = runHydrogen(three, highs);
    const after = solved(r);
    expect(after.summary.unmetKgPerDay).toBe(0);
    expect(after.stations.find((s) => s.id === 'osm-port')).toMatchObject({ unmetKgPerDay: 0, deliveredKgPerDay: 250 });
    const mv = after.zones.find((z) => z.id === 'Monaco-Ville')!;
    expect(mv.allocations.map((a) => [a.station, Math.round(a.kgPerDay * 1000) / 1000])).toEqual([['osm-castelans', 34.135], ['osm-port', 29.328]]);
    expect(mv.allocations[0]!.detourKm).toBeCloseTo(1.015, 3);
    // Objective: supply 7,374,269.568 + detour 3,037.564 KRW/day.
    expect(r.objective.value).toBeCloseTo(7_377_307.133, 2);
  });
});
