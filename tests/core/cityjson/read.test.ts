// CityJSON reading on hand-made files (tests/fixtures/cityjson/README.md): LoD2 with parts and semantics,
// holes, LoD choice, height rules, broken files with located errors, CityJSONSeq, and footprints alone.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CityJsonError, type Surface, footprintOf, readCityJson, ringArea } from '../../../src/core/cityjson/index.ts';
import { toWgs84 } from '../../../src/core/crs/index.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/cityjson/${name}`, import.meta.url), 'utf8');

/** A minimal CityJSON document around the given objects and vertices (RD New origin, mm). */
const doc = (objects: Record<string, unknown>, vertices: unknown[][], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [0.001, 0.001, 0.001], translate: [155000, 463000, 0] },
    metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/7415' },
    CityObjects: objects,
    vertices,
    ...extra,
  });

/** Vertices and Solid boundaries of an axis-aligned box (mm). */
function box(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, base = 0): { vertices: number[][]; shell: number[][][] } {
  const vertices = [[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]];
  const v = (i: number): number => base + i;
  const shell = [[[v(0), v(3), v(2), v(1)]], [[v(4), v(5), v(6), v(7)]], [[v(0), v(1), v(5), v(4)]], [[v(1), v(2), v(6), v(5)]], [[v(2), v(3), v(7), v(6)]], [[v(3), v(0), v(4), v(7)]]];
  return { vertices, shell };
}

/** RD New metres -> lon/lat through the project's transform (the tile test checks that one independently). */
const lonLat = (x: number, y: number): number[] => Array.from(toWgs84(28992)([x, y]));

describe('CityJSON 2.0 with building parts (lod2-parts.city.json)', () => {
  const cj = readCityJson(fixture('lod2-parts.city.json'), { areas: true });

  it('draws the parts instead of the building, the courtyard building, and counts every object', () => {
    expect(cj.features.map((f) => f.id)).toEqual(['house-1-p1', 'house-1-p2', 'court-1']);
    expect(cj.objects).toEqual({
      total: 6, buildings: 2, drawnBuildings: 2, parts: 2, drawnParts: 2, other: 2,
      byType: { Building: 2, BuildingPart: 2, PlantCover: 1, Road: 1 },
    });
    expect(cj.skipped).toEqual([]);
    expect(cj.crs).toBe(28992);
    expect(cj.referenceSystem).toBe('https://www.opengis.net/def/crs/EPSG/0/7415');
  });

  it('reads the highest LoD, the GroundSurface, and heights above the family ground (a floating part gets min_height)', () => {
    const [p1, p2, court] = cj.features;
    expect(cj.footprintMethods).toEqual(['ground', 'lowest', 'lowest']);
    expect(p1!.properties).toMatchObject({ height: 6, cityjson_type: 'BuildingPart', cityjson_parent: 'house-1', storeys: 2, name: 'house with an annex' });
    expect(p1!.properties['min_height']).toBeUndefined();
    expect(p2!.properties).toMatchObject({ height: 9, min_height: 3, cityjson_parent: 'house-1' });
    // roofheight (12.5) wins over the z extent (12).
    expect(court!.properties).toMatchObject({ height: 12.5, roofheight: 12.5, cityjson_type: 'Building' });
  });

  it('keeps a courtyard as a hole, outer ring counter-clockwise, in the right place', () => {
    const court = cj.features[2]!;
    const [outer, hole] = court.geometry.coordinates[0]!;
    expect(court.geometry.coordinates).toHaveLength(1);
    expect(outer).toHaveLength(5);
    expect(hole).toHaveLength(5);
    const flat = (r: number[][]): number[] => r.slice(0, -1).flat();
    expect(ringArea(flat(outer!))).toBeGreaterThan(0);
    expect(ringArea(flat(hole!))).toBeLessThan(0);
    const sw = lonLat(155030, 463000);
    const corners = outer!.map((p) => Math.hypot(p[0]! - sw[0]!, p[1]! - sw[1]!));
    expect(Math.min(...corners)).toBeLessThan(1e-9);
  });

  it('outlines the road and the grass as areas', () => {
    expect(cj.areas.map((f) => [f.id, f.properties['cityjson_type']])).toEqual([['road-1', 'Road'], ['grass-1', 'PlantCover']]);
    expect(cj.areas[0]!.geometry.coordinates[0]![0]).toHaveLength(5); // two triangles -> one rectangle
  });
});

