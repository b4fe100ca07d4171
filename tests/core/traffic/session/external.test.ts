import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildCityTraffic } from '../../../../src/core/traffic/session/build.ts';
import { buildPolygonLayer, parseGeoJson } from '../../../../src/core/geo/index.ts';

const read = (name: string) => parseGeoJson(readFileSync(new URL(`../../../../assets/city/monaco/${name}.geojson`, import.meta.url), 'utf8')).features;
const roads = read('roads');
const buildings = read('buildings');
const frame = buildPolygonLayer(buildings).frame;
const city = buildCityTraffic(roads, buildings, frame);
const st = city.view.stats;

describe('Monaco: external zones, balancing and trip methods (golden)', () => {
  it('finds 9 gates where the main roads leave the data and puts them after the 56 internal zones', () => {
    expect(st['internalZones']).toBe(56);
    expect(st['externalZones']).toBe(9);
    expect(st['gateDeadEnds']).toBe(14);
    expect(st['gateRoadEnds']).toBe(12);
    expect(st['gatesNotJoined']).toBe(0);
    expect(city.network.numZones).toBe(65);
    expect(city.view.zones.internalCount).toBe(56);
    expect(city.external?.names.slice(0, 4)).toEqual(["Boulevard d'Italie", 'Rue du Mont Agel', 'Boulevard de la République', 'Rue Vourette']);
    expect(Array.from(city.external!.capacity)).toEqual([7500, 800, 3000, 1600, 1600, 1600, 3000, 1500, 3000]);
    // Road links keep their indices: the gates' connectors come after every other link.
    const off = buildCityTraffic(roads, buildings, frame, { external: { enabled: false } });
    expect(off.view.stats['zones']).toBe(56);
    for (let l = 0; l < off.view.linkCount; l++) expect(city.view.sourceFeature[l]).toBe(off.view.sourceFeature[l]);
    expect(Array.from(city.view.zones.centroids.slice(0, 112))).toEqual(Array.from(off.view.zones.centroids));
  });

  it('departures, arrivals and the trips across the border (veh/h, PM peak)', () => {
    expect(st['tripsGeneratedOut']).toBeCloseTo(16067.0, 0);
    expect(st['tripsGeneratedIn']).toBeCloseTo(7104.7, 0);
    // Arrivals keep the attractions; departures = internal trips balanced to them + outbound commuters.
    expect(st['tripsArrivingInternal']).toBeCloseTo(7104.69, 1);
    expect(st['tripsDepartingInternal']).toBeCloseTo(16520.06, 1);
    expect(st['tripsInternal']).toBeCloseTo(4950.38, 1);
    expect(st['tripsOutbound']).toBeCloseTo(11569.68, 1);
    expect(st['tripsInbound']).toBeCloseTo(2154.31, 1);
    // Through = 0.1 / 0.9 × (outbound + inbound).
    expect(st['tripsThrough']).toBeCloseTo((0.1 / 0.9) * (st['tripsOutbound']! + st['tripsInbound']!), 6);
    expect(city.view.totalDemand).toBeCloseTo(st['tripsInternal']! + st['tripsOutbound']! + st['tripsInbound']! + st['tripsThrough']!, 6);
    for (const key of ['external.commuterShare', 'external.throughShare', 'external.gateRule', 'distribution.balancing', 'rates.method']) {
      expect(city.view.assumptions.some((a) => a.key === key)).toBe(true);
    }
  });

  it("the Korean practice and the balancing are options", () => {
    const korea = buildCityTraffic(roads, buildings, frame, { tripMethod: 'korea' });
    expect(korea.view.stats['tripsGeneratedOut']).toBeCloseTo(3017.53, 1);
    expect(korea.view.stats['tripsArrivingInternal']).toBeCloseTo(1277.74, 1);
    expect(korea.view.assumptions.find((a) => a.key === 'korea.occupancy')?.value).toBe(1.22);
    const control = buildCityTraffic(roads, buildings, frame, { balancing: { controlTotal: 6000 }, external: { enabled: false } });
    expect(control.view.totalDemand).toBeCloseTo(6000, 6);
  });

  it('same input, same bytes', () => {
    const again = buildCityTraffic(roads, buildings, frame);
    const a = city.demandFor(undefined);
    const b = again.demandFor(undefined);
    expect(Buffer.from(b.flow.buffer).equals(Buffer.from(a.flow.buffer))).toBe(true);
    expect(again.view.assumptions).toEqual(city.view.assumptions);
  });
});
