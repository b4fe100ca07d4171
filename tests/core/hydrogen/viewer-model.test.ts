// What-ifs the viewer applies to a hydrogen model before solving: stations placed, removed and resized,
// sources switched off or given another carbon intensity, unmet demand, layer stations, and demand from
// assigned traffic — checked as JSON and by solving the Monaco example.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { runHydrogen, validateModel } from '../../../src/core/hydrogen/index.ts';
import type { HighsLike } from '../../../src/core/hydrogen/index.ts';
import { createLocalFrame, toLocal } from '../../../src/core/geo/index.ts';
import {
  NO_EDITS,
  applyEdits,
  noEdits,
  placeLonLat,
  stationIds,
  typicalFixedCost,
  withLayerStations,
  withTrafficDemand,
} from '../../../src/core/hydrogen/whatif.ts';

const MONACO: unknown = JSON.parse(readFileSync('assets/hydrogen/monaco.json', 'utf8'));
type J = Record<string, unknown> & { stations: Record<string, unknown>[]; sources: Record<string, unknown>[]; demand: Record<string, unknown>; unmet?: Record<string, unknown> };
const j = (v: unknown): J => v as J;

let highs: HighsLike;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('applyEdits', () => {
  it('no edits: the same model (a copy)', () => {
    expect(noEdits(NO_EDITS)).toBe(true);
    expect(applyEdits(MONACO, NO_EDITS)).toEqual(MONACO);
    expect(applyEdits(null, NO_EDITS)).toBe(null);
    expect(applyEdits('x', NO_EDITS)).toBe('x');
  });
  it('removes, resizes and adds stations; the result validates', () => {
    const e = {
      ...NO_EDITS,
      removed: ['osm-port'],
      capacity: { 'osm-esso': 900, 'placed-1': 321 },
      added: [{ id: 'placed-1', name: 'New station 1', lonLat: [7.425, 43.74] as const, capacityKgPerDay: 250 }],
    };
    expect(noEdits(e)).toBe(false);
    const m = j(applyEdits(MONACO, e));
    expect(stationIds(m)).toEqual([...stationIds(MONACO).filter((id) => id !== 'osm-port'), 'placed-1']);
    expect(m.stations.find((s) => s['id'] === 'osm-esso')!['capacityKgPerDay']).toBe(900);
    const placed = m.stations.at(-1)!;
    expect(placed).toMatchObject({ capacityKgPerDay: 321, status: 'candidate', fixedCostKrwPerDay: typicalFixedCost(MONACO), lonLat: [7.425, 43.74] });
    expect(validateModel(m).ok).toBe(true);
    // The base is not changed.
    expect(stationIds(MONACO)).toContain('osm-port');
  });
  it('switches a source off (capacity 0), resizes it, changes its carbon intensity', () => {
    const m = j(applyEdits(MONACO, { ...NO_EDITS, sources: { 'smr-provence': { enabled: false, capacityKgPerDay: 999 }, 'byproduct-fos': { kgCo2ePerKg: 1.5, capacityKgPerDay: 700 } } }));
    expect(m.sources.find((s) => s['id'] === 'smr-provence')!['capacityKgPerDay']).toBe(0);
    expect(m.sources.find((s) => s['id'] === 'byproduct-fos')).toMatchObject({ kgCo2ePerKg: 1.5, capacityKgPerDay: 700 });
    expect(validateModel(m).ok).toBe(true);
  });
  it('unmet demand not allowed keeps the other unmet settings', () => {
    const m = j(applyEdits({ ...(MONACO as object), unmet: { allowed: true, penaltyKrwPerKg: 1 } }, { ...NO_EDITS, unmetAllowed: false }));
    expect(m.unmet).toEqual({ allowed: false, penaltyKrwPerKg: 1 });
  });
  it('typical fixed cost is the median of the candidates', () => {
    expect(typicalFixedCost({ stations: [{ status: 'candidate', fixedCostKrwPerDay: 3 }, { status: 'existing', fixedCostKrwPerDay: 100 }, { status: 'candidate', fixedCostKrwPerDay: 1 }] })).toBe(2);
    expect(typicalFixedCost({ stations: [] })).toBe(0);
    expect(typicalFixedCost(42)).toBe(0);
  });
});

