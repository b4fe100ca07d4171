/**
 * One typed client per domain worker: the store calls these (`run(params, { onProgress, signal })`) and
 * never sees comlink or a worker's API type. Progress callbacks are throttled here, once for all; an
 * aborted signal cancels the way each worker allows (traffic: stop after the current slice and keep the
 * network; hydrogen: terminate, restarted on the next call).
 */
import { proxy, transfer } from 'comlink';
import type { CarbonParams, CarbonRun, TrafficForCarbon } from '../core/carbon/session/index.ts';
import type { CarbonFileFormat, CarbonFileInfo, ImportedCarbonLayer } from '../core/carbon/session/imported.ts';
import type { TrafficIteration, TrafficRunParams, TrafficRunResult } from '../core/traffic/session/index.ts';
import type { CityTrafficOptions } from '../core/traffic/session/build.ts';
import type { TntpFiles } from '../core/traffic/session/openTntp.ts';
import type { CrsCode } from '../core/crs/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import type { HydrogenResult, ModelOverrides } from '../core/hydrogen/index.ts';
import type { IngestPhase, IngestedLayer, LayerKind } from '../core/ingest/index.ts';
import type { LayerSource } from '../core/layerinput/read.ts';
import type { HydrogenApi } from '../../workers/hydrogen.worker.ts';
import type { IngestApi } from '../../workers/ingest.worker.ts';
import type { ModelsApi } from '../../workers/models.worker.ts';
import type { PickingApi } from '../../workers/picking.worker.ts';
import { type BridgeEvents, type BridgeLimits, DEFAULT_LIMITS, WorkerBridge } from './bridge.ts';
import { throttled } from '../core/progress/index.ts';

export interface RunOptions<P> {
  readonly onProgress?: P;
  readonly signal?: AbortSignal;
}

/** How long a running assignment has to take a stop request before its worker is terminated, ms. */
const STOP_GRACE_MS = 3000;

