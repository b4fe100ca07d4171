/**
 * Bridge to the hydrogen worker (supply optimisation with HiGHS). The API type comes from the worker
 * adapter (type-only import), so calls are checked end to end. Re-exported from the sim-client index
 * by the lead.
 */
import type { HydrogenApi } from '../../workers/hydrogen.worker.ts';
import { type BridgeEvents, WorkerBridge } from './bridge.ts';

export type { HydrogenApi } from '../../workers/hydrogen.worker.ts';

export function createHydrogenBridge(events: BridgeEvents): WorkerBridge<HydrogenApi> {
  return new WorkerBridge<HydrogenApi>(
    'hydrogen',
    () => new Worker(new URL('../../workers/hydrogen.worker.ts', import.meta.url), { type: 'module', name: 'hydrogen' }),
    events,
  );
}
