// Downloads of a scenario run (CSV and GeoJSON), checked on real runs of Monaco: the traffic assignment of
// its OSM roads, the carbon map fed by that assignment, and the solved hydrogen example. Every CSV is read
// back with a strict RFC 4180 reader written here, independent of the writer.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { buildCityTraffic } from '../../../src/core/traffic/session/build.ts';
import { TrafficSession, type TrafficRunParams, type TrafficRunResult } from '../../../src/core/traffic/session/index.ts';
import { CarbonSession, type CarbonRun } from '../../../src/core/carbon/session/index.ts';
import { buildPolygonLayer, parseGeoJson } from '../../../src/core/geo/index.ts';
import { runHydrogen, type HighsLike, type HydrogenResult } from '../../../src/core/hydrogen/index.ts';
import {
  OUTSIDE_DISTRICTS,
  cellsCsv,
  cellsGeoJson,
  csvText,
  districtsCsv,
  formatNumber,
  linksCsv,
  linksGeoJson,
  stationsCsv,
  stationsGeoJson,
} from '../../../src/core/scenario/export.ts';

/** Strict RFC 4180 reader: CRLF record ends (the last one too), quoted fields, doubled quotes; throws on anything else. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') f += c;
      else if (text[i + 1] === '"') {
        f += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"') {
      if (f !== '' || wasQuoted) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ',') {
      row.push(f);
      f = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`bare line break at ${i}`);
    else if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
    else f += c;
  }
  if (quoted || f !== '' || row.length > 0) throw new Error('last record not ended by CRLF');
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, k) => {
    if (r.length !== width) throw new Error(`record ${k} has ${r.length} fields, header ${width}`);
  });
  return rows;
}

/** Header and records as objects keyed by column name. */
function table(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = readCsv(text);
  if (!header) throw new Error('no header');
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

const num = (s: string | undefined): number => {
  if (s === undefined || s === '') throw new Error('empty number');
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`not a plain decimal: ${s}`);
  return Number(s);
};
const relClose = (a: number, b: number, rel = 1e-6): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b), 1e-12));
};
const inMonaco = (lon: number, lat: number): void => {
  expect(lon).toBeGreaterThan(7.4);
  expect(lon).toBeLessThan(7.45);
  expect(lat).toBeGreaterThan(43.72);
  expect(lat).toBeLessThan(43.76);
};

const read = (name: string) => parseGeoJson(readFileSync(new URL(`../../../assets/city/monaco/${name}.geojson`, import.meta.url), 'utf8')).features;
const roads = read('roads');
const buildings = read('buildings');
const frame = buildPolygonLayer(buildings).frame;
const city = buildCityTraffic(roads, buildings, frame);
const view = city.view;
const admin = read('admin').filter((f) => (f as { properties: { boundary?: string } }).properties.boundary === 'administrative');
const districtNames = admin.map((f) => String((f as { properties: { name?: string } }).properties.name));
const MONACO_H2: unknown = JSON.parse(readFileSync(new URL('../../../assets/hydrogen/monaco.json', import.meta.url), 'utf8'));

const AWKWARD = ['Rue, "Grimaldi"', '=HYPERLINK("http://x.example","click")', '여의대로', '-1 Avenue\r\nde la Costa', '@SUM(A1)', '+33'];
const roadLinks: number[] = [];
for (let l = 0; l < view.linkCount; l++) if (view.isConnector[l] !== 1) roadLinks.push(l);
const roadLinkRank = new Map(roadLinks.map((l, k) => [l, k]));
/** Real OSM names of the links' roads, with awkward names on the first road links. */
const linkName = (l: number): string => {
  const k = roadLinkRank.get(l) ?? -1;
  if (k >= 0 && k < AWKWARD.length) return AWKWARD[k]!;
  const props = (roads[view.sourceFeature[l]!] as { properties?: { name?: unknown } } | undefined)?.properties;
  return typeof props?.name === 'string' ? props.name : '';
};
/** What a spreadsheet should show: the name, with an apostrophe before a leading =, +, -, @. */
const guarded = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const baseParams: TrafficRunParams = { demandScale: 1, edits: { closed: [], lanes: [] }, targetGap: 1e-4, maxIterations: 100, warmStart: true };
let run: TrafficRunResult;
let edited: TrafficRunResult;
let closedLink: number;
let laneLink: number;
let carbon: CarbonRun;
let hydrogen: HydrogenResult;
let highs: HighsLike;

