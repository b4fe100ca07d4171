// 3D Tiles in: the tilesets streamed into the view (URL, visibility, load status and stats) and the
// picked tile feature's properties. Reading a tileset.json and placing the tileset in the viewer's local
// frame are pure core logic (src/core/tiles/placement.ts explains the matrix); this slice calls them.
import type { StateCreator } from 'zustand';
import { createLocalFrame } from '../core/geo/index.ts';
import { type LocalBox, checkTileset, ecefToLonLat, rootBounds, tilesPlacement, tilesetName } from '../core/tiles/index.ts';
import type { MessageKey, MessageParams } from '../core/language/index.ts';
import type { AppState } from './types.ts';

export type TilesetStatus = 'loading' | 'ready' | 'error';

export interface TilesetStats {
  /** Tile contents (models) in memory now. */
  readonly tiles: number;
  /** Bytes the renderer's LRU cache holds now (its estimate of geometry and textures). */
  readonly bytes: number;
  /** Features with ids in the loaded tiles (leaf tiles; coarse parents carry none). */
  readonly features: number;
  /** Tiles are being downloaded or parsed. */
  readonly loading: boolean;
}

export interface TilesetError {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export type { LocalBox };

export interface TilesetInfo {
  /** `tiles-<n>`: also the layerId of its features in the store's selection. */
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly visible: boolean;
  readonly status: TilesetStatus;
  readonly error?: TilesetError | undefined;
  readonly stats: TilesetStats;
  /** Origin of a CityTwin tileset's LocalFrame (null: content in plain ECEF). */
  readonly origin?: { readonly lon: number; readonly lat: number } | null;
  /** The root bounding volume in the viewer's frame (the frame when the tileset was added). */
  readonly bounds?: LocalBox | null;
}

export interface TilePick {
  readonly layerId: string;
  readonly featureId: number;
  /** Property names as in the source file (the schema's `name`) and their values as text. */
  readonly properties: ReadonlyArray<readonly [string, string]>;
}

export interface TilesSlice {
  tilesets: TilesetInfo[];
  /** Properties of the picked tile feature (tiles unload; what was picked stays readable). */
  tilePick: TilePick | null;
  /** Checks the tileset.json and adds the tileset (an error entry when it cannot be used); returns its id. */
  addTileset(url: string): Promise<string>;
  removeTileset(id: string): void;
  setTilesetVisible(id: string, visible: boolean): void;
  patchTileset(id: string, patch: Partial<Pick<TilesetInfo, 'status' | 'error' | 'stats'>>): void;
  /** Selects a tile feature (null clears it). */
  pickTileFeature(pick: TilePick | null): void;
}

export const EMPTY_STATS: TilesetStats = { tiles: 0, bytes: 0, features: 0, loading: true };

let nextTileset = 1;

type Slice<T> = StateCreator<AppState, [], [], T>;

export const createTilesSlice: Slice<TilesSlice> = (set, get) => ({
  tilesets: [],
  tilePick: null,
  addTileset: async (url) => {
    const id = `tiles-${nextTileset++}`;
    const entry: TilesetInfo = { id, url, name: tilesetName(url), visible: true, status: 'loading', stats: EMPTY_STATS };
    set((s) => ({ tilesets: [...s.tilesets, entry] }));
    const fail = (error: TilesetError): string => {
      get().patchTileset(id, { status: 'error', error, stats: { ...EMPTY_STATS, loading: false } });
      return id;
    };
    let text: string;
    try {
      const res = await fetch(url);
      if (!res.ok) return fail({ key: 'tiles.error.http', params: { status: `${res.status} ${res.statusText}`.trim() } });
      text = await res.text();
    } catch (err) {
      return fail({ key: 'tiles.error.network', params: { message: err instanceof Error ? err.message : String(err) } });
    }
    const check = checkTileset(text);
    if (!check.ok) return fail(check.error);
    if (!get().tilesets.some((t) => t.id === id)) return id; // removed meanwhile
    // Tiles opened alone: the view takes the tileset's frame (its origin, else its root's position).
    let viewer = get().frame;
    if (!viewer) {
      let lonLat: [number, number] = [0, 0];
      if (check.origin) lonLat = [check.origin.lon, check.origin.lat];
      else if (check.rootTransform) lonLat = ecefToLonLat(check.rootTransform[12], check.rootTransform[13], check.rootTransform[14]);
      viewer = createLocalFrame(lonLat[0], lonLat[1]);
      get().setFrame(viewer);
    }
    const placement = tilesPlacement(viewer, check.origin ? createLocalFrame(check.origin.lon, check.origin.lat) : null);
    const bounds = rootBounds(check.volume, check.rootTransform, placement, viewer);
    set((s) => ({
      tilesets: s.tilesets.map((t) => (t.id === id ? { ...t, status: 'ready', origin: check.origin, bounds } : t)),
    }));
    return id;
  },
  removeTileset: (id) =>
    set((s) => ({
      tilesets: s.tilesets.filter((t) => t.id !== id),
      tilePick: s.tilePick?.layerId === id ? null : s.tilePick,
      selected: s.selected?.layerId === id ? null : s.selected,
      hovered: s.hovered?.layerId === id ? null : s.hovered,
    })),
  setTilesetVisible: (id, visible) =>
    set((s) => ({
      tilesets: s.tilesets.map((t) => (t.id === id ? { ...t, visible } : t)),
      ...(visible ? {} : { selected: s.selected?.layerId === id ? null : s.selected }),
    })),
  patchTileset: (id, patch) => set((s) => ({ tilesets: s.tilesets.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  pickTileFeature: (pick) => {
    set({ tilePick: pick });
    get().select(pick ? { layerId: pick.layerId, featureId: pick.featureId } : null);
  },
});
