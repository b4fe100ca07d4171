// How picking trees (three-mesh-bvh) are built, on the main thread or in the picking worker alike.
import type { MeshBVHOptions } from 'three-mesh-bvh';

/** Indirect: the geometry's triangle order (its level-of-detail prefix order) is never changed. */
export const PICKING_TREE_OPTIONS: MeshBVHOptions = { indirect: true, targetLeafSize: 16 };
