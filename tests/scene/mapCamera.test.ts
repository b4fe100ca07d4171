// The camera's limits and framing (src/scene/MapCamera.tsx), in node with three's math only: the point looked
// at is kept within the data's bounds plus a margin (the camera moves with it), the distance is capped, and
// *Reset view* frames a small layer with room around it in the window's shape.
import * as THREE from 'three';
import type { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { describe, expect, it } from 'vitest';
import { type Bounds, FRAME_MARGIN, clampToBounds, framedViewOf, viewOf } from '../../src/scene/MapCamera.tsx';

const bounds: Bounds = [0, 0, 0, 1000, 400, 60];

describe('camera limits', () => {
  it('pulls a target panned far outside back to the bounds plus a quarter of the extent, moving the camera with it', () => {
    const camera = new THREE.PerspectiveCamera(45, 1.5, 2, 60000);
    camera.position.set(5000, 300, -3000);
    const controls = { target: new THREE.Vector3(5000, 0, -3300), maxDistance: 0 } as unknown as MapControls;
    expect(clampToBounds(camera, controls, bounds)).toBe(true);
    // x ≤ 1000 + 250; world z = −north ≥ −(400 + 250).
    expect(controls.target.toArray()).toEqual([1250, 0, -650]);
    expect(camera.position.toArray()).toEqual([1250, 300, -350]);
    expect(controls.maxDistance).toBe(3000);
    expect(clampToBounds(camera, controls, bounds)).toBe(false);
  });
});

describe('framing', () => {
  it('fits the footprint with the margin in a wide and in a narrow window, and adds the tallest height', () => {
    const wide = new THREE.PerspectiveCamera(45, 2, 2, 60000);
    const narrow = new THREE.PerspectiveCamera(45, 0.6, 2, 60000);
    const tanV = Math.tan(THREE.MathUtils.degToRad(22.5));
    const w = framedViewOf(bounds, wide, 50, 0);
    const n = framedViewOf(bounds, narrow, 50, 0);
    const t = THREE.MathUtils.degToRad(50);
    const expectWide = Math.max(500 / (tanV * 2), 200 * (Math.cos(t) / tanV + Math.sin(t))) * FRAME_MARGIN + 60;
    const expectNarrow = Math.max(500 / (tanV * 0.6), 200 * (Math.cos(t) / tanV + Math.sin(t))) * FRAME_MARGIN + 60;
    expect(w.distance).toBeCloseTo(expectWide, 6);
    expect(n.distance).toBeCloseTo(expectNarrow, 6);
    // The old fixed framing (0.85 × the extent) cut a narrow window's sides off.
    expect(n.distance).toBeGreaterThan(viewOf(bounds).distance * 2);
    expect(w.target.toArray()).toEqual([500, 0, -200]);
  });
});
