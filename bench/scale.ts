// City scale, side by side with deck.gl: the same generated GeoJSON file (synthetic city, seed 42) is
// opened by CityTwin's bench mode (`?bench&data=`) and by a small deck.gl page (bench/deckgl, an
// extruded GeoJsonLayer), alternately, in headless Chromium (SwiftShader WebGL2) at 800×600. For each
// load: time to the first complete frame, frames per second while the camera turns (every frame
// drained with a 1-pixel readPixels, since SwiftShader queues frames far ahead of drawing), the
// longest main-thread task while the data load, and the main thread's JS heap. Each figure is printed
// with the ratio CityTwin / deck.gl (medians over the repetitions).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { syntheticCity } from '../src/core/synthetic/index.ts';
import { launchBrowser } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';
import { startStaticServer } from './static-server.ts';
import { LONG_TASK_MS, type TaskFigures, startTaskTrace, stopTaskTrace, taskFigures } from './tasks.ts';
import type { BenchHandle } from '../src/app/bench/types.ts';

export const VIEWPORT = { width: 800, height: 600 };
const DECK_OUT = 'bench/out/deckgl';
const DATA_DIR = 'bench/.tmp/scale';
/** Camera turn measured for at least this long (and at least MIN_TURN_FRAMES frames). */
const TURN_MS = 3000;
const MIN_TURN_FRAMES = 3;
/** A turn that has not drawn MIN_TURN_FRAMES frames by then stops with what it has. */
const TURN_CAP_MS = 60_000;

export type ViewerId = 'citytwin' | 'deckgl';

export interface ScaleRun {
  viewer: ViewerId;
  viewerVersion: string;
  buildings: number;
  rep: number;
  /** The load failed or ran out of time: the reason, and no figures. */
  error?: string;
  n?: number;
  fetchMs?: number;
  parseMs?: number;
  /** performance.now() at the first complete frame (from navigation start: includes page start-up). */
  firstFrameMs?: number;
  /** From the data request to the first complete frame. */
  loadToFrameMs?: number;
  /** Longest main-thread task from the data request until the first complete frame was issued (the GPU drain left out). */
  longestTaskLoadingMs?: number;
  /** Longest main-thread task from navigation start to the first complete frame (start-up included). */
  longestTaskWithStartupMs?: number;
  /** Main-thread tasks over 50 ms (wall, Long Tasks API) from the data request until the first complete frame was issued. */
  longTasksLoading?: number;
  /** The longest thread CPU time of a task in that window (Chromium trace), ms: the page's own work, without waits for a core or the GPU process. */
  longestTaskCpuLoadingMs?: number | null;
  /** Tasks of start-up (navigation start to the data request) and of loading, wall and CPU. */
  startupTasks?: TaskFigures;
  loadingTasks?: TaskFigures;
  fps?: number;
  turnFrames?: number;
  /** Main-thread JS heap after a full GC: V8 objects, and ArrayBuffer backing stores. */
  jsHeapMB?: number;
  arrayBuffersMB?: number | null;
  antialias?: boolean;
  drawingBuffer?: string;
  /** The camera turn ran out of time (the load figures still stand). */
  turnError?: string;
}

export interface ScaleFigure {
  buildings: number;
  fileMB: number;
  citytwin: Partial<Record<Metric, number | null>>;
  deckgl: Partial<Record<Metric, number | null>>;
  /** CityTwin / deck.gl, medians (fps: higher is better; the rest lower is better). */
  ratio: Partial<Record<Metric, number | null>>;
}

const METRICS = ['firstFrameMs', 'loadToFrameMs', 'fps', 'longestTaskLoadingMs', 'longTasksLoading', 'longestTaskCpuLoadingMs', 'longestTaskWithStartupMs', 'jsHeapMB', 'arrayBuffersMB', 'fetchMs', 'parseMs'] as const;
type Metric = (typeof METRICS)[number];


/** The app's build folder: dist, or CITYTWIN_DIST (builds side by side, as the browser tests do). */
export function appDist(): string {
  return process.env['CITYTWIN_DIST'] ?? 'dist';
}