/** Runs `work`, calling `stop` if the signal aborts meanwhile. */
async function withAbort<T>(signal: AbortSignal | undefined, stop: () => void, work: () => Promise<T>): Promise<T> {
  signal?.addEventListener('abort', stop);
  try {
    return await work();
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** Every worker bridge started, by worker name (the shell hands them to tests and a kiosk watchdog). */
const bridges = new Map<string, WorkerBridge<unknown>>();

export function workerBridges(): ReadonlyMap<string, WorkerBridge<unknown>> {
  return bridges;
}

/** Sets the heartbeat silence, the per-call time limit and the retries of every worker bridge (the kiosk file). */
export function setWorkerLimits(limits: Partial<BridgeLimits>): void {
  for (const b of bridges.values()) Object.assign(b.limits, limits);
  Object.assign(DEFAULT_LIMITS, limits);
}

function registered<Api>(bridge: WorkerBridge<Api>): WorkerBridge<Api> {
  bridges.set(bridge.name, bridge as unknown as WorkerBridge<unknown>);
  return bridge;
}

let models: WorkerBridge<ModelsApi> | undefined;

/**
 * The model host worker, shared by the traffic and carbon clients: it reads each of the city's layers once
 * for both models. Each client hears of a crash through its own listener.
 */
function modelsBridge(events: BridgeEvents): WorkerBridge<ModelsApi> {
  models ??= registered(new WorkerBridge<ModelsApi>('models', () => new Worker(new URL('../../workers/models.worker.ts', import.meta.url), { type: 'module', name: 'models' })));
  if (events.onCrash) models.onCrash(events.onCrash);
  return models;
}

export class TrafficClient {
  readonly bridge;
  constructor(events: BridgeEvents) {
    this.bridge = modelsBridge(events);
  }

  /** Builds network and demand from a roads and a buildings layer, in the city's frame, under a profile's options. */
  prepareCity(roads: LayerSource, buildings: LayerSource, frame: LocalFrame, options: CityTrafficOptions = {}) {
    // A fresh worker (after a crash, a silence or a cancel) builds the same network again before its next call.
    this.bridge.addRestore('traffic', (api) => api.prepareCity(roads, buildings, frame, options));
    return this.bridge.call((api) => api.prepareCity(roads, buildings, frame, options));
  }

  /** Reads and checks a TNTP network in the worker; its own frame (centred on its nodes) if it opens. */
  checkTntp(files: TntpFiles): Promise<LocalFrame> {
    return this.bridge.call((api) => api.checkTntp(files));
  }

  prepareTntp(files: TntpFiles, frame: LocalFrame) {
    this.bridge.addRestore('traffic', (api) => api.prepareTntp(files, frame));
    return this.bridge.call((api) => api.prepareTntp(files, frame));
  }

  /** An assignment; progress at most every 80 ms; an abort stops it after its current slice (the solution so far is returned). */
  run(params: TrafficRunParams, options: RunOptions<(it: TrafficIteration) => void> = {}): Promise<TrafficRunResult> {
    const report = options.onProgress ? proxy(throttled(options.onProgress, 80)) : undefined;
    return withAbort(options.signal, () => void this.stopAfterSlice(), () => this.bridge.call((api) => api.runTraffic(params, report)));
  }

  /** Asks the running assignment to stop after its current slice; the network stays built. */
  stopAfterSlice(): Promise<void> {
    // Cancel always ends the job: a worker that does not take the request within STOP_GRACE_MS (hung, or
    // gone) is terminated, and the run rejects as cancelled.
    if (this.bridge.running === 0) return Promise.resolve();
    const asked = this.bridge.call((api) => api.cancelTraffic(), { retries: 0 }).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
    return Promise.race([asked.then(() => 'ok' as const), grace]).then((r) => {
      clearTimeout(timer);
      if (r === 'late') this.bridge.cancel();
    });
  }
}

export class CarbonClient {
  readonly bridge;
  constructor(events: BridgeEvents) {
    this.bridge = modelsBridge(events);
  }

  prepare(frame: LocalFrame, layers: { buildings: LayerSource; roads?: LayerSource; green?: LayerSource; districts?: LayerSource }) {
    this.bridge.addRestore('carbon', (api) => api.prepareCarbon(frame, layers));
    return this.bridge.call((api) => api.prepareCarbon(frame, layers));
  }

  run(params: CarbonParams, traffic?: TrafficForCarbon): Promise<CarbonRun> {
    return this.bridge.call((api) => api.runCarbon(params, traffic)) as Promise<CarbonRun>;
  }

  inspectFile(text: string, format: CarbonFileFormat): Promise<CarbonFileInfo> {
    return this.bridge.call((api) => api.inspectCarbonFile(text, format));
  }

  importFile(text: string, format: CarbonFileFormat, property: string, crs: CrsCode | undefined, frame: LocalFrame): Promise<ImportedCarbonLayer> {
    return this.bridge.call((api) => api.importCarbonFile(text, format, property, crs, frame)) as Promise<ImportedCarbonLayer>;
  }
}

export class HydrogenClient {
  readonly bridge;
  constructor(events: BridgeEvents) {
    this.bridge = registered(new WorkerBridge<HydrogenApi>('hydrogen', () => new Worker(new URL('../../workers/hydrogen.worker.ts', import.meta.url), { type: 'module', name: 'hydrogen' }), events));
  }

  /** Solves a model (JSON) with overrides; an abort terminates the worker (it restarts on the next call). */
  run(json: unknown, overrides: ModelOverrides, options: RunOptions<never> = {}): Promise<HydrogenResult> {
    return withAbort(options.signal, () => this.bridge.cancel(), () => this.bridge.call((api) => api.solve(json, overrides)));
  }

  cancel(): void {
    this.bridge.cancel();
  }
}

/** Ingest progress: the phase, and how far into it. */
export type IngestProgress = (phase: IngestPhase, done: number, total: number) => void;

export class IngestClient {
  readonly bridge;
  constructor(events: BridgeEvents) {
    this.bridge = registered(new WorkerBridge<IngestApi>('ingest', () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }), events));
  }

  private report(onProgress: IngestProgress | undefined) {
    // At most ~20 updates a second; the end of a phase always gets through.
    return onProgress ? proxy(throttled(onProgress, 50, (_phase, done, total) => done >= total)) : undefined;
  }

  /** A layer from a URL (or a picked file's blob URL); the format is told from the name and the content. */
  ingestUrl(url: string, kind: LayerKind | 'auto', frame: LocalFrame | undefined, options: RunOptions<IngestProgress> = {}, crs: CrsCode | 'auto' = 'auto', fileName?: string): Promise<IngestedLayer> {
    const report = this.report(options.onProgress);
    return withAbort(options.signal, () => this.bridge.cancel(), () => this.bridge.call((api) => api.ingestUrl(url, kind, frame, report, crs, fileName) as Promise<IngestedLayer>));
  }

  ingestSynthetic(buildings: number, seed: number, kind: 'buildings' | 'roads', frame: LocalFrame | undefined, options: RunOptions<IngestProgress> = {}): Promise<IngestedLayer> {
    const report = this.report(options.onProgress);
    return withAbort(options.signal, () => this.bridge.cancel(), () => this.bridge.call((api) => api.ingestSynthetic(buildings, seed, kind, frame, report) as Promise<IngestedLayer>));
  }

  exportLayer(url: string, fileName: string | undefined, crs: CrsCode | 'auto', drawn: Uint8Array, name?: string): Promise<Uint8Array> {
    return this.bridge.call((api) => api.exportLayer(url, fileName, crs, drawn, name));
  }

  /** Stops what the worker is doing (terminates it); it restarts on the next call. */
  cancel(): void {
    this.bridge.cancel();
  }
}


/** Picking trees (three-mesh-bvh) built off the main thread: copies of a chunk's positions and triangles in, the serialised tree out. */
export class PickingClient {
  readonly bridge = registered(new WorkerBridge<PickingApi>('picking', () => new Worker(new URL('../../workers/picking.worker.ts', import.meta.url), { type: 'module', name: 'picking' })));

  /** Both arrays are transferred (the caller passes copies). */
  build(position: Float32Array, index: Uint16Array | Uint32Array) {
    return this.bridge.call((api) => api.build(transfer(position, [position.buffer]), transfer(index, [index.buffer])));
  }
}
