import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPolygonLayer, parseGeoJson } from '../../../../src/core/geo/index.ts';
import {
  BUILDING_USE_KEYS,
  CarbonInputError,
  PolygonSetBuilder,
  aggregateToGrid,
  buildingUseOf,
  buildingsFromLayer,
  computeCarbon,
  frameForFeatures,
  greenFromLocal,
  landCoverIndex,
  landCoverOf,
  readBuildings,
  readGreen,
  readRoads,
} from '../../../../src/core/carbon/model/index.ts';
import type { BuildingTable, CarbonInputs, FactorOverrides, GreenTable, RoadLinkTable } from '../../../../src/core/carbon/model/index.ts';

const use = (key: string): number => (BUILDING_USE_KEYS as readonly string[]).indexOf(key);

/** Two buildings, one 1 km road and a 1 ha park, in local metres. */
function smallCity(): { buildings: BuildingTable; roads: RoadLinkTable; green: GreenTable } {
  const buildings: BuildingTable = {
    count: 2,
    included: Uint8Array.of(1, 1),
    footprint: Float64Array.of(200, 100),
    storeys: Float64Array.of(10, 5),
    use: Uint8Array.of(use('apartment'), use('office')),
    x: Float64Array.of(30, 150),
    y: Float64Array.of(20, 60),
  };
  const roads: RoadLinkTable = {
    count: 1,
    start: Int32Array.of(0, 2),
    xy: Float64Array.of(0, 150, 1000, 150),
    flow: Float64Array.of(90),
    speed: Float64Array.of(50),
    feature: Int32Array.of(0),
  };
  const green = greenFromLocal([[[400, 0, 500, 0, 500, 100, 400, 100]]], 'park');
  return { buildings, roads, green };
}

/** Round factors so the hand computation is simple. */
const ROUND: FactorOverrides = {
  eui: { apartment: 100, office: 200 },
  carrierSplit: {
    apartment: { electricity: 1, gas: 0, districtHeat: 0 },
    office: { electricity: 0.5, gas: 0.5, districtHeat: 0 },
  },
  gridTPerMWh: 0.5,
  gasTPerMWh: 0.2,
  fleetMix: { car_petrol: 1 },
  sinkTPerHa: { park: 5 },
};

