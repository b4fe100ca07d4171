import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGeoJson, toLocal } from '../../../../src/core/geo/index.ts';
import { seededRandom, syntheticCity } from '../../../../src/core/synthetic/index.ts';
import { syntheticCarbonInputs } from '../../../../src/core/synthetic/carbon.ts';
import {
  CELL_SIZES_M,
  aggregateToDistricts,
  aggregateToGrid,
  computeCarbon,
  frameForFeatures,
  greenFromLocal,
  gridSpecFor,
  gridToGeoJson,
  readBuildings,
  readGreen,
  readPolygonSet,
  readRoads,
  splitSegmentOverGrid,
} from '../../../../src/core/carbon/model/index.ts';
import type { CarbonResult, GreenTable, RoadLinkTable } from '../../../../src/core/carbon/model/index.ts';

const dir = fileURLToPath(new URL('../../../../assets/city/monaco/', import.meta.url));
const load = (name: string): readonly unknown[] => parseGeoJson(readFileSync(`${dir}${name}.geojson`, 'utf8')).features;
const features = { buildings: load('buildings'), roads: load('roads'), green: load('green'), admin: load('admin') };
const frame = frameForFeatures(features.buildings, features.roads, features.green);

function monaco(): CarbonResult {
  return computeCarbon({
    buildings: readBuildings(features.buildings, frame).table,
    roads: readRoads(features.roads, frame).table,
    green: readGreen(features.green, frame).table,
  });
}

const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

function expectConserved(r: CarbonResult, cell: number): void {
  const g = aggregateToGrid(r, cell);
  // The grid's own totals, and independent sums over its arrays, equal the model totals.
  expect(rel(g.totals.buildings, r.totals.buildings), `buildings at ${cell} m`).toBeLessThan(1e-9);
  expect(rel(g.totals.transport, r.totals.transport), `transport at ${cell} m`).toBeLessThan(1e-9);
  expect(rel(g.totals.sinks, r.totals.sinks), `sinks at ${cell} m`).toBeLessThan(1e-9);
  expect(rel(g.totals.net, r.totals.net), `net at ${cell} m`).toBeLessThan(1e-9);
  let net = 0;
  for (const v of g.attributes.net.value) net += v;
  expect(rel(net, r.totals.net)).toBeLessThan(1e-9);
  for (let i = 0; i < g.length; i++) {
    expect(g.attributes.net.value[i]).toBe(g.attributes.buildings.value[i]! + g.attributes.transport.value[i]! + g.attributes.sinks.value[i]!);
  }
}

describe('carbon grid: conservation', () => {
  const r = monaco();

  it('Monaco cells sum to the totals at 25, 50, 100, 250 and 500 m (and odd sizes)', () => {
    expect(r.totals.buildings).toBeGreaterThan(0);
    expect(r.totals.transport).toBeGreaterThan(0);
    expect(r.totals.sinks).toBeLessThan(0);
    for (const cell of [...CELL_SIZES_M, 37, 1000, 5000]) expectConserved(r, cell);
  });

  it('a random synthetic city conserves too (links and parks crossing many cells)', () => {
    const city = syntheticCity({ buildings: 3000, seed: 5 });
    const fr = frameForFeatures(city.features);
    const buildings = readBuildings(city.features, fr).table;
    const rand = seededRandom(11);
    const L = 400;
    const xy = new Float64Array(L * 6);
    for (let i = 0; i < xy.length; i++) xy[i] = (rand() - 0.5) * 1200;
    const roads: RoadLinkTable = {
      count: L,
      start: Int32Array.from({ length: L + 1 }, (_, l) => 3 * l),
      xy,
      flow: Float64Array.from({ length: L }, () => rand() * 1500),
      speed: Float64Array.from({ length: L }, () => 5 + rand() * 80),
      feature: Int32Array.from({ length: L }, (_, l) => l),
    };
    const rings: number[][][] = [];
    for (let k = 0; k < 60; k++) {
      const cx = (rand() - 0.5) * 1000, cy = (rand() - 0.5) * 1000, rr = 10 + rand() * 200;
      const outer: number[] = [];
      const hole: number[] = [];
      for (let j = 0; j < 17; j++) {
        const a = (j / 17) * 2 * Math.PI;
        const w = 0.6 + 0.4 * Math.sin(5 * a); // concave star
        outer.push(cx + Math.cos(a) * rr * w, cy + Math.sin(a) * rr * w);
        hole.push(cx + Math.cos(-a) * rr * 0.1, cy + Math.sin(-a) * rr * 0.1);
      }
      rings.push([outer, hole]);
    }
    const green: GreenTable = greenFromLocal(rings, 'forest');
    const res = computeCarbon({ buildings, roads, green });
    for (const cell of CELL_SIZES_M) expectConserved(res, cell);
  });

  it('districts (admin.geojson) plus the outside bucket sum to the totals', () => {
    const districts = readPolygonSet(features.admin, frame).table;
    const d = aggregateToDistricts(r, districts);
    expect(d.count).toBe(7);
    const total = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
    expect(rel(total(d.buildings), r.totals.buildings)).toBeLessThan(1e-9);
    expect(rel(total(d.transport), r.totals.transport)).toBeLessThan(1e-9);
    expect(rel(total(d.sinks), r.totals.sinks)).toBeLessThan(1e-9);
    expect(rel(total(d.net), r.totals.net)).toBeLessThan(1e-9);
    // Monte-Carlo (feature 2) is a dense quarter: it emits.
    expect(d.buildings[2]).toBeGreaterThan(1000);
  });
});

