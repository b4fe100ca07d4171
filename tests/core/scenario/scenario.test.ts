// The scenario object: schema round trip and every bad field with its path, JSON syntax errors, versions
// and the v1 migration, content hashes (pinned), the edit list with single-edit removal, share fragments,
// and KPI comparisons.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type MessageKey, isMessageKey, translate } from '../../../src/core/language/index.ts';
import {
  BASELINE_HYDROGEN,
  type Kpis,
  MAX_LINK_CHARS,
  type Scenario,
  baselineOf,
  canonicalJson,
  carbonStageInput,
  checkScenario,
  compareKpis,
  routedDemandDiffers,
  ROUTED_ONLY_HYDROGEN_KPIS,
  ROUTED_ONLY_KPIS,
  computeKpis,
  incomparableKpis,
  ISSUE_CODES,
  UNIQUE_WHATS,
  VALUE_KINDS,
  issueText,
  decodeShareFragment,
  encodeShareFragment,
  hashBytes,
  hashText,
  hashValue,
  hydrogenStageInput,
  listEdits,
  newScenario,
  parseScenario,
  parseScenarioText,
  removeEdit,
  trafficStageInput,
} from '../../../src/core/scenario/index.ts';
import { MONACO, twentyEdits } from '../../fixtures/scenario/edits.ts';

const FIXTURES = new URL('../../fixtures/scenario/', import.meta.url);

/** Monaco's layers as the built-in city names them (hashes of the asset files' bytes). */

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** One edit of every kind listEdits knows (parameters too), each distinct. */
function everyKind(): Scenario {
  const s = newScenario(MONACO, 'Every kind');
  return {
    ...s,
    traffic: { demandScale: 1.2, zoneFactors: [{ zone: 3, factor: 1.5 }], closedLinks: [12], lanes: [{ link: 40, lanes: 3 }], targetGap: 1e-5, maxIterations: 200 },
    fleet: { car_bev: 0.3 },
    carbon: {
      cellSize: 50,
      basis: 'wtw',
      gridTPerMWh: 0.3,
      retrofit: { district: 0, reduction: 0.2 },
      factors: { 'fuel.petrolKgPerL': 2.5 },
      greenAreas: [{ ring: [[7.42, 43.73], [7.421, 43.73], [7.421, 43.731]], cover: 'park' }],
      hydrogenFromSupply: false,
    },
    hydrogen: {
      objective: 'co2',
      stationChoice: true,
      fcevShare: { car: 0.05 },
      demandFromTraffic: false,
      stationsAdded: [{ id: 'placed-1', name: 'New station', lonLat: [7.425, 43.735], capacityKgPerDay: 400 }],
      stationsRemoved: ['osm-avia'],
      stationCapacity: { 'osm-esso': 800 },
      catchment: { mode: 'capacitated', maxDetourKm: 2 },
      sources: { 'smr-provence': { enabled: false } },
      unmetAllowed: false,
    },
  };
}

