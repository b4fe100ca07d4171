import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatErrors, validateModel } from '../../../src/core/hydrogen/index.ts';

const good = () => ({
  version: 1,
  stations: [{ id: 'A', xy: [0, 0], capacityKgPerDay: 100, status: 'existing', demandKgPerDay: 50 }],
  sources: [{ id: 'S', type: 'smr', xy: [1000, 0], capacityKgPerDay: 100 }],
});

const errorsOf = (json: unknown): string[] => {
  const v = validateModel(json);
  return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateModel', () => {
  it('accepts a minimal model and the Monaco example', () => {
    expect(validateModel(good()).ok).toBe(true);
    const monaco = JSON.parse(readFileSync(new URL('../../../assets/hydrogen/monaco.json', import.meta.url), 'utf8')) as unknown;
    expect(errorsOf(monaco)).toEqual([]);
  });

  it('rejects a non-object with one error at $', () => {
    expect(errorsOf([1, 2])).toEqual(['$: must be a JSON object (got an array of 2)']);
    expect(errorsOf(null)).toEqual(['$: must be a JSON object (got null)']);
  });

  it('reports every bad field with its JSON path, in document order', () => {
    const m = good() as Record<string, unknown>;
    m['version'] = 2;
    m['objective'] = 'cheapest';
    m['stations'] = [
      { id: 'A', xy: [0, 0], capacityKgPerDay: -1, status: 'open' },
      { id: 'A', lonLat: [200, 10], capacityKgPerDay: '5', status: 'candidate', fixedCostKrwPerDay: -3 },
    ];
    m['sources'] = [
      { id: 'S', type: 'coal', capacityKgPerDay: 10 },
      { id: 'T', type: 'smr', xy: [0, 0], outsideMap: { bearingDeg: 400, roadKm: 5 }, capacityKgPerDay: 1, modes: ['truck'] },
      { id: 'U', type: 'smr', xy: [0, 0] },
    ];
    m['unmet'] = { allowed: 'no' };
    m['distances'] = [{ source: 'S', station: 'Z', roadKm: 3 }];
    expect(errorsOf(m)).toEqual([
      '$.version: must be 1 (got 2)',
      '$.objective: must be one of cost, co2, weighted (got "cheapest")',
      '$.unmet.allowed: must be true or false (got "no")',
      '$.stations[0].capacityKgPerDay: must be a number ≥ 0 (got -1)',
      '$.stations[0].status: must be one of existing, candidate (got "open")',
      '$.stations[1].id: duplicate id "A" (first used at $.stations[0])',
      '$.stations[1].lonLat: must be [longitude, latitude] in degrees, longitude from -180 to 180 and latitude from -90 to 90 (got an array of 2)',
      '$.stations[1].capacityKgPerDay: must be a number ≥ 0 (got "5")',
      '$.stations[1].fixedCostKrwPerDay: must be a number ≥ 0 (got -3)',
      '$.sources[0].type: must be one of smr, byproduct, grid_electrolysis, renewable_electrolysis, imported (got "coal")',
      '$.sources[0]: must have exactly one of lonLat, xy, outsideMap (has none)',
      '$.sources[1]: must have exactly one of lonLat, xy, outsideMap (has xy and outsideMap)',
      '$.sources[1].outsideMap.bearingDeg: must be a number from 0 to 360 (got 400)',
      '$.sources[1].modes[0]: must be a mode id, one of tube_trailer, pipeline, liquid (got "truck")',
      '$.sources[2].capacityKgPerDay: is required: a number ≥ 0',
      '$.distances[0].station: must be the id of a station (got "Z")',
    ]);
  });

  it('reports unknown fields (typos) and bad modes', () => {
    const m = good() as Record<string, unknown>;
    m['stations'] = [{ id: 'A', xy: [0, 0], capacityKgperDay: 100, status: 'existing' }];
    m['modes'] = [
      { id: 'p', kind: 'pipeline', payloadKg: 100 },
      { id: 't', kind: 'tube_trailer', payloadKg: 0, costKrwPerKgKm: -1 },
    ];
    expect(errorsOf(m)).toEqual([
      '$.modes[0].payloadKg: must be null or left out for a pipeline (got 100)',
      '$.modes[1].payloadKg: must be a number > 0 (got 0)',
      '$.modes[1].costKrwPerKgKm: must be a number ≥ 0 (got -1)',
      '$.stations[0].capacityKgperDay: unknown field (known: id, name, lonLat, xy, capacityKgPerDay, status, fixedCostKrwPerDay, demandKgPerDay, demandClass, modes, note)',
      '$.stations[0].capacityKgPerDay: is required: a number ≥ 0',
    ]);
  });

  it('checks demand zones, shares and the solver block', () => {
    const m = good() as Record<string, unknown>;
    m['demand'] = { fcevShare: { car: 1.5, plane: 0.1 }, zones: [{ id: 'z', xy: [0, 0] }, { id: 'y', xy: [1, 1], vehKmPerDay: { car: -5 } }, { id: 'x', xy: [2, 2], kgPerDay: 1, catchmentOf: 'nowhere' }] };
    m['solver'] = { timeLimitS: 0 };
    m['currency'] = 'USD';
    expect(errorsOf(m)).toEqual([
      '$.currency: must be "KRW": every money figure is in Korean won (got "USD")',
      '$.solver.timeLimitS: must be a number > 0 (got 0)',
      '$.demand.fcevShare.plane: unknown field (known: car, bus, truck)',
      '$.demand.fcevShare.car: must be a number from 0 to 1 (got 1.5)',
      '$.demand.zones[0]: must have kgPerDay or vehKmPerDay (or both)',
      '$.demand.zones[1].vehKmPerDay.car: must be a number ≥ 0 (got -5)',
      '$.demand.zones[2].catchmentOf: must be the id of a station (got "nowhere")',
    ]);
  });

  it('formats errors one per line', () => {
    expect(formatErrors([{ path: '$.a', message: 'x' }, { path: '$.b', message: 'y' }])).toBe('$.a: x\n$.b: y');
  });
});
