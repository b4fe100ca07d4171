/**
 * The coordinate reference systems CityTwin reads: proj4 definitions and areas of use.
 *
 * Every definition follows the EPSG Geodetic Parameter Dataset (epsg.org) as shown on epsg.io/<code>.
 * Projected CRS coordinates are taken as (easting, northing) = (x, y), the order GeoJSON writers (GDAL)
 * and CSV exports use, even where EPSG's own axis order for the Korean CRSs is northing first.
 *
 * Areas of use are WGS84 boxes [west, south, east, north] in degrees.
 *  - `area`: the EPSG area of use, used to rank candidates when a file does not say its CRS.
 *  - `usable`: where a coordinate is still accepted on import. For the Korean CRSs this is the whole of
 *    South Korea (EPSG area 1135, onshore and offshore), because national data sets are often kept in
 *    one belt (a Busan district in the Central Belt, say) and Transverse Mercator stays accurate that far.
 */

export type CrsCode = 4326 | 3857 | 5179 | 5185 | 5186 | 5187 | 5188 | 5174 | 32651 | 32652 | 28992;

/** [west, south, east, north], degrees (WGS84). */
export type LonLatBox = readonly [number, number, number, number];

export interface CrsInfo {
  readonly code: CrsCode;
  /** "EPSG:5186" */
  readonly id: string;
  readonly name: string;
  readonly kind: 'geographic' | 'projected';
  /** proj4 definition string. */
  readonly proj4: string;
  readonly area: LonLatBox;
  readonly usable: LonLatBox;
  /** Where the definition and the area come from. */
  readonly source: string;
}

/**
 * South Korea, onshore and offshore: EPSG area 1135, the area of use of KGD2002 (EPSG:4737) and of
 * Korea 2000 / Unified CS (EPSG:5179); epsg.io/4737 gives BBOX[28.6, 122.71, 40.27, 134.28].
 */
export const KOREA_BOX: LonLatBox = [122.71, 28.6, 134.28, 40.27];

/**
 * South Korea onshore: the area of use of Korean 1985 (EPSG:4162); epsg.io/4162 gives WGS84 bounds
 * 124.53, 33.14, 131.01, 38.64. Used to close the belts whose EPSG area text gives only longitudes.
 */
const KOREA_ONSHORE: LonLatBox = [124.53, 33.14, 131.01, 38.64];

/**
 * Korean 1985 -> WGS 84 for EPSG:5174, as a proj4 (Bursa-Wolf, position-vector) `towgs84`.
 *
 * EPSG transformation 5191 "Korean 1985 to WGS 84 (1)" reuses the parameters of 5189 "Korean 1985 to
 * KGD2002 (1)" (NGII notice 2003-497; ±1 m): Molodensky-Badekas, coordinate-frame rotations,
 * tX -145.907 m, tY 505.034 m, tZ 685.756 m, rX -1.162", rY 2.347", rZ 1.592", dS 6.342 ppm, about the
 * pivot (-3159521.31, 4068151.32, 3748113.85) m (epsg.io/5189; epsgtransform.com 4162->4737).
 * proj4 has no pivot, so we use the exactly equivalent Bursa-Wolf set: rotations negated into the
 * position-vector convention, the same scale, and translations T + P - (1 + dS)·R·P
 * = (-114.620, 475.963, 675.018) m, rounded to the millimetre (tests/core/crs checks the equivalence
 * against a direct Molodensky-Badekas). The TOWGS84 that epsg.io prints for these CRSs
 * (-145.907, 505.034, 685.756, -1.162, 2.347, 1.592, 6.342) drops the pivot and lands about 17 m off;
 * the value often passed around in Korean GIS forums (-115.80, 474.99, 674.11, 1.16, -2.31, -1.63, 6.43)
 * is within about 1.5 m of ours but has no documented source.
 */
export const KOREAN_1985_TOWGS84 = '-114.620,475.963,675.018,1.162,-2.347,-1.592,6.342';

