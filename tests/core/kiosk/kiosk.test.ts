// Kiosk core: the shipped kiosk files validate (and their scenario files too), bad fields are reported by JSON
// path, the loop's timing, easing and interpolation are exact, and the watchdog arithmetic.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOOP_START, advance, attractDue, backoffMs, bearingDelta, easeInOut, frameAt, interpolateView, languageAt, memoryVerdict, parseKiosk, parseKioskText, playlistItemAt, slope, tourSeconds } from '../../../src/core/kiosk/index.ts';
import { issueText } from '../../../src/core/scenario/index.ts';
import { parseScenarioText } from '../../../src/core/scenario/index.ts';

const read = (p: string): string => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');

describe('kiosk files', () => {
  for (const city of ['monaco', 'yeouido']) {
    it(`assets/kiosk/${city}.json is valid, for its city, and its playlist's scenario files parse`, () => {
      const r = parseKioskText(read(`assets/kiosk/${city}.json`));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.kiosk.city).toBe(city);
      expect(r.kiosk.recovery.workerSilenceSeconds).toBe(20);
      for (const item of r.kiosk.playlist) {
        for (const ref of [item.scenario, ...(item.compareWith ? [item.compareWith] : [])]) {
          const s = parseScenarioText(read(`assets/kiosk/${ref}`));
          expect(s.ok, ref).toBe(true);
        }
      }
    });
  }

  it('reports every bad field with its JSON path', () => {
    const k = JSON.parse(read('assets/kiosk/monaco.json')) as Record<string, unknown> & { viewpoints: Record<string, unknown>[] };
    k.viewpoints[2]!['tilt'] = 89;
    k['idleSeconds'] = 1;
    k['language'] = 'fr';
    const r = parseKiosk(k);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['$.idleSeconds', '$.language', '$.viewpoints[2].tilt']);
    // In our own words, in both languages (the scenario file's), not valibot's.
    const said = (lang: 'ko' | 'en'): string[] => r.issues.map((i) => `${i.path}: ${issueText(lang, i)}`).sort();
    expect(said('en')).toEqual([
      '$.idleSeconds: must be at least 5 (got 1)',
      '$.language: must be one of ko, en, alternate (got "fr")',
      '$.viewpoints[2].tilt: must be at most 80 (got 89)',
    ]);
    expect(said('ko')).toEqual([
      '$.idleSeconds: 5 이상이어야 합니다 (받은 값: 1)',
      '$.language: ko, en, alternate 중 하나여야 합니다 (받은 값: "fr")',
      '$.viewpoints[2].tilt: 80 이하여야 합니다 (받은 값: 89)',
    ]);
    expect(r.issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual(said('en'));
    const syntax = parseKioskText('{\n  "format": nope\n}');
    expect(syntax.ok).toBe(false);
    if (syntax.ok) return;
    expect(syntax.issues).toHaveLength(1);
    expect(syntax.issues[0]!.path).toBe('$');
    expect(issueText('en', syntax.issues[0]!)).toMatch(/^invalid JSON at line 2, column 13: \S/);
    expect(issueText('ko', syntax.issues[0]!)).toMatch(/^JSON 형식 오류 \(2행 13열\): \S/);
  });

  it('fills the defaults of recovery and health', () => {
    const k = JSON.parse(read('assets/kiosk/monaco.json')) as Record<string, unknown>;
    delete k['recovery'];
    delete k['health'];
    const r = parseKiosk(k);
    expect(r.ok && r.kiosk.recovery).toEqual({ workerSilenceSeconds: 30, jobLimitSeconds: 300, heapLimitMiB: 1536, gpuGrowthFactor: 3 });
    expect(r.ok && r.kiosk.health).toEqual({ heartbeatSeconds: 300 });
  });
});

const vp = (flight: number, hold: number) => ({ id: 'v', lonLat: [0, 0] as [number, number], distance: 100, tilt: 0, bearing: 0, flightSeconds: flight, holdSeconds: hold, caption: { ko: '가', en: 'a' } });
const tour = {
  viewpoints: [vp(2, 3), vp(1, 4), vp(5, 5)],
  playlist: [
    { scenario: 'a', title: { ko: '가', en: 'a' }, map: 'b' as const, viewpoints: 2 },
    { scenario: 'b', title: { ko: '나', en: 'b' }, map: 'difference' as const, viewpoints: 1 },
  ],
};

