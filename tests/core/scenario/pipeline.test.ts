// The scenario pipeline: which stages run and which are served from the cache (fake runners that count
// their calls), cancellation, missing layers; then the real models on Monaco: edit, then undo, gives the
// first run's bytes again (A/B Street's ab_test_spurious_diff).
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { loadBuiltInCity } from '../../../src/cli/city.ts';
import {
  CityModels,
  PipelineCancelled,
  type PipelineRunners,
  type Scenario,
  StageCache,
  type StageName,
  newScenario,
  runPipeline,
} from '../../../src/core/scenario/index.ts';

const H = (c: string): string => c.repeat(32);
const CITY: Scenario['city'] = {
  name: 'Test city',
  layers: {
    buildings: { name: 'b.geojson', hash: H('1') },
    roads: { name: 'r.geojson', hash: H('2') },
    green: { name: 'g.geojson', hash: H('3') },
    districts: { name: 'd.geojson', hash: H('4') },
    hydrogenModel: { name: 'h.json', hash: H('5') },
  },
};

interface FakeTraffic { readonly closed: number; readonly demand: number }
interface FakeCarbon { readonly net: number; readonly factor: number | null; readonly fromTraffic: boolean }
interface FakeHydrogen { readonly kgCo2ePerKg: number | null; readonly fromTraffic: boolean }

/** Runners whose results follow their inputs, counting calls per runner. */
function fakes(factor: number | null = 4.5) {
  const calls = { traffic: 0, carbon: 0, hydrogen: 0 };
  const runners: PipelineRunners<FakeTraffic, FakeCarbon, FakeHydrogen> = {
    traffic: async (s) => {
      calls.traffic++;
      return { closed: s.traffic.closedLinks.length, demand: s.traffic.demandScale };
    },
    carbon: async (s, t, f) => {
      calls.carbon++;
      return { net: 100 * (s.carbon.gridTPerMWh ?? 0.4173) + (t ? t.demand : 0), factor: f, fromTraffic: t !== null };
    },
    hydrogen: async (s, t) => {
      calls.hydrogen++;
      return { kgCo2ePerKg: factor, fromTraffic: s.hydrogen.demandFromTraffic && t !== null };
    },
    hydrogenFactor: (h) => h.kgCo2ePerKg,
  };
  const reset = (): void => {
    calls.traffic = calls.carbon = calls.hydrogen = 0;
  };
  return { runners, calls, reset };
}

const cachedOf = (stages: Readonly<Record<StageName, { cached: boolean }>>) => ({
  traffic: stages.traffic.cached,
  carbon: stages.carbon.cached,
  hydrogen: stages.hydrogen.cached,
  carbonFinal: stages.carbonFinal.cached,
});

const base = newScenario(CITY);
const withTraffic = (s: Scenario, closed: number[]): Scenario => ({ ...s, traffic: { ...s.traffic, closedLinks: closed } });