/**
 * Amersfoort -> WGS 84 for EPSG:28992 (RD New), as a proj4 (position-vector, arc-second) `towgs84`.
 *
 * EPSG transformation 4833 "Amersfoort to WGS 84 (4)" (epsg.io/28992-4833; ±1 m) copies 4830
 * "Amersfoort to ETRS89 (5)" (NSGI): coordinate-frame rotation, tX 565.4171 m, tY 50.3319 m,
 * tZ 465.5524 m, rX 1.9342 µrad, rY -1.6677 µrad, rZ 9.1019 µrad, dS 4.0725 ppm. proj4 reads rotations
 * as position-vector arc-seconds, so each rotation is negated and multiplied by 0.206264806"/µrad:
 * (-0.398957, 0.343988, -1.877402)". The string epsg.io prints for EPSG:28992
 * (…,1.9342,-1.6677,9.1019,4.0725) passes the µrad coordinate-frame values straight through and lands
 * about 170 m off (tests/core/cityjson/crs.test.ts measures it); the converted set is the one other proj4
 * users write (Boost.Geometry's projection tests, for instance, use it with full-precision rotations).
 */
export const AMERSFOORT_TOWGS84 = '565.4171,50.3319,465.5524,-0.398957,0.343988,-1.877402,4.0725';

/**
 * The Netherlands onshore, including the Waddenzee, the Wadden Islands and the 12-mile coastal zone:
 * the EPSG area of use of Amersfoort / RD New as epsg.io/28992 gives it (WGS84 bounds 3.2, 50.75, 7.22, 53.7).
 */
export const NETHERLANDS_BOX: LonLatBox = [3.2, 50.75, 7.22, 53.7];

