import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  HeightSource,
  STOREY_HEIGHT_M,
  buildPolygonLayer,
  parseGeoJson,
  polygonLayerBytes,
  unpackProperties,
} from '../../../src/core/geo/index.ts';
import { syntheticCity } from '../../../src/core/synthetic/index.ts';
import { FRAME, polygonFeature, rect } from './helpers.ts';

const build = (features: object[], mode: 'extrude' | 'flat' = 'extrude') => buildPolygonLayer(features, { frame: FRAME, mode });
const tris = (layer: ReturnType<typeof build>) => layer.chunks.reduce((s, c) => s + c.indices.length / 3, 0);

describe('extruded polygons', () => {
  it('a square becomes 4 walls and a 2-triangle roof: 20 vertices, 10 triangles', () => {
    const layer = build([polygonFeature([rect(0, 0, 10, 10)], { height: '12' })]);
    expect(layer.vertexCount).toBe(20);
    expect(layer.triangleCount).toBe(10);
    expect(tris(layer)).toBe(10);
    expect(layer.features.height[0]).toBe(12);
    expect(layer.features.heightSource[0]).toBe(HeightSource.Height);
    expect(layer.bounds[5]).toBeCloseTo(12, 5);
    expect(layer.bounds[3] - layer.bounds[0]).toBeCloseTo(10, 3);
    expect(layer.features.area[0]).toBeCloseTo(100, 1);
  });

  it('a hole adds 4 inner walls and the roof wraps round it: 40 vertices, 24 triangles', () => {
    const layer = build([polygonFeature([rect(0, 0, 30, 30), rect(10, 10, 20, 20)], { height: 9 })]);
    expect(layer.vertexCount).toBe(40);
    expect(layer.triangleCount).toBe(24);
    expect(layer.features.area[0]).toBeCloseTo(800, 0);
  });

  it('a MultiPolygon is one feature drawn as two prisms', () => {
    const f = { type: 'Feature', properties: { 'building:levels': '4' }, geometry: { type: 'MultiPolygon', coordinates: [[rect(0, 0, 10, 10)], [rect(20, 0, 30, 10)]] } };
    const layer = build([f]);
    expect(layer.vertexCount).toBe(40);
    expect(layer.triangleCount).toBe(20);
    const ids = layer.chunks[0]!.attributes['featureId']!.value;
    expect(new Set(ids)).toEqual(new Set([0]));
    expect(layer.features.height[0]).toBe(4 * STOREY_HEIGHT_M);
    expect(layer.features.heightSource[0]).toBe(HeightSource.Levels);
  });

  it('rings given clockwise are reoriented: roofs face up, walls face out', () => {
    const layer = build([polygonFeature([rect(0, 0, 10, 10, true)], { height: 5 })]);
    const c = layer.chunks[0]!;
    const p = c.attributes['position']!.value;
    const n = c.attributes['normal']!.value;
    for (let t = 0; t < c.indices.length; t += 3) {
      const [a, b, d] = [c.indices[t]!, c.indices[t + 1]!, c.indices[t + 2]!];
      const e1 = [p[3 * b]! - p[3 * a]!, p[3 * b + 1]! - p[3 * a + 1]!, p[3 * b + 2]! - p[3 * a + 2]!];
      const e2 = [p[3 * d]! - p[3 * a]!, p[3 * d + 1]! - p[3 * a + 1]!, p[3 * d + 2]! - p[3 * a + 2]!];
      const cross = [e1[1]! * e2[2]! - e1[2]! * e2[1]!, e1[2]! * e2[0]! - e1[0]! * e2[2]!, e1[0]! * e2[1]! - e1[1]! * e2[0]!];
      const dot = cross[0]! * n[3 * a]! + cross[1]! * n[3 * a + 1]! + cross[2]! * n[3 * a + 2]!;
      expect(dot).toBeGreaterThan(0); // triangle winding agrees with the stored normal
    }
    // The wall facing south (y = 0) has normal (0, -1, 0).
    const southWall = [...Array(c.length).keys()].find((v) => Math.abs(p[3 * v + 1]!) < 1e-3 && n[3 * v + 2] === 0);
    expect(n[3 * southWall! + 1]).toBe(-127);
  });

  it('heights come from height, then levels, then an estimate by building type', () => {
    const layer = build([
      polygonFeature([rect(0, 0, 5, 5)], { height: '40 ft' }),
      polygonFeature([rect(10, 0, 15, 5)], { 'building:levels': '3', 'roof:levels': '1' }),
      polygonFeature([rect(20, 0, 25, 5)], { building: 'house' }),
      polygonFeature([rect(30, 0, 35, 5)], { building: 'yes' }),
      polygonFeature([rect(40, 0, 45, 5)], { height: 'tall', building: 'garage' }),
    ]);
    expect(Array.from(layer.features.heightSource)).toEqual([0, 1, 2, 2, 2]);
    expect(layer.features.height[0]).toBeCloseTo(12.192, 3);
    expect(Array.from(layer.features.height.slice(1))).toEqual([12, 6, 9, 3]);
  });

  it('a part that starts above ground gets a floor: 24 vertices, 12 triangles', () => {
    const layer = build([polygonFeature([rect(0, 0, 10, 10)], { height: 20, min_height: 8 })]);
    expect(layer.vertexCount).toBe(24);
    expect(layer.triangleCount).toBe(12);
    expect(layer.features.minHeight[0]).toBe(8);
    expect(layer.bounds[2]).toBeCloseTo(8, 5);
  });

  it('flat mode draws only the top face', () => {
    const layer = build([polygonFeature([rect(0, 0, 30, 30), rect(10, 10, 20, 20)])], 'flat');
    expect(layer.vertexCount).toBe(8);
    expect(layer.triangleCount).toBe(8);
  });
});

