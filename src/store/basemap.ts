// The basemap slice: which source the ground under the city is drawn from (remembered in the browser;
// `?basemap=` in a link chooses one for that visit), and how its tiles are loading.
import type { StateCreator } from 'zustand';
import { type BasemapSetting, DATA_GROUND, BasemapParamError, parseBasemapParam, settingFromJson } from '../core/basemap/index.ts';
import type { AppState } from './types.ts';

const BASEMAP_KEY = 'citytwin.basemap';

export interface BasemapTiles {
  /** Tiles asked for by the current source and view. */
  readonly wanted: number;
  readonly loaded: number;
  readonly failed: number;
}

export interface BasemapSlice {
  basemap: BasemapSetting;
  /** A `?basemap=` that could not be read: the value and why (the remembered choice is used instead). */
  basemapParamError: string | null;
  basemapTiles: BasemapTiles;
  /** Chooses the basemap source; remembered in this browser. */
  setBasemap(setting: BasemapSetting): void;
  /** The scene reports its tile counts (for the control's status line and tests). */
  setBasemapTiles(tiles: BasemapTiles): void;
}

function remembered(): BasemapSetting {
  try {
    return settingFromJson(globalThis.localStorage?.getItem(BASEMAP_KEY));
  } catch {
    return DATA_GROUND;
  }
}

/** The setting to start with: `?basemap=` when the page has one, else the remembered one, else the data ground. */
export function initialBasemap(search: string | undefined): { setting: BasemapSetting; error: string | null } {
  const param = search !== undefined ? new URLSearchParams(search).get('basemap') : null;
  if (param !== null) {
    try {
      return { setting: parseBasemapParam(param), error: null };
    } catch (err) {
      return { setting: remembered(), error: err instanceof BasemapParamError ? err.message : String(err) };
    }
  }
  return { setting: remembered(), error: null };
}

export const createBasemapSlice: StateCreator<AppState, [], [], BasemapSlice> = (set) => {
  const start = initialBasemap(typeof location !== 'undefined' ? location.search : undefined);
  return {
    basemap: start.setting,
    basemapParamError: start.error,
    basemapTiles: { wanted: 0, loaded: 0, failed: 0 },
    setBasemap: (basemap) => {
      try {
        globalThis.localStorage?.setItem(BASEMAP_KEY, JSON.stringify(basemap));
      } catch {
        // not remembered (storage unavailable), still switched
      }
      set({ basemap, basemapParamError: null });
    },
    setBasemapTiles: (basemapTiles) => set({ basemapTiles }),
  };
};
