import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ITE_RATES,
  LAND_USE_COUNT,
  LandUse,
  M2_PER_KSF,
  buildDemandZones,
  createDemandModel,
  distribute,
  freeFlowSkim,
  koreaTripRates,
  landUseOf,
  storeysOf,
  tripRates,
} from '../../../../src/core/traffic/demand/index.ts';
import { buildPolygonLayer, createLocalFrame, toLonLat } from '../../../../src/core/geo/index.ts';
import { buildRoadNetwork } from '../../../../src/core/traffic/osm/index.ts';
import { buildDemand } from '../../../../src/core/traffic/assign/index.ts';

const FRAME = createLocalFrame(7.42, 43.73);

/** A rectangular building [x0, x1] × [y0, y1] in local metres. */
function building(x0: number, y0: number, x1: number, y1: number, properties: Record<string, unknown>): object {
  const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => toLonLat(FRAME, x!, y!));
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('land use and trip rates', () => {
  it('classifies by building tag, refines building=yes, and leaves parts out', () => {
    expect(landUseOf({ building: 'apartments' })).toBe(LandUse.residential);
    expect(landUseOf({ building: 'house' })).toBe(LandUse.residential);
    expect(landUseOf({ building: 'office' })).toBe(LandUse.office);
    expect(landUseOf({ building: 'commercial' })).toBe(LandUse.office);
    expect(landUseOf({ building: 'retail' })).toBe(LandUse.retail);
    expect(landUseOf({ building: 'school' })).toBe(LandUse.education);
    expect(landUseOf({ building: 'church' })).toBe(LandUse.other);
    expect(landUseOf({ building: 'hospital' })).toBe(LandUse.other);
    expect(landUseOf({ building: 'roof' })).toBe(LandUse.none);
    expect(landUseOf({ building: 'garage' })).toBe(LandUse.none);
    expect(landUseOf({ building: 'yes' })).toBe(LandUse.unknown);
    expect(landUseOf({})).toBe(LandUse.unknown);
    expect(landUseOf({ building: 'yes', shop: 'bakery' })).toBe(LandUse.retail);
    expect(landUseOf({ building: 'yes', office: 'company' })).toBe(LandUse.office);
    expect(landUseOf({ building: 'yes', amenity: 'school' })).toBe(LandUse.education);
    expect(landUseOf({ 'building:part': 'yes' })).toBe(-1);
    expect(landUseOf({ building: 'no' })).toBe(-1);
    expect(landUseOf({ building: 'yes', 'building:part': 'yes' })).toBe(LandUse.unknown);
  });

  it('converts ITE rates to trip ends per 100 m² with the stated conversions', () => {
    const r = tripRates();
    // ITE 710: 1.15 trips per 1,000 sq ft, 16% entering.
    expect(r.production[LandUse.office]).toBeCloseTo(((1.15 * 100) / M2_PER_KSF) * 0.84, 12);
    expect(r.attraction[LandUse.office]).toBeCloseTo(((1.15 * 100) / M2_PER_KSF) * 0.16, 12);
    // ITE 221: 0.44 trips per dwelling unit of 100 m², 61% entering.
    expect(r.production[LandUse.residential]).toBeCloseTo(0.44 * 0.39, 12);
    expect(r.attraction[LandUse.residential]).toBeCloseTo(0.44 * 0.61, 12);
    // building=yes: half residential, half office.
    expect(r.production[LandUse.unknown]).toBeCloseTo((r.production[LandUse.residential]! + r.production[LandUse.office]!) / 2, 12);
    expect(r.production[LandUse.none]).toBe(0);
    const big = tripRates(200, 1);
    expect(big.production[LandUse.unknown]).toBeCloseTo(0.22 * 0.39, 12);
    expect(ITE_RATES.every((row) => row.entering > 0 && row.entering < 1 && row.rate > 0)).toBe(true);
    expect(() => tripRates(0)).toThrow(RangeError);
  });

  it('storeys are height / 3 m rounded, at least one', () => {
    expect(storeysOf(9, 0)).toBe(3);
    expect(storeysOf(10, 0)).toBe(3);
    expect(storeysOf(11, 0)).toBe(4);
    expect(storeysOf(2, 0)).toBe(1);
    expect(storeysOf(30, 15)).toBe(5);
  });
});

