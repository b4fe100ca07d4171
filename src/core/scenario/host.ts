/**
 * The model host: one parsed city (features read once) and the three models over it, as the pipeline's
 * stage runners. The CLI runs it in-process; the viewer runs it in one worker that owns the parsed city,
 * so the models never fetch and parse the layers again each.
 * Units: as the models' (flows veh/h, t CO2e/yr, kg H2/day).
 */
import { type CarbonRun, CarbonSession, trafficForCarbon } from '../carbon/session/index.ts';
import { type CityTraffic, buildCityTraffic } from '../traffic/session/build.ts';
import { TrafficSession, type TrafficNetworkView, type TrafficRunResult } from '../traffic/session/index.ts';
import type { LocalFrame } from '../geo/index.ts';
import { type HighsLike, type HydrogenResult, type LayerStation, runHydrogen, trafficLinksOf } from '../hydrogen/index.ts';
import type { ProfileId } from '../profile/index.ts';
import { carbonParams, hydrogenInput, profileOf, trafficModelOptions, trafficParams } from './apply.ts';
import type { PipelineRunners, StageHooks } from './pipeline.ts';
import type { Scenario } from './schema.ts';

/** The city's parsed inputs (WGS84 GeoJSON features with any input mapping applied). */
export interface CityInputs {
  readonly frame: LocalFrame;
  readonly buildings: readonly unknown[];
  readonly roads?: readonly unknown[];
  readonly green?: readonly unknown[];
  readonly districts?: readonly unknown[];
  /** The hydrogen supply model (parsed JSON, validated when solved). */
  readonly hydrogenModel?: unknown;
  readonly layerStations?: readonly LayerStation[];
}

/** What the traffic stage hands on. */
export interface TrafficStage {
  readonly run: TrafficRunResult;
}

export interface HydrogenStage {
  readonly result: HydrogenResult;
  readonly demand: 'traffic' | 'model';
  readonly stations: 'layer' | 'model';
  /** The model as solved (JSON), for the panel and exports. */
  readonly model: unknown;
}

/** Lets the event loop (a worker's message queue) in, and stops when the run is aborted. */
const yieldTurn = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export class CityModels {
  private traffic: CityTraffic | null | undefined;
  private trafficError: string | null = null;
  private session: TrafficSession | undefined;
  /** The profile the traffic model was built under (its speed limits and trip method). */
  private trafficProfile: ProfileId = 'KR';
  private carbon: CarbonSession | undefined;

  constructor(
    readonly city: CityInputs,
    /** HiGHS, loaded on first use (its WebAssembly is big). */
    private readonly highs: () => Promise<HighsLike>,
  ) {}

  /**
   * The routable network and demand under a profile (built on first use, again when the profile changes);
   * null when the city has no roads.
   */
  trafficModel(profile: ProfileId = this.trafficProfile): CityTraffic | null {
    if (this.traffic !== undefined && profile === this.trafficProfile) return this.traffic;
    this.trafficProfile = profile;
    this.trafficError = null;
    if (!this.city.roads) return (this.traffic = null);
    try {
      this.traffic = buildCityTraffic(this.city.roads, this.city.buildings, this.city.frame, trafficModelOptions(profile));
      this.session = new TrafficSession(this.traffic.network, this.traffic.view, this.traffic.demandFor);
    } catch (err) {
      this.traffic = null;
      this.trafficError = err instanceof Error ? err.message : String(err);
    }
    return this.traffic;
  }

  get view(): TrafficNetworkView | null {
    return this.trafficModel()?.view ?? null;
  }

  /** Why there is no traffic model (no roads, or the network could not be built). */
  get trafficProblem(): string | null {
    this.trafficModel();
    return this.traffic ? null : (this.trafficError ?? 'no roads layer');
  }

  private carbonSession(): CarbonSession {
    const c = this.city;
    this.carbon ??= new CarbonSession(c.frame, {
      buildings: c.buildings,
      ...(c.roads ? { roads: c.roads } : {}),
      ...(c.green ? { green: c.green } : {}),
      ...(c.districts ? { districts: c.districts } : {}),
    });
    return this.carbon;
  }

  get districtCount(): number {
    return this.carbonSession().districtCount;
  }

  async runTraffic(s: Scenario, hooks: StageHooks = {}): Promise<TrafficStage> {
    const model = this.trafficModel(profileOf(s));
    if (!model || !this.session) throw new Error(`traffic: ${this.trafficProblem}`);
    const params = trafficParams(s);
    const run = await this.session.run(params, async (it) => {
      hooks.onProgress?.(Math.min(0.99, Math.max(0, Math.log10(it.relativeGap) / Math.log10(params.targetGap))));
      await yieldTurn();
      return !hooks.signal?.aborted;
    });
    return { run };
  }

  runCarbon(s: Scenario, traffic: TrafficStage | null, hydrogenKgCo2ePerKg: number | null): CarbonRun {
    const view = this.view;
    const t = traffic && view ? trafficForCarbon(view, traffic.run) : undefined;
    return this.carbonSession().run(carbonParams(s, this.city.frame, hydrogenKgCo2ePerKg), t);
  }

  async runHydrogen(s: Scenario, traffic: TrafficStage | null): Promise<HydrogenStage> {
    if (this.city.hydrogenModel === undefined) throw new Error('hydrogen: no supply model');
    const view = this.view;
    const input = hydrogenInput(s.hydrogen, this.city.hydrogenModel, {
      ...(this.city.layerStations ? { layerStations: this.city.layerStations } : {}),
      traffic: traffic && view ? trafficLinksOf(view, traffic.run.flows) : null,
      frame: this.city.frame,
    });
    const result = runHydrogen(input.json, await this.highs(), input.overrides);
    return { result, demand: input.demand, stations: input.stations, model: input.json };
  }

  /** The pipeline's runners over this city (stages it cannot run are left out). */
  runners(): PipelineRunners<TrafficStage, CarbonRun, HydrogenStage> {
    return {
      ...(this.city.roads ? { traffic: (s: Scenario, hooks: StageHooks) => this.runTraffic(s, hooks) } : {}),
      carbon: async (s, traffic, factor) => this.runCarbon(s, traffic, factor),
      ...(this.city.hydrogenModel !== undefined ? { hydrogen: (s: Scenario, traffic: TrafficStage | null) => this.runHydrogen(s, traffic) } : {}),
      hydrogenFactor: (h) => {
        const w = h.result.solution;
        return w && w.summary.deliveredKgPerDay > 0 ? w.wellToWheel.hydrogenKgCo2ePerKg : null;
      },
    };
  }
}