const korea2000Belt = (lon0: number): string =>
  `+proj=tmerc +lat_0=38 +lon_0=${lon0} +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;

const utmNorth = (zone: number): string => `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`;

const TABLE: readonly CrsInfo[] = [
  {
    code: 4326, id: 'EPSG:4326', name: 'WGS 84 (longitude, latitude)', kind: 'geographic',
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
    area: [-180, -90, 180, 90], usable: [-180, -90, 180, 90],
    source: 'epsg.io/4326 (World). Read as longitude, latitude, as RFC 7946 and legacy GeoJSON do.',
  },
  {
    code: 3857, id: 'EPSG:3857', name: 'WGS 84 / Pseudo-Mercator', kind: 'projected',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    area: [-180, -85.06, 180, 85.06], usable: [-180, -85.06, 180, 85.06],
    source: 'epsg.io/3857: World between 85.06°S and 85.06°N.',
  },
  {
    code: 5179, id: 'EPSG:5179', name: 'Korea 2000 / Unified CS', kind: 'projected',
    proj4: '+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    area: KOREA_BOX, usable: KOREA_BOX,
    source: 'epsg.io/5179: South Korea onshore and offshore (EPSG area 1135).',
  },
  {
    code: 5185, id: 'EPSG:5185', name: 'Korea 2000 / West Belt 2010', kind: 'projected',
    proj4: korea2000Belt(125),
    area: [KOREA_ONSHORE[0], KOREA_ONSHORE[1], 126, KOREA_ONSHORE[3]], usable: KOREA_BOX,
    source: 'epsg.io/5185: South Korea onshore between 124°E and 126°E (other edges: Korea onshore, epsg.io/4162).',
  },
  {
    code: 5186, id: 'EPSG:5186', name: 'Korea 2000 / Central Belt 2010', kind: 'projected',
    proj4: korea2000Belt(127),
    area: [126, 33.14, 128, 38.33], usable: KOREA_BOX,
    source: 'epsg.io/5186: South Korea onshore between 126°E and 128°E; bounds 126.0, 33.14, 128.0, 38.33 (epsg.io/102082, the same belt).',
  },
  {
    code: 5187, id: 'EPSG:5187', name: 'Korea 2000 / East Belt 2010', kind: 'projected',
    proj4: korea2000Belt(129),
    area: [128, 34.49, 129.65, 38.64], usable: KOREA_BOX,
    source: 'epsg.io/5187: South Korea onshore between 128°E and 130°E; BBOX[34.49, 128, 38.64, 129.65] (the same area on EPSG:5176).',
  },
  {
    code: 5188, id: 'EPSG:5188', name: 'Korea 2000 / East Sea Belt 2010', kind: 'projected',
    proj4: korea2000Belt(131),
    area: [130, KOREA_ONSHORE[1], KOREA_ONSHORE[2], KOREA_ONSHORE[3]], usable: KOREA_BOX,
    source: 'epsg.io/5188: South Korea onshore east of 130°E (other edges: Korea onshore, epsg.io/4162).',
  },
  {
    code: 5174, id: 'EPSG:5174', name: 'Korean 1985 / Modified Central Belt', kind: 'projected',
    // Central meridian 127°00'10.405" E: the 10.405" offset that keeps the grid on the old Tokyo datum grid.
    proj4: `+proj=tmerc +lat_0=38 +lon_0=127.0028902777778 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +towgs84=${KOREAN_1985_TOWGS84} +units=m +no_defs`,
    area: [126, 33.14, 128, 38.33], usable: KOREA_BOX,
    source: 'epsg.io/5174 and epsg.io/2097: the Central Belt, South Korea between 126°E and 128°E (bounds as EPSG:5186); datum shift EPSG:5191 (see KOREAN_1985_TOWGS84).',
  },
  {
    code: 32651, id: 'EPSG:32651', name: 'WGS 84 / UTM zone 51N', kind: 'projected',
    proj4: utmNorth(51),
    area: [120, 0, 126, 84], usable: [114, 0, 132, 84],
    source: 'epsg.io/32651: between 120°E and 126°E, northern hemisphere. Usable 6° either side (a CityTwin choice).',
  },
  {
    code: 32652, id: 'EPSG:32652', name: 'WGS 84 / UTM zone 52N', kind: 'projected',
    proj4: utmNorth(52),
    area: [126, 0, 132, 84], usable: [120, 0, 138, 84],
    source: 'epsg.io/32652: between 126°E and 132°E, northern hemisphere. Usable 6° either side (a CityTwin choice).',
  },
  {
    code: 28992, id: 'EPSG:28992', name: 'Amersfoort / RD New', kind: 'projected',
    // Oblique stereographic on the Bessel 1841 ellipsoid, origin at the Onze Lieve Vrouwetoren in Amersfoort.
    proj4: `+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=${AMERSFOORT_TOWGS84} +units=m +no_defs`,
    area: NETHERLANDS_BOX, usable: [2.53, 50.75, 7.22, 55.77],
    source: 'epsg.io/28992: the Netherlands onshore (bounds 3.2, 50.75, 7.22, 53.7); usable onshore and offshore (2.53, 50.75, 7.22, 55.77, epsg.io/28992-9281); datum shift EPSG:4833 (see AMERSFOORT_TOWGS84). Dutch CityJSON (3D BAG) declares it through the compound EPSG:7415.',
  },
];

const BY_CODE = new Map<number, CrsInfo>(TABLE.map((c) => [c.code, c]));

/**
 * Codes read only where a file declares them (CityJSON's `metadata.referenceSystem`, a GeoJSON `crs`
 * member), not offered in the CRS pickers nor tried when a CRS is inferred: RD New lies far from the
 * Korean data those are tuned for (its round trip through Korean points drifts by ~6e-7°, because proj4
 * drops the ellipsoidal height the Bessel datum shift creates there).
 */
export const DECLARED_ONLY_CRS_CODES: readonly CrsCode[] = [28992];

/** Every code the pickers offer, in the order the UI lists them. */
export const CRS_CODES: readonly CrsCode[] = TABLE.map((c) => c.code).filter((c) => !DECLARED_ONLY_CRS_CODES.includes(c));

/**
 * 3D CRSs whose horizontal part we support: the EPSG code of the compound (or geographic 3D) CRS ->
 * its horizontal CRS. Heights stay as the file gives them (metres in the vertical datum).
 *  - 7415 "Amersfoort / RD New + NAP height" = 28992 + 5709 (epsg.io/7415), the CRS of Dutch CityJSON.
 *  - 4979 "WGS 84" geographic 3D (epsg.io/4979): longitude, latitude and ellipsoidal height.
 */
export const HORIZONTAL_CRS_OF: ReadonlyMap<number, CrsCode> = new Map<number, CrsCode>([
  [7415, 28992],
  [4979, 4326],
]);

/** The supported horizontal CRS an EPSG code stands for (itself, or the horizontal part of a 3D CRS). */
export function horizontalCrs(epsg: number): CrsCode | undefined {
  return BY_CODE.has(epsg) ? (epsg as CrsCode) : HORIZONTAL_CRS_OF.get(epsg);
}

export function isCrsCode(code: number): code is CrsCode {
  return BY_CODE.has(code);
}

export function crsInfo(code: CrsCode): CrsInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new RangeError(`unknown CRS code ${String(code)}`);
  return info;
}

export function inBox(box: LonLatBox, lon: number, lat: number): boolean {
  return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}