describe('carbon model: a hand-computed small city', () => {
  it('gives the exact tonnes per sector', () => {
    const r = computeCarbon({ ...smallCity(), factors: ROUND });
    // Building A: 200 m² × 10 storeys × 100 kWh/m² = 200 MWh, all electricity × 0.5 t/MWh = 100 t.
    // Building B: 100 m² × 5 storeys × 200 kWh/m² = 100 MWh: 50 MWh × 0.5 + 50 MWh × 0.2 = 35 t.
    expect(r.buildings!.t[0]).toBeCloseTo(100, 12);
    expect(r.buildings!.t[1]).toBeCloseTo(35, 12);
    expect(r.totals.buildings).toBeCloseTo(135, 12);
    // Road: 90 veh/h × 1 km / 0.09 × 365 = 365,000 veh-km; petrol car at 50 km/h burns
    // (136 − 1.65·50 + 0.0312·50²) / (1 + 0.026·50 + 0.000228·50²) = 131.5 / 2.87 g/km of petrol,
    // × 69,300 kg/TJ × 44.3 MJ/kg = 3.06999 g CO2 per g.
    const vehKm = 90 * 1 * (365 / 0.09);
    expect(r.roads!.vehKm[0]).toBeCloseTo(365_000, 6);
    const ttw = (vehKm * (131.5 / 2.87) * 3.06999) / 1e6;
    expect(r.totals.transportTtw).toBeCloseTo(ttw, 9);
    expect(r.totals.transportTtw).toBeCloseTo(51.342, 3);
    // Well-to-wheel: litres (÷ 0.745 kg/L) × 2.79 kg CO2e/L.
    expect(r.totals.transportWtw).toBeCloseTo((vehKm * (131.5 / 2.87 / 745) * 2.79) / 1000, 9);
    expect(r.totals.transport).toBe(r.totals.transportTtw);
    // Park: 1 ha × 5 t/ha = 5 t absorbed.
    expect(r.totals.sinks).toBeCloseTo(-5, 9);
    expect(r.totals.net).toBeCloseTo(135 + ttw - 5, 9);
    expect(r.counts.buildings).toBe(2);
    expect(r.counts.floorAreaM2).toBe(2500);
    expect(r.counts.greenAreaHa).toBeCloseTo(1, 12);
  });

  it('puts the small city on a 100 m grid cell by cell', () => {
    const r = computeCarbon({ ...smallCity(), factors: ROUND });
    const g = aggregateToGrid(r, 100);
    expect(g.spec).toEqual({ originX: 0, originY: 0, cellSize: 100, nx: 11, ny: 2 });
    const b = g.attributes.buildings.value;
    expect(b[0]).toBeCloseTo(100, 12); // building A at (30, 20)
    expect(b[1]).toBeCloseTo(35, 12); // building B at (150, 60)
    const t = g.attributes.transport.value;
    for (let ix = 0; ix < 10; ix++) expect(t[11 + ix]).toBeCloseTo(r.totals.transport / 10, 12); // 100 m in each cell of row 1
    expect(t[11 + 10]).toBe(0);
    expect(g.attributes.sinks.value[4]).toBeCloseTo(-5, 12); // the park fills cell (4, 0)
    expect(g.nonEmptyCells).toBe(13);
    expect(g.totals.net).toBeCloseTo(r.totals.net, 9);
  });

  it('uses the cited defaults when nothing is overridden', () => {
    const r = computeCarbon(smallCity());
    // Gas on gross calorific value: 0.20196 t/MWh (NCV) × 0.9 = 0.181764 t/MWh.
    // Apartment, central region: 2000 m² × 136 kWh/m² = 272 MWh × (0.37 × 0.4173 + 0.53 × 0.181764 + 0.10 × 0.1293696).
    expect(r.buildings!.t[0]).toBeCloseTo(272 * (0.37 * 0.4173 + 0.53 * 0.181764 + 0.1 * 0.1293696), 9);
    // Office: 500 m² × 159 kWh/m² = 79.5 MWh × (0.72 × 0.4173 + 0.23 × 0.181764 + 0.05 × 0.1293696).
    expect(r.buildings!.t[1]).toBeCloseTo(79.5 * (0.72 * 0.4173 + 0.23 * 0.181764 + 0.05 * 0.1293696), 9);
    // Park: 40 % crown cover × 2.9 t C/ha × 44/12.
    expect(r.totals.sinks).toBeCloseTo(-0.4 * 2.9 * (44 / 12), 9);
    const south = computeCarbon({ ...smallCity(), factors: { region: 'south' } });
    expect(south.buildings!.t[0]).toBeCloseTo((r.buildings!.t[0]! * 111) / 136, 9);
    // Monaco's profile: south region, French grid 0.055 t/MWh.
    const mc = computeCarbon({ ...smallCity(), factors: { profile: 'MC' } });
    expect(mc.buildings!.t[0]).toBeCloseTo(2000 * 0.111 * (0.37 * 0.055 + 0.53 * 0.181764 + 0.1 * 0.1293696), 9);
    expect(() => computeCarbon({ ...smallCity(), factors: { profile: 'XX' as 'KR' } })).toThrow(/profile must be one of KR, MC, got 'XX'/);
  });
});

describe('carbon model: what-ifs move the right way', () => {
  const base = computeCarbon(smallCity());

  it('more EV share gives less tank-to-wheel CO2', () => {
    const ev = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_bev: 0.3 } } });
    expect(ev.totals.transportTtw).toBeLessThan(base.totals.transportTtw);
    const more = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_bev: 0.6 } } });
    expect(more.totals.transportTtw).toBeLessThan(ev.totals.transportTtw);
    const fcev = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_bev: 0.3, car_fcev: 0.1 } } });
    expect(fcev.totals.transportTtw).toBeLessThan(ev.totals.transportTtw);
    expect(ev.totals.buildings).toBe(base.totals.buildings);
  });

  it('more green gives more absorption', () => {
    const extraGreen = greenFromLocal([[[0, 200, 200, 200, 200, 300, 0, 300]]], 'forest');
    const greener = computeCarbon({ ...smallCity(), scenario: { extraGreen } });
    expect(greener.totals.sinks).toBeLessThan(base.totals.sinks);
    // 2 ha of forest at the National Institute of Forest Science's 30-year pine figure, 10.8 t CO2/ha·yr.
    expect(greener.totals.sinks - base.totals.sinks).toBeCloseTo(-2 * 10.8, 9);
    expect(greener.green!.cover.length).toBe(2);
  });

  it('grid decarbonisation gives less building CO2 (and less well-to-wheel EV CO2)', () => {
    const clean = computeCarbon({ ...smallCity(), scenario: { gridTPerMWh: 0.2 } });
    expect(clean.totals.buildings).toBeLessThan(base.totals.buildings);
    const evBase = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_bev: 0.5 } } });
    const evClean = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_bev: 0.5 }, gridTPerMWh: 0.2 } });
    expect(evClean.totals.transportWtw).toBeLessThan(evBase.totals.transportWtw);
    expect(evClean.totals.transportTtw).toBeCloseTo(evBase.totals.transportTtw, 12);
  });

  it('a retrofit cuts EUI only inside its district polygon', () => {
    const b = new PolygonSetBuilder();
    b.addFeature([[[0, 0, 100, 0, 100, 100, 0, 100]]]); // contains building A only
    const retro = computeCarbon({ ...smallCity(), scenario: { retrofits: [{ area: b.finish(), reduction: 0.2 }] } });
    expect(retro.buildings!.t[0]).toBeCloseTo(base.buildings!.t[0]! * 0.8, 9);
    expect(retro.buildings!.t[1]).toBe(base.buildings!.t[1]);
    expect(retro.buildings!.energyMWh[0]).toBeCloseTo(272 * 0.8, 9);
  });

  it('a better hydrogen supply lowers fuel-cell well-to-wheel CO2', () => {
    const grey = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_fcev: 0.5 } } });
    const green = computeCarbon({ ...smallCity(), scenario: { fleetShift: { car_fcev: 0.5 }, hydrogenKgPerKg: 2.9 } });
    expect(green.totals.transportWtw).toBeLessThan(grey.totals.transportWtw);
  });
});

