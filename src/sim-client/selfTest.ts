/**
 * The test hooks' way to the workers' self-test calls (workers/selfTest.ts: busy, crashLater), which no
 * production worker API has: the ingest bridge is switched to the self-test variant of its worker (the same
 * api plus those calls), so browser tests and benchmarks can keep the worker busy, or crash it and watch the
 * product recover through the very bridge the store uses. Called only by the test hooks
 * (tests/browser/page/hooks.ts, in the test build), before the first ingest call (a running worker would
 * be stopped).
 */
import type { IngestSelfTestApi } from '../../workers/ingest.selftest.worker.ts';
import type { WorkerBridge } from './bridge.ts';
import { workerBridges } from './clients.ts';

export interface SelfTestBridges {
  /** The store's ingest bridge, now starting the self-test ingest worker. */
  readonly ingest: WorkerBridge<IngestSelfTestApi>;
}

export function startSelfTestWorkers(): SelfTestBridges {
  const ingest = workerBridges().get('ingest') as WorkerBridge<IngestSelfTestApi> | undefined;
  if (!ingest) throw new Error('the ingest bridge is not made yet: create the store before the test hooks');
  ingest.startWith(() => new Worker(new URL('../../workers/ingest.selftest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }));
  return { ingest };
}