describe('pipeline cache', () => {
  it('serves every stage from the cache when nothing changed, without calling a runner', async () => {
    const f = fakes();
    const cache = new StageCache();
    const first = await runPipeline(base, f.runners, cache);
    expect(cachedOf(first.stages)).toEqual({ traffic: false, carbon: false, hydrogen: false, carbonFinal: false });
    expect(f.calls).toEqual({ traffic: 1, carbon: 2, hydrogen: 1 });
    expect(first.carbon).toEqual({ net: 100 * 0.4173 + 1, factor: 4.5, fromTraffic: true });
    f.reset();
    const second = await runPipeline(base, f.runners, cache);
    expect(cachedOf(second.stages)).toEqual({ traffic: true, carbon: true, hydrogen: true, carbonFinal: true });
    expect(f.calls).toEqual({ traffic: 0, carbon: 0, hydrogen: 0 });
    for (const st of Object.values(second.stages)) expect(st.seconds).toBe(0);
    expect(second.stages.traffic.hash).toBe(first.stages.traffic.hash);
    expect(second.carbon).toBe(first.carbon);
    expect(second.hydrogen).toBe(first.hydrogen);
  });

  it('recomputes only carbon when only a carbon parameter changes', async () => {
    const f = fakes();
    const cache = new StageCache();
    const first = await runPipeline(base, f.runners, cache);
    f.reset();
    const s = { ...base, carbon: { ...base.carbon, gridTPerMWh: 0.3 } };
    const r = await runPipeline(s, f.runners, cache);
    expect(cachedOf(r.stages)).toEqual({ traffic: true, carbon: false, hydrogen: true, carbonFinal: false });
    expect(f.calls).toEqual({ traffic: 0, carbon: 2, hydrogen: 0 });
    expect(r.stages.carbon.hash).not.toBe(first.stages.carbon.hash);
    expect(r.carbon!.net).toBeCloseTo(31, 9);
  });

  it('recomputes every stage after a traffic edit (hydrogen takes its demand from traffic)', async () => {
    const f = fakes();
    const cache = new StageCache();
    await runPipeline(base, f.runners, cache);
    f.reset();
    const r = await runPipeline(withTraffic(base, [7]), f.runners, cache);
    expect(cachedOf(r.stages)).toEqual({ traffic: false, carbon: false, hydrogen: false, carbonFinal: false });
    expect(f.calls).toEqual({ traffic: 1, carbon: 2, hydrogen: 1 });
    expect(r.traffic).toEqual({ closed: 1, demand: 1 });
    // Undoing the edit serves the first run again.
    f.reset();
    const undo = await runPipeline(base, f.runners, cache);
    expect(cachedOf(undo.stages)).toEqual({ traffic: true, carbon: true, hydrogen: true, carbonFinal: true });
  });

  it('keeps hydrogen cached across a traffic edit when its demand is the model’s own', async () => {
    const f = fakes();
    const cache = new StageCache();
    const own = { ...base, hydrogen: { ...base.hydrogen, demandFromTraffic: false } };
    const first = await runPipeline(own, f.runners, cache);
    expect(first.hydrogen!.fromTraffic).toBe(false);
    f.reset();
    const r = await runPipeline(withTraffic(own, [3, 9]), f.runners, cache);
    expect(cachedOf(r.stages)).toEqual({ traffic: false, carbon: false, hydrogen: true, carbonFinal: false });
    expect(f.calls).toEqual({ traffic: 1, carbon: 2, hydrogen: 0 });
    expect(r.stages.hydrogen.hash).toBe(first.stages.hydrogen.hash);
  });

  it('reuses the carbon stage as the final one when the supply factor is not taken (or there is none)', async () => {
    for (const [s, factor] of [
      [{ ...base, carbon: { ...base.carbon, hydrogenFromSupply: false } }, 4.5],
      [base, null],
    ] as const) {
      const f = fakes(factor);
      const r = await runPipeline(s, f.runners, new StageCache());
      expect(f.calls).toEqual({ traffic: 1, carbon: 1, hydrogen: 1 });
      expect(r.stages.carbonFinal.hash).toBe(r.stages.carbon.hash);
      expect(r.carbon!.factor).toBeNull();
    }
  });

  it('stops with PipelineCancelled when the signal aborts, and caches nothing of the aborted stage', async () => {
    const f = fakes();
    const cache = new StageCache();
    const before = new AbortController();
    before.abort();
    await expect(runPipeline(base, f.runners, cache, { signal: before.signal })).rejects.toBeInstanceOf(PipelineCancelled);
    expect(f.calls.traffic).toBe(0);
    const during = new AbortController();
    const aborting: typeof f.runners = { ...f.runners, traffic: async (s, hooks) => {
      const t = await f.runners.traffic!(s, hooks);
      during.abort();
      return t;
    } };
    const seen: string[] = [];
    await expect(runPipeline(base, aborting, cache, { signal: during.signal, onStage: (n, state) => seen.push(`${n}:${state}`) })).rejects.toThrow(PipelineCancelled);
    expect(seen).toEqual(['traffic:running']);
    expect(f.calls).toEqual({ traffic: 1, carbon: 0, hydrogen: 0 });
    f.reset();
    const r = await runPipeline(base, f.runners, cache);
    expect(r.stages.traffic.cached).toBe(false);
    expect(f.calls.traffic).toBe(1);
  });

  it('gives a stage without its layers a null hash and no result', async () => {
    const f = fakes();
    const { roads: _roads, ...layers } = CITY.layers;
    const s = { ...base, city: { ...CITY, layers } };
    const r = await runPipeline(s, f.runners, new StageCache());
    expect(r.stages.traffic).toEqual({ hash: null, seconds: 0, cached: false });
    expect(r.traffic).toBeNull();
    expect(f.calls.traffic).toBe(0);
    expect(r.carbon!.fromTraffic).toBe(false);
    expect(r.stages.carbon.hash).not.toBeNull();
    const { hydrogenModel: _h, ...noModel } = CITY.layers;
    const n = await runPipeline({ ...base, city: { ...CITY, layers: noModel } }, f.runners, new StageCache());
    expect(n.stages.hydrogen.hash).toBeNull();
    expect(n.hydrogen).toBeNull();
    expect(n.stages.carbonFinal.hash).toBe(n.stages.carbon.hash);
  });
});

