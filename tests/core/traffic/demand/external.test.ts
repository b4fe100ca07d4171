import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMUTER_SHARE,
  KOREA_DEFAULTS,
  LandUse,
  externalTotals,
  findGates,
  koreaTripRates,
  tripRates,
} from '../../../../src/core/traffic/demand/index.ts';
import { createLocalFrame, toLonLat } from '../../../../src/core/geo/index.ts';

const FRAME = createLocalFrame(7.42, 43.73);
const road = (props: Record<string, unknown>, ...pts: Array<[number, number]>): object => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => toLonLat(FRAME, x, y)) },
});

/**
 * A 1 km square town: a residential ring road (vertices where the other roads join), buildings inside.
 * Roads leaving it: a two-way primary west (gate), a 4-lane two-way secondary north (gate), a one-way
 * primary pair east 50 m apart (one gate), a residential road south (not a gate class), and a primary
 * spur that dead-ends inside the ring (not at the edge).
 */
const roads = [
  road({ highway: 'residential' }, [0, 0], [500, 0], [1000, 0], [1000, 400], [1000, 450], [1000, 1000], [500, 1000], [0, 1000], [0, 500], [0, 0]),
  road({ highway: 'primary', name: 'West Road' }, [0, 500], [-300, 500]),
  road({ highway: 'secondary', lanes: '4', name: 'North Road' }, [500, 1000], [500, 1300]),
  road({ highway: 'primary', oneway: 'yes', name: 'East Out' }, [1000, 400], [1300, 400]),
  road({ highway: 'primary', oneway: 'yes', name: 'East In' }, [1300, 450], [1000, 450]),
  road({ highway: 'primary', name: 'Spur' }, [500, 0], [500, 400]),
  road({ highway: 'residential', name: 'South Lane' }, [500, 0], [500, -300]),
];
const points: number[] = [];
for (let x = 50; x < 1000; x += 100) for (let y = 50; y < 1000; y += 100) points.push(x, y);

describe('gates: main roads that leave the data', () => {
  const found = findGates(roads, FRAME, { dataPoints: points });

  it('finds the west, north and east gates (east carriageways merged), not the inner spur or the lane', () => {
    // Dead ends of gate classes: West (-300,500), North (500,1300), East Out end, East In start, Spur end.
    expect(found.deadEnds).toBe(5);
    expect(found.atEdge).toBe(4);
    expect(found.gates.map((g) => g.name)).toEqual(['West Road', 'North Road', 'East Out']);
    expect(found.gates.map((g) => g.members.length)).toEqual([1, 1, 2]);
    // Capacity: primary two-way 2 × 1,500; secondary 4 lanes × 800; two one-way primaries 1 × 1,500 each.
    expect(found.gates.map((g) => g.capacity)).toEqual([3000, 3200, 3000]);
    const east = found.gates[2]!;
    expect(east.x).toBeCloseTo(1300, 6);
    expect(east.y).toBeCloseTo(425, 6);
  });

  it('the class set and the merge distance are options', () => {
    expect(findGates(roads, FRAME, { dataPoints: points, gateClasses: ['secondary'] }).gates.map((g) => g.name)).toEqual(['North Road']);
    expect(findGates(roads, FRAME, { dataPoints: points, mergeDistanceM: 10 }).gates.length).toBe(4);
    expect(findGates(roads, FRAME, { dataPoints: points, gateClasses: [...['residential']] }).gates.map((g) => g.name)).toEqual(['South Lane']);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(findGates(roads, FRAME, { dataPoints: points }))).toBe(JSON.stringify(found));
  });

  it('splits commuter trip ends and gate shares as documented', () => {
    const t = externalTotals(Float64Array.from([100, 0]), Float64Array.from([20, 40]), found.gates, { commuterShare: 0.5, throughShare: 0.1 });
    expect(Array.from(t.outbound)).toEqual([50, 0]);
    expect(Array.from(t.inbound)).toEqual([10, 20]);
    expect(Array.from(t.gateShare)).toEqual([3000 / 9200, 3200 / 9200, 3000 / 9200]);
    expect(t.throughShare).toBe(0.1);
    const none = externalTotals(Float64Array.from([100]), Float64Array.from([20]), []);
    expect(Array.from(none.outbound)).toEqual([0]);
    expect(DEFAULT_COMMUTER_SHARE).toBe(0.89);
    expect(() => externalTotals(new Float64Array(1), new Float64Array(1), found.gates, { commuterShare: 2 })).toThrow(RangeError);
  });
});

describe('Korean practice: person trips × car share ÷ occupancy', () => {
  it('residential: 2.3 persons per 100 m² dwelling × 1.68 trips × 10 % × 24.1 % ÷ 1.22, ITE 221 split', () => {
    const r = koreaTripRates();
    const veh = (2.3 * 1.68 * 0.1 * 0.241) / 1.22;
    expect(r.production[LandUse.residential]).toBeCloseTo(veh * 0.39, 12);
    expect(r.attraction[LandUse.residential]).toBeCloseTo(veh * 0.61, 12);
    // Office: 100 / 20 m² = 5 jobs × 2.5 trip ends × 10 % × 24.1 % ÷ 1.22, ITE 710 split (16 % in).
    const office = (5 * 2.5 * 0.1 * 0.241) / 1.22;
    expect(r.production[LandUse.office]).toBeCloseTo(office * 0.84, 12);
    expect(r.attraction[LandUse.office]).toBeCloseTo(office * 0.16, 12);
    expect(r.production[LandUse.none]).toBe(0);
    // A higher car share scales every rate in proportion.
    const more = koreaTripRates(100, 0.5, { ...KOREA_DEFAULTS, carShare: 0.482 });
    expect(more.production[LandUse.retail]! / r.production[LandUse.retail]!).toBeCloseTo(2, 12);
    // Far below the US suburban ITE rates for the same floor area.
    expect(r.attraction[LandUse.residential]!).toBeLessThan(tripRates().attraction[LandUse.residential]! / 4);
    expect(() => koreaTripRates(100, 0.5, { ...KOREA_DEFAULTS, occupancy: 0.5 })).toThrow(RangeError);
  });
});
