// Streamed ingest (src/core/ingest/stream.ts, src/core/geo/split.ts): the text in pieces, split anywhere,
// gives exactly what the whole-text reader (ingestWhole: one JSON.parse of the file) gives.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import proj4 from 'proj4';
import { type IngestedLayer, ingestStream, ingestText, ingestWhole } from '../../../src/core/ingest/index.ts';
import { GeoJsonError } from '../../../src/core/geo/index.ts';
import { syntheticCity } from '../../../src/core/synthetic/index.ts';

/** A layer without its timings, for comparing results. */
function plain(layer: IngestedLayer): unknown {
  const { parseMs: _p, buildMs: _b, ...stats } = layer.stats;
  return { ...layer, stats };
}

/** `plain` with every typed array replaced by its type, length and SHA-1 (fast to compare for big layers). */
function digest(layer: IngestedLayer): string {
  return JSON.stringify(plain(layer), (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? `${v.constructor.name}:${v.byteLength}:${createHash('sha1').update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest('hex')}` : v,
  );
}

function streamed(text: string, pieces: number[], name = 'x.geojson', kind: 'auto' | 'buildings' = 'auto', options = {}): IngestedLayer {
  const s = ingestStream(name, kind, options);
  let at = 0;
  for (const end of [...pieces, text.length]) {
    s.push(text.slice(at, end));
    at = end;
  }
  return s.finish();
}

function inChunks(text: string, size: number, name = 'x.geojson', kind: 'auto' | 'buildings' = 'auto'): IngestedLayer {
  const cuts: number[] = [];
  for (let k = size; k < text.length; k += size) cuts.push(k);
  return streamed(text, cuts, name, kind);
}

function errorOf(fn: () => unknown): GeoJsonError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GeoJsonError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

const square = (lon: number, lat: number, d = 0.0002): number[][][] => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];

/** A small file with every kind of token: escapes, unicode, numbers of every form, members around the features. */
const SMALL = [
  '{"name": "tricky \\"quoted\\" \\\\ name", "bbox": [7.41, 43.72, 7.43, 43.74],',
  ' "type": "FeatureCollection",',
  ' "features": [',
  '  {"type": "Feature", "id": "a\\"}]", "properties": {"name": "모나코 \\u00e9 😀", "note": "brackets ]}[{ and \\\\", "height": 1.25e1},',
  '   "geometry": {"type": "Polygon", "coordinates": [[[7.42, 43.73], [7.4202, 43.73], [7.4202, 43.7302], [7.42, 43.7302], [7.42, 43.73]]]}},',
  '  {"type": "Feature", "id": 7, "properties": {"building": "house", "x": -0.5E-3, "t": true, "n": null},',
  '   "geometry": {"type": "MultiPolygon", "coordinates": [[[[7.421, 43.731], [7.4213, 43.731], [7.4213, 43.7313], [7.421, 43.7313], [7.421, 43.731]]]]}},',
  '  {"type": "Feature", "id": 7, "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[7.422, 43.73], [7.4222, 43.73], [7.4222, 43.7302], [7.422, 43.7302], [7.422, 43.73]]]}},',
  '  {"type": "Feature", "properties": {"building": "yes"}, "geometry": {"type": "Polygon", "coordinates": [[[7.423, 43.73], [7.4232, 43.73], [7.4232, 43.7302], [7.423, 43.73]]]}},',
  '  {"type": "Feature", "properties": {"building": "yes"}, "geometry": {"type": "Polygon", "coordinates": [[[7.424, 43.73], [7.4242, 43.73], [7.4242, 43.7302], [7.424, 43.7302], [7.424, 43.73]]]}}',
  ' ],',
  ' "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}',
].join('\n');

