// Browser benchmark: the built viewer in headless Chromium (SwiftShader WebGL2) at a small viewport,
// loading a synthetic city through the ingest worker. Measures the longest main-thread task while the
// city is ingested, and frames per second while the camera turns — idle, and while the worker is
// busy. Every frame is drained (a one-pixel readPixels) so queued GPU work is not counted as done.
import type { Page } from 'playwright-core';
import { collectErrors, launchBrowser, startPreview } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';

export interface FpsFigure {
  buildings: number;
  viewport: string;
  loadMs: number;
  /** Longest main-thread task while the worker ingested the city (request sent -> result back). */
  longestTaskDuringIngestMs: number;
  /** Longest main-thread task from the result's arrival until every chunk is on screen. */
  longestTaskDuringUploadMs: number;
  longTasks: number;
  /** From the load request until every chunk is in the scene. */
  fpsIdle: number;
  fpsWorkerBusy: number;
  busyOverIdle: number;
  jsHeapMB: number | null;
  errors: string[];
}

const MEASURE_MS = 5000;

/**
 * Installed in the page as plain JavaScript (the bench runs under tsx, whose transpiled helpers would
 * not survive being serialised into the page). Turns the camera every frame, drains the frame, counts.
 */
const PAGE_SCRIPT = `
window.__longTaskEntries = [];
new PerformanceObserver(function (list) {
  for (const e of list.getEntries()) window.__longTaskEntries.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
window.__measureFps = async function (duration, withBusy) {
  const canvas = document.querySelector('canvas');
  const gl = canvas.getContext('webgl2');
  const px = new Uint8Array(4);
  const busyDone = withBusy ? window.__citytwinIngest.call(function (api) { return api.busy(duration + 1000); }) : Promise.resolve(0);
  await new Promise(function (r) { setTimeout(r, 100); });
  let frames = 0;
  const start = performance.now();
  await new Promise(function (resolve) {
    function tick() {
      const t = performance.now() - start;
      if (t >= duration) return resolve();
      window.__citytwin.setBearing((t / 1000) * 30);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      frames++;
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
  const fps = frames / ((performance.now() - start) / 1000);
  await busyDone;
  return fps;
};
`;

async function measureFps(page: Page, ms: number, busy: boolean): Promise<number> {
  return (await page.evaluate(`window.__measureFps(${ms}, ${busy})`)) as number;
}

export async function benchFps(sizes: readonly number[], viewport = { width: 640, height: 480 }): Promise<FpsFigure[]> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  const out: FpsFigure[] = [];
  try {
    for (const n of sizes) {
      const page = await browser.newPage({ viewport });
      const errors = collectErrors(page);
      await page.addInitScript({ content: PAGE_SCRIPT });
      // Start the app on a one-building city so start-up work (bundle, WebGL context, shader compiles)
      // is done, then load the benchmark city into the running viewer, as a user loading a layer would.
      await page.goto(`${url}?synthetic=1${process.env['BENCH_NOAA'] ? '&noaa' : ''}`);
      await page.waitForFunction('Boolean(window.__citytwin) && window.__citytwin.pendingChunks() === 0', undefined, { timeout: 120_000, polling: 100 });
      await page.waitForTimeout(500);
      await page.evaluate('window.__longTaskEntries.length = 0; performance.clearMarks()');
      const t0 = Date.now();
      await page.evaluate(`window.__citytwinStore.getState().loadSynthetic(${n}, 42)`);
      await page.waitForFunction('Boolean(window.__citytwin) && window.__citytwin.pendingChunks() === 0', undefined, { timeout: 600_000, polling: 200 });
      const loadMs = Date.now() - t0;
      const tasks = (await page.evaluate(`(() => {
        const s = performance.getEntriesByName('citytwin:ingest-start:buildings')[0].startTime;
        const e = performance.getEntriesByName('citytwin:ingest-end:buildings')[0].startTime;
        return window.__longTaskEntries.map((t) => ({ start: t.start, duration: t.duration, phase: t.start + t.duration <= s ? 'before' : t.start < e ? 'ingest' : 'upload' }));
      })()`)) as Array<{ duration: number; phase: string }>;
      const longest = (phase: string): number => round(Math.max(0, ...tasks.filter((t) => t.phase === phase).map((t) => t.duration)));
      await measureFps(page, 1000, false); // warm-up: shader compile, first uploads
      const fpsIdle = await measureFps(page, MEASURE_MS, false);
      const fpsBusy = await measureFps(page, MEASURE_MS, true);
      const heap = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : null')) as number | null;
      const fig: FpsFigure = {
        buildings: n,
        viewport: `${viewport.width}x${viewport.height}`,
        loadMs,
        longestTaskDuringIngestMs: longest('ingest'),
        longestTaskDuringUploadMs: longest('upload'),
        longTasks: tasks.filter((t) => t.phase !== 'before').length,
        fpsIdle: round(fpsIdle),
        fpsWorkerBusy: round(fpsBusy),
        busyOverIdle: round(fpsBusy / fpsIdle, 3),
        jsHeapMB: heap === null ? null : round(heap / 1e6),
        errors,
      };
      console.error(`fps ${n}: idle ${fig.fpsIdle}, busy ${fig.fpsWorkerBusy} (${fig.busyOverIdle}), longest task ingest ${fig.longestTaskDuringIngestMs} ms, upload ${fig.longestTaskDuringUploadMs} ms`);
      out.push(fig);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
