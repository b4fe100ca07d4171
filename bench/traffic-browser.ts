// Browser benchmark for traffic: the assignment runs in the model host worker while the main thread keeps
// free. Measures wall time to the target gap and the longest main-thread task during the run, for
// Monaco and for a synthetic city whose street grid has 10,200 road links and 400 zones.
import { launchBrowser, startPreview } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';
import { startTaskTrace, stopTaskTrace, taskFigures } from './tasks.ts';

export interface TrafficBrowserFigure {
  city: string;
  roadLinks: number;
  zones: number;
  prepareMs: number;
  runMs: number;
  iterations: number;
  relativeGap: number;
  longestTaskDuringRunMs: number;
  /** Main-thread tasks over 50 ms during the run (wall, Long Tasks API). */
  longTasksDuringRun: number;
  /** The longest thread CPU time of a task during the run (Chromium trace), ms: the page's own work, without waits for a core or the GPU process. */
  longestTaskCpuDuringRunMs: number | null;
  /** Longest task and tasks over 50 ms from navigation start until the city was drawn (start-up and loading), wall. */
  longestTaskUntilReadyMs: number;
  longTasksUntilReady: number;
  /** requestAnimationFrame callbacks per second during the run (60 = never blocked). */
  animationFramesPerSecond: number;
}

const OBSERVER = `
window.__tasks = [];
new PerformanceObserver(function (l) { for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration }); })
  .observe({ type: 'longtask', buffered: true });
`;

export async function benchTrafficBrowser(targetGap = 1e-4): Promise<TrafficBrowserFigure[]> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  const out: TrafficBrowserFigure[] = [];
  try {
    for (const [city, query] of [['Monaco (OSM)', ''], ['synthetic grid, 22,500 buildings', '?synthetic=22500']] as const) {
      const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
      await page.addInitScript({ content: OBSERVER });
      await startTaskTrace(browser, page);
      await page.goto(url + query);
      await page.waitForFunction(
        "(() => { const s = window.__citytwinStore && window.__citytwinStore.getState(); return s && ['buildings','roads'].every((id) => s.layers.some((l) => l.id === id && l.status === 'ready')) && window.__citytwin && window.__citytwin.pendingChunks() === 0; })()",
        undefined,
        { timeout: 600_000, polling: 200 },
      );
      const ready = (await page.evaluate('({ now: performance.now(), tasks: window.__tasks.slice() })')) as { now: number; tasks: Array<{ start: number; duration: number }> };
      const untilReady = taskFigures(ready.tasks, null, 0, ready.now);
      const t0 = Date.now();
      await page.evaluate('window.__citytwinStore.getState().prepareTraffic()');
      const prepareMs = Date.now() - t0;
      await page.evaluate(`window.__citytwinStore.getState().setTargetGap(${targetGap}); window.__citytwinStore.getState().setTrafficDisplay({ showVehicles: false })`);
      const fig = (await page.evaluate(`(async () => {
        window.__tasks.length = 0;
        // The main thread only counts animation frames here (software WebGL would otherwise make the
        // GPU process, i.e. the same two CPU cores, the bottleneck): how often the page could respond.
        let frames = 0, running = true;
        const tick = () => { if (!running) return; frames++; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
        const s = performance.now();
        await window.__citytwinStore.getState().runTraffic();
        const runMs = performance.now() - s;
        running = false;
        const t = window.__citytwinStore.getState().traffic;
        const during = window.__tasks.filter((x) => x.start >= s && x.start <= s + runMs);
        return { runMs, frames, iterations: t.result.iterations, relativeGap: t.result.relativeGap, roadLinks: t.view.stats.roadLinks, zones: t.view.zones.count,
          longest: Math.max(0, ...during.map((x) => x.duration)), start: s, tasks: window.__tasks.slice() };
      })()`)) as { runMs: number; frames: number; iterations: number; relativeGap: number; roadLinks: number; zones: number; longest: number; start: number; tasks: Array<{ start: number; duration: number }> };
      const run = taskFigures(fig.tasks, await stopTaskTrace(browser, page), fig.start, fig.start + fig.runMs);
      const row: TrafficBrowserFigure = {
        city,
        roadLinks: fig.roadLinks,
        zones: fig.zones,
        prepareMs,
        runMs: round(fig.runMs),
        iterations: fig.iterations,
        relativeGap: fig.relativeGap,
        longestTaskDuringRunMs: round(fig.longest),
        longTasksDuringRun: run.over50,
        longestTaskCpuDuringRunMs: run.longestCpuMs,
        longestTaskUntilReadyMs: untilReady.longestMs,
        longTasksUntilReady: untilReady.over50,
        animationFramesPerSecond: round(fig.frames / (fig.runMs / 1000)),
      };
      console.error(`traffic ${city}: ${row.runMs} ms, ${row.iterations} it, gap ${row.relativeGap.toExponential(1)}, longest task ${row.longestTaskDuringRunMs} ms (CPU ${row.longestTaskCpuDuringRunMs} ms, ${row.longTasksDuringRun} over 50 ms)`);
      out.push(row);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
