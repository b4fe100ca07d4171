// The scenario slice: the planner's scenario as one object (src/core/scenario) read from and written to
// the models' edit state, undo/redo across all three models, a list of named scenarios (the first is the
// baseline), the coupled pipeline run through the model workers with a per-stage cache, and KPIs.
import type { StateCreator } from 'zustand';
import type { CarbonRun } from '../core/carbon/session/index.ts';
import type { TrafficRunResult } from '../core/traffic/session/index.ts';
import { toLocal, toLonLat } from '../core/geo/index.ts';
import { type HydrogenResult, trafficLinksOf } from '../core/hydrogen/index.ts';
import {
  type Kpis,
  type LayerRef,
  type PipelineRunners,
  type Scenario,
  type ScenarioIssue,
  type StageInfo,
  type StageName,
  DEFAULT_MAX_ITERATIONS,
  PipelineCancelled,
  StageCache,
  canonicalJson,
  carbonParams,
  computeKpis,
  fitIssues,
  hashBytes,
  hashValue,
  hydrogenInput,
  newScenario,
  parseScenarioText,
  removeEdit,
  runPipeline,
  trafficParams,
} from '../core/scenario/index.ts';
import { hydrogenPartOf, layerStations } from './hydrogen.ts';
import { cityProfileOf } from './carbon.ts';
import { shownBuiltinCity } from './builtinCities.ts';
import { inputLayer } from './inputs.ts';
import type { AppState } from './types.ts';
import type { Language } from '../core/language/index.ts';

/** The name a new scenario gets (data, kept in files and links: in the language it was made in). */
const UNTITLED: Readonly<Record<Language, (n: number) => string>> = { en: (n) => `Scenario ${n}`, ko: (n) => `시나리오 ${n}` };

export interface ScenarioEntry {
  readonly id: string;
  readonly scenario: Scenario;
  readonly kpis: Kpis | null;
  /** Hash of the scenario the KPIs were computed for (they are stale when it differs). */
  readonly kpisFor: string | null;
}

/** What the hydrogen stage hands on in the viewer. */
export interface HydrogenStageResult {
  readonly result: HydrogenResult;
  readonly demand: 'traffic' | 'model';
  readonly stations: 'layer' | 'model';
  readonly model: unknown;
}

export type ViewerPipelineResult = {
  readonly traffic: TrafficRunResult | null;
  readonly carbon: CarbonRun | null;
  readonly hydrogen: HydrogenStageResult | null;
};

export interface PipelineState {
  readonly status: 'idle' | 'running' | 'error';
  /** Which scenario is running (an entry id). */
  readonly running: string | null;
  readonly stage: StageName | null;
  /** 0..1 within the running stage. */
  readonly progress: number;
  readonly stages: Partial<Record<StageName, StageInfo & { readonly state: 'running' | 'done' }>>;
  readonly error: string | null;
  /** Wall time of the last run, seconds. */
  readonly seconds: number | null;
}

export interface ScenarioSlice {
  scenarios: readonly ScenarioEntry[];
  activeScenario: string;
  /** The pair compared (entry ids): B − A. */
  compare: { readonly a: string; readonly b: string };
  history: { readonly past: readonly Scenario[]; readonly future: readonly Scenario[] };
  pipeline: PipelineState;
  /** Take the hydrogen supply's CO2e per kg into the carbon map (the pipeline's last stage). */
  hydrogenFromSupply: boolean;
  /** Content hash of the embedded city's districts file (not a drawn layer). */
  districtsRef: LayerRef | null;
  /** Why a scenario file or link could not be opened: where it came from and every issue with its path. */
  /** 'open': a file or link that could not be read; 'fit': a scenario whose edits point past this city's links, zones or districts. */
  scenarioIssues: { readonly source: string; readonly issues: readonly ScenarioIssue[]; readonly kind?: 'open' | 'fit' } | null;
  /** What the map shows of a comparison: B, the difference B − A, or A and B side by side. */
  mapView: 'b' | 'difference' | 'split';
  setMapView(v: 'b' | 'difference' | 'split'): void;
  /** What the links' difference shows: flow (veh/h) or V/C. */
  diffMeasure: 'flow' | 'vc';
  setDiffMeasure(m: 'flow' | 'vc'): void;
  /** The last pipeline results of each compared side, for the difference layer and exports. */
  results: { readonly a: ViewerPipelineResult | null; readonly b: ViewerPipelineResult | null };

