import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CarbonMapError,
  type CarbonMap,
  type CarbonMapPoints,
  type CarbonMapPolygons,
  importCarbonMap,
  listCsvValueColumns,
  listValueProperties,
  parseCsv,
  parseNumber,
} from '../../../../src/core/carbon/import/index.ts';
import { CrsError, fromWgs84, toWgs84 } from '../../../../src/core/crs/index.ts';
import { GeoJsonError, buildPolygonLayer, createLocalFrame, parseGeoJson } from '../../../../src/core/geo/index.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/carbonmap/${name}`, import.meta.url), 'utf8');

/** co2_t of the fixture grid, cell r0c0 … r2c2 (see tests/fixtures/carbonmap/README.md). */
const GRID_VALUES = [12.5, 30, 7.25, -4.5, 18, 22.75, 9, NaN, 15.5];
const FRAME = createLocalFrame(126.978, 37.566);

const polygons = (m: CarbonMap): CarbonMapPolygons => {
  if (m.kind !== 'polygons') throw new Error(`expected polygons, got ${m.kind}`);
  return m;
};
const points = (m: CarbonMap): CarbonMapPoints => {
  if (m.kind !== 'points') throw new Error(`expected points, got ${m.kind}`);
  return m;
};
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
};
/** The grid fixture without its `crs` member. */
const gridWithoutCrs = (): string => {
  const root = JSON.parse(fixture('grid-5186.geojson')) as Record<string, unknown>;
  delete root['crs'];
  return JSON.stringify(root);
};

