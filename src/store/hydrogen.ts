// The hydrogen slice: the supply model (the example for the default city, or a file), what-ifs on it
// (FCEV shares, objective, station choice, stations placed / removed / resized, the supply mix), demand
// from the traffic assignment when there is one, solved in the hydrogen worker; the first solved run is
// the baseline every figure is compared with, until the user keeps another.
import type { StateCreator } from 'zustand';
import { applyMapping } from '../core/layerinput/index.ts';
import { propertyText, toLonLat, unpackProperties } from '../core/geo/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import { type H2VehicleClass, type HydrogenResult, type ModelOverrides, type ObjectiveKind, trafficLinksOf } from '../core/hydrogen/index.ts';
import { CancelledError, HydrogenClient } from '../sim-client/index.ts';
import { type Scenario, hashText, hydrogenInput } from '../core/scenario/index.ts';
import { DEFAULT_CITY } from './ingest.ts';
import { shownBuiltinCity } from './builtinCities.ts';
import {
  DEFAULT_STATION_CAPACITY_KG_PER_DAY,
  type HydrogenEdits,
  type LayerStation,
  NO_EDITS,
  type SourceEdit,
} from '../core/hydrogen/whatif.ts';
import type { AppState } from './types.ts';

export const HYDROGEN_MODEL_URL = new URL('../../assets/hydrogen/monaco.json', import.meta.url).href;

export interface HydrogenRunInfo {
  /** Where demand came from: the traffic assignment's vehicle-km, or the model's own zones. */
  readonly demand: 'traffic' | 'model';
  /** Where stations came from: a points layer chosen as the stations input, or the model. */
  readonly stations: 'layer' | 'model';
  readonly overrides: ModelOverrides;
  /** The model as solved (JSON). */
  readonly model: unknown;
}

export interface HydrogenState {
  readonly status: 'idle' | 'loading' | 'running' | 'ready' | 'error';
  /** The base model (parsed JSON, unvalidated); null when none is loaded. */
  readonly model: unknown;
  readonly modelName: string | null;
  readonly modelFrom: 'default' | 'file' | null;
  /** Content hash of the model file's text (scenarios name the model by it). */
  readonly modelHash: string | null;
  /** Why the model file could not be read (fetch or JSON syntax). */
  readonly loadError: string | null;
  /** What-ifs; null: the model's own setting. */
  readonly objective: ObjectiveKind | null;
  readonly stationChoice: boolean | null;
  /** Which stations a zone's drivers may use (null: the model's own setting). */
  readonly catchment: Scenario['hydrogen']['catchment'];
  readonly fcevShare: Readonly<Partial<Record<H2VehicleClass, number>>>;
  readonly edits: HydrogenEdits;
  /** Take demand from the traffic assignment when there is one. */
  readonly useTraffic: boolean;
  readonly result: HydrogenResult | null;
  /** The run differences are shown against (the first solved run, until the user keeps another). */
  readonly baseline: HydrogenResult | null;
  readonly ran: HydrogenRunInfo | null;
  /** The frame the result is drawn in (results of another city are not drawn). */
  readonly frame: LocalFrame | null;
  /** performance.now() when the running solve started. */
  readonly startedAt: number | null;
  /** A worker failure (not a model status: those are in the result). */
  readonly error: string | null;
  /** Clicking the map places a station. */
  readonly placing: boolean;
  readonly visible: boolean;
  readonly paused: boolean;
  /** The carbon map's hydrogen factor was last set from this run's figure (kg CO2e/kg). */
  readonly carbonFactor: number | null;
}

export interface HydrogenSlice {
  hydrogen: HydrogenState;
  /** Loads the example model when the default city is shown and no model is loaded (no-op otherwise). */
  ensureHydrogenModel(): Promise<void>;
  /** Uses a model file's text instead (the what-ifs and results are cleared). */
  setHydrogenModelFile(name: string, text: string): void;
  solveHydrogen(): Promise<void>;
  /** Solves a model (JSON, what-ifs applied) with overrides; the shown result is not changed. Cancelled by the signal. */
  computeHydrogen(json: unknown, overrides: ModelOverrides, signal?: AbortSignal): Promise<HydrogenResult>;
  cancelHydrogen(): void;
  setHydrogenOptions(p: Partial<Pick<HydrogenState, 'objective' | 'stationChoice' | 'useTraffic' | 'catchment'>>): void;
  setFcevShare(cls: H2VehicleClass, share: number | null): void;
  setStationCapacity(id: string, kgPerDay: number): void;
  removeStation(id: string): void;
  restoreStation(id: string): void;
  /** Adds a station at local metres (x, y) of the viewer's frame. */
  placeStation(x: number, y: number, capacityKgPerDay?: number): void;
  setPlacing(on: boolean): void;
  setSourceEdit(id: string, edit: SourceEdit | null): void;
  setUnmetAllowed(allowed: boolean | undefined): void;
  resetHydrogenEdits(): void;
  keepHydrogenBaseline(): void;
  setHydrogenDisplay(p: Partial<Pick<HydrogenState, 'visible' | 'paused'>>): void;
  /** Sets the carbon map's hydrogen carbon intensity to this run's delivered kg CO2e/kg. */
  useHydrogenInCarbon(): void;
  resetHydrogen(): void;
}

