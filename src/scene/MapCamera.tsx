// Map-style camera: pan with the left button or one finger, rotate and tilt with the right button or
// two fingers, zoom with the wheel or a pinch (three's MapControls); in kiosk mode one finger orbits, two
// pan and pinch, and a two-finger twist turns the view. Limits keep the city in view (distance, tilt, and
// the point looked at within the data's bounds plus a margin); arrow keys pan, +/− zoom, Home or R resets
// (only while no field or control has focus). Renders only while it moves.
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

/** The steepest tilt the user may reach, degrees from straight down (beyond it the view is mostly sky). */
export const MAX_TILT_DEG = 75;
/** The point looked at stays within the data's bounds plus this share of their extent on each side. */
export const TARGET_MARGIN = 0.25;
/** The farthest the camera may be, as a multiple of the data's extent. */
export const MAX_DISTANCE_EXTENTS = 3;
/** Space left around the data when the view is framed again (1.15: 15 % on each side). */
export const FRAME_MARGIN = 1.15;

export function viewOf(bounds: Bounds, tilt = 50, bearing = 0): CameraView {
  const cx = (bounds[0] + bounds[3]) / 2;
  const cy = (bounds[1] + bounds[4]) / 2;
  const extent = Math.max(bounds[3] - bounds[0], bounds[4] - bounds[1], 100);
  return { target: new THREE.Vector3(cx, 0, -cy), distance: extent * 0.85, tilt, bearing };
}

/**
 * A view that shows all of `bounds` with FRAME_MARGIN around it in this camera's field of view and aspect
 * (*Reset view*): the footprint's width must fit the horizontal field, its depth (foreshortened by the tilt)
 * the vertical one, and the tallest feature is added so a small layer of tall buildings is not cut off.
 */
export function framedViewOf(bounds: Bounds, camera: THREE.Camera, tilt = 50, bearing = 0): CameraView {
  const base = viewOf(bounds, tilt, bearing);
  const persp = camera as THREE.PerspectiveCamera;
  if (!persp.isPerspectiveCamera) return base;
  const w = Math.max(bounds[3] - bounds[0], 50);
  const h = Math.max(bounds[4] - bounds[1], 50);
  const tanV = Math.tan(THREE.MathUtils.degToRad(persp.fov / 2));
  const tanH = tanV * (persp.aspect || 1);
  const t = THREE.MathUtils.degToRad(tilt);
  const b = THREE.MathUtils.degToRad(bearing);
  // The footprint's extent across and along the view direction.
  const across = Math.abs(w * Math.cos(b)) + Math.abs(h * Math.sin(b));
  const along = Math.abs(w * Math.sin(b)) + Math.abs(h * Math.cos(b));
  // The near edge of a tilted footprint comes closer to the camera by (along / 2)·sin(tilt): allow for it.
  const d = Math.max(across / 2 / tanH, (along / 2) * (Math.cos(t) / tanV + Math.sin(t))) * FRAME_MARGIN + Math.max(bounds[5], 0);
  return { ...base, distance: d };
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

/** The camera's view now: the point looked at, distance, tilt and bearing (degrees). */
export function currentView(camera: THREE.Camera, controls: MapControls): CameraView {
  const offset = camera.position.clone().sub(controls.target);
  const distance = offset.length();
  const tilt = THREE.MathUtils.radToDeg(Math.acos(Math.min(Math.max(offset.y / (distance || 1), -1), 1)));
  const bearing = THREE.MathUtils.radToDeg(Math.atan2(-offset.x, offset.z));
  return { target: controls.target.clone(), distance, tilt, bearing: Number.isFinite(bearing) ? bearing : 0 };
}

/**
 * Keeps the camera on the city: the point looked at within the bounds plus TARGET_MARGIN (the camera moves
 * with it) and the distance under MAX_DISTANCE_EXTENTS × the extent. Returns whether anything changed.
 */
export function clampToBounds(camera: THREE.Camera, controls: MapControls, bounds: Bounds): boolean {
  const extent = Math.max(bounds[3] - bounds[0], bounds[4] - bounds[1], 100);
  const m = extent * TARGET_MARGIN;
  const t = controls.target;
  const x = Math.min(Math.max(t.x, bounds[0] - m), bounds[3] + m);
  // World z is −north.
  const z = Math.min(Math.max(t.z, -bounds[4] - m), -bounds[1] + m);
  const y = 0;
  let changed = false;
  if (x !== t.x || z !== t.z || y !== t.y) {
    const dx = x - t.x;
    const dy = y - t.y;
    const dz = z - t.z;
    t.set(x, y, z);
    camera.position.x += dx;
    camera.position.y += dy;
    camera.position.z += dz;
    changed = true;
  }
  controls.maxDistance = Math.max(extent * MAX_DISTANCE_EXTENTS, 500);
  return changed;
}

/**
 * Whether a key press belongs to something else: a text field, or any focused control (a tab list's or a
 * splitter's arrow keys are theirs). The camera takes keys only when nothing but the page or the map has focus.
 */
function notForCamera(e: KeyboardEvent): boolean {
  if (e.defaultPrevented) return true;
  const el = e.target as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement || el.tagName === 'CANVAS') return false;
  return true;
}

