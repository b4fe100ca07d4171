// Soak: the built-in Monaco kiosk loop accelerated (×65: a tour a second) for several minutes, playlist
// included. After the first pass has computed every playlist item, JS heap (after a full GC), DOM nodes, GPU
// geometries/textures and the worker count are read every 20 tours; they must stay flat (no climb from the
// first sample to the last beyond a small allowance) and the loop must still be running at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { collectErrors, launchBrowser, memorySample, startPreview } from './harness.ts';

// 60 tours in the test suite (about two minutes here); SOAK_TOURS=150 or more for a longer soak.
const TOURS = Number(process.env['SOAK_TOURS'] ?? 60);
const EVERY = 20;

let server: PreviewServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url } = await startPreview());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kiosk soak', () => {
  it(`${TOURS} accelerated tours: heap, DOM, GPU objects and workers stay flat, and the loop still runs`, async () => {
    const context = await browser.newContext({ viewport: { width: 480, height: 320 }, locale: 'en-GB' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}?kiosk&kioskSpeed=65&noaa`);
    await page.waitForSelector('[data-testid="kiosk-kpis"][data-item="2"] [data-kpi="vkt"]', { timeout: 600_000 });
    const tours = (): Promise<number> => page.evaluate(() => Number(document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-tours') ?? 0));
    const first = await tours();
    const samples = [];
    for (let next = first + EVERY; next <= first + TOURS; next += EVERY) {
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-tours') ?? 0) >= n, next, { timeout: 600_000, polling: 500 });
      samples.push(await memorySample(page));
    }
    const a = samples[0]!;
    const z = samples[samples.length - 1]!;
    expect(z.jsHeapMB).toBeLessThan(a.jsHeapMB * 1.15 + 2);
    expect(z.domNodes).toBeLessThanOrEqual(a.domNodes + 50);
    expect(z.gpuGeometries).toBeLessThanOrEqual(a.gpuGeometries + 5);
    expect(z.gpuTextures).toBeLessThanOrEqual(a.gpuTextures + 2);
    expect(z.workers).toBeLessThanOrEqual(a.workers);
    // Still running: the tour count moves on.
    const end = await tours();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-tours') ?? 0) > n, end, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);
});
