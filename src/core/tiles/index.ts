/**
 * OGC 3D Tiles, the format: writing tilesets (below) and placing a tileset read by the viewer in its local
 * frame (`placement.ts`: ECEF -> ENU and lon/lat). Across the layers "tiles" always means 3D Tiles: this
 * folder is the format, src/store/tiles.ts the tilesets loaded (their state) and src/scene/TilesLayer.tsx
 * draws them; the command line's `tiles` writes them.
 *
 * Writing: GeoJSON buildings -> an OGC 3D Tiles 1.1 tileset (explicit quadtree, `box` bounding
 * volumes, REPLACE refinement) of GLB contents whose vertices carry `_FEATURE_ID_0` (EXT_mesh_features)
 * into a per-tile property table (EXT_structural_metadata). Geometry comes from the project's own
 * extruder (src/core/geo buildPolygonLayer).
 *
 * Units and terms: metres; the root `transform` is ENU -> ECEF (EPSG:4978) at the LocalFrame origin on
 * the WGS84 ellipsoid; content and boxes are in that frame's local metres (x east, y north, z up from
 * the ground), z-up, with glTF's y-up turned by the 3D Tiles convention. Matrices are column-major.
 * Leaves hold every drawn feature exactly once; parents hold the largest buildings of their subtree as
 * a coarse level of detail, with the same ids and property rows (pickable from afar). No files are written here: `writeTileset` hands each file to a
 * sink (the CLI writes them).
 */
export { DEFAULT_MAX_FEATURES_PER_TILE, MAX_DEPTH, treeDepth, writeTileset } from './tileset.ts';
export type { TileJson, TileSink, TilesetOptions, TilesetSummary } from './tileset.ts';
export { ecefToEnu, enuToEcef, frameToFrame, multiply, transformPoint } from './ecef.ts';
export type { Mat4 } from './ecef.ts';
export { BUILTIN_PROPERTIES, CLASS_ID, NUMBER_NO_DATA, SCHEMA_ID, SchemaBuilder, TileSchema, encodeRows, valueText } from './schema.ts';
export type { ClassProperty, ColumnKind, EncodedColumn, FeatureRow, SchemaColumn } from './schema.ts';
export { encodeContent } from './content.ts';
export type { Box, EncodedContent, PropertyTableInput } from './content.ts';
export { GlbError, GlbWriter, readGlb } from './glb.ts';
export { readContentGeometry, readPropertyTable } from './read.ts';
export type { PropertyValue } from './read.ts';
export { checkTileset, ecefToLonLat, rootBounds, tilesPlacement, tilesetName } from './placement.ts';
export type { LocalBox, TilesetCheck, TilesetProblem } from './placement.ts';
