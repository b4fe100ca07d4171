/**
 * Geo ingest: GeoJSON (WGS84 lon/lat, RFC 7946) -> local metres (x east, y north, z up) ->
 * batched, chunked triangle geometry in typed arrays, with per-feature tables and packed properties.
 * Bad features are skipped and listed (index, id, code, message); the rest always loads. Every RFC 7946
 * document shape is read, and near-misses (wrong case, a Feature without "type") with located warnings
 * (lenient.ts). A feature's geometry kinds are KindBit flags (a file of several kinds loads as sub-layers).
 */
export { createLocalFrame, projectInto, toLocal, toLonLat } from './frame.ts';
export type { LocalFrame } from './frame.ts';
export {
  DEFAULT_ESTIMATED_STOREYS,
  ESTIMATED_STOREYS,
  HEIGHT_SOURCE_NAMES,
  HeightSource,
  STOREY_HEIGHT_M,
  estimatedStoreys,
  parseLength,
  resolveHeight,
} from './height.ts';
export type { HeightSourceName, ResolvedHeight } from './height.ts';
export { FeatureError, collectionMembers, extendBounds, featureId, propertiesOf, readLines, readPolygons, skipped } from './geojson.ts';
export type { SkipCode, SkippedFeature } from './geojson.ts';
export {
  GeoJsonError,
  firstLineObject,
  isWgs84CrsName,
  jsonErrorLocation,
  jsonErrorOffset,
  jsonProblem,
  lineColumn,
  parseGeoJson,
  JsonLinesReader,
  parseJsonLines,
  readCrsName,
  readFeatureList,
  readGeoJsonRoot,
} from './parse.ts';
export type { AmbiguousFeature, BadLine, JsonErrorLocation, ParsedGeoJson, ParsedLines } from './parse.ts';
export { AmbiguousError, GEOMETRY_TYPES, MAX_WARNINGS, WarningList, featureOfGeometry, readFeature, readRoot } from './lenient.ts';
export type { GeoJsonWarning, RootRead, WarnSink, WarningCode } from './lenient.ts';
export { PropertyPacker, districtLabel, packProperties, propertyCount, propertyText, unpackProperties } from './properties.ts';
export type { PackedProperties } from './properties.ts';
export { buildPolygonLayer, buildPolygonLayerFrom, polygonLayerBytes } from './extrude.ts';
export { FeatureStore, GeometryClass, KindBit, classOf, coordinatesOf, geometryMask } from './featureStore.ts';
export type { PolygonSource, PositionSource } from './featureStore.ts';
export { FeatureSplitter } from './split.ts';
export type { SplitBail, SplitResult } from './split.ts';
export type { PolygonFeatureTable, PolygonLayerData, PolygonLayerOptions } from './extrude.ts';
export { LANE_WIDTH_M, ROAD_CLASSES, buildRoadLayer, roadClassOf, roadWidth } from './roads.ts';
export type { RoadClass, RoadLayerData, RoadLayerOptions } from './roads.ts';
export { buildPointLayer } from './points.ts';
export type { PointLayerData } from './points.ts';
