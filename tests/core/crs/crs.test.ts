import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import {
  CRS_CODES,
  CrsError,
  type CrsCode,
  crsFromName,
  crsInfo,
  fromWgs84,
  inferCrs,
  isCrsCode,
  toWgs84,
} from '../../../src/core/crs/index.ts';
import { BESSEL, GRS80, type TmParams, WGS84, fromEcef, molodenskyBadekas, toEcef, tmForward } from './geodesy.ts';

const one = (code: CrsCode, lon: number, lat: number): [number, number] => {
  const r = fromWgs84(code)([lon, lat]);
  return [r[0]!, r[1]!];
};
const back = (code: CrsCode, x: number, y: number): [number, number] => {
  const r = toWgs84(code)([x, y]);
  return [r[0]!, r[1]!];
};

/** Seoul City Hall, 37°33′58″N 126°58′41″E (en.wikipedia.org/wiki/Seoul_City_Hall). */
const CITY_HALL: [number, number] = [126 + 58 / 60 + 41 / 3600, 37 + 33 / 60 + 58 / 3600];

const tm = (ellipsoid: TmParams['ellipsoid'], lon0: number, k0: number, x0: number, y0: number, lat0 = 38): TmParams => ({ ellipsoid, lat0, lon0, k0, x0, y0 });

