import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildCityTraffic } from '../../../../src/core/traffic/session/build.ts';
import { TrafficSession, type TrafficRunParams } from '../../../../src/core/traffic/session/index.ts';
import { buildPolygonLayer, parseGeoJson } from '../../../../src/core/geo/index.ts';

const read = (name: string) => parseGeoJson(readFileSync(new URL(`../../../../assets/city/monaco/${name}.geojson`, import.meta.url), 'utf8')).features;
const roads = read('roads');
const buildings = read('buildings');
const frame = buildPolygonLayer(buildings).frame;
const city = buildCityTraffic(roads, buildings, frame);
const base: TrafficRunParams = { demandScale: 1, edits: { closed: [], lanes: [] }, targetGap: 1e-6, maxIterations: 200, warmStart: false };
const go = (s: TrafficSession, p: Partial<TrafficRunParams> = {}) => s.run({ ...base, ...p }, () => true);

describe('Monaco traffic model', () => {
  it('has the network and demand built from its OSM roads and buildings (golden counts)', () => {
    expect(city.view.stats['roadLinks']).toBe(1672);
    // 56 internal zones + 9 external (cordon) zones; the trips were 11,585.85 veh/h (departures and
    // arrivals averaged, no trips across the border) before external zones and balancing to attractions.
    expect(city.view.stats['zones']).toBe(65);
    expect(city.view.stats['internalZones']).toBe(56);
    expect(city.view.totalDemand).toBeCloseTo(20199.26, 1);
    // Every assumption names a source.
    for (const a of city.view.assumptions) expect(a.source.length).toBeGreaterThan(3);
  });

  it('converges to the target gap; summaries add up from link flows', async () => {
    const s = new TrafficSession(city.network, city.view, city.demandFor);
    const r = await go(s);
    expect(r.stopReason).toBe('converged');
    expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
    expect(r.summary.unassignedDemand).toBe(0);
    let vehKm = 0;
    for (let l = 0; l < city.view.linkCount; l++) if (!city.view.isConnector[l]) vehKm += (r.flows[l]! * city.view.lengthM[l]!) / 1000;
    expect(r.summary.vehKm).toBeCloseTo(vehKm, 6);
    expect(r.summary.meanSpeedKmh).toBeCloseTo(r.summary.vehKm / r.summary.vehHours, 9);
    expect(r.summary.topCongested[0]!.vc).toBeGreaterThanOrEqual(r.summary.topCongested[1]!.vc);
  });

  it('is deterministic: same scenario, same bytes', async () => {
    const a = await go(new TrafficSession(city.network, city.view, city.demandFor));
    const b = await go(new TrafficSession(city.network, city.view, city.demandFor));
    expect(Buffer.from(a.flows.buffer).equals(Buffer.from(b.flows.buffer))).toBe(true);
  });

  it('closing the busiest link empties it and re-runs warm; undoing the edit gives the original flows back', async () => {
    const s = new TrafficSession(city.network, city.view, city.demandFor);
    // To gap 1e-8 here: the equilibrium's link flows are unique, but with the commuters leaving through
    // the gates the network is loaded far beyond capacity, and relative gap 1e-6 of those large costs
    // left up to 11 veh/h of slack on a lightly loaded link between two runs that took other ways there.
    const first = await go(s, { warmStart: true, targetGap: 1e-8 });
    const busiest = first.summary.topCongested[0]!.link;
    const closed = await go(s, { warmStart: true, edits: { closed: [busiest], lanes: [] } });
    expect(closed.warmStarted).toBe(true);
    expect(closed.flows[busiest]).toBe(0);
    expect(closed.capacity[busiest]).toBe(0);
    const undone = await go(s, { warmStart: true, targetGap: 1e-8 });
    // Within 0.01 % of the largest link flow.
    const maxFlow = first.flows.reduce((m, v) => Math.max(m, v), 0);
    for (let l = 0; l < city.view.linkCount; l++) expect(Math.abs(undone.flows[l]! - first.flows[l]!)).toBeLessThan(1e-4 * maxFlow);
    expect(undone.summary.vehKm).toBeCloseTo(first.summary.vehKm, -1);
  });

  it('an extra lane raises capacity in proportion; more demand means more vehicle-hours', async () => {
    const s = new TrafficSession(city.network, city.view, city.demandFor);
    const r0 = await go(s);
    const link = r0.summary.topCongested[0]!.link;
    const lanes = city.view.lanes[link]!;
    const r1 = await go(s, { edits: { closed: [], lanes: [{ link, lanes: lanes + 1 }] } });
    expect(r1.capacity[link]).toBeCloseTo((city.view.capacity[link]! * (lanes + 1)) / lanes, 6);
    const more = await go(s, { demandScale: 1.1 });
    expect(more.summary.vehHours).toBeGreaterThan(r0.summary.vehHours * 1.1);
  });

  it('a zone edit changes its trips and re-balances the table; removing the edit restores the base', async () => {
    const s = new TrafficSession(city.network, city.view, city.demandFor);
    const base = await go(s);
    const zone = 0;
    const none = await go(s, { zoneFactors: [{ zone, factor: 0 }] });
    expect(none.summary.assignedDemand).toBeLessThan(base.summary.assignedDemand);
    const demand = city.demandFor([{ zone, factor: 0 }]);
    for (let g = 0; g < demand.origins.length; g++) expect(demand.origins[g]).not.toBe(zone);
    for (let k = 0; k < demand.destination.length; k++) expect(demand.destination[k]).not.toBe(zone);
    const back = await go(s, { zoneFactors: [] });
    expect(back.summary.assignedDemand).toBeCloseTo(base.summary.assignedDemand, 6);
  });

  it('stops when asked between slices and says so', async () => {
    const s = new TrafficSession(city.network, city.view, city.demandFor);
    const r = await s.run({ ...base, targetGap: 1e-14, maxIterations: 100 }, () => false, 1);
    expect(r.stopReason).toBe('cancelled');
    expect(r.iterations).toBe(1);
  });
});