describe('streamed GeoJSON equals the whole-text result', () => {
  it('for a split at every position of a small file (inside strings, escapes, unicode, numbers, between members)', () => {
    const whole = plain(ingestWhole(SMALL, 'x.geojson', 'auto'));
    expect(whole).toMatchObject({ kind: 'buildings', stats: { features: 5, drawn: 4, skipped: 1 }, crs: { how: 'declared' } });
    expect(plain(ingestText(SMALL, 'x.geojson', 'auto'))).toEqual(whole);
    for (let cut = 0; cut <= SMALL.length; cut++) expect(plain(streamed(SMALL, [cut])), `cut at ${cut}`).toEqual(whole);
    for (const size of [1, 2, 3, 7, 64]) expect(plain(inChunks(SMALL, size)), `pieces of ${size}`).toEqual(whole);
  });

  it('for UTF-8 bytes cut anywhere and decoded with a streaming TextDecoder', () => {
    const bytes = new TextEncoder().encode(SMALL);
    const whole = plain(ingestWhole(SMALL, 'x.geojson', 'auto'));
    for (let cut = 0; cut <= bytes.length; cut += 5) {
      const decoder = new TextDecoder();
      const s = ingestStream('x.geojson', 'auto');
      s.push(decoder.decode(bytes.subarray(0, cut), { stream: true }));
      s.push(decoder.decode(bytes.subarray(cut), { stream: true }));
      s.push(decoder.decode());
      expect(plain(s.finish()), `byte ${cut}`).toEqual(whole);
    }
  });

  it('for a bare array of features, and for roads, points and odd features kept whole', () => {
    const features = [
      { type: 'Feature', properties: { highway: 'primary', lanes: '4' }, geometry: { type: 'LineString', coordinates: [[7.42, 43.73], [7.421, 43.731]] } },
      { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'MultiLineString', coordinates: [[[7.42, 43.73], [7.42, 43.73]]] } },
      { type: 'Feature', properties: { name: 'p' }, geometry: { type: 'Point', coordinates: [7.42, 43.73, 12] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[7.42, 43.73], [7.42, 'x'], [7.42, 43.73], [7.42, 43.73]]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(7.42, 43.73)[0]!.slice(0, 4)] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[]] } },
      [1, 2],
      null,
    ];
    const text = JSON.stringify(features, null, 1);
    const outcome = (fn: () => IngestedLayer): unknown => {
      try {
        return plain(fn());
      } catch (err) {
        return String(err);
      }
    };
    for (const kind of ['auto', 'buildings', 'roads', 'points'] as const) {
      const whole = outcome(() => ingestWhole(text, 'a.json', kind));
      for (const size of [5, 33, 1000]) {
        const s = ingestStream('a.json', kind);
        expect(outcome(() => {
          for (let k = 0; k < text.length; k += size) s.push(text.slice(k, k + size));
          return s.finish();
        }), `${kind} ${size}`).toEqual(whole);
      }
    }
    const asAreas = JSON.stringify({ type: 'FeatureCollection', features: [...features.slice(3), { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(7.42, 43.73) } }] });
    const s = ingestStream('a.geojson', 'auto');
    s.push(asAreas);
    const layer = s.finish();
    expect(plain(layer)).toEqual(plain(ingestWhole(asAreas, 'a.geojson', 'auto')));
    expect(layer.data.skipped.map((k) => k.code)).toEqual(['bad-coordinates', 'ring-not-closed', 'bad-coordinates', 'bad-coordinates', 'not-a-feature', 'not-a-feature']);
  });

  it('honours a crs member that comes after the features', () => {
    const tm5186 = '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m';
    const ring = square(126.978, 37.5665, 0.0005)[0]!.map((p) => proj4('EPSG:4326', tm5186, p));
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { height: 10 }, geometry: { type: 'Polygon', coordinates: [ring] } }], crs: { type: 'name', properties: { name: 'EPSG:5186' } } });
    const layer = inChunks(text, 17);
    expect(layer.crs).toMatchObject({ code: 5186, how: 'declared' });
    expect(layer.data.lonLatBounds[0]).toBeCloseTo(126.978, 6);
    expect(layer.data.lonLatBounds[1]).toBeCloseTo(37.5665, 6);
    expect(plain(layer)).toEqual(plain(ingestWhole(text, 'x.geojson', 'auto')));
    // Without the crs member the same numbers are refused as ambiguous, streamed or not.
    const bare = text.replace(/,"crs":.*\}$/, '}');
    expect(errorOf(() => inChunks(bare, 17)).message).toBe(errorOf(() => ingestWhole(bare, 'x.geojson', 'auto')).message);
  });

  it('equals the whole-text result for a multi-MB file streamed in small pieces', () => {
    const text = JSON.stringify(syntheticCity({ buildings: 12_000, seed: 3 }), null, 1);
    expect(text.length).toBeGreaterThan(3e6);
    const whole = digest(ingestWhole(text, 'city.geojson', 'buildings'));
    expect(digest(inChunks(text, 4093, 'city.geojson', 'buildings'))).toBe(whole);
    expect(digest(ingestText(text, 'city.geojson', 'auto'))).toBe(whole);
  });
});

