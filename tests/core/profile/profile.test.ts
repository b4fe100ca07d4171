import { describe, expect, it } from 'vitest';
import { resolveFactors } from '../../../src/core/carbon/model/index.ts';
import { PROFILES, profileAssumptions, profileAt } from '../../../src/core/profile/index.ts';
import { buildRoadNetwork, untaggedSpeedKmh, carRoadClass } from '../../../src/core/traffic/osm/index.ts';

describe('city profiles', () => {
  it('match a city by where it lies, Korea when nothing matches', () => {
    expect(profileAt(7.42, 43.73)).toEqual({ id: 'MC', matched: true }); // Monaco
    expect(profileAt(126.924, 37.525)).toEqual({ id: 'KR', matched: true }); // Yeouido, Seoul
    expect(profileAt(129.07, 35.18)).toEqual({ id: 'KR', matched: true }); // Busan
    expect(profileAt(2.35, 48.85)).toEqual({ id: 'KR', matched: false }); // Paris: no profile, said so
  });

  it('give the carbon model its defaults: Korea 0.4173 t/MWh, Monaco the French grid; gas on gross calorific value', () => {
    const kr = resolveFactors({ profile: 'KR' });
    expect(kr.gridTPerMWh).toBe(0.4173);
    expect(kr.region).toBe('central');
    expect(kr.gasTPerMWh).toBeCloseTo(0.056_1 * 3.6 * 0.9, 12); // 56.1 t/TJ (NCV) × 3.6 GJ/MWh × NCV/GCV 0.9
    const mc = resolveFactors({ profile: 'MC' });
    expect(mc.gridTPerMWh).toBe(0.055);
    expect(mc.region).toBe('south');
    // An override still wins over the profile, and says so.
    const o = resolveFactors({ profile: 'MC', gridTPerMWh: 0.1 });
    expect(o.gridTPerMWh).toBe(0.1);
    expect(o.overridden).toContain('building.factor.electricity');
  });

  it('list every figure with a source', () => {
    for (const p of Object.values(PROFILES)) {
      const rows = profileAssumptions(p);
      expect(rows.map((r) => r.key)).toEqual(['profile.id', 'profile.grid', 'profile.gas', 'profile.region', 'profile.speedLimits', 'profile.tripMethod', 'profile.commuterShare', 'profile.commuterCarShare', 'profile.currency', 'profile.utcOffset']);
      for (const r of rows) expect(r.source.length).toBeGreaterThan(2);
    }
    expect(PROFILES.KR.speedLimitsKmh.source).toContain('안전속도 5030');
  });
});

describe('speed limits of untagged roads by profile', () => {
  const primary = carRoadClass('primary');
  const secondary = carRoadClass('secondary');
  const motorway = carRoadClass('motorway');

  it('cap the class default at the legal limit, read as a tagged maxspeed (× 0.9 below 51 km/h)', () => {
    expect(untaggedSpeedKmh(primary, 0.9)).toBe(80); // MATSim's class default without a profile
    expect(untaggedSpeedKmh(primary, 0.9, PROFILES.KR.speedLimitsKmh.value)).toBeCloseTo(45, 12); // 5030: 50 × 0.9
    expect(untaggedSpeedKmh(primary, 0.9, PROFILES.MC.speedLimitsKmh.value)).toBeCloseTo(45, 12);
    expect(untaggedSpeedKmh(secondary, 0.9, PROFILES.KR.speedLimitsKmh.value)).toBe(30); // the class default is already lower
    expect(untaggedSpeedKmh(motorway, 0.9, PROFILES.KR.speedLimitsKmh.value)).toBe(100); // expressway limit
  });

  it('set the network links of untagged roads, leave tagged ones, and list what they did', () => {
    const way = (props: Record<string, unknown>, lat: number) => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'LineString', coordinates: [[126.92, lat], [126.93, lat]] },
    });
    const options = { speedLimits: PROFILES.KR.speedLimitsKmh.value, speedLimitsSource: 'Korea' };
    const untagged = [way({ highway: 'primary' }, 37.52)];
    const tagged = [way({ highway: 'primary', maxspeed: '70' }, 37.52)];
    const plain = buildRoadNetwork(untagged);
    const kr = buildRoadNetwork(untagged, options);
    expect(kr.network.numLinks).toBe(2);
    const lengthKm = plain.network.length[0]! / 1000;
    expect(plain.network.fft[0]).toBeCloseTo((lengthKm / 80) * 60, 9);
    expect(kr.network.fft[0]).toBeCloseTo((lengthKm / 45) * 60, 9);
    expect(buildRoadNetwork(tagged, options).network.fft[0]).toBeCloseTo((lengthKm / 70) * 60, 9); // tagged: unchanged
    const row = kr.assumptions.find((a) => a.key === 'speed.primary')!;
    expect(row.value).toBe(45);
    expect(row.source).toMatch(/^legal limit 50 km\/h x 0.9 \(Korea\), below the class default 80 km\/h/);
  });
});