describe('grid zones', () => {
  // Two buildings in cell (0, 0) of a 250 m grid, one in cell (1, 0), one in cell (0, -1), and a part.
  const features = [
    building(10, 10, 30, 20, { building: 'apartments', 'building:levels': '4' }), // 200 m² × 4
    building(100, 100, 110, 130, { building: 'office', height: '30' }), // 300 m² × 10
    building(300, 50, 320, 60, { building: 'retail', 'building:levels': '1' }), // 200 m² × 1
    building(50, -40, 60, -30, { building: 'roof' }), // 100 m² × 1 (estimated 3 m)
    building(12, 12, 20, 18, { 'building:part': 'yes', 'building:levels': '9' }),
  ];
  const layer = buildPolygonLayer(features, { frame: FRAME });
  const z = buildDemandZones(features, { frame: FRAME, layer });

  it('makes a zone per occupied cell, ordered south to north, west to east', () => {
    expect(z.numZones).toBe(3);
    expect(Array.from(z.cellX)).toEqual([0, 0, 1]);
    expect(Array.from(z.cellY)).toEqual([-1, 0, 0]);
    expect(Array.from(z.buildingZone)).toEqual([1, 1, 2, 0, -1]);
    expect(z.stats.parts).toBe(1);
    expect(z.stats.used).toBe(4);
  });

  it('floor area = footprint × storeys, by land use; centroid weighted by floor area', () => {
    const fa = (zone: number, use: number): number => z.floorArea[zone * LAND_USE_COUNT + use]!;
    expect(fa(1, LandUse.residential)).toBeCloseTo(800, 2);
    expect(fa(1, LandUse.office)).toBeCloseTo(3000, 2);
    expect(fa(2, LandUse.retail)).toBeCloseTo(200, 2);
    expect(fa(0, LandUse.none)).toBeCloseTo(100, 2);
    expect(z.stats.totalFloorArea).toBeCloseTo(4100, 1);
    const c = layer.features.center;
    const w0 = z.buildingFloorArea[0]!;
    const w1 = z.buildingFloorArea[1]!;
    expect(z.centroid[2]).toBeCloseTo((w0 * c[0]! + w1 * c[2]!) / (w0 + w1), 6);
    expect(z.centroid[3]).toBeCloseTo((w0 * c[1]! + w1 * c[3]!) / (w0 + w1), 6);
  });

  it('trip ends are floor area / 100 × rate', () => {
    const r = tripRates();
    const p1 = (z.buildingFloorArea[0]! / 100) * r.production[LandUse.residential]! + (z.buildingFloorArea[1]! / 100) * r.production[LandUse.office]!;
    expect(z.productions[1]).toBeCloseTo(p1, 9);
    expect(z.attractions[2]).toBeCloseTo((z.buildingFloorArea[2]! / 100) * r.attraction[LandUse.retail]!, 9);
    expect(z.productions[0]).toBe(0);
    expect(z.assumptions.find((a) => a.key === 'rates.office')?.source).toContain('ITE 710');
  });

  it('commuter trip ends: office and other land uses (and the office half of building=yes), not homes or shops', () => {
    const r = tripRates();
    expect(z.workProductions[1]).toBeCloseTo((z.buildingFloorArea[1]! / 100) * r.production[LandUse.office]!, 9);
    expect(z.workAttractions[1]).toBeCloseTo((z.buildingFloorArea[1]! / 100) * r.attraction[LandUse.office]!, 9);
    expect(z.workProductions[2]).toBe(0);
    const untyped = buildDemandZones([building(10, 10, 30, 20, { building: 'yes' })], { frame: FRAME });
    const h = untyped.buildingFloorArea[0]! / 100;
    expect(untyped.workProductions[0]).toBeCloseTo(h * 0.5 * r.production[LandUse.office]!, 9);
    expect(untyped.productions[0]).toBeCloseTo(h * r.production[LandUse.unknown]!, 9);
  });

  it("tripMethod 'korea' uses person trips × car share ÷ occupancy and lists its figures", () => {
    const k = buildDemandZones(features, { frame: FRAME, layer, tripMethod: 'korea' });
    const r = koreaTripRates();
    expect(k.tripMethod).toBe('korea');
    expect(k.attractions[2]).toBeCloseTo((k.buildingFloorArea[2]! / 100) * r.attraction[LandUse.retail]!, 9);
    expect(k.assumptions.find((a) => a.key === 'korea.carShare')?.value).toBe(0.241);
    expect(k.assumptions.find((a) => a.key === 'rates.method')?.value).toContain('korea');
    const half = buildDemandZones(features, { frame: FRAME, layer, tripMethod: 'korea', korea: { carShare: 0.1205 } });
    expect(half.productions[1]! / k.productions[1]!).toBeCloseTo(0.5, 12);
    expect(() => buildDemandZones(features, { frame: FRAME, layer, tripMethod: 'us' as 'ite' })).toThrow(RangeError);
  });

  it('cell size is a parameter', () => {
    expect(buildDemandZones(features, { frame: FRAME, layer, cellSizeM: 1000 }).numZones).toBe(2);
    expect(() => buildDemandZones(features, { frame: FRAME, layer, cellSizeM: 0 })).toThrow(RangeError);
  });
});

