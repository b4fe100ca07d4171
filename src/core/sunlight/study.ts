/**
 * The sunlight-access study (일조 분석): hours of direct sun at ground points over one day, by casting a
 * ray towards the sun from each point at each time step against the buildings (prisms.ts), and each
 * point marked against the Korean courts' tolerance criterion.
 *
 * The criterion (수인한도): on the winter solstice, in true solar time, sunlight is held tolerable when a
 * point gets at least 2 continuous hours of direct sun between 09:00 and 15:00, or at least 4 hours in
 * total between 08:00 and 16:00; meeting neither exceeds the tolerance limit. Stated by the Seoul High
 * Court, 1996. 3. 29. 선고 94나11806 판결 (확정), and applied by the Supreme Court's line on sunlight
 * obstruction, e.g. 대법원 2004. 9. 13. 선고 2003다64602 판결 (criteria for exceeding 수인한도); restated
 * verbatim in 부산지방법원 2023. 12. 13. 선고 2021가합46557 판결. The times are true (apparent) solar time
 * (진태양시), in which the sun crosses the meridian at 12:00.
 *
 * Time is sampled in intervals of `stepMin` minutes from 08:00 to 16:00, each judged at its midpoint:
 * `hours` is the sunlit intervals × step; `longestRunHours` the longest unbroken run of sunlit intervals
 * inside 09:00–15:00. The step must divide 60 so that the windows' edges fall on interval edges.
 */
import { sunDirection, sunPosition, utcOfClockTime, utcOfSolarTime } from '../sun/index.ts';
import { PrismGrid, type Prisms } from './prisms.ts';

export type SunClock = 'solar' | 'local';

/** Window of the total-hours criterion, minutes after midnight: 08:00–16:00. */
export const TOTAL_WINDOW_MIN: readonly [number, number] = [480, 960];
/** Window of the continuous-hours criterion: 09:00–15:00. */
export const CONTINUOUS_WINDOW_MIN: readonly [number, number] = [540, 900];
/** Hours of sun the criteria ask for: 4 in total, or 2 in one run. */
export const TOTAL_HOURS_REQUIRED = 4;
export const CONTINUOUS_HOURS_REQUIRED = 2;
/** Steps that divide an hour (minutes). */
export const STEP_CHOICES: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

/** The precedents the criterion is taken from (shown with the study's assumptions). */
export const CRITERION_SOURCES: readonly string[] = [
  '서울고등법원 1996. 3. 29. 선고 94나11806 판결 (확정): 동지일 09–15시 연속 2시간 또는 08–16시 총 4시간',
  '대법원 2004. 9. 13. 선고 2003다64602 판결: 일조방해의 수인한도 판단 기준',
  '부산지방법원 2023. 12. 13. 선고 2021가합46557 판결: 같은 기준 (총 일조시간 4시간, 연속 일조시간 2시간)',
];

/** Flags per point. */
export const PASSES_TOTAL = 1;
export const PASSES_CONTINUOUS = 2;
export const INSIDE_BUILDING = 4;

export interface SunlightOptions {
  /** The day, YYYY-MM-DD (a civil date at the place). */
  readonly date: string;
  readonly stepMin: number;
  /** Times are true solar time (the courts' clock) or standard clock time (`utcOffsetHours`). */
  readonly clock: SunClock;
  /** Where the sun is seen from (the study area's centre), degrees. */
  readonly lon: number;
  readonly lat: number;
  /** Standard time's offset from UTC, hours (used when clock is 'local'). */
  readonly utcOffsetHours: number;
}

export interface SunSample {
  /** Interval midpoint, minutes after midnight on the study's clock. */
  readonly minute: number;
  readonly utcMs: number;
  readonly azimuth: number;
  readonly elevation: number;
}

export interface SunlightResult {
  readonly count: number;
  /** Direct sun between 08:00 and 16:00, hours. */
  readonly hours: Float32Array;
  /** Longest continuous run of direct sun between 09:00 and 15:00, hours. */
  readonly longestRunHours: Float32Array;
  /** PASSES_TOTAL | PASSES_CONTINUOUS | INSIDE_BUILDING bits. */
  readonly flags: Uint8Array;
  readonly samples: readonly SunSample[];
  readonly options: SunlightOptions;
}

/** Checks the options; throws a RangeError naming the bad one. */
export function checkOptions(o: SunlightOptions): void {
  if (!STEP_CHOICES.includes(o.stepMin)) throw new RangeError(`step must divide 60 minutes (${STEP_CHOICES.join(', ')}), got ${o.stepMin}`);
  if (!(Math.abs(o.lat) <= 90) || !(Math.abs(o.lon) <= 180)) throw new RangeError(`place must be lon/lat degrees, got ${o.lon}, ${o.lat}`);
  if (o.clock !== 'solar' && o.clock !== 'local') throw new RangeError(`clock must be solar or local, got '${String(o.clock)}'`);
}

