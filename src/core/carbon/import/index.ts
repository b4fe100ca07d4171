/**
 * Imported carbon maps: someone else's carbon-map layer (GeoJSON polygons or points, or CSV x, y,
 * value) in any CRS of src/core/crs, reprojected to WGS84 and to the local frame, with one numeric
 * property as the value.
 *
 * Units: values are in whatever unit the file uses (the UI shows the property name and asks the user
 * for the unit); positions are WGS84 degrees (lon, lat) and local
 * metres (x east, y north) of a `LocalFrame` (src/core/geo). Terms: an *item* is a feature or a CSV
 * data row; a *skipped* item is listed with its index (and CSV line) and a reason code; a *missing*
 * value (absent, null, blank) keeps the item with NaN. Property and column names are only ever read
 * with Object.hasOwn or kept in Maps, so names such as "__proto__" do no harm.
 */
export { CarbonMapError, parseCsv } from './csv.ts';
export type { CarbonMapErrorCode, CsvRow, CsvSeparator, CsvTable } from './csv.ts';
export { numericValue, parseNumber } from './numbers.ts';
export { listCsvValueColumns, listValueProperties } from './properties.ts';
export type { ValueProperty } from './properties.ts';
export { X_COLUMNS, Y_COLUMNS } from './csvImport.ts';
export { importCarbonMap } from './import.ts';
export type {
  CarbonMap,
  CarbonMapInput,
  CarbonMapOptions,
  CarbonMapPoints,
  CarbonMapPolygons,
  CarbonSkipCode,
  CarbonSkipped,
  CrsChoice,
  GeoJsonPolygonFeature,
} from './types.ts';
