/**
 * CityJSON ingest: CityJSON 1.0 / 1.1 / 2.0 documents and CityJSONSeq files -> GeoJSON-like building
 * footprints (MultiPolygon, WGS84 lon/lat) with `height` / `min_height` in metres above the ground, for
 * the polygon pipeline of src/core/geo; other city objects (roads, land use, water, vegetation…) as flat
 * outlines. Terms: a *city object* is an entry of `CityObjects`; its *footprint* is the 2D area it stands
 * on (footprint.ts says how it is found); the *ground* is the `baseheight` attribute or the lowest z.
 * Bad objects are skipped and listed (index in CityObjects, id, code, message); bad files throw
 * CityJsonError with a line and column where there is one.
 */
export { horizontalCrsFromName } from './crs.ts';
export { HORIZONTAL_TOLERANCE_M, LOWEST_LEVEL_TOLERANCE_M, footprintOf, ringArea } from './footprint.ts';
export type { Footprint, FootprintMethod, Surface } from './footprint.ts';
export {
  CityJsonError,
  GROUND_ATTRIBUTES,
  ON_GROUND_TOLERANCE_M,
  ROOF_HEIGHT_ATTRIBUTES,
  isCityJsonRoot,
  readCityJson,
  readCityJsonRoot,
  readCityJsonSeq,
} from './read.ts';
export type {
  CityJson,
  CityJsonCrsHow,
  CityJsonErrorCode,
  CityJsonFeature,
  CityJsonObjects,
  CityJsonOptions,
  CityJsonSkipCode,
  CityJsonSkipped,
} from './read.ts';