beforeAll(async () => {
  const session = new TrafficSession(city.network, view, city.demandFor);
  run = await session.run(baseParams, () => true);
  closedLink = run.summary.topCongested[0]!.link;
  laneLink = run.summary.topCongested[1]!.link;
  edited = await session.run({ ...baseParams, edits: { closed: [closedLink], lanes: [{ link: laneLink, lanes: view.lanes[laneLink]! + 1 }] } }, () => true);
  const carbonSession = new CarbonSession(frame, { buildings, roads, green: read('green'), districts: admin });
  carbon = carbonSession.run({ cellSize: 100, basis: 'ttw', fleetShift: {} }, { ...view, flows: run.flows, timesMin: run.timesMin });
  highs = await loadHighs();
  hydrogen = runHydrogen(MONACO_H2, highs);
});

describe('CSV writer', () => {
  it('writes numbers with at most 6 decimals, no exponent, -0 as 0, empty when not finite', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1e-9)).toBe('0');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(2.5e-6)).toBe('0.000003');
    expect(formatNumber(-12.5)).toBe('-12.5');
    expect(formatNumber(1672)).toBe('1672');
    expect(formatNumber(1.5e21)).toBe('1500000000000000000000');
    expect(formatNumber(123456789.123456789)).toBe('123456789.123457');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
    expect(formatNumber(7.4123456789, 7)).toBe('7.4123457');
  });

  it('quotes, doubles quotes, guards formula-like text but never numbers; CRLF after every record', () => {
    const text = csvText([{ name: 'name' }, { name: 'value_t' }, { name: 'ok' }], [
      ...AWKWARD.map((n, i) => [n, -i - 0.5, i % 2 === 0]),
      [null, null, null],
    ]);
    expect(text.startsWith('name,value_t,ok\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"Rue, ""Grimaldi""",-0.5,1\r\n');
    expect(text).toContain('"\'=HYPERLINK(""http://x.example"",""click"")",-1.5,0\r\n');
    expect(text).toContain('여의대로,-2.5,1\r\n');
    expect(text).toContain('\r\n,,\r\n');
    const rows = readCsv(text);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(AWKWARD.map(guarded));
    expect(rows.slice(1, -1).map((r) => Number(r[1]))).toEqual(AWKWARD.map((_, i) => -i - 0.5));
    expect(() => csvText([{ name: 'a' }], [[1, 2]])).toThrow(/2 values for 1 columns/);
  });
});

