// One batched layer: a mesh per spatial chunk (a few draw calls for the whole city), all sharing one
// feature material. Picking reads the featureId of the hit triangle; hover and selection are uniforms.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { addAfterEffect, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { type ColumnarGeometry, geometryBytes } from '../core/columnar/index.ts';
import { useStore } from '../store/index.ts';
import type { FeatureMaterial } from './featureMaterial.ts';
import { featureOfFace, scaleHeights, toBufferGeometry } from './geometry.ts';
import { buildPickingTree } from './pickingTrees.ts';
import { applyDetail, pinChunk, raycastDrawn, rememberChunk } from './detail.ts';
import { unlessDrawing, useFeatureHighlight } from './useFeatureHighlight.ts';

/**
 * Main-thread time a frame may spend making and uploading new chunks, ms. A task over 50 ms is a "long
 * task" (W3C Long Tasks API) that delays input; the frame also draws what is already in, so the uploads
 * get a fraction of it. A fixed byte budget (2 MB per frame before) took 56–165 ms per frame on a loaded
 * software renderer (CPU profiles of bench mode at 100k–300k buildings) and left a fast GPU idle.
 */
export const FRAME_UPLOAD_MS = 8;

/**
 * What a frame costs per byte of new chunks, ms/byte, shared by every layer (it is the machine's, not the
 * layer's): measured on each frame that uploads, from its first useFrame to after its render (the frame's
 * own draws included, so it errs on the slow side). The estimate is the median of the last COST_SAMPLES
 * frames: a frame's wall time also counts the time its thread waited for a core, which on a shared machine
 * can be most of it and is not made shorter by uploading less (traced at 700k buildings, load average 10
 * on 2 cores: upload tasks of 50–200 ms wall held 0–14 ms of CPU). A smoothed mean followed those waits
 * down to one chunk per frame (the upload took 1.7× longer); the second lowest sample went the other way
 * (3 long tasks became 10 at 300k). It starts at 2 MB per 8 ms.
 */
const COST_SAMPLES = 8;
const costs: number[] = [];
const upload = { msPerByte: FRAME_UPLOAD_MS / (2 * 1024 * 1024), frameStart: -1, bytes: 0 };

function noteUploadFrame(): void {
  if (upload.frameStart < 0 || upload.bytes === 0) return;
  fenceUploadFrame();
  const ms = performance.now() - upload.frameStart;
  costs.push(ms / upload.bytes);
  if (costs.length > COST_SAMPLES) costs.shift();
  const sorted = [...costs].sort((a, b) => a - b);
  upload.msPerByte = sorted[sorted.length >> 1]!;
  upload.frameStart = -1;
  upload.bytes = 0;
}

/**
 * The GPU's side of an upload. WebGL hands buffer data to the GPU through a shared transfer buffer of
 * bounded size; an upload larger than its free space makes the main thread wait until the GPU has worked
 * through every command queued before it, earlier frames' draws included. On a slow renderer that wait
 * was most of each long loading task (300k buildings on SwiftShader: tasks of up to 123 ms wall held at
 * most 31 ms of CPU). So a fence goes into the GPU's queue after each frame that uploads, and a new upload
 * waits, polled from a timer and not by a blocking call, while UPLOADS_IN_FLIGHT of them are still ahead
 * of the GPU. One in flight left the GPU idle while the next upload was prepared: 300k buildings loaded
 * in 17.9 s instead of 13.5 s (bench mode, SwiftShader, same run); two keep it busy at a smaller cost
 * (16.2 s against 14.1–15.8 s, no task over 50 ms in either load, where the ungated loads had one of
 * 69 ms). A fence that has not signalled within GPU_WAIT_MAX_MS is given up on (a lost context, a
 * driver that never signals), so a load always moves on.
 */
