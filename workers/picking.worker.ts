// Picking-tree worker: builds the three-mesh-bvh tree of one chunk of a batched layer off the main thread
// (built there, the trees of a 65,535-vertex chunk took 40–70 ms each, longer than a frame may block) and
// hands it back serialised, by transfer. The main thread only wraps the buffers (src/scene/pickingTrees.ts).
import { expose, transfer } from 'comlink';
import { answerHeartbeats } from './heartbeat.ts';
import { BufferAttribute, BufferGeometry } from 'three';
import { MeshBVH, type SerializedBVH } from 'three-mesh-bvh';
import { PICKING_TREE_OPTIONS } from '../src/core/geo/pickingTree.ts';

const api = {
  /** The tree over `index` (triangles) of `position` (xyz); the triangle order is left as it is (indirect). */
  build(position: Float32Array, index: Uint16Array | Uint32Array): SerializedBVH {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(position, 3));
    geometry.setIndex(new BufferAttribute(index, 1));
    const tree = MeshBVH.serialize(new MeshBVH(geometry, PICKING_TREE_OPTIONS), { cloneBuffers: false });
    // The index is the caller's own (indirect trees never reorder it): not sent back.
    const out: SerializedBVH = { ...tree, index: null }; // keeps the format's version field
    const buffers: ArrayBuffer[] = [...tree.roots];
    if (tree.indirectBuffer) buffers.push(tree.indirectBuffer.buffer as ArrayBuffer);
    return transfer(out, buffers);
  },
};

export type PickingApi = typeof api;
answerHeartbeats();
expose(api);