describe('broken CityJSON', () => {
  it('names the object, the geometry path and the line for a vertex index out of range; draws the rest', () => {
    const cj = readCityJson(fixture('bad-vertex.city.json'));
    expect(cj.features.map((f) => f.id)).toEqual(['b1']);
    expect(cj.skipped).toEqual([
      {
        index: 1,
        id: 'b2',
        code: 'bad-vertex-index',
        message: 'object "b2": geometry[0].boundaries[0][2][0][1] refers to vertex 99, but there are 8 vertices (0–7)',
        detail: 'geometry[0].boundaries[0][2][0][1] = 99',
        line: 8,
        column: 5,
      },
    ]);
    expect(cj.objects.drawnBuildings).toBe(1);
  });

  it('refuses an unsupported CRS by name', () => {
    expect(() => readCityJson(fixture('unknown-crs.city.json'))).toThrow(/unsupported CRS "urn:ogc:def:crs:EPSG::2154" \(EPSG:2154\)/);
    try {
      readCityJson(fixture('unknown-crs.city.json'));
    } catch (err) {
      expect(err).toBeInstanceOf(CityJsonError);
      expect((err as CityJsonError).code).toBe('unsupported-crs');
    }
  });

  it('locates invalid JSON by line and column', () => {
    let caught: unknown;
    try {
      readCityJson(fixture('broken-json.city.json'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CityJsonError);
    expect(caught).toMatchObject({ code: 'invalid-json', line: 6, column: 3 });
    expect((caught as Error).message).toMatch(/^invalid JSON at line 6, column 3/);
  });

  it('refuses empty text, a non-CityJSON document, a bad transform and a missing vertices array', () => {
    expect(() => readCityJson('  \n')).toThrow(/empty/);
    expect(() => readCityJson('{"type": "FeatureCollection", "features": []}')).toThrow(/"type" must be "CityJSON", found "FeatureCollection"/);
    expect(() => readCityJson(doc({}, [], { transform: { scale: [1, 1], translate: [0, 0, 0] } }))).toThrow(/transform must have "scale" and "translate"/);
    expect(() => readCityJson(doc({}, [], { vertices: 'none' }))).toThrow(/"vertices" must be an array/);
    expect(() => readCityJson(JSON.stringify({ type: 'CityJSONFeature', id: 'x', CityObjects: {}, vertices: [] }))).toThrow(/CityJSONFeature/);
  });

  it('skips objects with bad vertices, unsupported or missing geometry, each with its reason', () => {
    const a = box(0, 1000, 0, 1000, 0, 3000);
    const objects = {
      ok: { type: 'Building', geometry: [{ type: 'Solid', lod: '1', boundaries: [a.shell] }] },
      nan: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[[0, 1, 8]]] }] },
      inst: { type: 'Building', geometry: [{ type: 'GeometryInstance', template: 0, boundaries: [0], transformationMatrix: [] }] },
      bare: { type: 'Building', attributes: { note: 'no geometry' } },
      notidx: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[[0, 1.5, 2]]] }] },
      typeless: { attributes: {} },
    };
    const cj = readCityJson(doc(objects, [...a.vertices, ['x', 0, 0]]));
    expect(cj.features.map((f) => f.id)).toEqual(['ok']);
    expect(cj.skipped.map((s) => [s.index, s.id, s.code, s.detail])).toEqual([
      [1, 'nan', 'bad-vertex', 'vertices[8]'],
      [2, 'inst', 'unsupported-geometry', 'GeometryInstance'],
      [3, 'bare', 'no-geometry', undefined],
      [4, 'notidx', 'bad-geometry', 'geometry[0].boundaries[0][0][1]'],
      [5, 'typeless', 'not-a-city-object', undefined],
    ]);
    expect(cj.objects.byType).toEqual({ '(no type)': 1, Building: 5 });
  });

  it('does not let hostile ids, types or attribute names reach Object.prototype', () => {
    const a = box(0, 1000, 0, 1000, 0, 3000);
    // Object literals would swallow "__proto__", so the hostile names are written into the JSON text.
    const text = doc({ b: { type: 'Building', attributes: { hostile: 'x', constructor: 1 }, geometry: [{ type: 'Solid', lod: 1, boundaries: [a.shell] }] } }, a.vertices)
      .replace('"b":', '"__proto__": {"type": "__proto__"}, "b":')
      .replace('"hostile":', '"__proto__":');
    const cj = readCityJson(text);
    expect(cj.objects.byType['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>)['type']).toBeUndefined();
    expect(Object.hasOwn(cj.features[0]!.properties, '__proto__')).toBe(true);
  });
});

