// ingestText: one entry for every format (GeoJSON, newline-delimited GeoJSON, CityJSON, CityJSONSeq),
// chosen by file name and content; located, listed problems (bad lines, duplicate ids) with the rest loaded.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatFromFileName, ingestGeoJsonText, ingestText, rejectDuplicateIds } from '../../../src/core/ingest/index.ts';

const fixture = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

const square = (lon: number, lat: number, d = 0.0002): number[][][] => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const feature = (id: unknown, lon: number, props: Record<string, unknown> = { building: 'yes', height: 9 }): object => ({
  type: 'Feature',
  ...(id === undefined ? {} : { id }),
  properties: props,
  geometry: { type: 'Polygon', coordinates: square(lon, 43.73) },
});

describe('format from the file name', () => {
  it('knows line-delimited and CityJSON extensions, and leaves .json and .geojson to the content', () => {
    expect(formatFromFileName('a.geojsonl')).toBe('geojsonl');
    expect(formatFromFileName('A.NDJSON')).toBe('geojsonl');
    expect(formatFromFileName('x.jsonl')).toBe('geojsonl');
    expect(formatFromFileName('tile.city.jsonl')).toBe('cityjsonseq');
    expect(formatFromFileName('tile.city.json')).toBe('cityjson');
    expect(formatFromFileName('/data/b.geojsonl?token=1')).toBe('geojsonl');
    expect(formatFromFileName('b.json')).toBeUndefined();
    expect(formatFromFileName('b.geojson')).toBeUndefined();
  });
});

