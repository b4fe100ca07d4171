// The split view: scenario A on the left half, B on the right, one camera for both. Each side's results
// are drawn on a three.js layer of their own (1 for A, 2 for B) over the shared city (layer 0); one
// render pass per half, each with the camera's aspect fitted to the half.
import { useEffect } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { ViewerPipelineResult } from '../store/index.ts';
import { CarbonGridLayer } from './CarbonGridLayer.tsx';
import { TrafficOverlay } from './TrafficOverlay.tsx';
import { HydrogenLayer } from './HydrogenLayer.tsx';

const SIDES = [
  { name: 'split-a', layer: 1 },
  { name: 'split-b', layer: 2 },
] as const;

/**
 * A side's results; drawn only through its own layer. The hydrogen stations (the shown result, B's) are
 * drawn on B's side alone: A's side has no stations rather than B's.
 */
export function SplitSide({ side, results }: { side: 0 | 1; results: ViewerPipelineResult }) {
  return (
    <group name={SIDES[side].name}>
      {results.traffic ? <TrafficOverlay result={results.traffic} /> : null}
      {results.carbon ? <CarbonGridLayer run={results.carbon} /> : null}
      {side === 1 ? <HydrogenLayer /> : null}
    </group>
  );
}

function tag(root: THREE.Object3D | undefined, layer: number): void {
  root?.traverse((o) => {
    if (o.layers.mask !== 1 << layer) o.layers.set(layer);
  });
}

let active = false;

/** Whether the split view is drawing (then a frame is drawn by `renderSplit`). */
export function splitActive(): boolean {
  return active;
}

let inset = 0;

/**
 * CSS pixels at the left of the canvas that panels cover: the two halves share the rest (where the left
 * half would hide under a panel otherwise). Set by the shell from the panel's width.
 */
export function setSplitInset(px: number): void {
  inset = Math.max(0, px);
}

/** Where the halves begin (after the covered strip) and how wide each is, CSS pixels. */
export function splitHalves(width: number): { start: number; half: number } {
  const start = Math.min(inset, width / 2);
  return { start, half: (width - start) / 2 };
}

/** Draws one frame of the split view: A's half, then B's, with the camera fitted to a half. */
export function renderSplit(gl: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera, size: { width: number; height: number }): void {
  for (const s of SIDES) tag(scene.getObjectByName(s.name), s.layer);
  const cam = camera as THREE.PerspectiveCamera;
  const aspect = cam.aspect;
  const { start, half } = splitHalves(size.width);
  cam.aspect = half / size.height;
  cam.updateProjectionMatrix();
  gl.setScissorTest(true);
  SIDES.forEach((s, i) => {
    // A's pass also clears the strip under the panel (left of `start`), which neither half draws into.
    gl.setViewport(start + i * half, 0, half, size.height);
    gl.setScissor(i === 0 ? 0 : start + half, 0, i === 0 ? start + half : half, size.height);
    cam.layers.set(0);
    cam.layers.enable(s.layer);
    gl.render(scene, cam);
  });
  gl.setScissorTest(false);
  gl.setViewport(0, 0, size.width, size.height);
  cam.layers.set(0);
  cam.aspect = aspect;
  cam.updateProjectionMatrix();
}

/** Takes over rendering while mounted (a frame callback with priority > 0 does): two halves, one camera. */
export function SplitRender() {
  useEffect(() => {
    active = true;
    return () => {
      active = false;
    };
  }, []);
  useFrame(({ gl, scene, camera, size }) => renderSplit(gl, scene, camera, size), 1);
  return null;
}
