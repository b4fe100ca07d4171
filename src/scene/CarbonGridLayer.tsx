// The carbon map in 3D: one instanced box per non-empty grid cell — a column as tall as the cell's
// net emissions, or a flat tile — coloured on a diverging scale. A new scenario rewrites the
// instances' colours and matrices; nothing else is rebuilt. Cells are picked by instance id.
import { useEffect, useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useStore } from '../store/index.ts';
import { unlessDrawing } from './useFeatureHighlight.ts';
import { FLAT_HEIGHT_M, MAX_COLUMN_M, carbonColor, cellValues, maxAbsOf } from './carbonStyle.ts';

const CLICK_SLOP_PX = 6;

export function CarbonGridLayer() {
  const carbon = useStore((s) => s.carbon);
  const invalidate = useThree((s) => s.invalidate);
  const { result, baseline, show, display, visible } = carbon;

  const data = useMemo(() => {
    if (!result) return null;
    const values = cellValues(result, baseline, show);
    const cells: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) cells.push(i);
    return { values, cells: Int32Array.from(cells), maxAbs: maxAbsOf(values) };
  }, [result, baseline, show]);

  const geometry = useMemo(() => new THREE.BoxGeometry(1, 1, 1).translate(0, 0, 0.5), []);
  const material = useMemo(() => new THREE.MeshLambertMaterial({ transparent: true, opacity: 0.85 }), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  const capacity = data ? Math.max(1, data.cells.length) : 1;
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(geometry, material, capacity);
    m.frustumCulled = false;
    m.raycast = unlessDrawing(THREE.InstancedMesh.prototype.raycast);
    return m;
  }, [geometry, material, capacity]);
  useEffect(() => () => mesh.dispose(), [mesh]);

  useEffect(() => {
    if (!data || !result) return;
    const { spec } = result.grid;
    const m = new THREE.Matrix4();
    const c = new THREE.Color();
    const size = spec.cellSize * 0.94;
    data.cells.forEach((cell, k) => {
      const ix = cell % spec.nx;
      const iy = Math.floor(cell / spec.nx);
      const v = data.values[cell]!;
      const h = display === 'flat' ? FLAT_HEIGHT_M : Math.max(1, (MAX_COLUMN_M * Math.abs(v)) / (data.maxAbs || 1));
      m.makeScale(size, size, h).setPosition(spec.originX + (ix + 0.5) * spec.cellSize, spec.originY + (iy + 0.5) * spec.cellSize, 0.3);
      mesh.setMatrixAt(k, m);
      mesh.setColorAt(k, c.set(carbonColor(v, data.maxAbs)));
    });
    mesh.count = data.cells.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    material.opacity = display === 'flat' ? 0.7 : 0.9;
    invalidate();
  }, [data, result, display, mesh, material, invalidate]);

  if (!data || !result) return null;
  const cellOf = (e: ThreeEvent<PointerEvent | MouseEvent>): number => (e.instanceId === undefined ? -1 : data.cells[e.instanceId] ?? -1);
  return (
    <primitive
      object={mesh}
      visible={visible}
      renderOrder={6}
      onPointerMove={(e: ThreeEvent<PointerEvent>) => {
        if (e.pointerType === 'touch') return;
        e.stopPropagation();
        const cell = cellOf(e);
        useStore.getState().setHovered(cell >= 0 ? { layerId: 'carbon', featureId: cell } : null);
      }}
      onPointerOut={() => {
        if (useStore.getState().hovered?.layerId === 'carbon') useStore.getState().setHovered(null);
      }}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        if (e.delta > CLICK_SLOP_PX) return;
        e.stopPropagation();
        const cell = cellOf(e);
        if (cell >= 0) useStore.getState().select({ layerId: 'carbon', featureId: cell });
      }}
    />
  );
}
