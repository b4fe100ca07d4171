// Assigned traffic on the network: each directed link a ribbon on its right-hand side, coloured by
// volume/capacity and as wide as its flow — both from per-link textures, so a new result only rewrites
// two textures. Links are picked with a segment R-tree from the point where the pointer meets the road
// plane (the ribbons' raw vertices have no width, so triangle picking cannot see them).
import { useEffect, useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { ColumnarGeometry } from '../core/columnar/index.ts';
import { type SegmentIndex, pickLink } from '../core/traffic/viz/index.ts';
import { useStore } from '../store/index.ts';
import { createFeatureMaterial } from './featureMaterial.ts';
import { toBufferGeometry } from './geometry.ts';
import { unlessDrawing, useFeatureHighlight } from './useFeatureHighlight.ts';

/** Height of the ribbons above the ground, metres (over the base-map roads). */
export const TRAFFIC_Z = 0.6;
const CLICK_SLOP_PX = 6;
const planeRaycast = unlessDrawing(THREE.Mesh.prototype.raycast);

interface Props {
  layerId: string;
  chunks: readonly ColumnarGeometry[];
  index: SegmentIndex;
  linkCount: number;
  /** sRGB bytes per link (r, g, b). */
  colors: Uint8Array;
  /** Drawn width per link, metres; 0 hides a link. */
  widths: Float32Array;
  bounds: readonly [number, number, number, number];
  visible: boolean;
  opacity: number;
}

export function TrafficLayer({ layerId, chunks, index, linkCount, colors, widths, bounds, visible, opacity }: Props) {
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera);
  const geometries = useMemo(() => chunks.map(toBufferGeometry), [chunks]);
  useEffect(() => () => geometries.forEach((g) => g.dispose()), [geometries]);
  const feature = useMemo(() => {
    const m = createFeatureMaterial('basic', linkCount, { widths: true });
    m.material.polygonOffset = true;
    m.material.polygonOffsetFactor = -4;
    m.material.polygonOffsetUnits = -4;
    m.material.side = THREE.DoubleSide;
    return m;
  }, [linkCount]);
  useEffect(() => () => feature.dispose(), [feature]);

  // New results: rewrite the two per-link textures; geometry stays.
  useEffect(() => {
    for (let l = 0; l < linkCount; l++) feature.colors.set(l, colors[3 * l]!, colors[3 * l + 1]!, colors[3 * l + 2]!, widths[l]! > 0 ? 255 : 0);
    feature.colors.commit();
    feature.widths!.data.set(widths.subarray(0, linkCount));
    feature.widths!.commit();
    invalidate();
  }, [feature, colors, widths, linkCount, invalidate]);

  useFeatureHighlight(feature, layerId, opacity);

  /** Link under the pointer: world point -> local metres, tolerance grows with viewing distance. */
  const linkAt = (e: ThreeEvent<PointerEvent | MouseEvent>): number => {
    const p = e.point;
    const tolerance = Math.max(4, camera.position.distanceTo(p) * 0.012);
    return pickLink(index, p.x, -p.z, tolerance);
  };
  const onMove = (e: ThreeEvent<PointerEvent>): void => {
    if (e.pointerType === 'touch') return;
    const id = linkAt(e);
    if (id >= 0) {
      e.stopPropagation();
      useStore.getState().setHovered({ layerId, featureId: id });
    } else if (useStore.getState().hovered?.layerId === layerId) {
      useStore.getState().setHovered(null);
    }
  };
  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    if (e.delta > CLICK_SLOP_PX) return;
    const id = linkAt(e);
    if (id < 0) return;
    e.stopPropagation();
    useStore.getState().select({ layerId, featureId: id });
  };
  const [x0, y0, x1, y1] = bounds;
  const pickPlane = useMemo(() => new THREE.MeshBasicMaterial({ visible: false }), []);
  useEffect(() => () => pickPlane.dispose(), [pickPlane]);

  return (
    <group visible={visible}>
      {geometries.map((g, i) => (
        <mesh key={i} geometry={g} material={feature.material} renderOrder={4} raycast={() => null} />
      ))}
      {visible ? (
        <mesh position={[(x0 + x1) / 2, (y0 + y1) / 2, TRAFFIC_Z]} material={pickPlane} raycast={planeRaycast} onPointerMove={onMove} onClick={onClick}>
          <planeGeometry args={[x1 - x0 + 200, y1 - y0 + 200]} />
        </mesh>
      ) : null}
    </group>
  );
}
