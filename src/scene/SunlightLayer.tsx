/**
 * The sunlight study's heat map: one texel per study point (a DataTexture on a plane just above the
 * ground, nearest filtering, so each point is a square cell), coloured by hours of direct sun (08:00–16:00)
 * or by which criterion the point meets; points inside buildings are left clear. Colours are exported for
 * the legend (src/ui/SunPanel.tsx).
 */
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { interpolateInferno } from 'd3-scale-chromatic';
import { useShallow } from 'zustand/react/shallow';
import { INSIDE_BUILDING, PASSES_CONTINUOUS, PASSES_TOTAL } from '../core/sunlight/index.ts';
import { useStore } from '../store/index.ts';

/** The hours scale's top: the 8 hours of the 08:00–16:00 window. */
export const SUN_HOURS_MAX = 8;

/** '#rrggbb' of a number of sunlit hours (inferno, dark = none, light = all 8). */
export function sunHoursColor(hours: number): string {
  const c = new THREE.Color(interpolateInferno(0.08 + 0.9 * Math.min(1, Math.max(0, hours / SUN_HOURS_MAX))));
  return `#${c.getHexString()}`;
}

/** Colours of the criterion view (colour-blind safe pairs: blue passes, orange fails). */
export const CRITERION_COLORS = { both: '#1f6fd1', total: '#63a6f2', continuous: '#9cc8f7', none: '#e8590c' } as const;
export type CriterionKey = keyof typeof CRITERION_COLORS;

export function criterionOf(flags: number): CriterionKey {
  if (flags & PASSES_TOTAL) return flags & PASSES_CONTINUOUS ? 'both' : 'total';
  return flags & PASSES_CONTINUOUS ? 'continuous' : 'none';
}

/** Height of the heat map above the ground, metres (above roads and green areas). */
const LIFT = 0.6;

export function SunlightLayer() {
  const { result, grid, view, visible, frame } = useStore(useShallow((s) => ({
    result: s.sun.study.result, grid: s.sun.study.grid, view: s.sun.study.view, visible: s.sun.study.visible, frame: s.sun.study.frame,
  })));
  const cityFrame = useStore((s) => s.frame);
  const invalidate = useThree((s) => s.invalidate);
  const texture = useMemo(() => {
    if (!result || !grid) return null;
    const data = new Uint8Array(grid.nx * grid.ny * 4);
    const rgb = new THREE.Color();
    const criterion = Object.fromEntries(Object.entries(CRITERION_COLORS).map(([k, v]) => [k, new THREE.Color(v)])) as Record<CriterionKey, THREE.Color>;
    for (let i = 0; i < result.count; i++) {
      const f = result.flags[i]!;
      if (f & INSIDE_BUILDING) continue; // alpha 0
      if (view === 'criterion') rgb.copy(criterion[criterionOf(f)]);
      else rgb.setStyle(sunHoursColor(result.hours[i]!));
      data[4 * i] = Math.round(rgb.r * 255);
      data[4 * i + 1] = Math.round(rgb.g * 255);
      data[4 * i + 2] = Math.round(rgb.b * 255);
      data[4 * i + 3] = 255;
    }
    const t = new THREE.DataTexture(data, grid.nx, grid.ny, THREE.RGBAFormat, THREE.UnsignedByteType);
    t.magFilter = THREE.NearestFilter;
    t.minFilter = THREE.NearestFilter;
    t.colorSpace = THREE.SRGBColorSpace;
    t.needsUpdate = true;
    return t;
  }, [result, grid, view]);
  useEffect(() => {
    invalidate();
    return () => texture?.dispose();
  }, [texture, invalidate]);
  const shown = Boolean(texture && grid && visible && frame === cityFrame);
  useEffect(() => invalidate(), [shown, invalidate]);
  if (!texture || !grid || !shown) return null;
  const w = grid.nx * grid.spacing, h = grid.ny * grid.spacing;
  return (
    <mesh position={[grid.x0 + ((grid.nx - 1) * grid.spacing) / 2, grid.y0 + ((grid.ny - 1) * grid.spacing) / 2, LIFT]} renderOrder={50} name="sunlight-study">
      <planeGeometry args={[w, h]} />
      <meshBasicMaterial map={texture} transparent opacity={0.78} depthWrite={false} polygonOffset polygonOffsetFactor={-4} toneMapped={false} />
    </mesh>
  );
}
