// Picking trees (three-mesh-bvh) for batched layers, built in the picking worker so that no build blocks
// the main thread while a city loads; where the worker cannot be used, built here when the thread is idle.
import type * as THREE from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { pickingClient } from '../store/picking.ts';
import { PICKING_TREE_OPTIONS } from '../core/geo/pickingTree.ts';

/** Trees attached so far, by where they were built (tests check the worker built them). */
export const pickingTreeStats = { worker: 0, mainThread: 0 };

/** Worker failures so far; after MAX_WORKER_FAILURES, trees are built on the main thread (idle time). */
let workerFailures = 0;
const MAX_WORKER_FAILURES = 3;

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 16);
  });
}

/** Extruded heights were rescaled since the copy was sent: bring the tree's boxes up to date. */
function attach(geometry: THREE.BufferGeometry, tree: MeshBVH): void {
  geometry.boundsTree = tree;
  if ((geometry.userData as { z0?: unknown }).z0) tree.refit();
}

/**
 * Gives `geometry` its picking tree. The worker builds it from copies of the positions and triangles
 * (the geometry stays drawable meanwhile); `alive()` is asked before the result is attached, so a layer
 * removed in the meantime is left alone.
 */
export async function buildPickingTree(geometry: THREE.BufferGeometry, alive: () => boolean): Promise<void> {
  const position = geometry.getAttribute('position');
  const index = geometry.getIndex();
  if (!position || !index || !(position.array instanceof Float32Array)) return;
  if (workerFailures < MAX_WORKER_FAILURES && typeof Worker !== 'undefined') {
    try {
      const xyz = position.array.slice();
      const tri = (index.array as Uint16Array | Uint32Array).slice();
      const serialized = await pickingClient().build(xyz, tri);
      if (alive()) {
        attach(geometry, MeshBVH.deserialize(serialized, geometry, { setIndex: false }));
        pickingTreeStats.worker++;
      }
      return;
    } catch (err) {
      // The bridge restarts a crashed worker on the next call; only repeated failures give it up.
      workerFailures++;
      console.warn(`picking trees: the worker failed (${err instanceof Error ? err.message : String(err)}); this tree is built on the main thread${workerFailures >= MAX_WORKER_FAILURES ? ', and the following ones too' : ''}`);
    }
  }
  await idle();
  if (!alive()) return;
  // Every triangle, whatever part of the chunk the far level of detail draws at the moment.
  attach(geometry, new MeshBVH(geometry, { ...PICKING_TREE_OPTIONS, range: { start: 0, count: index.count } }));
  pickingTreeStats.mainThread++;
}
