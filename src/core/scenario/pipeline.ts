/**
 * One pipeline for a scenario: traffic → carbon (transport from the assigned flows and speeds) → hydrogen
 * (fuel-cell demand from the assigned vehicle-km) → carbon again (the supply's CO2e per kg of hydrogen into
 * the map's fuel-cell vehicles). Each stage's key is the hash of exactly the inputs it reads; a stage whose
 * key is in the cache is not run again. Where the stages run (workers in the viewer, in-process in the CLI)
 * is the caller's: it passes the runners. Deterministic runners give the same bytes for the same scenario.
 */
import { profileOf } from './apply.ts';
import { hashValue } from './hash.ts';
import type { Scenario } from './schema.ts';

export const STAGES = ['traffic', 'carbon', 'hydrogen', 'carbonFinal'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageInfo {
  /** Hash of the stage's inputs; null when the stage cannot run (its inputs are missing). */
  readonly hash: string | null;
  readonly seconds: number;
  readonly cached: boolean;
}

export interface StageHooks {
  /** 0..1 within the stage. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/** How each stage is computed. A runner left out means the stage cannot run here (its result is null). */
export interface PipelineRunners<T, C, H> {
  readonly traffic?: (s: Scenario, hooks: StageHooks) => Promise<T>;
  readonly carbon?: (s: Scenario, traffic: T | null, hydrogenKgCo2ePerKg: number | null, hooks: StageHooks) => Promise<C>;
  readonly hydrogen?: (s: Scenario, traffic: T | null, hooks: StageHooks) => Promise<H>;
  /** The delivered hydrogen's CO2e per kg of a hydrogen result (null: none delivered or no solution). */
  readonly hydrogenFactor: (h: H) => number | null;
}

export interface PipelineResult<T, C, H> {
  readonly traffic: T | null;
  readonly carbon: C | null;
  readonly hydrogen: H | null;
  readonly stages: Readonly<Record<StageName, StageInfo>>;
}

export interface PipelineOptions {
  readonly signal?: AbortSignal;
  /** A stage starts (cached false until known) or ends. */
  readonly onStage?: (stage: StageName, state: 'running' | 'done', info: StageInfo) => void;
  readonly onProgress?: (stage: StageName, fraction: number) => void;
}

export class PipelineCancelled extends Error {
  override readonly name = 'PipelineCancelled';
  constructor() {
    super('scenario run cancelled');
  }
}

/** Results by stage and input hash, the most recent few per stage (least recently used dropped first). */
export class StageCache {
  private readonly maps = new Map<StageName, Map<string, unknown>>();
  constructor(readonly perStage = 8) {}

  get<V>(stage: StageName, hash: string): V | undefined {
    const m = this.maps.get(stage);
    if (!m || !m.has(hash)) return undefined;
    const value = m.get(hash) as V;
    m.delete(hash); // most recent last
    m.set(hash, value);
    return value;
  }

  set(stage: StageName, hash: string, value: unknown): void {
    let m = this.maps.get(stage);
    if (!m) this.maps.set(stage, (m = new Map()));
    m.delete(hash);
    m.set(hash, value);
    while (m.size > this.perStage) m.delete(m.keys().next().value!);
  }

  has(stage: StageName, hash: string): boolean {
    return this.maps.get(stage)?.has(hash) ?? false;
  }

  clear(): void {
    this.maps.clear();
  }
}

const layer = (s: Scenario, role: keyof Scenario['city']['layers']): string | null => s.city.layers[role]?.hash ?? null;

/** What the traffic stage reads: the roads and buildings (network, zones, trip table) and the traffic edits. */
export function trafficStageInput(s: Scenario) {
  return { stage: 'traffic', roads: layer(s, 'roads'), buildings: layer(s, 'buildings'), profile: profileOf(s), traffic: s.traffic };
}

/** What the carbon stage reads: its layers, its parameters, the fleet, the traffic result (by its key) and the hydrogen factor. */
export function carbonStageInput(s: Scenario, trafficHash: string | null, hydrogenKgCo2ePerKg: number | null) {
  const { hydrogenFromSupply: _notRead, ...carbon } = s.carbon;
  return {
    stage: 'carbon',
    buildings: layer(s, 'buildings'),
    roads: layer(s, 'roads'),
    green: layer(s, 'green'),
    districts: layer(s, 'districts'),
    profile: profileOf(s),
    carbon,
    fleet: s.fleet,
    traffic: trafficHash,
    hydrogenKgCo2ePerKg,
  };
}

/** What the hydrogen stage reads: the supply model, candidate stations, the hydrogen edits and (when it takes demand from traffic) the traffic result. */
export function hydrogenStageInput(s: Scenario, trafficHash: string | null) {
  return {
    stage: 'hydrogen',
    model: layer(s, 'hydrogenModel'),
    stations: layer(s, 'stations'),
    hydrogen: s.hydrogen,
    traffic: s.hydrogen.demandFromTraffic ? trafficHash : null,
  };
}

/** Runs (or serves from the cache) each stage in order. Throws PipelineCancelled when the signal aborts. */
export async function runPipeline<T, C, H>(
  s: Scenario,
  runners: PipelineRunners<T, C, H>,
  cache: StageCache,
  options: PipelineOptions = {},
): Promise<PipelineResult<T, C, H>> {
  const stages = {} as Record<StageName, StageInfo>;
  const { signal } = options;

  async function stage<V>(name: StageName, hash: string | null, compute: ((hooks: StageHooks) => Promise<V>) | undefined): Promise<V | null> {
    if (signal?.aborted) throw new PipelineCancelled();
    if (hash === null || !compute) {
      stages[name] = { hash: null, seconds: 0, cached: false };
      options.onStage?.(name, 'done', stages[name]);
      return null;
    }
    const hit = cache.get<V>(name, hash);
    if (hit !== undefined) {
      stages[name] = { hash, seconds: 0, cached: true };
      options.onStage?.(name, 'done', stages[name]);
      return hit;
    }
    options.onStage?.(name, 'running', { hash, seconds: 0, cached: false });
    const t0 = performance.now();
    const value = await compute({ ...(signal ? { signal } : {}), onProgress: (f) => options.onProgress?.(name, f) });
    if (signal?.aborted) throw new PipelineCancelled();
    cache.set(name, hash, value);
    stages[name] = { hash, seconds: (performance.now() - t0) / 1000, cached: false };
    options.onStage?.(name, 'done', stages[name]);
    return value;
  }

  const canTraffic = runners.traffic && layer(s, 'roads') !== null && layer(s, 'buildings') !== null;
  const trafficHash = canTraffic ? hashValue(trafficStageInput(s)) : null;
  const traffic = await stage('traffic', trafficHash, runners.traffic && ((hooks) => runners.traffic!(s, hooks)));

  const canCarbon = runners.carbon && layer(s, 'buildings') !== null;
  const carbonHash = canCarbon ? hashValue(carbonStageInput(s, trafficHash, null)) : null;
  const carbon = await stage('carbon', carbonHash, runners.carbon && ((hooks) => runners.carbon!(s, traffic, null, hooks)));

  const canHydrogen = runners.hydrogen && layer(s, 'hydrogenModel') !== null;
  const hydrogenHash = canHydrogen ? hashValue(hydrogenStageInput(s, trafficHash)) : null;
  const hydrogen = await stage('hydrogen', hydrogenHash, runners.hydrogen && ((hooks) => runners.hydrogen!(s, traffic, hooks)));

  // Carbon again with the supply's hydrogen factor; the same as the first carbon stage when there is none.
  const factor = s.carbon.hydrogenFromSupply && hydrogen !== null ? runners.hydrogenFactor(hydrogen) : null;
  let carbonFinal = carbon;
  if (factor !== null && canCarbon) {
    const finalHash = hashValue(carbonStageInput(s, trafficHash, factor));
    carbonFinal = await stage('carbonFinal', finalHash, (hooks) => runners.carbon!(s, traffic, factor, hooks));
  } else {
    stages.carbonFinal = { hash: carbonHash, seconds: 0, cached: true };
    options.onStage?.('carbonFinal', 'done', stages.carbonFinal);
  }
  return { traffic, carbon: carbonFinal, hydrogen, stages };
}
