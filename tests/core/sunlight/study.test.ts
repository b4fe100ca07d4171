// The sunlight study against hand-computed shadows of one box building: at true solar noon on the winter
// solstice the sun stands due south at elevation e = 90° − latitude + declination, and the box's shadow
// reaches height / tan(e) north of its north face.
import { describe, expect, it } from 'vitest';
import * as SunCalc from 'suncalc';
import {
  INSIDE_BUILDING, PASSES_CONTINUOUS, PASSES_TOTAL, PrismBuilder, PrismGrid, roofPrisms, sunSamples, sunlightStudy,
} from '../../../src/core/sunlight/index.ts';
import { sunPosition, utcOfSolarTime } from '../../../src/core/sun/index.ts';
import type { ColumnarGeometry } from '../../../src/core/columnar/index.ts';

const SEOUL = { lon: 126.978, lat: 37.5665 };
const OPTIONS = { date: '2025-12-22', stepMin: 10, clock: 'solar', ...SEOUL, utcOffsetHours: 9 } as const;
const DEG = Math.PI / 180;

/** A 20 m × 20 m box centred on the origin, `h` metres high. */
function box(h: number) {
  const b = new PrismBuilder();
  b.add([[-10, -10, 10, -10, 10, 10, -10, 10, -10, -10]], h);
  return b.finish();
}

