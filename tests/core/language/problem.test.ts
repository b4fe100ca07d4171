import { describe, expect, it } from 'vitest';
import { en } from '../../../src/core/language/messages/en.ts';
import { ko } from '../../../src/core/language/messages/ko.ts';
import { FileError, type ProblemKey, problem, problemMessage, problemOf } from '../../../src/core/language/problem.ts';
import { problemText } from '../../../src/core/language/problemText.ts';
import { ingestText, sizeVerdict } from '../../../src/core/ingest/index.ts';
import { CityJsonError } from '../../../src/core/cityjson/index.ts';
import { TntpParseError, parseTntpNetBytes, parseTntpTrips } from '../../../src/core/traffic/assign/index.ts';

/** The error `run` throws. */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

/** A file's load error in both languages, and its English message. */
function bothLanguages(text: string, fileName = 'f.geojson'): { en: string; ko: string; message: string } {
  const error = thrown(() => ingestText(text, fileName, 'auto'));
  const p = problemOf(error);
  expect(p, error.message).toBeDefined();
  return { en: problemText('en', p!), ko: problemText('ko', p!), message: error.message };
}

describe('file problems in both languages', () => {
  it('has Korean words for every load message, with the same {slots} as the English', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('load.')) as (keyof typeof en)[];
    expect(keys.length).toBeGreaterThan(40);
    const slots = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const key of keys) {
      expect(slots(ko[key]), key).toEqual(slots(en[key]));
      // Only the punctuation-only endings read the same in both.
      if (!['load.firstSkipped'].includes(key)) expect(ko[key], key).not.toBe(en[key]);
    }
    // The readers' English (without the interface's catalogs) is the interface's English.
    const all = Object.keys(en).filter((k) => k.startsWith('load.') || k.startsWith('tntp.')) as ProblemKey[];
    expect(all.length).toBeGreaterThan(80);
    for (const key of all) {
      const p = problem(key, { detail: problem('load.empty'), n: 3, name: 'x' });
      expect(problemMessage(p), key).toBe(problemText('en', p));
    }
  });

  it('says what is wrong with a GeoJSON file in Korean, located, and keeps the English message', () => {
    const broken = bothLanguages('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",, }\n]}');
    expect(broken.en).toBe(broken.message);
    expect(broken.en).toMatch(/^invalid JSON at line 3, column 22: \S/);
    expect(broken.ko).toMatch(/^JSON 형식 오류 \(3행 22열\): \S/);
    expect(bothLanguages('  \n')).toEqual({ en: 'the file is empty', ko: '파일이 비어 있습니다', message: 'the file is empty' });
    expect(bothLanguages('{"type": "Topology", "objects": {}}').ko).toBe(
      'GeoJSON이 아닙니다: FeatureCollection, Feature 또는 도형이어야 하는데 "Topology"입니다',
    );
    expect(bothLanguages('[1, 2]').ko).toBe('그릴 수 있는 점, 선, 다각형이 파일에 없습니다');
    const lines = bothLanguages('{"type": "Feature"\nnot json\n', 'f.geojsonl');
    expect(lines.en).toMatch(/^invalid JSON: no line of the file can be read \(first: line 1, column \d+: \S/);
    expect(lines.ko).toMatch(/^JSON 형식 오류: 파일의 어느 줄도 읽을 수 없습니다 \(첫 오류: 1행 \d+열: \S/);
  });

  it('names a CRS the viewer does not read, and the projected coordinates it cannot place, in Korean', () => {
    const unsupported = bothLanguages(
      JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:9999' } }, features: [] }),
    );
    expect(unsupported.en).toMatch(/^unsupported CRS "EPSG:9999" \(EPSG:9999\); CityTwin reads EPSG:/);
    expect(unsupported.ko).toMatch(/^지원하지 않는 좌표계 "EPSG:9999" \(EPSG:9999\)입니다\. CityTwin이 읽는 좌표계: EPSG:/);
    const swapped = bothLanguages(
      JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [37.5, 127.0] } }),
    );
    expect(swapped.en).toBe('the coordinates look like latitude, longitude (x 37.5…37.5, y 127…127); expected longitude, latitude (x first)');
    expect(swapped.ko).toBe('좌표가 위도, 경도 순서로 보입니다 (x 37.5…37.5, y 127…127). 경도, 위도 순서(x 먼저)여야 합니다');
  });

  it('tells a CityJSON file’s problem with its cause in the same language', () => {
    const city = {
      type: 'CityJSON',
      version: '2.0',
      metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/9999' },
      transform: { scale: [1, 1, 1], translate: [0, 0, 0] },
      CityObjects: {},
      vertices: [],
    };
    const error = thrown(() => ingestText(JSON.stringify(city), 'f.city.json', 'auto'));
    expect(error).toBeInstanceOf(CityJsonError);
    const p = problemOf(error)!;
    expect(problemText('en', p)).toBe(error.message);
    expect(error.message).toMatch(/^metadata\.referenceSystem: unsupported CRS "[^"]+" \(EPSG:9999\); CityTwin reads .*; in CityJSON also EPSG:/);
    expect(problemText('ko', p)).toMatch(/^metadata\.referenceSystem: 지원하지 않는 좌표계 "[^"]+" \(EPSG:9999\)입니다\. .*CityJSON에서는 다음도 읽습니다: EPSG:/);
  });

  it('refuses a file too large for a tab in either language', () => {
    const verdict = sizeVerdict(600 * 1024 * 1024);
    if (verdict.ok) throw new Error('a 600 MB file was accepted');
    expect(verdict.message).toBe(problemText('en', verdict.problem));
    expect(verdict.message).toMatch(/^the file is 600 MB; files over 512 MB do not fit/);
    expect(problemText('ko', verdict.problem)).toMatch(/^파일이 600 MB입니다\. 512 MB를 넘는 파일은/);
  });

  it('reads a problem back from an error copied out of a worker, and nothing else', () => {
    const cause = problem('load.crsEmpty');
    const sent = new FileError(problem('load.cityjsonCrsUnknown', { cause }));
    // What the page gets: a plain Error with the worker's fields copied on (structured clone, then comlink).
    const received = Object.assign(new Error(sent.message), structuredClone({ message: sent.message, problem: sent.problem }));
    expect(problemOf(received)).toEqual(sent.problem);
    expect(problemText('ko', problemOf(received)!)).toBe(
      '파일에 metadata.referenceSystem이 없고 좌표로도 좌표계를 알 수 없습니다: 좌표계를 추정할 유한한 좌표가 없습니다',
    );
    const forged = (p: unknown): Error => Object.assign(new Error('x'), { problem: p });
    expect(problemOf(new Error('plain'))).toBeUndefined();
    expect(problemOf('load.empty')).toBeUndefined();
    expect(problemOf(forged({ key: 'no.such.key' }))).toBeUndefined();
    expect(problemOf(forged({ key: 'load.json', params: { reason: { html: '<b>' } } }))).toBeUndefined();
    expect(problemOf(forged({ key: 'load.json', params: ['x'] }))).toBeUndefined();
    let deep: unknown = { key: 'load.empty' };
    for (let i = 0; i < 6; i++) deep = { key: 'load.cityjsonCrsUnknown', params: { cause: deep } };
    expect(problemOf(forged(deep))).toBeUndefined();
    // A parameter named like a built-in stays a parameter; slots it does not fill stay as they are.
    const odd = problemOf(forged(JSON.parse('{"key": "load.unknownType", "params": {"__proto__": {"key": "load.empty"}, "type": "x"}}')))!;
    expect(problemText('en', odd)).toBe('not GeoJSON: expected a FeatureCollection, Feature or geometry, found "x"');
    expect(problemText('en', problem('load.unknownType', {}))).toBe('not GeoJSON: expected a FeatureCollection, Feature or geometry, found "{type}"');
    // Values from a file stay text: markup in a parameter comes out as the same characters.
    expect(problemText('ko', problem('load.unknownType', { type: '<img src=x onerror=alert(1)>' }))).toContain('"<img src=x onerror=alert(1)>"');
  });

  it('locates a TNTP file’s problem in Korean: the file, the line and what is wrong', () => {
    const head = '<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n';
    const net = new TextEncoder().encode(`${head}1 3 100 1 1 0.15 4 0 0 1;\n3 2 0 1 1 0.15 4 0 0 1;\n`);
    const error = thrown(() => parseTntpNetBytes(net, 'grid_net.tntp'));
    expect(error).toBeInstanceOf(TntpParseError);
    expect(error.message).toBe('grid_net.tntp: line 7: capacity must be > 0, got 0');
    expect((error as TntpParseError).detail).toBe('capacity must be > 0, got 0');
    expect(problemText('ko', problemOf(error)!)).toBe('grid_net.tntp 7행: capacity은(는) 0보다 커야 하는데 0입니다');
    const trips = thrown(() => parseTntpTrips('<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 40\n<END OF METADATA>\nOrigin 1\n 2 : 10; 3 : 20;\n', 'grid_trips.tntp'));
    expect(trips.message).toBe('grid_trips.tntp: line 2: <TOTAL OD FLOW> is 40 but the entries sum to 30');
    expect(problemText('ko', problemOf(trips)!)).toBe('grid_trips.tntp 2행: <TOTAL OD FLOW>는 40인데 항목의 합은 30입니다');
  });
});
