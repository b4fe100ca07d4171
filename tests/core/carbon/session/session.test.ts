import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CarbonSession, roadsFromTraffic, type CarbonParams } from '../../../../src/core/carbon/session/index.ts';
import { buildPolygonLayer, parseGeoJson } from '../../../../src/core/geo/index.ts';

const read = (name: string) => parseGeoJson(readFileSync(new URL(`../../../../assets/city/monaco/${name}.geojson`, import.meta.url), 'utf8')).features;
const buildings = read('buildings');
const frame = buildPolygonLayer(buildings).frame;
const admin = read('admin').filter((f) => (f as { properties: { boundary?: string } }).properties.boundary === 'administrative');
const session = new CarbonSession(frame, { buildings, roads: read('roads'), green: read('green'), districts: admin });
const base: CarbonParams = { cellSize: 100, basis: 'ttw', fleetShift: {} };

describe('city carbon session (Monaco)', () => {
  const r0 = session.run(base);

  it('maps every sector and keeps the grid totals equal to the model totals', () => {
    expect(r0.totals.buildings).toBeGreaterThan(0);
    expect(r0.totals.transport).toBeGreaterThan(0);
    expect(r0.totals.sinks).toBeLessThan(0);
    expect(r0.grid.totals.net).toBeCloseTo(r0.totals.net, 6);
    expect(r0.transportSource).toBe('road-class-table');
    expect(session.districtCount).toBe(6);
  });

  it('runs on the same grid every time, so scenario minus baseline is cell by cell', () => {
    const r1 = session.run({ ...base, fleetShift: { car_bev: 0.3 } });
    expect(r1.grid.spec).toEqual(r0.grid.spec);
    expect(r1.totals.transport).toBeLessThan(r0.totals.transport);
  });

  it('a changed factor is used: no gas emissions lowers buildings only', () => {
    const r = session.run({ ...base, factors: { gasTPerMWh: 0 } });
    expect(r.totals.buildings).toBeLessThan(r0.totals.buildings);
    expect(r.totals.transport).toBeCloseTo(r0.totals.transport, 9);
  });

  it('a fleet mix that does not sum to 1 is refused with a clear message', () => {
    expect(() => session.run({ ...base, factors: { fleetMix: { car_petrol: 0.5, car_diesel: 0.2 } } })).toThrow(/fleet mix/);
  });

  it('a retrofit in one district lowers that district only; a drawn park adds absorption', () => {
    const r = session.run({ ...base, retrofit: { district: 1, reduction: 0.3 } });
    expect(r.districts!.buildings[1]).toBeLessThan(r0.districts!.buildings[1]!);
    expect(r.districts!.buildings[0]).toBeCloseTo(r0.districts!.buildings[0]!, 9);
    const park = session.run({ ...base, extraGreen: [{ ring: [0, 0, 200, 0, 200, 200, 0, 200], cover: 'park' }] });
    expect(park.totals.sinks).toBeLessThan(r0.totals.sinks);
  });
});

describe('roads from an assignment', () => {
  it('keeps road links, drops connectors, and turns time into speed', () => {
    const t = roadsFromTraffic({
      polylines: { coords: new Float32Array([0, 0, 1000, 0, 1000, 0, 1000, 500, 0, 0, 0, 10]), offsets: new Uint32Array([0, 2, 4, 6]) },
      flows: [600, 300, 9999],
      timesMin: [2, 1, 1],
      lengthM: [1000, 500, 10],
      isConnector: [0, 0, 1],
    });
    expect(t.count).toBe(2);
    expect(Array.from(t.flow)).toEqual([600, 300]);
    expect(Array.from(t.speed)).toEqual([30, 30]);
    expect(Array.from(t.start)).toEqual([0, 2, 4]);
  });
});
