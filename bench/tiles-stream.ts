// 3D Tiles in (issue 6 item 5): a tileset of N synthetic buildings (default 1M, tiled the way the CLI
// does, in the Monaco frame so it lies under the default view) streamed by the viewer through
// `?tiles=` in headless Chromium: time to first view (every tile the first view needs is in and drawn)
// and the JS heap and tile-cache bytes while the camera flies over the city.
// Run alone: node --max-old-space-size=12288 --import tsx bench/tiles-stream.ts [buildings] [tileset dir]
// (needs `vite build` first; reuses the tileset dir when it holds a tileset.json).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startPreview } from '../tests/browser/harness.ts';
import { createLocalFrame } from '../src/core/geo/index.ts';
import { syntheticCity } from '../src/core/synthetic/index.ts';
import { writeTileset } from '../src/core/tiles/index.ts';
import { LONG_TASK_OBSERVER } from './scale.ts';
import { startStaticServer } from './static-server.ts';

/** Origin of the Monaco buildings' frame (tests/fixtures/tiles/generate.ts). */
const MONACO: readonly [number, number] = [7.4241868, 43.73744605];

export interface TilesStreamFigure {
  buildings: number;
  tiles: number;
  contentMB: number;
  tileMs: number | null;
  /** From the tileset row appearing (tileset.json read) to the first view loaded and idle. */
  firstViewMs: number;
  /** Peak over the flight: JS heap (performance.memory), cache bytes, tiles in memory. */
  peakHeapMB: number;
  peakCacheMB: number;
  peakTiles: number;
  stops: number;
  /** Longest main-thread task from the tileset being read to the end of the flight (the Long Tasks API: 0 = none of 50 ms or more). */
  longestTaskMs: number;
  /** Main-thread tasks of 50 ms or more in that time. */
  longTasks: number;
}

/** Tiles `buildings` synthetic buildings into `dir` (Monaco frame) unless it already holds a tileset. */
function ensureTileset(buildings: number, dir: string): { tiles: number; contentMB: number; tileMs: number | null } {
  if (existsSync(join(dir, 'tileset.json'))) return { tiles: -1, contentMB: -1, tileMs: null };
  const t0 = performance.now();
  const city = syntheticCity({ buildings, seed: 42, center: [MONACO[0] + 0.02, MONACO[1] - 0.02] });
  const s = writeTileset(city.features, (path, bytes) => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }, { frame: createLocalFrame(MONACO[0], MONACO[1]) });
  return { tiles: s.tiles, contentMB: Math.round(s.contentBytes / 1e5) / 10, tileMs: Math.round(performance.now() - t0) };
}

export async function benchTilesStream(buildings = 1_000_000, tilesetDir?: string, viewport = { width: 800, height: 600 }): Promise<TilesStreamFigure> {
  const dir = tilesetDir ?? mkdtempSync(join(tmpdir(), 'citytwin-tiles-stream-'));
  const made = ensureTileset(buildings, dir);
  const files = await startStaticServer({ '/': dir });
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport });
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    await page.goto(`${url}?noaa&tiles=${encodeURIComponent(`${files.url}/tileset.json`)}`);
    const row = 'li[data-tileset]';
    page.on('console', (m) => { if (m.type() === 'error') console.error('page:', m.text()); });
    await page.waitForSelector(`${row}[data-status=ready]`, { timeout: 300_000 });
    const start = await page.evaluate(() => performance.now());
    const idle = async (): Promise<void> => {
      await page.waitForTimeout(300);
      await page.waitForFunction((sel) => {
        const li = document.querySelector(sel);
        return li?.getAttribute('data-idle') === 'true' && Number(li.getAttribute('data-tiles')) > 0;
      }, row, { timeout: 300_000, polling: 50 });
    };
    await idle();
    const firstViewMs = Math.round((await page.evaluate(() => performance.now())) - start);
    let peakHeap = 0, peakCache = 0, peakTiles = 0;
    const sample = async (): Promise<void> => {
      const s = await page.evaluate((sel) => {
        const li = document.querySelector(sel);
        const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
        const text = li?.querySelector('[data-testid=tileset-stats]')?.textContent ?? '';
        const mb = Number(/([\d.,]+) MB/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
        return { heap, cacheMB: mb, tiles: Number(li?.getAttribute('data-tiles') ?? 0) };
      }, row);
      peakHeap = Math.max(peakHeap, s.heap);
      peakCache = Math.max(peakCache, s.cacheMB);
      peakTiles = Math.max(peakTiles, s.tiles);
    };
    await sample();
    // Fly low over a grid of points across the city, waiting at each until the view is loaded.
    const stops: Array<[number, number]> = [];
    const span = (Math.sqrt(buildings / 9) * 100) / 111_320; // the synthetic grid's width, degrees
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) stops.push([MONACO[0] + 0.02 + (i / 3 - 0.5) * span * 0.9, MONACO[1] - 0.02 + (j / 3 - 0.5) * span * 0.9]);
    for (const [lon, lat] of stops) {
      await page.evaluate(([x, y]) => (window as unknown as { __citytwin: { lookAtLonLat(a: number, b: number, d: number, t: number): boolean } }).__citytwin.lookAtLonLat(x!, y!, 600, 50), [lon, lat]);
      await idle();
      await sample();
    }
    const tasks = ((await page.evaluate('window.__longTasks')) as Array<{ start: number; duration: number }>).filter((t) => t.start + t.duration > start);
    return {
      buildings, tiles: made.tiles, contentMB: made.contentMB, tileMs: made.tileMs, firstViewMs,
      peakHeapMB: Math.round(peakHeap / 1e5) / 10, peakCacheMB: peakCache, peakTiles, stops: stops.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))), longTasks: tasks.length,
    };
  } finally {
    await browser.close();
    await server.close();
    await files.close();
    if (!tilesetDir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 1_000_000);
  console.log(JSON.stringify(await benchTilesStream(n, process.argv[3]), null, 2));
}
