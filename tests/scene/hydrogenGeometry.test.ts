// The hydrogen layer's pure geometry: off-map sources at the map's edge in their direction, arcs that
// start and end on the ground and rise in between, ribbons, marker sizes and the utilisation colours.
import { describe, expect, it } from 'vitest';
import {
  CLOSED_COLOR,
  arcLift,
  arcPoints,
  arcWidth,
  edgePoint,
  placeSolution,
  ribbons,
  stationMarker,
  utilisationColor,
} from '../../src/scene/hydrogenGeometry.ts';
import { createLocalFrame, toLocal } from '../../src/core/geo/index.ts';
import type { HydrogenSolution } from '../../src/core/hydrogen/index.ts';

const RECT = [-1000, -500, 1000, 500] as const;

describe('edgePoint', () => {
  it('leaves the rectangle through the side the direction points at', () => {
    expect(edgePoint(RECT, 1, 0)).toEqual([1000, 0]);
    expect(edgePoint(RECT, -1, 0)).toEqual([-1000, 0]);
    expect(edgePoint(RECT, 0, 1)).toEqual([0, 500]);
    expect(edgePoint(RECT, 0, -1)).toEqual([0, -500]);
  });
  it('hits the nearer side on a diagonal, and keeps the direction', () => {
    // 45°: the top (y = 500) is reached before the right side (x = 1000).
    const [x, y] = edgePoint(RECT, 1, 1);
    expect(x).toBeCloseTo(500, 9);
    expect(y).toBeCloseTo(500, 9);
    // A source to the west-south-west (bearing 261°, like the Fos by-product plant): the west side.
    const b = (261 * Math.PI) / 180;
    const [wx, wy] = edgePoint(RECT, Math.sin(b), Math.cos(b), 100);
    expect(wx).toBeCloseTo(-1100, 9);
    expect(wy / wx).toBeCloseTo(Math.cos(b) / Math.sin(b), 9);
  });
  it('grows the rectangle by the margin, and is centred on the rectangle', () => {
    expect(edgePoint([0, 0, 100, 50], 1, 0, 10)).toEqual([110, 25]);
    expect(edgePoint([0, 0, 100, 50], 0, 0, 10)).toEqual([50, 60]);
    // Direction need not be a unit vector.
    expect(edgePoint(RECT, 5, 0)).toEqual([1000, 0]);
  });
});

describe('arcs', () => {
  it('start and end at the ground height and peak at the middle', () => {
    const p = arcPoints(0, 0, 1000, 0, 10, 2);
    expect(p.length).toBe(33);
    expect([p[0], p[1], p[2]]).toEqual([0, 0, 2]);
    expect([p[30], p[31], p[32]]).toEqual([1000, 0, 2]);
    expect(p[17]).toBeCloseTo(2 + arcLift(1000), 9); // the middle sample (i = 5)
    expect(arcLift(1000)).toBe(250);
    expect(arcLift(10)).toBe(30);
    expect(arcLift(1e6)).toBe(600);
  });
  it('width grows with kg/day from the minimum to the maximum', () => {
    expect(arcWidth(0, 100)).toBe(4);
    expect(arcWidth(100, 100)).toBe(28);
    expect(arcWidth(50, 100)).toBe(16);
    expect(arcWidth(5, 0)).toBe(4);
  });
  it('ribbons: two vertices per sample, width across the chord, distance along increasing', () => {
    const r = ribbons([{ ax: 0, ay: 0, bx: 0, by: 1000, width: 20, color: [1, 0, 0] }], 8);
    expect(r.positions.length).toBe(9 * 2 * 3);
    expect(r.index.length).toBe(8 * 6);
    // Chord north: across is east-west, ±10 m.
    expect(r.positions[0]).toBeCloseTo(10, 5);
    expect(r.positions[3]).toBeCloseTo(-10, 5);
    for (let i = 2; i < r.along.length; i += 2) expect(r.along[i]!).toBeGreaterThan(r.along[i - 2]!);
    expect(r.along[r.along.length - 1]!).toBeGreaterThan(1000); // the arc is longer than its chord
    expect(Math.max(...r.index)).toBe(17);
    expect(Array.from(r.colors.slice(0, 3))).toEqual([1, 0, 0]);
  });
});

describe('station markers and colours', () => {
  it('height by demand, radius by capacity (area in proportion)', () => {
    expect(stationMarker(0, 100, 0, 500)).toEqual({ height: 20, radius: 10 });
    expect(stationMarker(100, 100, 500, 500)).toEqual({ height: 200, radius: 30 });
    expect(stationMarker(50, 100, 125, 500).height).toBe(110);
    expect(stationMarker(50, 100, 125, 500).radius).toBeCloseTo(20, 9);
    expect(stationMarker(5, 0, 5, 0)).toEqual({ height: 20, radius: 10 });
  });
  it('utilisation colours run light to dark, clamp, and closed stations are grey', () => {
    const lum = (c: string): number => {
      const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(c)!;
      return Number(m[1]) + Number(m[2]) + Number(m[3]);
    };
    expect(lum(utilisationColor(0))).toBeGreaterThan(lum(utilisationColor(0.5)));
    expect(lum(utilisationColor(0.5))).toBeGreaterThan(lum(utilisationColor(1)));
    expect(utilisationColor(2)).toBe(utilisationColor(1));
    expect(utilisationColor(Number.NaN)).toBe(utilisationColor(0));
    expect(utilisationColor(0.5, false)).toBe(CLOSED_COLOR);
  });
});

describe('placeSolution', () => {
  it('puts stations and on-map sources at their lon/lat in the viewer frame, off-map sources at the edge', () => {
    const frame = createLocalFrame(7.42, 43.735);
    const sol = {
      stations: [{ lonLat: [7.43, 43.74] as const, x: 0, y: 0 }, { lonLat: null, x: 12, y: 34 }],
      sources: [
        { lonLat: [7.41, 43.73] as const, x: 0, y: 0, outsideMap: false, dirX: 0, dirY: 0 },
        { lonLat: null, x: -1e5, y: 0, outsideMap: true, dirX: -1, dirY: 0 },
      ],
    } as unknown as Pick<HydrogenSolution, 'stations' | 'sources'>;
    const p = placeSolution(sol, frame, RECT, 50);
    expect(p.stations[0]).toEqual(toLocal(frame, 7.43, 43.74));
    expect(p.stations[1]).toEqual([12, 34]);
    const [sx, sy] = toLocal(frame, 7.41, 43.73);
    expect(p.sources[0]).toEqual({ x: sx, y: sy, edge: false });
    expect(p.sources[1]).toEqual({ x: -1050, y: 0, edge: true });
  });
});
