// 3D Tiles in: each tileset of the store streamed by 3d-tiles-renderer's React Three Fiber component,
// placed in the viewer's local frame (src/store/tiles.ts explains the matrix), with a bounded tile
// cache, renders on demand (every load, unload and visibility change invalidates the canvas), and
// picking: a click on a building in a loaded leaf tile selects it with the properties of its row in
// the tile's EXT_structural_metadata table, named as in the source file (the schema's `name`).
// Rendered inside CityCanvas's z-up group (local x east, y north, z up).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type ThreeEvent, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { TilesPlugin, TilesRenderer } from '3d-tiles-renderer/r3f';
import { GLTFExtensionsPlugin } from '3d-tiles-renderer/plugins';
import type { TilesRenderer as TilesRendererImpl } from '3d-tiles-renderer/three';
import { createLocalFrame } from '../core/geo/index.ts';
import { useStore } from '../store/index.ts';
import { useTileProgram } from './precompile.ts';
import { type TilePick, type TilesetInfo } from '../store/tiles.ts';
import { tilesPlacement } from '../core/tiles/placement.ts';

/**
 * The memory bound of each tileset's cache (3d-tiles-renderer's LRU cache). Above `maxBytes` (its
 * estimate of geometry and texture bytes) or `maxTiles` tile contents no new tile is loaded; tiles not
 * in view are unloaded down to `minBytes` / `minTiles`. Tiles needed for the current view may briefly
 * hold the cache above the bound only up to what the view needs at `ERROR_TARGET`.
 */
export const TILE_CACHE = {
  minBytes: 96 * 2 ** 20,
  maxBytes: 160 * 2 ** 20,
  minTiles: 300,
  maxTiles: 600,
} as const;

/** Screen-space error (pixels) at which a tile is refined into its children. */
export const ERROR_TARGET = 12;

const GLTF_ARGS = [{ metadata: true, rtc: false, autoDispose: false }];

/** What the metadata extension attaches to a loaded glTF scene (only what is read here). */
interface SchemaProperty {
  readonly name?: string;
  readonly type?: string;
  readonly componentType?: string;
}
interface StructuralMetadataLike {
  readonly schema: { readonly classes?: Readonly<Record<string, { readonly properties?: Readonly<Record<string, SchemaProperty>> }>> };
  readonly tableAccessors: ReadonlyArray<{ readonly count: number; readonly definition: { readonly class: string } }>;
  getPropertyTableData(table: number, id: number): Record<string, unknown>;
}

function metadataOf(o: THREE.Object3D | null): StructuralMetadataLike | null {
  for (let p = o; p; p = p.parent) {
    const m = p.userData['structuralMetadata'] as StructuralMetadataLike | undefined;
    if (m && Array.isArray(m.tableAccessors) && m.tableAccessors.length > 0) return m;
  }
  return null;
}

/** A property value as plain text (never markup); null for no data. */
export function tileValueText(value: unknown, prop: SchemaProperty | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // FLOAT32 columns: the shortest text that reads back as the same float.
    return prop?.componentType === 'FLOAT32' ? String(Number(value.toPrecision(7))) : String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value === '' ? null : value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    return String(value);
  }
}

/** The picked feature of a ray hit on a tile mesh, or null (content without feature ids or a property table). */
export function pickFromHit(object: THREE.Object3D, face: THREE.Face | null | undefined, layerId: string): TilePick | null {
  const geometry = (object as THREE.Mesh).geometry as THREE.BufferGeometry | undefined;
  const ids = geometry?.getAttribute('_feature_id_0');
  if (!ids || !face) return null;
  const row = Math.round(ids.getX(face.a));
  const meta = metadataOf(object);
  const table = meta?.tableAccessors[0];
  if (!meta || !table || row < 0 || row >= table.count) return null;
  const data = meta.getPropertyTableData(0, row);
  const props = meta.schema.classes?.[table.definition.class]?.properties ?? {};
  const properties: Array<readonly [string, string]> = [];
  for (const id of Object.keys(props)) {
    const text = tileValueText(data[id], props[id]);
    if (text !== null) properties.push([props[id]?.name ?? id, text]);
  }
  const index = data['feature_index'];
  return { layerId, featureId: typeof index === 'number' ? index : row, properties };
}

/** Features with ids in a loaded tile's model. */
function featuresIn(scene: THREE.Object3D): number {
  let hasIds = false;
  scene.traverse((o) => {
    if (!hasIds && (o as THREE.Mesh).geometry?.getAttribute('_feature_id_0')) hasIds = true;
  });
  return hasIds ? (metadataOf(scene)?.tableAccessors[0]?.count ?? (scene.userData['structuralMetadata'] as StructuralMetadataLike | undefined)?.tableAccessors[0]?.count ?? 0) : 0;
}

/** Live renderers by tileset id (tests and benchmarks read their state). */
export const tilesRenderers = new Map<string, TilesRendererImpl>();

