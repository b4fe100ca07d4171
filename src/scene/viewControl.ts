// The view's camera for the application shell (not a test hook): read and set the camera pose (saved with
// scenarios), frame the city again, take a picture, and hear when the user stops moving the view.
import * as THREE from 'three';
import type { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { type Bounds, applyView, currentView, framedViewOf } from './MapCamera.tsx';
import { renderSplit, splitActive } from './SplitView.tsx';
import { featureTop } from './featurePlace.ts';

/** Camera position and target in the city's local world coordinates (metres; y up). */
export interface CameraPose {
  readonly position: readonly [number, number, number];
  readonly target: readonly [number, number, number];
}

export interface ViewControl {
  pose(): CameraPose;
  setPose(p: CameraPose): void;
  resetView(): void;
  /** Points the camera down at a feature (layer id, or 'traffic' / 'carbon' / 'hydrogen') from `distance` metres; false if it is not there. */
  lookAt(layerId: string, featureId: number, distance?: number, tilt?: number): boolean;
  /** Called after the user stops moving the camera; returns the unsubscribe function. */
  onMoved(cb: () => void): () => void;
  /** A PNG of the view as drawn now. */
  snapshot(): Promise<Blob | null>;
  /** Draws the view again on the next frame (the layout around it changed). */
  redraw(): void;
  /** The camera as a local view: the point looked at (x east, y north, metres), distance, tilt and bearing (degrees). */
  view(): LocalCameraView;
  /** Puts the camera at a local view (the kiosk's tour sets one per frame of a flight). */
  setView(v: LocalCameraView): void;
}

/** A camera view in the city's local frame (metres; degrees). */
export interface LocalCameraView {
  readonly x: number;
  readonly y: number;
  readonly distance: number;
  readonly tilt: number;
  readonly bearing: number;
}

/** The WebGL context: drawing ('ok'), lost (the scene waits for it), or back and drawn again ('restored' until the first frame). */
export type ContextStatus = 'ok' | 'lost' | 'restored';

let contextStatus: ContextStatus = 'ok';
const contextListeners = new Set<(s: ContextStatus) => void>();
/** How many times the context came back and the view was drawn again without input. */
export const contextRecoveries = { lost: 0, restored: 0 };

export function getContextStatus(): ContextStatus {
  return contextStatus;
}

/** The scene reports the context's state; the shell shows a "restoring" card while it is lost. */
export function setContextStatus(s: ContextStatus): void {
  if (s === contextStatus) return;
  if (s === 'lost') contextRecoveries.lost++;
  if (s === 'restored') contextRecoveries.restored++;
  contextStatus = s;
  for (const l of contextListeners) l(s);
}

export function onContextStatus(cb: (s: ContextStatus) => void): () => void {
  contextListeners.add(cb);
  return () => contextListeners.delete(cb);
}

/** Whether the user asked for less motion: camera flights become instant moves. */
export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

let current: ViewControl | null = null;

export function viewControl(): ViewControl | null {
  return current;
}

const finite3 = (v: readonly number[]): boolean => v.length === 3 && v.every((x) => Number.isFinite(x));

export function installViewControl(deps: {
  camera: THREE.Camera;
  controls: MapControls;
  gl: THREE.WebGLRenderer;
  scene: THREE.Scene;
  invalidate: () => void;
  bounds: () => Bounds | undefined;
}): () => void {
  const { camera, controls, gl, scene, invalidate } = deps;
  const handle: ViewControl = {
    pose: () => ({ position: camera.position.toArray() as [number, number, number], target: controls.target.toArray() as [number, number, number] }),
    setPose: (p) => {
      if (!finite3(p.position) || !finite3(p.target)) return;
      camera.position.set(p.position[0], p.position[1], p.position[2]);
      controls.target.set(p.target[0], p.target[1], p.target[2]);
      camera.lookAt(controls.target);
      controls.update();
      invalidate();
    },
    resetView: () => {
      const b = deps.bounds();
      // Framed with a margin in this window's aspect, keeping the user's compass heading.
      if (b) applyView(camera, controls, framedViewOf(b, camera, 50, currentView(camera, controls).bearing));
      invalidate();
    },
    view: () => {
      const v = currentView(camera, controls);
      return { x: v.target.x, y: -v.target.z, distance: v.distance, tilt: v.tilt, bearing: v.bearing };
    },
    setView: (v) => {
      if (![v.x, v.y, v.distance, v.tilt, v.bearing].every(Number.isFinite)) return;
      applyView(camera, controls, { target: new THREE.Vector3(v.x, 0, -v.y), distance: v.distance, tilt: v.tilt, bearing: v.bearing });
      invalidate();
    },
    lookAt: (layerId, featureId, distance = 300, tilt = 0.5) => {
      const p = featureTop(layerId, featureId);
      if (!p) return false;
      // Keep the compass heading the user has.
      const offset = camera.position.clone().sub(controls.target);
      const bearing = THREE.MathUtils.radToDeg(Math.atan2(-offset.x, offset.z));
      applyView(camera, controls, { target: new THREE.Vector3(p.x, 0, p.z), distance: distance + p.y, tilt, bearing: Number.isFinite(bearing) ? bearing : 0 });
      invalidate();
      return true;
    },
    onMoved: (cb) => {
      controls.addEventListener('end', cb);
      return () => controls.removeEventListener('end', cb);
    },
    redraw: () => invalidate(),
    snapshot: () => {
      // The drawing buffer is not kept between frames: draw (both halves in the split view), then read at once.
      if (splitActive()) renderSplit(gl, scene, camera, { width: gl.domElement.clientWidth, height: gl.domElement.clientHeight });
      else gl.render(scene, camera);
      return new Promise((resolve) => gl.domElement.toBlob(resolve, 'image/png'));
    },
  };
  current = handle;
  return () => {
    if (current === handle) current = null;
  };
}