  /** The scenario as the models' edit state holds it now (name and notes from the active entry). */
  scenarioNow(): Scenario;
  /** Sets every model's edits and parameters from a scenario (the city is not changed). */
  applyScenario(s: Scenario): void;
  undo(): void;
  redo(): void;
  removeScenarioEdit(id: string): void;
  setHydrogenFromSupply(on: boolean): void;
  /** Runs the active scenario and the baseline through the pipeline; results shown, KPIs kept. */
  runScenario(): Promise<void>;
  /** Runs scenarios A and B of the comparison; B's results are shown with B − A as the difference. */
  runComparison(): Promise<void>;
  cancelScenario(): void;
  /** Adds the current edits as a new named scenario and makes it active. */
  saveScenarioAs(name: string): void;
  duplicateScenario(id: string): void;
  renameScenario(id: string, name: string): void;
  setScenarioNotes(id: string, notes: string): void;
  deleteScenario(id: string): void;
  selectScenario(id: string): void;
  setCompare(p: Partial<{ a: string; b: string }>): void;
  /** Opens a scenario (from a file, a link or a URL) as a new entry and makes it active. */
  openScenario(s: Scenario, source: string): string;
  /** Reads a scenario file's text (any version): opened as a new entry, or its issues shown; false when refused. */
  openScenarioText(source: string, text: string): boolean;
  setScenarioIssues(v: ScenarioSlice['scenarioIssues']): void;
  /** Replaces the list (restored from storage). */
  restoreScenarios(entries: readonly ScenarioEntry[], active: string): void;
  /** Makes sure the hashes a scenario names the city by are known (districts file, hydrogen model). */
  ensureCityRefs(): Promise<void>;
  /** Forgets scenarios, history and cached results (another city was opened). */
  resetScenarios(): void;
}

const BASELINE_ID = 'baseline';

const IDLE: PipelineState = { status: 'idle', running: null, stage: null, progress: 0, stages: {}, error: null, seconds: null };

/** Results by stage and input hash (module state: typed arrays, not for React to watch). */
const cache = new StageCache(12);

/** The slice's state with no city: the baseline alone, nothing run. */
function initialScenarios() {
  return {
    scenarios: [{ id: BASELINE_ID, scenario: newScenario({ name: '', layers: {} }), kpis: null, kpisFor: null }],
    activeScenario: BASELINE_ID,
    compare: { a: BASELINE_ID, b: BASELINE_ID },
    history: { past: [], future: [] },
    pipeline: IDLE,
    hydrogenFromSupply: true,
    districtsRef: null,
    scenarioIssues: null,
    results: { a: null, b: null },
    mapView: 'b' as const,
    diffMeasure: 'flow' as const,
  } satisfies Partial<ScenarioSlice>;
}

let entrySeq = 0;
const newId = (): string => `s${Date.now().toString(36)}${(++entrySeq).toString(36)}`;

/** Layer ref of a drawn layer read as `role` (its mapping, when any, is part of what the models read). */
function layerRef(s: AppState, role: 'buildings' | 'roads' | 'green' | 'districts' | 'stations'): LayerRef | undefined {
  const input = inputLayer(s, role);
  const hash = input?.layer.data?.contentHash;
  if (!input || !hash) return undefined;
  const mapping = s.inputs[role]?.mapping;
  const name = 'text' in input.layer.name ? input.layer.name.text : (input.layer.fileName ?? input.layer.source.split('/').pop() ?? role);
  return { name, hash: mapping ? hashValue({ file: hash, mapping }) : hash };
}

