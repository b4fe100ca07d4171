// The carbon slice: read the city into the model host worker, compute the carbon map for the scenario
// (with the assigned traffic when there is one), keep a baseline on the same grid for differences.
import { problem, problemMessage, problemOf } from '../core/language/problem.ts';
import type { StateCreator } from 'zustand';
import { inputLayer } from './inputs.ts';
import { type CarbonParams, type TrafficForCarbon, trafficForCarbon } from '../core/carbon/session/index.ts';
import type { TrafficNetworkView, TrafficRunResult } from '../core/traffic/session/index.ts';
import { formatOf } from '../core/carbon/session/imported.ts';
import { CarbonClient } from '../sim-client/index.ts';
import { builtinCityOf } from './builtinCities.ts';
import { PROFILES, type ProfileId, profileAt } from '../core/profile/index.ts';
import type { AppState, CarbonSlice, CarbonState } from './types.ts';


/** Why file `file` could not be imported: the error's message, and its problem when it has one. */
function importErrorOf(file: string, err: unknown): NonNullable<CarbonState['importError']> {
  const p = problemOf(err);
  return { file, message: err instanceof Error ? err.message : String(err), ...(p ? { problem: p } : {}) };
}

export const BASELINE_CARBON_PARAMS: Omit<CarbonParams, 'cellSize' | 'basis'> = { fleetShift: {} };

export const INITIAL_CARBON: CarbonState = {
  status: 'idle',
  prepared: false,
  districtNames: [],
  profile: null,
  params: { cellSize: 100, basis: 'ttw', fleetShift: {} },
  result: null,
  baseline: null,
  display: 'columns',
  show: 'scenario',
  visible: true,
  error: null,
  drawing: null,
  importFile: null,
  importProperty: null,
  importCrs: 'auto',
  imported: null,
  importVisible: true,
  importError: null,
};

/** The city profile in use: the planner's choice, else the profile of where the city lies (KR when none matches). */
export function cityProfileOf(s: { readonly carbon: Pick<AppState['carbon'], 'profile'>; readonly frame: AppState['frame'] }): ProfileId {
  return s.carbon.profile ?? (s.frame ? profileAt(s.frame.lon0, s.frame.lat0).id : 'KR');
}

/** Whether the profile in use was matched by location (false: chosen, or no country matched). */
export function profileMatched(s: Pick<AppState, 'carbon' | 'frame'>): boolean {
  return s.carbon.profile === null && s.frame !== null && profileAt(s.frame.lon0, s.frame.lat0).matched;
}

export { PROFILES };

function trafficInput(view: TrafficNetworkView | null, run: TrafficRunResult | null): TrafficForCarbon | undefined {
  if (!view || !run) return undefined;
  return trafficForCarbon(view, run);
}

