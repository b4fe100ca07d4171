// RD New (EPSG:28992) as CityJSON files declare it (mostly through the compound EPSG:7415), checked
// against the EPSG parameters with independent code: the projection against the EPSG worked example,
// the datum shift against a coordinate-frame Helmert written from the formula (tests/core/crs/geodesy.ts).
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { horizontalCrsFromName } from '../../../src/core/cityjson/index.ts';
import { AMERSFOORT_TOWGS84, CRS_CODES, CrsError, crsFromName, crsInfo, fromWgs84, horizontalCrs, inBox, isCrsCode, toWgs84 } from '../../../src/core/crs/index.ts';
import { BESSEL, WGS84, fromEcef, molodenskyBadekas, toEcef } from '../crs/geodesy.ts';

const rd = crsInfo(28992);
const withoutShift = rd.proj4.replace(/\s*\+towgs84=\S+/, '');
const BESSEL_LL = '+proj=longlat +ellps=bessel +no_defs';
const metres = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 110_950);

describe('EPSG:28992 Amersfoort / RD New', () => {
  it('projects the EPSG worked example of oblique stereographic (method 9809): 53°N 6°E -> 196105.283, 557057.739', () => {
    // IOGP Guidance Note 7-2, example for EPSG method 9809 on Amersfoort / RD New (also in Boost.Geometry's projection tests).
    const [x, y] = proj4(BESSEL_LL, withoutShift).forward([6, 53]);
    expect(Math.abs(x! - 196105.283)).toBeLessThan(0.01);
    expect(Math.abs(y! - 557057.739)).toBeLessThan(0.01);
  });

  it('shifts Amersfoort to WGS 84 as EPSG:4833 does (coordinate frame, µrad), to the millimetre', () => {
    const toBessel = proj4(withoutShift, BESSEL_LL);
    const arcsec = [1.9342, -1.6677, 9.1019].map((r) => r * 0.206264806) as [number, number, number];
    for (const [x, y] of [[155000, 463000], [195000, 420000], [121000, 487000], [233000, 582000]] as const) {
      const [lon, lat] = toBessel.forward([x, y]);
      const ecef = molodenskyBadekas(toEcef(BESSEL, lon!, lat!), [565.4171, 50.3319, 465.5524], arcsec, 4.0725, [0, 0, 0]);
      const expected = fromEcef(WGS84, ...ecef);
      expect(metres(toWgs84(28992)([x, y]), expected), `${x}, ${y}`).toBeLessThan(0.001);
    }
  });

  it('is about 170 m from the TOWGS84 epsg.io prints (µrad read as arc-seconds)', () => {
    const naive = rd.proj4.replace(AMERSFOORT_TOWGS84, '565.4171,50.3319,465.5524,1.9342,-1.6677,9.1019,4.0725');
    const p = proj4(naive, 'EPSG:4326').forward([195000, 420000]);
    const d = metres(p, toWgs84(28992)([195000, 420000]));
    expect(d).toBeGreaterThan(150);
    expect(d).toBeLessThan(200);
  });

  it('puts the RD origin in Amersfoort, inside the Netherlands box, and round-trips there', () => {
    const origin = toWgs84(28992)([155000, 463000]);
    // The Onze Lieve Vrouwetoren, 52°09′22.178″N 5°23′15.500″E on the Amersfoort datum, lands ~100 m away in WGS 84.
    expect(metres(origin, [5 + 23 / 60 + 15.5 / 3600, 52 + 9 / 60 + 22.178 / 3600])).toBeGreaterThan(50);
    expect(metres(origin, [5 + 23 / 60 + 15.5 / 3600, 52 + 9 / 60 + 22.178 / 3600])).toBeLessThan(150);
    expect(inBox(rd.area, origin[0]!, origin[1]!)).toBe(true);
    const pts = [4.9, 52.37, 5.98, 51.77, 6.57, 53.22, 3.6, 51.45];
    const back = toWgs84(28992)(fromWgs84(28992)(pts));
    for (let i = 0; i < pts.length; i++) expect(Math.abs(back[i]! - pts[i]!)).toBeLessThan(1e-8);
  });

  it('is read where declared (also through 3D CRSs) but not offered in the pickers', () => {
    expect(isCrsCode(28992)).toBe(true);
    expect(CRS_CODES).not.toContain(28992);
    expect(crsFromName('EPSG:28992')).toBe(28992);
    expect(() => crsFromName('urn:ogc:def:crs:EPSG::7415')).toThrow(CrsError);
    expect(horizontalCrs(7415)).toBe(28992);
    expect(horizontalCrs(4979)).toBe(4326);
    expect(horizontalCrs(5186)).toBe(5186);
    expect(horizontalCrs(2154)).toBeUndefined();
    expect(horizontalCrsFromName('urn:ogc:def:crs:EPSG::7415')).toBe(28992);
    expect(horizontalCrsFromName('https://www.opengis.net/def/crs/EPSG/0/7415')).toBe(28992);
    expect(horizontalCrsFromName('EPSG:7415')).toBe(28992);
    expect(horizontalCrsFromName('urn:ogc:def:crs:EPSG::4979')).toBe(4326);
    expect(horizontalCrsFromName('urn:ogc:def:crs:EPSG::5186')).toBe(5186);
    expect(() => horizontalCrsFromName('urn:ogc:def:crs:EPSG::2154')).toThrow(/unsupported CRS "urn:ogc:def:crs:EPSG::2154"/);
    expect(() => horizontalCrsFromName('not a crs')).toThrow(/cannot read the CRS name/);
  });
});
