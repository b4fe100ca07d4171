// Colours of the base map (sRGB hex). The legend in the UI reads the same table.
import { ROAD_CLASSES } from '../core/geo/index.ts';

export const BUILDING_COLOR = '#e9e4da';
/**
 * Buildings whose height is an estimate: a cooler, darker blue-grey, far enough from the warm light grey
 * of heights from data to be told apart with any colour vision (CIEDE2000 ≥ 10 in tests/scene/colours.test.ts,
 * where the old '#c9ced6' gave about 10.4).
 */
export const BUILDING_ESTIMATED_COLOR = '#a7b3c4';
export const GREEN_COLOR = '#9cc68a';
/** Flat polygon layers a user loads (districts, zones, parcels…). */
export const AREA_COLOR = '#8fa9c9';
/** Point markers a user loads (stations, sensors, sites). */
export const POINT_COLOR = '#7b3fbf';
export const GROUND_COLOR = '#d9d6cf';
export const BACKGROUND_COLOR = '#b9c7d3';
export const HOVER_COLOR = '#4da3ff';
export const SELECT_COLOR = '#ff7a1a';

/** Road colours by class, in ROAD_CLASSES order. */
export const ROAD_COLORS: Readonly<Record<string, string>> = {
  motorway: '#e4572e',
  trunk: '#f28e2b',
  primary: '#f6c244',
  secondary: '#f3e07a',
  tertiary: '#ffffff',
  residential: '#fbfbf8',
  service: '#f1efe9',
  pedestrian: '#e5dcd0',
  footway: '#d4b9a6',
  other: '#cfcac2',
};

export function roadColor(cls: number): string {
  return ROAD_COLORS[ROAD_CLASSES[cls]?.key ?? 'other'] ?? '#cccccc';
}
