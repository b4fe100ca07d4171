/**
 * Ingest pipeline for one layer: file text -> parsed features -> drawable layer data.
 * Formats: GeoJSON (any RFC 7946 document: FeatureCollection, Feature, bare geometry, GeometryCollection;
 * or an array of Features), newline-delimited GeoJSON
 * (`.geojsonl`, `.ndjson`, `.jsonl`, GeoJSONSeq: one Feature per line), CityJSON 1.0–2.0 and CityJSONSeq
 * (src/core/cityjson: buildings as footprints with heights). `ingestText` picks the format from the file
 * name and the content; `ingestGeoJsonText` is the same without a file name.
 * Problems found before geometry is built (a line that is not JSON, a duplicate feature id, a CityJSON
 * object that cannot be read) are listed in `rejected`; geometry problems in `data.skipped`; `stats.skipped`
 * counts both. Near-misses read anyway (wrong case, a Feature without "type") are in `warnings`, located.
 * A file of several geometry kinds is one layer: the main kind (the one asked for, or the most common)
 * in `kind`/`data`, every other kind present in `parts` (polygons flat or extruded, lines, points), all
 * numbering features as the file does. Features without a location (geometry null) are drawn by none,
 * listed in `unlocated`, counted in `stats.unlocated` and not as skipped. Runs in a worker (workers/ingest.worker.ts) and in node (CLI, tests, benchmarks) alike.
 * Times are milliseconds; geometry is in the local frame of src/core/geo (metres, z up).
 *
 * Files: types (the shared types), text (ingestText / ingestStream: the entry points), stream (the
 * streamed GeoJSON reader), whole (reading a text as one document or its lines), geojson and cityjson
 * (a parsed file -> its layer), build (one kind of layer from features), parts (sub-layers of a mixed
 * file), reject (features dropped before geometry), crs (reprojection, layer kind detection), format
 * (file name and size). No module imports this index.
 */
export { collectBuffers } from '../columnar/index.ts';
export { AREAS_Z_M, GREEN_Z_M, ingestFeatures } from './build.ts';
export { ambiguousCrsOf, candidatePlaces, detectKind, reproject, toWgs84InPlace } from './crs.ts';
export type { CrsUsed } from './crs.ts';
export { MAX_BYTES, WARN_BYTES, formatFromFileName, sizeVerdict } from './format.ts';
export type { SizeVerdict } from './format.ts';
export { drawnAnywhere, drawnMask, partKinds, partOf } from './parts.ts';
export { rejectAmbiguous, rejectDuplicateIds } from './reject.ts';
export { ingestGeoJsonText, ingestStream, ingestText } from './text.ts';
export { LAYER_KINDS } from './types.ts';
export type {
  CityJsonSummary,
  IngestFormat,
  IngestOptions,
  IngestPhase,
  IngestStats,
  IngestedLayer,
  LayerKind,
  LayerPart,
  Notes,
  ProgressFn,
  RejectCode,
  RejectedFeature,
} from './types.ts';
export { ingestWhole } from './whole.ts';
