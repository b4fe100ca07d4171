/**
 * Guessing the CRS of coordinates that come without one, from their ranges.
 *
 * 1. Every point within ±180 / ±90: WGS84 longitude, latitude, 'certain' (metres from a false origin
 *    that small would put Web Mercator data within 200 m of 0°N 0°E).
 * 2. Otherwise each projected CRS is tried: the sample is transformed to WGS84 and scored by the share
 *    of points inside the CRS's EPSG area of use (`inArea`) and the share inside that area and inside
 *    South Korea too (`inKorea`, EPSG area 1135). Candidates with no point in their area are dropped.
 * 3. Ranking: inKorea, then inArea, then PREFERENCE. Korean data competes only with candidates that
 *    also land in Korea; data elsewhere competes with every candidate that fits.
 *    'certain': no competitor fits at all; 'likely': the best scores strictly higher than any competitor;
 *    'ambiguous': a competitor scores the same and PREFERENCE alone decided — the UI should ask.
 *
 * The Korea 2000 belts (5185–5188) share every parameter but the central meridian, so the same numbers
 * fit several belts, exactly 2° apart: data that stays inside one belt's latitudes is ambiguous by
 * nature, and only the user (or a `crs` member) can settle it.
 */
import { problem } from '../language/problem.ts';
import { type CrsCode, KOREA_BOX, crsInfo, inBox } from './definitions.ts';
import { CrsError } from './names.ts';
import { toWgs84 } from './transform.ts';

export type CrsConfidence = 'certain' | 'likely' | 'ambiguous';

export interface CrsCandidate {
  readonly code: CrsCode;
  /** Share of the sample inside the CRS's area of use once transformed, 0..1. */
  readonly inArea: number;
  /** Share of the sample inside both the area of use and South Korea once transformed, 0..1. */
  readonly inKorea: number;
}

export interface CrsGuess {
  readonly code: CrsCode;
  readonly confidence: CrsConfidence;
  /** Every CRS that places some of the sample in its area of use, best first. */
  readonly candidates: readonly CrsCandidate[];
  /** Points the guess was made from (at most MAX_SAMPLE_POINTS). */
  readonly sampled: number;
}

/**
 * Tie-break order between projected CRSs that fit equally well. A CityTwin assumption, not a statistic:
 * today's national standards before legacy ones, the Central Belt (Seoul, the most data) first, then the
 * national Unified CS, the legacy Modified Central Belt still common in older Seoul data, the other belts,
 * UTM, and Web Mercator last.
 */
export const PREFERENCE: readonly CrsCode[] = [5186, 5179, 5174, 5187, 5185, 5188, 32652, 32651, 3857];

/** Larger samples are thinned evenly (every k-th point) to this many points. */
export const MAX_SAMPLE_POINTS = 2000;

function thin(sample: ArrayLike<number>): Float64Array {
  const pairs = Math.floor(sample.length / 2);
  let finite = 0;
  for (let i = 0; i < pairs; i++) if (Number.isFinite(sample[2 * i]!) && Number.isFinite(sample[2 * i + 1]!)) finite++;
  const step = Math.max(1, Math.ceil(finite / MAX_SAMPLE_POINTS));
  const out = new Float64Array(2 * Math.ceil(finite / step));
  let seen = 0;
  let k = 0;
  for (let i = 0; i < pairs; i++) {
    const x = sample[2 * i]!;
    const y = sample[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (seen++ % step === 0) {
      out[k++] = x;
      out[k++] = y;
    }
  }
  return out.subarray(0, k);
}

function range(xy: Float64Array, axis: 0 | 1): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = axis; i < xy.length; i += 2) {
    lo = Math.min(lo, xy[i]!);
    hi = Math.max(hi, xy[i]!);
  }
  return [lo, hi];
}

function score(code: CrsCode, xy: Float64Array): CrsCandidate {
  const area = crsInfo(code).area;
  const ll = toWgs84(code)(xy);
  const n = xy.length / 2;
  let inArea = 0;
  let inKorea = 0;
  for (let i = 0; i < ll.length; i += 2) {
    const lon = ll[i]!;
    const lat = ll[i + 1]!;
    if (Number.isNaN(lon)) continue;
    if (!inBox(area, lon, lat)) continue;
    inArea++;
    if (inBox(KOREA_BOX, lon, lat)) inKorea++;
  }
  return { code, inArea: inArea / n, inKorea: inKorea / n };
}

const better = (a: CrsCandidate, b: CrsCandidate): number =>
  b.inKorea - a.inKorea || b.inArea - a.inArea || PREFERENCE.indexOf(a.code) - PREFERENCE.indexOf(b.code);

/**
 * Guesses the CRS of flat coordinate pairs x0, y0, x1, y1, … (non-finite pairs are ignored).
 * Throws CrsError when there is nothing to go on or nothing fits.
 */
export function inferCrs(sample: ArrayLike<number>): CrsGuess {
  const xy = thin(sample);
  const n = xy.length / 2;
  if (n === 0) throw new CrsError('empty-sample', problem('load.crsEmpty'));
  const [x0, x1] = range(xy, 0);
  const [y0, y1] = range(xy, 1);
  if (x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90) {
    const c = score(4326, xy);
    return { code: 4326, confidence: 'certain', candidates: [c], sampled: n };
  }
  const ranges = { x0, x1, y0, y1 };
  if (x0 >= -90 && x1 <= 90 && y0 >= -180 && y1 <= 180) throw new CrsError('swapped-axes', problem('load.crsSwapped', ranges));
  const candidates = PREFERENCE.map((code) => score(code, xy)).filter((c) => c.inArea > 0).sort(better);
  const top = candidates[0];
  if (!top) throw new CrsError('no-candidate', problem('load.crsNone', ranges));
  const rivals = candidates.slice(1).filter((c) => (top.inKorea > 0 ? c.inKorea > 0 : true));
  const second = rivals[0];
  const confidence: CrsConfidence = !second
    ? 'certain'
    : second.inArea === top.inArea && second.inKorea === top.inKorea
      ? 'ambiguous'
      : 'likely';
  return { code: top.code, confidence, candidates, sampled: n };
}
