// A big city as one GeoJSON layer in one tab (issue 6, "big cities in one tab"): the generated city of
// 1M buildings (seed 42, the scale bench's file) opened in bench mode, in headless Chromium (SwiftShader)
// at 800×600. Measured: loading (first frame, longest main-thread task while loading), memory (JS heap,
// typed-array bytes per building, picking trees), and frames per second at three views — the whole city,
// a district (1.5 km away), a street (300 m) — with the far level of detail on (the default) and off
// (`full`), both in the same page: the baseline for the ratio is the same viewer drawing every building.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';
import { LONG_TASK_OBSERVER, VIEWPORT, appDist, dataFile, withTimeout } from './scale.ts';
import { startStaticServer } from './static-server.ts';
import { type TaskFigures, startTaskTrace, stopTaskTrace, taskFigures } from './tasks.ts';

/** Each view is drawn for at least this long and at least MIN_FRAMES frames. */
const VIEW_MS = 3000;
const MIN_FRAMES = 3;

type Detail = 'adaptive' | 'full';

interface ViewFigures {
  fps: number;
  frames: number;
  /**
   * Main-thread time to issue one frame (three.js culling, far detail, draw calls), median, with the GPU
   * drained apart: what a real GPU's frame rate would be bounded by on the CPU side.
   */
  cpuMsPerFrame: number;
  triangles: number;
  drawCalls: number;
}

export interface CityResult {
  note: string;
  buildings: number;
  fileMB: number;
  firstFrameMs?: number;
  loadToFrameMs?: number;
  longestTaskLoadingMs?: number;
  longestTaskWithStartupMs?: number;
  /** Tasks of start-up (navigation start to the data request) and of loading (to the first complete frame issued): wall (Long Tasks API) and thread CPU (trace). */
  startupTasks?: TaskFigures;
  loadingTasks?: TaskFigures;
  /** From the first complete frame until every chunk has its picking tree (page clock, 100 ms polling). */
  pickingTreesMs?: number;
  /** Longest main-thread task from the data request until every picking tree is in (trees attached included). */
  longestTaskUntilPickingMs?: number;
  /** The same window's tasks over 50 ms (wall), the GPU drain of the first frame left out. */
  longTasksUntilPicking?: number;
  /** The machine's load average (1, 5, 15 min) when loading began: wall-clock figures stretch with it. */
  loadAverage?: number[];
  jsHeapMB?: number;
  arrayBuffersMB?: number | null;
  /** Typed arrays of the layer (geometry with its level-of-detail order, feature table, properties) per building. */
  layerBytesPerBuilding?: number;
  /** The picking trees (three-mesh-bvh roots and triangle order) per building. */
  pickingBytesPerBuilding?: number;
  views?: Record<string, Record<Detail, ViewFigures> & { fpsRatio: number; triangleRatio: number }>;
  error?: string;
}

/** Draws the current view repeatedly, each frame drained by a 1-pixel readPixels, in one task. */
const DRAW = `async ([ms, minFrames]) => {
  const h = window.__citytwin;
  const gl = document.querySelector('canvas').getContext('webgl2');
  const px = new Uint8Array(4);
  const stats = h.drawStats();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); // warm-up, drained
  let frames = 0;
  const start = performance.now();
  let t = 0;
  const issue = [];
  while (t < ms || frames < minFrames) {
    const t0 = performance.now();
    h.renderNow();
    issue.push(performance.now() - t0);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    frames++;
    t = performance.now() - start;
  }
  issue.sort((a, b) => a - b);
  return { frames, ms: t, triangles: stats.triangles, calls: stats.calls, cpuMs: issue[issue.length >> 1] };
}`;

/** Typed-array bytes held by the building layer and by its picking trees (read in the page). */
const BYTES = `(() => {
  const layer = window.__citytwinStore.getState().layers.find((l) => l.id === 'buildings');
  let layerBytes = 0;
  const seen = new Set();
  const visit = (v) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) { layerBytes += v.byteLength; return; }
    for (const k of Object.keys(v)) visit(v[k]);
  };
  visit(layer.data.data);
  return { layerBytes, picking: window.__citytwin.pickingTreeBytes() };
})()`;

async function drawView(page: Page, detail: Detail): Promise<ViewFigures> {
  await page.evaluate((d) => (window as unknown as { __citytwin: { setDetail(d: string): void } }).__citytwin.setDetail(d), detail);
  const r = (await page.evaluate(`(${DRAW})([${VIEW_MS}, ${MIN_FRAMES}])`)) as { frames: number; ms: number; triangles: number; calls: number; cpuMs: number };
  return { fps: round(r.frames / (r.ms / 1000), 3), frames: r.frames, cpuMsPerFrame: round(r.cpuMs, 2), triangles: r.triangles, drawCalls: r.calls };
}