describe('road links', () => {
  it('one row per road link, with units in the header and names read back exactly', () => {
    const { header, rows } = table(linksCsv(view, run, linkName));
    expect(header).toEqual(['link', 'name', 'road_class', 'road_class_key', 'lanes', 'length_m', 'capacity_veh_h', 'flow_veh_h', 'vc', 'free_flow_min', 'congested_min', 'speed_kmh', 'closed']);
    expect(rows.length).toBe(view.stats['roadLinks']);
    expect(rows.map((r) => num(r['link']))).toEqual(roadLinks);
    expect(rows.slice(0, AWKWARD.length).map((r) => r['name'])).toEqual(AWKWARD.map(guarded));
    expect(rows.some((r) => r['name'] === 'Avenue Princesse Alice')).toBe(true);
    for (const r of rows) {
      const l = num(r['link']);
      expect(r['road_class_key']).not.toBe('');
      expect(num(r['capacity_veh_h'])).toBeCloseTo(run.capacity[l]!, 6);
      expect(num(r['flow_veh_h'])).toBeCloseTo(run.flows[l]!, 6);
      expect(num(r['vc'])).toBeCloseTo(run.flows[l]! / run.capacity[l]!, 6);
      expect(num(r['speed_kmh'])).toBeCloseTo(view.lengthM[l]! / 1000 / (run.timesMin[l]! / 60), 5);
      expect(num(r['congested_min'])).toBeGreaterThanOrEqual(num(r['free_flow_min']) - 1e-6);
      expect(r['closed']).toBe('0');
    }
    // Without names the column is there and empty.
    expect(table(linksCsv(view, run)).rows.every((r) => r['name'] === '')).toBe(true);
  });

  it('flow × length over the rows is the run’s vehicle-km', () => {
    const { rows } = table(linksCsv(view, run));
    let vehM = 0;
    for (const r of rows) vehM += num(r['flow_veh_h']) * num(r['length_m']);
    relClose(vehM, run.summary.vehKm * 1000);
  });

  it('a closed link shows capacity 0, closed 1, no V/C; a lane edit shows its lanes and capacity', () => {
    const { rows } = table(linksCsv(view, edited));
    expect(rows.length).toBe(view.stats['roadLinks']);
    const closed = rows.filter((r) => r['closed'] === '1');
    expect(closed.map((r) => num(r['link']))).toEqual([closedLink]);
    expect(closed[0]).toMatchObject({ capacity_veh_h: '0', flow_veh_h: '0', vc: '' });
    const lane = rows.find((r) => num(r['link']) === laneLink)!;
    expect(num(lane['lanes'])).toBe(view.lanes[laneLink]! + 1);
    expect(num(lane['capacity_veh_h'])).toBeCloseTo((view.capacity[laneLink]! * (view.lanes[laneLink]! + 1)) / view.lanes[laneLink]!, 6);
    let vehM = 0;
    for (const r of rows) vehM += num(r['flow_veh_h']) * num(r['length_m']);
    relClose(vehM, edited.summary.vehKm * 1000);
  });

  it('GeoJSON: a LineString per road link in Monaco, with the CSV’s figures', () => {
    const fc = linksGeoJson(view, edited, frame, linkName);
    const { rows } = table(linksCsv(view, edited, linkName));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(rows.length);
    fc.features.forEach((f, k) => {
      const r = rows[k]!;
      expect(f.id).toBe(num(r['link']));
      expect(f.geometry?.type).toBe('LineString');
      const coords = f.geometry!.coordinates as [number, number][];
      expect(coords.length).toBeGreaterThanOrEqual(2);
      for (const [lon, lat] of coords) inMonaco(lon, lat);
      const p = f.properties;
      expect(p['flow_veh_h']).toBe(num(r['flow_veh_h']));
      expect(p['capacity_veh_h']).toBe(num(r['capacity_veh_h']));
      expect(p['closed']).toBe(num(r['closed']));
      expect(p['vc']).toBe(r['vc'] === '' ? null : num(r['vc']));
      // GeoJSON is not a spreadsheet: names are written as they are.
      expect(p['name']).toBe(linkName(f.id as number));
    });
    expect(fc.features.find((f) => f.id === closedLink)!.properties['vc']).toBeNull();
  });

  it('is deterministic: two calls, the same bytes', () => {
    expect(linksCsv(view, edited, linkName)).toBe(linksCsv(view, edited, linkName));
    expect(JSON.stringify(linksGeoJson(view, edited, frame))).toBe(JSON.stringify(linksGeoJson(view, edited, frame)));
  });
});

describe('carbon cells and districts', () => {
  it('one row per non-empty cell, centres in Monaco, sectors summing to the model totals', () => {
    const { header, rows } = table(cellsCsv(carbon.grid, frame));
    expect(header).toEqual(['cell', 'ix', 'iy', 'lon', 'lat', 'buildings_t_co2e_yr', 'transport_t_co2e_yr', 'sinks_t_co2e_yr', 'net_t_co2e_yr']);
    expect(rows.length).toBe(carbon.grid.nonEmptyCells);
    expect(carbon.transportSource).toBe('assignment');
    const sum = { buildings: 0, transport: 0, sinks: 0, net: 0 };
    for (const r of rows) {
      expect(num(r['cell'])).toBe(num(r['iy']) * carbon.grid.spec.nx + num(r['ix']));
      inMonaco(num(r['lon']), num(r['lat']));
      sum.buildings += num(r['buildings_t_co2e_yr']);
      sum.transport += num(r['transport_t_co2e_yr']);
      sum.sinks += num(r['sinks_t_co2e_yr']);
      sum.net += num(r['net_t_co2e_yr']);
    }
    relClose(sum.net, carbon.totals.net);
    relClose(sum.buildings, carbon.totals.buildings);
    relClose(sum.transport, carbon.totals.transport);
    relClose(sum.sinks, carbon.totals.sinks);
  });

  it('GeoJSON cells are the same cells, each around its CSV centre', () => {
    const fc = cellsGeoJson(carbon.grid, frame) as { features: { id: number; geometry: { coordinates: [number, number][][] } }[] };
    const { rows } = table(cellsCsv(carbon.grid, frame));
    expect(fc.features.map((f) => f.id)).toEqual(rows.map((r) => num(r['cell'])));
    fc.features.forEach((f, k) => {
      const ring = f.geometry.coordinates[0]!;
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      const lon = num(rows[k]!['lon']);
      const lat = num(rows[k]!['lat']);
      expect(lon).toBeGreaterThan(Math.min(...lons));
      expect(lon).toBeLessThan(Math.max(...lons));
      expect(lat).toBeGreaterThan(Math.min(...lats));
      expect(lat).toBeLessThan(Math.max(...lats));
    });
  });

  it('one row per quartier plus the outside row; they sum to the totals', () => {
    const d = carbon.districts!;
    expect(d.count).toBe(districtNames.length);
    const { header, rows } = table(districtsCsv(d, districtNames));
    expect(header).toEqual(['district', 'name', 'buildings_t_co2e_yr', 'transport_t_co2e_yr', 'sinks_t_co2e_yr', 'net_t_co2e_yr']);
    expect(rows.map((r) => r['name'])).toEqual([...districtNames, OUTSIDE_DISTRICTS]);
    expect(rows.map((r) => r['district'])).toEqual([...districtNames.map((_, k) => String(k)), '']);
    relClose(rows.reduce((s, r) => s + num(r['net_t_co2e_yr']), 0), carbon.totals.net);
    relClose(rows.reduce((s, r) => s + num(r['transport_t_co2e_yr']), 0), carbon.totals.transport);
    // Missing names fall back to the index; awkward ones are quoted and guarded.
    const named = table(districtsCsv(d, ['=1+1', 'Rue, "Grimaldi"'])).rows.map((r) => r['name']);
    expect(named).toEqual(["'=1+1", 'Rue, "Grimaldi"', '#2', '#3', '#4', '#5', OUTSIDE_DISTRICTS]);
  });

  it('is deterministic', () => {
    expect(cellsCsv(carbon.grid, frame)).toBe(cellsCsv(carbon.grid, frame));
    expect(districtsCsv(carbon.districts!, districtNames)).toBe(districtsCsv(carbon.districts!, districtNames));
  });
});

