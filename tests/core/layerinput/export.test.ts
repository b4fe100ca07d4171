// Export → import round trip: a layer written out as GeoJSON (WGS84) and loaded again gives the same
// features — ids, properties, heights, and geometry to within a centimetre — whatever the file's format
// and CRS were, and without the features the first load skipped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../../src/core/attributes/index.ts';
import type { PolygonLayerData } from '../../../src/core/geo/index.ts';
import { type IngestedLayer, ingestText } from '../../../src/core/ingest/index.ts';
import { exportGeoJson } from '../../../src/core/layerinput/export.ts';

function polygons(layer: IngestedLayer): PolygonLayerData {
  if (layer.kind === 'roads' || layer.kind === 'points') throw new Error(`expected polygons, got ${layer.kind}`);
  return layer.data;
}

/** Each feature's vertices (x, y, z triples), sorted, so layers chunked in another order compare. */
function verticesByFeature(data: PolygonLayerData): Map<number, number[][]> {
  const out = new Map<number, number[][]>();
  for (const c of data.chunks) {
    const xyz = c.attributes['position']!.value;
    const fid = c.attributes['featureId']!.value;
    for (let i = 0; i < fid.length; i++) {
      const list = out.get(fid[i]!) ?? [];
      list.push([xyz[3 * i]!, xyz[3 * i + 1]!, xyz[3 * i + 2]!]);
      out.set(fid[i]!, list);
    }
  }
  // Sorted on a 10 cm grid, so two exports' centimetre differences cannot swap neighbouring corners.
  const key = (v: number): number => Math.round(v * 10);
  for (const list of out.values()) list.sort((p, q) => key(p[0]!) - key(q[0]!) || key(p[1]!) - key(q[1]!) || key(p[2]!) - key(q[2]!));
  return out;
}

function roundTrip(text: string, fileName: string) {
  const first = ingestText(text, fileName, 'buildings');
  const a = polygons(first);
  const exported = exportGeoJson(text, { fileName, crs: first.crs?.code ?? 'auto' }, a.features.drawn);
  const second = ingestText(exported, 'export.geojson', 'buildings', { frame: a.frame });
  return { first, a, exported, second, b: polygons(second) };
}

describe('export → import', () => {
  const square = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
  // Korea 2000 / Central Belt 2010 (EPSG:5186) metres near its origin (127°E 38°N = 200,000 / 600,000).
  const text = JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::5186' } },
    features: [
      { type: 'Feature', id: 'a', properties: { name: '<img src=x onerror=alert(1)>', height: 21.5, 층수: 7 }, geometry: { type: 'Polygon', coordinates: [square(200_000, 600_000, 20)] } },
      { type: 'Feature', id: 'b', properties: JSON.parse('{"__proto__": {"polluted": 1}, "building:levels": 4}'), geometry: { type: 'Polygon', coordinates: [square(200_040, 600_000, 15), square(200_045, 600_005, 5).reverse()] } },
      { type: 'Feature', id: 'c', properties: { note: 'ring not closed' }, geometry: { type: 'Polygon', coordinates: [[[200_080, 600_000], [200_090, 600_000], [200_090, 600_010]]] } },
      { type: 'Feature', id: 'a', properties: { note: 'duplicate id' }, geometry: { type: 'Polygon', coordinates: [square(200_100, 600_000, 10)] } },
      { type: 'Feature', id: 'd', properties: { building: 'house' }, geometry: { type: 'MultiPolygon', coordinates: [[square(200_120, 600_000, 8)], [square(200_130, 600_000, 8)]] } },
    ],
  });

  it('a file in EPSG:5186 with a bad feature and a duplicate id comes back as the cleaned layer, in lon/lat', () => {
    const { first, a, exported, second, b } = roundTrip(text, 'plots-5186.geojson');
    expect(first.stats.drawn).toBe(3);
    const json = JSON.parse(exported) as { crs?: unknown; features: { id: string; geometry: { coordinates: number[][][] } }[] };
    expect(json.crs).toBeUndefined(); // RFC 7946: WGS84, no crs member
    expect(json.features.map((f) => f.id)).toEqual(['a', 'b', 'd']);
    expect(json.features[0]!.geometry.coordinates[0]![0]).toEqual([127, 38]); // the projection's origin
    expect(second.stats).toMatchObject({ features: 3, drawn: 3, skipped: 0 });
    expect(second.crs?.code).toBe(4326);
    // Same properties (as text, hostile names included), same heights and height sources.
    const keep = [0, 1, 4];
    const propsA = decodeAll(a.properties);
    expect(decodeAll(b.properties)).toEqual(keep.map((i) => propsA[i]));
    expect(Array.from(b.features.height)).toEqual(keep.map((i) => a.features.height[i]));
    expect(Array.from(b.features.heightSource)).toEqual(keep.map((i) => a.features.heightSource[i]));
    expect(Object.prototype).not.toHaveProperty('polluted');
    // Same geometry within a centimetre (coordinates are written to 1e-7°).
    const va = verticesByFeature(a), vb = verticesByFeature(b);
    expect(b.vertexCount).toBe(a.vertexCount);
    let worst = 0;
    keep.forEach((i, j) => {
      const p = va.get(i)!, q = vb.get(j)!;
      expect(q.length).toBe(p.length);
      p.forEach((v, k) => v.forEach((x, d) => (worst = Math.max(worst, Math.abs(x - q[k]![d]!)))));
    });
    expect(worst).toBeLessThan(0.01);
  });

  it('exporting the export changes nothing', () => {
    const { exported, b } = roundTrip(text, 'plots-5186.geojson');
    const again = exportGeoJson(exported, { fileName: 'export.geojson' }, b.features.drawn);
    expect(again).toBe(exported);
  });

  it('a newline-delimited file with a line that is not JSON exports its good features in order', () => {
    const f = (id: string, x: number) => JSON.stringify({ type: 'Feature', id, properties: { building: 'yes', id }, geometry: { type: 'Polygon', coordinates: [square(7.42 + x, 43.73, 0.0002)] } });
    const ndjson = [f('p', 0), '{oops', f('q', 0.001), f('r', 0.002)].join('\n');
    const { second, exported } = roundTrip(ndjson, 'sites.ndjson');
    expect((JSON.parse(exported) as { features: { id: string }[] }).features.map((x) => x.id)).toEqual(['p', 'q', 'r']);
    expect(second.stats).toMatchObject({ features: 3, drawn: 3, skipped: 0 });
  });

  it('the CityJSON tile exports its 26 building footprints with their attributes', () => {
    const cj = readFileSync('tests/fixtures/cityjson/3db_sub.json', 'utf8');
    const { first, second, a, b } = roundTrip(cj, '3db_sub.city.json');
    expect(first.stats.drawn).toBe(26);
    expect(second.stats).toMatchObject({ features: 26, drawn: 26, skipped: 0 });
    expect(decodeAll(b.properties)).toEqual(decodeAll(a.properties));
  });
});
