/**
 * Importing someone else's carbon-map layer: GeoJSON polygons or points, or CSV points (x, y, value),
 * in any supported CRS, with one numeric property picked as the value.
 *
 * CRS, in order: the caller's (`given`), the file's `crs` member (`declared`), else guessed from the
 * coordinates (`inferred`; see src/core/crs). Items that cannot be placed or whose value is not a number
 * are skipped and listed (index, line for CSV, id for GeoJSON, code, message); a missing value
 * (absent, null or blank) keeps the item with NaN. A file with nothing usable throws.
 *
 * Files: types (input, options, result), csvImport (CSV points), featureImport (GeoJSON features),
 * common (CRS choice, extent, point output); this file dispatches by format.
 */
import { parseGeoJson } from '../../geo/index.ts';
import { importCsv } from './csvImport.ts';
import { importFeatures } from './featureImport.ts';
import type { CarbonMap, CarbonMapInput, CarbonMapOptions } from './types.ts';

/** Imports a carbon-map layer (see the module header). Throws CarbonMapError, GeoJsonError or CrsError. */
export function importCarbonMap(input: CarbonMapInput, options: CarbonMapOptions): CarbonMap {
  if (input.format === 'csv') return importCsv(input.text, options);
  if (input.format === 'geojson') {
    const parsed = parseGeoJson(input.text);
    return importFeatures(parsed.features, parsed.crsName, options);
  }
  return importFeatures(input.features, input.crsName, options);
}
