// Which loaded layer feeds each model input (buildings, roads, green areas, districts, stations), with
// its property mapping. A role with no layer chosen falls back to the first ready layer of the matching
// kind (the embedded city's). Changing an input makes the models read the city again.
import type { StateCreator } from 'zustand';
import type { InputMapping, InputRole } from '../core/layerinput/index.ts';
import type { LayerSource } from '../core/layerinput/read.ts';
import type { AppState, InputsSlice, LayerState } from './types.ts';

/** The layer kind that plays a role when the user has not chosen one. */
const DEFAULT_KIND: Partial<Record<InputRole, LayerState['kind']>> = { buildings: 'buildings', roads: 'roads', green: 'green', stations: 'points' };

/** How a model worker finds a layer: URL, the file name that tells its format, its CRS, and its mapping. */
export function sourceOf(layer: LayerState, mapping?: InputMapping): LayerSource {
  const crs = layer.data?.crs?.code;
  return {
    url: layer.source,
    ...(layer.fileName !== undefined ? { fileName: layer.fileName } : {}),
    ...(crs !== undefined ? { crs } : {}),
    ...(mapping ? { mapping } : {}),
  };
}

/** The layer (and mapping) a model reads for `role`, or undefined when there is none ready. */
export function inputLayer(s: Pick<AppState, 'layers' | 'inputs'>, role: InputRole): { layer: LayerState; source: LayerSource } | undefined {
  const chosen = s.inputs[role];
  if (chosen) {
    const layer = s.layers.find((l) => l.id === chosen.layerId && l.status === 'ready');
    if (layer) return { layer, source: sourceOf(layer, chosen.mapping) };
  }
  const kind = DEFAULT_KIND[role];
  // A layer the user gave another role does not stand in for its kind's default.
  const taken = new Set(Object.values(s.inputs).map((i) => i?.layerId));
  const layer = kind ? s.layers.find((l) => l.kind === kind && l.status === 'ready' && !taken.has(l.id)) : undefined;
  return layer ? { layer, source: sourceOf(layer) } : undefined;
}

export const createInputsSlice: StateCreator<AppState, [], [], InputsSlice> = (set) => ({
  inputs: {},
  mappingLayer: null,
  openMapping: (mappingLayer) => set({ mappingLayer }),
  setInput: (layerId, mapping) =>
    set((s) => {
      const inputs = { ...s.inputs };
      // A layer plays one role at a time; a role has one layer.
      for (const role of Object.keys(inputs) as InputRole[]) if (inputs[role]?.layerId === layerId) delete inputs[role];
      inputs[mapping.role] = { layerId, mapping };
      return { inputs, ...modelsReadAgain(s) };
    }),
  clearInput: (role) =>
    set((s) => {
      const inputs = { ...s.inputs };
      delete inputs[role];
      return { inputs, ...modelsReadAgain(s) };
    }),
});

/** The traffic network and the carbon model's city are rebuilt from the new inputs on their next run. */
function modelsReadAgain(s: AppState): Pick<AppState, 'traffic' | 'carbon'> {
  return {
    traffic: { ...s.traffic, tntp: null, status: 'idle', view: null, ribbons: null, index: null, result: null, baseline: null, progress: null, error: null },
    carbon: { ...s.carbon, prepared: false, status: 'idle', result: null, baseline: null, error: null },
  };
}