describe('sunlight study', () => {
  it('shades the ground north of a box up to height / tan(noon elevation) at solar noon', () => {
    const noon = sunPosition(utcOfSolarTime(OPTIONS.date, 12, SEOUL.lon), SEOUL.lon, SEOUL.lat);
    // Hand: e = 90 − 37.5665 − 23.436 = 28.997°, tan e = 0.5542, so a 20 m box throws 36.09 m.
    const shadow = 20 / Math.tan(noon.elevation * DEG);
    expect(shadow).toBeCloseTo(36.09, 1);
    const grid = new PrismGrid(box(20));
    const slope = Math.tan(noon.elevation * DEG);
    expect(grid.blocker(0, 10 + 0.95 * shadow, 0, 0, -1, slope)).toBe(0);
    expect(grid.blocker(0, 10 + 1.05 * shadow, 0, 0, -1, slope)).toBe(-1);
    // A window 5 m up sees over a shadow that is 5 / tan e shorter.
    expect(grid.blocker(0, 10 + 0.95 * (shadow - 5 / slope), 5, 0, -1, slope)).toBe(0);
    expect(grid.blocker(0, 10 + 1.05 * (shadow - 5 / slope), 5, 0, -1, slope)).toBe(-1);
  });

  it('counts hours of sun per point: all day in the open, none hard north, none inside, the noon gap at 30 m', () => {
    const points = Float64Array.from([0, 15, 0, 110, 0, 40, 0, 0, 0, -30]);
    const r = sunlightStudy(box(20), points, OPTIONS);
    expect(r.samples).toHaveLength(48);
    expect(r.samples[0]!.minute).toBe(485);
    // 5 m north: the box fills the southern sky all day (the ray meets the north face below 20 m).
    expect([r.hours[0], r.longestRunHours[0], r.flags[0]]).toEqual([0, 0, 0]);
    // 100 m north and 40 m south of the box: every 10-minute interval from 08:00 to 16:00 is sunlit.
    expect([r.hours[1], r.longestRunHours[1], r.flags[1]]).toEqual([8, 6, PASSES_TOTAL | PASSES_CONTINUOUS]);
    expect([r.hours[4], r.longestRunHours[4], r.flags[4]]).toEqual([8, 6, PASSES_TOTAL | PASSES_CONTINUOUS]);
    expect(r.flags[3]).toBe(INSIDE_BUILDING);
    // 30 m north of the north face: the sun is below the box's top over the face (its elevation never
    // reaches atan(20/30) = 33.7° in December), so the point is shaded exactly while the ray to the sun
    // crosses the face, |azimuth − 180°| < atan(10 / 30) = 18.43°. Count those intervals with suncalc's
    // azimuth at the midpoints (true solar time from suncalc's solar noon).
    const solarNoon = SunCalc.getTimes(new Date(Date.parse('2025-12-22T03:00:00Z')), SEOUL.lat, SEOUL.lon).solarNoon.getTime();
    let sunny = 0, run = 0, best = 0;
    for (let m = 485; m < 960; m += 10) {
      const az = SunCalc.getPosition(new Date(solarNoon + (m - 720) * 60_000), SEOUL.lat, SEOUL.lon).azimuth;
      const lit = Math.abs(az - 180) >= Math.atan(10 / 30) / DEG;
      if (lit) sunny++;
      run = lit && m > 540 && m < 900 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    expect(sunny).toBeLessThan(48);
    expect(r.hours[2]).toBeCloseTo(sunny / 6, 5);
    expect(r.longestRunHours[2]).toBeCloseTo(best / 6, 5);
    expect(r.flags[2]).toBe((sunny >= 24 ? PASSES_TOTAL : 0) | (best >= 12 ? PASSES_CONTINUOUS : 0));
    // Shaded for about 2.6 h around noon: 4 h in total, but no 2-hour run between 09:00 and 15:00.
    expect(r.flags[2]).toBe(PASSES_TOTAL);
  });

  it('judges the two criteria apart: total hours alone, a continuous run alone', () => {
    // A wall east–west, 200 m long, 10 m thick and 40 m high, 5 m south of the point, leaves no sun; a gap
    // of 10 m cut in it around due south lets a run through around noon only.
    const b = new PrismBuilder();
    b.add([[-100, -20, -5, -20, -5, -10, -100, -10]], 40);
    b.add([[5, -20, 100, -20, 100, -10, 5, -10]], 40);
    const r = sunlightStudy(b.finish(), Float64Array.from([0, -5]), OPTIONS);
    // Sunlit while the ray passes the gap's far side, 15 m south: |azimuth − 180°| < atan(5 / 15) = 18.43°,
    // about 2.5 hours around noon, all inside 09:00–15:00.
    const lit = r.samples.map((x) => Math.abs(x.azimuth - 180) < Math.atan(5 / 15) / DEG);
    const expectedHours = lit.filter(Boolean).length / 6;
    expect(r.hours[0]).toBeCloseTo(expectedHours, 5);
    expect(r.hours[0]).toBeLessThan(4);
    expect(r.hours[0]).toBeGreaterThanOrEqual(2);
    expect(r.longestRunHours[0]).toBeCloseTo(expectedHours, 5);
    expect(r.flags[0]).toBe(PASSES_CONTINUOUS);
  });

  it('reads roofs of a batched mesh as prisms, and skips walls and ground', () => {
    // One 10 m box's roof (two triangles, normal up) and one wall triangle (normal east).
    const position = Float32Array.from([0, 0, 10, 10, 0, 10, 10, 10, 10, 0, 10, 10, 10, 0, 0, 10, 10, 0, 10, 10, 10]);
    const normal = Int8Array.from([0, 0, 127, 0, 0, 127, 0, 0, 127, 0, 0, 127, 127, 0, 0, 127, 0, 0, 127, 0, 0]);
    const g: ColumnarGeometry = {
      length: 7,
      attributes: { position: { value: position, size: 3 }, normal: { value: normal, size: 3, normalized: true } },
      indices: Uint16Array.from([0, 1, 2, 0, 2, 3, 4, 5, 6]),
      bounds: [0, 0, 0, 10, 10, 10],
    };
    const prisms = roofPrisms([g]);
    expect(prisms.count).toBe(2);
    expect(Array.from(prisms.height)).toEqual([10, 10]);
    const grid = new PrismGrid(prisms);
    expect(grid.inside(5, 5)).toBeGreaterThanOrEqual(0);
    expect(grid.inside(15, 5)).toBe(-1);
    // A point 5 m north, sun due south at 45°: the 10 m roof is 5 m away, reached at 5 m up: shaded.
    expect(grid.blocker(5, 15, 0, 0, -1, 1)).toBeGreaterThanOrEqual(0);
    expect(grid.blocker(5, 25, 0, 0, -1, 1)).toBe(-1);
  });

  it('rejects a step that does not divide the hour, by name', () => {
    expect(() => sunSamples({ ...OPTIONS, stepMin: 7 })).toThrow('step must divide 60 minutes');
  });

  it('times local clock samples in standard time (KST is 32 minutes ahead of Seoul solar time in December)', () => {
    const solar = sunSamples(OPTIONS);
    const local = sunSamples({ ...OPTIONS, clock: 'local' });
    const shift = (solar[0]!.utcMs - local[0]!.utcMs) / 60_000;
    // KST is UTC+9 (135° E); Seoul at 126.978° E is 32.1 min behind it, and the equation of time is +1.6 min.
    expect(shift).toBeCloseTo(32.09 - 1.6, 0);
  });
});
