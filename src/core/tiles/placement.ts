// Placing a 3D Tiles tileset in the viewer's local frame, and reading what its tileset.json says about
// where it is. Pure: the store's tiles slice calls these, the scene applies the matrix.
//
// Placement. The scene draws every layer in the viewer's LocalFrame (metres east x, north y, up z, with
// heights measured from a flat ground; CityCanvas turns that z-up frame into three's y-up world). The
// 3D Tiles renderer puts each tile in its tileset's coordinates, i.e. ECEF after the root `transform`.
// The tileset group therefore gets G (column-major, applied to ECEF):
//  - a CityTwin tileset (tileset.json `extras.citytwin.origin`, content in the LocalFrame A of that
//    origin, root transform enuToEcef(A)): G = F · ecefToEnu(A), where F maps A's local metres to the
//    viewer frame B keeping heights from the ground: a turn about the vertical by the angle between A's
//    and B's east axes and a shift to A's origin in B. F is the identity when A = B, so G = ecefToEnu(B)
//    exactly, and every vertex lands on the coordinates the other layers use.
//  - any other tileset (content really in ECEF): G = ecefToEnu(B), the rigid east-north-up frame.
import { type LocalFrame, toLocal } from '../geo/index.ts';
import { type Mat4, ecefToEnu, frameToFrame, multiply, transformPoint } from './ecef.ts';

/** Why a tileset.json cannot be used: a message key of the UI's catalogue and its parameters. */
export interface TilesetProblem {
  readonly key: 'tiles.error.json' | 'tiles.error.notTileset';
  readonly params?: Readonly<Record<string, string | number>>;
}

/** [minX, minY, minZ, maxX, maxY, maxZ] in the viewer's local metres. */
export type LocalBox = readonly [number, number, number, number, number, number];

/** What a tileset.json says about where it is, or why it cannot be used. */
export type TilesetCheck =
  | { readonly ok: true; readonly origin: { lon: number; lat: number } | null; readonly rootTransform: Mat4 | null; readonly volume: unknown }
  | { readonly ok: false; readonly error: TilesetProblem };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mat4Of(v: unknown): Mat4 | null {
  return Array.isArray(v) && v.length === 16 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as Mat4) : null;
}

/** Reads a tileset.json text: an OGC 3D Tiles tileset has `asset.version` and a `root` tile. */
export function checkTileset(text: string): TilesetCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: { key: 'tiles.error.json', params: { message: err instanceof Error ? err.message : String(err) } } };
  }
  if (!isRecord(json) || !isRecord(json['asset']) || typeof json['asset']['version'] !== 'string' || !isRecord(json['root']) || !isRecord(json['root']['boundingVolume'])) {
    return { ok: false, error: { key: 'tiles.error.notTileset' } };
  }
  const root = json['root'];
  const extras = isRecord(json['extras']) ? json['extras'] : {};
  const ct = isRecord(extras['citytwin']) ? extras['citytwin'] : {};
  const o = isRecord(ct['origin']) ? ct['origin'] : null;
  const lon = o?.['lon'];
  const lat = o?.['lat'];
  const origin = typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90 ? { lon, lat } : null;
  return { ok: true, origin, rootTransform: mat4Of(root['transform']), volume: root['boundingVolume'] };
}

/** ECEF (metres) -> WGS84 lon/lat (degrees), by Bowring's iteration. */
export function ecefToLonLat(x: number, y: number, z: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - e2));
  for (let k = 0; k < 6; k++) {
    const s = Math.sin(lat);
    const n = a / Math.sqrt(1 - e2 * s * s);
    lat = Math.atan2(z + e2 * n * s, p);
  }
  return [(Math.atan2(y, x) * 180) / Math.PI, (lat * 180) / Math.PI];
}

/**
 * Matrix of the tileset group (applied to the tileset's ECEF coordinates) that puts it in the viewer's
 * frame `viewer`: see the top of this file. `tilesetFrame` is a CityTwin tileset's LocalFrame, or null.
 */
export function tilesPlacement(viewer: LocalFrame, tilesetFrame: LocalFrame | null): Mat4 {
  const toViewer = ecefToEnu(viewer);
  if (!tilesetFrame) return toViewer;
  // Flat A -> B: A's east axis turned into B, projected on B's horizontal, gives the turn.
  const rigid = frameToFrame(tilesetFrame, viewer);
  const theta = Math.atan2(rigid[1], rigid[0]);
  const [tx, ty] = toLocal(viewer, tilesetFrame.lon0, tilesetFrame.lat0);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const flat: Mat4 = [c, s, 0, 0, -s, c, 0, 0, 0, 0, 1, 0, tx, ty, 0, 1];
  if (tx === 0 && ty === 0 && theta === 0) return ecefToEnu(tilesetFrame);
  return multiply(flat, ecefToEnu(tilesetFrame));
}

/** The root bounding volume (box, region or sphere) in the viewer's frame; null when unreadable. */
export function rootBounds(volume: unknown, rootTransform: Mat4 | null, placement: Mat4, viewer: LocalFrame): LocalBox | null {
  if (!isRecord(volume)) return null;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const add = (p: readonly [number, number, number]): void => {
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k]!, p[k]!);
      hi[k] = Math.max(hi[k]!, p[k]!);
    }
  };
  const m = rootTransform ? multiply(placement, rootTransform) : placement;
  const box = volume['box'];
  const region = volume['region'];
  const sphere = volume['sphere'];
  if (Array.isArray(box) && box.length === 12 && box.every((v) => typeof v === 'number')) {
    const b = box as number[];
    for (let i = 0; i < 8; i++) {
      const sx = i & 1 ? 1 : -1;
      const sy = i & 2 ? 1 : -1;
      const sz = i & 4 ? 1 : -1;
      const p = [0, 1, 2].map((k) => b[k]! + sx * b[3 + k]! + sy * b[6 + k]! + sz * b[9 + k]!);
      add(transformPoint(m, p[0]!, p[1]!, p[2]!));
    }
  } else if (Array.isArray(region) && region.length === 6 && region.every((v) => typeof v === 'number')) {
    const [w, s, e, n, h0, h1] = (region as number[]).map((v, i) => (i < 4 ? (v * 180) / Math.PI : v));
    for (const lon of [w!, (w! + e!) / 2, e!]) {
      for (const lat of [s!, (s! + n!) / 2, n!]) {
        const [x, y] = toLocal(viewer, lon, lat);
        add([x, y, h0!]);
        add([x, y, h1!]);
      }
    }
  } else if (Array.isArray(sphere) && sphere.length === 4 && sphere.every((v) => typeof v === 'number')) {
    const [cx, cy, cz, r] = sphere as number[];
    const c = transformPoint(m, cx!, cy!, cz!);
    add([c[0] - r!, c[1] - r!, c[2] - r!]);
    add([c[0] + r!, c[1] + r!, c[2] + r!]);
  } else {
    return null;
  }
  if (!lo.every(Number.isFinite) || !hi.every(Number.isFinite)) return null;
  return [lo[0]!, lo[1]!, lo[2]!, hi[0]!, hi[1]!, hi[2]!];
}

/** A name for the list: the folder holding tileset.json, or the URL. */
export function tilesetName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  const parts = path.split('/').filter((p) => p !== '');
  const last = parts[parts.length - 1] ?? url;
  return /\.json$/i.test(last) && parts.length > 1 ? `${parts[parts.length - 2]!}/${last}` : last;
}