const asset = (name: string): unknown[] =>
  (JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../assets/city/monaco/${name}.geojson`, import.meta.url)), 'utf8')) as { features: unknown[] }).features;

describe('Monaco buildings -> PM-peak trip table (golden)', () => {
  const roads = asset('roads');
  const buildings = asset('buildings');
  const frame = buildRoadNetwork(roads).frame;
  const run = () => {
    const zones = buildDemandZones(buildings, { frame });
    const rn = buildRoadNetwork(roads, { frame, zones: zones.centroid });
    const cost = freeFlowSkim(rn.network);
    return { zones, rn, cost, table: distribute(createDemandModel(zones, cost)) };
  };
  const { zones, rn, cost, table } = run();

  it('zones and floor area', () => {
    expect(zones.numZones).toBe(58);
    expect(zones.stats.used).toBe(1219);
    expect(zones.stats.parts).toBe(13);
    expect(zones.stats.totalFloorArea).toBeCloseTo(3_160_958.04, 1);
    expect(zones.stats.floorAreaByUse.unknown).toBeCloseTo(2_158_041.22, 1);
  });

  it('connectors and costs: every zone reaches every other', () => {
    expect(rn.stats.connectors).toBe(4 * 58);
    expect(rn.stats.maxConnectorLength).toBeCloseTo(178.804, 2);
    let max = 0;
    for (const c of cost) max = Math.max(max, c);
    expect(Number.isFinite(max)).toBe(true);
    expect(max).toBeCloseTo(10.104, 3);
  });

  it('total trips, balancing and the traffic form', () => {
    expect(zones.stats.productions).toBeCloseTo(16_067.005, 2);
    expect(zones.stats.attractions).toBeCloseTo(7_104.692, 2);
    // Was 11,585.848 (the mean of 16,067 and 7,105): now balanced to the attractions' total.
    expect(table.total).toBeCloseTo(7_104.692, 2);
    expect(table.converged).toBe(true);
    expect(table.trips.destination.length).toBe(3306);
    let worst = 0;
    for (let i = 0; i < 58; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < 58; j++) {
        r += table.matrix[i * 58 + j]!;
        c += table.matrix[j * 58 + i]!;
      }
      worst = Math.max(worst, Math.abs(r - table.productions[i]!) / table.productions[i]!, Math.abs(c - table.attractions[i]!) / table.attractions[i]!);
    }
    expect(worst).toBeLessThan(1e-9);
    const demand = buildDemand(table.trips, rn.network);
    expect(demand.total).toBeCloseTo(table.total, 6);
    expect(demand.origins.length).toBe(58);
  });

  it('same input, identical bytes', () => {
    const again = run();
    expect(Buffer.from(again.table.matrix.buffer).equals(Buffer.from(table.matrix.buffer))).toBe(true);
    expect(Buffer.from(again.zones.centroid.buffer).equals(Buffer.from(zones.centroid.buffer))).toBe(true);
    expect(again.table.assumptions).toEqual(table.assumptions);
  });
});
