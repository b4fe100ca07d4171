// How picking trees (three-mesh-bvh) are built, in the picking worker or on the main thread alike (the scene reads it from here: workers import nothing from above).
import type { MeshBVHOptions } from 'three-mesh-bvh';

/** Indirect: the geometry's triangle order (its level-of-detail prefix order) is never changed. */
export const PICKING_TREE_OPTIONS: MeshBVHOptions = { indirect: true, targetLeafSize: 16 };
