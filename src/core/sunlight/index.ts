/**
 * Sunlight access (일조 분석): buildings as prisms (footprints extruded from the ground, metres in the
 * local frame) walked by sun rays through a uniform grid (prisms.ts), and the study of hours of direct
 * sun per ground point over a day against the Korean courts' criterion (study.ts), and GeoJSON input
 * (geojson.ts). Imports core/sun and core/geo; pure and deterministic.
 */
export { PrismBuilder, PrismGrid, roofPrisms, tallest } from './prisms.ts';
export type { Prisms } from './prisms.ts';
export {
  CONTINUOUS_HOURS_REQUIRED, CONTINUOUS_WINDOW_MIN, INSIDE_BUILDING, PASSES_CONTINUOUS, PASSES_TOTAL, STEP_CHOICES,
  CRITERION_SOURCES, TOTAL_HOURS_REQUIRED, TOTAL_WINDOW_MIN, checkOptions, gridPoints, sunSamples, sunlightStudy,
} from './study.ts';
export type { SunClock, SunSample, SunlightOptions, SunlightResult } from './study.ts';
export { SunlightInputError, readSunlightInput } from './geojson.ts';
export type { SunlightInput } from './geojson.ts';