/** The sun at each interval's midpoint from 08:00 to 16:00 on the study's clock. */
export function sunSamples(o: SunlightOptions): SunSample[] {
  checkOptions(o);
  const out: SunSample[] = [];
  for (let m = TOTAL_WINDOW_MIN[0]; m < TOTAL_WINDOW_MIN[1]; m += o.stepMin) {
    const minute = m + o.stepMin / 2;
    const utcMs = o.clock === 'solar' ? utcOfSolarTime(o.date, minute / 60, o.lon) : utcOfClockTime(o.date, minute / 60, o.utcOffsetHours);
    const p = sunPosition(utcMs, o.lon, o.lat);
    out.push({ minute, utcMs, azimuth: p.azimuth, elevation: p.elevation });
  }
  return out;
}

/**
 * The study: `points` are x, y pairs in metres (the prisms' frame), `heights` optional heights above the
 * ground (metres; 0 when absent). `onProgress(done, total)` is called after each time step.
 */
export function sunlightStudy(prisms: Prisms, points: Float64Array, options: SunlightOptions, heights?: Float64Array, onProgress?: (done: number, total: number) => void): SunlightResult {
  const samples = sunSamples(options);
  const count = points.length >> 1;
  const grid = new PrismGrid(prisms);
  const flags = new Uint8Array(count);
  for (let p = 0; p < count; p++) if (grid.inside(points[2 * p]!, points[2 * p + 1]!) >= 0 && !((heights?.[p] ?? 0) > 0)) flags[p] = INSIDE_BUILDING;
  const steps = samples.length;
  const sunlit = new Uint8Array(count * steps); // per time step, then per point
  for (let s = 0; s < steps; s++) {
    const { azimuth, elevation } = samples[s]!;
    if (elevation > 0) {
      const [ex, ny, up] = sunDirection(azimuth, elevation);
      const horiz = Math.hypot(ex, ny);
      const dx = ex / horiz, dy = ny / horiz, slope = up / horiz;
      for (let p = 0; p < count; p++) {
        if (flags[p] === INSIDE_BUILDING) continue;
        if (grid.blocker(points[2 * p]!, points[2 * p + 1]!, heights?.[p] ?? 0, dx, dy, slope) === -1) sunlit[s * count + p] = 1;
      }
    }
    onProgress?.(s + 1, steps);
  }
  const hours = new Float32Array(count);
  const longestRunHours = new Float32Array(count);
  const stepH = options.stepMin / 60;
  for (let p = 0; p < count; p++) {
    if (flags[p] === INSIDE_BUILDING) continue;
    let total = 0, run = 0, best = 0;
    for (let s = 0; s < steps; s++) {
      const on = sunlit[s * count + p] === 1;
      if (on) total++;
      const minute = samples[s]!.minute;
      const inContinuous = minute > CONTINUOUS_WINDOW_MIN[0] && minute < CONTINUOUS_WINDOW_MIN[1];
      if (on && inContinuous) {
        run++;
        if (run > best) best = run;
      } else run = 0;
    }
    hours[p] = total * stepH;
    longestRunHours[p] = best * stepH;
    // Counts of whole intervals compare exactly (no rounding of hours).
    if (total * options.stepMin >= TOTAL_HOURS_REQUIRED * 60) flags[p]! |= PASSES_TOTAL;
    if (best * options.stepMin >= CONTINUOUS_HOURS_REQUIRED * 60) flags[p]! |= PASSES_CONTINUOUS;
  }
  return { count, hours, longestRunHours, flags, samples, options };
}

/** A regular grid of points over a box: `spacing` metres apart, centred in the box, at most `maxSide` per side. */
export function gridPoints(box: readonly [number, number, number, number], spacing: number, maxSide = 100): { points: Float64Array; nx: number; ny: number; spacing: number; x0: number; y0: number } {
  const w = box[2] - box[0], h = box[3] - box[1];
  const s = Math.max(spacing, w / maxSide, h / maxSide);
  const nx = Math.max(1, Math.min(maxSide, Math.floor(w / s) + 1)), ny = Math.max(1, Math.min(maxSide, Math.floor(h / s) + 1));
  const x0 = (box[0] + box[2]) / 2 - ((nx - 1) * s) / 2, y0 = (box[1] + box[3]) / 2 - ((ny - 1) * s) / 2;
  const points = new Float64Array(nx * ny * 2);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    points[2 * (j * nx + i)] = x0 + i * s;
    points[2 * (j * nx + i) + 1] = y0 + j * s;
  }
  return { points, nx, ny, spacing: s, x0, y0 };
}
