/**
 * The attract loop as pure arithmetic: a position (the global step count and the seconds spent in the
 * step) moves forward by elapsed time; each step is a flight from the previous viewpoint to the next
 * (eased in and out) and then a hold there with its caption. The scenario playlist moves one item on
 * after each item's number of viewpoints. Nothing here reads a clock: the shell passes the seconds.
 *
 * Units: seconds; camera views in the city's local frame (metres, x east, y north), tilt and bearing in
 * degrees.
 */
import type { KioskFile } from './schema.ts';

/** Where the loop is: `step` counts viewpoints visited since the loop began (it never wraps). */
export interface LoopPosition {
  readonly step: number;
  /** Seconds into the current step (flight, then hold). */
  readonly inStep: number;
}

export const LOOP_START: LoopPosition = { step: 0, inStep: 0 };

type Tour = Pick<KioskFile, 'viewpoints' | 'playlist'>;

const stepSeconds = (k: Tour, step: number): number => {
  const vp = k.viewpoints[step % k.viewpoints.length]!;
  return vp.flightSeconds + vp.holdSeconds;
};

/** Seconds of one pass through every viewpoint. */
export function tourSeconds(k: Tour): number {
  let s = 0;
  for (let i = 0; i < k.viewpoints.length; i++) s += stepSeconds(k, i);
  return s;
}

/** The position `seconds` later (a long gap, e.g. after a reload, skips whole steps). */
export function advance(k: Tour, p: LoopPosition, seconds: number): LoopPosition {
  if (!(seconds > 0)) return p;
  let step = p.step;
  let inStep = p.inStep + seconds;
  // Whole tours at once, so a day's worth of seconds costs no more than one tour.
  const tour = tourSeconds(k);
  const n = k.viewpoints.length;
  if (inStep > tour * 2) {
    const whole = Math.floor(inStep / tour) - 1;
    step += whole * n;
    inStep -= whole * tour;
  }
  while (inStep >= stepSeconds(k, step)) {
    inStep -= stepSeconds(k, step);
    step++;
  }
  return { step, inStep };
}

/** Smooth start and stop (cubic ease-in-out), 0..1 → 0..1. */
export function easeInOut(t: number): number {
  const x = Math.min(Math.max(t, 0), 1);
  return x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2;
}

export interface LoopFrame {
  /** Viewpoint flown from and to (indices into `viewpoints`). */
  readonly from: number;
  readonly to: number;
  readonly phase: 'flight' | 'hold';
  /** Eased progress of the flight, 0..1 (1 while holding). */
  readonly t: number;
  /** Playlist item shown (−1: no playlist). */
  readonly item: number;
  /** Whole passes through the viewpoints completed. */
  readonly tours: number;
}

/** The playlist item on screen at a global step. */
export function playlistItemAt(k: Tour, step: number): number {
  if (k.playlist.length === 0) return -1;
  let period = 0;
  for (const it of k.playlist) period += it.viewpoints;
  let r = step % period;
  for (let i = 0; i < k.playlist.length; i++) {
    r -= k.playlist[i]!.viewpoints;
    if (r < 0) return i;
  }
  return k.playlist.length - 1;
}

export function frameAt(k: Tour, p: LoopPosition): LoopFrame {
  const n = k.viewpoints.length;
  const to = p.step % n;
  const from = (p.step + n - 1) % n;
  const vp = k.viewpoints[to]!;
  const flying = p.inStep < vp.flightSeconds;
  return {
    from,
    to,
    phase: flying ? 'flight' : 'hold',
    t: flying ? easeInOut(p.inStep / vp.flightSeconds) : 1,
    item: playlistItemAt(k, p.step),
    tours: Math.floor(p.step / n),
  };
}

/** A camera view in the local frame. */
export interface LocalView {
  readonly x: number;
  readonly y: number;
  readonly distance: number;
  readonly tilt: number;
  readonly bearing: number;
}

/** Bearing difference b − a taken the short way round, degrees in (−180, 180]. */
export function bearingDelta(a: number, b: number): number {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
}

/**
 * The view a fraction `t` of the way from `a` to `b`: position and tilt linearly, distance geometrically
 * (a zoom looks even), bearing the short way round.
 */
export function interpolateView(a: LocalView, b: LocalView, t: number): LocalView {
  const u = Math.min(Math.max(t, 0), 1);
  return {
    x: a.x + (b.x - a.x) * u,
    y: a.y + (b.y - a.y) * u,
    distance: a.distance * (b.distance / a.distance) ** u,
    tilt: a.tilt + (b.tilt - a.tilt) * u,
    bearing: a.bearing + bearingDelta(a.bearing, b.bearing) * u,
  };
}

/** Which language is on screen: fixed, or alternating every `alternateSeconds` of show time. */
export function languageAt(k: Pick<KioskFile, 'language' | 'alternateSeconds'>, showSeconds: number): 'ko' | 'en' {
  if (k.language !== 'alternate') return k.language;
  return Math.floor(Math.max(showSeconds, 0) / k.alternateSeconds) % 2 === 0 ? 'ko' : 'en';
}

/** Idle timing: the attract loop resumes `idleSeconds` after the last touch. */
export function attractDue(lastInputSeconds: number | null, nowSeconds: number, idleSeconds: number): boolean {
  return lastInputSeconds === null || nowSeconds - lastInputSeconds >= idleSeconds;
}
