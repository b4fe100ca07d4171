// Web Mercator (EPSG:3857) XYZ tile arithmetic and the placing of tiles on the city's local ground.
// Tiles are numbered from the north-west corner (x east, y south), 2^z by 2^z at zoom z (the "slippy map"
// scheme of OSM and of WMTS GoogleMapsCompatible).
import { type LocalFrame, projectInto, toLonLat } from '../geo/index.ts';

/** Web Mercator stops at ±85.0511° (the square world). */
export const MAX_LAT = 85.0511287798066;

export interface TileId {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Fractional tile coordinates of a lon/lat (degrees) at zoom z. */
export function tileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  const x = ((lon + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  return [x, y];
}

/** Lon/lat (degrees) of the north-west corner of tile x, y at zoom z (fractions allowed). */
export function tileCorner(x: number, y: number, z: number): [number, number] {
  const n = 2 ** z;
  const lon = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return [lon, lat];
}

/** The tiles covering a lon/lat box at zoom z, nearest the box's centre first (so the middle fills in first). */
export function tilesInBox(west: number, south: number, east: number, north: number, z: number): TileId[] {
  const n = 2 ** z;
  const [x0f, y0f] = tileXY(west, north, z);
  const [x1f, y1f] = tileXY(east, south, z);
  const x0 = Math.max(0, Math.floor(x0f));
  const y0 = Math.max(0, Math.floor(y0f));
  const x1 = Math.min(n - 1, Math.floor(x1f));
  const y1 = Math.min(n - 1, Math.floor(y1f));
  const cx = (x0f + x1f) / 2;
  const cy = (y0f + y1f) / 2;
  const out: TileId[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push({ z, x, y });
  const d = (t: TileId): number => (t.x + 0.5 - cx) ** 2 + (t.y + 0.5 - cy) ** 2;
  // Ties broken by y then x, so the order is the same on every run.
  return out.sort((a, b) => d(a) - d(b) || a.y - b.y || a.x - b.x);
}

export interface TileCover {
  readonly z: number;
  readonly tiles: readonly TileId[];
}

/**
 * The tiles that cover a local box (metres east/north of the frame's origin): the finest zoom within
 * [minZoom, maxZoom] that needs at most `maxTiles` tiles. A box out of the source's zoom range (or too
 * big for `maxTiles` even at minZoom) gives the coarsest allowed zoom anyway: a source is never dropped
 * for being too coarse.
 */
export function coverLocalBox(
  frame: LocalFrame,
  box: readonly [minX: number, minY: number, maxX: number, maxY: number],
  opts: { minZoom: number; maxZoom: number; maxTiles: number },
): TileCover {
  const [minX, minY, maxX, maxY] = box;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [x, y] of [[minX, minY], [maxX, minY], [minX, maxY], [maxX, maxY]] as const) {
    const [lon, lat] = toLonLat(frame, x, y);
    west = Math.min(west, lon); east = Math.max(east, lon);
    south = Math.min(south, lat); north = Math.max(north, lat);
  }
  let best = opts.minZoom;
  for (let z = opts.minZoom; z <= opts.maxZoom; z++) {
    const [x0, y0] = tileXY(west, north, z);
    const [x1, y1] = tileXY(east, south, z);
    const count = (Math.floor(x1) - Math.floor(x0) + 1) * (Math.floor(y1) - Math.floor(y0) + 1);
    if (count > opts.maxTiles) break;
    best = z;
  }
  return { z: best, tiles: tilesInBox(west, south, east, north, best) };
}

/**
 * A tile's four corners in the local frame, metres: [x, y] of north-west, north-east, south-west,
 * south-east. At city scale a Mercator tile is a quadrilateral in the tangent plane to well under a
 * pixel (the ENU frame bends lines by d²/2R: 0.3 mm at 2 km), so four corners place it.
 */
export function tileQuad(frame: LocalFrame, t: TileId): Float64Array {
  const out = new Float64Array(8);
  const corners = [[t.x, t.y], [t.x + 1, t.y], [t.x, t.y + 1], [t.x + 1, t.y + 1]] as const;
  corners.forEach(([x, y], i) => {
    const [lon, lat] = tileCorner(x, y, t.z);
    projectInto(frame, lon, lat, out, 2 * i);
  });
  return out;
}