export async function benchCity(n = 1_000_000): Promise<CityResult> {
  const file = dataFile(n);
  const server = await startStaticServer({ '/app/': appDist(), '/data/': path.dirname(path.join('bench/.tmp/scale', file.name)) });
  const browser = await launchBrowser();
  const result: CityResult = {
    note:
      'headless Chromium + SwiftShader, 800x600, one GeoJSON layer (synthetic city, seed 42) in bench mode. Views: the whole city (bench framing, 45° pitch), ' +
      'a district (1,500 m from the middle building, 45°), a street (300 m, 45°). fps: the view redrawn and drained (1-pixel readPixels) for >= 3 s; ' +
      'adaptive = far level of detail on (features under 1.5 px left out), full = every building drawn; ratios adaptive/full from the same page. ' +
      'Bytes: typed arrays of the layer / buildings; picking trees apart. startupTasks / loadingTasks: longest main-thread task and tasks over 50 ms, wall (Long Tasks API) and thread CPU time (Chromium trace).',
    buildings: n,
    fileMB: file.mb,
  };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    result.loadAverage = os.loadavg().map((v) => round(v, 2));
    await startTaskTrace(browser, page);
    const data = `${server.url}/data/${file.name}`;
    await page.goto(`${server.url}/app/index.html?bench&data=${encodeURIComponent(data)}`);
    await withTimeout(
      page.waitForFunction('Boolean(window.__bench) && (window.__bench.firstFrameMs > 0 || Boolean(window.__bench.error))', undefined, { timeout: 0, polling: 250 }),
      20 * 60_000,
      `loading ${n} buildings`,
    );
    const b = (await page.evaluate('({ ...window.__bench })')) as { n: number; firstFrameMs: number; fetchStartMs: number; frameIssuedMs: number; error?: string };
    if (b.error) throw new Error(b.error);
    const tasks = (await page.evaluate('window.__longTasks')) as Array<{ start: number; duration: number }>;
    const longest = (from: number): number => round(Math.max(0, ...tasks.filter((t) => t.start + t.duration > from && t.start < b.frameIssuedMs).map((t) => t.duration)));
    const traced = await stopTaskTrace(browser, page);
    Object.assign(result, {
      startupTasks: taskFigures(tasks, traced, 0, b.fetchStartMs),
      loadingTasks: taskFigures(tasks, traced, b.fetchStartMs, b.frameIssuedMs),
      firstFrameMs: round(b.firstFrameMs),
      loadToFrameMs: round(b.firstFrameMs - b.fetchStartMs),
      longestTaskLoadingMs: longest(b.fetchStartMs),
      longestTaskWithStartupMs: longest(0),
    });
    // Picking trees arrive from the worker after the first frame; the long-task window is extended to them.
    const treesIn = (await (
      await withTimeout(
        page.waitForFunction('(() => { const t = window.__citytwin.pickingTrees(); return t.meshes > 0 && t.withTree === t.meshes ? performance.now() : 0; })()', undefined, { timeout: 0, polling: 100 }),
        10 * 60_000,
        'picking trees',
      )
    ).jsonValue()) as number;
    result.pickingTreesMs = round(treesIn - b.firstFrameMs);
    const later = (await page.evaluate('window.__longTasks')) as Array<{ start: number; duration: number }>;
    const untilPicking = later.filter((t) => t.start + t.duration > b.fetchStartMs && t.start < treesIn && !(t.start >= b.frameIssuedMs && t.start < b.firstFrameMs));
    result.longestTaskUntilPickingMs = round(Math.max(0, ...untilPicking.map((t) => t.duration)));
    result.longTasksUntilPicking = untilPicking.filter((t) => t.duration > 50).length;
    const bytes = (await page.evaluate(BYTES)) as { layerBytes: number; picking: number };
    result.layerBytesPerBuilding = round(bytes.layerBytes / b.n, 1);
    result.pickingBytesPerBuilding = round(bytes.picking / b.n, 1);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    result.jsHeapMB = round(heap.usedSize / 1e6);
    result.arrayBuffersMB = heap.backingStorageSize === undefined ? null : round(heap.backingStorageSize / 1e6);

    const views: NonNullable<CityResult['views']> = {};
    const middle = Math.floor(b.n / 2);
    const place: Record<string, () => Promise<unknown>> = {
      city: () => page.evaluate(() => (window as unknown as { __bench: { setBearing(d: number): void } }).__bench.setBearing(0)),
      district: () => page.evaluate((id) => (window as unknown as { __citytwin: { lookAt(l: string, i: number, d: number, t: number): boolean } }).__citytwin.lookAt('buildings', id, 1500, 45), middle),
      street: () => page.evaluate((id) => (window as unknown as { __citytwin: { lookAt(l: string, i: number, d: number, t: number): boolean } }).__citytwin.lookAt('buildings', id, 300, 45), middle),
    };
    for (const [name, go] of Object.entries(place)) {
      await go();
      const adaptive = await withTimeout(drawView(page, 'adaptive'), 15 * 60_000, `${name} view (adaptive)`);
      const full = await withTimeout(drawView(page, 'full'), 15 * 60_000, `${name} view (full)`);
      await page.evaluate(() => (window as unknown as { __citytwin: { setDetail(d: string): void } }).__citytwin.setDetail('adaptive'));
      views[name] = { adaptive, full, fpsRatio: round(adaptive.fps / full.fps, 3), triangleRatio: round(adaptive.triangles / Math.max(full.triangles, 1), 4) };
      console.error(`city ${n} ${name}: adaptive ${adaptive.fps} fps (${adaptive.triangles} triangles, ${adaptive.cpuMsPerFrame} ms to issue), full ${full.fps} fps (${full.triangles} triangles, ${full.cpuMsPerFrame} ms)`);
    }
    result.views = views;
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    await withTimeout(browser.close(), 30_000, 'closing the browser').catch(() => undefined);
    await server.close();
  }
  console.error(JSON.stringify({ ...result, note: undefined }, null, 1));
  return result;
}