/** The city a scenario applies to: the loaded layers by content hash. */
export function cityOf(s: AppState): Scenario['city'] {
  const layers: Record<string, LayerRef> = {};
  for (const role of ['buildings', 'roads', 'green', 'stations'] as const) {
    const ref = layerRef(s, role);
    if (ref) layers[role] = ref;
  }
  const districts = layerRef(s, 'districts') ?? (shownBuiltinCity(s) ? s.districtsRef ?? undefined : undefined);
  if (districts) layers['districts'] = districts;
  if (s.hydrogen.modelHash && s.hydrogen.modelName) layers['hydrogenModel'] = { name: s.hydrogen.modelName, hash: s.hydrogen.modelHash };
  return { name: shownBuiltinCity(s)?.scenarioName ?? (layers['buildings']?.name ?? ''), layers, profile: cityProfileOf(s) };
}

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** The scenario the models' edit state describes. */
export function scenarioOf(s: AppState): Scenario {
  const active = s.scenarios.find((e) => e.id === s.activeScenario)?.scenario;
  const t = s.traffic;
  const p = s.carbon.params;
  const h = s.hydrogen;
  const frame = s.frame;
  return {
    ...newScenario(cityOf(s), active?.name ?? 'Baseline'),
    notes: active?.notes ?? '',
    traffic: {
      demandScale: t.demandScale,
      zoneFactors: t.zoneFactors,
      closedLinks: t.edits.closed,
      lanes: t.edits.lanes,
      targetGap: t.targetGap,
      maxIterations: active?.traffic.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    },
    fleet: p.fleetShift,
    carbon: {
      cellSize: p.cellSize as Scenario['carbon']['cellSize'],
      basis: p.basis,
      gridTPerMWh: p.gridTPerMWh ?? null,
      retrofit: p.retrofit ?? null,
      factors: { ...(p.factors ?? {}) },
      greenAreas: frame
        ? (p.extraGreen ?? []).map((g) => {
            const ring: [number, number][] = [];
            for (let i = 0; i + 1 < g.ring.length; i += 2) {
              const [lon, lat] = toLonLat(frame, g.ring[i]!, g.ring[i + 1]!);
              ring.push([round7(lon), round7(lat)]);
            }
            return { ring, cover: g.cover };
          })
        : [],
      hydrogenFromSupply: s.hydrogenFromSupply,
    },
    hydrogen: hydrogenPartOf(h),
  };
}

/** The state members a scenario is read from: when one of them changes, the scenario may have. */
function editInputs(s: AppState): readonly unknown[] {
  const t = s.traffic;
  const h = s.hydrogen;
  return [t.demandScale, t.zoneFactors, t.edits, t.targetGap, s.carbon.params, h.objective, h.stationChoice, h.catchment, h.fcevShare, h.edits, h.useTraffic, s.hydrogenFromSupply];
}

/** An entry's scenario as it would run now: the active one from the models' state, the others on the city as loaded. */
export function entryScenario(s: AppState, e: ScenarioEntry): Scenario {
  return e.id === s.activeScenario ? scenarioOf(s) : { ...e.scenario, city: cityOf(s) };
}

/** The edit-relevant part of a scenario (what undo compares): everything but the city, name and notes. */
const editKey = (s: Scenario): string => canonicalJson({ traffic: s.traffic, fleet: s.fleet, carbon: s.carbon, hydrogen: s.hydrogen });

/** Hash naming a scenario's results: its edits and its city. */
export const resultKey = (s: Scenario): string => hashValue({ city: s.city.layers, profile: s.city.profile ?? null, edits: editKey(s) });

let applying = false;

/**
 * Watches the store: a change of the models' edit state is one step of history, and the active entry
 * follows it. Installed once on the store (store/index.ts).
 */
export function watchScenarioEdits(state: AppState, prev: AppState): void {
  if (applying || state.frame !== prev.frame) return;
  const a = editInputs(state);
  const b = editInputs(prev);
  if (a.every((x, i) => x === b[i])) return;
  const before = scenarioOf(prev);
  const after = scenarioOf(state);
  if (editKey(before) === editKey(after)) return;
  const past = [...state.history.past.slice(-99), before];
  applying = true;
  try {
    // The baseline stays the models' defaults: the first edit made on it starts a new scenario.
    if (state.activeScenario === BASELINE_ID) state.forkBaseline();
    state.setHistoryAndEntry(past, [], after);
  } finally {
    applying = false;
  }
}