describe('carbon model: bad inputs', () => {
  it('fails with clear messages', () => {
    const city = smallCity();
    const bad = (inputs: CarbonInputs): (() => unknown) => () => computeCarbon(inputs);
    expect(bad({ ...city, factors: { fleetMix: { car_petrol: 0.6, car_diesel: 0.3 } } })).toThrow(/fleet mix shares must sum to 1, got 0\.9/);
    expect(bad({ ...city, scenario: { fleetShift: { car_bev: 1.5 } } })).toThrow(/at most 1/);
    expect(bad({ ...city, factors: { eui: { apartment: -1 } } })).toThrow(/EUI of apartment must be a finite number >= 0/);
    expect(bad({ ...city, roads: { ...city.roads, flow: Float64Array.of(-5) } })).toThrow(/road link 0: flow must be a finite number >= 0 veh\/h, got -5/);
    expect(bad({ ...city, roads: { ...city.roads, speed: Float64Array.of(0) } })).toThrow(/speed must be a finite number > 0/);
    expect(bad({ ...city, buildings: { ...city.buildings, footprint: Float64Array.of(-1, 2) } })).toThrow(/building 0: footprint and storeys must be >= 0/);
    expect(bad({ ...city, buildings: { ...city.buildings, storeys: Float64Array.of(1) } })).toThrow(/buildings.storeys has 1 values, expected 2/);
    const area = new PolygonSetBuilder();
    area.addFeature([[[0, 0, 1, 0, 1, 1]]]);
    expect(bad({ ...city, scenario: { retrofits: [{ area: area.finish(), reduction: 1.5 }] } })).toThrow(/retrofit reduction must be between 0 and 1/);
    expect(bad({ ...city, factors: { fleetMix: { car_petrol: 1 } }, scenario: { gridTPerMWh: -0.1 } })).toThrow(CarbonInputError);
    expect(() => aggregateToGrid(computeCarbon(city), 0)).toThrow(/cell size must be a number > 0 m/);
  });
});

