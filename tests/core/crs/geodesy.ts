// Independent geodesy for the CRS tests, written from the formulas (not from proj4):
// - Transverse Mercator by Krüger's n-series to n^6 (C. F. F. Karney, "Transverse Mercator with an
//   accuracy of a few nanometers", J. Geodesy 85, 2011): far below a millimetre over Korea.
// - Geodetic <-> geocentric (ECEF) on an ellipsoid, and the Molodensky-Badekas datum transformation in
//   the coordinate-frame convention (IOGP Guidance Note 7-2, EPSG method 9636).

export interface Ellipsoid {
  readonly a: number;
  readonly invf: number;
}
export const GRS80: Ellipsoid = { a: 6378137, invf: 298.257222101 };
export const WGS84: Ellipsoid = { a: 6378137, invf: 298.257223563 };
export const BESSEL: Ellipsoid = { a: 6377397.155, invf: 299.1528128 };

export interface TmParams {
  readonly ellipsoid: Ellipsoid;
  readonly lat0: number;
  readonly lon0: number;
  readonly k0: number;
  readonly x0: number;
  readonly y0: number;
}

const DEG = Math.PI / 180;

/** Longitude, latitude (degrees) -> easting, northing (metres). */
export function tmForward(p: TmParams, lon: number, lat: number): [number, number] {
  const f = 1 / p.ellipsoid.invf;
  const n = f / (2 - f);
  const e = Math.sqrt(f * (2 - f));
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const n5 = n4 * n;
  const n6 = n5 * n;
  const A = (p.ellipsoid.a / (1 + n)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180 - (127 * n5) / 288 + (7891 * n6) / 37800,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440 + (281 * n5) / 630 - (1983433 * n6) / 1935360,
    (61 * n3) / 240 - (103 * n4) / 140 + (15061 * n5) / 26880 + (167603 * n6) / 181440,
    (49561 * n4) / 161280 - (179 * n5) / 168 + (6601661 * n6) / 7257600,
    (34729 * n5) / 80640 - (3418889 * n6) / 1995840,
    (212378941 * n6) / 319334400,
  ];
  const xiEta = (phi: number, lam: number): [number, number] => {
    const s = Math.sin(phi);
    const t = Math.sinh(Math.atanh(s) - e * Math.atanh(e * s));
    const xi1 = Math.atan2(t, Math.cos(lam));
    const eta1 = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
    let xi = xi1;
    let eta = eta1;
    alpha.forEach((a, j) => {
      const k = 2 * (j + 1);
      xi += a * Math.sin(k * xi1) * Math.cosh(k * eta1);
      eta += a * Math.cos(k * xi1) * Math.sinh(k * eta1);
    });
    return [xi, eta];
  };
  const [xi, eta] = xiEta(lat * DEG, (lon - p.lon0) * DEG);
  const [xi0] = xiEta(p.lat0 * DEG, 0);
  return [p.x0 + p.k0 * A * eta, p.y0 + p.k0 * A * (xi - xi0)];
}

export function toEcef(el: Ellipsoid, lon: number, lat: number, h = 0): [number, number, number] {
  const f = 1 / el.invf;
  const e2 = f * (2 - f);
  const s = Math.sin(lat * DEG);
  const c = Math.cos(lat * DEG);
  const nu = el.a / Math.sqrt(1 - e2 * s * s);
  return [(nu + h) * c * Math.cos(lon * DEG), (nu + h) * c * Math.sin(lon * DEG), (nu * (1 - e2) + h) * s];
}

/** ECEF -> longitude, latitude (degrees), by fixed-point iteration on latitude (to ~1e-12 rad). */
export function fromEcef(el: Ellipsoid, x: number, y: number, z: number): [number, number] {
  const f = 1 / el.invf;
  const e2 = f * (2 - f);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 20; i++) {
    const s = Math.sin(lat);
    const nu = el.a / Math.sqrt(1 - e2 * s * s);
    const h = p / Math.cos(lat) - nu;
    lat = Math.atan2(z, p * (1 - (e2 * nu) / (nu + h)));
  }
  return [Math.atan2(y, x) / DEG, lat / DEG];
}

/** Molodensky-Badekas, coordinate-frame rotations (arc-seconds), scale in ppm, about pivot P. */
export function molodenskyBadekas(
  xyz: readonly [number, number, number],
  t: readonly [number, number, number],
  rArcsec: readonly [number, number, number],
  ppm: number,
  pivot: readonly [number, number, number],
): [number, number, number] {
  const [rx, ry, rz] = rArcsec.map((r) => (r / 3600) * DEG) as [number, number, number];
  const m = 1 + ppm * 1e-6;
  const d = [xyz[0] - pivot[0], xyz[1] - pivot[1], xyz[2] - pivot[2]] as const;
  return [
    m * (d[0] + rz * d[1] - ry * d[2]) + pivot[0] + t[0],
    m * (-rz * d[0] + d[1] + rx * d[2]) + pivot[1] + t[1],
    m * (ry * d[0] - rx * d[1] + d[2]) + pivot[2] + t[2],
  ];
}
