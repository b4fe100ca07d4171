// The view's handle: a small, read-mostly API on the live 3D view for the app shell (bench mode, the kiosk)
// and for tests (the test build's hooks, tests/browser/page/hooks.ts, show it as `window.__citytwin`):
// where a feature is on screen, fly to a feature, how many frames were drawn. The scene installs it while
// the canvas lives.
import * as THREE from 'three';
import type { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { useStore } from '../store/index.ts';
import { toLocal } from '../core/geo/index.ts';
import { pendingChunks } from './ChunkedLayer.tsx';
import { pickingTreeStats } from './pickingTrees.ts';
import { ERROR_TARGET, tilesRenderers } from './TilesLayer.tsx';
import { type DetailMode, setDetailMode } from './detail.ts';
import { renderSplit, splitActive } from './SplitView.tsx';
import { type Bounds, applyView, currentView, viewOf } from './MapCamera.tsx';
import { featureTop } from './featurePlace.ts';
import { type ContextStatus, getContextStatus } from './viewControl.ts';

interface HookDeps {
  camera: THREE.Camera;
  controls: MapControls;
  gl: THREE.WebGLRenderer;
  scene: THREE.Scene;
  invalidate: () => void;
  frames: { current: number };
  bounds: () => Bounds | undefined;
}

export interface CityTwinHandle {
  /** Frames rendered so far. */
  frames(): number;
  /** CSS-pixel position (page coordinates) of a feature's top centre, or null when not loaded. */
  screenOf(layerId: string, featureId: number): { x: number; y: number } | null;
  /** Points the camera straight down at a feature from `distance` metres. */
  lookAt(layerId: string, featureId: number, distance?: number, tilt?: number): boolean;
  resetView(): void;
  /** Turns the view to a compass bearing (degrees) about the city centre. */
  setBearing(deg: number): void;
  /** Renders one frame now (synchronously). */
  renderNow(): void;
  /** Geometry chunks loaded but not yet added to the scene (they join a few per frame). */
  pendingChunks(): number;
  /** Far level of detail on ('adaptive', the default) or off ('full'); renders a frame. */
  setDetail(mode: DetailMode): void;
  /** Renders a frame now and returns what it drew. */
  drawStats(): { triangles: number; calls: number };
  /** Batched meshes in the scene with and without a picking tree, and where the trees were built. */
  pickingTrees(): { meshes: number; withTree: number; worker: number; mainThread: number };
  /** Screen-space error (px) at which every tileset refines; null restores the viewer's own (ERROR_TARGET). */
  setTilesErrorTarget(px: number | null): void;
  /** GPU resources three.js holds now: geometries (buffers) and textures (after a frame is rendered). */
  gpuMemory(): { geometries: number; textures: number };
  /** Bytes held by the picking trees of the meshes in the scene (node buffers and triangle order). */
  pickingTreeBytes(): number;
  /** CSS-pixel position of a WGS84 point `z` metres above ground, in the view's local frame (3D Tiles checks). */
  screenOfLonLat?(lon: number, lat: number, z?: number): { x: number; y: number } | null;
  /** Points the camera down at a WGS84 point from `distance` metres. */
  lookAtLonLat?(lon: number, lat: number, distance?: number, tilt?: number): boolean;
  /** GPU geometries and textures three.js holds, as counted after the last frame (draws nothing). */
  gpuCounts(): { geometries: number; textures: number };
  /** The camera as a local view: point looked at (x east, y north, m), distance (m), tilt and bearing (°). */
  cameraView(): { x: number; y: number; distance: number; tilt: number; bearing: number };
  /** The WebGL context: 'ok', 'lost' or 'restored' (back, before its first frame). */
  contextStatus(): ContextStatus;
}

let current: CityTwinHandle | undefined;

/** The live view's handle, or undefined while no canvas is mounted. */
export function viewHandle(): CityTwinHandle | undefined {
  return current;
}

export function installViewHandle(deps: HookDeps): () => void {
  const { camera, controls, gl, scene, invalidate, frames, bounds } = deps;
  let bearing = 0;
  const handle: CityTwinHandle = {
    frames: () => frames.current,
    screenOf: (layerId, featureId) => {
      const p = featureTop(layerId, featureId);
      if (!p) return null;
      camera.updateMatrixWorld();
      p.project(camera);
      const rect = gl.domElement.getBoundingClientRect();
      return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height };
    },
    lookAt: (layerId, featureId, distance = 300, tilt = 0.5) => {
      const p = featureTop(layerId, featureId);
      if (!p) return false;
      applyView(camera, controls, { target: new THREE.Vector3(p.x, 0, p.z), distance: distance + p.y, tilt, bearing });
      invalidate();
      return true;
    },
    resetView: () => {
      const b = bounds();
      if (b) applyView(camera, controls, viewOf(b, 50, bearing));
      invalidate();
    },
    setBearing: (deg) => {
      bearing = deg;
      const b = bounds();
      if (b) applyView(camera, controls, viewOf(b, 45, deg));
      // Drawn here and now (benchmarks count these frames), not queued for R3F's loop as well.
      gl.render(scene, camera);
    },
    // What the user sees: the split view draws its two halves.
    renderNow: () => (splitActive() ? renderSplit(gl, scene, camera, { width: gl.domElement.clientWidth, height: gl.domElement.clientHeight }) : gl.render(scene, camera)),
    pendingChunks: () => [...pendingChunks.values()].reduce((a, b) => a + b, 0),
    setTilesErrorTarget: (px) => {
      for (const tiles of tilesRenderers.values()) tiles.errorTarget = px ?? ERROR_TARGET;
      invalidate();
    },
    gpuMemory: () => {
      gl.render(scene, camera);
      return { geometries: gl.info.memory.geometries, textures: gl.info.memory.textures };
    },
    pickingTreeBytes: () => {
      let bytes = 0;
      scene.traverse((o) => {
        const tree = ((o as THREE.Mesh).geometry as { boundsTree?: { _roots?: ArrayBuffer[]; _indirectBuffer?: ArrayBufferView | null } } | undefined)?.boundsTree;
        if (!(o as THREE.Mesh).isMesh || !tree) return;
        for (const r of tree._roots ?? []) bytes += r.byteLength;
        bytes += tree._indirectBuffer?.byteLength ?? 0;
      });
      return bytes;
    },
    setDetail: (mode) => {
      setDetailMode(mode); // now, for the frame drawn below; the store follows
      useStore.getState().setFarDetail(mode);
      gl.render(scene, camera);
      invalidate();
    },
    drawStats: () => {
      gl.render(scene, camera);
      return { triangles: gl.info.render.triangles, calls: gl.info.render.calls };
    },
    pickingTrees: () => {
      let meshes = 0;
      let withTree = 0;
      scene.traverse((o) => {
        const g = (o as THREE.Mesh).geometry as (THREE.BufferGeometry & { boundsTree?: unknown }) | undefined;
        if (!(o as THREE.Mesh).isMesh || !g?.getAttribute('featureId') || !g.getIndex() || g.getIndex()!.count < 3) return;
        meshes++;
        if (g.boundsTree) withTree++;
      });
      return { meshes, withTree, ...pickingTreeStats };
    },
    screenOfLonLat: (lon, lat, z = 0) => {
      const f = useStore.getState().frame;
      if (!f) return null;
      const [x, y] = toLocal(f, lon, lat);
      const p = new THREE.Vector3(x, z, -y);
      camera.updateMatrixWorld();
      p.project(camera);
      const rect = gl.domElement.getBoundingClientRect();
      return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height };
    },
    gpuCounts: () => ({ geometries: gl.info.memory.geometries, textures: gl.info.memory.textures }),
    cameraView: () => {
      const v = currentView(camera, controls);
      return { x: v.target.x, y: -v.target.z, distance: v.distance, tilt: v.tilt, bearing: v.bearing };
    },
    contextStatus: getContextStatus,
    lookAtLonLat: (lon, lat, distance = 300, tilt = 0.5) => {
      const f = useStore.getState().frame;
      if (!f) return false;
      const [x, y] = toLocal(f, lon, lat);
      applyView(camera, controls, { target: new THREE.Vector3(x, 0, -y), distance, tilt, bearing });
      invalidate();
      return true;
    },
  };
  current = handle;
  return () => {
    if (current === handle) current = undefined;
  };
}
