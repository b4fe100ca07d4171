/**
 * Coordinate reference systems for researchers' files: Korean national grids, UTM, Web Mercator and
 * WGS84, through proj4; also Dutch RD New (EPSG:28992, and the compound 7415 of Dutch CityJSON), read
 * only where a file declares it.
 *
 * Units: projected coordinates in metres as (x, y) = (easting, northing); geographic coordinates in
 * degrees as (longitude, latitude). Terms: a *code* is an EPSG code we support (`CrsCode`); the *area
 * of use* is the EPSG box where a CRS is meant to be used, in WGS84 degrees [west, south, east, north];
 * the *usable* box is where import still accepts a point. Transforms take and return flat pairs
 * (x0, y0, x1, y1, …) in Float64Arrays; a point that cannot be transformed comes out as NaN, NaN.
 * Sources of each definition and area: definitions.ts.
 */
export {
  AMERSFOORT_TOWGS84,
  CRS_CODES,
  DECLARED_ONLY_CRS_CODES,
  HORIZONTAL_CRS_OF,
  KOREAN_1985_TOWGS84,
  KOREA_BOX,
  NETHERLANDS_BOX,
  crsInfo,
  horizontalCrs,
  inBox,
  isCrsCode,
} from './definitions.ts';
export type { CrsCode, CrsInfo, LonLatBox } from './definitions.ts';
export { CrsError, crsFromName } from './names.ts';
export type { CrsErrorCode } from './names.ts';
export { fromWgs84, toWgs84 } from './transform.ts';
export type { PairTransform } from './transform.ts';
export { MAX_SAMPLE_POINTS, PREFERENCE, inferCrs } from './infer.ts';
export type { CrsCandidate, CrsConfidence, CrsGuess } from './infer.ts';
