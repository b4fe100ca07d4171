/**
 * The sun: its position from a date, a time and a place (NOAA's equations, position.ts), solstices and
 * equinoxes and a place's standard clock (seasons.ts), and the unit vector towards it in the local frame.
 * Angles in degrees (azimuth from north, clockwise); time as UTC milliseconds or hours of a day (true
 * solar time or standard clock time: each function says which). Pure: no DOM, no three.
 */
export { dateMs, dateOf, fromHourAngle, julianCentury, sunAngles, sunPosition, trueSolarHours, utcOfClockTime, utcOfSolarTime } from './position.ts';
export type { SunAngles, SunPosition } from './position.ts';
export { SEASONS, seasonDate, seasonInstant, standardUtcOffset } from './seasons.ts';
export type { Season } from './seasons.ts';

const DEG = Math.PI / 180;

/** Unit vector towards the sun in the local frame: x east, y north, z up. */
export function sunDirection(azimuth: number, elevation: number): [number, number, number] {
  const c = Math.cos(elevation * DEG);
  return [Math.sin(azimuth * DEG) * c, Math.cos(azimuth * DEG) * c, Math.sin(elevation * DEG)];
}
