// Phase 5 of the road network: each zone joins its K nearest road nodes that touch a non-motorway link
// (all road nodes when none does). Nearest by straight-line distance in local metres (Math.hypot),
// nearest first, ties broken by the smaller node id.
//
// The search runs on a static R-tree of the road nodes (flatbush). Its `neighbors` ranks by squared
// distance and breaks ties in heap order, so it only bounds the search: the k it returns give a radius
// (their largest Math.hypot distance) that holds the true k nearest; every node within that radius
// (a hair wider, for rounding) is fetched again and ranked by (Math.hypot distance, node id).
import Flatbush from 'flatbush';

/** Road nodes a zone may connect to, as network node ids (zones first), ascending. */
export function connectableNodes(numZones: number, eligible: Uint8Array): Int32Array {
  const numRoadNodes = eligible.length;
  let numEligible = 0;
  for (let r = 0; r < numRoadNodes; r++) numEligible += eligible[r]!;
  const ids = new Int32Array(numEligible > 0 ? numEligible : numRoadNodes);
  let k = 0;
  for (let r = 0; r < numRoadNodes; r++) if (numEligible === 0 || eligible[r] === 1) ids[k++] = numZones + r;
  return ids;
}

/** Zone–node pairs, zone by zone, nearest node first; `dist` in metres. */
export interface ZoneConnectors {
  readonly zone: number[];
  readonly node: number[];
  readonly dist: number[];
}

/**
 * The `k` nearest of `ids` (ascending node ids, at least one) to each zone 0..numZones-1, by the
 * positions in `nodeXY` (x, y interleaved, zones first).
 */
export function nearestNodes(nodeXY: Float64Array, numZones: number, ids: Int32Array, k: number): ZoneConnectors {
  const out: ZoneConnectors = { zone: [], node: [], dist: [] };
  if (numZones === 0 || ids.length === 0) return out;
  const tree = new Flatbush(ids.length);
  for (const id of ids) tree.add(nodeXY[2 * id]!, nodeXY[2 * id + 1]!);
  tree.finish();
  const distOf = (i: number, x: number, y: number): number => {
    const id = ids[i]!;
    return Math.hypot(nodeXY[2 * id]! - x, nodeXY[2 * id + 1]! - y);
  };
  for (let z = 0; z < numZones; z++) {
    const x = nodeXY[2 * z]!;
    const y = nodeXY[2 * z + 1]!;
    let reach = 0;
    for (const i of tree.neighbors(x, y, k)) reach = Math.max(reach, distOf(i, x, y));
    // Everything as near as the k-th, ties included; the index order is the node id order.
    const near = tree.neighbors(x, y, Infinity, reach * (1 + 1e-9) + 1e-9).map((i) => ({ i, d: distOf(i, x, y) }));
    near.sort((a, b) => a.d - b.d || a.i - b.i);
    const found = Math.min(k, near.length);
    for (let j = 0; j < found; j++) {
      out.zone.push(z);
      out.node.push(ids[near[j]!.i]!);
      out.dist.push(near[j]!.d);
    }
  }
  return out;
}
