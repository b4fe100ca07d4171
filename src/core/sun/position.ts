/**
 * Where the sun is: NOAA's solar position equations (the NOAA Global Monitoring Laboratory's Solar
 * Calculator, gml.noaa.gov/grad/solcalc/calcdetails.html, after J. Meeus, "Astronomical Algorithms",
 * 2nd ed., 1998, ch. 25 and 28). Good to about 0.01° in declination and a few seconds in the equation of
 * time for years 1800–2100, far below what a shadow map or a 10-minute step can show.
 *
 * Units: time as UTC milliseconds since 1970 (JavaScript epoch); angles in degrees. Azimuth is measured
 * from north, clockwise (east 90°, south 180°); elevation from the horizon, geometric (no atmospheric
 * refraction: it lifts the sun by at most ~0.5° at the horizon and by under 0.1° above 10°).
 * True (apparent) solar time is the sun's hour angle + 12 h: 12:00 is when the sun crosses the meridian.
 */

const DEG = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
/** Julian day of 1970-01-01T00:00Z. */
const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian day of J2000.0 (2000-01-01T12:00 TT, taken as UTC here: ΔT of ~70 s moves the sun 0.0008°). */
const JD_J2000 = 2_451_545;

export interface SunAngles {
  /** Apparent ecliptic longitude of the sun, degrees 0–360 (270 at the December solstice). */
  readonly longitude: number;
  /** Declination, degrees. */
  readonly declination: number;
  /** Equation of time: true solar time minus mean solar time, minutes. */
  readonly equationOfTimeMin: number;
}

export interface SunPosition {
  /** Degrees from north, clockwise. */
  readonly azimuth: number;
  /** Degrees above the horizon (negative below). */
  readonly elevation: number;
  /** Hour angle, degrees (negative before solar noon). */
  readonly hourAngle: number;
  readonly declination: number;
}

const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** Julian centuries since J2000.0 of a UTC instant. */
export function julianCentury(utcMs: number): number {
  return (utcMs / MS_PER_DAY + JD_UNIX_EPOCH - JD_J2000) / 36_525;
}

/** Declination, apparent longitude and equation of time at a UTC instant (NOAA, after Meeus). */
export function sunAngles(utcMs: number): SunAngles {
  const t = julianCentury(utcMs);
  const l0 = mod(280.46646 + t * (36_000.76983 + t * 0.0003032), 360); // geometric mean longitude
  const m = 357.52911 + t * (35_999.05029 - 0.0001537 * t); // mean anomaly
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t); // orbit eccentricity
  const c = Math.sin(m * DEG) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * DEG) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * DEG) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * DEG); // apparent longitude
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const eps = eps0 + 0.00256 * Math.cos(omega * DEG); // corrected obliquity
  const declination = Math.asin(Math.sin(eps * DEG) * Math.sin(lambda * DEG)) / DEG;
  const y = Math.tan((eps / 2) * DEG) ** 2;
  const l2 = 2 * l0 * DEG;
  const mr = m * DEG;
  const eot = y * Math.sin(l2) - 2 * e * Math.sin(mr) + 4 * e * y * Math.sin(mr) * Math.cos(l2) - 0.5 * y * y * Math.sin(2 * l2) - 1.25 * e * e * Math.sin(2 * mr);
  return { longitude: mod(lambda, 360), declination, equationOfTimeMin: (4 * eot) / DEG };
}

/** True solar time at a longitude (degrees east), hours 0–24, of a UTC instant. */
export function trueSolarHours(utcMs: number, lon: number): number {
  const minutes = mod(utcMs, MS_PER_DAY) / 60_000;
  return mod(minutes + sunAngles(utcMs).equationOfTimeMin + 4 * lon, 1440) / 60;
}

/** The sun seen from lon/lat (degrees) at a UTC instant. */
export function sunPosition(utcMs: number, lon: number, lat: number): SunPosition {
  const a = sunAngles(utcMs);
  const tst = mod(mod(utcMs, MS_PER_DAY) / 60_000 + a.equationOfTimeMin + 4 * lon, 1440);
  const hourAngle = tst / 4 - 180;
  return fromHourAngle(hourAngle, a.declination, lat);
}

/** Azimuth and elevation from the hour angle, declination and latitude (spherical astronomy). */
export function fromHourAngle(hourAngle: number, declination: number, lat: number): SunPosition {
  const h = hourAngle * DEG;
  const d = declination * DEG;
  const p = lat * DEG;
  const sinEl = Math.sin(p) * Math.sin(d) + Math.cos(p) * Math.cos(d) * Math.cos(h);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinEl))) / DEG;
  // Azimuth from south measured westward is atan2(sin H, cos H sin φ − tan δ cos φ); +180 turns it to from-north.
  const azimuth = mod(Math.atan2(Math.sin(h), Math.cos(h) * Math.sin(p) - Math.tan(d) * Math.cos(p)) / DEG + 180, 360);
  return { azimuth, elevation, hourAngle, declination };
}

/**
 * The UTC instant at which true solar time at `lon` is `hours` on the civil date `date` (YYYY-MM-DD,
 * taken as the date at that longitude). Two fixed-point steps settle the equation of time (it changes
 * by under 30 s a day).
 */
export function utcOfSolarTime(date: string, hours: number, lon: number): number {
  const day = dateMs(date);
  let ms = day + (hours - lon / 15) * 3_600_000;
  for (let i = 0; i < 2; i++) ms = day + (hours - lon / 15) * 3_600_000 - sunAngles(ms).equationOfTimeMin * 60_000;
  return ms;
}

/** The UTC instant of a clock time `hours` on `date` in a zone `utcOffsetHours` ahead of UTC. */
export function utcOfClockTime(date: string, hours: number, utcOffsetHours: number): number {
  return dateMs(date) + (hours - utcOffsetHours) * 3_600_000;
}

/** Midnight UTC of a YYYY-MM-DD date; throws a RangeError naming the text for anything else. */
export function dateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date (YYYY-MM-DD): '${date}'`);
  return ms;
}

/** YYYY-MM-DD of a UTC instant shifted by `utcOffsetHours`. */
export function dateOf(utcMs: number, utcOffsetHours: number): string {
  return new Date(utcMs + utcOffsetHours * 3_600_000).toISOString().slice(0, 10);
}
