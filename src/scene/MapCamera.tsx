// Map-style camera: pan with the left button or one finger, rotate and tilt with the right button or
// two fingers, zoom with the wheel or a pinch (three's MapControls). Renders only while it moves.
import { useEffect, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';

/** Bounds in local metres [minX, minY, minZ, maxX, maxY, maxZ]; local (x east, y north, z up) -> world (x, z, -y). */
export type Bounds = readonly [number, number, number, number, number, number];

export interface CameraView {
  /** World-space point looked at. */
  target: THREE.Vector3;
  distance: number;
  /** Degrees from straight down (0) to the horizon (90). */
  tilt: number;
  /** Compass heading of the view, degrees clockwise from north. */
  bearing: number;
}

export function viewOf(bounds: Bounds, tilt = 50, bearing = 0): CameraView {
  const cx = (bounds[0] + bounds[3]) / 2;
  const cy = (bounds[1] + bounds[4]) / 2;
  const extent = Math.max(bounds[3] - bounds[0], bounds[4] - bounds[1], 100);
  return { target: new THREE.Vector3(cx, 0, -cy), distance: extent * 0.85, tilt, bearing };
}

export function applyView(camera: THREE.Camera, controls: MapControls, view: CameraView): void {
  const t = THREE.MathUtils.degToRad(Math.min(Math.max(view.tilt, 0.5), 85));
  const b = THREE.MathUtils.degToRad(view.bearing);
  // Looking north (−z) at bearing 0: the camera sits south of the target (+z).
  const horizontal = Math.sin(t) * view.distance;
  camera.position.set(view.target.x - Math.sin(b) * horizontal, view.target.y + Math.cos(t) * view.distance, view.target.z + Math.cos(b) * horizontal);
  controls.target.copy(view.target);
  camera.lookAt(view.target);
  controls.update();
}

export function useMapControls(): MapControls | null {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const [controls, setControls] = useState<MapControls | null>(null);
  useEffect(() => {
    const c = new MapControls(camera, dom);
    c.enableDamping = true;
    c.dampingFactor = 0.12;
    c.maxPolarAngle = THREE.MathUtils.degToRad(85);
    c.minDistance = 20;
    c.maxDistance = 30000;
    c.zoomToCursor = true;
    const onChange = (): void => invalidate();
    c.addEventListener('change', onChange);
    setControls(c);
    return () => {
      c.removeEventListener('change', onChange);
      c.dispose();
      setControls(null);
    };
  }, [camera, dom, invalidate]);
  // Damping keeps the camera gliding after a drag: keep rendering while it still moves.
  useFrame(() => {
    if (controls?.update()) invalidate();
  });
  return controls;
}
