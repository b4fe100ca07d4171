/**
 * Basemap: what the ground under the city is drawn from. Either the city's own data (land, districts;
 * roads and green areas are their own layers) — the default, which works offline — or a raster tile
 * source: OpenStreetMap's standard tiles, VWorld (Korea's national basemap, WMTS with a key) or any XYZ
 * template. This folder holds the source definitions and their attributions (`sources.ts`), the
 * `?basemap=` link parameter (`url.ts`), Web Mercator tile arithmetic and the placing of tiles in the
 * local frame (`tiles.ts`), and the data-drawn ground's shapes (`ground.ts`).
 *
 * Units and terms: lon/lat in degrees (WGS84), local positions in metres east (x) and north (y) of the
 * frame's origin; tiles are z/x/y of the Web Mercator (EPSG:3857) "slippy map" grid, y from the north.
 * No network access: the scene fetches the tiles.
 */
export { DATA_GROUND, OSM_TEMPLATE, OSM_USAGE_URL, VWORLD_LAYERS, resolveSource, templateProblem, tileUrl, vworldTemplate } from './sources.ts';
export type { BasemapKind, BasemapSetting, SourceProblem, TileSource, VWorldLayer } from './sources.ts';
export { BasemapParamError, basemapParam, parseBasemapParam, settingFromJson } from './url.ts';
export { MAX_LAT, coverLocalBox, tileCorner, tileQuad, tileXY, tilesInBox } from './tiles.ts';
export type { TileCover, TileId } from './tiles.ts';
export { groundShapes, landTriangles, ringSegments } from './ground.ts';
export type { GroundShapes, LocalPolygon } from './ground.ts';
