/**
 * Watchdog arithmetic for unattended screens: retry back-off, the growth trend of a series of memory
 * samples, and the decision to reload the page. Pure: the shell samples and acts.
 *
 * Units: milliseconds for delays, MiB for the heap, counts for GPU geometries and textures.
 */

/** Delay before retry `attempt` (0-based): base × 2^attempt, capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs = 1000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
}

/** Least-squares slope of `ys` against their index (units of y per sample); 0 for fewer than 2. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  let my = 0;
  for (const y of ys) my += y;
  my /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (ys[i]! - my);
    den += (i - mx) ** 2;
  }
  return num / den;
}

export interface MemorySample {
  /** JS heap in use, MiB (null where the browser does not say). */
  readonly heapMiB: number | null;
  /** GPU geometries + textures three.js holds. */
  readonly gpuObjects: number;
}

export interface MemoryLimits {
  readonly heapLimitMiB: number;
  readonly gpuGrowthFactor: number;
}

/** Why the page should reload, or null: the heap is over its limit, or GPU objects grew past the factor × the baseline. */
export function memoryVerdict(now: MemorySample, gpuBaseline: number | null, limits: MemoryLimits): string | null {
  if (now.heapMiB !== null && now.heapMiB > limits.heapLimitMiB) return `JS heap ${now.heapMiB.toFixed(0)} MiB > ${limits.heapLimitMiB} MiB`;
  if (gpuBaseline !== null && gpuBaseline > 0 && now.gpuObjects > gpuBaseline * limits.gpuGrowthFactor)
    return `GPU objects ${now.gpuObjects} > ${limits.gpuGrowthFactor} × ${gpuBaseline}`;
  return null;
}