/** Builds the deck.gl page (bench/deckgl) into bench/out/deckgl with its own, minimal Vite config. */
export async function buildDeckPage(): Promise<void> {
  await build({
    configFile: false,
    root: path.resolve('bench/deckgl'),
    base: './',
    logLevel: 'warn',
    build: { outDir: path.resolve(DECK_OUT), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
  });
}

/** Long tasks from navigation start, recorded in every page (plain JavaScript: it is serialised into the page). */
export const LONG_TASK_OBSERVER = `
window.__longTasks = [];
new PerformanceObserver(function (list) {
  for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
`;

/**
 * Turns the camera for at least `ms` and `minFrames` frames, each drawn synchronously by setBearing and
 * drained by a 1-pixel readPixels, in one task (neither viewer's own render loop adds frames meanwhile).
 */
const TURN = `async ([ms, minFrames, capMs]) => {
  const canvas = document.querySelector('canvas');
  const gl = canvas.getContext('webgl2');
  const px = new Uint8Array(4);
  const drawFrame = (deg) => { window.__bench.setBearing(deg); gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); };
  drawFrame(2); // warm-up
  let frames = 0;
  const start = performance.now();
  let t = 0;
  while ((t < ms || frames < minFrames) && t < capMs) {
    drawFrame(2 + (frames + 1) * 3);
    frames++;
    t = performance.now() - start;
  }
  window.__bench.setBearing(0);
  return { frames, ms: t, readIsCanvas: gl.getParameter(gl.READ_FRAMEBUFFER_BINDING) === null, antialias: gl.getContextAttributes().antialias, size: gl.drawingBufferWidth + 'x' + gl.drawingBufferHeight };
}`;

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout: ${what} took over ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** What the harness reads of `window.__bench` (the shared contract, without the function). */
type PageBench = Omit<BenchHandle, 'setBearing'>;

async function measure(pageUrl: string, viewer: ViewerId, buildings: number, rep: number, timeoutMs: number): Promise<ScaleRun> {
  // A browser of its own per load: no GPU work left over from the previous page competes for the two cores.
  const browser: Browser = await launchBrowser();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const run: ScaleRun = { viewer, viewerVersion: '', buildings, rep };
  try {
    const page: Page = await context.newPage();
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    await startTaskTrace(browser, page);
    await page.goto(pageUrl);
    await withTimeout(
      page.waitForFunction('Boolean(window.__bench) && (window.__bench.firstFrameMs > 0 || Boolean(window.__bench.error))', undefined, { timeout: 0, polling: 100 }),
      timeoutMs,
      `${viewer} loading ${buildings} buildings`,
    );
    const b = (await page.evaluate(
      '(() => { const b = window.__bench; return { n: b.n, fetchMs: b.fetchMs, parseMs: b.parseMs, firstFrameMs: b.firstFrameMs, frameIssuedMs: b.frameIssuedMs, fetchStartMs: b.fetchStartMs, frames: b.frames, error: b.error, viewer: b.viewer }; })()',
    )) as PageBench;
    run.viewerVersion = b.viewer.version;
    if (b.error) {
      run.error = b.error;
      return run;
    }
    const tasks = (await page.evaluate('window.__longTasks')) as Array<{ start: number; duration: number }>;
    const traced = await stopTaskTrace(browser, page);
    // Up to the task that issued the first complete frame; the GPU drain after it is a harness wait, not the viewer's.
    const longest = (from: number): number => round(Math.max(0, ...tasks.filter((t) => t.start + t.duration > from && t.start < b.frameIssuedMs).map((t) => t.duration)));
    const loading = taskFigures(tasks, traced, b.fetchStartMs, b.frameIssuedMs);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    Object.assign(run, {
      n: b.n,
      fetchMs: round(b.fetchMs),
      parseMs: round(b.parseMs),
      firstFrameMs: round(b.firstFrameMs),
      loadToFrameMs: round(b.firstFrameMs - b.fetchStartMs),
      longestTaskLoadingMs: longest(b.fetchStartMs),
      longestTaskWithStartupMs: longest(0),
      longTasksLoading: loading.over50,
      longestTaskCpuLoadingMs: loading.longestCpuMs,
      startupTasks: taskFigures(tasks, traced, 0, b.fetchStartMs),
      loadingTasks: loading,
      jsHeapMB: round(heap.usedSize / 1e6),
      arrayBuffersMB: heap.backingStorageSize === undefined ? null : round(heap.backingStorageSize / 1e6),
    });
    try {
      const turn = (await withTimeout(page.evaluate(`(${TURN})([${TURN_MS}, ${MIN_TURN_FRAMES}, ${TURN_CAP_MS}])`), TURN_CAP_MS + 120_000, `${viewer} turning at ${buildings}`)) as {
        frames: number;
        ms: number;
        readIsCanvas: boolean;
        antialias: boolean;
        size: string;
      };
      if (!turn.readIsCanvas) console.error(`scale: ${viewer} left a framebuffer other than the canvas bound; its drain may not cover the canvas`);
      Object.assign(run, { fps: round(turn.frames / (turn.ms / 1000), 3), turnFrames: turn.frames, antialias: turn.antialias, drawingBuffer: turn.size });
    } catch (err) {
      // The load figures stand; the turn is recorded as what stopped it.
      run.turnError = err instanceof Error ? err.message : String(err);
    }
    return run;
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
    return run;
  } finally {
    // A page stuck in a long WebGL call may not close politely; do not wait on it for ever.
    await withTimeout(browser.close(), 30_000, 'closing the browser').catch(() => undefined);
  }
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summarise(runs: readonly ScaleRun[], viewer: ViewerId): Partial<Record<Metric, number | null>> {
  const ok = runs.filter((r) => r.viewer === viewer && !r.error);
  const out: Partial<Record<Metric, number | null>> = {};
  for (const m of METRICS) {
    const v = median(ok.map((r) => r[m]).filter((x): x is number => typeof x === 'number'));
    out[m] = v === null ? null : round(v, 2);
  }
  return out;
}

/** Writes the synthetic city of `n` buildings (seed 42) once; both viewers read this same file. */
export function dataFile(n: number): { name: string; mb: number } {
  mkdirSync(DATA_DIR, { recursive: true });
  const name = `city-${n}-seed42.geojson`;
  const file = path.join(DATA_DIR, name);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(syntheticCity({ buildings: n, seed: 42 })));
  return { name, mb: round(statSync(file).size / 1e6, 1) };
}

export interface ScaleResult {
  note: string;
  /** The machine's load average (1, 5, 15 min) before and after: wall-clock figures stretch with it. */
  loadAverage: { before: number[]; after: number[] };
  viewport: string;
  figures: ScaleFigure[];
  runs: ScaleRun[];
}

/** Loads per viewer: two (alternating) below 300k buildings, one at 300k and over (minutes each on SwiftShader); BENCH_SCALE_REPS overrides. */
function defaultReps(n: number): number {
  const env = Number(process.env['BENCH_SCALE_REPS']);
  if (Number.isInteger(env) && env > 0) return env;
  return n >= 300_000 ? 1 : 2;
}

/**
 * Measures both viewers at each size, alternating (CityTwin, deck.gl, CityTwin, deck.gl, …), `reps(n)`
 * loads each. Expects the app built in dist/ (run.ts builds it); builds the deck.gl page itself.
 */
export async function benchScale(sizes: readonly number[] = [10_000, 100_000, 300_000], reps: (n: number) => number = defaultReps): Promise<ScaleResult> {
  if (!existsSync(`${appDist()}/index.html`)) throw new Error(`${appDist()}/ is missing: build the app first (vite build)`);
  // BENCH_SCALE_SIZES=300000 (comma-separated) measures only those sizes.
  const only = (process.env['BENCH_SCALE_SIZES'] ?? '').split(',').map(Number).filter((v) => Number.isInteger(v) && v > 0);
  if (only.length > 0) sizes = only;
  await buildDeckPage();
  const server = await startStaticServer({ '/app/': appDist(), '/deck/': DECK_OUT, '/data/': DATA_DIR });
  const runs: ScaleRun[] = [];
  const figures: ScaleFigure[] = [];
  const before = os.loadavg().map((v) => round(v, 2));
  try {
    for (const n of sizes) {
      const file = dataFile(n);
      const data = `${server.url}/data/${file.name}`;
      const urls: Record<ViewerId, string> = {
        citytwin: `${server.url}/app/index.html?bench&data=${encodeURIComponent(data)}`,
        deckgl: `${server.url}/deck/index.html?data=${encodeURIComponent(data)}`,
      };
      // Generous, bounded: SwiftShader on two cores needs minutes for the biggest city.
      const timeoutMs = Math.max(120_000, n * 2);
      const mine: ScaleRun[] = [];
      for (let rep = 0; rep < reps(n); rep++) {
        for (const viewer of ['citytwin', 'deckgl'] as const) {
          const r = await measure(urls[viewer], viewer, n, rep, timeoutMs);
          console.error(
            r.error
              ? `scale ${n} ${viewer} #${rep}: ${r.error}`
              : `scale ${n} ${viewer} #${rep}: first frame ${r.firstFrameMs} ms (load ${r.loadToFrameMs} ms), ${r.fps ?? r.turnError} fps, longest task ${r.longestTaskLoadingMs} ms (CPU ${r.longestTaskCpuLoadingMs} ms, ${r.longTasksLoading} over ${LONG_TASK_MS} ms), heap ${r.jsHeapMB} MB + ${r.arrayBuffersMB} MB buffers`,
          );
          mine.push(r);
          runs.push(r);
        }
      }
      const ours = summarise(mine, 'citytwin');
      const deck = summarise(mine, 'deckgl');
      const ratio: Partial<Record<Metric, number | null>> = {};
      for (const m of METRICS) {
        const a = ours[m];
        const b = deck[m];
        ratio[m] = a === undefined || a === null || b === undefined || b === null || b === 0 ? null : round(a / b, 3);
      }
      figures.push({ buildings: n, fileMB: file.mb, citytwin: ours, deckgl: deck, ratio });
      printTable(n, ours, deck, ratio);
    }
  } finally {
    await server.close();
  }
  return {
    note:
      'headless Chromium + SwiftShader, 800x600, same synthetic GeoJSON (seed 42) for both viewers, alternating loads; medians over repetitions. ' +
      'firstFrameMs: performance.now() at the first frame with every building drawn and drained (from navigation start); loadToFrameMs: from the data request. ' +
      'fps: setBearing + 1-pixel readPixels per frame in one task. longestTaskLoadingMs: longest main-thread task from the data request until the first complete frame was issued (the GPU drain after it is left out); ' +
      'longTasksLoading: tasks over 50 ms in that window (Long Tasks API, wall time); longestTaskCpuLoadingMs: the longest thread CPU time of a task there (Chromium trace), the wall time less waits for a core or for the GPU process. ' +
      'jsHeapMB: main-thread V8 heap after a full GC (workers not counted); arrayBuffersMB: ArrayBuffer backing stores. ratio = CityTwin / deck.gl.',
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    loadAverage: { before, after: os.loadavg().map((v) => round(v, 2)) },
    figures,
    runs,
  };
}

function printTable(n: number, ours: Partial<Record<Metric, number | null>>, deck: Partial<Record<Metric, number | null>>, ratio: Partial<Record<Metric, number | null>>): void {
  const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : String(v)).padStart(12);
  const lines = [`scale ${n.toLocaleString('en')} buildings${' '.repeat(4)}${'CityTwin'.padStart(12)}${'deck.gl'.padStart(12)}${'ours/deck'.padStart(12)}`];
  for (const m of METRICS) lines.push(`  ${m.padEnd(30)}${cell(ours[m])}${cell(deck[m])}${cell(ratio[m])}`);
  console.error(lines.join('\n'));
}