describe('pipeline on Monaco (real models)', () => {
  it('gives the same bytes after an edit is undone (fresh cache and models)', async () => {
    const city = loadBuiltInCity('monaco');
    const s = newScenario(city.city);
    const models = new CityModels(city.inputs, () => loadHighs());
    const cache = new StageCache();
    const first = await runPipeline(s, models.runners(), cache);
    const link = first.traffic!.run.summary.topCongested[0]!.link;
    const edited = await runPipeline({ ...s, traffic: { ...s.traffic, closedLinks: [link] }, fleet: { car_bev: 0.4 } }, models.runners(), cache);
    expect(cachedOf(edited.stages)).toEqual({ traffic: false, carbon: false, hydrogen: false, carbonFinal: false });
    expect(edited.traffic!.run.flows[link]).toBe(0);
    const again = await runPipeline(s, new CityModels(city.inputs, () => loadHighs()).runners(), new StageCache());
    expect(cachedOf(again.stages)).toEqual({ traffic: false, carbon: false, hydrogen: false, carbonFinal: false });

    const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const [t1, t3] = [first.traffic!.run, again.traffic!.run];
    expect(bytes(t3.flows).equals(bytes(t1.flows))).toBe(true);
    expect(bytes(t3.timesMin).equals(bytes(t1.timesMin))).toBe(true);
    expect(t3.summary).toStrictEqual(t1.summary);
    const [c1, c3] = [first.carbon!, again.carbon!];
    expect(c3.totals).toStrictEqual(c1.totals);
    expect(c3.grid.spec).toStrictEqual(c1.grid.spec);
    for (const k of ['buildings', 'transport', 'sinks', 'net'] as const) {
      expect(bytes(c3.grid.attributes[k].value).equals(bytes(c1.grid.attributes[k].value))).toBe(true);
    }
    const [h1, h3] = [first.hydrogen!.result, again.hydrogen!.result];
    expect(h1.status).toBe('optimal');
    expect(h3.solution!.summary).toStrictEqual(h1.solution!.summary);
    expect(h3.solution!.flows).toStrictEqual(h1.solution!.flows);
    // And the stage hashes, the cache's keys, are the same.
    for (const k of ['traffic', 'carbon', 'hydrogen', 'carbonFinal'] as const) expect(again.stages[k].hash).toBe(first.stages[k].hash);

    // The models that ran the edit keep no history that shows: the same bytes from them with a fresh cache.
    const same = await runPipeline(s, models.runners(), new StageCache());
    expect(bytes(same.traffic!.run.flows).equals(bytes(t1.flows))).toBe(true);
    expect(bytes(same.carbon!.grid.attributes.net.value).equals(bytes(c1.grid.attributes.net.value))).toBe(true);
    expect(same.hydrogen!.result.solution!.summary).toStrictEqual(h1.solution!.summary);
  });
});