describe('carbon grid: exact splitting', () => {
  it('splits a segment over cells by exact lengths', () => {
    const pieces: [number, number][] = [];
    splitSegmentOverGrid(10, 20, 130, 20, 0, 0, 50, 4, 4, [], (c, len) => pieces.push([c, len]));
    expect(pieces.map((p) => p[0])).toEqual([0, 1, 2]);
    expect(pieces.map((p) => p[1])).toEqual([expect.closeTo(40, 12), expect.closeTo(50, 12), expect.closeTo(30, 12)]);
    const diag: [number, number][] = [];
    splitSegmentOverGrid(0, 0, 100, 100, 0, 0, 50, 2, 2, [], (c, len) => diag.push([c, len]));
    expect(diag.map((p) => p[0])).toEqual([0, 3]);
    expect(diag[0]![1]).toBeCloseTo(50 * Math.SQRT2, 12);
  });

  it('splits a park straddling four cells by area, and a link by length', () => {
    const green = greenFromLocal([[[450, 50, 550, 50, 550, 150, 450, 150]]], 'park');
    const roads: RoadLinkTable = {
      count: 1, start: Int32Array.of(0, 3), xy: Float64Array.of(0, 0, 150, 0, 150, 60),
      flow: Float64Array.of(100), speed: Float64Array.of(30), feature: Int32Array.of(0),
    };
    const r = computeCarbon({ green, roads, factors: { sinkTPerHa: { park: 8 } } });
    const g = aggregateToGrid(r, 100);
    expect(g.spec).toEqual({ originX: 0, originY: 0, cellSize: 100, nx: 6, ny: 2 });
    const s = g.attributes.sinks.value;
    for (const c of [4, 5, 10, 11]) expect(s[c]).toBeCloseTo(-2, 12); // 0.25 ha each × 8 t/ha
    const t = g.attributes.transport.value;
    const total = r.totals.transport;
    expect(t[0]).toBeCloseTo((total * 100) / 210, 12); // 100 of 210 m
    expect(t[1]).toBeCloseTo((total * 110) / 210, 12); // 50 m east + 60 m north, both in cell (1, 0)
  });

  it('puts a grid over the data aligned to multiples of the cell size', () => {
    expect(gridSpecFor([-120, 30, 260, 80], 100)).toEqual({ originX: -200, originY: 0, cellSize: 100, nx: 5, ny: 1 });
    expect(() => gridSpecFor([0, 0, 1e6, 1e6], 25)).toThrow(/cells \(limit/);
  });
});

describe('carbon grid: output', () => {
  it('is deterministic: same inputs, same bytes', () => {
    const a = aggregateToGrid(monaco(), 50);
    const b = aggregateToGrid(monaco(), 50);
    expect(Buffer.from(a.attributes.net.value.buffer).equals(Buffer.from(b.attributes.net.value.buffer))).toBe(true);
    expect(JSON.stringify(gridToGeoJson(a, frame))).toBe(JSON.stringify(gridToGeoJson(b, frame)));
  });

  it('exports the grid as WGS84 GeoJSON cells whose values sum to the totals', () => {
    const r = monaco();
    const g = aggregateToGrid(r, 100);
    const fc = gridToGeoJson(g, frame) as { type: string; features: { geometry: { type: string; coordinates: number[][][] }; properties: Record<string, number> }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(g.nonEmptyCells);
    let net = 0;
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('Polygon');
      const ring = f.geometry.coordinates[0]!;
      expect(ring.length).toBe(5);
      expect(ring[0]).toEqual(ring[4]);
      for (const [lon, lat] of ring as [number, number][]) {
        expect(lon).toBeGreaterThan(7.3);
        expect(lon).toBeLessThan(7.5);
        expect(lat).toBeGreaterThan(43.6);
        expect(lat).toBeLessThan(43.8);
      }
      // The south-west corner maps back to the cell's local corner.
      const [x, y] = toLocal(frame, ring[0]![0]!, ring[0]![1]!);
      expect(x).toBeCloseTo(g.spec.originX + f.properties['ix']! * 100, 2);
      expect(y).toBeCloseTo(g.spec.originY + f.properties['iy']! * 100, 2);
      net += f.properties['net']!;
    }
    expect(Math.abs(net - r.totals.net)).toBeLessThan(1e-6 * fc.features.length);
    expect(gridToGeoJson(g, frame, { includeEmpty: true }).features.length).toBe(g.length);
  });
});

describe('carbon grid: a big synthetic city (timed in npm run bench, not here)', () => {
  it('maps 100k buildings, 20k links and 2k parks on a 50 m grid, conserving the totals', () => {
    const { buildings, roads, green } = syntheticCarbonInputs({ buildings: 100_000, links: 20_000, parks: 2000 });
    const r = computeCarbon({ buildings, roads, green });
    const g = aggregateToGrid(r, 50);
    expect(g.nonEmptyCells).toBeGreaterThan(10_000);
    expect(rel(g.totals.net, r.totals.net)).toBeLessThan(1e-9);
    expect(rel(g.totals.transport, r.totals.transport)).toBeLessThan(1e-9);
  });
});
