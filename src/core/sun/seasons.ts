/**
 * Solstices and equinoxes (the instants the sun's apparent longitude reaches 0°, 90°, 180°, 270°, found
 * by bisection on NOAA's longitude, position.ts), and the clock of a place: its standard time's offset
 * from UTC (daylight saving is not applied: the study's clock is standard time).
 */
import { PROFILES, profileAt } from '../profile/index.ts';
import { dateOf, sunAngles } from './position.ts';

export type Season = 'march-equinox' | 'june-solstice' | 'september-equinox' | 'december-solstice';
export const SEASONS: readonly Season[] = ['march-equinox', 'june-solstice', 'september-equinox', 'december-solstice'];

const LONGITUDE: Readonly<Record<Season, number>> = { 'march-equinox': 0, 'june-solstice': 90, 'september-equinox': 180, 'december-solstice': 270 };
/** Days (from 1 January) bracketing each event: the sun moves ~0.986° of longitude a day. */
const SEARCH_DAYS: Readonly<Record<Season, readonly [number, number]>> = {
  'march-equinox': [70, 90], 'june-solstice': [160, 183], 'september-equinox': [256, 276], 'december-solstice': [345, 365],
};

/** The UTC instant (ms) of a season's start in a year, to about a second. */
export function seasonInstant(year: number, season: Season): number {
  const start = Date.UTC(year, 0, 1);
  let lo = start + SEARCH_DAYS[season][0] * 86_400_000;
  let hi = start + SEARCH_DAYS[season][1] * 86_400_000;
  const target = LONGITUDE[season];
  // Signed distance from the target longitude, in (-180, 180]; it increases through the search days.
  const ahead = (ms: number): number => ((sunAngles(ms).longitude - target + 540) % 360) - 180;
  for (let i = 0; i < 50 && hi - lo > 500; i++) {
    const mid = (lo + hi) / 2;
    if (ahead(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The civil date (YYYY-MM-DD) of a season's start in a zone `utcOffsetHours` ahead of UTC. */
export function seasonDate(year: number, season: Season, utcOffsetHours: number): string {
  return dateOf(seasonInstant(year, season), utcOffsetHours);
}

/**
 * Standard time's offset from UTC, hours, at lon/lat: the offset of the city profile the place matches
 * (`utcOffsetHours`, with its source: UTC+9 for Korea, UTC+1 for Monaco); elsewhere the nautical zone
 * of the longitude (round(lon / 15)).
 */
export function standardUtcOffset(lon: number, lat: number): number {
  const p = profileAt(lon, lat);
  // + 0: west of Greenwich round() gives -0, which is not a zone.
  return p.matched ? PROFILES[p.id].utcOffsetHours.value : Math.round(lon / 15) + 0;
}
