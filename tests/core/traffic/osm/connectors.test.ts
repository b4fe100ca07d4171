// Zone connectors (src/core/traffic/osm/connectors.ts): the k nearest road nodes of each zone on the flatbush
// R-tree are exactly the first k by (Math.hypot distance, node id), ties included.
import { describe, expect, it } from 'vitest';
import { connectableNodes, nearestNodes } from '../../../../src/core/traffic/osm/connectors.ts';

/** Brute force: every candidate, ranked by (distance, id). */
function bruteForce(xy: Float64Array, numZones: number, ids: Int32Array, k: number): { zone: number[]; node: number[]; dist: number[] } {
  const out = { zone: [] as number[], node: [] as number[], dist: [] as number[] };
  for (let z = 0; z < numZones; z++) {
    const ranked = Array.from(ids, (id) => ({ id, d: Math.hypot(xy[2 * id]! - xy[2 * z]!, xy[2 * id + 1]! - xy[2 * z + 1]!) }));
    ranked.sort((a, b) => a.d - b.d || a.id - b.id);
    for (const r of ranked.slice(0, k)) {
      out.zone.push(z);
      out.node.push(r.id);
      out.dist.push(r.d);
    }
  }
  return out;
}

describe('nearestNodes', () => {
  it('breaks exact distance ties by the smaller node id (zones at lattice cell centres and on nodes)', () => {
    // 2 zones, then a 6 x 6 lattice of road nodes 10 m apart, listed in a scrambled order of positions.
    const zones = [25, 25, 20, 30];
    const xy: number[] = [...zones];
    const cells: [number, number][] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) cells.push([i * 10, j * 10]);
    cells.sort((a, b) => ((a[0] * 7 + a[1] * 13) % 17) - ((b[0] * 7 + b[1] * 13) % 17));
    for (const [x, y] of cells) xy.push(x, y);
    const nodeXY = Float64Array.from(xy);
    const ids = Int32Array.from({ length: cells.length }, (_, i) => 2 + i);
    for (const k of [1, 2, 3, 4, 5, 9, 40]) expect(nearestNodes(nodeXY, 2, ids, k)).toEqual(bruteForce(nodeXY, 2, ids, k));
    // The four corners of zone 0's cell are equally near: they come by node id.
    const four = nearestNodes(nodeXY, 1, ids, 4).node;
    expect(four).toEqual([...four].sort((a, b) => a - b));
  });

  it('matches brute force on random points, zones inside and far outside the nodes', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const numZones = 60;
    const n = 500;
    const xy = new Float64Array(2 * (numZones + n));
    for (let i = 0; i < numZones; i++) {
      xy[2 * i] = (rnd() - 0.5) * (i < 50 ? 2000 : 1e6);
      xy[2 * i + 1] = (rnd() - 0.5) * (i < 50 ? 2000 : 1e6);
    }
    // Road nodes rounded to 5 m, so that many distances tie.
    for (let i = numZones; i < numZones + n; i++) {
      xy[2 * i] = Math.round(((rnd() - 0.5) * 2000) / 5) * 5;
      xy[2 * i + 1] = Math.round(((rnd() - 0.5) * 2000) / 5) * 5;
    }
    const eligible = Uint8Array.from({ length: n }, (_, r) => (r % 3 === 0 ? 0 : 1));
    const ids = connectableNodes(numZones, eligible);
    expect(ids.length).toBe(n - Math.ceil(n / 3));
    for (const k of [1, 2, 6]) expect(nearestNodes(xy, numZones, ids, k)).toEqual(bruteForce(xy, numZones, ids, k));
  });

  it('takes every road node when none is eligible', () => {
    expect(Array.from(connectableNodes(2, new Uint8Array(3)))).toEqual([2, 3, 4]);
  });
});
