// The store's slices (zustand slices pattern): plain state and the actions that change it.
import type { StateCreator } from 'zustand';
import { type Language, isLanguage } from '../core/language/index.ts';
import type { AppState, JobsSlice, LayerState, LayersSlice, SelectionSlice, UiSlice } from './types.ts';

type Slice<T> = StateCreator<AppState, [], [], T>;

/** The layer with an optional member set, or removed when `value` is null. */
function withOptional<K extends 'style' | 'extrude' | 'pointSize' | 'hiddenParts'>(layer: LayerState, key: K, value: LayerState[K] | null): LayerState {
  if (value !== null && value !== undefined) return { ...layer, [key]: value };
  const copy: LayerState = { ...layer };
  delete (copy as { -readonly [P in K]?: LayerState[P] })[key];
  return copy;
}

export const createLayersSlice: Slice<LayersSlice> = (set) => ({
  layers: [],
  frame: null,
  upsertLayer: (layer) =>
    set((s) => {
      const i = s.layers.findIndex((l) => l.id === layer.id);
      if (i < 0) return { layers: [...s.layers, layer] };
      const layers = s.layers.slice();
      layers[i] = layer;
      return { layers };
    }),
  patchLayer: (id, patch) => set((s) => ({ layers: s.layers.map((l) => (l.id === id ? { ...l, ...patch } : l)) })),
  setVisible: (id, visible) => set((s) => ({ layers: s.layers.map((l) => (l.id === id ? { ...l, visible } : l)) })),
  setPartVisible: (id, kind, visible) =>
    set((s) => ({
      layers: s.layers.map((l) => {
        if (l.id !== id) return l;
        const hidden = (l.hiddenParts ?? []).filter((k) => k !== kind);
        if (!visible) hidden.push(kind);
        return withOptional(l, 'hiddenParts', hidden.length > 0 ? hidden : null);
      }),
    })),
  setOpacity: (id, opacity) =>
    set((s) => ({ layers: s.layers.map((l) => (l.id === id ? { ...l, opacity: Math.min(1, Math.max(0, opacity)) } : l)) })),
  removeLayer: (id) =>
    set((s) => ({
      layers: s.layers.filter((l) => l.id !== id),
      inputs: Object.fromEntries(Object.entries(s.inputs).filter(([, v]) => v?.layerId !== id)),
      tableLayer: s.tableLayer === id ? null : s.tableLayer,
      selected: s.selected?.layerId === id ? null : s.selected,
      hovered: s.hovered?.layerId === id ? null : s.hovered,
    })),
  setFrame: (frame) => set({ frame }),
  clearFrame: () => set({ frame: null }),
  setLayerStyle: (id, style) => set((s) => ({ layers: s.layers.map((l) => (l.id === id ? withOptional(l, 'style', style) : l)) })),
  setExtrusion: (id, extrude) => set((s) => ({ layers: s.layers.map((l) => (l.id === id ? withOptional(l, 'extrude', extrude) : l)) })),
  setPointSize: (id, size) => set((s) => ({ layers: s.layers.map((l) => (l.id === id ? withOptional(l, 'pointSize', size) : l)) })),
  renameLayer: (id, name) => {
    const text = name.trim();
    if (text === '') return;
    set((s) => ({ layers: s.layers.map((l) => (l.id === id ? { ...l, name: { text } } : l)) }));
  },
  moveLayer: (id, step) =>
    set((s) => {
      const i = s.layers.findIndex((l) => l.id === id);
      const j = i + step;
      if (i < 0 || j < 0 || j >= s.layers.length) return {};
      const layers = s.layers.slice();
      [layers[i], layers[j]] = [layers[j]!, layers[i]!];
      return { layers };
    }),
  tableLayer: null,
  openTable: (tableLayer) => set({ tableLayer }),
});

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  hovered: null,
  selected: null,
  setHovered: (ref) => {
    const h = get().hovered;
    if (h === ref || (h && ref && h.layerId === ref.layerId && h.featureId === ref.featureId)) return;
    set({ hovered: ref });
  },
  select: (ref) => set({ selected: ref }),
});

const LANGUAGE_KEY = 'citytwin.language';

/** The remembered language, else the browser's preference (Korean when it asks for Korean), else Korean. */
export function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage may be unavailable (privacy mode); fall through
  }
  const nav = globalThis.navigator?.language ?? 'ko';
  return nav.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

let noticeSeq = 0;

export const createUiSlice: Slice<UiSlice> = (set) => ({
  language: initialLanguage(),
  notices: [],
  skippedOpen: null,
  // `?detail=full` starts with every building drawn at every distance.
  farDetail: typeof location !== 'undefined' && new URLSearchParams(location.search).get('detail') === 'full' ? 'full' : 'adaptive',
  setFarDetail: (farDetail) => set({ farDetail }),
  setLanguage: (language) => {
    try {
      globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
    if (globalThis.document) globalThis.document.documentElement.lang = language;
    set({ language });
  },
  notify: (level, key, params) =>
    set((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeSeq, level, key, ...(params ? { params } : {}) }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  dismissKeys: (keys) => set((s) => ({ notices: s.notices.filter((n) => !keys.includes(n.key)) })),
  openSkipped: (skippedOpen) => set({ skippedOpen }),
});

export const createJobsSlice: Slice<JobsSlice> = (set) => ({
  jobs: [],
  startJob: (job) => set((s) => ({ jobs: [...s.jobs.filter((j) => j.id !== job.id), job] })),
  updateJob: (id, patch) => set((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) })),
  endJob: (id) => set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) })),
});
