// Small road GeoJSON builders in local metres near Monaco, and a CSR consistency check.
import { expect } from 'vitest';
import { createLocalFrame, toLonLat } from '../../../../src/core/geo/index.ts';
import type { Network } from '../../../../src/core/traffic/assign/index.ts';

export const FRAME = createLocalFrame(7.42, 43.73);

/** A LineString feature through local points (x, y metres); equal points give identical lon/lat. */
export function road(points: Array<[number, number]>, properties: Record<string, unknown>): object {
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'LineString', coordinates: points.map(([x, y]) => toLonLat(FRAME, x, y)) },
  };
}

/** Links as "from>to" strings of local node positions, rounded to metres, sorted. */
export function linkList(net: Network, nodeXY: Float64Array): string[] {
  const name = (n: number): string => `${Math.round(nodeXY[2 * n]!)},${Math.round(nodeXY[2 * n + 1]!)}`;
  const out: string[] = [];
  for (let a = 0; a < net.numLinks; a++) out.push(`${name(net.from[a]!)}>${name(net.to[a]!)}`);
  return out.sort();
}

/** The CSR arrays list every link once, grouped by tail / head, in link order within a group. */
export function expectCsrConsistent(net: Network): void {
  const N = net.numNodes;
  expect(net.outStart.length).toBe(N + 1);
  expect(net.inStart.length).toBe(N + 1);
  expect(net.outStart[0]).toBe(0);
  expect(net.outStart[N]).toBe(net.numLinks);
  expect(net.inStart[N]).toBe(net.numLinks);
  const seenOut = new Uint8Array(net.numLinks);
  const seenIn = new Uint8Array(net.numLinks);
  let bad = 0;
  for (let v = 0; v < N; v++) {
    let prev = -1;
    for (let k = net.outStart[v]!; k < net.outStart[v + 1]!; k++) {
      const a = net.outLinks[k]!;
      if (net.from[a] !== v || a <= prev) bad++;
      prev = a;
      seenOut[a]! += 1;
    }
    prev = -1;
    for (let k = net.inStart[v]!; k < net.inStart[v + 1]!; k++) {
      const a = net.inLinks[k]!;
      if (net.to[a] !== v || a <= prev) bad++;
      prev = a;
      seenIn[a]! += 1;
    }
  }
  expect(bad).toBe(0);
  expect(seenOut.every((x) => x === 1)).toBe(true);
  expect(seenIn.every((x) => x === 1)).toBe(true);
  expect(net.firstThruIndex).toBe(net.numZones);
  expect(net.firstThruNode).toBe(net.numZones + 1);
}
