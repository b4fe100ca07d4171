// One batched layer: a mesh per spatial chunk (a few draw calls for the whole city), all sharing one
// feature material. Picking reads the featureId of the hit triangle; hover and selection are uniforms.
import { useEffect, useMemo, useState } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useFrame, useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import { type ColumnarGeometry, geometryBytes } from '../core/columnar/index.ts';
import { useStore } from '../store/index.ts';
import type { FeatureMaterial } from './featureMaterial.ts';
import { featureOfFace, scaleHeights, toBufferGeometry } from './geometry.ts';
import { buildPickingTree } from './pickingTrees.ts';
import { applyDetail, pinChunk, raycastDrawn, rememberChunk } from './detail.ts';
import { unlessDrawing, useFeatureHighlight } from './useFeatureHighlight.ts';

/**
 * Geometry bytes handed to the GPU per frame while a layer appears: uploading a whole big city in one
 * frame would block the main thread for hundreds of milliseconds, so chunks join the scene a few at a time.
 */
const UPLOAD_BYTES_PER_FRAME = 2 * 1024 * 1024;

/**
 * Layers with more vertices than this draw only the batch being uploaded until every chunk is in: redrawing
 * the growing partial city each frame makes the upload quadratic in the city's size on software renderers
 * (measured by `npm run bench -- scale`; the limit was 24 chunks of 65,535 vertices). Smaller layers appear
 * progressively.
 */
const PROGRESSIVE_MAX_VERTICES = 24 * 65_535;

const pickRaycast = unlessDrawing(raycastDrawn);

/** Clicks that moved further than this many pixels are drags (camera moves), not picks. */
const CLICK_SLOP_PX = 6;

interface Props {
  layerId: string;
  /** Key of this mesh set among pending chunks (a layer's sub-layers each have their own); the layer id by default. */
  pendingKey?: string;
  chunks: readonly ColumnarGeometry[];
  feature: FeatureMaterial;
  visible: boolean;
  opacity: number;
  renderOrder?: number;
  /** Per-feature height factors (extrusion by a property); null keeps the heights the layer was built with. */
  zScale?: Float32Array | null;
  /** The chunk holding the selected feature: drawn whole at any distance, so the selection never vanishes. */
  pinnedChunk?: number;
}

/** Chunks not yet in the scene, per layer (benchmarks and tests wait for none). */
export const pendingChunks = new Map<string, number>();

export function ChunkedLayer({ layerId, pendingKey = layerId, chunks, feature, visible, opacity, renderOrder = 0, zScale = null, pinnedChunk = -1 }: Props) {
  const invalidate = useThree((s) => s.invalidate);
  // The chunks' geometries, made as they join the scene (a prefix of `chunks`): a million-building layer
  // has over a thousand chunks, and making them all in the commit that receives the layer was a large part
  // of a 50–75 ms task.
  const geometries = useMemo(() => new Array<THREE.BufferGeometry>(0), [chunks]);
  const [mounted, setMounted] = useState({ of: geometries, count: 0, batchStart: 0 });
  const shown = mounted.of === geometries ? mounted.count : 0;
  const batchStart = mounted.of === geometries ? mounted.batchStart : 0;
  const vertices = useMemo(() => chunks.reduce((n, c) => n + c.length, 0), [chunks]);
  const hideUploaded = vertices > PROGRESSIVE_MAX_VERTICES && shown < chunks.length;
  useEffect(() => {
    pendingChunks.set(pendingKey, chunks.length - shown);
  }, [pendingKey, chunks, shown]);
  useEffect(() => () => void pendingChunks.delete(pendingKey), [pendingKey]);
  useFrame(() => {
    if (shown >= chunks.length) return;
    let n = shown;
    let bytes = 0;
    while (n < chunks.length && (n === shown || bytes + geometryBytes(chunks[n]!) <= UPLOAD_BYTES_PER_FRAME)) bytes += geometryBytes(chunks[n++]!);
    for (let i = geometries.length; i < n; i++) {
      const g = toBufferGeometry(chunks[i]!);
      rememberChunk(g, chunks[i]!); // far level of detail (detail.ts), where the chunk is ordered for it
      scaleHeights(g, zScale);
      pinChunk(g, i === pinnedChunk);
      geometries.push(g);
    }
    setMounted({ of: geometries, count: n, batchStart: shown });
    invalidate();
  });

  useEffect(() => {
    for (const g of geometries) scaleHeights(g, zScale);
    invalidate();
  }, [geometries, zScale, invalidate]);

  useEffect(() => {
    geometries.forEach((g, i) => pinChunk(g, i === pinnedChunk));
    invalidate();
  }, [geometries, pinnedChunk, invalidate]);

  // Free GPU buffers when the layer goes away (kiosks run for days).
  useEffect(() => () => geometries.forEach((g) => g.dispose()), [geometries]);

  // Picking trees, one chunk after another in the picking worker, once every chunk is on the GPU (the
  // worker would otherwise compete with the upload for the CPU). Until a chunk's tree arrives, picking it
  // falls back to testing every triangle.
  const uploaded = shown >= chunks.length;
  useEffect(() => {
    if (!uploaded) return;
    let alive = true;
    void (async () => {
      for (const g of geometries) {
        if (!alive) return;
        await buildPickingTree(g, () => alive);
      }
    })();
    return () => {
      alive = false;
    };
  }, [geometries, uploaded]);

  useFeatureHighlight(feature, layerId, opacity);

  const pickId = (e: ThreeEvent<PointerEvent | MouseEvent>): number => {
    const face = e.face;
    return face ? featureOfFace((e.object as THREE.Mesh).geometry, face.a) : -1;
  };
  const onMove = (e: ThreeEvent<PointerEvent>): void => {
    e.stopPropagation();
    if (e.pointerType === 'touch') return;
    const id = pickId(e);
    useStore.getState().setHovered(id >= 0 ? { layerId, featureId: id } : null);
  };
  const onOut = (): void => {
    const h = useStore.getState().hovered;
    if (h?.layerId === layerId) useStore.getState().setHovered(null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    e.stopPropagation();
    if (e.delta > CLICK_SLOP_PX) return;
    const id = pickId(e);
    if (id >= 0) useStore.getState().select({ layerId, featureId: id });
  };

  return (
    <group visible={visible}>
      {geometries.slice(0, shown).map((g, i) => (
        <mesh
          key={i}
          visible={!hideUploaded || i >= batchStart}
          geometry={g}
          material={feature.material}
          raycast={pickRaycast}
          onBeforeRender={applyDetail}
          renderOrder={renderOrder}
          onPointerMove={onMove}
          onPointerOut={onOut}
          onClick={onClick}
        />
      ))}
    </group>
  );
}
