// Typed reading of a raw hydrogen model JSON for display (src/core/hydrogen/settings.ts): the model's own
// settings, with the core's defaults where it says nothing or says something unreadable.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CATCHMENT_DEFAULTS, SOURCE_DEFAULTS, modelSettings, modelSources, modelStations } from '../../../src/core/hydrogen/index.ts';

describe('modelSettings', () => {
  it('gives every default for a missing or malformed model', () => {
    const defaults = {
      name: '',
      objective: 'cost',
      stationChoice: false,
      fcevShare: { car: 0, bus: 0, truck: 0 },
      unmetAllowed: true,
      catchment: { mode: 'capacitated', maxDetourKm: CATCHMENT_DEFAULTS.maxDetourKm.value },
    };
    expect(modelSettings(null)).toEqual(defaults);
    expect(modelSettings([1, 2])).toEqual(defaults);
    expect(modelSettings({ objective: 'fast', stationChoice: 'yes', unmet: { allowed: 'no' }, catchment: { mode: 'any', maxDetourKm: -Infinity }, demand: { fcevShare: 3 } })).toEqual(defaults);
  });

  it('reads what the model sets', () => {
    const s = modelSettings({
      name: 'x',
      objective: 'weighted',
      stationChoice: true,
      unmet: { allowed: false },
      catchment: { mode: 'nearest', maxDetourKm: 1.5 },
      demand: { fcevShare: { car: 0.1, bus: 0.5, truck: 'a' } },
    });
    expect(s).toEqual({ name: 'x', objective: 'weighted', stationChoice: true, fcevShare: { car: 0.1, bus: 0.5, truck: 0 }, unmetAllowed: false, catchment: { mode: 'nearest', maxDetourKm: 1.5 } });
  });
});

describe('modelStations and modelSources', () => {
  it('list the rows with names, capacities and figures falling back as the panel shows them', () => {
    const json = {
      stations: [{ id: 'a', capacityKgPerDay: 500 }, 7, { id: 'b', name: 'B', status: 'candidate' }],
      sources: [{ id: 's', type: 'smr', capacityKgPerDay: 1000, outsideMap: { roadKm: 30 } }, { id: 't', name: 'T', type: 'magic', kgCo2ePerKg: 2 }, { id: 'u', type: 'byproduct' }],
    };
    expect(modelStations(json)).toEqual([
      { id: 'a', name: 'a', capacityKgPerDay: 500, candidate: false },
      { id: 'b', name: 'B', capacityKgPerDay: 0, candidate: true },
    ]);
    expect(modelSources(json)).toEqual([
      { id: 's', name: 's', type: 'smr', capacityKgPerDay: 1000, kgCo2ePerKg: SOURCE_DEFAULTS.smr.kgCo2ePerKg.value, outside: true },
      { id: 't', name: 'T', type: null, capacityKgPerDay: 0, kgCo2ePerKg: 2, outside: false },
      { id: 'u', name: 'u', type: 'byproduct', capacityKgPerDay: 0, kgCo2ePerKg: SOURCE_DEFAULTS.byproduct.kgCo2ePerKg.value, outside: false },
    ]);
    expect(modelStations(undefined)).toEqual([]);
    expect(modelSources({ sources: 'none' })).toEqual([]);
  });

  it('reads the shipped Monaco model', () => {
    const file = new URL('../../../assets/hydrogen/monaco.json', import.meta.url);
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(modelStations(json).length).toBeGreaterThan(0);
    expect(modelSources(json).length).toBeGreaterThan(0);
  });
});
