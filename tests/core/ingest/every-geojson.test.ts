// Every valid GeoJSON text loads (RFC 7946: a FeatureCollection, a Feature, a bare geometry, a
// GeometryCollection), a file of several geometry kinds loads as one layer with sub-layers, features without
// a location are kept (not skipped), and near-misses load with located warnings — the same through the
// plain whole-text reader (ingestWhole) and the streamed one (ingestStream, text in small pieces).
import { describe, expect, it } from 'vitest';
import { type IngestedLayer, drawnMask, ingestStream, ingestText, ingestWhole, partOf } from '../../../src/core/ingest/index.ts';
import { GeoJsonError, parseGeoJson, unpackProperties } from '../../../src/core/geo/index.ts';
import { exportGeoJson } from '../../../src/core/layerinput/export.ts';

const square = (lon: number, lat: number, d = 0.0003): number[][][] => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const point = (lon: number, lat = 43.73) => ({ type: 'Point', coordinates: [lon, lat] });
const line = (lon: number) => ({ type: 'LineString', coordinates: [[lon, 43.731], [lon + 0.001, 43.732]] });
const polygon = (lon: number) => ({ type: 'Polygon', coordinates: square(lon, 43.733) });
const feature = (geometry: unknown, properties: object = {}) => ({ type: 'Feature', properties, geometry });

/** A layer without its timings, for comparing results. */
function plain(layer: IngestedLayer): unknown {
  const { parseMs: _p, buildMs: _b, ...stats } = layer.stats;
  return { ...layer, stats };
}

/** The text in pieces of `size` characters through the streamed reader. */
function streamed(text: string, name = 'x.geojson', size = 7): IngestedLayer {
  const s = ingestStream(name, 'auto');
  for (let k = 0; k < text.length; k += size) s.push(text.slice(k, k + size));
  return s.finish();
}

/** Both readers on `text`: their results must agree; the plain one is returned. */
function both(text: string, name = 'x.geojson'): IngestedLayer {
  const whole = ingestWhole(text, name, 'auto');
  expect(plain(streamed(text, name))).toEqual(plain(whole));
  expect(plain(ingestText(text, name, 'auto'))).toEqual(plain(whole));
  return whole;
}

/** Each part's kind and how many features it draws itself (the layer's stats count them all). */
const kindsOf = (layer: IngestedLayer) => [layer, ...(layer.parts ?? [])].map((p) => [p.kind, p.data.features.drawn.reduce((a, b) => a + b, 0)]);

