// Test-only worker calls, never part of a production worker's API: the self-test variants of the workers
// (ingest.selftest.worker.ts) add them to the product api, and only the test hooks start those variants
// (src/sim-client/selfTest.ts, called by tests/browser/page/hooks.ts in the test build only).

export const selfTestApi = {
  /** Keeps the worker busy for `ms` (benchmarks: frame rate while a worker computes). */
  async busy(ms: number): Promise<number> {
    const end = performance.now() + ms;
    let x = 0;
    while (performance.now() < end) for (let i = 0; i < 10000; i++) x += Math.sqrt(i);
    return x;
  },
  /** Fails outside any call, as a bug in a worker would (tests the crash-and-restart path). */
  async crashLater(): Promise<void> {
    setTimeout(() => {
      throw new Error('deliberate worker crash (self-test)');
    }, 0);
  },
};

export type SelfTestApi = typeof selfTestApi;
