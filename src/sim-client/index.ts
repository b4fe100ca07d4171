/**
 * The UI's way to the simulation workers: one typed client per domain (traffic, carbon, hydrogen, ingest)
 * over a comlink bridge with progress, cancel and crash recovery. Comlink and the workers' API types stay
 * in this folder.
 */
export { CancelledError, DEFAULT_LIMITS, WorkerBridge, WorkerCrashedError } from './bridge.ts';
export type { BridgeEvents, BridgeLimits, BridgeStats } from './bridge.ts';
export { CarbonClient, HydrogenClient, IngestClient, PickingClient, TrafficClient, setWorkerLimits, workerBridges } from './clients.ts';
export { SunlightClient } from './sunlight.ts';
export type { StudyReply, SunlightRunParams } from './sunlight.ts';
export { throttled } from '../core/progress/index.ts';
export type { IngestProgress, RunOptions } from './clients.ts';
