// The sun's position (NOAA's equations) against hand values, published solstice/equinox instants and an
// independent implementation (suncalc, which follows Meeus through a different route: right ascension and
// sidereal time).
import { describe, expect, it } from 'vitest';
import * as SunCalc from 'suncalc';
import { PROFILES } from '../../../src/core/profile/index.ts';
import { dateMs, seasonDate, seasonInstant, standardUtcOffset, sunAngles, sunDirection, sunPosition, trueSolarHours, utcOfSolarTime } from '../../../src/core/sun/index.ts';

const SEOUL = { lon: 126.978, lat: 37.5665 };

describe('sun position', () => {
  it('stands due south at true solar noon, at 90° − latitude + declination (winter solstice, Seoul)', () => {
    const noon = utcOfSolarTime('2025-12-22', 12, SEOUL.lon);
    const p = sunPosition(noon, SEOUL.lon, SEOUL.lat);
    expect(p.azimuth).toBeCloseTo(180, 3);
    // Hand: declination at the December solstice is −(obliquity) ≈ −23.436°, so 90 − 37.5665 − 23.436 ≈ 28.997°.
    expect(p.declination).toBeCloseTo(-23.436, 2);
    expect(p.elevation).toBeCloseTo(90 - SEOUL.lat + p.declination, 9);
    expect(p.elevation).toBeCloseTo(28.997, 2);
    expect(trueSolarHours(noon, SEOUL.lon)).toBeCloseTo(12, 6);
  });

  it('agrees with suncalc within 0.05° above 15° elevation (refraction is under 0.06° there)', () => {
    const places = [SEOUL, { lon: 7.4246, lat: 43.7384 }, { lon: -70.6, lat: -33.45 }];
    let checked = 0;
    for (const place of places) {
      for (const iso of ['2025-12-22T03:00:00Z', '2025-06-21T04:30:00Z', '2025-03-20T12:00:00Z', '2026-09-23T16:00:00Z', '2024-02-11T10:00:00Z']) {
        const t = Date.parse(iso);
        const mine = sunPosition(t, place.lon, place.lat);
        const ref = SunCalc.getPosition(new Date(t), place.lat, place.lon);
        if (ref.altitude < 15) continue;
        checked++;
        expect(Math.abs(mine.elevation - ref.altitude), `${iso} at ${place.lat}`).toBeLessThan(0.08);
        const dAz = Math.abs(((mine.azimuth - ref.azimuth + 540) % 360) - 180);
        expect(dAz, `${iso} azimuth at ${place.lat}`).toBeLessThan(0.05 / Math.cos((mine.elevation * Math.PI) / 180) + 0.02);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('gives the equation of time of the almanac (≈ +16.4 min early November, ≈ −14.2 min mid-February)', () => {
    expect(sunAngles(Date.parse('2025-11-03T12:00:00Z')).equationOfTimeMin).toBeCloseTo(16.4, 0);
    expect(sunAngles(Date.parse('2025-02-11T12:00:00Z')).equationOfTimeMin).toBeCloseTo(-14.2, 0);
  });

  it('finds solstices and equinoxes within 15 minutes of the published instants (USNO, 2025; NOAA longitude is good to ~0.01°, a quarter hour of the sun motion)', () => {
    const near = (ms: number, iso: string): void => expect(Math.abs(ms - Date.parse(iso)) / 60_000, iso).toBeLessThan(15);
    near(seasonInstant(2025, 'march-equinox'), '2025-03-20T09:01:00Z');
    near(seasonInstant(2025, 'june-solstice'), '2025-06-21T02:42:00Z');
    near(seasonInstant(2025, 'september-equinox'), '2025-09-22T18:19:00Z');
    near(seasonInstant(2025, 'december-solstice'), '2025-12-21T15:03:00Z');
    // 15:03 UTC is 00:03 on the 22nd in Korea, still the 21st in Monaco.
    expect(seasonDate(2025, 'december-solstice', standardUtcOffset(SEOUL.lon, SEOUL.lat))).toBe('2025-12-22');
    expect(seasonDate(2025, 'december-solstice', standardUtcOffset(7.4246, 43.7384))).toBe('2025-12-21');
  });

  it('takes standard time from the city profile the place matches, else from the longitude', () => {
    expect(standardUtcOffset(SEOUL.lon, SEOUL.lat)).toBe(PROFILES.KR.utcOffsetHours.value);
    expect(standardUtcOffset(SEOUL.lon, SEOUL.lat)).toBe(9);
    expect(standardUtcOffset(7.4246, 43.7384)).toBe(PROFILES.MC.utcOffsetHours.value);
    expect(standardUtcOffset(7.4246, 43.7384)).toBe(1);
    // Outside both profiles: the nautical zone, round(lon / 15): New York -5, Tokyo +9, London 0.
    expect(standardUtcOffset(-74.006, 40.7128)).toBe(-5);
    expect(standardUtcOffset(139.6917, 35.6895)).toBe(9);
    expect(standardUtcOffset(-0.1276, 51.5072)).toBe(0);
  });

  it('points the direction vector at the sun and rejects bad dates by name', () => {
    const [x, y, z] = sunDirection(90, 30);
    expect(x).toBeCloseTo(Math.cos(Math.PI / 6), 12);
    expect(y).toBeCloseTo(0, 12);
    expect(z).toBeCloseTo(0.5, 12);
    expect(() => dateMs('2025-02-30')).toThrow("not a date (YYYY-MM-DD): '2025-02-30'");
  });
});