describe('the attract loop', () => {
  it('steps through flights and holds, tour after tour', () => {
    expect(tourSeconds(tour)).toBe(20);
    expect(advance(tour, LOOP_START, 1.5)).toEqual({ step: 0, inStep: 1.5 });
    expect(frameAt(tour, { step: 0, inStep: 1 })).toEqual({ from: 2, to: 0, phase: 'flight', t: 0.5, item: 0, tours: 0 });
    expect(frameAt(tour, { step: 0, inStep: 2.5 }).phase).toBe('hold');
    expect(advance(tour, LOOP_START, 5)).toEqual({ step: 1, inStep: 0 });
    expect(advance(tour, LOOP_START, 20 * 3 + 6)).toEqual({ step: 10, inStep: 1 });
    // A day in one call costs no more than a tour; 86,400 s = 4,320 tours of 20 s.
    expect(advance(tour, LOOP_START, 86_400)).toEqual({ step: 4320 * 3, inStep: 0 });
    expect(frameAt(tour, { step: 4320 * 3, inStep: 0 }).tours).toBe(4320);
  });

  it('moves the playlist on by its items’ viewpoint counts', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => playlistItemAt(tour, s))).toEqual([0, 0, 1, 0, 0, 1, 0]);
    expect(playlistItemAt({ ...tour, playlist: [] }, 3)).toBe(-1);
  });

  it('eases in and out, and interpolates views (distance geometrically, bearing the short way)', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(easeInOut)).toEqual([0, 0.0625, 0.5, 0.9375, 1]);
    expect(bearingDelta(350, 10)).toBe(20);
    expect(bearingDelta(10, 350)).toBe(-20);
    expect(bearingDelta(0, 180)).toBe(180);
    const v = interpolateView({ x: 0, y: 0, distance: 100, tilt: 10, bearing: 350 }, { x: 100, y: -50, distance: 400, tilt: 50, bearing: 30 }, 0.5);
    expect(v).toEqual({ x: 50, y: -25, distance: 200, tilt: 30, bearing: 370 });
  });

  it('alternates languages and resumes after the idle time', () => {
    expect(languageAt({ language: 'en', alternateSeconds: 30 }, 100)).toBe('en');
    expect([0, 29, 30, 61].map((s) => languageAt({ language: 'alternate', alternateSeconds: 30 }, s))).toEqual(['ko', 'ko', 'en', 'ko']);
    expect(attractDue(null, 5, 60)).toBe(true);
    expect(attractDue(10, 69, 60)).toBe(false);
    expect(attractDue(10, 70, 60)).toBe(true);
  });
});

describe('watchdog arithmetic', () => {
  it('backs off 1, 2, 4 … s up to a minute', () => {
    expect([0, 1, 2, 5, 6, 7, 100].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 32000, 60000, 60000, 60000]);
  });

  it('fits the growth per sample', () => {
    expect(slope([5, 7, 9, 11])).toBe(2);
    expect(slope([3, 3, 3])).toBe(0);
    expect(slope([1])).toBe(0);
  });

  it('says why to reload: the heap over its limit, or GPU objects grown past the factor', () => {
    const limits = { heapLimitMiB: 1000, gpuGrowthFactor: 3 };
    expect(memoryVerdict({ heapMiB: 500, gpuObjects: 100 }, 40, limits)).toBeNull();
    expect(memoryVerdict({ heapMiB: 1200, gpuObjects: 10 }, 40, limits)).toBe('JS heap 1200 MiB > 1000 MiB');
    expect(memoryVerdict({ heapMiB: null, gpuObjects: 121 }, 40, limits)).toBe('GPU objects 121 > 3 × 40');
    expect(memoryVerdict({ heapMiB: null, gpuObjects: 121 }, null, limits)).toBeNull();
  });
});