const UPLOADS_IN_FLIGHT = 2;
const GPU_POLL_MS = 4;
const GPU_WAIT_MAX_MS = 1000;
const gpuGate = {
  gl: null as WebGL2RenderingContext | null,
  /** Fences of the upload frames the GPU may not have finished, oldest first, with when each was set. */
  fences: [] as { sync: WebGLSync; at: number }[],
  polling: false,
};

/** Puts a fence after the frame's commands (called after a frame that uploaded). */
function fenceUploadFrame(): void {
  const gl = gpuGate.gl;
  if (!gl || gl.isContextLost()) return;
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return;
  gpuGate.fences.push({ sync, at: performance.now() });
  gl.flush();
}

/** Drops the fences the GPU has passed (or that are given up on); returns how many are left. */
function fencesAhead(gl: WebGL2RenderingContext): number {
  const fences = gpuGate.fences;
  const lost = gl.isContextLost();
  while (fences.length > 0) {
    const { sync, at } = fences[0]!;
    if (!lost && gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED && performance.now() - at < GPU_WAIT_MAX_MS) break;
    if (!lost) gl.deleteSync(sync);
    fences.shift();
  }
  return fences.length;
}

/**
 * Whether UPLOADS_IN_FLIGHT uploads are still ahead of the GPU. If so, a timer watches the fences and asks
 * for a frame only once the GPU has caught up: a frame asked for on every poll would redraw the scene each
 * time and keep the GPU behind.
 */
function gpuBusy(invalidate: () => void): boolean {
  const gl = gpuGate.gl;
  if (!gl || fencesAhead(gl) < UPLOADS_IN_FLIGHT) return false;
  if (!gpuGate.polling) {
    gpuGate.polling = true;
    const poll = (): void => {
      if (gpuGate.gl === gl && fencesAhead(gl) >= UPLOADS_IN_FLIGHT) {
        setTimeout(poll, GPU_POLL_MS);
        return;
      }
      gpuGate.polling = false;
      invalidate();
    };
    setTimeout(poll, GPU_POLL_MS);
  }
  return true;
}

/** Most bytes one frame takes on however fast the last ones went (a frame's cost is not quite linear in bytes). */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** Bytes of new chunks a frame may take on, all layers together. */
export function frameUploadBytes(): number {
  return Math.min(MAX_FRAME_BYTES, FRAME_UPLOAD_MS / upload.msPerByte);
}

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

/** The meshes made so far of one set of chunks (a prefix of it, in order). */
interface MeshSet {
  readonly geometries: THREE.BufferGeometry[];
  readonly meshes: THREE.Mesh[];
}

