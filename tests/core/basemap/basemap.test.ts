// The basemap's pure parts: sources and their tile URLs, the ?basemap= parameter, Web Mercator tile
// arithmetic placed in the local frame, and the data-drawn ground's shapes from the built-in cities.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type LocalPolygon, BasemapParamError, DATA_GROUND, basemapParam, coverLocalBox, groundShapes, landTriangles, parseBasemapParam, resolveSource, ringSegments,
  settingFromJson, tileCorner, tileQuad, tileUrl, tileXY, tilesInBox,
} from '../../../src/core/basemap/index.ts';
import { createLocalFrame, projectInto } from '../../../src/core/geo/index.ts';

const read = (p: string): string => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');

describe('sources', () => {
  it('OSM standard tiles: the tile.openstreetmap.org template, z 0–19, credited to OpenStreetMap contributors', () => {
    const { source, problem } = resolveSource({ kind: 'osm' });
    expect(problem).toBeNull();
    expect(tileUrl(source!, 16, 55873, 25400)).toBe('https://tile.openstreetmap.org/16/55873/25400.png');
    expect(source!.attribution).toBe('© OpenStreetMap contributors');
    expect(source!.attributionUrl).toBe('https://www.openstreetmap.org/copyright');
    expect([source!.minZoom, source!.maxZoom]).toEqual([0, 19]);
  });

  it('VWorld needs a key; its WMTS REST URL puts the row (y) before the column (x)', () => {
    expect(resolveSource({ kind: 'vworld' })).toEqual({ source: null, problem: 'no-key' });
    expect(resolveSource({ kind: 'vworld', key: '  ' }).problem).toBe('no-key');
    const base = resolveSource({ kind: 'vworld', key: 'ABC-123' }).source!;
    expect(tileUrl(base, 16, 55873, 25400)).toBe('https://api.vworld.kr/req/wmts/1.0.0/ABC-123/Base/16/25400/55873.png');
    const sat = resolveSource({ kind: 'vworld', key: 'K', layer: 'Satellite' }).source!;
    expect(tileUrl(sat, 7, 1, 2)).toBe('https://api.vworld.kr/req/wmts/1.0.0/K/Satellite/7/2/1.jpeg');
    expect(base.minZoom).toBe(6);
  });

  it('a custom XYZ template: {s} cycles a, b, c by x + y; a bad template is refused with its reason', () => {
    const { source } = resolveSource({ kind: 'custom', template: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
    expect(tileUrl(source!, 3, 1, 1)).toBe('https://c.tiles.example.org/3/1/1.png');
    expect(tileUrl(source!, 3, 2, 1)).toBe('https://a.tiles.example.org/3/2/1.png');
    expect(source!.attribution).toBe('tiles.example.org'); // no attribution given: the server is named
    expect(resolveSource({ kind: 'custom', template: 'https://x/{z}/{x}/{y}.png', attribution: '© Me' }).source!.attribution).toBe('© Me');
    expect(resolveSource({ kind: 'custom', template: '' }).problem).toBe('no-template');
    expect(resolveSource({ kind: 'custom', template: 'https://x/{z}/{x}.png' }).problem).toBe('bad-template');
    expect(resolveSource({ kind: 'custom', template: 'ftp://x/{z}/{x}/{y}.png' }).problem).toBe('bad-template');
    expect(resolveSource(DATA_GROUND)).toEqual({ source: null, problem: null });
  });
});

describe('?basemap=', () => {
  it('reads none, data, osm, vworld:<key>[:<layer>] and templates, and writes them back', () => {
    expect(parseBasemapParam('none')).toEqual({ kind: 'data' });
    expect(parseBasemapParam('DATA')).toEqual({ kind: 'data' });
    expect(parseBasemapParam('osm')).toEqual({ kind: 'osm' });
    expect(parseBasemapParam('vworld:KEY1')).toEqual({ kind: 'vworld', key: 'KEY1' });
    expect(parseBasemapParam('vworld:KEY1:Satellite')).toEqual({ kind: 'vworld', key: 'KEY1', layer: 'Satellite' });
    const t = 'http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png';
    expect(parseBasemapParam(t)).toEqual({ kind: 'custom', template: t });
    for (const v of ['none', 'osm', 'vworld:KEY1', 'vworld:KEY1:Satellite', t]) {
      const s = parseBasemapParam(v);
      expect(parseBasemapParam(basemapParam(s))).toEqual(s);
    }
  });

  it('says what is wrong with a value it cannot read', () => {
    const why = (v: string): string => {
      try {
        parseBasemapParam(v);
      } catch (err) {
        expect(err).toBeInstanceOf(BasemapParamError);
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(why('vworld')).toBe('?basemap=vworld: VWorld needs an API key: vworld:<key>');
    expect(why('vworld:K:Night')).toBe("?basemap=vworld:K:Night: unknown VWorld layer 'Night' (one of Base, white, midnight, Satellite, Hybrid)");
    expect(why('https://x/{z}/{y}.png')).toBe('?basemap=https://x/{z}/{y}.png: a tile URL template needs {z}, {x} and {y}');
    expect(why('satellite')).toBe('?basemap=satellite: expected none, osm, vworld:<key> or an http(s) tile URL template with {z}, {x} and {y}');
  });

  it('a remembered setting keeps only known members; anything unreadable is the data ground', () => {
    expect(settingFromJson('{"kind":"vworld","key":"K","layer":"Nope","extra":1}')).toEqual({ kind: 'vworld', key: 'K' });
    expect(settingFromJson('{"kind":"osm"}')).toEqual({ kind: 'osm' });
    expect(settingFromJson('{"kind":"globe"}')).toEqual(DATA_GROUND);
    expect(settingFromJson('not json')).toEqual(DATA_GROUND);
    expect(settingFromJson(null)).toEqual(DATA_GROUND);
  });
});

describe('Web Mercator tiles', () => {
  it('tile numbers and corners (slippy-map scheme)', () => {
    expect(tileXY(0, 0, 1)).toEqual([1, 1]);
    const [lon, lat] = tileCorner(0, 0, 0);
    expect(lon).toBe(-180);
    expect(lat).toBeCloseTo(85.0511287798, 9);
    // Yeouido at z16: tile 55873 / 25388 (x from 180° W, y from the north; checked with the asinh form
    // y = (1 − asinh(tan φ) / π) / 2 · 2^z).
    const [x, y] = tileXY(126.925, 37.526, 16);
    expect([Math.floor(x), Math.floor(y)]).toEqual([55873, 25388]);
    const back = tileCorner(x, y, 16);
    expect(back[0]).toBeCloseTo(126.925, 10);
    expect(back[1]).toBeCloseTo(37.526, 10);
  });

  it('tiles in a box, the middle first, in the same order every time', () => {
    const tiles = tilesInBox(126.90, 37.51, 126.95, 37.54, 14);
    // x 13967–13969 by y 6346–6347; the middle column first.
    expect(tiles.length).toBe(6);
    expect(tiles.slice(0, 2)).toEqual([{ z: 14, x: 13968, y: 6347 }, { z: 14, x: 13968, y: 6346 }]);
    expect(new Set(tiles.map((t) => `${t.x},${t.y}`)).size).toBe(6);
    expect(tilesInBox(126.90, 37.51, 126.95, 37.54, 14)).toEqual(tiles);
  });

  it('covers a local box at the finest zoom within the tile budget and the source zoom range', () => {
    const frame = createLocalFrame(126.925, 37.526);
    const box = [-2000, -1500, 2000, 1500] as const;
    const cover = coverLocalBox(frame, box, { minZoom: 0, maxZoom: 19, maxTiles: 64 });
    // 4 × 3 km: z16 tiles are 486 m, about 10 × 8 = 80 of them, over budget; z15 fits.
    expect(cover.z).toBe(15);
    expect(cover.tiles.length).toBeLessThanOrEqual(64);
    expect(coverLocalBox(frame, box, { minZoom: 0, maxZoom: 19, maxTiles: 100 }).z).toBe(16);
    expect(coverLocalBox(frame, box, { minZoom: 0, maxZoom: 14, maxTiles: 64 }).z).toBe(14);
    // Too big for the budget even at the coarsest zoom: the coarsest allowed zoom anyway.
    expect(coverLocalBox(frame, box, { minZoom: 18, maxZoom: 19, maxTiles: 4 }).z).toBe(18);
    // Every corner of the box lies in a covering tile.
    const at = (t: { x: number; y: number }) => `${t.x},${t.y}`;
    const have = new Set(cover.tiles.map(at));
    const out = new Float64Array(2);
    for (const [bx, by] of [[-2000, -1500], [2000, 1500], [-2000, 1500], [2000, -1500]] as const) {
      // the local corner's lon/lat, through the frame's inverse
      const ll = (() => {
        let lo = 126.925, la = 37.526;
        for (let i = 0; i < 5; i++) {
          projectInto(frame, lo, la, out, 0);
          lo += (bx - out[0]!) / (111320 * Math.cos((la * Math.PI) / 180));
          la += (by - out[1]!) / 110950;
        }
        return [lo, la] as const;
      })();
      const [tx, ty] = tileXY(ll[0], ll[1], cover.z);
      expect(have.has(at({ x: Math.floor(tx), y: Math.floor(ty) }))).toBe(true);
    }
  });

  it('tiles sit in the local frame edge to edge, about 485 m wide at z16 in Seoul', () => {
    const frame = createLocalFrame(126.925, 37.526);
    const a = tileQuad(frame, { z: 16, x: 55873, y: 25400 });
    const b = tileQuad(frame, { z: 16, x: 55874, y: 25400 });
    const below = tileQuad(frame, { z: 16, x: 55873, y: 25401 });
    // a's north-east corner is b's north-west; a's south-west is the tile below's north-west.
    expect(b[0]).toBeCloseTo(a[2]!, 9);
    expect(b[1]).toBeCloseTo(a[3]!, 9);
    expect(below[0]).toBeCloseTo(a[4]!, 9);
    expect(below[1]).toBeCloseTo(a[5]!, 9);
    const width = Math.hypot(a[2]! - a[0]!, a[3]! - a[1]!);
    const height = Math.hypot(a[4]! - a[0]!, a[5]! - a[1]!);
    // East-west: 360°/2^16 of longitude × N cos φ on the WGS84 ellipsoid = 485.9 m; north-south a little
    // less (Web Mercator's latitudes are spherical), within 0.5 %.
    expect(width).toBeCloseTo(485.9, 1);
    expect(Math.abs(height / width - 1)).toBeLessThan(0.005);
    expect(a[1]).toBeGreaterThan(a[5]!); // north above south
  });
});

describe('data-drawn ground', () => {
  it("Monaco: the coastline polygon is land (the sea around it), the six quartiers outlined", () => {
    const frame = createLocalFrame(7.42, 43.735);
    const g = groundShapes(read('assets/city/monaco/admin.geojson'), frame);
    expect(g.land.length).toBeGreaterThanOrEqual(1);
    expect(g.districts.length).toBeGreaterThanOrEqual(6);
    // Local metres within a few km of the origin.
    for (const p of [...g.land, ...g.districts]) for (const ring of p) for (const v of ring) expect(Math.abs(v)).toBeLessThan(5000);
  });

  it('Yeouido: no coastline (the ground is all land), the 여의동 boundary outlined, about 3.6 km across', () => {
    const frame = createLocalFrame(126.925, 37.526);
    const g = groundShapes(read('assets/city/yeouido/districts.geojson'), frame);
    expect(g.land).toEqual([]);
    expect(g.districts.length).toBe(1);
    const ring = g.districts[0]![0]!;
    let x0 = Infinity, x1 = -Infinity;
    for (let i = 0; i < ring.length; i += 2) {
      x0 = Math.min(x0, ring[i]!);
      x1 = Math.max(x1, ring[i]!);
    }
    // The clip box of the Yeouido files spans 126.9077–126.9504° E (SOURCE.txt): 3.77 km at 37.53° N.
    expect(x1 - x0).toBeGreaterThan(3000);
    expect(x1 - x0).toBeLessThan(3780);
  });

  /** Shoelace area of a ring of flat x, y pairs, m² (absolute). */
  const ringArea = (ring: ArrayLike<number>): number => {
    let a = 0;
    for (let i = 0, n = ring.length / 2, j = n - 1; i < n; j = i, i++) a += ring[2 * j]! * ring[2 * i + 1]! - ring[2 * i]! * ring[2 * j + 1]!;
    return Math.abs(a) / 2;
  };

  it("triangulates land to its exact area (holes left out), and outlines each district ring edge by edge", () => {
    const frame = createLocalFrame(7.42, 43.735);
    const g = groundShapes(read('assets/city/monaco/admin.geojson'), frame);
    // A 100 m square with a 20 m square hole, and Monaco's coastline polygon (a 55 m islet off Fontvieille:
    // the file has no polygon of the whole land, so the data-drawn ground is water elsewhere).
    const square: LocalPolygon = [Float64Array.from([0, 0, 100, 0, 100, 100, 0, 100]), Float64Array.from([40, 40, 40, 60, 60, 60, 60, 40])];
    const land = [square, ...g.land];
    const { xy, index } = landTriangles(land);
    expect(index.length % 3).toBe(0);
    let triangles = 0;
    for (let t = 0; t < index.length; t += 3) {
      const [a, b, c] = [index[t]!, index[t + 1]!, index[t + 2]!];
      triangles += Math.abs((xy[2 * b]! - xy[2 * a]!) * (xy[2 * c + 1]! - xy[2 * a + 1]!) - (xy[2 * c]! - xy[2 * a]!) * (xy[2 * b + 1]! - xy[2 * a + 1]!)) / 2;
    }
    // Outer rings minus holes, by the shoelace formula: the triangles cover the land and nothing else.
    let polygons = 0;
    for (const p of land) p.forEach((ring, r) => (polygons += (r === 0 ? 1 : -1) * ringArea(ring)));
    expect(polygons).toBeCloseTo(9600 + ringArea(g.land[0]![0]!), 6);
    expect(ringArea(g.land[0]![0]!)).toBeCloseTo(1005, 0);
    expect(Math.abs(triangles - polygons) / polygons).toBeLessThan(1e-9);
    // One segment per ring vertex (the closing edge included), end to start around each ring.
    const seg = ringSegments(g.districts);
    let vertices = 0;
    for (const p of g.districts) for (const ring of p) vertices += ring.length / 2;
    expect(seg.length).toBe(4 * vertices);
    const first = g.districts[0]![0]!;
    const n = first.length / 2;
    expect(Array.from(seg.slice(0, 4))).toEqual([first[0], first[1], first[2], first[3]]);
    expect(Array.from(seg.slice(4 * (n - 1), 4 * n))).toEqual([first[2 * n - 2], first[2 * n - 1], first[0], first[1]]);
  });
});