describe('solving the edited Monaco model', () => {
  it('a higher FCEV car share raises demand; removing a station moves supply; cutting supply with no unmet allowed is infeasible', () => {
    const base = runHydrogen(MONACO, highs);
    expect(base.status).toBe('optimal');
    const more = runHydrogen(MONACO, highs, { fcevShare: { car: 0.3 } });
    expect(more.solution!.summary.demandKgPerDay).toBeGreaterThan(base.solution!.summary.demandKgPerDay);
    const removed = runHydrogen(applyEdits(MONACO, { ...NO_EDITS, removed: ['user-montecarlo'] }), highs);
    expect(removed.status).toBe('optimal');
    expect(removed.solution!.stations.map((s) => s.id)).not.toContain('user-montecarlo');
    const sources = Object.fromEntries(j(MONACO).sources.map((s) => [s['id'] as string, { enabled: false }]));
    const none = runHydrogen(applyEdits(MONACO, { ...NO_EDITS, sources, unmetAllowed: false }), highs);
    expect(none.status).toBe('infeasible');
    expect(none.message).toMatch(/infeasible/);
  });
});

describe('stations from a layer', () => {
  it('replace the model stations as candidates, with the default capacity where the layer has none', () => {
    const m = j(withLayerStations(MONACO, [{ name: 'A', lonLat: [7.42, 43.73], capacityKgPerDay: 400 }, { name: '', lonLat: [7.43, 43.74], capacityKgPerDay: null }]));
    expect(m.stations).toEqual([
      { id: 'layer-0', name: 'A', lonLat: [7.42, 43.73], capacityKgPerDay: 400, status: 'candidate', fixedCostKrwPerDay: typicalFixedCost(MONACO), note: 'from the stations layer' },
      { id: 'layer-1', name: 'Station 2', lonLat: [7.43, 43.74], capacityKgPerDay: 250, status: 'candidate', fixedCostKrwPerDay: typicalFixedCost(MONACO), note: 'from the stations layer' },
    ]);
    expect(validateModel(m).ok).toBe(true);
    expect(withLayerStations(MONACO, [])).toBe(MONACO);
  });
});

describe('placeLonLat', () => {
  it('reads lonLat, or xy from the origin', () => {
    expect(placeLonLat({}, { lonLat: [1, 2] })).toEqual([1, 2]);
    const ll = placeLonLat({ origin: [7.42, 43.735] }, { xy: [100, 200] })!;
    const back = toLocal(createLocalFrame(7.42, 43.735), ll[0], ll[1]);
    expect(back[0]).toBeCloseTo(100, 6);
    expect(back[1]).toBeCloseTo(200, 6);
    expect(placeLonLat({}, { xy: [1, 2] })).toBeNull();
  });
});

describe('withTrafficDemand', () => {
  it('one zone per station, holding the vehicle-km of the links nearest it; the model solves with it', () => {
    const frame = createLocalFrame(7.42, 43.735);
    const m0 = j(MONACO);
    const pts = m0.stations.map((s) => toLocal(frame, (s['lonLat'] as number[])[0]!, (s['lonLat'] as number[])[1]!));
    // One 1 km link from each station (midpoint 10 m off it), 900 veh/h: 900 × 1 / 0.09 = 10,000 veh-km/day each.
    const coords: number[] = [];
    const offsets = [0];
    for (const [x, y] of pts) {
      coords.push(x - 500, y + 10, x + 500, y + 10);
      offsets.push(offsets.at(-1)! + 2);
    }
    const n = pts.length;
    const links = { polylines: { coords: Float64Array.from(coords), offsets: Int32Array.from(offsets) }, flowsVehPerHour: new Float64Array(n).fill(900), lengthM: new Float64Array(n).fill(1000) } as unknown as Parameters<typeof withTrafficDemand>[1];
    const m = j(withTrafficDemand(MONACO, links, frame));
    const zones = m.demand['zones'] as { id: string; catchmentOf: string; lonLat: number[]; vehKmPerDay: Record<string, number> }[];
    expect(zones).toHaveLength(n);
    expect(m.demand['fcevShare']).toEqual(m0.demand['fcevShare']);
    for (const [i, z] of zones.entries()) {
      expect(z.id).toBe(`catchment:${m0.stations[i]!['id'] as string}`);
      expect(z.catchmentOf).toBe(m0.stations[i]!['id']);
      const total = z.vehKmPerDay['car']! + z.vehKmPerDay['bus']! + z.vehKmPerDay['truck']!;
      expect(total).toBeCloseTo(10_000, 6);
      const [zx, zy] = toLocal(frame, z.lonLat[0]!, z.lonLat[1]!);
      expect(Math.hypot(zx - pts[i]![0], zy - pts[i]![1])).toBeLessThan(1e-3);
    }
    const r = runHydrogen(m, highs, { stationChoice: false });
    expect(r.status).toBe('optimal');
    // Every station gets the same demand (same vehicle-km, same shares).
    const d = r.solution!.stations.map((s) => s.demandKgPerDay);
    for (const v of d) expect(v).toBeCloseTo(d[0]!, 6);
    // The results say whose catchment each zone is, for the panel to name it.
    expect(r.solution!.zones.filter((z) => !z.atStation).map((z) => z.catchmentOf)).toEqual(m0.stations.map((s) => s['id']));
  });
});
