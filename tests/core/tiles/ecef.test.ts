import { describe, it, expect } from 'vitest';
import { createLocalFrame, projectInto } from '../../../src/core/geo/index.ts';
import { ecefToEnu, enuToEcef, frameToFrame, multiply, transformPoint } from '../../../src/core/tiles/index.ts';

describe('ENU <-> ECEF matrices', () => {
  const seoul = createLocalFrame(126.978, 37.5665);

  it('puts the origin at its ECEF position with orthonormal east, north and up axes', () => {
    const m = enuToEcef(seoul);
    expect(transformPoint(m, 0, 0, 0)).toEqual([seoul.x0, seoul.y0, seoul.z0]);
    const axis = (c: number): number[] => [m[c * 4]!, m[c * 4 + 1]!, m[c * 4 + 2]!];
    const dot = (a: number[], b: number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(dot(axis(i), axis(j))).toBeCloseTo(i === j ? 1 : 0, 12);
    // Up is the ellipsoid normal: ECEF of 100 m up is farther from the centre by about 100 m.
    const up = transformPoint(m, 0, 0, 100);
    expect(Math.hypot(...up) - Math.hypot(seoul.x0, seoul.y0, seoul.z0)).toBeCloseTo(100, 0);
    // East points to growing longitude.
    const east = transformPoint(m, 100, 0, 0);
    expect(Math.atan2(east[1], east[0])).toBeGreaterThan(Math.atan2(seoul.y0, seoul.x0));
  });

  it('ecefToEnu inverts enuToEcef', () => {
    const id = multiply(ecefToEnu(seoul), enuToEcef(seoul));
    id.forEach((v, i) => expect(v).toBeCloseTo(i % 5 === 0 ? 1 : 0, 6));
    expect(frameToFrame(seoul, seoul).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('frameToFrame carries ground points between frames as the project projects them', () => {
    const other = createLocalFrame(126.99, 37.57); // about 1.1 km east, 0.4 km north
    const m = frameToFrame(seoul, other);
    const p = [0, 0, 0, 0];
    for (const [lon, lat] of [[126.978, 37.5665], [126.985, 37.56], [127.0, 37.58]] as const) {
      projectInto(seoul, lon, lat, p, 0);
      projectInto(other, lon, lat, p, 2);
      const [x, y, z] = transformPoint(m, p[0]!, p[1]!, 0);
      expect(Math.abs(x - p[2]!)).toBeLessThan(2e-3);
      expect(Math.abs(y - p[3]!)).toBeLessThan(2e-3);
      // The tangent plane of one frame is not that of the other: heights part by about d²/2R.
      expect(Math.abs(z)).toBeLessThan(0.5);
    }
  });
});