export interface ScenarioInternals {
  /** Records history and keeps the active entry's scenario current (used by the watcher). */
  setHistoryAndEntry(past: readonly Scenario[], future: readonly Scenario[], active: Scenario): void;
  /** Adds a new scenario ("Scenario N") and makes it active, the baseline staying as it was. */
  forkBaseline(): void;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice & ScenarioInternals> = (set, get) => {
  let controller: AbortController | null = null;

  const patchPipeline = (p: Partial<PipelineState>): void => set((s) => ({ pipeline: { ...s.pipeline, ...p } }));

  const updateEntry = (id: string, f: (e: ScenarioEntry) => ScenarioEntry): void =>
    set((s) => ({ scenarios: s.scenarios.map((e) => (e.id === id ? f(e) : e)) }));

  /** Runners over the model workers: each stage computes without changing what is shown. */
  const runners = (): PipelineRunners<TrafficRunResult, CarbonRun, HydrogenStageResult> => ({
    traffic: (sc, hooks) =>
      get().computeTraffic(
        trafficParams(sc),
        (it) => hooks.onProgress?.(Math.min(0.99, Math.max(0, Math.log10(it.relativeGap) / Math.log10(sc.traffic.targetGap)))),
        hooks.signal,
      ),
    carbon: (sc, traffic, factor) => {
      const frame = get().frame;
      if (!frame) return Promise.reject(new Error('no city'));
      return get().computeCarbon(carbonParams(sc, frame, factor), traffic);
    },
    hydrogen: async (sc, traffic, hooks) => {
      await get().ensureHydrogenModel();
      const s = get();
      if (s.hydrogen.model === null || !s.frame) throw new Error('no hydrogen model');
      const view = s.traffic.view;
      const input = hydrogenInput(sc.hydrogen, s.hydrogen.model, {
        layerStations: layerStations(s),
        traffic: traffic && view ? trafficLinksOf(view, traffic.flows) : null,
        frame: s.frame,
      });
      const result = await s.computeHydrogen(input.json, input.overrides, hooks.signal);
      return { result, demand: input.demand, stations: input.stations, model: input.json };
    },
    hydrogenFactor: (h) => {
      const w = h.result.solution;
      return w && w.summary.deliveredKgPerDay > 0 ? w.wellToWheel.hydrogenKgCo2ePerKg : null;
    },
  });

  const kpisOf = (r: ViewerPipelineResult): Kpis =>
    computeKpis({
      traffic: r.traffic,
      isConnector: get().traffic.view?.isConnector ?? null,
      carbon: r.carbon,
      hydrogen: r.hydrogen ? { ...r.hydrogen.result, demand: r.hydrogen.demand } : null,
    });

  /** Runs one scenario through the pipeline (stages from the cache where their inputs are unchanged). */
  const runOne = async (entryId: string, sc: Scenario, signal: AbortSignal): Promise<ViewerPipelineResult> => {
    patchPipeline({ running: entryId, stages: {}, stage: null, progress: 0 });
    const r = await runPipeline(sc, runners(), cache, {
      signal,
      onStage: (stage, state, info) =>
        set((s) => ({ pipeline: { ...s.pipeline, stage: state === 'running' ? stage : s.pipeline.stage, progress: 0, stages: { ...s.pipeline.stages, [stage]: { ...info, state } } } })),
      onProgress: (_stage, progress) => patchPipeline({ progress }),
    });
    const result: ViewerPipelineResult = { traffic: r.traffic, carbon: r.carbon, hydrogen: r.hydrogen };
    updateEntry(entryId, (e) => ({ ...e, kpis: kpisOf(result), kpisFor: resultKey(sc) }));
    return result;
  };

  /** Shows B's results on the map and in the panels, with A as the baseline every difference is taken from. */
  const show = (a: ViewerPipelineResult, b: ViewerPipelineResult): void => {
    const frame = get().frame;
    set((s) => ({
      results: { a, b },
      traffic: { ...s.traffic, result: b.traffic ?? s.traffic.result, baseline: a.traffic ?? s.traffic.baseline, status: s.traffic.view ? 'ready' : s.traffic.status },
      carbon: {
        ...s.carbon,
        result: b.carbon ?? s.carbon.result,
        baseline: a.carbon && b.carbon && a.carbon.grid.spec.cellSize === b.carbon.grid.spec.cellSize ? a.carbon : s.carbon.baseline,
        status: b.carbon ? 'ready' : s.carbon.status,
      },
      hydrogen: b.hydrogen
        ? {
            ...s.hydrogen,
            status: 'ready',
            result: b.hydrogen.result,
            baseline: a.hydrogen?.result.solution ? a.hydrogen.result : s.hydrogen.baseline,
            ran: { demand: b.hydrogen.demand, stations: b.hydrogen.stations, overrides: {}, model: b.hydrogen.model },
            frame,
            carbonFactor: b.hydrogen.result.solution?.wellToWheel.hydrogenKgCo2ePerKg ?? null,
          }
        : s.hydrogen,
    }));
  };

  const runPair = async (aId: string, aScenario: Scenario, bId: string, bScenario: Scenario): Promise<void> => {
    if (get().pipeline.status === 'running') return;
    controller = new AbortController();
    const signal = controller.signal;
    const t0 = performance.now();
    patchPipeline({ status: 'running', error: null, seconds: null });
    try {
      // Edits point at links, zones and districts by index: a scenario made for other data may point past them.
      if (!get().traffic.view && inputLayer(get(), 'roads')) await get().prepareTraffic();
      const s = get();
      const size = { links: s.traffic.view?.linkCount ?? null, zones: s.traffic.view?.zones.count ?? null, districts: s.carbon.prepared ? s.carbon.districtNames.length : null };
      for (const sc of aId === bId ? [bScenario] : [aScenario, bScenario]) {
        const issues = fitIssues(sc, size);
        if (issues.length > 0) {
          set({ scenarioIssues: { source: sc.name, issues, kind: 'fit' } });
          patchPipeline({ status: 'error', running: null, stage: null, error: 'misfit' });
          return;
        }
      }
      const a = await runOne(aId, aScenario, signal);
      const b = aId === bId ? a : await runOne(bId, bScenario, signal);
      show(a, b);
      patchPipeline({ status: 'idle', running: null, stage: null, progress: 1, seconds: (performance.now() - t0) / 1000 });
    } catch (err) {
      if (err instanceof PipelineCancelled || signal.aborted) {
        patchPipeline({ status: 'idle', running: null, stage: null });
        get().notify('info', 'scenario.cancelled');
      } else {
        patchPipeline({ status: 'error', running: null, stage: null, error: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      controller = null;
    }
  };

  const applyEdits = (sc: Scenario): void => {
    const frame = get().frame;
    const c = sc.carbon;
    const h = sc.hydrogen;
    set((s) => ({
      traffic: {
        ...s.traffic,
        demandScale: sc.traffic.demandScale,
        zoneFactors: sc.traffic.zoneFactors,
        edits: { closed: sc.traffic.closedLinks, lanes: sc.traffic.lanes },
        targetGap: sc.traffic.targetGap,
      },
      carbon: {
        ...s.carbon,
        params: {
          cellSize: c.cellSize,
          basis: c.basis,
          fleetShift: sc.fleet,
          ...(c.gridTPerMWh !== null ? { gridTPerMWh: c.gridTPerMWh } : {}),
          ...(c.retrofit ? { retrofit: c.retrofit } : {}),
          ...(Object.keys(c.factors).length > 0 ? { factors: c.factors } : {}),
          ...(frame && c.greenAreas.length > 0
            ? { extraGreen: c.greenAreas.map((g) => ({ ring: g.ring.flatMap(([lon, lat]) => toLocal(frame, lon, lat)), cover: g.cover })) }
            : {}),
        },
      },
      hydrogen: {
        ...s.hydrogen,
        objective: h.objective,
        stationChoice: h.stationChoice,
        catchment: h.catchment,
        fcevShare: h.fcevShare,
        useTraffic: h.demandFromTraffic,
        edits: {
          added: h.stationsAdded,
          removed: h.stationsRemoved,
          capacity: h.stationCapacity,
          sources: h.sources,
          ...(h.unmetAllowed !== null ? { unmetAllowed: h.unmetAllowed } : {}),
        },
      },
      hydrogenFromSupply: c.hydrogenFromSupply,
    }));
  };

  /** Applies a scenario's edits without recording a history step. */
  const applyQuiet = (sc: Scenario): void => {
    applying = true;
    try {
      applyEdits(sc);
    } finally {
      applying = false;
    }
  };

  return {
    ...initialScenarios(),
    setDiffMeasure: (diffMeasure) => set({ diffMeasure }),
    setMapView: (mapView) => set((s) => ({ mapView, carbon: { ...s.carbon, show: mapView === 'difference' ? 'difference' : 'scenario' } })),

    forkBaseline: () => {
      const s = get();
      const id = newId();
      const n = s.scenarios.length;
      const name = UNTITLED[s.language](n);
      const base = s.scenarios.find((e) => e.id === BASELINE_ID)!;
      set({ scenarios: [...s.scenarios, { id, scenario: { ...base.scenario, name }, kpis: null, kpisFor: null }], activeScenario: id, compare: { a: BASELINE_ID, b: id } });
    },

    // The entry keeps its own name and notes; its edits follow the models'.
    setHistoryAndEntry: (past, future, active) =>
      set((s) => ({
        history: { past, future },
        scenarios: s.scenarios.map((e) => (e.id === s.activeScenario ? { ...e, scenario: { ...active, name: e.scenario.name, notes: e.scenario.notes } } : e)),
      })),

    scenarioNow: () => scenarioOf(get()),

    applyScenario: (sc) => applyEdits(sc),

    undo: () => {
      const { past, future } = get().history;
      const prev = past[past.length - 1];
      if (!prev) return;
      const now = scenarioOf(get());
      applyQuiet(prev);
      get().setHistoryAndEntry(past.slice(0, -1), [...future, now], scenarioOf(get()));
    },

    redo: () => {
      const { past, future } = get().history;
      const next = future[future.length - 1];
      if (!next) return;
      const now = scenarioOf(get());
      applyQuiet(next);
      get().setHistoryAndEntry([...past, now], future.slice(0, -1), scenarioOf(get()));
    },

    removeScenarioEdit: (id) => applyEdits(removeEdit(scenarioOf(get()), id)),

    setHydrogenFromSupply: (hydrogenFromSupply) => set({ hydrogenFromSupply }),

    ensureCityRefs: async () => {
      const s = get();
      const builtin = shownBuiltinCity(s); // the built-in city's districts file, named as the command line names it
      const needsDistricts = builtin !== null && !inputLayer(s, 'districts') && !s.districtsRef;
      await Promise.all([
        s.ensureHydrogenModel(),
        needsDistricts
          ? fetch(builtin.districts)
              .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
              .then((b) => set({ districtsRef: { name: builtin.districtsFile, hash: hashBytes(new Uint8Array(b)) } }))
              .catch(() => undefined)
          : undefined,
      ]);
    },

    runScenario: async () => {
      await get().ensureCityRefs();
      const s = get();
      const current = scenarioOf(s);
      const baseScenario = entryScenario(s, s.scenarios.find((e) => e.id === BASELINE_ID)!);
      // The comparison follows what was run: the baseline against the active scenario.
      set({ compare: { a: BASELINE_ID, b: s.activeScenario } });
      await runPair(BASELINE_ID, baseScenario, s.activeScenario, current);
    },

    runComparison: async () => {
      await get().ensureCityRefs();
      const s = get();
      const { a, b } = s.compare;
      const ea = s.scenarios.find((e) => e.id === a);
      const eb = s.scenarios.find((e) => e.id === b);
      if (!ea || !eb) return;
      await runPair(ea.id, entryScenario(s, ea), eb.id, entryScenario(s, eb));
    },

    cancelScenario: () => controller?.abort(),

    saveScenarioAs: (name) => {
      const text = name.trim();
      if (text === '') return;
      const id = newId();
      const sc = { ...scenarioOf(get()), name: text };
      set((s) => ({ scenarios: [...s.scenarios, { id, scenario: sc, kpis: null, kpisFor: null }], activeScenario: id, compare: { a: BASELINE_ID, b: id } }));
    },

    duplicateScenario: (id) => {
      const e = get().scenarios.find((x) => x.id === id);
      if (!e) return;
      const copy: ScenarioEntry = { ...e, id: newId(), scenario: { ...(id === get().activeScenario ? scenarioOf(get()) : e.scenario), name: `${e.scenario.name} (2)` } };
      set((s) => ({ scenarios: [...s.scenarios, copy] }));
    },

    renameScenario: (id, name) => {
      const text = name.trim().slice(0, 200);
      if (text === '') return;
      updateEntry(id, (e) => ({ ...e, scenario: { ...e.scenario, name: text } }));
    },

    setScenarioNotes: (id, notes) => updateEntry(id, (e) => ({ ...e, scenario: { ...e.scenario, notes: notes.slice(0, 20000) } })),

    deleteScenario: (id) => {
      if (id === BASELINE_ID) return;
      const s = get();
      const scenarios = s.scenarios.filter((e) => e.id !== id);
      const fix = (x: string): string => (x === id ? BASELINE_ID : x);
      set({ scenarios, compare: { a: fix(s.compare.a), b: fix(s.compare.b) } });
      if (s.activeScenario === id) get().selectScenario(BASELINE_ID);
    },

    selectScenario: (id) => {
      const s = get();
      const e = s.scenarios.find((x) => x.id === id);
      if (!e || id === s.activeScenario) return;
      // The entry being left keeps the edits it has now.
      const leaving = scenarioOf(s);
      set({ scenarios: s.scenarios.map((x) => (x.id === s.activeScenario ? { ...x, scenario: leaving } : x)), activeScenario: id, history: { past: [], future: [] } });
      applyQuiet(e.scenario);
    },

    setCompare: (p) => set((s) => ({ compare: { ...s.compare, ...p } })),

    openScenario: (sc, source) => {
      const id = newId();
      const s = get();
      const leaving = scenarioOf(s);
      set({
        scenarios: [...s.scenarios.map((x) => (x.id === s.activeScenario ? { ...x, scenario: leaving } : x)), { id, scenario: sc, kpis: null, kpisFor: null }],
        activeScenario: id,
        compare: { a: BASELINE_ID, b: id },
        history: { past: [], future: [] },
        scenarioIssues: null,
      });
      applyQuiet(sc);
      // The file's city profile is the city's from now on (it is a property of the city, shared by every scenario).
      if (sc.city.profile !== undefined && sc.city.profile !== cityProfileOf(get())) get().setCityProfile(sc.city.profile);
      const city = cityOf(get());
      const differs = Object.entries(sc.city.layers).filter(([role, ref]) => ref && city.layers[role as keyof typeof city.layers]?.hash !== ref.hash).map(([role]) => role);
      if (differs.length > 0) get().notify('info', 'scenario.cityDiffers', { name: sc.name, layers: differs.join(', '), source });
      else get().notify('info', 'scenario.opened', { name: sc.name });
      return id;
    },

    openScenarioText: (source, text) => {
      const parsed = parseScenarioText(text);
      if (!parsed.ok) {
        set({ scenarioIssues: { source, issues: parsed.issues } });
        return false;
      }
      get().openScenario(parsed.scenario, source);
      return true;
    },

    setScenarioIssues: (scenarioIssues) => set({ scenarioIssues }),

    restoreScenarios: (entries, active) => {
      if (entries.length === 0 || entries[0]!.id !== BASELINE_ID) return;
      const target = entries.find((e) => e.id === active) ?? entries[0]!;
      set({ scenarios: entries, activeScenario: target.id, compare: { a: BASELINE_ID, b: target.id }, history: { past: [], future: [] } });
      applyQuiet(target.scenario);
    },

    resetScenarios: () => {
      controller?.abort();
      cache.clear();
      set(initialScenarios());
    },
  };
};

export { BASELINE_ID };
