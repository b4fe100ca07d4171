/**
 * Seeded random numbers for everything that must give the same bytes on every run: synthetic cities
 * (benchmarks, test data) and the vehicles drawn along assigned flows.
 */

/** mulberry32: a small, fast 32-bit seeded PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