export function ChunkedLayer({ layerId, pendingKey = layerId, chunks, feature, visible, opacity, renderOrder = 0, zScale = null, pinnedChunk = -1 }: Props) {
  const invalidate = useThree((s) => s.invalidate);
  const group = useRef<THREE.Group>(null);
  // The chunks' meshes live outside React: made as they join the scene and added to the group directly, so
  // a frame's uploads commit nothing (re-rendering a thousand mesh elements per frame made a million-building
  // upload quadratic in React's reconciliation), and the layer arriving mounts one group, not every chunk.
  const set = useMemo<MeshSet>(() => ({ geometries: [], meshes: [] }), [chunks]);
  const [done, setDone] = useState<MeshSet | null>(null);
  const uploaded = done === set;
  const vertices = useMemo(() => chunks.reduce((n, c) => n + c.length, 0), [chunks]);
  const progressive = vertices <= PROGRESSIVE_MAX_VERTICES;

  useEffect(() => {
    pendingChunks.set(pendingKey, chunks.length);
    invalidate();
    return () => void pendingChunks.delete(pendingKey);
  }, [pendingKey, chunks, invalidate]);

  useEffect(() => addAfterEffect(noteUploadFrame), []);
  const renderer = useThree((s) => s.gl);
  useEffect(() => {
    const context = renderer.getContext();
    const gl = context instanceof WebGL2RenderingContext ? context : null;
    // Fences belong to the context that made them: a new context starts with none.
    if (gl !== gpuGate.gl) gpuGate.fences.length = 0;
    gpuGate.gl = gl;
  }, [renderer]);

  useFrame(() => {
    const shown = set.geometries.length;
    const g0 = group.current;
    if (shown >= chunks.length || !g0) return;
    // The first upload of a frame waits while UPLOADS_IN_FLIGHT earlier ones are still ahead of the GPU (see gpuGate).
    if (upload.bytes === 0 && gpuBusy(invalidate)) return;
    // The frame's budget is shared: a layer that finds it spent by another waits for a later frame; the
    // first layer to upload in a frame takes at least one chunk, so every load moves on.
    const budget = frameUploadBytes() - upload.bytes;
    if (upload.bytes > 0 && geometryBytes(chunks[shown]!) > budget) {
      invalidate();
      return;
    }
    if (upload.frameStart < 0) upload.frameStart = performance.now();
    let bytes = 0;
    let n = shown;
    while (n < chunks.length && (n === shown || bytes + geometryBytes(chunks[n]!) <= budget)) bytes += geometryBytes(chunks[n++]!);
    upload.bytes += bytes;
    // Big layers draw only the batch in flight until all are in (see PROGRESSIVE_MAX_VERTICES).
    if (!progressive) for (const m of set.meshes) m.visible = false;
    for (let i = shown; i < n; i++) {
      const g = toBufferGeometry(chunks[i]!);
      rememberChunk(g, chunks[i]!); // far level of detail (detail.ts), where the chunk is ordered for it
      scaleHeights(g, zScale);
      pinChunk(g, i === pinnedChunk);
      set.geometries.push(g);
      const mesh = new THREE.Mesh(g, feature.material);
      mesh.raycast = pickRaycast;
      mesh.onBeforeRender = applyDetail;
      mesh.renderOrder = renderOrder;
      set.meshes.push(mesh);
      g0.add(mesh);
    }
    pendingChunks.set(pendingKey, chunks.length - n);
    if (n === chunks.length) {
      for (const m of set.meshes) m.visible = true;
      setDone(set);
    }
    invalidate();
  });

  // The set's meshes leave the scene and free their GPU buffers when the layer goes away (kiosks run for days).
  useEffect(
    () => () => {
      for (const m of set.meshes) m.removeFromParent();
      for (const g of set.geometries) g.dispose();
    },
    [set],
  );

  useEffect(() => {
    for (const m of set.meshes) m.material = feature.material;
    invalidate();
  }, [set, feature, invalidate]);

  useEffect(() => {
    for (const m of set.meshes) m.renderOrder = renderOrder;
    invalidate();
  }, [set, renderOrder, invalidate]);

  useEffect(() => {
    for (const g of set.geometries) scaleHeights(g, zScale);
    invalidate();
  }, [set, zScale, invalidate]);

  useEffect(() => {
    set.geometries.forEach((g, i) => pinChunk(g, i === pinnedChunk));
    invalidate();
  }, [set, pinnedChunk, invalidate]);

  // Picking trees, one chunk after another in the picking worker, once every chunk is on the GPU (the
  // worker would otherwise compete with the upload for the CPU). Until a chunk's tree arrives, picking it
  // falls back to testing every triangle.
  useEffect(() => {
    if (!uploaded) return;
    let alive = true;
    void (async () => {
      for (const g of set.geometries) {
        if (!alive) return;
        await buildPickingTree(g, () => alive);
      }
    })();
    return () => {
      alive = false;
    };
  }, [set, uploaded]);

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
    // While a green area is drawn, a click on a building places a corner on the ground beneath (DrawGreen).
    if (useStore.getState().carbon.drawing) return;
    e.stopPropagation();
    if (e.delta > CLICK_SLOP_PX) return;
    const id = pickId(e);
    if (id >= 0) useStore.getState().select({ layerId, featureId: id });
  };

  // The handlers sit on the group: R3F raycasts it with its children and hands over the chunk that was hit.
  return <group ref={group} visible={visible} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />;
}
