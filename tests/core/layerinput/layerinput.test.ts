// A researcher's layer as a model input: guessing the mapping from Korean and English property names,
// translating category values, previewing what the models will read, and reading the file (any CRS)
// into the properties the models already understand.
import { describe, expect, it } from 'vitest';
import { applyMapping, guessMapping, mapFeatures, mappedValues, previewMapping, validateMapping } from '../../../src/core/layerinput/index.ts';
import { readModelFeatures } from '../../../src/core/layerinput/read.ts';
import { HeightSource, resolveHeight } from '../../../src/core/geo/index.ts';
import { buildingUseOf } from '../../../src/core/carbon/model/inputs.ts';
import { LandUse, landUseOf } from '../../../src/core/traffic/demand/rates.ts';

/** Rows as a Korean building register export might give them. */
const register = [
  { BLD_NM: '한빛아파트', GRND_FLR: 15, MAIN_PURPS_CD_NM: '공동주택', HEIGHT: '' },
  { BLD_NM: '시청', GRND_FLR: '7', MAIN_PURPS_CD_NM: '업무시설', HEIGHT: 31.5 },
  { BLD_NM: '창고', GRND_FLR: null, MAIN_PURPS_CD_NM: '창고시설' },
  { BLD_NM: '교회', GRND_FLR: 2, MAIN_PURPS_CD_NM: '종교시설' },
  { BLD_NM: '알수없음', MAIN_PURPS_CD_NM: '기타용도' },
];

describe('guessing a mapping', () => {
  it('finds height, storeys and use among Korean building-register columns (case-insensitive)', () => {
    const m = guessMapping('buildings', Object.keys({ ...register[0], ...register[1] }));
    expect(m).toEqual({ role: 'buildings', fields: { height: { property: 'HEIGHT' }, levels: { property: 'GRND_FLR' }, use: { property: 'MAIN_PURPS_CD_NM' } } });
  });

  it('finds the road rank of the standard node-link data', () => {
    expect(guessMapping('roads', ['LINK_ID', 'ROAD_RANK', 'LANES', 'MAX_SPD']).fields).toEqual({
      class: { property: 'ROAD_RANK' }, lanes: { property: 'LANES' }, maxspeed: { property: 'MAX_SPD' },
    });
  });
});

describe('reading features through a mapping', () => {
  const mapping = guessMapping('buildings', ['HEIGHT', 'GRND_FLR', 'MAIN_PURPS_CD_NM']);

  it('translates values and writes the keys the models read; unusable values leave the fallbacks', () => {
    expect(register.map((r) => mappedValues(mapping, r))).toEqual([
      { height: undefined, levels: 15, use: 'apartment' },
      { height: 31.5, levels: 7, use: 'office' },
      { height: undefined, levels: undefined, use: 'unconditioned' },
      { height: undefined, levels: 2, use: 'other' },
      { height: undefined, levels: undefined, use: undefined },
    ]);
    const props = register.map((r) => applyMapping(mapping, r));
    // Heights: 15 storeys × 3 m; the tagged 31.5 m; the estimate for a garage-like use; 2 storeys.
    expect(props.map((p) => resolveHeight(p).height)).toEqual([45, 31.5, 3, 6, 9]);
    expect(props.map((p) => resolveHeight(p).source)).toEqual([HeightSource.Levels, HeightSource.Height, HeightSource.Estimate, HeightSource.Levels, HeightSource.Estimate]);
    // The carbon model and the traffic demand model read the same use.
    expect(props.map(buildingUseOf)).toEqual(['apartment', 'office', 'unconditioned', 'other', 'mixed']);
    expect(props.map(landUseOf)).toEqual([LandUse.residential, LandUse.office, LandUse.none, LandUse.other, LandUse.unknown]);
    expect(props[0]!['BLD_NM']).toBe('한빛아파트'); // the file's own properties stay
  });

  it('a value chosen by the user wins over a known translation; a scale converts units', () => {
    const custom = { role: 'buildings' as const, fields: { use: { property: 'MAIN_PURPS_CD_NM', values: { 기타용도: 'commercial', 공동주택: 'house' } }, height: { property: 'h_ft', scale: 0.3048 } } };
    expect(mappedValues(custom, { MAIN_PURPS_CD_NM: '기타용도', h_ft: 100 })).toEqual({ height: 30.48, levels: undefined, use: 'commercial' });
    expect(mappedValues(custom, { MAIN_PURPS_CD_NM: '공동주택' })['use']).toBe('house');
  });

  it('road ranks 101–108 become the network classes; one-way values are read', () => {
    const m = { role: 'roads' as const, fields: { class: { property: 'ROAD_RANK' }, lanes: { property: 'LANES' }, oneway: { property: 'ONEWAY' } } };
    const read = ['101', '103', '104', '106', '107', '108'].map((r) => applyMapping(m, { ROAD_RANK: r, LANES: 2, ONEWAY: 'Y' }));
    expect(read.map((p) => p['highway'])).toEqual(['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential']);
    expect(read[0]).toMatchObject({ lanes: 2, oneway: 'yes' });
  });

  it('property names such as __proto__ are plain data', () => {
    const hostile = JSON.parse('{"__proto__": "apartments", "constructor": 3}') as Record<string, unknown>;
    const m = { role: 'buildings' as const, fields: { use: { property: '__proto__' }, levels: { property: 'constructor' } } };
    const out = applyMapping(m, hostile);
    expect(out['use']).toBe('apartment');
    expect(out['building:levels']).toBe(3);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['use']).toBeUndefined();
  });
});