describe('newline-delimited GeoJSON', () => {
  it('loads every good line and lists the bad one with its line and column (buildings-bad-line.geojsonl)', () => {
    const layer = ingestText(fixture('geojson/buildings-bad-line.geojsonl'), 'buildings-bad-line.geojsonl', 'auto');
    expect(layer.format).toBe('geojsonl');
    expect(layer.kind).toBe('buildings');
    expect(layer.stats).toMatchObject({ features: 4, drawn: 3, skipped: 1 });
    expect(layer.data.skipped).toEqual([]);
    expect(layer.rejected).toEqual([
      {
        index: 2,
        code: 'invalid-json-line',
        message: 'invalid JSON at line 4, column 77: Expected double-quoted property name',
        detail: 'line 4, column 77',
        line: 4,
        column: 77,
      },
    ]);
    if (layer.kind !== 'buildings') throw new Error('expected buildings');
    expect(Array.from(layer.data.features.drawn)).toEqual([1, 1, 0, 1]);
    expect(Array.from(layer.data.features.height)).toEqual([10, 11, 0, 13]);
  });

  it('is recognised by content too (a .json file whose lines are features), and through ingestGeoJsonText', () => {
    const text = fixture('geojson/buildings-bad-line.geojsonl');
    expect(ingestText(text, 'export.json', 'auto').format).toBe('geojsonl');
    expect(ingestGeoJsonText(text, 'auto').stats.drawn).toBe(3);
  });

  it('refuses a file with no readable line, saying where the first one breaks', () => {
    expect(() => ingestText('{"type":\n{"a"\n', 'x.ndjson', 'auto')).toThrow(/no line of the file can be read \(first: line 1, column/);
  });

  it('lists a line that is JSON but not a Feature among the skipped features', () => {
    const text = [JSON.stringify(feature(1, 7.42)), '[1, 2]', JSON.stringify(feature(2, 7.421))].join('\n');
    const layer = ingestText(text, 'x.geojsonl', 'auto');
    expect(layer.stats).toMatchObject({ features: 3, drawn: 2, skipped: 1 });
    expect(layer.data.skipped.map((s) => [s.index, s.code])).toEqual([[1, 'not-a-feature']]);
  });
});

describe('duplicate feature ids', () => {
  it('keeps the first feature with an id and lists the later ones with the index of the first (duplicate-ids.geojson)', () => {
    const layer = ingestText(fixture('geojson/duplicate-ids.geojson'), 'duplicate-ids.geojson', 'auto');
    expect(layer.stats).toMatchObject({ features: 5, drawn: 4, skipped: 1 });
    expect(layer.rejected).toEqual([
      {
        index: 2,
        id: 'a',
        code: 'duplicate-id',
        message: 'duplicate id "a": feature 0 already has it (the first is kept, this one is skipped)',
        detail: '0',
      },
    ]);
    expect(layer.data.skipped).toEqual([]);
    if (layer.kind !== 'buildings') throw new Error('expected buildings');
    expect(Array.from(layer.data.features.drawn)).toEqual([1, 1, 0, 1, 1]);
  });

  it('gives the line of a duplicate in a line-delimited file, and ignores features without ids', () => {
    const text = [feature('x', 7.42), feature(undefined, 7.421), feature(undefined, 7.422), feature('x', 7.423)].map((f) => JSON.stringify(f)).join('\n\n');
    const layer = ingestText(text, 'x.geojsonl', 'auto');
    expect(layer.rejected).toEqual([expect.objectContaining({ index: 3, id: 'x', code: 'duplicate-id', detail: '0', line: 7 })]);
    expect(layer.stats.drawn).toBe(3);
  });

  it('refuses a file whose only drawable features are duplicates, naming the reason', () => {
    const features: unknown[] = [{ type: 'Feature', id: 1, properties: {}, geometry: null }, feature(1, 7.42)];
    expect(rejectDuplicateIds(features).map((r) => r.index)).toEqual([1]);
    // Feature 0's polygon has no ring: nothing is left to draw (a null geometry would be kept, without a location).
    const broken = { type: 'Feature', id: 1, properties: {}, geometry: { type: 'Polygon', coordinates: [] } };
    const text = JSON.stringify({ type: 'FeatureCollection', features: [broken, feature(1, 7.42)] });
    expect(() => ingestText(text, 'x.geojson', 'buildings')).toThrow(/all 2 features were skipped \(feature 0: coordinates: a polygon needs at least one ring\)/);
  });
});

describe('CityJSON through ingest', () => {
  it('reads CityJSON from a .json file by its type, through ingestGeoJsonText too', () => {
    const text = fixture('cityjson/lod2-parts.city.json');
    const layer = ingestGeoJsonText(text, 'auto');
    expect(layer.format).toBe('cityjson');
    expect(layer.kind).toBe('buildings');
    expect(layer.crs).toEqual({ code: 28992, how: 'declared' });
    expect(layer.stats).toMatchObject({ features: 3, drawn: 3, skipped: 0 });
    expect(layer.cityjson).toMatchObject({ version: '2.0', footprints: { ground: 1, lowest: 2, outline: 0 } });
    if (layer.kind !== 'buildings') throw new Error('expected buildings');
    expect(Array.from(layer.data.features.height)).toEqual([6, 9, 12.5]);
    expect(Array.from(layer.data.features.minHeight)).toEqual([0, 3, 0]);
    expect(layer.data.features.area[2]).toBeCloseTo(30 * 30 - 10 * 10, 0);
  });

  it('lists a bad object and draws the rest; refuses bad JSON and an unknown CRS with their messages', () => {
    const layer = ingestText(fixture('cityjson/bad-vertex.city.json'), 'bad-vertex.city.json', 'auto');
    expect(layer.stats).toMatchObject({ features: 2, drawn: 1, skipped: 1 });
    expect(layer.rejected?.[0]).toMatchObject({ index: 1, id: 'b2', code: 'bad-vertex-index', line: 8 });
    expect(() => ingestText(fixture('cityjson/broken-json.city.json'), 'broken-json.city.json', 'auto')).toThrow(/invalid JSON at line 6, column 3/);
    expect(() => ingestText(fixture('cityjson/unknown-crs.city.json'), 'unknown-crs.city.json', 'auto')).toThrow(/EPSG::2154/);
  });

  it('reads a CityJSONSeq by extension and by content', () => {
    const text = fixture('cityjson/seq.city.jsonl');
    for (const name of ['seq.city.jsonl', 'seq.jsonl', 'seq.json']) {
      const layer = ingestText(text, name, 'auto');
      expect(layer.format, name).toBe('cityjsonseq');
      expect(layer.stats, name).toMatchObject({ features: 3, drawn: 2, skipped: 1 });
      expect(layer.rejected?.[0], name).toMatchObject({ code: 'invalid-json-line', line: 3 });
    }
  });

  it('draws the other objects as areas or green when asked, falls back to areas without buildings, and refuses roads', () => {
    const text = fixture('cityjson/lod2-parts.city.json');
    expect(ingestText(text, 'a.json', 'areas').stats.drawn).toBe(2);
    expect(ingestText(text, 'a.json', 'green').stats.drawn).toBe(1);
    expect(() => ingestText(text, 'a.json', 'roads')).toThrow(/load the file as areas/);
    const noBuildings = JSON.parse(text) as { CityObjects: Record<string, unknown> };
    for (const id of ['house-1', 'house-1-p1', 'house-1-p2', 'court-1']) delete noBuildings.CityObjects[id];
    const auto = ingestText(JSON.stringify(noBuildings), 'a.json', 'auto');
    expect([auto.kind, auto.stats.drawn]).toEqual(['areas', 2]);
    expect(() => ingestText(JSON.stringify({ ...noBuildings, CityObjects: {} }), 'a.json', 'auto')).toThrow(/no buildings that can be drawn \(0 city objects\)/);
  });
});

describe('GeoJSON declaring a 3D CRS', () => {
  it('reads EPSG:7415 by its horizontal part (RD New) and says it was declared', () => {
    const rd = [[155000, 463000], [155010, 463000], [155010, 463010], [155000, 463010], [155000, 463000]];
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::7415' } },
      features: [{ type: 'Feature', properties: { height: 5 }, geometry: { type: 'Polygon', coordinates: [rd] } }],
    });
    const layer = ingestText(text, 'rd.geojson', 'auto');
    expect(layer.crs).toEqual({ code: 28992, how: 'declared' });
    const [w, s] = layer.data.lonLatBounds;
    expect(w).toBeCloseTo(5.3872, 3);
    expect(s).toBeCloseTo(52.1552, 3);
  });
});
