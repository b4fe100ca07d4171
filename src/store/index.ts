/**
 * The one application store (zustand, built from slices): layers, selection, UI (language, notices),
 * jobs, and the ingest actions that drive the workers. React reads it with `useStore(selector)`;
 * scene code that runs every frame reads `useStore.getState()`.
 */
import { create } from 'zustand';
import { createIngestSlice } from './ingest.ts';
import { createTrafficSlice } from './traffic.ts';
import { createCarbonSlice } from './carbon.ts';
import { createInputsSlice } from './inputs.ts';
import { createHydrogenSlice } from './hydrogen.ts';
import { createSunSlice } from './sun.ts';
import { createTilesSlice } from './tiles.ts';
import { createScenarioSlice, watchScenarioEdits } from './scenario.ts';
import { createCitySlice } from './city.ts';
import { createBasemapSlice } from './basemap.ts';
import { createJobsSlice, createLayersSlice, createSelectionSlice, createUiSlice } from './slices.ts';
import type { AppState } from './types.ts';

export const useStore = create<AppState>()((...a) => ({
  ...createLayersSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createJobsSlice(...a),
  ...createIngestSlice(...a),
  ...createTrafficSlice(...a),
  ...createCarbonSlice(...a),
  ...createInputsSlice(...a),
  ...createHydrogenSlice(...a),
  ...createSunSlice(...a),
  ...createTilesSlice(...a),
  ...createScenarioSlice(...a),
  ...createCitySlice(...a),
  ...createBasemapSlice(...a),
}));

// Every change of the models' edits is a step of the scenario's history (undo/redo).
useStore.subscribe(watchScenarioEdits);

export { DEFAULT_CITY } from './ingest.ts';
export { inputLayer, sourceOf } from './inputs.ts';
export { BASELINE_ID, cityOf, entryScenario, resultKey, scenarioOf } from './scenario.ts';
export type { PipelineState, ScenarioEntry, ViewerPipelineResult } from './scenario.ts';
export type { AppState, CarbonState, Extrusion, FeatureRef, Job, LayerState, LayerStatus, Notice, PointSize, TrafficState } from './types.ts';
export { shownSun, sunPlace } from './sun.ts';
export type { SunState, SunlightStudyState } from './sun.ts';