describe('CRS definitions', () => {
  it('put each natural origin at its false easting and northing (EPSG parameters)', () => {
    const cases: Array<[CrsCode, number, number, number, number]> = [
      [5185, 125, 38, 200000, 600000],
      [5186, 127, 38, 200000, 600000],
      [5187, 129, 38, 200000, 600000],
      [5188, 131, 38, 200000, 600000],
      [5179, 127.5, 38, 1000000, 2000000],
      [32651, 123, 0, 500000, 0],
      [32652, 129, 0, 500000, 0],
      [3857, 0, 0, 0, 0],
    ];
    for (const [code, lon, lat, x, y] of cases) {
      const [px, py] = one(code, lon, lat);
      expect(px, `EPSG:${code} x`).toBeCloseTo(x, 6);
      expect(py, `EPSG:${code} y`).toBeCloseTo(y, 6);
    }
    // Web Mercator's edge at 180°E is pi * 6378137 m (epsg.io/3857 projected bounds ±20037508.34).
    expect(one(3857, 180, 0)[0]).toBeCloseTo(20037508.34, 2);
  });

  it('match published points: epsg.io centre coordinates of the Central and West Belt 2010', () => {
    // epsg.io/102082 (KGD2002 Central Belt 2010, the parameters of EPSG:5186): the centre of its WGS84
    // bounds (126.0–128.0 E, 33.14–38.33 N) is 200000.0, 348641.17.
    const [x1, y1] = one(5186, 127, (33.14 + 38.33) / 2);
    expect(x1).toBeCloseTo(200000.0, 2);
    expect(y1).toBeCloseTo(348641.17, 2);
    // epsg.io/5185: the centre of 122.71–134.28 E, 28.6–40.27 N is 521302.03, 209961.86.
    const [x2, y2] = one(5185, (122.71 + 134.28) / 2, (28.6 + 40.27) / 2);
    expect(x2).toBeCloseTo(521302.03, 2);
    expect(y2).toBeCloseTo(209961.86, 2);
  });

  it('agree with an independent Transverse Mercator (Krüger series) at Seoul City Hall to 1 mm', () => {
    const [lon, lat] = CITY_HALL;
    const cases: Array<[CrsCode, TmParams]> = [
      [5179, tm(GRS80, 127.5, 0.9996, 1000000, 2000000)],
      [5186, tm(GRS80, 127, 1, 200000, 600000)],
      [5187, tm(GRS80, 129, 1, 200000, 600000)],
      [32652, tm(WGS84, 129, 0.9996, 500000, 0, 0)],
      [32651, tm(WGS84, 123, 0.9996, 500000, 0, 0)],
    ];
    for (const [code, params] of cases) {
      const [ex, ey] = tmForward(params, lon, lat);
      const [x, y] = one(code, lon, lat);
      expect(Math.abs(x - ex), `EPSG:${code} x`).toBeLessThan(1e-3);
      expect(Math.abs(y - ey), `EPSG:${code} y`).toBeLessThan(1e-3);
      const [blon, blat] = back(code, ex, ey);
      expect(Math.abs(blon - lon)).toBeLessThan(1e-8);
      expect(Math.abs(blat - lat)).toBeLessThan(1e-8);
    }
    // Seoul City Hall in the Unified CS sits about 46 km west and 48 km south of the false origin's
    // meridian and parallel (127.5 E, 38 N): x ≈ 953.9 km, y ≈ 1952.0 km.
    const [x, y] = one(5179, lon, lat);
    expect(x).toBeGreaterThan(953_800);
    expect(x).toBeLessThan(954_000);
    expect(y).toBeGreaterThan(1_951_900);
    expect(y).toBeLessThan(1_952_100);
  });

  it('EPSG:5174 reproduces the Molodensky-Badekas transformation EPSG:5191 to 1 cm', () => {
    // A point given on the Korean 1985 datum (Bessel), projected with the Modified Central Belt by hand,
    // then shifted to WGS 84 with the published Molodensky-Badekas parameters and pivot (EPSG:5189).
    const t = [-145.907, 505.034, 685.756] as const;
    const r = [-1.162, 2.347, 1.592] as const;
    const pivot = [-3159521.31, 4068151.32, 3748113.85] as const;
    for (const [lon, lat] of [[127.0, 37.5], [126.5, 34.8], [127.6, 36.3]] as const) {
      const [x, y] = tmForward(tm(BESSEL, 127.0028902777778, 1, 200000, 500000), lon, lat);
      const [ex, ey, ez] = molodenskyBadekas(toEcef(BESSEL, lon, lat), t, r, 6.342, pivot);
      const [elon, elat] = fromEcef(WGS84, ex, ey, ez);
      const [glon, glat] = back(5174, x, y);
      // 1e-7 degrees is about 1 cm here.
      expect(Math.abs(glon - elon)).toBeLessThan(1e-7);
      expect(Math.abs(glat - elat)).toBeLessThan(1e-7);
      // The shift itself is several hundred metres (Tokyo-based datum vs geocentric).
      expect(Math.hypot((glon - lon) * 88_000, (glat - lat) * 111_000)).toBeGreaterThan(300);
    }
  });

  it('the TOWGS84 epsg.io prints for Korean 1985 (pivot dropped) would be metres off; ours is not', () => {
    const naive = crsInfo(5174).proj4.replace(/\+towgs84=[^ ]+/, '+towgs84=-145.907,505.034,685.756,-1.162,2.347,1.592,6.342');
    const [x, y] = [198000, 452000];
    const p = proj4(naive, '+proj=longlat +datum=WGS84 +no_defs').forward([x, y]);
    const [lon, lat] = back(5174, x, y);
    const metres = Math.hypot((p[0]! - lon) * 88_000, (p[1]! - lat) * 111_000);
    expect(metres).toBeGreaterThan(5);
  });

  it('round-trips WGS84 -> every CRS -> WGS84', () => {
    const pts = [126.9, 37.5, 129.05, 35.15, 126.5, 33.4, 128.6, 35.87];
    for (const code of CRS_CODES) {
      const ll = toWgs84(code)(fromWgs84(code)(pts));
      for (let i = 0; i < pts.length; i++) expect(Math.abs(ll[i]! - pts[i]!), `EPSG:${code}`).toBeLessThan(1e-7);
    }
  });

  it('turns non-finite or unprojectable pairs into NaN and writes into a given output', () => {
    const out = new Float64Array(6);
    const r = toWgs84(5186)([200000, 600000, NaN, 5, Infinity, 1], out);
    expect(r).toBe(out);
    expect(r[0]).toBeCloseTo(127, 9);
    expect(r[1]).toBeCloseTo(38, 9);
    expect(Number.isNaN(r[2]!) && Number.isNaN(r[3]!)).toBe(true);
    expect(Number.isNaN(r[4]!) && Number.isNaN(r[5]!)).toBe(true);
    const ll = toWgs84(4326)([127, 37, NaN, 1]);
    expect(Array.from(ll.subarray(0, 2))).toEqual([127, 37]);
    expect(Number.isNaN(ll[2]!) && Number.isNaN(ll[3]!)).toBe(true);
    expect(isCrsCode(5186)).toBe(true);
    expect(isCrsCode(2097)).toBe(false);
  });
});

