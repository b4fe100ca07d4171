/**
 * The UI's way to the simulation workers: one typed client per domain (traffic, carbon, hydrogen, ingest)
 * over a comlink bridge with progress, cancel and crash recovery. Comlink and the workers' API types stay
 * in this folder.
 */
export { CancelledError, WorkerBridge, WorkerCrashedError } from './bridge.ts';
export type { BridgeEvents } from './bridge.ts';
export { CarbonClient, HydrogenClient, IngestClient, PickingClient, TrafficClient, throttled, workerBridges } from './clients.ts';
export type { IngestProgress, RunOptions } from './clients.ts';
