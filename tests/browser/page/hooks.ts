/**
 * The test hooks, on `window` for browser tests and benchmarks: `__citytwin` (the live view's handle,
 * src/scene/viewHandle.ts), `__citytwinStore` (read state, call actions) and the worker bridges
 * `__citytwinIngest` (the ingest worker, running its self-test variant: busy, crashLater) and
 * `__citytwinTraffic` (the model host: a watchdog).
 *
 * Test code that calls product code, never the other way round: only the test build has it. There,
 * `vite build --mode test-hooks` (vite.config.ts, `testHooksBuild`) makes src/main.tsx's last step
 * ./boot.ts beside this file, which evaluates this module and then the app's src/boot.tsx. So the hooks
 * are in place before the first render, and the ingest bridge starts its self-test worker from its first
 * call. The product build (`npm run build`) has none of this.
 */
import { workerBridges } from '../../../src/sim-client/index.ts';
import { startSelfTestWorkers } from '../../../src/sim-client/selfTest.ts';
import { useStore } from '../../../src/store/index.ts';
import { type CityTwinHandle, viewHandle } from '../../../src/scene/viewHandle.ts';

export interface AppTestHandles {
  readonly __citytwin?: CityTwinHandle;
  __citytwinStore?: typeof useStore;
  __citytwinIngest?: unknown;
  __citytwinTraffic?: unknown;
}

function installTestHooks(target: AppTestHandles): void {
  Object.defineProperty(target, '__citytwin', { get: viewHandle, configurable: true });
  target.__citytwinStore = useStore;
  target.__citytwinIngest = startSelfTestWorkers().ingest;
  target.__citytwinTraffic = workerBridges().get('models');
}

installTestHooks(window as unknown as AppTestHandles);