describe('every RFC 7946 document shape loads', () => {
  it('a bare Polygon is one flat area, a bare Point one marker', () => {
    const poly = both(JSON.stringify(polygon(7.42)));
    expect(poly.kind).toBe('areas');
    expect(poly.stats).toMatchObject({ features: 1, drawn: 1, skipped: 0 });
    expect(poly.warnings).toBeUndefined();
    const pt = both(JSON.stringify(point(7.42)));
    expect(pt.kind).toBe('points');
    expect(pt.stats).toMatchObject({ features: 1, drawn: 1, skipped: 0 });
    // The plain parser gives the geometry as one feature without properties.
    expect(parseGeoJson(JSON.stringify(point(7.42))).features).toEqual([{ type: 'Feature', properties: {}, geometry: point(7.42) }]);
  });

  it('a GeometryCollection: its members are the features, one per member, in sub-layers by kind', () => {
    const gc = { type: 'GeometryCollection', geometries: [point(7.42), line(7.42), polygon(7.42), polygon(7.421)] };
    const layer = both(JSON.stringify(gc));
    expect(layer.stats).toMatchObject({ features: 4, drawn: 4, skipped: 0 });
    expect(kindsOf(layer)).toEqual([['areas', 2], ['roads', 1], ['points', 1]]);
    expect(partOf(layer, 0)?.kind).toBe('points');
    expect(partOf(layer, 1)?.kind).toBe('roads');
    expect(partOf(layer, 3)?.kind).toBe('areas');
  });

  it('a Feature whose geometry is a GeometryCollection stays one feature, drawn by each kind it holds', () => {
    const f = feature({ type: 'GeometryCollection', geometries: [polygon(7.42), { type: 'GeometryCollection', geometries: [line(7.42)] }] }, { name: 'campus' });
    const layer = both(JSON.stringify(f));
    expect(layer.stats).toMatchObject({ features: 1, drawn: 1, skipped: 0 });
    expect(kindsOf(layer)).toEqual([['areas', 1], ['roads', 1]]);
  });

  it('a single Feature', () => {
    const layer = both(JSON.stringify(feature(polygon(7.42), { building: 'yes', height: 12 })));
    expect(layer.kind).toBe('buildings');
    expect(layer.stats).toMatchObject({ features: 1, drawn: 1, skipped: 0 });
  });

  it('an empty FeatureCollection loads as an empty layer, with a warning', () => {
    const layer = both(JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(layer.stats).toMatchObject({ features: 0, drawn: 0, skipped: 0 });
    expect(layer.warnings?.map((w) => [w.code, w.path])).toEqual([['no-features', '$.features']]);
  });

  it('still refuses what is not GeoJSON, saying what it found', () => {
    expect(() => ingestWhole('{"type": "Topology", "objects": {}}', 'x.json', 'auto')).toThrow(/not GeoJSON: expected a FeatureCollection, Feature or geometry, found "Topology"/);
    expect(() => streamed('{"type": "Topology", "objects": {}}')).toThrow(/found "Topology"/);
    expect(() => parseGeoJson('{"name": "x"}')).toThrow(/no "type"/);
  });
});

describe('a FeatureCollection of several kinds is one layer with sub-layers', () => {
  const features = [
    feature(point(7.420), { name: 'p0' }),
    feature(line(7.420), { name: 'l1', highway: 'primary' }),
    feature(polygon(7.420), { name: 'a2', building: 'yes' }),
    feature(point(7.421), { name: 'p3' }),
    feature(null, { name: '<b>nowhere</b>', note: 'unlocated' }),
    feature(polygon(7.421), { name: 'a5', building: 'house' }),
    feature(point(7.422), { name: 'p6' }),
    feature(line(7.421), { name: 'l7' }),
    feature({ type: 'LineString', coordinates: [[7.42, 'x'], [7.43, 43.73]] }, { name: 'broken line' }),
    feature(point(7.423), { name: 'p9' }),
  ];
  const text = JSON.stringify({ type: 'FeatureCollection', features });

  it('loads every kind: the most common as the main kind, the others as parts, with counts per kind', () => {
    const layer = both(text);
    expect(layer.kind).toBe('points');
    // Polygons tagged as buildings are extruded; every part numbers features as the file does.
    expect(kindsOf(layer)).toEqual([['points', 4], ['buildings', 2], ['roads', 2]]);
    expect(layer.stats).toMatchObject({ features: 10, drawn: 8, skipped: 1, unlocated: 1 });
    for (const p of [layer, ...layer.parts!]) expect(p.data.features.count).toBe(10);
    expect(Array.from(drawnMask(layer))).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 0, 1]);
    // Sub-layers share the layer's properties, not copies.
    for (const p of layer.parts!) expect(p.data.properties).toBe(layer.data.properties);
  });

  it('a broken feature is skipped with the reason of its own kind, not "wrong geometry type"', () => {
    const layer = both(text);
    expect(layer.data.skipped.map((s) => [s.index, s.code, s.detail])).toEqual([[8, 'bad-coordinates', 'coordinates[0]']]);
    for (const p of layer.parts!) expect(p.data.skipped).toEqual([]);
  });

  it('a feature whose geometry is null is kept (a row with its properties, as text), not drawn, not skipped', () => {
    const layer = both(text);
    expect(Array.from(layer.unlocated!)).toEqual([4]);
    expect(layer.data.skipped.some((s) => s.index === 4)).toBe(false);
    expect(partOf(layer, 4)).toBeUndefined();
    expect(unpackProperties(layer.data.properties, 4)).toEqual({ name: '<b>nowhere</b>', note: 'unlocated' });
  });

  it('the layer extent covers every kind, and its export keeps every drawn feature of every kind', () => {
    const layer = both(text);
    const [w, s, e, n] = layer.data.lonLatBounds;
    expect([w, s]).toEqual([7.42, 43.73]);
    expect(e).toBeCloseTo(7.423, 6); // the last point
    expect(n).toBeCloseTo(43.7333, 6); // the polygons' north edge
    const out = JSON.parse(exportGeoJson(text, { fileName: 'x.geojson' }, drawnMask(layer))) as { features: { properties: { name: string } }[] };
    expect(out.features.map((f) => f.properties.name)).toEqual(['p0', 'l1', 'a2', 'p3', 'a5', 'p6', 'l7', 'p9']);
  });

  it('a file of one kind has no parts (unchanged), and an explicit kind keeps the others as parts', () => {
    const one = both(JSON.stringify({ type: 'FeatureCollection', features: [feature(line(7.42)), feature(line(7.43))] }));
    expect(one.parts).toBeUndefined();
    expect(one.unlocated).toBeUndefined();
    const asAreas = ingestWhole(text, 'x.geojson', 'areas');
    expect(kindsOf(asAreas)).toEqual([['areas', 2], ['roads', 2], ['points', 4]]);
  });

  it('a file whose features all lack a location loads as a table (nothing drawn, nothing skipped)', () => {
    const layer = both(JSON.stringify({ type: 'FeatureCollection', features: [feature(null, { a: 1 }), feature(null, { a: 2 })] }));
    expect(layer.stats).toMatchObject({ features: 2, drawn: 0, skipped: 0, unlocated: 2 });
  });
});

