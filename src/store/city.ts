// Opening a new city: the one action every path that replaces the city calls (a far-away layer, a
// synthetic city, a far-away TNTP network), so no slice is forgotten. It removes the old city's layers,
// forgets what every model knew of it (traffic, carbon with the profile chosen for it, hydrogen, the
// scenarios with their history and cached results) and what was selected in it, and places the city.
import type { StateCreator } from 'zustand';
import type { LocalFrame } from '../core/geo/index.ts';
import type { AppState } from './types.ts';
import { type AskSlice, createAskActions } from './ask.ts';
import { BUILTIN_CITIES, type BuiltinCityId, shownBuiltinCity } from './builtinCities.ts';

/** The city slice asks before a file replaces the city (and keeps the city replaced): ask.ts. */
export interface CitySlice extends AskSlice {
  /**
   * Opens a new city: every layer but `keep` is removed, every model's state (traffic, carbon — its chosen
   * profile back to null —, hydrogen, scenarios) goes back to its initial state, the selection and panels of
   * the old city's features close, and the city is placed in `frame` (null: the next layer loaded places it).
   * Tilesets stay: they are placed by their own coordinates.
   */
  openCity(frame: LocalFrame | null, keep?: string): void;
  /** Opens a built-in city (Monaco, Yeouido) in place of the one shown: buildings first (they place it), then green areas and roads. Nothing when it is already shown. */
  openBuiltinCity(id: BuiltinCityId): Promise<void>;
}

export const createCitySlice: StateCreator<AppState, [], [], CitySlice> = (set, get) => ({
  ...createAskActions(set, get),
  openCity: (frame, keep) => {
    for (const l of get().layers) if (l.id !== keep) get().removeLayer(l.id);
    const s = get();
    s.resetTraffic();
    s.resetCarbon();
    s.resetHydrogen();
    // A layer kept (a new city's first layer, loaded again) has new features: nothing of the old one stays picked or open.
    const old = (id: string | null | undefined): boolean => id !== null && id !== undefined && get().layers.some((l) => l.id === id);
    set((st) => ({
      selected: old(st.selected?.layerId) ? null : st.selected,
      hovered: old(st.hovered?.layerId) ? null : st.hovered,
      mappingLayer: st.mappingLayer !== null && st.layers.every((l) => l.id !== st.mappingLayer) ? null : st.mappingLayer,
      skippedOpen: st.skippedOpen !== null && st.layers.every((l) => l.id !== st.skippedOpen) ? null : st.skippedOpen,
    }));
    // Last: resetting the models' edits above is seen as scenario edits; the scenarios are forgotten after them.
    s.resetScenarios();
    if (frame) s.setFrame(frame);
    else s.clearFrame();
  },
  openBuiltinCity: async (id) => {
    if (shownBuiltinCity(get())?.id === id) return;
    const city = BUILTIN_CITIES[id];
    get().openCity(null);
    const { loadLayer } = get();
    await loadLayer({ id: 'buildings', kind: 'buildings', url: city.buildings, name: { key: 'layer.buildings' }, attribution: 'osm' });
    await loadLayer({ id: 'green', kind: 'green', url: city.green, name: { key: 'layer.green' }, attribution: 'osm' });
    await loadLayer({ id: 'roads', kind: 'roads', url: city.roads, name: { key: 'layer.roads' }, attribution: 'osm' });
  },
});
