// Golden figures for the Monaco OpenStreetMap roads (assets/city/monaco, © OpenStreetMap contributors, ODbL).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildRoadNetwork } from '../../../../src/core/traffic/osm/index.ts';
import { expectCsrConsistent } from './helpers.ts';

const ROADS = fileURLToPath(new URL('../../../../assets/city/monaco/roads.geojson', import.meta.url));
const features = (JSON.parse(readFileSync(ROADS, 'utf8')) as { features: unknown[] }).features;

describe('Monaco roads', () => {
  const r = buildRoadNetwork(features);
  const net = r.network;

  it('keeps the car network and reports what it dropped (golden)', () => {
    expect(r.stats).toEqual({
      features: 2361,
      carFeatures: 946,
      droppedByClass: { construction: 6, corridor: 6, footway: 1025, path: 33, pedestrian: 66, platform: 2, proposed: 2, steps: 269, track: 1 },
      droppedNoHighway: 0,
      droppedNoCars: 5,
      droppedBadGeometry: 0,
      lanesFallback: 0,
      maxspeedFallback: 0,
      loopsDropped: 5,
      nodesBeforeScc: 1040,
      linksBeforeScc: 1787,
      sccDroppedNodes: 95,
      sccDroppedLinks: 115,
      featuresWithoutLinks: 81,
      roadNodes: 945,
      roadLinks: 1672,
      zones: 0,
      connectors: 0,
      maxConnectorLength: 0,
    });
    expect(net.numNodes).toBe(945);
    expect(net.numLinks).toBe(1672);
    let length = 0;
    for (let a = 0; a < net.numLinks; a++) length += net.length[a]!;
    expect(length).toBeCloseTo(93971.268, 2);
  });

  it('every link has positive length, capacity, speed and free-flow time; no self-loops', () => {
    let bad = 0;
    for (let a = 0; a < net.numLinks; a++) {
      if (!(net.length[a]! > 0 && net.capacity[a]! > 0 && net.fft[a]! > 0 && net.speed[a]! > 0) || net.from[a] === net.to[a]) bad++;
      if (Math.abs(net.fft[a]! - net.length[a]! / ((net.speed[a]! * 1000) / 60)) > 1e-12 * net.fft[a]!) bad++;
    }
    expect(bad).toBe(0);
    expectCsrConsistent(net);
  });

  it('link polylines start and end at their nodes', () => {
    const { coords, offsets } = r.geometry;
    expect(offsets.length).toBe(net.numLinks + 1);
    expect(offsets[net.numLinks]! * 2).toBe(coords.length);
    let far = 0;
    for (let a = 0; a < net.numLinks; a++) {
      const s = offsets[a]!;
      const e = offsets[a + 1]! - 1;
      if (e <= s) far++;
      const f = net.from[a]!;
      const t = net.to[a]!;
      if (Math.hypot(coords[2 * s]! - r.nodeXY[2 * f]!, coords[2 * s + 1]! - r.nodeXY[2 * f + 1]!) > 1e-3) far++;
      if (Math.hypot(coords[2 * e]! - r.nodeXY[2 * t]!, coords[2 * e + 1]! - r.nodeXY[2 * t + 1]!) > 1e-3) far++;
    }
    expect(far).toBe(0);
  });

  it('is deterministic', () => {
    const again = buildRoadNetwork(features);
    expect(Buffer.from(again.geometry.coords.buffer).equals(Buffer.from(r.geometry.coords.buffer))).toBe(true);
    expect(Array.from(again.network.from)).toEqual(Array.from(net.from));
    expect(Array.from(again.network.fft)).toEqual(Array.from(net.fft));
    expect(again.assumptions).toEqual(r.assumptions);
  });
});