describe('schema', () => {
  it('round-trips a new scenario through JSON', () => {
    const s = newScenario(MONACO, 'Round trip');
    const back = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(back).toEqual({ ok: true, scenario: s });
    const edited = everyKind();
    expect(parseScenarioText(JSON.stringify(edited, null, 2))).toEqual({ ok: true, scenario: edited });
  });

  it('reports every bad field with its JSON path', () => {
    const s = clone(newScenario(MONACO)) as unknown as Record<string, Record<string, unknown>>;
    s['traffic']!['demandScale'] = 9;
    s['traffic']!['closedLinks'] = [1, 2, -1];
    s['carbon']!['cellSize'] = 30;
    s['hydrogen']!['fcevShare'] = { car: 1.5 };
    s['fleet'] = { car_warp: 0.1 };
    (s as Record<string, unknown>)['colour'] = 'red';
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(new Set(r.issues.map((i) => i.path))).toEqual(
      new Set(['$.traffic.demandScale', '$.traffic.closedLinks[2]', '$.carbon.cellSize', '$.hydrogen.fcevShare.car', '$.fleet.car_warp', '$.colour']),
    );
    expect(r.issues.length).toBe(6);
    for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
  });

  it('words each problem itself, in English and in Korean', () => {
    const s = clone(newScenario(MONACO)) as unknown as Record<string, Record<string, unknown>>;
    s['traffic']!['demandScale'] = 9;
    delete s['traffic']!['lanes'];
    s['traffic']!['maxIterations'] = 2.5;
    s['traffic']!['targetGap'] = 'small';
    s['carbon']!['basis'] = 'xyz';
    (s as Record<string, unknown>)['name'] = '';
    (s as Record<string, unknown>)['colour'] = 'red';
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = Object.fromEntries(r.issues.map((i) => [i.path, [i.message, issueText('ko', i)]]));
    expect(by).toEqual({
      '$.name': ['must not be empty', '비워 둘 수 없습니다'],
      '$.traffic.demandScale': ['must be at most 3 (got 9)', '3 이하여야 합니다 (받은 값: 9)'],
      // Not valibot's "Invalid key: Expected "lanes" but received undefined".
      '$.traffic.lanes': ['is required', '필수 항목입니다'],
      '$.traffic.targetGap': ['must be a number (got "small")', '숫자 값이어야 합니다 (받은 값: "small")'],
      '$.traffic.maxIterations': ['must be a whole number (got 2.5)', '정수여야 합니다 (받은 값: 2.5)'],
      '$.carbon.basis': ['must be one of ttw, wtw (got "xyz")', 'ttw, wtw 중 하나여야 합니다 (받은 값: "xyz")'],
      '$.colour': ['unknown field', '알 수 없는 항목입니다'],
    });
    // The English message is the English rendering of the same code and parameters.
    for (const i of r.issues) expect(issueText('en', i)).toBe(i.message);
    expect(r.issues.find((i) => i.path === '$.traffic.demandScale')).toMatchObject({ code: 'max', params: { max: 3, got: '9' } });
  });

  it('has every issue message in both languages', () => {
    for (const code of ISSUE_CODES) {
      expect(isMessageKey(`scenario.issue.${code}`), code).toBe(true);
      // 'other' passes a message through as it is.
      if (code !== 'other') expect(translate('ko', `scenario.issue.${code}` as MessageKey), code).not.toBe(translate('en', `scenario.issue.${code}` as MessageKey));
    }
    for (const k of [...VALUE_KINDS.map((x) => `kind.${x}`), ...UNIQUE_WHATS.map((x) => `what.${x}`)]) expect(isMessageKey(`scenario.issue.${k}`), k).toBe(true);
  });

  it('reports a repeated link, zone or station at the repeat', () => {
    const s = clone(newScenario(MONACO)) as unknown as Record<string, Record<string, unknown>>;
    s['traffic']!['closedLinks'] = [4, 7, 4];
    s['traffic']!['lanes'] = [{ link: 2, lanes: 2 }, { link: 2, lanes: 3 }];
    s['traffic']!['zoneFactors'] = [{ zone: 1, factor: 2 }, { zone: 1, factor: 3 }];
    s['hydrogen']!['stationsRemoved'] = ['a', 'a'];
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['$.hydrogen.stationsRemoved[1]', '$.traffic.closedLinks[2]', '$.traffic.lanes[1]', '$.traffic.zoneFactors[1]']);
    expect(r.issues.every((i) => i.code === 'unique' && /more than once/.test(i.message))).toBe(true);
    expect(r.issues.find((i) => i.path === '$.traffic.closedLinks[2]')?.message).toBe('lists the same link more than once');
  });

  it('locates a JSON syntax error by line and column', () => {
    const r = parseScenarioText('{\n  "format": "citytwin.scenario",\n  "version": 2,,\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.path).toBe('$');
    expect(r.issues[0]!.message).toMatch(/invalid JSON at line 3, column \d+/);
  });

  it('refuses a newer version with a clear message, and what is not a scenario', () => {
    const r = parseScenario({ ...newScenario(MONACO), version: 3 });
    expect(r).toMatchObject({ ok: false, issues: [{ path: '$.version', code: 'newerVersion', message: 'version 3 is newer than this viewer reads (2); update CityTwin' }] });
    if (!r.ok) expect(issueText('ko', r.issues[0]!)).toBe('버전 3 파일은 이 뷰어가 읽는 버전(2)보다 새롭습니다. CityTwin을 업데이트하세요');
    expect(parseScenario([1, 2])).toMatchObject({ ok: false, issues: [{ path: '$' }] });
    expect(parseScenario({ type: 'FeatureCollection' })).toMatchObject({ ok: false, issues: [{ path: '$.format' }] });
  });
});