describe('GeoJSON polygons (grid-5186.geojson)', () => {
  it('reads the declared CRS, the values (NaN where missing) and reprojects to WGS84', () => {
    const m = polygons(importCarbonMap({ format: 'geojson', text: fixture('grid-5186.geojson') }, { property: 'co2_t', frame: FRAME }));
    expect(m.crs).toEqual({ code: 5186, chosen: 'declared', declaredName: 'urn:ogc:def:crs:EPSG::5186' });
    expect(Array.from(m.values)).toEqual(GRID_VALUES);
    expect(m.missing).toBe(1);
    expect(m.valueRange).toEqual([-4.5, 30]);
    expect(m.total).toBe(9);
    expect(m.skipped).toEqual([]);
    expect(Array.from(m.sourceIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.features.map((f) => f.id)).toEqual(['r0c0', 'r0c1', 'r0c2', 'r1c0', 'r1c1', 'r1c2', 'r2c0', 'r2c1', 'r2c2']);
    const first = m.features[0]!.geometry.coordinates[0]![0] as number[];
    const expected = toWgs84(5186)([198000, 551700]);
    expect(first[0]).toBe(expected[0]);
    expect(first[1]).toBe(expected[1]);
    expect(m.frame).toBe(FRAME);
    // The grid is 300 m × 300 m, turned against the local frame by the meridian convergence between the
    // belt's central meridian (127°E) and the frame's (126.978°E), (127 - 126.978)·sin 37.57° ≈ 0.0134°:
    // its box is 300·(cos γ + sin γ) ≈ 300.07 m wide.
    expect(m.bounds[2] - m.bounds[0]).toBeCloseTo(300.07, 2);
    expect(m.bounds[3] - m.bounds[1]).toBeCloseTo(300.07, 2);
  });

  it('gives features buildPolygonLayer draws: 9 cells of 100 m × 100 m', () => {
    const m = polygons(importCarbonMap({ format: 'geojson', text: fixture('grid-5186.geojson') }, { property: 'co2_t', frame: FRAME }));
    const layer = buildPolygonLayer(m.features, { frame: m.frame, mode: 'flat', flatZ: 0 });
    expect(layer.skipped).toEqual([]);
    expect(Array.from(layer.features.drawn)).toEqual(new Array(9).fill(1));
    for (const a of layer.features.area) expect(a).toBeCloseTo(10000, 1);
  });

  it('infers the CRS when the file has no crs member, and flags the belt ambiguity', () => {
    const m = importCarbonMap({ format: 'geojson', text: gridWithoutCrs() }, { property: 'co2_t' });
    expect(m.crs.chosen).toBe('inferred');
    expect(m.crs.code).toBe(5186);
    expect(m.crs.guess?.confidence).toBe('ambiguous');
    expect(m.crs.guess?.candidates.map((c) => c.code)).toContain(5187);
    // Without a frame, one is centred on the data.
    const [w, s, e, n] = m.lonLatBounds;
    expect(m.frame.lon0).toBeCloseTo((w + e) / 2, 12);
    expect(m.frame.lat0).toBeCloseTo((s + n) / 2, 12);
  });

  it('uses the CRS the caller gives, over the file or the guess', () => {
    const given = importCarbonMap({ format: 'geojson', text: gridWithoutCrs() }, { property: 'co2_t', crs: 5186 });
    expect(given.crs).toEqual({ code: 5186, chosen: 'given' });
    const override = polygons(importCarbonMap({ format: 'geojson', text: fixture('grid-5186.geojson') }, { property: 'co2_t', crs: 5187 }));
    expect(override.crs).toEqual({ code: 5187, chosen: 'given', declaredName: 'urn:ogc:def:crs:EPSG::5186' });
    // The East Belt reads the same numbers exactly 2° further east.
    const a = polygons(given).features[0]!.geometry.coordinates[0]![0] as number[];
    const b = override.features[0]!.geometry.coordinates[0]![0] as number[];
    expect(b[0]! - a[0]!).toBeCloseTo(2, 9);
    expect(b[1]).toBeCloseTo(a[1]!, 9);
  });

  it('is deterministic', () => {
    const text = fixture('grid-5186.geojson');
    const a = polygons(importCarbonMap({ format: 'geojson', text }, { property: 'co2_t', frame: FRAME }));
    const b = polygons(importCarbonMap({ format: 'geojson', text }, { property: 'co2_t', frame: FRAME }));
    expect(JSON.stringify(a.features)).toBe(JSON.stringify(b.features));
    expect(a.bounds).toEqual(b.bounds);
  });

  it('lists the numeric properties, numbers written as text included', () => {
    const { features } = parseGeoJson(fixture('grid-5186.geojson'));
    expect(listValueProperties(features)).toEqual([
      { name: 'co2_t', count: 8, asText: 1, min: -4.5, max: 30 },
      { name: 'area_m2', count: 9, asText: 0, min: 10000, max: 10000 },
    ]);
  });
});

describe('CSV points', () => {
  const centres = (): number[] => {
    const out: number[] = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out.push(198050 + 100 * c, 551750 + 100 * r);
    return out;
  };

  it('points-5186.csv: values, WGS84 and local metres, with the CRS given', () => {
    const m = points(importCarbonMap({ format: 'csv', text: fixture('points-5186.csv') }, { property: 'co2_t', crs: 5186, frame: FRAME }));
    expect(m.crs).toEqual({ code: 5186, chosen: 'given' });
    expect(Array.from(m.values)).toEqual(GRID_VALUES);
    expect(m.skipped).toEqual([]);
    expect(Array.from(m.lonLat)).toEqual(Array.from(toWgs84(5186)(centres())));
    // Neighbouring centres are 100 m apart in the local frame (scale factor 1 + 4e-8 this near the
    // central meridian), turned by the convergence between 127°E and the frame's meridian (Δλ·sin φ).
    expect(Math.hypot(m.x[1]! - m.x[0]!, m.y[1]! - m.y[0]!)).toBeCloseTo(100, 3);
    expect(Math.hypot(m.x[3]! - m.x[0]!, m.y[3]! - m.y[0]!)).toBeCloseTo(100, 3);
    const convergence = Math.atan2(m.y[1]! - m.y[0]!, m.x[1]! - m.x[0]!) * (180 / Math.PI);
    expect(convergence).toBeCloseTo((127 - FRAME.lon0) * Math.sin((37.567 * Math.PI) / 180), 4);
  });

  it('points-5186-semicolon.csv (";", decimal commas, quotes, CRLF) reads the same as the comma file', () => {
    const a = points(importCarbonMap({ format: 'csv', text: fixture('points-5186.csv') }, { property: 'co2_t', crs: 5186, frame: FRAME }));
    const b = points(importCarbonMap({ format: 'csv', text: fixture('points-5186-semicolon.csv') }, { property: 'co2_t', crs: 5186, frame: FRAME }));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(Array.from(b.lonLat)).toEqual(Array.from(a.lonLat));
    const table = parseCsv(fixture('points-5186-semicolon.csv'));
    expect(table).toMatchObject({ separator: ';', decimalComma: true, hasHeader: true, columns: ['X', 'Y', 'co2_t', 'note'] });
    expect(table.rows[3]!.fields[3]).toBe('park; sink');
  });

  it('infers the CRS of a CSV when none is given', () => {
    const m = importCarbonMap({ format: 'csv', text: fixture('points-5186.csv') }, { property: 'co2_t' });
    expect(m.crs.chosen).toBe('inferred');
    expect(m.crs.code).toBe(5186);
  });

  it('broken.csv: skips the bad number (line 4) and the missing x (line 5), keeps the rest', () => {
    const m = points(importCarbonMap({ format: 'csv', text: fixture('broken.csv') }, { property: 'co2_t', crs: 5186 }));
    expect(m.skipped).toEqual([
      { index: 2, line: 4, code: 'bad-number', message: 'line 4: co2_t "12.x" is not a number' },
      { index: 3, line: 5, code: 'missing-coordinate', message: 'line 5: no x value' },
    ]);
    expect(Array.from(m.values)).toEqual([12.5, 30, 18]);
    expect(Array.from(m.sourceIndex)).toEqual([0, 1, 4]);
    expect(m.total).toBe(5);
  });

  it('lists numeric columns', () => {
    expect(listCsvValueColumns(fixture('points-5186-semicolon.csv'))).toEqual([
      { name: 'X', count: 9, asText: 0, min: 198050, max: 198250 },
      { name: 'Y', count: 9, asText: 0, min: 551750, max: 551950 },
      { name: 'co2_t', count: 8, asText: 0, min: -4.5, max: 30 },
    ]);
  });

  it('reads a headerless file as x, y, value and tab-separated files', () => {
    const m = points(importCarbonMap({ format: 'csv', text: '198050;551750;12,5\n198150;551750;-1,25\n' }, { property: 'value', crs: 5186 }));
    expect(Array.from(m.values)).toEqual([12.5, -1.25]);
    const t = points(importCarbonMap({ format: 'csv', text: 'lon\tlat\tco2\n126.98\t37.56\t4\n' }, { property: 'co2' }));
    expect(t.crs).toMatchObject({ code: 4326, chosen: 'inferred' });
    expect(Array.from(t.lonLat)).toEqual([126.98, 37.56]);
  });

  it('refuses unusable files with the line', () => {
    const csv = (text: string, property = 'co2_t'): CarbonMapError => {
      const e = thrown(() => importCarbonMap({ format: 'csv', text }, { property, crs: 5186 }));
      if (!(e instanceof CarbonMapError)) throw e;
      return e;
    };
    const open = csv('x,y,co2_t\n1,2,3\n"4,5,6\n7,8,9\n');
    expect(open).toMatchObject({ code: 'csv-syntax', line: 3 });
    expect(open.message).toBe('line 3: a quoted field is never closed');
    expect(csv('x,y,co2_t\n198050,551750,"1"2\n')).toMatchObject({ code: 'csv-syntax', line: 2 });
    const noX = csv('\n\nfoo,y,co2_t\n1,2,3\n');
    expect(noX).toMatchObject({ code: 'no-column', line: 3 });
    expect(noX.message).toContain('no x column');
    const noValue = csv('x,y,co2_t\n1,2,3\n', 'co2');
    expect(noValue).toMatchObject({ code: 'no-column', line: 1 });
    expect(noValue.message).toContain('columns: x, y, co2_t');
    expect(csv('x,y,co2_t\n')).toMatchObject({ code: 'empty', line: 1 });
    expect(csv('   \n')).toMatchObject({ code: 'empty' });
    expect(csv('justonecolumn\n1\n')).toMatchObject({ code: 'csv-syntax', line: 1 });
    const none = csv('x,y,co2_t\na,1,2\n3,b,4\n');
    expect(none).toMatchObject({ code: 'nothing-usable', line: 2 });
    expect(none.message).toContain('all 2 rows were skipped');
    expect(none.message).toContain('line 2: x "a" is not a number');
  });

  it('skips points outside the area where the CRS can be used', () => {
    const m = points(importCarbonMap({ format: 'csv', text: 'x,y,v\n198050,551750,1\n9000000,551750,2\n' }, { property: 'v', crs: 5186 }));
    expect(Array.from(m.values)).toEqual([1]);
    expect(m.skipped).toHaveLength(1);
    expect(m.skipped[0]).toMatchObject({ index: 1, line: 3, code: 'out-of-area' });
    expect(m.skipped[0]!.message).toContain('EPSG:5186');
  });
});

describe('GeoJSON points, mixed files and errors', () => {
  const pointFeature = (xy: number[], v: unknown, type = 'Point'): object => ({
    type: 'Feature',
    properties: { co2: v },
    geometry: { type, coordinates: type === 'Point' ? xy : [xy.slice(0, 2), xy.slice(2, 4)] },
  });

  it('reads points (MultiPoint expanded) in the Unified CS, inferred', () => {
    const a = Array.from(fromWgs84(5179)([126.97, 37.56, 126.98, 37.57, 129.07, 35.18]));
    const m = points(importCarbonMap({ format: 'features', features: [pointFeature(a.slice(0, 2), 5), pointFeature(a.slice(2, 6), '7', 'MultiPoint')] }, { property: 'co2' }));
    expect(m.crs).toMatchObject({ code: 5179, chosen: 'inferred' });
    expect(m.crs.guess?.confidence).toBe('certain');
    expect(Array.from(m.values)).toEqual([5, 7, 7]);
    expect(Array.from(m.sourceIndex)).toEqual([0, 1, 1]);
    expect(m.lonLat[4]).toBeCloseTo(129.07, 9);
  });

  it('keeps the majority geometry kind and lists the rest, bad values and bad coordinates', () => {
    const square = (v: unknown): object => ({
      type: 'Feature',
      id: 7,
      properties: { co2: v },
      geometry: { type: 'Polygon', coordinates: [[[126.97, 37.56], [126.971, 37.56], [126.971, 37.561], [126.97, 37.56]]] },
    });
    const features = [
      square(1),
      pointFeature([126.97, 37.56], 2),
      square('lots'),
      square(3),
      { type: 'Feature', properties: { co2: 4 }, geometry: { type: 'Polygon', coordinates: [[[126.97, 'x']]] } },
      { type: 'Feature', properties: { co2: 4 }, geometry: null },
      { type: 'Feature', properties: { co2: 4 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      'nonsense',
      square(5),
    ];
    const m = polygons(importCarbonMap({ format: 'features', features }, { property: 'co2' }));
    expect(Array.from(m.values)).toEqual([1, 3, 5]);
    expect(m.skipped.map((s) => [s.index, s.code])).toEqual([
      [1, 'wrong-geometry-type'],
      [2, 'bad-number'],
      [4, 'bad-coordinates'],
      [5, 'no-geometry'],
      [6, 'wrong-geometry-type'],
      [7, 'not-a-feature'],
    ]);
    expect(m.skipped[1]).toMatchObject({ id: '7', message: 'co2 "lots" is not a number' });
    expect(m.skipped[2]!.message).toContain('coordinates[0][0]');
  });

  it('throws for invalid JSON (located), an unsupported crs member and a missing property', () => {
    const bad = thrown(() => importCarbonMap({ format: 'geojson', text: '{\n "type": "FeatureCollection",\n "features": [\n' }, { property: 'co2_t' }));
    expect(bad).toBeInstanceOf(GeoJsonError);
    expect((bad as GeoJsonError).line).toBe(4);
    const crs = thrown(() =>
      importCarbonMap({ format: 'geojson', text: fixture('grid-5186.geojson').replace('EPSG::5186', 'EPSG::2097') }, { property: 'co2_t' }),
    );
    expect(crs).toBeInstanceOf(CrsError);
    expect((crs as CrsError).message).toContain('urn:ogc:def:crs:EPSG::2097');
    const prop = thrown(() => importCarbonMap({ format: 'geojson', text: fixture('grid-5186.geojson') }, { property: 'co2' }));
    expect(prop).toBeInstanceOf(CarbonMapError);
    expect((prop as CarbonMapError).message).toBe('no feature has the property "co2"; numeric properties: co2_t, area_m2');
    const empty = thrown(() => importCarbonMap({ format: 'geojson', text: '{"type":"FeatureCollection","features":[]}' }, { property: 'co2_t' }));
    expect(empty).toMatchObject({ code: 'empty' });
  });

  it('a declared WGS84 file with projected numbers has nothing usable, and says why', () => {
    const text = fixture('grid-5186.geojson').replace('urn:ogc:def:crs:EPSG::5186', 'urn:ogc:def:crs:OGC:1.3:CRS84');
    const e = thrown(() => importCarbonMap({ format: 'geojson', text }, { property: 'co2_t' }));
    expect(e).toBeInstanceOf(CarbonMapError);
    expect((e as CarbonMapError).code).toBe('nothing-usable');
    expect((e as CarbonMapError).message).toContain('is outside the area where EPSG:4326 can be used — is the CRS right?');
  });
});

describe('hostile property names (hostile-properties.geojson)', () => {
  it('reads values and lists properties without touching Object.prototype', () => {
    const text = fixture('hostile-properties.geojson');
    const m = polygons(importCarbonMap({ format: 'geojson', text }, { property: 'co2_t' }));
    expect(Array.from(m.values)).toEqual([1, 2, 2.5]);
    expect(m.crs).toMatchObject({ code: 4326, chosen: 'inferred' });
    expect(m.crs.guess?.confidence).toBe('certain');
    // Properties pass through as data: the label stays text, "__proto__" stays an own property.
    expect(m.features[0]!.properties['label']).toBe('<img src=x onerror=alert(1)>');
    expect(Object.hasOwn(m.features[1]!.properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    const { features } = parseGeoJson(text);
    const listed = listValueProperties(features);
    expect(listed.map((p) => p.name)).toEqual(['constructor', 'toString', 'co2_t', '__proto__']);
    expect(listed.find((p) => p.name === '__proto__')).toEqual({ name: '__proto__', count: 1, asText: 0, min: 7, max: 7 });
    expect(listed.find((p) => p.name === 'toString')).toMatchObject({ count: 1, asText: 1, min: 5 });

    // "__proto__" as the value: an object is not a number (skipped), 7 is read, absent is missing.
    const proto = polygons(importCarbonMap({ format: 'geojson', text }, { property: '__proto__' }));
    expect(Array.from(proto.values)).toEqual([7, NaN]);
    expect(proto.skipped).toMatchObject([{ index: 0, id: 'h0', code: 'bad-number' }]);
    // A name found only on the prototype ("hasOwnProperty" aside) is not a property of any feature.
    expect(thrown(() => importCarbonMap({ format: 'geojson', text }, { property: 'valueOf' }))).toBeInstanceOf(CarbonMapError);
  });
});

describe('numbers', () => {
  it('reads numbers strictly; decimal commas only when asked', () => {
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('-3e2')).toBe(-300);
    expect(parseNumber('.5')).toBe(0.5);
    for (const s of ['', 'n/a', '1,234.5', '0x10', 'Infinity', '1e999', '12,5', '1 000']) expect(parseNumber(s), s).toBeUndefined();
    expect(parseNumber('12,5', true)).toBe(12.5);
    expect(parseNumber('12.5', true)).toBe(12.5);
    expect(parseNumber('1.234,5', true)).toBeUndefined();
  });
});
