/**
 * The app shell's test hooks, for browser tests and benchmarks: `window.__citytwin` (the live view's handle,
 * src/scene/viewHandle.ts), `window.__citytwinStore`
 * (read state, call actions) and the worker bridges `__citytwinIngest` (the ingest worker, running its
 * self-test variant: busy, crashLater) and `__citytwinTraffic` (the model host: a watchdog). boot.tsx loads
 * this module (its own chunk) only in a page under test automation; product code never reads these globals.
 */
import { workerBridges } from '../sim-client/index.ts';
import { startSelfTestWorkers } from '../sim-client/selfTest.ts';
import { useStore } from '../store/index.ts';
import { type CityTwinHandle, viewHandle } from '../scene/viewHandle.ts';

export interface AppTestHandles {
  readonly __citytwin?: CityTwinHandle;
  __citytwinStore?: typeof useStore;
  __citytwinIngest?: unknown;
  __citytwinTraffic?: unknown;
}

export function installTestHooks(target: AppTestHandles): void {
  Object.defineProperty(target, '__citytwin', { get: viewHandle, configurable: true });
  target.__citytwinStore = useStore;
  target.__citytwinIngest = startSelfTestWorkers().ingest;
  target.__citytwinTraffic = workerBridges().get('models');
}