describe('bad features are skipped and listed; the rest is drawn', () => {
  const good = polygonFeature([rect(0, 0, 10, 10)], { name: 'ok' });
  const open = rect(0, 0, 10, 10).slice(0, 4);
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['a Point', { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [7.42, 43.73] } }, 'wrong-geometry-type', /expected Polygon or MultiPolygon, found Point/],
    ['no geometry', { type: 'Feature', properties: {}, geometry: null }, 'no-geometry', /no geometry/],
    ['an unclosed ring', polygonFeature([open]), 'ring-not-closed', /not closed/],
    ['a NaN coordinate', polygonFeature([[[7.42, 43.73], [NaN, 43.73], [7.421, 43.731], [7.42, 43.73]]]), 'bad-coordinates', /finite numbers/],
    ['projected coordinates', polygonFeature([[[200000, 550000], [200010, 550000], [200010, 550010], [200000, 550000]]]), 'out-of-range', /outside lon\/lat range/],
    ['a two-point ring', polygonFeature([[[7.42, 43.73], [7.421, 43.73], [7.42, 43.73], [7.42, 43.73]]]), 'ring-too-short', /3 distinct/],
    ['a zero-area ring', polygonFeature([[[7.42, 43.73], [7.421, 43.73], [7.422, 43.73], [7.42, 43.73]]]), 'zero-area', /no area/],
    ['not a feature', { type: 'Banana' }, 'not-a-feature', /not a GeoJSON Feature/],
  ];
  for (const [what, bad, code, message] of cases) {
    it(`${what}: code ${code}`, () => {
      const layer = build([good, { ...(bad as object), id: 'bad-1' }, good]);
      expect(layer.skipped).toHaveLength(1);
      expect(layer.skipped[0]).toMatchObject({ index: 1, code });
      if (code !== 'not-a-feature') expect(layer.skipped[0]!.id).toBe('bad-1');
      expect(layer.skipped[0]!.message).toMatch(message);
      expect(Array.from(layer.features.drawn)).toEqual([1, 0, 1]);
      expect(layer.vertexCount).toBe(40);
    });
  }
});

describe('properties', () => {
  it('round-trip as plain data, hostile names and values included', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "name": "<img src=x onerror=alert(1)>", "n": 3, "nested": {"a": [1, 2]}}');
    const layer = build([polygonFeature([rect(0, 0, 10, 10)], hostile)]);
    const props = unpackProperties(layer.properties, 0);
    expect(props['name']).toBe('<img src=x onerror=alert(1)>');
    expect(Object.keys(props)).toEqual(['__proto__', 'name', 'n', 'nested']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(props['nested']).toEqual({ a: [1, 2] });
  });
});

describe('Monaco buildings (OpenStreetMap)', () => {
  const text = readFileSync(new URL('../../../assets/city/monaco/buildings.geojson', import.meta.url), 'utf8');
  const { features } = parseGeoJson(text);
  const layer = buildPolygonLayer(features);

  it('draws every one of the 1,232 footprints', () => {
    expect(features).toHaveLength(1232);
    expect(layer.skipped).toEqual([]);
    expect(layer.features.drawn.every((d) => d === 1)).toBe(true);
  });

  it('counts heights by source: 38 tagged height, 80 more with building:levels only, 1,114 estimated', () => {
    const counts = [0, 0, 0];
    layer.features.heightSource.forEach((s) => counts[s]!++);
    expect(counts).toEqual([38, 80, 1114]);
    const museum = unpackProperties(layer.properties, 0);
    expect(museum['name']).toBe('Musée Océanographique');
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const again = buildPolygonLayer(features);
    expect(again.chunks.length).toBe(layer.chunks.length);
    layer.chunks.forEach((c, i) => {
      const d = again.chunks[i]!;
      expect(Buffer.from(d.attributes['position']!.value.buffer).equals(Buffer.from(c.attributes['position']!.value.buffer))).toBe(true);
      expect(Buffer.from(d.indices.buffer).equals(Buffer.from(c.indices.buffer))).toBe(true);
    });
  });
});

describe('chunking', () => {
  it('keeps every chunk within Uint16 range with valid indices, and every building in one chunk', () => {
    const city = syntheticCity({ buildings: 6000, seed: 7 });
    const layer = buildPolygonLayer(city.features);
    expect(layer.chunks.length).toBeGreaterThan(1);
    let vertices = 0;
    for (const c of layer.chunks) {
      expect(c.length).toBeLessThanOrEqual(65535);
      expect(c.indices).toBeInstanceOf(Uint16Array);
      expect(Math.max(...c.indices)).toBeLessThan(c.length);
      vertices += c.length;
    }
    expect(vertices).toBe(layer.vertexCount);
    const chunkOf = new Map<number, number>();
    layer.chunks.forEach((c, k) => {
      for (const id of c.attributes['featureId']!.value) {
        expect(chunkOf.get(id) ?? k).toBe(k);
        chunkOf.set(id, k);
      }
    });
    expect(chunkOf.size).toBe(6000);
    expect(polygonLayerBytes(layer) / 6000).toBeLessThan(1024);
  });
});