describe('crsFromName', () => {
  it('reads the legacy GeoJSON and OGC forms', () => {
    expect(crsFromName('EPSG:5186')).toBe(5186);
    expect(crsFromName('epsg:5179')).toBe(5179);
    expect(crsFromName('EPSG::5187')).toBe(5187);
    expect(crsFromName('5174')).toBe(5174);
    expect(crsFromName('urn:ogc:def:crs:EPSG::5186')).toBe(5186);
    expect(crsFromName('urn:ogc:def:crs:EPSG:6.6:32652')).toBe(32652);
    expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(crsFromName('urn:ogc:def:crs:OGC::CRS84')).toBe(4326);
    expect(crsFromName('CRS84')).toBe(4326);
    expect(crsFromName('http://www.opengis.net/def/crs/EPSG/0/5186')).toBe(5186);
    expect(crsFromName('https://www.opengis.net/def/crs/EPSG/0/3857/')).toBe(3857);
    expect(crsFromName('http://www.opengis.net/def/crs/OGC/1.3/CRS84')).toBe(4326);
    expect(crsFromName('http://www.opengis.net/gml/srs/epsg.xml#5185')).toBe(5185);
    expect(crsFromName(' urn:ogc:def:crs:EPSG::4326 ')).toBe(4326);
    expect(crsFromName('EPSG:900913')).toBe(3857);
  });

  it('names the unsupported CRS in its error', () => {
    const err = (name: string): CrsError => {
      try {
        crsFromName(name);
      } catch (e) {
        if (e instanceof CrsError) return e;
      }
      throw new Error(`no CrsError for ${name}`);
    };
    const a = err('urn:ogc:def:crs:EPSG::2097');
    expect(a.code).toBe('unsupported-crs');
    expect(a.message).toContain('EPSG:2097');
    expect(a.message).toContain('EPSG:5186');
    expect(err('urn:ogc:def:crs:OGC:1.3:CRS83').message).toContain('OGC:CRS83');
    const b = err('Korea central belt');
    expect(b.code).toBe('unreadable-crs-name');
    expect(b.message).toContain('"Korea central belt"');
  });
});

describe('inferCrs', () => {
  const sample = (code: CrsCode, lonLat: number[]): Float64Array => fromWgs84(code)(lonLat);

  it('lon/lat ranges are WGS84, certain', () => {
    const g = inferCrs([126.97, 37.56, 127.01, 37.58]);
    expect(g).toMatchObject({ code: 4326, confidence: 'certain' });
  });

  it('a sample in the Central Belt range from Jeju to the north is EPSG:5186, likely', () => {
    // Jeju (33.4 N) is south of the East Belt's area, and 37.9 N read on the Modified Central Belt
    // (false northing 100 km less) falls north of its area: only 5186 holds every point.
    const g = inferCrs(sample(5186, [126.5, 33.4, 127.0, 37.9, 127.5, 36.0]));
    expect(g.code).toBe(5186);
    expect(g.confidence).toBe('likely');
    expect(g.candidates[0]).toMatchObject({ code: 5186, inArea: 1, inKorea: 1 });
  });

  it('UTM 52N numbers are EPSG:32652: Seoul certain (zone 51 puts it in China), with Busan likely', () => {
    const g = inferCrs(sample(32652, [126.95, 37.5, 127.05, 37.6]));
    expect(g).toMatchObject({ code: 32652, confidence: 'certain' });
    expect(g.candidates.map((c) => c.code)).toContain(32651);
    // Busan read in zone 51 lands at 123°E, in the Yellow Sea inside South Korea's offshore box.
    expect(inferCrs(sample(32652, [126.95, 37.5, 129.07, 35.18]))).toMatchObject({ code: 32652, confidence: 'likely' });
  });

  it('Unified CS numbers are EPSG:5179, and Web Mercator numbers of Monaco are EPSG:3857', () => {
    expect(inferCrs(sample(5179, [126.95, 37.5, 129.07, 35.18]))).toMatchObject({ code: 5179, confidence: 'certain' });
    expect(inferCrs(sample(3857, [7.41, 43.72, 7.44, 43.75]))).toMatchObject({ code: 3857, confidence: 'certain' });
  });

  it('Seoul alone in belt numbers is ambiguous: the same numbers fit the West and East Belts', () => {
    const g = inferCrs(sample(5186, [126.95, 37.5, 127.05, 37.6, 127.0, 37.55]));
    expect(g.code).toBe(5186);
    expect(g.confidence).toBe('ambiguous');
    const codes = g.candidates.map((c) => c.code);
    expect(codes.slice(0, 3)).toEqual([5186, 5187, 5185]);
  });

  it('thins large samples and ignores non-finite pairs', () => {
    const big: number[] = [];
    for (let i = 0; i < 10_000; i++) big.push(126.5 + i * 1e-4, 33.4 + i * 4.5e-4);
    const xy = Array.from(sample(5186, big));
    xy.push(NaN, 1);
    const g = inferCrs(xy);
    expect(g.sampled).toBeLessThanOrEqual(2000);
    expect(g.code).toBe(5186);
  });

  it('refuses empty samples, swapped axes and numbers no CRS can hold', () => {
    const code = (s: ArrayLike<number>): string | undefined => {
      try {
        inferCrs(s);
      } catch (e) {
        return e instanceof CrsError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code([])).toBe('empty-sample');
    expect(code([NaN, NaN])).toBe('empty-sample');
    expect(code([37.56, 126.97, 37.57, 126.98])).toBe('swapped-axes');
    expect(code([1e9, 1e9, 1.1e9, 1e9])).toBe('no-candidate');
  });
});
