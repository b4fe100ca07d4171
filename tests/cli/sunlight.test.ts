// `cli sunlight` on a hand-computed case: one 20 m box in Seoul on the winter solstice. At true solar noon
// the sun stands due south at e = 90° − 37.5665° − 23.436° = 28.997°, so the box's shadow reaches
// 20 / tan e = 36.09 m north of its north face; points just inside and outside it; a point whose shade
// depends on the sun's azimuth alone, counted with an independent ephemeris (suncalc).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as SunCalc from 'suncalc';
import { ROOT, cli } from './run-cli.ts';

const BOX = join(ROOT, 'tests/fixtures/sunlight/box.geojson');
const POINTS = join(ROOT, 'tests/fixtures/sunlight/points.geojson');
const DEG = Math.PI / 180;

interface Output {
  points: { id: string; hours: number; longestRunHours: number; passes: boolean; criterion: string; inside: boolean }[];
  date: string;
  stepMin: number;
  clock: string;
  utcOffsetHours: number;
  summary: { points: number; passing: number; failing: number; inside: number; buildings: number };
  sun: { time: string; utc: string; azimuth: number; elevation: number }[];
}

function run(...args: string[]): Output {
  const r = cli('sunlight', '--buildings', BOX, '--points', POINTS, ...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Output;
}

describe('cli sunlight', () => {
  it('matches the hand-computed shadows of one box on the winter solstice', () => {
    const out = run('--date', '2025-12-22');
    const by = Object.fromEntries(out.points.map((p) => [p.id, p]));
    expect(Object.keys(out.points[0]!).slice(0, 4)).toEqual(['id', 'hours', 'longestRunHours', 'passes']);
    expect([out.date, out.stepMin, out.clock, out.utcOffsetHours]).toEqual(['2025-12-22', 10, 'solar', 9]);
    expect(out.sun).toHaveLength(48);
    expect(out.sun[0]!.time).toBe('08:05');
    expect(by['north-5']).toEqual({ id: 'north-5', hours: 0, longestRunHours: 0, passes: false, criterion: 'none', inside: false });
    expect(by['north-100']).toEqual({ id: 'north-100', hours: 8, longestRunHours: 6, passes: true, criterion: 'both', inside: false });
    expect(by['south-40']).toEqual({ id: 'south-40', hours: 8, longestRunHours: 6, passes: true, criterion: 'both', inside: false });
    expect(by['inside']).toEqual({ id: 'inside', hours: 0, longestRunHours: 0, passes: false, criterion: 'none', inside: true });
    // The noon shadow (36.09 m): 5 % short of its tip the point loses the intervals around noon; 5 % beyond, none.
    expect(by['north-shadow-95']!.hours).toBeLessThan(8);
    expect(by['north-shadow-95']!.hours).toBeGreaterThanOrEqual(5);
    expect(by['north-shadow-105']!.hours).toBe(8);
    // 30 m north of the face the sun never clears the box (atan(20 / 30) = 33.7° > 28.997°): shaded exactly
    // while |azimuth − 180°| < atan(10 / 30) = 18.43°. suncalc's azimuths at the steps' middles in true
    // solar time (from its solar noon) give the expected counts.
    const noon = SunCalc.getTimes(new Date('2025-12-22T03:00:00Z'), 37.5665, 126.978).solarNoon.getTime();
    let sunny = 0, run30 = 0, best = 0;
    for (let m = 485; m < 960; m += 10) {
      const lit = Math.abs(SunCalc.getPosition(new Date(noon + (m - 720) * 60_000), 37.5665, 126.978).azimuth - 180) >= Math.atan(10 / 30) / DEG;
      if (lit) sunny++;
      run30 = lit && m > 540 && m < 900 ? run30 + 1 : 0;
      best = Math.max(best, run30);
    }
    const n30 = by['north-30']!;
    expect(n30.hours).toBeCloseTo(sunny / 6, 3);
    expect(n30.longestRunHours).toBeCloseTo(best / 6, 3);
    // 4 h or more in total but no 2-hour run: it passes on the total-hours criterion alone.
    expect([n30.passes, n30.criterion]).toEqual([true, 'total']);
    expect(out.summary).toEqual({ points: 7, passing: 5, failing: 2, inside: 1, buildings: 1 });
  });

  it('shifts the windows to standard clock time with --clock local (KST runs 30 minutes ahead of Seoul solar time)', () => {
    const solar = run('--date', '2025-12-22', '--step-min', '30');
    const local = run('--date', '2025-12-22', '--step-min', '30', '--clock', 'local');
    expect(solar.sun).toHaveLength(16);
    expect(local.sun[0]!.utc).toBe('2025-12-21T23:15:00.000Z');
    expect(Date.parse(solar.sun[0]!.utc) - Date.parse(local.sun[0]!.utc)).toBe(30 * 60_000 + 32_000);
    // Later in the day by the clock, the sun is further west: afternoon shade grows in the local windows.
    expect(local.sun[0]!.azimuth).toBeLessThan(solar.sun[0]!.azimuth);
  });

  it('says which option or feature is wrong', () => {
    const bad = cli('sunlight', '--buildings', BOX, '--points', POINTS, '--step-min', '7');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--step-min must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60), got '7'");
    const swapped = cli('sunlight', '--buildings', POINTS, '--points', BOX);
    expect(swapped.status).toBe(1);
    expect(swapped.stderr).toContain(`--points file '${BOX}': features[0]: expected a Point with [lon, lat] coordinates`);
  });
});
