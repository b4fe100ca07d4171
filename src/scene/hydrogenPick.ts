// Where the hydrogen layer draws a solved result, read from the store (the layer and the test hooks
// share it): stations and sources in the viewer's frame, and each station marker's size.
import { useStore } from '../store/index.ts';
import type { AppState } from '../store/types.ts';
import type { HydrogenSolution } from '../core/hydrogen/index.ts';
import { type Placement, type Rect, placeSolution, stationMarker } from './hydrogenGeometry.ts';

export interface HydrogenScene {
  readonly solution: HydrogenSolution;
  readonly placement: Placement;
  readonly markers: readonly { readonly height: number; readonly radius: number }[];
}

/** The map's rectangle (the first loaded layer's bounds), local metres. */
export function mapRect(s: Pick<AppState, 'layers'>): Rect | null {
  const b = s.layers.find((l) => l.data)?.data?.data.bounds;
  return b ? [b[0], b[1], b[3], b[4]] : null;
}

/** The drawn result, or null when there is none for the city shown. */
export function hydrogenScene(solution: HydrogenSolution | null | undefined, frame: AppState['frame'], resultFrame: AppState['frame'], rect: Rect | null): HydrogenScene | null {
  if (!solution || !rect || !frame || frame !== resultFrame) return null;
  const maxDemand = Math.max(0, ...solution.stations.map((s) => s.demandKgPerDay));
  const maxCap = Math.max(0, ...solution.stations.map((s) => s.capacityKgPerDay));
  return {
    solution,
    placement: placeSolution(solution, frame, rect),
    markers: solution.stations.map((s) => stationMarker(s.demandKgPerDay, maxDemand, s.capacityKgPerDay, maxCap)),
  };
}

/** Top centre of a station marker (local x, y and height z), for tests and fly-to. */
export function hydrogenStationTop(featureId: number): [number, number, number] | null {
  const s = useStore.getState();
  const scene = hydrogenScene(s.hydrogen.result?.solution, s.frame, s.hydrogen.frame, mapRect(s));
  const p = scene?.placement.stations[featureId];
  const m = scene?.markers[featureId];
  return p && m ? [p[0], p[1], m.height] : null;
}