describe('CRS, versions and sequences', () => {
  const a = box(0, 10000, 0, 10000, 0, 4000);
  const objects = { b: { type: 'Building', geometry: [{ type: 'Solid', lod: 1, boundaries: [a.shell] }] } };

  it('reads CityJSON 1.0 URNs, 1.1/2.0 URLs and plain EPSG names; a chosen CRS overrides the file', () => {
    for (const name of ['urn:ogc:def:crs:EPSG::7415', 'https://www.opengis.net/def/crs/EPSG/0/7415', 'EPSG:28992', 'http://www.opengis.net/def/crs/EPSG/0/28992']) {
      const cj = readCityJson(doc(objects, a.vertices, { metadata: { referenceSystem: name } }));
      expect([cj.crs, cj.crsHow], name).toEqual([28992, 'declared']);
    }
    const given = readCityJson(doc(objects, a.vertices), { crs: 28992 });
    expect(given.crsHow).toBe('given');
  });

  it('infers the CRS when the file has none, or asks when it cannot tell', () => {
    // Lon/lat vertices (no transform): read as WGS84.
    const ll = readCityJson(doc(objects, a.vertices.map(([x, y, z]) => [7.42 + x! * 1e-8, 43.73 + y! * 1e-8, z! / 1000]), { metadata: {}, transform: undefined }));
    expect([ll.crs, ll.crsHow]).toEqual([4326, 'default']);
    expect(ll.features).toHaveLength(1);
    // Korea 2000 Central Belt numbers near Seoul fit several belts: the user must choose.
    const seoul = a.vertices.map(([x, y, z]) => [198000 + x! / 1000, 551000 + y! / 1000, z! / 1000]);
    expect(() => readCityJson(doc(objects, seoul, { metadata: {}, transform: undefined }))).toThrow(/no metadata.referenceSystem .* fit several coordinate systems \(EPSG:5186/);
  });

  it('reads a CityJSONSeq, listing a broken line by number', () => {
    const cj = readCityJson(fixture('seq.city.jsonl'));
    expect(cj.format).toBe('cityjsonseq');
    expect(cj.features.map((f) => [f.id, f.properties['height']])).toEqual([['s1', 4], ['s3', 7]]);
    expect(cj.skipped).toHaveLength(1);
    expect(cj.skipped[0]).toMatchObject({ code: 'invalid-json-line', line: 3, index: 1 });
    expect(cj.objects).toMatchObject({ total: 2, buildings: 2, drawnBuildings: 2 });
  });
});

describe('footprints', () => {
  const ring = (pts: number[][]): Float64Array => Float64Array.from(pts.flat());
  const area = (polys: number[][][]): number => polys.reduce((s, p) => s + p.reduce((t, r) => t + ringArea(r), 0), 0);

  it('merges a triangulated bottom into one ring, and ignores the walls and the roof', () => {
    const bottom: Surface[] = [
      { rings: [ring([[0, 0, 0], [0, 10, 0], [10, 10, 0]])] },
      { rings: [ring([[0, 0, 0], [10, 10, 0], [10, 0, 0]])] },
    ];
    const roof: Surface = { rings: [ring([[0, 0, 5], [10, 0, 5], [10, 10, 5], [0, 10, 5]])] };
    const wall: Surface = { rings: [ring([[0, 0, 0], [10, 0, 0], [10, 0, 5], [0, 0, 5]])] };
    const fp = footprintOf([roof, wall, ...bottom], true, 0.001)!;
    expect(fp.method).toBe('lowest');
    expect(fp.polygons).toHaveLength(1);
    expect(fp.polygons[0]).toHaveLength(1);
    expect(fp.polygons[0]![0]).toHaveLength(8); // four corners
    expect(area(fp.polygons)).toBeCloseTo(100, 9);
  });

  it('falls back to the outline of sloped roofs when no surface is horizontal (a gable roof alone)', () => {
    const roofs: Surface[] = [
      { rings: [ring([[0, 0, 3], [10, 0, 3], [10, 5, 6], [0, 5, 6]])] },
      { rings: [ring([[0, 5, 6], [10, 5, 6], [10, 10, 3], [0, 10, 3]])] },
    ];
    const fp = footprintOf(roofs, true, 0.001)!;
    expect(fp.method).toBe('outline');
    expect(area(fp.polygons)).toBeCloseTo(100, 9);
    expect(footprintOf([{ rings: [ring([[0, 0, 0], [10, 0, 0], [10, 0, 5], [0, 0, 5]])] }], true, 0.001)).toBeNull();
  });

  it('keeps two separate bottoms as two polygons, larger first', () => {
    const sq = (x: number, d: number): Surface => ({ rings: [ring([[x, 0, 0], [x + d, 0, 0], [x + d, d, 0], [x, d, 0]])] });
    const fp = footprintOf([sq(0, 2), sq(10, 5)], true, 0.001)!;
    expect(fp.polygons.map((p) => ringArea(p[0]!))).toEqual([25, 4]);
  });
});

describe('footprints that are not the lowest surface', () => {
  const ring = (pts: number[][]): Float64Array => Float64Array.from(pts.flat());

  it('uses the outline of the roofs when a low flat roof is not the whole building (roof-only LoD2)', () => {
    // A 10 × 10 m gable roof (eaves at 6 m) and a flat garage roof at 3 m on its east side, 4 × 10 m.
    const surfaces: Surface[] = [
      { rings: [ring([[0, 0, 6], [10, 0, 6], [10, 5, 9], [0, 5, 9]])] },
      { rings: [ring([[0, 5, 9], [10, 5, 9], [10, 10, 6], [0, 10, 6]])] },
      { rings: [ring([[10, 0, 3], [14, 0, 3], [14, 10, 3], [10, 10, 3]])] },
    ];
    const fp = footprintOf(surfaces, true, 0.001)!;
    expect(fp.method).toBe('outline');
    expect(fp.polygons.reduce((s, p) => s + ringArea(p[0]!), 0)).toBeCloseTo(140, 9);
  });

  it('ignores the cavities of a solid (inner shells)', () => {
    const outer = box(0, 10000, 0, 10000, 0, 5000);
    const inner = box(2000, 4000, 2000, 4000, -1000, 1000, 8); // a cavity reaching lower than the floor
    const text = doc({ b: { type: 'Building', geometry: [{ type: 'Solid', lod: '1', boundaries: [outer.shell, inner.shell] }] } }, [...outer.vertices, ...inner.vertices]);
    const f = readCityJson(text).features[0]!;
    expect(f.properties).toMatchObject({ height: 5 });
    expect(f.geometry.coordinates[0]).toHaveLength(1);
  });
});
