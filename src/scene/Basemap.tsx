// The ground under the city. Without a raster basemap (the default) it is geometry drawn from the data
// (DataGround.tsx). With one, it is one plane whose texture is painted from the data and then from the
// tiles over that, each tile painted as it arrives. Tiles load as images in the browser (never on the
// render loop); a tile that fails leaves the data-drawn ground in its place, so the ground is never
// blank.
import { useEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { type GroundShapes, type TileId, type TileSource, coverLocalBox, resolveSource, tileQuad, tileUrl } from '../core/basemap/index.ts';
import { useStore } from '../store/index.ts';
import type { Bounds } from './MapCamera.tsx';
import { DataGround, type GroundView, groundViewOf, paintDataGround, toPixel, useGroundShapes } from './DataGround.tsx';

/** Texture side with tiles (about 2 m a pixel over a city of a few km). */
const TILES_PX = 4096;
/** Tiles beyond the city's bounds, metres each side; the rest of the ground stays data-drawn. */
const TILE_MARGIN_M = 600;
/** At most this many tiles for the city (the finest zoom that fits): 64 × 256² px ≈ a 2048² texture. */
const MAX_TILES = 64;
/** Texture uploads are batched: tiles arriving within this many ms go up together. */
const UPLOAD_BATCH_MS = 150;

interface LoadedTile {
  readonly tile: TileId;
  readonly image: HTMLImageElement;
}

/** Paints tile images onto the ground canvas, each as the parallelogram of its north-west, north-east and south-west corners. */
function paintTile(ctx: CanvasRenderingContext2D, v: GroundView, quad: Float64Array, image: HTMLImageElement): void {
  const [x0, y0] = toPixel(v, quad[0]!, quad[1]!);
  const [x1, y1] = toPixel(v, quad[2]!, quad[3]!);
  const [x2, y2] = toPixel(v, quad[4]!, quad[5]!);
  const w = image.naturalWidth || 256;
  const h = image.naturalHeight || 256;
  ctx.save();
  // Image (0,0)->(w,0) along the north edge, (0,0)->(0,h) along the west edge.
  ctx.setTransform((x1 - x0) / w, (y1 - y0) / w, (x2 - x0) / h, (y2 - y0) / h, x0, y0);
  ctx.drawImage(image, 0, 0, w, h);
  ctx.restore();
}

/**
 * The ground: drawn as geometry from the data (DataGround.tsx) when no raster basemap is chosen, the
 * default; painted into a texture, tiles over the data-drawn ground, when one is.
 */
export function Basemap({ bounds }: { bounds: Bounds }) {
  const frame = useStore((s) => s.frame);
  const setting = useStore((s) => s.basemap);
  const source = useMemo(() => resolveSource(setting).source, [setting]);
  const shapes = useGroundShapes(frame);
  useEffect(() => {
    if (!source) useStore.getState().setBasemapTiles({ wanted: 0, loaded: 0, failed: 0 });
  }, [source]);
  return source ? <TiledGround bounds={bounds} source={source} shapes={shapes} /> : <DataGround bounds={bounds} shapes={shapes} />;
}

function TiledGround({ bounds, source, shapes }: { bounds: Bounds; source: TileSource; shapes: GroundShapes | null }) {
  const frame = useStore((s) => s.frame);
  const invalidate = useThree((s) => s.invalidate);
  const maxTexture = useThree((s) => s.gl.capabilities.maxTextureSize);
  const px = Math.min(TILES_PX, maxTexture);
  const view = useMemo(() => groundViewOf(bounds, px), [bounds, px]);

  const canvas = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = px;
    c.height = px;
    return c;
  }, [px]);
  const texture = useMemo(() => {
    const t = new THREE.CanvasTexture(canvas);
    t.colorSpace = THREE.SRGBColorSpace;
    t.anisotropy = 4;
    return t;
  }, [canvas]);
  useEffect(() => () => texture.dispose(), [texture]);

  // The tiles loaded for the current source and view, repainted over the data ground whenever either changes.
  const loaded = useRef<LoadedTile[]>([]);
  const repaint = useRef<() => void>(() => undefined);
  repaint.current = () => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    paintDataGround(ctx, view, shapes);
    if (frame) for (const t of loaded.current) paintTile(ctx, view, tileQuad(frame, t.tile), t.image);
    texture.needsUpdate = true;
    invalidate();
  };
  useEffect(() => repaint.current(), [shapes, view, texture]);

  useEffect(() => {
    loaded.current = [];
    const report = useStore.getState().setBasemapTiles;
    if (!frame) {
      report({ wanted: 0, loaded: 0, failed: 0 });
      repaint.current();
      return;
    }
    const cover = coverLocalBox(frame, [bounds[0] - TILE_MARGIN_M, bounds[1] - TILE_MARGIN_M, bounds[3] + TILE_MARGIN_M, bounds[4] + TILE_MARGIN_M], {
      minZoom: source.minZoom, maxZoom: source.maxZoom, maxTiles: MAX_TILES,
    });
    let ok = 0;
    let failed = 0;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      if (!live) return;
      repaint.current();
      report({ wanted: cover.tiles.length, loaded: ok, failed });
    };
    const schedule = (): void => {
      timer ??= setTimeout(flush, UPLOAD_BATCH_MS);
    };
    report({ wanted: cover.tiles.length, loaded: 0, failed: 0 });
    repaint.current(); // the previous source's tiles go
    const images = cover.tiles.map((tile) => {
      const image = new Image();
      image.crossOrigin = 'anonymous'; // painted into a WebGL texture: a tile server must allow CORS
      image.decoding = 'async';
      image.onload = () => {
        if (!live) return;
        ok++;
        loaded.current.push({ tile, image });
        schedule();
      };
      image.onerror = () => {
        if (!live) return;
        failed++;
        schedule();
      };
      image.src = tileUrl(source, tile.z, tile.x, tile.y);
      return image;
    });
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      for (const image of images) {
        image.onload = null;
        image.onerror = null;
        image.src = '';
      }
      loaded.current = [];
    };
  }, [source, frame, bounds]);

  return (
    <mesh position={[view.cx, -0.02, -view.cy]} rotation-x={-Math.PI / 2} renderOrder={0} name="ground">
      <planeGeometry args={[view.size, view.size]} />
      <meshLambertMaterial map={texture} />
    </mesh>
  );
}
