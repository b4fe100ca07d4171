/**
 * Bridges from the UI to the simulation workers. Each worker's API type comes from its adapter
 * module (type-only import), so calls are checked end to end.
 */
import type { IngestApi } from '../../workers/ingest.worker.ts';
import type { TrafficApi } from '../../workers/traffic.worker.ts';
import type { CarbonApi } from '../../workers/carbon.worker.ts';
import { type BridgeEvents, WorkerBridge } from './bridge.ts';

export { CancelledError, WorkerBridge, WorkerCrashedError } from './bridge.ts';
export type { BridgeEvents } from './bridge.ts';
export { createHydrogenBridge } from './hydrogen.ts';

export function createIngestBridge(events: BridgeEvents): WorkerBridge<IngestApi> {
  return new WorkerBridge<IngestApi>(
    'ingest',
    () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
    events,
  );
}

export function createTrafficBridge(events: BridgeEvents): WorkerBridge<TrafficApi> {
  return new WorkerBridge<TrafficApi>(
    'traffic',
    () => new Worker(new URL('../../workers/traffic.worker.ts', import.meta.url), { type: 'module', name: 'traffic' }),
    events,
  );
}

export function createCarbonBridge(events: BridgeEvents): WorkerBridge<CarbonApi> {
  return new WorkerBridge<CarbonApi>(
    'carbon',
    () => new Worker(new URL('../../workers/carbon.worker.ts', import.meta.url), { type: 'module', name: 'carbon' }),
    events,
  );
}