export const INITIAL_HYDROGEN: HydrogenState = {
  status: 'idle',
  model: null,
  modelName: null,
  modelFrom: null,
  modelHash: null,
  loadError: null,
  objective: null,
  stationChoice: null,
  catchment: null,
  fcevShare: {},
  edits: NO_EDITS,
  useTraffic: true,
  result: null,
  baseline: null,
  ran: null,
  frame: null,
  startedAt: null,
  error: null,
  placing: false,
  visible: true,
  paused: false,
  carbonFactor: null,
};

/** The hydrogen part of the scenario the state describes (what-ifs as the scenario object holds them). */
export function hydrogenPartOf(h: HydrogenState): Scenario['hydrogen'] {
  return {
    objective: h.objective,
    stationChoice: h.stationChoice,
    fcevShare: h.fcevShare,
    demandFromTraffic: h.useTraffic,
    stationsAdded: h.edits.added.map((a) => ({ id: a.id, name: a.name, lonLat: [a.lonLat[0], a.lonLat[1]] as const, capacityKgPerDay: a.capacityKgPerDay })),
    stationsRemoved: h.edits.removed,
    stationCapacity: h.edits.capacity,
    sources: h.edits.sources,
    unmetAllowed: h.edits.unmetAllowed ?? null,
    catchment: h.catchment,
  };
}

/** The default city is shown: its buildings layer is the embedded Monaco file. */
export function showsDefaultCity(s: Pick<AppState, 'layers'>): boolean {
  return s.layers.some((l) => l.id === 'buildings' && l.source === DEFAULT_CITY.buildings);
}

/** Candidate stations from the points layer the user chose as the `stations` input (mapped name and capacity). */
export function layerStations(s: Pick<AppState, 'layers' | 'inputs' | 'frame'>): LayerStation[] {
  const chosen = s.inputs.stations;
  const frame = s.frame;
  if (!chosen || !frame) return [];
  const layer = s.layers.find((l) => l.id === chosen.layerId && l.status === 'ready');
  const d = layer?.data;
  if (!d || d.kind !== 'points') return [];
  const out: LayerStation[] = [];
  const n = d.data.features.count;
  for (let i = 0; i < n; i++) {
    const props = applyMapping(chosen.mapping, unpackProperties(d.data.properties, i));
    const cap = Number(props['capacity_kg_day']);
    const [lon, lat] = toLonLat(frame, d.data.features.center[2 * i]!, d.data.features.center[2 * i + 1]!);
    out.push({ name: propertyText(props['name']), lonLat: [lon, lat], capacityKgPerDay: props['capacity_kg_day'] !== undefined && Number.isFinite(cap) && cap >= 0 ? cap : null });
  }
  return out;
}

let placed = 0;

