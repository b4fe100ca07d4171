// Bench mode (`?bench&data=<url>`, src/app/bench): the built app loads the given GeoJSON as its building
// layer and fills in `window.__bench` for benchmark harnesses; a file that cannot be loaded sets `error`.
// The data are a small generated city served from a second local server (cross-origin, as a
// researcher's data on another host would be). No timings are asserted here (they go to `npm run bench`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PreviewServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { startStaticServer } from '../../bench/static-server.ts';
import type { BenchHandle } from '../../src/app/bench/types.ts';
import { syntheticCity } from '../../src/core/synthetic/index.ts';
import { collectErrors, launchBrowser, startPreview } from './harness.ts';

const BUILDINGS = 240;
const VIEWPORT = { width: 320, height: 240 };

type Bench = BenchHandle;

let dir: string;
let data: { url: string; close(): Promise<void> };
let preview: PreviewServer;
let appUrl: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'citytwin-bench-'));
  writeFileSync(path.join(dir, 'city.geojson'), JSON.stringify(syntheticCity({ buildings: BUILDINGS, seed: 3 })));
  writeFileSync(path.join(dir, 'broken.geojson'), '{"type": "FeatureCollection", "features": [');
  data = await startStaticServer({ '/': dir });
  ({ server: preview, url: appUrl } = await startPreview());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await data?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openBench(dataPath: string | null): Promise<{ page: Page; errors: string[]; bench: Omit<Bench, 'setBearing'> }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = collectErrors(page);
  await page.goto(dataPath === null ? `${appUrl}?bench` : `${appUrl}?bench=1&data=${encodeURIComponent(`${data.url}/${dataPath}`)}`);
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench?: Bench }).__bench;
      return Boolean(b && (b.firstFrameMs > 0 || b.error));
    },
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  const bench = await page.evaluate(() => {
    const b = (window as unknown as { __bench: Bench }).__bench;
    return { n: b.n, fetchMs: b.fetchMs, parseMs: b.parseMs, firstFrameMs: b.firstFrameMs, frameIssuedMs: b.frameIssuedMs, fetchStartMs: b.fetchStartMs, frames: b.frames, viewer: b.viewer, ...(b.error ? { error: b.error } : {}) };
  });
  return { page, errors, bench };
}

describe('bench mode', () => {
  it('loads the file as the building layer, fills in __bench and draws the buildings', async () => {
    const { page, errors, bench } = await openBench('city.geojson');
    expect(bench.error).toBeUndefined();
    expect(bench.n).toBe(BUILDINGS);
    expect(bench.viewer).toEqual({ name: 'CityTwin', version });
    expect(bench.fetchStartMs).toBeGreaterThan(0);
    expect(bench.fetchMs).toBeGreaterThanOrEqual(0);
    expect(bench.parseMs).toBeGreaterThanOrEqual(0);
    expect(bench.firstFrameMs).toBeGreaterThan(0);
    expect(bench.firstFrameMs).toBeGreaterThanOrEqual(bench.frameIssuedMs);
    expect(bench.frameIssuedMs).toBeGreaterThan(bench.fetchStartMs);

    // The file is the city: the only layer, no default city beside it; the UI panels are left out.
    const layers = await page.evaluate(() =>
      (window as unknown as { __citytwinStore: { getState(): { layers: Array<{ id: string; status: string }> } } }).__citytwinStore
        .getState()
        .layers.map((l) => `${l.id}:${l.status}`),
    );
    expect(layers).toEqual(['buildings:ready']);
    expect(await page.locator('.left, .right, .topbar').count()).toBe(0);

    // setBearing renders: the live counter moves, and the picture shows buildings (many shades of
    // lit walls and roofs, not just the flat ground and sky colours).
    const before = await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.frames);
    const picture = await page.evaluate(() => {
      const b = (window as unknown as { __bench: Bench }).__bench;
      b.setBearing(30);
      const gl = document.querySelector('canvas')!.getContext('webgl2')!;
      const w = gl.drawingBufferWidth;
      const h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const counts = new Map<number, number>();
      for (let i = 0; i < px.length; i += 4) {
        const key = (px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const sorted = [...counts.values()].sort((x, y) => y - x);
      return { frames: b.frames, distinct: counts.size, total: w * h, topTwo: (sorted[0] ?? 0) + (sorted[1] ?? 0) };
    });
    expect(picture.frames).toBeGreaterThan(before);
    expect(picture.distinct).toBeGreaterThan(20);
    // More than a tenth of the picture is neither of the two commonest colours (ground, sky).
    expect((picture.total - picture.topTwo) / picture.total).toBeGreaterThan(0.1);
    await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.setBearing(90));
    expect(await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.frames)).toBeGreaterThan(picture.frames);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a missing file sets error (HTTP 404)', async () => {
    const { page, bench } = await openBench('missing.geojson');
    expect(bench.error).toMatch(/404/);
    expect(bench.firstFrameMs).toBe(0);
    await page.close();
  });

  it('a file that is not JSON sets error', async () => {
    const { page, bench } = await openBench('broken.geojson');
    expect(bench.error).toBeTruthy();
    expect(bench.n).toBe(0);
    await page.close();
  });

  it('?bench without data= sets error', async () => {
    const { page, bench } = await openBench(null);
    expect(bench.error).toMatch(/data=/);
    await page.close();
  });
});
