// Recovery without a person, in the planner's view and in kiosk mode: a model worker terminated from outside
// (no error event, no crash path) is found silent by the heartbeat, restarted, and the step retried on the
// new worker after the worker's state is built again; Cancel always ends a job, even on a hung worker; the
// kiosk's playlist run survives a killed worker and its loop goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { type OpenedApp, collectErrors, launchBrowser, openCity, startPreview } from './harness.ts';

interface BridgeLike {
  limits: { silenceMs: number; beatMs: number };
  stats: { starts: number; crashes: number; retried: number; lastCrash: string | null };
  running: number;
  worker?: Worker;
}
type Win = { __citytwinTraffic: BridgeLike; __citytwinStore: { getState(): Record<string, unknown> & { traffic: { status: string; view: unknown; error: string | null; result: { stopReason: string } | null } } } };

describe('a model worker terminated from outside (planner view)', () => {
  let app: OpenedApp;
  beforeAll(async () => {
    app = await openCity({ width: 640, height: 420 });
    await app.page.evaluate(() => {
      const b = (window as unknown as Win).__citytwinTraffic;
      b.limits.silenceMs = 2500;
      b.limits.beatMs = 250;
    });
  });
  afterAll(async () => app?.close());

  it('Build network: the heartbeat finds the worker gone, restarts it and the build is retried to the end', async () => {
    const { page } = app;
    const out = await page.evaluate(async () => {
      const w = window as unknown as Win;
      const s = w.__citytwinStore.getState() as unknown as { prepareTraffic(): Promise<void> };
      const done = s.prepareTraffic();
      // Killed mid-job by something else (the browser, an extension, an out-of-memory kill): no event comes.
      await new Promise((r) => setTimeout(r, 50));
      w.__citytwinTraffic.worker!.terminate();
      await done;
      const t = w.__citytwinStore.getState().traffic;
      return { status: t.status, hasView: t.view !== null, error: t.error, stats: { ...w.__citytwinTraffic.stats } };
    });
    expect(out.status).toBe('ready');
    expect(out.hasView).toBe(true);
    expect(out.error).toBeNull();
    expect(out.stats.crashes).toBe(1);
    expect(out.stats.retried).toBe(1);
    expect(out.stats.lastCrash).toMatch(/no heartbeat/);
  });

  it('the network is built again on a fresh worker after a kill, so the next run works', async () => {
    const out = await app.page.evaluate(async () => {
      const w = window as unknown as Win;
      w.__citytwinTraffic.worker!.terminate(); // killed while idle: nothing notices until the next call
      const s = w.__citytwinStore.getState() as unknown as { runTraffic(): Promise<void> };
      await s.runTraffic();
      const t = w.__citytwinStore.getState().traffic;
      return { status: t.status, error: t.error, stop: t.result?.stopReason ?? null, stats: { ...w.__citytwinTraffic.stats } };
    });
    expect(out.error).toBeNull();
    expect(out.status).toBe('ready');
    expect(out.stop).not.toBeNull();
    expect(out.stats.crashes).toBe(2);
  });

  it('Cancel ends a run on a hung worker at once, and the panel is not left spinning', async () => {
    const out = await app.page.evaluate(async () => {
      const w = window as unknown as Win;
      const b = w.__citytwinTraffic;
      b.limits.silenceMs = 600_000; // the heartbeat alone would wait: Cancel must not
      const s = w.__citytwinStore.getState() as unknown as { runTraffic(): Promise<void>; cancelTraffic(): void; setDemandScale(x: number): void };
      s.setDemandScale(1.3);
      const run = s.runTraffic();
      await new Promise((r) => setTimeout(r, 100));
      b.worker!.terminate(); // hung: it will never answer the stop request
      s.cancelTraffic();
      await run;
      return { status: w.__citytwinStore.getState().traffic.status, running: b.running };
    });
    expect(out.status).not.toBe('running');
    expect(out.running).toBe(0);
  });
});

describe('kiosk: a killed worker during the playlist', () => {
  let server: PreviewServer;
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the scenario run is retried on a new worker, its figures appear, and the loop goes on', async () => {
    const started = await startPreview();
    server = started.server;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 720, height: 480 }, locale: 'en-GB' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    // The built-in Monaco kiosk file and playlist; the worker silence cut to 3 s for the test.
    await page.goto(`${started.url}?kiosk&noaa`);
    await page.waitForSelector('[data-testid="kiosk-caption"]', { timeout: 120_000 });
    await page.evaluate(() => {
      const b = (window as unknown as Win).__citytwinTraffic;
      b.limits.silenceMs = 3000;
      b.limits.beatMs = 250;
    });
    // Kill the model host as soon as the playlist's pipeline has started on it.
    await page.waitForFunction(() => (window as unknown as Win).__citytwinTraffic.running > 0, undefined, { timeout: 120_000, polling: 20 });
    await page.evaluate(() => (window as unknown as Win).__citytwinTraffic.worker!.terminate());
    await page.waitForSelector('[data-testid="kiosk-kpis"] [data-kpi="vkt"]', { timeout: 180_000 });
    const stats = await page.evaluate(() => ({ ...(window as unknown as Win).__citytwinTraffic.stats }));
    expect(stats.crashes).toBeGreaterThanOrEqual(1);
    expect(stats.retried).toBeGreaterThanOrEqual(1);
    const { item, vkt } = await page.evaluate(() => ({
      item: document.querySelector('[data-testid="kiosk-kpis"]')?.getAttribute('data-item'),
      vkt: document.querySelector('[data-kpi="vkt"] .kpi-value')?.textContent ?? '',
    }));
    // The same figures as `npm run cli -- scenario --scenario assets/scenarios/monaco-measures.json --baseline
    // assets/scenarios/monaco-baseline.json`: 27,421 veh·km today (item 0), 23,311 with the measures (items 1, 2).
    expect(vkt).toContain(item === '0' ? '27,421' : '23,311');
    const step = await page.getAttribute('[data-testid="kiosk"]', 'data-step');
    await page.waitForFunction((s) => document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-step') !== s, step, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
