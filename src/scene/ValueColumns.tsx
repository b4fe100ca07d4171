// Values at places as instanced boxes — columns as tall as |value| or flat tiles — coloured on the
// carbon map's diverging scale. Used by the computed grid and by imported point maps. New values
// rewrite instance matrices and colours only; instances are picked by id.
import { useEffect, useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useStore } from '../store/index.ts';
import { FLAT_HEIGHT_M, MAX_COLUMN_M, carbonColor } from './carbonStyle.ts';
import { unlessDrawing } from './useFeatureHighlight.ts';

const CLICK_SLOP_PX = 6;

export interface ValueColumnsProps {
  layerId: string;
  /** Centres in local metres, and the value at each. */
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array;
  /** Feature id reported on pick for each column. */
  ids: Int32Array;
  /** Footprint side, metres. */
  size: number;
  maxAbs: number;
  display: 'columns' | 'flat';
  visible: boolean;
}

export function ValueColumns({ layerId, xs, ys, values, ids, size, maxAbs, display, visible }: ValueColumnsProps) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new THREE.BoxGeometry(1, 1, 1).translate(0, 0, 0.5), []);
  const material = useMemo(() => new THREE.MeshLambertMaterial({ transparent: true, opacity: 0.85 }), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  const capacity = Math.max(1, xs.length);
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(geometry, material, capacity);
    m.frustumCulled = false;
    m.raycast = unlessDrawing(THREE.InstancedMesh.prototype.raycast);
    return m;
  }, [geometry, material, capacity]);
  useEffect(() => () => mesh.dispose(), [mesh]);

  useEffect(() => {
    const m = new THREE.Matrix4();
    const c = new THREE.Color();
    for (let k = 0; k < xs.length; k++) {
      const v = values[k]!;
      const h = display === 'flat' ? FLAT_HEIGHT_M : Math.max(1, (MAX_COLUMN_M * Math.abs(v)) / (maxAbs || 1));
      m.makeScale(size, size, h).setPosition(xs[k]!, ys[k]!, 0.3);
      mesh.setMatrixAt(k, m);
      mesh.setColorAt(k, Number.isFinite(v) ? c.set(carbonColor(v, maxAbs)) : c.set('#9aa0a6'));
    }
    mesh.count = xs.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    material.opacity = display === 'flat' ? 0.7 : 0.9;
    invalidate();
  }, [xs, ys, values, size, maxAbs, display, mesh, material, invalidate]);

  const idOf = (e: ThreeEvent<PointerEvent | MouseEvent>): number => (e.instanceId === undefined ? -1 : ids[e.instanceId] ?? -1);
  return (
    <primitive
      object={mesh}
      visible={visible}
      renderOrder={6}
      onPointerMove={(e: ThreeEvent<PointerEvent>) => {
        if (e.pointerType === 'touch') return;
        e.stopPropagation();
        const id = idOf(e);
        useStore.getState().setHovered(id >= 0 ? { layerId, featureId: id } : null);
      }}
      onPointerOut={() => {
        if (useStore.getState().hovered?.layerId === layerId) useStore.getState().setHovered(null);
      }}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        if (e.delta > CLICK_SLOP_PX) return;
        e.stopPropagation();
        const id = idOf(e);
        if (id >= 0) useStore.getState().select({ layerId, featureId: id });
      }}
    />
  );
}