describe('migration', () => {
  it('reads a version 1 file into the current version, every value in its new place', () => {
    const r = parseScenarioText(readFileSync(new URL('v1-monaco.json', FIXTURES), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    const s = r.scenario;
    expect(checkScenario(s).ok).toBe(true);
    expect(s.version).toBe(2);
    expect(s.name).toBe('Port closure (v1)');
    expect(s.city).toEqual({ name: 'Monaco', layers: {} });
    expect(s.traffic.demandScale).toBe(1.1);
    expect(s.traffic.closedLinks).toEqual([5, 12]);
    expect(s.traffic.lanes).toEqual([{ link: 40, lanes: 3 }]);
    expect(s.fleet).toEqual({ car_bev: 0.3 });
    expect(s.carbon.gridTPerMWh).toBe(0.35);
    expect(s.carbon.cellSize).toBe(50);
    expect(s.hydrogen).toEqual(BASELINE_HYDROGEN);
    // Nothing else moved: the edit list is exactly the v1 file's.
    expect(listEdits(s).map((e) => e.id)).toEqual(['traffic.demandScale', 'traffic.closed:5', 'traffic.closed:12', 'traffic.lanes:40', 'fleet:car_bev', 'carbon.grid', 'carbon.cellSize']);
  });

  it('reports a bad version 1 field with its path', () => {
    const r = parseScenario({ version: 1, name: 'x', closedLinks: [3, -4] });
    expect(r).toMatchObject({ ok: false, issues: [{ path: '$.closedLinks[1]' }] });
  });
});

describe('hashes', () => {
  it('hash the same value the same whatever the key order; drop undefined members', () => {
    const a = { b: 1, a: { y: [1, 2, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, 2, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(hashValue(a)).toBe(hashValue(b));
    expect(hashValue({ l: [1, 2] })).not.toBe(hashValue({ l: [2, 1] }));
    expect(canonicalJson({ b: undefined, a: 1, c: { d: undefined, e: null } })).toBe('{"a":1,"c":{"e":null}}');
    expect(hashValue({ a: 1, b: undefined })).toBe(hashValue({ a: 1 }));
  });

  it('are SHA-256, first 32 hex digits (pinned)', () => {
    expect(hashBytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223');
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223');
    expect(hashValue({ b: 2, a: 1 })).toBe(hashText('{"a":1,"b":2}'));
  });

  it("pins a known scenario's stage input hashes (a change of hashing or of a stage's inputs shows here)", () => {
    const s: Scenario = { ...newScenario(MONACO, 'Pinned'), fleet: { car_bev: 0.3 }, traffic: { ...newScenario(MONACO).traffic, closedLinks: [876] } };
    const traffic = hashValue(trafficStageInput(s));
    expect(traffic).toBe('f1ef216ddddeace1add2cc16de844367');
    expect(hashValue(carbonStageInput(s, traffic, null))).toBe('6a51e461117edd3a434402717fa00892');
    expect(hashValue(carbonStageInput(s, traffic, 5.87017))).toBe('69df99a6f2e1350e69982d306e4416bc');
    expect(hashValue(hydrogenStageInput(s, traffic))).toBe('6e7ea3ef737a2e788f9daa18a14d2c7c');
    // Monaco's baseline (the CLI reports these for `scenario --new` run as is).
    const base = newScenario(MONACO);
    const baseTraffic = hashValue(trafficStageInput(base));
    expect(baseTraffic).toBe('725abd852e2adb2e81e96a148c883fb0');
    expect(hashValue(carbonStageInput(base, baseTraffic, null))).toBe('08c245c8c888014449fcc5aeed734637');
    expect(hashValue(hydrogenStageInput(base, baseTraffic))).toBe('1d916ebbf59f8baf73a0694faf5a7205');
    // The city profile is in the traffic and carbon stages' inputs (speed limits, trips, grid and gas), not the hydrogen stage's.
    const kr = { ...s, city: { ...s.city, profile: 'KR' as const } };
    expect(hashValue(trafficStageInput(kr))).not.toBe(traffic);
    expect(hashValue(carbonStageInput(kr, traffic, null))).not.toBe(hashValue(carbonStageInput(s, traffic, null)));
    expect(hashValue(hydrogenStageInput(kr, traffic))).toBe(hashValue(hydrogenStageInput(s, traffic)));
    // The scenario's name, notes and hydrogenFromSupply are in no stage's input.
    const renamed = { ...s, name: 'Other', notes: 'n', carbon: { ...s.carbon, hydrogenFromSupply: false } };
    expect(hashValue(trafficStageInput(renamed))).toBe(traffic);
    expect(hashValue(carbonStageInput(renamed, traffic, null))).toBe(hashValue(carbonStageInput(s, traffic, null)));
    expect(hashValue(hydrogenStageInput(renamed, traffic))).toBe(hashValue(hydrogenStageInput(s, traffic)));
  });
});

describe('edits', () => {
  it('lists one edit of each kind with a stable id, and removes each alone', () => {
    const s = everyKind();
    const edits = listEdits(s);
    expect(edits.map((e) => [e.id, e.kind])).toEqual([
      ['traffic.demandScale', 'demandScale'],
      ['traffic.zone:3', 'zoneFactor'],
      ['traffic.closed:12', 'closeLink'],
      ['traffic.lanes:40', 'lanes'],
      ['traffic.targetGap', 'targetGap'],
      ['traffic.maxIterations', 'maxIterations'],
      ['fleet:car_bev', 'fleetShare'],
      ['carbon.grid', 'gridFactor'],
      ['carbon.retrofit', 'retrofit'],
      ['carbon.green:0', 'greenArea'],
      ['carbon.factor:fuel.petrolKgPerL', 'factor'],
      ['carbon.cellSize', 'cellSize'],
      ['carbon.basis', 'basis'],
      ['carbon.hydrogenFromSupply', 'hydrogenFixed'],
      ['hydrogen.objective', 'objective'],
      ['hydrogen.stationChoice', 'stationChoiceOn'],
      ['hydrogen.fcev:car', 'fcevShare'],
      ['hydrogen.demandFromTraffic', 'demandFromModel'],
      ['hydrogen.added:placed-1', 'stationAdded'],
      ['hydrogen.removed:osm-avia', 'stationRemoved'],
      ['hydrogen.capacity:osm-esso', 'stationCapacity'],
      ['hydrogen.source:smr-provence', 'sourceOff'],
      ['hydrogen.unmet', 'unmetForbidden'],
      ['hydrogen.catchment', 'catchmentDetour'],
    ]);
    expect(edits.find((e) => e.id === 'traffic.zone:3')!.params).toEqual({ zone: 4, factor: 1.5 });
    const ids = edits.map((e) => e.id);
    for (const id of ids) {
      const after = removeEdit(s, id);
      expect(checkScenario(after).ok).toBe(true);
      expect(listEdits(after).map((e) => e.id)).toEqual(ids.filter((x) => x !== id));
    }
    expect(removeEdit(s, 'no.such:edit')).toBe(s);
  });

  it('ends at the baseline when every edit is removed one by one', () => {
    const s = everyKind();
    let t = s;
    for (const e of listEdits(s)) t = removeEdit(t, e.id);
    expect(listEdits(t)).toEqual([]);
    // Every parameter back at its default too: the baseline of a default-parameter scenario.
    expect(t).toEqual({ ...baselineOf(t), name: s.name });
    // A scenario that keeps the default parameters undoes to exactly its baselineOf (name aside).
    const plain: Scenario = { ...s, traffic: { ...s.traffic, targetGap: 1e-4, maxIterations: 500 }, carbon: { ...s.carbon, cellSize: 100, basis: 'ttw' } };
    let u = plain;
    for (const e of listEdits(plain)) u = removeEdit(u, e.id);
    expect(u).toEqual(baselineOf(plain, plain.name));
  });
});

describe('share fragments', () => {
  it('round-trip a scenario', () => {
    for (const s of [newScenario(MONACO), everyKind(), twentyEdits()]) {
      const f = encodeShareFragment(s);
      expect(f.startsWith('s=')).toBe(true);
      expect(f).toMatch(/^s=[A-Za-z0-9_-]+$/);
      expect(decodeShareFragment(f)).toEqual({ ok: true, scenario: s });
      expect(decodeShareFragment(`#${f}`)).toEqual({ ok: true, scenario: s });
    }
  });

  it('carry 20 edits in at most 2048 characters', () => {
    const s = twentyEdits();
    expect(listEdits(s)).toHaveLength(20);
    const f = encodeShareFragment(s);
    console.log(`share fragment of a scenario with 20 edits: ${f.length} characters (limit ${MAX_LINK_CHARS})`);
    expect(f.length).toBeLessThanOrEqual(2048);
  });

  it('report a damaged fragment', () => {
    const f = encodeShareFragment(twentyEdits());
    for (const cut of [f.slice(0, f.length - 7), f.slice(0, f.length >> 1), f.slice(0, 10)]) {
      const r = decodeShareFragment(cut);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]!.message).toMatch(/cannot be read/);
    }
    expect(decodeShareFragment('x=abc')).toMatchObject({ ok: false, issues: [{ path: '$', code: 'noShare', message: 'the link carries no scenario' }] });
  });
});

describe('KPI comparison', () => {
  const a: Kpis = {
    vkt: 1000,
    vht: 40,
    meanSpeedKmh: 25,
    congestedLinks: 0,
    unroutedVehPerHour: 0,
    co2e: { buildings: 200, transport: 50, sinks: -10, net: 240 },
    hydrogen: null,
  };
  const b: Kpis = {
    vkt: 1100,
    vht: 50,
    meanSpeedKmh: 22,
    congestedLinks: 3,
    unroutedVehPerHour: 0,
    co2e: { buildings: 150, transport: 50, sinks: -20, net: 180 },
    hydrogen: { demandKgPerDay: 500, deliveredKgPerDay: 450, unmetKgPerDay: 50, krwPerKg: 9000, kgCo2ePerKg: 4 },
  };

  it('gives the change (B − A) and its percentage of A', () => {
    const rows = Object.fromEntries(compareKpis(a, b).map((r) => [r.key, r]));
    expect(rows['vkt']).toMatchObject({ a: 1000, b: 1100, change: 100, percent: 10, unit: 'veh·km/h', better: 'neither' });
    expect(rows['vht']).toMatchObject({ change: 10, percent: 25, better: 'lower' });
    expect(rows['meanSpeedKmh']).toMatchObject({ change: -3, percent: -12, better: 'higher' });
    expect(rows['congestedLinks']).toMatchObject({ a: 0, b: 3, change: 3, percent: null });
    expect(rows['co2e.buildings']).toMatchObject({ change: -50, percent: -25 });
    expect(rows['co2e.transport']).toMatchObject({ change: 0, percent: 0 });
    // Percent of |A|: sinks from -10 to -20 is -100 % (more absorbed).
    expect(rows['co2e.sinks']).toMatchObject({ change: -10, percent: -100 });
    expect(rows['co2e.net']).toMatchObject({ change: -60, percent: -25 });
    expect(rows['hydrogen.deliveredKgPerDay']).toMatchObject({ a: null, b: 450, change: null, percent: null });
    expect(rows['unroutedVehPerHour']).toMatchObject({ a: 0, b: 0, change: 0, unit: 'veh/h', better: 'lower' });
    expect(compareKpis(a, b).map((r) => r.key)).toHaveLength(14);
    expect(compareKpis(a, b).every((r) => r.comparable)).toBe(true);
  });

  it('does not weigh travel figures counted over different routed trips', () => {
    // B closes the only road into a zone: its 300 veh/h have no route, and the hours they no longer
    // spend on the road would otherwise read as a large improvement.
    const closed: Kpis = { ...a, vkt: 700, vht: 20, meanSpeedKmh: 35, unroutedVehPerHour: 300, co2e: { buildings: 200, transport: 35, sinks: -10, net: 225 } };
    expect(routedDemandDiffers(a, closed)).toBe(true);
    const rows = Object.fromEntries(compareKpis(a, closed).map((r) => [r.key, r]));
    for (const key of ROUTED_ONLY_KPIS) expect(rows[key]!.comparable, key).toBe(false);
    expect(rows['vht']).toMatchObject({ change: -20, percent: -50 });
    expect(rows['unroutedVehPerHour']).toMatchObject({ a: 0, b: 300, change: 300, comparable: true });
    expect(rows['co2e.buildings']!.comparable).toBe(true);
    // The same unrouted demand on both sides (to rounding) keeps every row comparable.
    expect(routedDemandDiffers(closed, { ...closed, unroutedVehPerHour: 300 + 1e-9 })).toBe(false);
    expect(compareKpis(closed, { ...closed, vht: 25 }).every((r) => r.comparable)).toBe(true);
  });

  it('does not weigh hydrogen kilograms drawn from traffic that routes different trips', () => {
    const h = { demandKgPerDay: 500, deliveredKgPerDay: 450, unmetKgPerDay: 50, krwPerKg: 9000, kgCo2ePerKg: 4 };
    const hydrogenKeys = ['hydrogen.demandKgPerDay', 'hydrogen.deliveredKgPerDay', 'hydrogen.unmetKgPerDay'];
    const fromTraffic: Kpis = { ...a, hydrogen: { ...h, fromTraffic: true } };
    const closed: Kpis = { ...a, unroutedVehPerHour: 300, hydrogen: { ...h, demandKgPerDay: 400, deliveredKgPerDay: 400, unmetKgPerDay: 0, fromTraffic: true } };
    expect(incomparableKpis(fromTraffic, closed)).toEqual([...ROUTED_ONLY_KPIS, ...hydrogenKeys]);
    expect(ROUTED_ONLY_HYDROGEN_KPIS).toEqual(hydrogenKeys);
    const rows = Object.fromEntries(compareKpis(fromTraffic, closed).map((r) => [r.key, r]));
    for (const key of hydrogenKeys) expect(rows[key]!.comparable, key).toBe(false);
    // Per-kilogram figures are ratios of what was delivered: still read as better or worse.
    expect(rows['hydrogen.krwPerKg']!.comparable).toBe(true);
    expect(rows['hydrogen.kgCo2ePerKg']!.comparable).toBe(true);
    // Demand from the model's own zones does not follow the routed trips; neither do figures saved
    // before the source was recorded (no fromTraffic).
    const modelDemand: Kpis = { ...closed, hydrogen: { ...closed.hydrogen!, fromTraffic: false } };
    expect(incomparableKpis({ ...a, hydrogen: h }, modelDemand)).toEqual(ROUTED_ONLY_KPIS);
    // The same routed demand on both sides: every row comparable.
    expect(incomparableKpis(fromTraffic, { ...fromTraffic, hydrogen: { ...h, demandKgPerDay: 510, fromTraffic: true } })).toEqual([]);
  });

  it('records where the hydrogen demand came from', () => {
    const summary = { demandKgPerDay: 500, deliveredKgPerDay: 450, unmetKgPerDay: 50, krwPerKgDelivered: 9000, kgCo2ePerKgDelivered: 4 };
    const base = { traffic: null, isConnector: null, carbon: null };
    expect(computeKpis({ ...base, hydrogen: { demand: 'traffic', solution: { summary } } }).hydrogen?.fromTraffic).toBe(true);
    expect(computeKpis({ ...base, hydrogen: { demand: 'model', solution: { summary } } }).hydrogen?.fromTraffic).toBe(false);
    expect(computeKpis({ ...base, hydrogen: { solution: { summary } } }).hydrogen?.fromTraffic).toBe(false);
  });
});