describe('near-misses load with located warnings', () => {
  it('a Feature without "type" is read as a Feature, warned at its index and path', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [feature(point(7.42)), { properties: { name: 'x' }, geometry: point(7.421) }] });
    const layer = both(text);
    expect(layer.stats).toMatchObject({ features: 2, drawn: 2, skipped: 0 });
    expect(layer.warnings).toEqual([
      { index: 1, path: '$.features[1].type', code: 'missing-type', message: '$.features[1]: no "type"; read as a Feature (it has "geometry")', detail: 'Feature' },
    ]);
    expect(layer.warningCount).toBe(1);
  });

  it('members and type names in the wrong case ("Type", "FEATURES", "Coordinates", "polygon") are read, each warned where it is', () => {
    const doc = {
      Type: 'featureCollection',
      FEATURES: [
        { type: 'Feature', Properties: { name: 'a' }, Geometry: { TYPE: 'polygon', Coordinates: square(7.42, 43.73) } },
        { type: 'Feature', properties: { name: 'b' }, geometry: point(7.421) },
      ],
    };
    const layer = both(JSON.stringify(doc));
    expect(layer.stats).toMatchObject({ features: 2, drawn: 2, skipped: 0 });
    expect(layer.warnings?.map((w) => [w.index, w.path, w.code])).toEqual([
      [-1, '$.Type', 'wrong-case'],
      [-1, '$.type', 'wrong-case'],
      [-1, '$.FEATURES', 'wrong-case'],
      [0, '$.FEATURES[0].Geometry', 'wrong-case'],
      [0, '$.FEATURES[0].Properties', 'wrong-case'],
      [0, '$.FEATURES[0].Geometry.TYPE', 'wrong-case'],
      [0, '$.FEATURES[0].Geometry.type', 'wrong-case'],
      [0, '$.FEATURES[0].Geometry.Coordinates', 'wrong-case'],
    ]);
    expect(layer.warnings?.[1]?.detail).toBe('"featureCollection" → "FeatureCollection"');
    expect(unpackProperties(layer.data.properties, 0)).toEqual({ name: 'a' });
  });

  it('a streamed FeatureCollection with a wrong-case or missing "type" after its features is read too', () => {
    const features = [feature(point(7.42)), feature(point(7.421))];
    for (const doc of [{ features, Type: 'FeatureCollection' }, { features }]) {
      const layer = both(JSON.stringify(doc));
      expect(layer.stats.drawn).toBe(2);
      expect(layer.warnings?.[0]?.index).toBe(-1);
    }
  });

  it('a Feature without a "geometry" member is kept without a location, warned', () => {
    const layer = both(JSON.stringify({ type: 'FeatureCollection', features: [feature(point(7.42)), { type: 'Feature', properties: { name: 'x' } }] }));
    expect(Array.from(layer.unlocated!)).toEqual([1]);
    expect(layer.warnings?.map((w) => [w.index, w.path, w.code])).toEqual([[1, '$.features[1].geometry', 'missing-geometry']]);
  });

  it('a geometry without "type" is read when its nesting says which (Point, MultiPolygon), and a geometry among features is read as a Feature', () => {
    const doc = { type: 'FeatureCollection', features: [feature({ coordinates: [7.42, 43.73] }), point(7.421)] };
    const layer = both(JSON.stringify(doc));
    expect(layer.stats).toMatchObject({ features: 2, drawn: 2 });
    expect(layer.warnings?.map((w) => [w.index, w.path, w.code, w.detail])).toEqual([
      [0, '$.features[0].geometry.type', 'missing-type', 'Point'],
      [1, '$.features[1]', 'geometry-as-feature', 'Point'],
    ]);
  });

  it('a line-delimited file: the warning gives the line', () => {
    const text = [JSON.stringify(feature(point(7.42))), '', JSON.stringify({ geometry: point(7.421), properties: {} })].join('\n');
    const layer = both(text, 'x.geojsonl');
    expect(layer.warnings?.map((w) => [w.index, w.path, w.code, w.line])).toEqual([[1, '$.type', 'missing-type', 3]]);
  });

  it('what could be read two ways is a located error: the feature is listed (rejected), the rest loads', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature(point(7.42)),
        { type: 'Feature', properties: {}, Geometry: point(7.421), GEOMETRY: point(7.422) },
        feature({ coordinates: [[7.42, 43.73], [7.421, 43.731]] }),
      ],
    };
    const layer = both(JSON.stringify(doc));
    expect(layer.stats).toMatchObject({ features: 3, drawn: 1, skipped: 2 });
    expect(layer.rejected?.map((r) => [r.index, r.code, r.detail])).toEqual([
      [1, 'ambiguous-member', '$.features[1].geometry'],
      [2, 'ambiguous-member', '$.features[2].geometry.type'],
    ]);
    expect(layer.rejected?.[1]?.message).toMatch(/could be a LineString or MultiPoint/);
    // Ambiguous at the top level: the file is refused, saying where.
    const bad = JSON.stringify({ Type: 'FeatureCollection', TYPE: 'Feature', features: [] });
    const err = (() => {
      try {
        ingestWhole(bad, 'x.geojson', 'auto');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(GeoJsonError);
    expect(String((err as Error).message)).toMatch(/ambiguous: \$: both "Type" and "TYPE" could be "type"/);
  });

  it('an exact member wins over its case variants (foreign members), with no warning', () => {
    const layer = both(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', Type: 'x', properties: {}, geometry: point(7.42) }] }));
    expect(layer.warnings).toBeUndefined();
    expect(layer.stats.drawn).toBe(1);
  });
});