export interface MapControlOptions {
  /** Kiosk touch: one finger orbits, two fingers pan and pinch. */
  readonly kiosk?: boolean;
  /** The data's bounds (limits); undefined while nothing is loaded. */
  readonly bounds?: Bounds | undefined;
  /** Frames the data again (the reset key). */
  readonly onReset?: () => void;
}

export function useMapControls(options: MapControlOptions = {}): MapControls | null {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const [controls, setControls] = useState<MapControls | null>(null);
  const { kiosk = false, bounds, onReset } = options;
  useEffect(() => {
    const c = new MapControls(camera, dom);
    c.enableDamping = true;
    c.dampingFactor = 0.12;
    c.maxPolarAngle = THREE.MathUtils.degToRad(MAX_TILT_DEG);
    c.minDistance = 20;
    c.maxDistance = 30000;
    c.zoomToCursor = true;
    if (kiosk) c.touches = { ONE: THREE.TOUCH.ROTATE, TWO: THREE.TOUCH.DOLLY_PAN };
    const onChange = (): void => invalidate();
    c.addEventListener('change', onChange);
    setControls(c);
    return () => {
      c.removeEventListener('change', onChange);
      c.dispose();
      setControls(null);
    };
  }, [camera, dom, invalidate, kiosk]);

  // A two-finger twist turns the view about the point looked at (MapControls has no twist of its own).
  useEffect(() => {
    if (!controls) return;
    let angle: number | null = null;
    const angleOf = (e: TouchEvent): number | null => {
      const a = e.touches[0];
      const b = e.touches[1];
      return e.touches.length === 2 && a && b ? Math.atan2(b.clientY - a.clientY, b.clientX - a.clientX) : null;
    };
    const onStart = (e: TouchEvent): void => {
      angle = angleOf(e);
    };
    const onMove = (e: TouchEvent): void => {
      const now = angleOf(e);
      if (now === null || angle === null) return;
      let d = now - angle;
      if (d > Math.PI) d -= 2 * Math.PI;
      if (d < -Math.PI) d += 2 * Math.PI;
      angle = now;
      if (Math.abs(d) < 1e-4) return;
      // Turning the fingers clockwise turns the map with them: the camera goes round the other way.
      const offset = camera.position.clone().sub(controls.target).applyAxisAngle(new THREE.Vector3(0, 1, 0), -d);
      camera.position.copy(controls.target).add(offset);
      camera.lookAt(controls.target);
      controls.update();
      invalidate();
    };
    const onEnd = (e: TouchEvent): void => {
      angle = angleOf(e);
    };
    dom.addEventListener('touchstart', onStart, { passive: true });
    dom.addEventListener('touchmove', onMove, { passive: true });
    dom.addEventListener('touchend', onEnd, { passive: true });
    dom.addEventListener('touchcancel', onEnd, { passive: true });
    return () => {
      dom.removeEventListener('touchstart', onStart);
      dom.removeEventListener('touchmove', onMove);
      dom.removeEventListener('touchend', onEnd);
      dom.removeEventListener('touchcancel', onEnd);
    };
  }, [controls, camera, dom, invalidate]);

  // Limits: applied on every change of the view.
  useEffect(() => {
    if (!controls || !bounds) return;
    const limit = (): void => {
      if (clampToBounds(camera, controls, bounds)) {
        camera.lookAt(controls.target);
        invalidate();
      }
    };
    limit();
    controls.addEventListener('change', limit);
    return () => controls.removeEventListener('change', limit);
  }, [controls, camera, bounds, invalidate]);

  // Keys: arrows pan a tenth of the distance, + and − zoom by 1.25×, Home or R frames the data again.
  useEffect(() => {
    if (!controls) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || notForCamera(e)) return;
      const offset = camera.position.clone().sub(controls.target);
      const step = offset.length() * 0.1;
      // Screen directions on the ground: forward is away from the camera.
      const forward = new THREE.Vector3(-offset.x, 0, -offset.z);
      if (forward.lengthSq() < 1e-6) forward.set(0, 0, -1).applyQuaternion(camera.quaternion).setY(0);
      forward.normalize();
      const right = new THREE.Vector3(-forward.z, 0, forward.x);
      const move = new THREE.Vector3();
      switch (e.key) {
        case 'ArrowUp': move.copy(forward).multiplyScalar(step); break;
        case 'ArrowDown': move.copy(forward).multiplyScalar(-step); break;
        case 'ArrowLeft': move.copy(right).multiplyScalar(-step); break;
        case 'ArrowRight': move.copy(right).multiplyScalar(step); break;
        case '+': case '=': case 'Add':
          offset.multiplyScalar(Math.max(1 / 1.25, controls.minDistance / offset.length()));
          camera.position.copy(controls.target).add(offset);
          break;
        case '-': case '_': case 'Subtract':
          offset.multiplyScalar(Math.min(1.25, controls.maxDistance / offset.length()));
          camera.position.copy(controls.target).add(offset);
          break;
        case 'Home': case 'r': case 'R':
          onReset?.();
          e.preventDefault();
          return;
        default:
          return;
      }
      e.preventDefault();
      controls.target.add(move);
      camera.position.add(move);
      camera.lookAt(controls.target);
      controls.update();
      controls.dispatchEvent({ type: 'change' });
      invalidate();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controls, camera, invalidate, onReset]);

  // Damping keeps the camera gliding after a drag: keep rendering while it still moves.
  useFrame(() => {
    if (controls?.update()) invalidate();
  });
  return controls;
}
