import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtLabel, parseGeoJson } from '../../../src/core/geo/index.ts';

const feature = (properties: Record<string, unknown> | null): unknown => ({ type: 'Feature', geometry: null, properties });

describe('districtLabel', () => {
  it('reads name, else the Korean administrative-dong name adm_nm, else the position', () => {
    expect(districtLabel(feature({ name: 'Monaco-Ville', adm_nm: 'x' }), 0)).toBe('Monaco-Ville');
    expect(districtLabel(feature({ adm_nm: '서울특별시 영등포구 여의동' }), 0)).toBe('서울특별시 영등포구 여의동');
    expect(districtLabel(feature({ name: '', code: 3 }), 2)).toBe('#3');
    expect(districtLabel(feature(null), 0)).toBe('#1');
    // A value from the file stays text: objects as JSON, never markup to interpret.
    expect(districtLabel(feature({ name: { ko: '여의동' } }), 0)).toBe('{"ko":"여의동"}');
  });

  it('names the built-in Yeouido district by its adm_nm', () => {
    const { features } = parseGeoJson(readFileSync('assets/city/yeouido/districts.geojson', 'utf8'));
    expect(features.map(districtLabel)).toEqual(['서울특별시 영등포구 여의동']);
  });
});