describe('carbon inputs from GeoJSON', () => {
  const dir = fileURLToPath(new URL('../../../../assets/city/monaco/', import.meta.url));
  const load = (name: string): readonly unknown[] => parseGeoJson(readFileSync(`${dir}${name}.geojson`, 'utf8')).features;

  it('reads Monaco buildings, roads and green areas', () => {
    const b = load('buildings');
    const r = load('roads');
    const g = load('green');
    const frame = frameForFeatures(b, r, g);
    const bt = readBuildings(b, frame);
    expect(bt.skipped).toEqual([]);
    expect(bt.table.count).toBe(1232);
    let included = 0;
    for (let i = 0; i < bt.table.count; i++) included += bt.table.included[i]!;
    expect(included).toBeGreaterThan(1200); // building:part-only features are left out
    expect(included).toBeLessThan(1232);
    const rt = readRoads(r, frame);
    expect(rt.carRoads).toBeGreaterThan(500);
    expect(rt.table.count).toBe(rt.carRoads);
    const gt = readGreen(g, frame);
    expect(gt.table.polygons.count).toBe(67);
  });

  it('reuses a polygon layer geo has built: same footprints and storeys as reading the GeoJSON', () => {
    const b = load('buildings').slice(0, 200);
    const frame = frameForFeatures(b);
    const layer = buildPolygonLayer(b, { frame });
    const fromLayer = buildingsFromLayer(layer, b);
    const read = readBuildings(b, frame).table;
    for (let i = 0; i < 200; i++) {
      expect(fromLayer.included[i]).toBe(read.included[i]);
      expect(fromLayer.use[i]).toBe(read.use[i]);
      expect(Math.abs(fromLayer.footprint[i]! - read.footprint[i]!)).toBeLessThan(1e-3 * Math.max(1, read.footprint[i]!));
      expect(fromLayer.storeys[i]).toBeCloseTo(read.storeys[i]!, 5);
    }
    const a = computeCarbon({ buildings: fromLayer });
    const c = computeCarbon({ buildings: read });
    expect(Math.abs(a.totals.buildings - c.totals.buildings) / c.totals.buildings).toBeLessThan(1e-5);
  });

  it('maps tags to uses and land covers', () => {
    expect(buildingUseOf({ building: 'apartments' })).toBe('apartment');
    expect(buildingUseOf({ building: 'yes' })).toBe('mixed');
    expect(buildingUseOf({ building: 'yes', amenity: 'school' })).toBe('education');
    expect(buildingUseOf({ building: 'roof' })).toBe('unconditioned');
    expect(buildingUseOf({ building: 'yes', use: 'office' })).toBe('office');
    expect(landCoverOf({ natural: 'wood' })).toBe('forest');
    expect(landCoverOf({ leisure: 'park' })).toBe('park');
    expect(landCoverOf({ leisure: 'pitch' })).toBe('grass');
    expect(landCoverOf({ landcover: 'garden' })).toBe('garden');
    expect(landCoverOf({})).toBe('other');
    expect(landCoverIndex('park')).toBe(1);
  });

  it('gives flows and speeds from traffic results when given, and checks them', () => {
    const features = [
      { type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[7.42, 43.73], [7.421, 43.73]] } },
      { type: 'Feature', properties: { highway: 'footway' }, geometry: { type: 'LineString', coordinates: [[7.42, 43.731], [7.421, 43.731]] } },
    ];
    const frame = frameForFeatures(features);
    const withFlows = readRoads(features, frame, { flows: [1200, 0], speeds: [35, 5] });
    expect(withFlows.table.count).toBe(2);
    expect(Array.from(withFlows.table.flow)).toEqual([1200, 0]);
    expect(withFlows.table.flowBasis).toBe('peak-hour');
    const defaults = readRoads(features, frame);
    expect(defaults.table.count).toBe(1); // the footway carries no cars
    expect(defaults.table.flowBasis).toBe('daily');
    expect(defaults.table.flow[0]).toBe(17_000); // an urban principal arterial's typical AADT, both ways
    expect(defaults.table.speed[0]).toBe(80); // untagged primary, no profile: MATSim's class default
    // Korea's profile caps an untagged primary at its 50 km/h limit (× 0.9 below 51 km/h, as a tagged one).
    const kr = readRoads(features, frame, { speedLimits: { primary: 50 } });
    expect(kr.table.speed[0]).toBeCloseTo(45, 12);
    expect(readRoads(features, frame, { fallback: 'none' }).table.count).toBe(0);
    expect(() => readRoads(features, frame, { flows: [1] })).toThrow(/flows has 1 values for 2 road features/);
    expect(() => readRoads(features, frame, { flows: [-1, 0] })).toThrow(/flow must be a finite number >= 0/);
  });

  it('without an assignment: daily volume by road class, half on a one-way carriageway, none on service ways', () => {
    const line = (props: Record<string, unknown>, lat: number) => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'LineString', coordinates: [[7.42, lat], [7.421, lat]] },
    });
    const features = [
      line({ highway: 'secondary', oneway: 'yes', maxspeed: '50 km/h' }, 43.73),
      line({ highway: 'residential' }, 43.731),
      line({ highway: 'service' }, 43.732),
      line({ highway: 'tertiary', motor_vehicle: 'no' }, 43.733),
    ];
    const frame = frameForFeatures(features);
    const r = readRoads(features, frame);
    expect(r.carRoads).toBe(3); // the tertiary closed to motor vehicles is not a car road
    expect(Array.from(r.table.feature)).toEqual([0, 1, 2]);
    expect(Array.from(r.table.flow)).toEqual([8_500 / 2, 80, 0]);
    expect(r.table.speed[0]).toBeCloseTo(45, 12); // "50 km/h" is read (× 0.9 below 51 km/h, as the traffic network reads it)
    expect(r.table.speed[1]).toBe(15);
    // A year of vehicle-km: daily volume × length × 365.
    const c = computeCarbon({ roads: r.table });
    const km = (i: number) => c.roads!.length[i]! / 1000;
    expect(c.roads!.vehKm[0]).toBeCloseTo(4_250 * km(0) * 365, 6);
    expect(c.roads!.vehKm[2]).toBe(0);
  });
});
