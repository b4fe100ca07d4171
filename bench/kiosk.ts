// Kiosk mode over a simulated day: the built-in Monaco kiosk file's attract loop runs accelerated (the tour's
// 65 s in about a second) while the playlist's scenarios are computed and shown; every few tours the main
// thread's JS heap (after a full GC), DOM nodes, listeners, three.js GPU geometries/textures and the worker
// count are read, and the growth per tour is the least-squares slope. Then recovery: the time from a WebGL
// context's restore to the scene drawn again by itself (beside one frame drawn on demand in the same page, the
// baseline), and how many retries a model worker killed in the middle of a scenario run takes.
import type { Page } from 'playwright-core';
import { type MemorySample, launchBrowser, memorySample, startPreview } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';

interface Sample extends MemorySample {
  tour: number;
}

type Win = {
  __citytwin: { frames(): number; renderNow(): void; contextStatus(): string };
  __citytwinTraffic: { running: number; worker?: Worker; limits: { silenceMs: number; beatMs: number }; stats: { crashes: number; retried: number } };
};

const tours = (page: Page): Promise<number> => page.evaluate(() => Number(document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-tours') ?? 0));

async function sample(page: Page, tour: number): Promise<Sample> {
  const s = await memorySample(page);
  return { tour, ...s, jsHeapMB: round(s.jsHeapMB, 2) };
}

function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (ys[i]! - my);
    den += (i - mx) ** 2;
  }
  return num / den;
}

export async function benchKiosk(totalTours: number, every: number): Promise<Record<string, unknown>> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, locale: 'en-GB' });
    const page = await context.newPage();
    const speed = 65; // the built-in tour (5 viewpoints, 65 s) in about a second
    await page.goto(`${url}?kiosk&kioskSpeed=${speed}&noaa`);
    await page.waitForSelector('[data-testid="kiosk-caption"]', { timeout: 180_000 });
    // Every playlist item computed once (later passes come from the stage cache).
    await page.waitForSelector('[data-testid="kiosk-kpis"][data-item="2"] [data-kpi="vkt"]', { timeout: 600_000 });
    const samples: Sample[] = [];
    const start = Date.now();
    const first = await tours(page);
    for (let next = first + every; next <= first + totalTours; next += every) {
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kiosk"]')?.getAttribute('data-tours') ?? 0) >= n, next, { timeout: 600_000, polling: 200 });
      samples.push(await sample(page, next - first));
    }
    const wallS = (Date.now() - start) / 1000;
    const per = (k: keyof Omit<Sample, 'tour'>): number => round(slope(samples.map((s) => s[k])) / every, 5);

    // Context loss: restore → drawn again by the scene itself, against one frame drawn on demand.
    const recovery = await page.evaluate(async () => {
      const w = window as unknown as Win;
      const gl = document.querySelector('canvas')!.getContext('webgl2')!;
      const ext = gl.getExtension('WEBGL_lose_context')!;
      const runs: number[] = [];
      const t = performance.now();
      w.__citytwin.renderNow();
      const frameMs = performance.now() - t;
      for (let i = 0; i < 3; i++) {
        ext.loseContext();
        await new Promise((r) => setTimeout(r, 300));
        const n = w.__citytwin.frames();
        const t0 = performance.now();
        ext.restoreContext();
        while (w.__citytwin.contextStatus() !== 'ok' || w.__citytwin.frames() <= n) await new Promise((r) => requestAnimationFrame(r));
        runs.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 500));
      }
      return { frameMs, runs };
    });

    // A killed worker in the middle of a scenario run (a fresh page, so the run is computed, not cached).
    const page2 = await context.newPage();
    await page2.goto(`${url}?kiosk&noaa`);
    await page2.waitForSelector('[data-testid="kiosk-caption"]', { timeout: 180_000 });
    await page2.evaluate(() => {
      const b = (window as unknown as Win).__citytwinTraffic;
      b.limits.silenceMs = 3000;
      b.limits.beatMs = 250;
    });
    await page2.waitForFunction(() => (window as unknown as Win).__citytwinTraffic.running > 0, undefined, { timeout: 180_000, polling: 20 });
    const t0 = Date.now();
    await page2.evaluate(() => (window as unknown as Win).__citytwinTraffic.worker!.terminate());
    await page2.waitForSelector('[data-testid="kiosk-kpis"] [data-kpi="vkt"]', { timeout: 300_000 });
    const killed = { ...(await page2.evaluate(() => (window as unknown as Win).__citytwinTraffic.stats)), figuresAfterS: round((Date.now() - t0) / 1000, 1) };

    return {
      note: 'headless Chromium + SwiftShader, 640x400; built-in Monaco kiosk file, loop ×65; samples after a full GC; growth = least-squares slope per tour',
      tours: totalTours,
      simulatedHours: round((totalTours * 65) / 3600, 2),
      wallS: round(wallS, 1),
      samples,
      perTour: { jsHeapMB: per('jsHeapMB'), domNodes: per('domNodes'), listeners: per('listeners'), gpuGeometries: per('gpuGeometries'), gpuTextures: per('gpuTextures'), workers: per('workers') },
      contextRecovery: { runsMs: recovery.runs.map((x) => round(x, 0)), baselineFrameMs: round(recovery.frameMs, 1), ratio: round(Math.max(...recovery.runs) / Math.max(recovery.frameMs, 0.1), 1), targetMs: 5000 },
      killedWorker: { ...killed, target: 'recovered within one retry' },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