function TilesetView({ info }: { info: Pick<TilesetInfo, 'id' | 'url' | 'visible' | 'origin'> }) {
  const frame = useStore((s) => s.frame);
  const patchTileset = useStore((s) => s.patchTileset);
  const pickTileFeature = useStore((s) => s.pickTileFeature);
  const invalidate = useThree((s) => s.invalidate);
  const [tiles, setTiles] = useState<TilesRendererImpl | null>(null);
  useTileProgram(tiles !== null);
  const group = useRef<THREE.Group>(null);
  const origin = info.origin;
  const placement = useMemo(
    () => (frame ? tilesPlacement(frame, origin ? createLocalFrame(origin.lon, origin.lat) : null) : null),
    [frame, origin],
  );

  useLayoutEffect(() => {
    const g = group.current;
    if (!g || !placement) return;
    g.matrix.fromArray(placement);
    g.matrixWorldNeedsUpdate = true;
    g.updateMatrixWorld(true);
    invalidate();
  }, [placement, invalidate]);

  // Cache bound, error target, and the events that keep the stats and the on-demand canvas current.
  useEffect(() => {
    if (!tiles) return;
    const id = info.id;
    tiles.lruCache.minBytesSize = TILE_CACHE.minBytes;
    tiles.lruCache.maxBytesSize = TILE_CACHE.maxBytes;
    tiles.lruCache.minSize = TILE_CACHE.minTiles;
    tiles.lruCache.maxSize = TILE_CACHE.maxTiles;
    tiles.errorTarget = ERROR_TARGET;
    tilesRenderers.set(id, tiles);
    const features = new Map<object, number>();
    let loading = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const report = (): void => {
      timer = null;
      let f = 0;
      for (const n of features.values()) f += n;
      patchTileset(id, { stats: { tiles: features.size, bytes: (tiles.lruCache as unknown as { cachedBytes: number }).cachedBytes, features: f, loading } });
    };
    const schedule = (): void => {
      invalidate();
      timer ??= setTimeout(report, 150);
    };
    const onLoad = (e: { scene: THREE.Object3D; tile: object }): void => {
      // A REPLACE parent's coarse content repeats buildings its leaves hold (CityTwin's tiler): counted in
      // the leaves only. ADD content is distinct from its children's and always counts.
      const tile = e.tile as { children?: unknown[]; refine?: string };
      const counts = (tile.children?.length ?? 0) === 0 || tile.refine === 'ADD';
      features.set(e.tile, counts ? featuresIn(e.scene) : 0);
      schedule();
    };
    const onDispose = (e: { tile: object }): void => {
      features.delete(e.tile);
      schedule();
    };
    const onStart = (): void => {
      loading = true;
      schedule();
    };
    const onEnd = (): void => {
      loading = false;
      schedule();
    };
    const onError = (e: { tile: unknown; error: Error; url: string | URL }): void => {
      const message = `${String(e.url).split('/').pop() ?? ''}: ${e.error?.message ?? String(e.error)}`;
      patchTileset(id, { error: { key: 'tiles.error.tile', params: { message } } });
      schedule();
    };
    tiles.addEventListener('load-model', onLoad);
    tiles.addEventListener('dispose-model', onDispose);
    tiles.addEventListener('tile-visibility-change', schedule);
    tiles.addEventListener('tiles-load-start', onStart);
    tiles.addEventListener('tiles-load-end', onEnd);
    tiles.addEventListener('load-error', onError);
    invalidate();
    return () => {
      tiles.removeEventListener('load-model', onLoad);
      tiles.removeEventListener('dispose-model', onDispose);
      tiles.removeEventListener('tile-visibility-change', schedule);
      tiles.removeEventListener('tiles-load-start', onStart);
      tiles.removeEventListener('tiles-load-end', onEnd);
      tiles.removeEventListener('load-error', onError);
      if (timer !== null) clearTimeout(timer);
      if (tilesRenderers.get(id) === tiles) tilesRenderers.delete(id);
    };
  }, [tiles, info.id, patchTileset, invalidate]);

  useEffect(() => invalidate(), [info.visible, invalidate]);

  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    // Content without feature ids (other tilers' coarse tiles): like a click on empty ground, it clears the selection.
    e.stopPropagation();
    pickTileFeature(pickFromHit(e.object, e.face, info.id));
  };

  if (!placement) return null;
  return (
    <group ref={group} matrixAutoUpdate={false} visible={info.visible} {...(info.visible ? { onClick } : {})}>
      <TilesRenderer ref={setTiles} url={info.url} enabled={info.visible}>
        <TilesPlugin plugin={GLTFExtensionsPlugin} args={GLTF_ARGS} />
      </TilesRenderer>
    </group>
  );
}

/** Tileset `id` as the view draws it: its load stats (reported while tiles stream) are not drawn here. */
function TilesetById({ id }: { id: string }) {
  const info = useStore(
    useShallow((s) => {
      const t = s.tilesets.find((x) => x.id === id);
      return t ? { id: t.id, url: t.url, visible: t.visible, origin: t.origin ?? null } : null;
    }),
  );
  return info ? <TilesetView info={info} /> : null;
}

/** Every ready tileset of the store. */
export function TilesLayers() {
  const ids = useStore(useShallow((s) => s.tilesets.filter((t) => t.status === 'ready').map((t) => t.id)));
  return (
    <>
      {ids.map((id) => (
        <TilesetById key={id} id={id} />
      ))}
    </>
  );
}
