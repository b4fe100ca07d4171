// The view's camera for the application shell (not a test hook): read and set the camera pose (saved with
// scenarios), frame the city again, take a picture, and hear when the user stops moving the view.
import * as THREE from 'three';
import type { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { type Bounds, applyView, viewOf } from './MapCamera.tsx';
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
      if (b) applyView(camera, controls, viewOf(b));
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
