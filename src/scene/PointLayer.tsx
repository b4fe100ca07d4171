// Point features as markers: one instanced mesh of upright cylinders (a few metres tall so they read
// in 3D), coloured per feature (the layer's property style, or one colour); picked by instance.
import { useEffect, useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { PointLayerData } from '../core/geo/index.ts';
import { type LayerState, useStore } from '../store/index.ts';
import { POINT_COLOR, SELECT_COLOR } from './palette.ts';
import { rowsOf, styleColors } from './styleByProperty.ts';
import { pointRadii } from '../core/attributes/index.ts';
import { unlessDrawing } from './useFeatureHighlight.ts';

/** Marker size, metres. */
const RADIUS_M = 3;
const HEIGHT_M = 10;
const CLICK_SLOP_PX = 6;

export function PointLayer({ layer, data, renderOrder, visible = layer.visible }: { layer: Omit<LayerState, 'progress' | 'phase'>; data: PointLayerData; renderOrder: number; visible?: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const count = data.featureOfPoint.length;
  const mesh = useMemo(() => {
    const geometry = new THREE.CylinderGeometry(RADIUS_M, RADIUS_M * 0.4, HEIGHT_M, 12).rotateX(Math.PI / 2).translate(0, 0, HEIGHT_M / 2);
    const material = new THREE.MeshLambertMaterial({ transparent: true });
    const m = new THREE.InstancedMesh(geometry, material, Math.max(1, count));
    m.count = count;
    m.raycast = unlessDrawing(THREE.InstancedMesh.prototype.raycast);
    return m;
  }, [data, count]);

  // Placement and size: radius by the layer's size property (area ∝ value), else the default marker.
  const sizing = layer.pointSize;
  useEffect(() => {
    const radii = sizing ? pointRadii(rowsOf(data.properties), sizing).radiiM : null;
    const matrix = new THREE.Matrix4();
    for (let k = 0; k < count; k++) {
      const r = radii ? radii[data.featureOfPoint[k]!]! / RADIUS_M : 1;
      matrix.makeScale(r, r, 1).setPosition(data.positions[2 * k]!, data.positions[2 * k + 1]!, 0.2);
      mesh.setMatrixAt(k, matrix);
    }
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
    invalidate();
  }, [mesh, data, count, sizing, invalidate]);
  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    },
    [mesh],
  );

  const selected = useStore((s) => (s.selected?.layerId === layer.id ? s.selected.featureId : -1));
  useEffect(() => {
    const c = new THREE.Color();
    const styled = layer.style ? styleColors(data.properties, layer.style).colors : null;
    for (let k = 0; k < count; k++) {
      const f = data.featureOfPoint[k]!;
      if (f === selected) c.set(SELECT_COLOR);
      else if (styled) c.setRGB(styled[3 * f]! / 255, styled[3 * f + 1]! / 255, styled[3 * f + 2]! / 255, THREE.SRGBColorSpace);
      else c.set(POINT_COLOR);
      mesh.setColorAt(k, c);
    }
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    const material = mesh.material as THREE.MeshLambertMaterial;
    material.opacity = layer.opacity;
    invalidate();
  }, [mesh, data, count, layer.style, layer.opacity, selected, invalidate]);

  const featureOf = (e: ThreeEvent<PointerEvent | MouseEvent>): number => (e.instanceId === undefined ? -1 : data.featureOfPoint[e.instanceId] ?? -1);
  return (
    <primitive
      object={mesh}
      visible={visible}
      renderOrder={renderOrder}
      onPointerMove={(e: ThreeEvent<PointerEvent>) => {
        if (e.pointerType === 'touch') return;
        e.stopPropagation();
        const f = featureOf(e);
        useStore.getState().setHovered(f >= 0 ? { layerId: layer.id, featureId: f } : null);
      }}
      onPointerOut={() => {
        if (useStore.getState().hovered?.layerId === layer.id) useStore.getState().setHovered(null);
      }}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        if (e.delta > CLICK_SLOP_PX) return;
        e.stopPropagation();
        const f = featureOf(e);
        if (f >= 0) useStore.getState().select({ layerId: layer.id, featureId: f });
      }}
    />
  );
}
