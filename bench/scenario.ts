// `npm run bench -- scenario`: the scenario pipeline (traffic → carbon → hydrogen → carbon) for Monaco.
// In headless Chromium, through the model workers: a full run (every stage computed) against a run after
// one carbon parameter changed (traffic and hydrogen from the cache), to new results on screen (the next
// animation frame after the store holds them), and the main thread's longest task during a full run.
// In node (the CLI's path): the same two runs in-process. And the share link of a 20-edit scenario.
import { readFileSync } from 'node:fs';
import loadHighs from 'highs';
import { launchBrowser, startPreview } from '../tests/browser/harness.ts';
import { twentyEdits } from '../tests/fixtures/scenario/edits.ts';
import { CityModels, StageCache, encodeShareFragment, listEdits, runPipeline } from '../src/core/scenario/index.ts';
import { loadBuiltInCity } from '../src/cli/city.ts';
import { round } from './ingest.ts';

const OBSERVER = `
window.__tasks = [];
new PerformanceObserver(function (l) { for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration }); })
  .observe({ type: 'longtask', buffered: true });
`;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface BrowserRun {
  ms: number;
  longestTaskMs: number;
  longTasks: number;
  stages: Record<string, { cached: boolean; seconds: number }>;
}

async function browserFigures(repeats: number) {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.addInitScript({ content: OBSERVER });
    await page.goto(url);
    await page.waitForFunction(
      "(() => { const s = window.__citytwinStore && window.__citytwinStore.getState(); return s && ['buildings','roads','green'].every((id) => s.layers.some((l) => l.id === id && l.status === 'ready')) && window.__citytwin && window.__citytwin.pendingChunks() === 0; })()",
      undefined,
      { timeout: 300_000, polling: 200 },
    );
    // One run: from the action to the first animation frame after the store holds the new results.
    const run = (action: string): Promise<BrowserRun> =>
      page.evaluate(`(async () => {
        const st = window.__citytwinStore;
        window.__tasks.length = 0;
        const s = performance.now();
        ${action};
        await st.getState().runScenario();
        await new Promise((r) => requestAnimationFrame(() => r()));
        const ms = performance.now() - s;
        const during = window.__tasks.filter((x) => x.start >= s && x.start <= s + ms);
        const stages = Object.fromEntries(Object.entries(st.getState().pipeline.stages).map(([k, v]) => [k, { cached: v.cached, seconds: v.seconds }]));
        return { ms, longestTaskMs: Math.max(0, ...during.map((x) => x.duration)), longTasks: during.length, stages };
      })()`) as Promise<BrowserRun>;
    // The first run builds the network and reads the city into the workers: reported apart.
    const first = await run('');
    const full: BrowserRun[] = [];
    const carbonOnly: BrowserRun[] = [];
    for (let i = 0; i < repeats; i++) {
      // A traffic edit (demand) makes every stage compute; a grid factor alone only the two carbon stages.
      full.push(await run(`st.getState().setDemandScale(${(1.05 + 0.05 * i).toFixed(2)})`));
      carbonOnly.push(await run(`st.getState().setCarbonParams({ gridTPerMWh: ${(0.30 + 0.01 * i).toFixed(2)} })`));
    }
    const fullMs = median(full.map((r) => r.ms));
    const carbonMs = median(carbonOnly.map((r) => r.ms));
    return {
      note: 'headless Chromium (SwiftShader), 800x600, Monaco; ms from the edit to the first frame after the new results are in the store (median of runs); long tasks: Long Tasks API (≥ 50 ms; 0 = none)',
      firstRunMs: round(first.ms),
      firstRunLongestTaskMs: round(first.longestTaskMs),
      fullRunMs: round(fullMs),
      fullRunStages: full[full.length - 1]!.stages,
      fullRunLongestTaskMs: round(Math.max(...full.map((r) => r.longestTaskMs))),
      fullRunLongTasks: Math.max(...full.map((r) => r.longTasks)),
      carbonOnlyMs: round(carbonMs),
      carbonOnlyStages: carbonOnly[carbonOnly.length - 1]!.stages,
      carbonOnlyLongestTaskMs: round(Math.max(...carbonOnly.map((r) => r.longestTaskMs))),
      carbonOnlyOverFull: round(carbonMs / fullMs, 3),
      runs: repeats,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function nodeFigures(repeats: number) {
  const city = loadBuiltInCity('monaco');
  let highs: ReturnType<typeof loadHighs> | undefined;
  const models = new CityModels(city.inputs, () => (highs ??= loadHighs()));
  const cache = new StageCache();
  const base = JSON.parse(readFileSync(new URL('../tests/fixtures/scenario/monaco-edited.json', import.meta.url), 'utf8')) as ReturnType<typeof twentyEdits>;
  const time = async (s: typeof base): Promise<number> => {
    const t0 = performance.now();
    await runPipeline(s, models.runners(), cache);
    return performance.now() - t0;
  };
  await time({ ...base, traffic: { ...base.traffic, demandScale: 1 } }); // builds the network, loads HiGHS
  const full: number[] = [];
  const carbonOnly: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const s = { ...base, traffic: { ...base.traffic, demandScale: 1.05 + 0.05 * i } };
    full.push(await time(s));
    carbonOnly.push(await time({ ...s, carbon: { ...s.carbon, gridTPerMWh: 0.3 + 0.01 * i } }));
  }
  return {
    note: 'node, in-process (the CLI path), Monaco, median of runs',
    fullRunMs: round(median(full)),
    carbonOnlyMs: round(median(carbonOnly)),
    carbonOnlyOverFull: round(median(carbonOnly) / median(full), 3),
    runs: repeats,
  };
}

export async function benchScenario(repeats = 5) {
  const s = twentyEdits();
  const fragment = encodeShareFragment(s);
  return {
    shareLink: { edits: listEdits(s).length, fragmentChars: fragment.length, scenarioJsonChars: JSON.stringify(s).length, target: 2048 },
    node: await nodeFigures(repeats),
    browser: await browserFigures(repeats),
  };
}