describe('preview', () => {
  it('counts usable values per field, lists untranslated values, and flags a required field with none', () => {
    const p = previewMapping(guessMapping('buildings', ['HEIGHT', 'GRND_FLR', 'MAIN_PURPS_CD_NM']), register, 2);
    expect(p.total).toBe(5);
    expect(p.coverage).toEqual([
      { id: 'height', usable: 1, unmatched: [] },
      { id: 'levels', usable: 3, unmatched: [] },
      { id: 'use', usable: 4, unmatched: [{ value: '기타용도', count: 1 }] },
    ]);
    expect(p.heights).toEqual([{ m: 45, source: 'levels' }, { m: 31.5, source: 'height' }]);
    expect(p.missingRequired).toEqual([]);
    const roads = previewMapping({ role: 'roads', fields: {} }, [{ a: 1 }]);
    expect(roads.missingRequired).toEqual(['class']);
  });

  it('rejects a saved mapping with an unknown role, field or category, saying where', () => {
    expect(() => validateMapping({ role: 'rivers', fields: {} })).toThrow('unknown role "rivers": one of buildings, roads, green, districts, carbonMap, stations');
    expect(() => validateMapping({ role: 'roads', fields: { width: {} } })).toThrow('fields.width: roads has no field "width" (fields: class, lanes, maxspeed, oneway)');
    expect(() => validateMapping({ role: 'green', fields: { cover: { property: 'lc', values: { '3': 'jungle' } } } })).toThrow(
      'fields.cover.values["3"]: "jungle" is not one of forest, park, garden, cemetery, grass, water, other',
    );
    expect(validateMapping({ role: 'green', fields: { cover: { property: 'lc', values: { '3': 'forest' } } } })).toEqual({ role: 'green', fields: { cover: { property: 'lc', values: { '3': 'forest' } } } });
  });
});

describe('reading a layer file for a model', () => {
  it('a file in EPSG:5186 (declared) with Korean columns reaches the model in lon/lat with mapped keys', () => {
    // The projection's own origin: 127°E 38°N is at false easting 200,000 m, false northing 600,000 m.
    const lonLat: [number, number] = [127, 38];
    const [x, y] = [200_000, 600_000];
    const ring = [[x, y], [x + 20, y], [x + 20, y + 20], [x, y + 20], [x, y]];
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::5186' } },
      features: [{ type: 'Feature', properties: { 층수: 12, 용도: '업무시설' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
    });
    const mapping = guessMapping('buildings', ['층수', '용도']);
    const [f] = readModelFeatures(text, { fileName: 'gangnam.geojson', mapping }) as { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[];
    const [lon, lat] = f!.geometry.coordinates[0]![0]!;
    expect(lon).toBeCloseTo(lonLat[0], 7);
    expect(lat).toBeCloseTo(lonLat[1], 7);
    expect(f!.properties).toMatchObject({ 층수: 12, 'building:levels': 12, use: 'office', building: 'office' });
  });

  it('a declared 3D CRS (RD New + NAP, EPSG:7415) is read by its horizontal part, as the map draws it', () => {
    // The RD New origin, Amersfoort: x 155,000 m, y 463,000 m = 52.1551744°N 5.3872062°E.
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::7415' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [155_000, 463_000, 3] } }],
    });
    const [f] = readModelFeatures(text, { fileName: 'nl.geojson' }) as { geometry: { coordinates: number[] } }[];
    expect(f!.geometry.coordinates[0]).toBeCloseTo(5.3872062, 4);
    expect(f!.geometry.coordinates[1]).toBeCloseTo(52.1551744, 4);
  });

  it('newline-delimited files are read line by line; mapFeatures leaves the originals untouched', () => {
    const line = (n: number) => JSON.stringify({ type: 'Feature', properties: { lanes_n: n, ROAD_RANK: '104' }, geometry: { type: 'LineString', coordinates: [[127, 37], [127.001, 37]] } });
    const features = readModelFeatures(`${line(2)}\n${line(3)}\n`, { fileName: 'links.ndjson' });
    const mapped = mapFeatures({ role: 'roads', fields: { class: { property: 'ROAD_RANK' }, lanes: { property: 'lanes_n' } } }, features) as { properties: Record<string, unknown> }[];
    expect(mapped.map((f) => [f.properties['highway'], f.properties['lanes']])).toEqual([['primary', 2], ['primary', 3]]);
    expect((features[0] as { properties: Record<string, unknown> }).properties['highway']).toBeUndefined();
  });
});