export const createCarbonSlice: StateCreator<AppState, [], [], CarbonSlice> = (set, get) => {
  const client = new CarbonClient({
    onCrash: (worker, message) => {
      get().notify('error', 'notice.workerCrashed', { worker, message });
      set((s) => ({ carbon: { ...s.carbon, prepared: false, status: 'idle' } }));
    },
  });
  const patch = (p: Partial<CarbonState>): void => set((s) => ({ carbon: { ...s.carbon, ...p } }));

  const prepare = async (): Promise<boolean> => {
    const s = get();
    const buildings = inputLayer(s, 'buildings');
    if (!buildings || !s.frame) {
      patch({ status: 'error', error: 'no-buildings' });
      return false;
    }
    const roads = inputLayer(s, 'roads')?.source;
    const green = inputLayer(s, 'green')?.source;
    // Districts: a layer chosen as districts, else the embedded city's quartiers while it is the city shown.
    const districts = inputLayer(s, 'districts')?.source ?? (builtinCityOf(buildings.layer.source) ? { url: builtinCityOf(buildings.layer.source)!.districts } : undefined);
    const frame = s.frame;
    patch({ status: 'preparing', error: null });
    const out = await client.prepare(frame, {
      buildings: buildings.source,
      ...(roads ? { roads } : {}),
      ...(green ? { green } : {}),
      ...(districts ? { districts } : {}),
    });
    patch({ prepared: true, districtNames: out.districtNames });
    return true;
  };

  return {
    carbon: INITIAL_CARBON,

    computeCarbon: async (params, traffic) => {
      if (!get().carbon.prepared && !(await prepare())) throw new Error('no buildings layer');
      const view = get().traffic.view;
      const input = traffic && view ? trafficInput(view, traffic) : undefined;
      return client.run(params, input);
    },

    runCarbon: async () => {
      try {
        if (!get().carbon.prepared && !(await prepare())) return;
        // Transport comes from the city's own assignment: run it first when there is none yet (the
        // traffic tab shows it too); without roads or a network the road-class table stands in.
        if (!get().traffic.result && inputLayer(get(), 'roads')) {
          patch({ status: 'running', error: null });
          await get().runTraffic();
        }
        const c = get().carbon;
        const t = get().traffic;
        const profile = cityProfileOf(get());
        patch({ status: 'running', error: null });
        let baseline = c.baseline;
        if (!baseline || baseline.params.cellSize !== c.params.cellSize || baseline.params.basis !== c.params.basis || baseline.params.profile !== profile) {
          const base: CarbonParams = { ...BASELINE_CARBON_PARAMS, profile, cellSize: c.params.cellSize, basis: c.params.basis };
          const traffic = trafficInput(t.view, t.baseline);
          baseline = await client.run(base, traffic);
        }
        const traffic = trafficInput(t.view, t.result);
        const result = await client.run({ ...c.params, profile }, traffic);
        patch({ status: 'ready', result, baseline });
      } catch (err) {
        patch({ status: get().carbon.result ? 'ready' : 'error', error: err instanceof Error ? err.message : String(err) });
      }
    },

    setCarbonParams: (p) => patch({ params: { ...get().carbon.params, ...p } }),
    setCityProfile: (profile) => {
      if (profile === get().carbon.profile) return;
      // Speed limits and the trip method shape the network and the demand: both are built again, the
      // edits kept (the same roads give the same links). Results under the old profile are dropped.
      patch({ profile, result: null, baseline: null });
      set((s) => ({ traffic: { ...s.traffic, view: null, ribbons: null, index: null, result: null, baseline: null, status: 'idle', error: null } }));
    },
    setCarbonDisplay: (p) => patch(p),
    keepCarbonBaseline: () => patch({ baseline: get().carbon.result }),
    resetCarbon: () => set({ carbon: INITIAL_CARBON }),
    startDrawing: (cover) => patch({ drawing: { points: [], cover } }),
    addDrawingPoint: (x, y) => {
      const d = get().carbon.drawing;
      if (d) patch({ drawing: { ...d, points: [...d.points, x, y] } });
    },
    undoDrawingPoint: () => {
      const d = get().carbon.drawing;
      if (d) patch({ drawing: { ...d, points: d.points.slice(0, -2) } });
    },
    finishDrawing: () => {
      const c = get().carbon;
      const d = c.drawing;
      if (!d) return;
      if (d.points.length < 6) {
        patch({ drawing: null });
        return;
      }
      const extraGreen = [...(c.params.extraGreen ?? []), { ring: d.points, cover: d.cover }];
      patch({ drawing: null, params: { ...c.params, extraGreen } });
    },
    cancelDrawing: () => patch({ drawing: null }),
    chooseCarbonFile: async (name, text) => {
      patch({ importError: null });
      try {
        const info = await client.inspectFile(text, formatOf(name));
        if (info.properties.length === 0) {
          const p = problem('load.noNumericProperty');
          patch({ importFile: null, importError: { file: name, message: problemMessage(p), problem: p } });
          return;
        }
        patch({ importFile: { name, text, info }, importProperty: info.properties[0]!.name, importCrs: 'auto' });
      } catch (err) {
        patch({ importFile: null, importError: importErrorOf(name, err) });
      }
    },
    setImportChoice: (p) => {
      const c = get().carbon;
      patch({ importProperty: p.property ?? c.importProperty, importCrs: p.crs ?? c.importCrs });
    },
    showImportedCarbon: async () => {
      const c = get().carbon;
      const frame = get().frame;
      if (!c.importFile || !c.importProperty || !frame) return;
      const { name, text, info } = c.importFile;
      const property = c.importProperty;
      const crs = c.importCrs === 'auto' ? undefined : c.importCrs;
      patch({ importError: null });
      try {
        const layer = await client.importFile(text, info.format, property, crs, frame);
        patch({ imported: { ...layer, name }, importVisible: true });
      } catch (err) {
        patch({ importError: importErrorOf(name, err) });
      }
    },
    removeImportedCarbon: () => patch({ imported: null, importFile: null, importError: null }),
    setImportVisible: (importVisible) => patch({ importVisible }),
    removeExtraGreen: (index) => {
      const c = get().carbon;
      patch({ params: { ...c.params, extraGreen: (c.params.extraGreen ?? []).filter((_, i) => i !== index) } });
    },
  };
};
