import { describe, expect, it } from 'vitest';
import { buildLinkRibbons, buildSegmentIndex, pickLink, vehicleInstances } from '../../../../src/core/traffic/viz/index.ts';

// Link 0: (0,0) -> (100,0) -> (100,100), an east-then-north L. Link 1: the reverse direction of its first leg.
const lines = {
  coords: new Float32Array([0, 0, 100, 0, 100, 100, 100, 0, 0, 0]),
  offsets: new Uint32Array([0, 3, 5]),
};

describe('link ribbons', () => {
  it('two vertices per point (centre line and right edge), two triangles per segment', () => {
    const [c] = buildLinkRibbons(lines);
    expect(c!.length).toBe(10);
    expect(c!.indices.length).toBe(3 * 6);
    const side = c!.attributes['side']!.value;
    // Start of link 0 heads east: its right-hand side is south (0, -1); centre vertices have no offset.
    expect(Math.hypot(side[0]!, side[1]!)).toBe(0);
    expect(side[2]).toBeCloseTo(0, 6);
    expect(side[3]).toBeCloseTo(-1, 6);
    // At the corner the mitre is stretched by √2 towards the south-east.
    expect(side[6]).toBeCloseTo(1, 5);
    expect(side[7]).toBeCloseTo(-1, 5);
    // Link 1 heads west: its right is north.
    expect(side[15]).toBeCloseTo(1, 6);
    expect(Array.from(c!.attributes['featureId']!.value)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('vehicles', () => {
  it("count follows Little's law (flow × travel time), capped by uniform display scaling", () => {
    const v = vehicleInstances(lines, [3600, 720], [60, 30], { seed: 1 });
    // 3600 veh/h × 60 s = 60 vehicles; 720 veh/h × 30 s = 6 vehicles.
    expect(v.vehiclesOnNetwork).toBeCloseTo(66, 9);
    expect(v.count).toBe(66);
    expect(v.displayScale).toBe(1);
    // Link 0 is 200 m in 60 s: on its 100 m segments vehicles cover 1/30 of a segment per second.
    const i = Array.from(v.link).indexOf(0);
    expect(v.rate[i]).toBeCloseTo(200 / 60 / 100, 6);
    const capped = vehicleInstances(lines, [3600, 720], [60, 30], { seed: 1, maxInstances: 33 });
    expect(capped.displayScale).toBeCloseTo(0.5, 9);
    expect(capped.count).toBeGreaterThanOrEqual(32);
    expect(capped.count).toBeLessThanOrEqual(34);
  });
  it('is deterministic for a seed', () => {
    const a = vehicleInstances(lines, [1000, 500], [60, 30], { seed: 4 });
    const b = vehicleInstances(lines, [1000, 500], [60, 30], { seed: 4 });
    expect(Buffer.from(a.phase.buffer).equals(Buffer.from(b.phase.buffer))).toBe(true);
  });
});

describe('picking links', () => {
  const index = buildSegmentIndex(lines);
  it('finds the link whose right-hand side holds the point', () => {
    expect(pickLink(index, 50, -2, 10)).toBe(0); // south of the eastbound leg: link 0's right side
    expect(pickLink(index, 50, 2, 10)).toBe(1); // north of it: the westbound link 1's right side
    expect(pickLink(index, 103, 60, 10)).toBe(0);
  });
  it('returns -1 when nothing is near', () => {
    expect(pickLink(index, 50, 50, 10)).toBe(-1);
  });
});
