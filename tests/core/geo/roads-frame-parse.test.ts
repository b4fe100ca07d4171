import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  GeoJsonError,
  LANE_WIDTH_M,
  ROAD_CLASSES,
  buildRoadLayer,
  createLocalFrame,
  jsonErrorOffset,
  parseGeoJson,
  toLocal,
  toLonLat,
} from '../../../src/core/geo/index.ts';
import proj4 from 'proj4';
import { FRAME } from './helpers.ts';

const line = (pts: Array<[number, number]>, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => toLonLat(FRAME, x, y)) },
});

describe('road ribbons', () => {
  it('a straight two-lane primary road is one quad, lanes × 3.5 m wide', () => {
    const layer = buildRoadLayer([line([[0, 0], [100, 0]], { highway: 'primary', lanes: '2' })], { frame: FRAME });
    const c = layer.chunks[0]!;
    expect(c.length).toBe(4);
    expect(c.indices.length).toBe(6);
    expect(layer.features.width[0]).toBe(2 * LANE_WIDTH_M);
    expect(layer.features.length[0]).toBeCloseTo(100, 2);
    const p = c.attributes['position']!.value;
    expect(p[1]! - p[4]!).toBeCloseTo(7, 3); // left minus right edge at the start
    expect(ROAD_CLASSES[c.attributes['roadClass']!.value[0]!]!.key).toBe('primary');
  });

  it('keeps its width through a right-angle turn (mitre join)', () => {
    const layer = buildRoadLayer([line([[0, 0], [50, 0], [50, 50]], { highway: 'residential' })], { frame: FRAME });
    const p = layer.chunks[0]!.attributes['position']!.value;
    // Corner vertices (indices 2, 3) sit at ±3 m from the centre line on both axes (width 6 m).
    expect(Math.abs(p[6]! - 50)).toBeCloseTo(3, 3);
    expect(Math.abs(p[7]!)).toBeCloseTo(3, 3);
    expect(layer.features.length[0]).toBeCloseTo(100, 2);
  });

  it('skips polygons and broken lines with their index, draws the rest', () => {
    const layer = buildRoadLayer(
      [
        line([[0, 0], [10, 0]], { highway: 'footway' }),
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[7.42, 43.73]] } },
      ],
      { frame: FRAME },
    );
    expect(layer.skipped.map((s) => [s.index, s.code])).toEqual([[1, 'wrong-geometry-type'], [2, 'line-too-short']]);
    expect(Array.from(layer.features.drawn)).toEqual([1, 0, 0]);
  });

  it('draws all 2,361 Monaco road lines', () => {
    const { features } = parseGeoJson(readFileSync(new URL('../../../assets/city/monaco/roads.geojson', import.meta.url), 'utf8'));
    const layer = buildRoadLayer(features);
    expect(features).toHaveLength(2361);
    expect(layer.skipped).toEqual([]);
  });
});

describe('local frame', () => {
  it('round-trips lon/lat exactly enough (< 1 mm)', () => {
    const f = createLocalFrame(127.0, 37.5);
    const [x, y] = toLocal(f, 127.05, 37.53);
    const [lon, lat] = toLonLat(f, x, y);
    expect(Math.abs(lon - 127.05) * 88000).toBeLessThan(1e-3);
    expect(Math.abs(lat - 37.53) * 111000).toBeLessThan(1e-3);
  });

  it('agrees with a transverse Mercator centred on the origin (proj4) to 5 cm within 5 km', () => {
    const f = createLocalFrame(127.0, 37.5);
    const tm = proj4('WGS84', '+proj=tmerc +lat_0=37.5 +lon_0=127 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m');
    for (const [lon, lat] of [[127.05, 37.5], [127.0, 37.54], [126.96, 37.47], [127.03, 37.52]] as const) {
      const [x, y] = toLocal(f, lon, lat);
      const [tx, ty] = tm.forward([lon, lat]) as [number, number];
      expect(Math.abs(Math.hypot(x, y) / Math.hypot(tx, ty) - 1)).toBeLessThan(1e-4);
      expect(Math.hypot(x - tx, y - ty)).toBeLessThan(0.05);
    }
  });
});

describe('parsing GeoJSON text', () => {
  it('locates invalid JSON by line and column', () => {
    const text = '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",, "geometry": null}\n ]}';
    try {
      parseGeoJson(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GeoJsonError);
      const e = err as GeoJsonError;
      expect(e.code).toBe('invalid-json');
      expect([e.line, e.column]).toEqual([3, 22]);
      expect(e.message).toMatch(/line 3, column 22/);
    }
  });
  it('refuses things that are not GeoJSON, and empty files', () => {
    expect(() => parseGeoJson('{"type": "Topology"}')).toThrow(/expected a FeatureCollection, Feature or geometry, found "Topology"/);
    expect(() => parseGeoJson('{"type": "FeatureCollection"}')).toThrow(/needs a "features" array/);
    expect(() => parseGeoJson('  \n')).toThrow(/empty/);
  });
  it('reads the legacy crs member', () => {
    const r = parseGeoJson('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::5186"}},"features":[]}');
    expect(r.crsName).toBe('urn:ogc:def:crs:EPSG::5186');
  });
});

describe('locating JSON errors without the engine\'s help', () => {
  it('finds the first bad character, whatever the JSON.parse message says', () => {
    const cases: Array<[string, number]> = [
      ['{"a": ab}', 6],
      ['{"a":1,,}', 7],
      ['{"a":1', 6],
      ['[1,2]x', 5],
      ['{"a": "x\n"}', 8],
      ['{"a": [1, 2, {"b": tru}]}', 19], // the start of the bad literal
      ['{"type": "FeatureCollection", "features": []}', -1],
    ];
    for (const [text, offset] of cases) expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
  });
  it('reports line and column for an unexpected token (a message with no position in node 20)', () => {
    expect(() => parseGeoJson('{\n  "type": "FeatureCollection",\n  "features": [ab]\n}')).toThrow(/line 3, column 16/);
  });
});