describe('hydrogen stations', () => {
  it('one row per station of the solution; delivered + unmet = demand; totals match the summary', () => {
    expect(hydrogen.status).toBe('optimal');
    const s = hydrogen.solution!;
    const { header, rows } = table(stationsCsv(hydrogen));
    expect(header).toEqual(['id', 'name', 'lon', 'lat', 'candidate', 'open', 'capacity_kg_day', 'demand_kg_day', 'delivered_kg_day', 'unmet_kg_day', 'utilisation', 'krw_per_kg', 'kg_co2e_per_kg']);
    expect(rows.map((r) => r['id'])).toEqual(s.stations.map((x) => x.id));
    expect(rows.map((r) => r['name'])).toEqual(s.stations.map((x) => x.name));
    for (const r of rows) {
      inMonaco(num(r['lon']), num(r['lat']));
      expect(['0', '1']).toContain(r['open']);
      expect(num(r['delivered_kg_day']) + num(r['unmet_kg_day'])).toBeCloseTo(num(r['demand_kg_day']), 4);
    }
    relClose(rows.reduce((t, r) => t + num(r['delivered_kg_day']), 0), s.summary.deliveredKgPerDay);
    relClose(rows.reduce((t, r) => t + num(r['delivered_kg_day']) * num(r['krw_per_kg']), 0), s.summary.productionKrwPerDay + s.summary.deliveryKrwPerDay);
  });

  it('GeoJSON: a Point per station at its lon/lat with the same figures', () => {
    const fc = stationsGeoJson(hydrogen);
    const s = hydrogen.solution!;
    expect(fc.features.map((f) => f.id)).toEqual(s.stations.map((x) => x.id));
    fc.features.forEach((f, k) => {
      const st = s.stations[k]!;
      expect(f.geometry?.type).toBe('Point');
      const [lon, lat] = f.geometry!.coordinates as [number, number];
      inMonaco(lon, lat);
      expect(lon).toBeCloseTo(st.lonLat![0], 7);
      expect(f.properties['delivered_kg_day']).toBeCloseTo(st.deliveredKgPerDay, 6);
      expect(f.properties['open']).toBe(st.open ? 1 : 0);
    });
    expect(JSON.stringify(stationsGeoJson(hydrogen))).toBe(JSON.stringify(fc));
  });

  it('no solution: a header-only CSV and an empty collection', () => {
    const invalid = runHydrogen({}, highs);
    expect(invalid.solution).toBeNull();
    expect(readCsv(stationsCsv(invalid))).toEqual([readCsv(stationsCsv(hydrogen))[0]]);
    expect(stationsGeoJson(invalid)).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