describe('invalid JSON in a stream is located in the whole file', () => {
  const cases: Array<[string, string]> = [
    ['inside a feature', '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",, }\n]}'],
    ['a bad literal on a later line', '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {}, "geometry": null},\n {"type": "Feature", "properties": {"a": tru}, "geometry": null}]}'],
    ['a missing comma between features', '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": null}\n  {"type": "Feature", "geometry": null}]}'],
    ['a truncated file', '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}},\n{"type": "Fea'],
    ['garbage after the document', '{"features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}],\n "type": "FeatureCollection"} x'],
    ['a bad member after the features', '{"type": "FeatureCollection", "features": [],\n "crs": {"type": "name",\n "properties": nul}}'],
  ];
  for (const [what, text] of cases) {
    it(what, () => {
      const whole = errorOf(() => ingestWhole(text, 'x.geojson', 'auto'));
      expect(whole.line).toBeDefined();
      for (const size of [1, 4, 16, 1e6]) {
        const e = errorOf(() => inChunks(text, size));
        expect([e.code, e.line, e.column], `pieces of ${size}`).toEqual(['invalid-json', whole.line, whole.column]);
        expect(e.message).toMatch(new RegExp(`^invalid JSON at line ${whole.line}, column ${whole.column}: `));
      }
      // The whole-text entry point keeps the engine's own message.
      expect(errorOf(() => ingestText(text, 'x.geojson', 'auto')).message).toBe(whole.message);
    });
  }
});

describe('streamed newline-delimited GeoJSON', () => {
  const f = (id: string, lon: number): string => JSON.stringify({ type: 'Feature', id, properties: { name: `n ${id}`, building: 'yes' }, geometry: { type: 'Polygon', coordinates: square(lon, 43.73) } });
  const text = ['\u001e' + f('a', 7.42), '', f('b', 7.421) + '\r', '{"type": "Feature", oops}', f('a', 7.422), f('c', 7.423)].join('\n');

  it('reads line by line with bad lines and duplicate ids listed by line, wherever the pieces end', () => {
    const whole = plain(ingestWhole(text, 'z.geojsonl', 'auto'));
    expect(whole).toMatchObject({ format: 'geojsonl', stats: { features: 5, drawn: 3, skipped: 2 } });
    for (let cut = 0; cut <= text.length; cut++) expect(plain(streamed(text, [cut], 'z.geojsonl')), `cut at ${cut}`).toEqual(whole);
    expect(plain(inChunks(text, 3, 'z.ndjson'))).toEqual(plain(ingestWhole(text, 'z.ndjson', 'auto')));
  });

  it('refuses a stream with no readable line like the whole-text reader', () => {
    const bad = '{"type":\n{"a"\n';
    expect(errorOf(() => inChunks(bad, 2, 'x.ndjson')).message).toBe(errorOf(() => ingestWhole(bad, 'x.ndjson', 'auto')).message);
  });
});

describe('documents that are not streamed are read whole', () => {
  it('a single Feature, an empty file and a non-GeoJSON object give the whole-text result or message', () => {
    const feature = JSON.stringify({ properties: { height: 5 }, geometry: { type: 'Polygon', coordinates: square(7.42, 43.73) }, type: 'Feature' });
    expect(plain(inChunks(feature, 9))).toEqual(plain(ingestWhole(feature, 'x.geojson', 'auto')));
    expect(() => inChunks('  \n ', 2)).toThrow(/empty/);
    expect(() => inChunks('{"type": "Topology", "objects": {}}', 5)).toThrow(/found "Topology"/);
  });
});