export const createHydrogenSlice: StateCreator<AppState, [], [], HydrogenSlice> = (set, get) => {
  const client = new HydrogenClient({
    onCrash: (worker, message) => {
      get().notify('error', 'notice.workerCrashed', { worker, message });
      set((s) => ({ hydrogen: { ...s.hydrogen, status: s.hydrogen.result ? 'ready' : 'idle', startedAt: null } }));
    },
  });
  const patch = (p: Partial<HydrogenState>): void => set((s) => ({ hydrogen: { ...s.hydrogen, ...p } }));
  const patchEdits = (p: Partial<HydrogenEdits>): void => patch({ edits: { ...get().hydrogen.edits, ...p } });
  let loading: Promise<void> | null = null;

  const ensure = async (): Promise<void> => {
    const h = get().hydrogen;
    const builtin = shownBuiltinCity(get()); // each built-in city has its own example model
    const isDefault = builtin !== null;
    // The example belongs to its city: another city drops it (a model file stays until replaced).
    if (h.modelFrom === 'default' && (!isDefault || h.modelName !== builtin.hydrogenFile)) {
      set({ hydrogen: { ...INITIAL_HYDROGEN, visible: h.visible } });
      return;
    }
    if (h.model !== null || !isDefault) return;
    loading ??= (async () => {
      patch({ status: 'loading', loadError: null });
      try {
        const res = await fetch(builtin.hydrogen);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const text = await res.text();
        const model: unknown = JSON.parse(text);
        patch({ status: 'idle', model, modelName: builtin.hydrogenFile, modelFrom: 'default', modelHash: hashText(text) });
      } catch (err) {
        patch({ status: 'error', loadError: `${builtin.hydrogenFile}: ${err instanceof Error ? err.message : String(err)}` });
      } finally {
        loading = null;
      }
    })();
    await loading;
  };

  return {
    hydrogen: INITIAL_HYDROGEN,

    ensureHydrogenModel: ensure,

    setHydrogenModelFile: (name, text) => {
      const h = get().hydrogen;
      try {
        const model: unknown = JSON.parse(text);
        set({ hydrogen: { ...INITIAL_HYDROGEN, visible: h.visible, model, modelName: name, modelFrom: 'file', modelHash: hashText(text) } });
      } catch (err) {
        patch({ loadError: `${name}: ${err instanceof Error ? err.message : String(err)}` });
      }
    },

    solveHydrogen: async () => {
      await ensure();
      const s = get();
      const h = s.hydrogen;
      if (h.model === null || h.status === 'running') return;
      const t = s.traffic;
      const input = hydrogenInput(hydrogenPartOf(h), h.model, {
        layerStations: layerStations(s),
        traffic: h.useTraffic && t.view && t.result ? trafficLinksOf(t.view, t.result.flows) : null,
        ...(s.frame ? { frame: s.frame } : {}),
      });
      const { json, overrides, demand } = input;
      patch({ status: 'running', startedAt: performance.now(), error: null, placing: false });
      try {
        const result = await client.run(json, overrides);
        const base = get().hydrogen.baseline;
        patch({
          status: 'ready',
          startedAt: null,
          result,
          baseline: base ?? (result.solution ? result : null),
          ran: { demand, stations: input.stations, overrides, model: json },
          frame: s.frame,
        });
      } catch (err) {
        if (err instanceof CancelledError) {
          patch({ status: get().hydrogen.result ? 'ready' : 'idle', startedAt: null });
          get().notify('info', 'hydrogen.cancelled');
        } else {
          patch({ status: 'error', startedAt: null, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },

    computeHydrogen: async (json, overrides, signal) => {
      patch({ status: 'running', startedAt: performance.now(), error: null });
      try {
        return await client.run(json, overrides, signal ? { signal } : {});
      } finally {
        patch({ status: get().hydrogen.result ? 'ready' : 'idle', startedAt: null });
      }
    },

    cancelHydrogen: () => client.cancel(),

    setHydrogenOptions: (p) => patch(p),
    setFcevShare: (cls, share) => {
      const next = { ...get().hydrogen.fcevShare };
      if (share === null || !Number.isFinite(share)) delete next[cls];
      else next[cls] = Math.min(1, Math.max(0, share));
      patch({ fcevShare: next });
    },
    setStationCapacity: (id, kg) => {
      if (!Number.isFinite(kg) || kg < 0) return;
      patchEdits({ capacity: { ...get().hydrogen.edits.capacity, [id]: kg } });
    },
    removeStation: (id) => {
      const e = get().hydrogen.edits;
      // A placed station is simply dropped; a model's station is listed as removed.
      if (e.added.some((a) => a.id === id)) patchEdits({ added: e.added.filter((a) => a.id !== id) });
      else if (!e.removed.includes(id)) patchEdits({ removed: [...e.removed, id] });
    },
    restoreStation: (id) => patchEdits({ removed: get().hydrogen.edits.removed.filter((r) => r !== id) }),
    placeStation: (x, y, capacityKgPerDay = DEFAULT_STATION_CAPACITY_KG_PER_DAY) => {
      const frame = get().frame;
      if (!frame) return;
      const [lon, lat] = toLonLat(frame, x, y);
      placed++;
      const e = get().hydrogen.edits;
      const n = e.added.length + 1;
      patchEdits({ added: [...e.added, { id: `placed-${placed}`, name: `New station ${n}`, lonLat: [lon, lat], capacityKgPerDay }] });
      patch({ placing: false });
    },
    setPlacing: (placing) => patch({ placing }),
    setSourceEdit: (id, edit) => {
      const sources = { ...get().hydrogen.edits.sources };
      if (edit === null) delete sources[id];
      else sources[id] = { ...sources[id], ...edit };
      patchEdits({ sources });
    },
    setUnmetAllowed: (allowed) => {
      const { unmetAllowed: _drop, ...rest } = get().hydrogen.edits;
      patch({ edits: allowed === undefined ? rest : { ...rest, unmetAllowed: allowed } });
    },
    resetHydrogenEdits: () => patch({ edits: NO_EDITS, fcevShare: {}, objective: null, stationChoice: null, catchment: null, placing: false }),
    keepHydrogenBaseline: () => {
      const r = get().hydrogen.result;
      if (r?.solution) patch({ baseline: r });
    },
    setHydrogenDisplay: (p) => patch(p),
    useHydrogenInCarbon: () => {
      const f = get().hydrogen.result?.solution?.wellToWheel.hydrogenKgCo2ePerKg;
      if (f === undefined || !(f > 0)) return;
      const c = get().carbon.params;
      get().setCarbonParams({ factors: { ...c.factors, hydrogenKgPerKg: f } });
      patch({ carbonFactor: f });
      get().notify('info', 'hydrogen.carbonSet', { value: f.toFixed(2) });
    },
    resetHydrogen: () => set({ hydrogen: INITIAL_HYDROGEN }),
  };
};
