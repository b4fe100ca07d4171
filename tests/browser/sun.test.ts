// The sun in the real browser: looking straight down on Monaco's tallest building on the winter solstice,
// its shadow falls north-west at 09:00 and north-east at 15:00 (true solar time). The sun stands equally
// high at both times (11.2°), so horizontal surfaces are lit alike and only shadows tell the pixels apart:
// the ground up-left of the tower is darker at 09:00, the ground up-right darker at 15:00. With the sun off
// the same two times draw the same pixels. Then the sunlight study runs in its worker around the tower.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type OpenedApp, openCity } from './harness.ts';

interface Handle {
  renderNow(): void;
  lookAt(layerId: string, featureId: number, distance?: number, tilt?: number): boolean;
  screenOf(layerId: string, featureId: number): { x: number; y: number } | null;
}
interface StoreApi {
  getState(): {
    layers: { id: string; data?: { data: { features: { height: Float32Array } } } }[];
    sun: { study: { status: string; result: { count: number; hours: Float32Array; flags: Uint8Array } | null } };
    setSunEnabled(on: boolean): void;
    setSunDate(date: string): void;
    setSunMinute(minute: number): void;
    select(ref: { layerId: string; featureId: number } | null): void;
    runSunlightStudy(): Promise<void>;
  };
}

let app: OpenedApp;
let tower = -1;

beforeAll(async () => {
  app = await openCity({ width: 480, height: 480 });
  tower = await app.page.evaluate(() => {
    const store = (window as unknown as { __citytwinStore: StoreApi }).__citytwinStore;
    const h = store.getState().layers.find((l) => l.id === 'buildings')!.data!.data.features.height;
    let best = 0;
    for (let i = 1; i < h.length; i++) if (h[i]! > h[best]!) best = i;
    store.getState().setSunDate('2025-12-21');
    (window as unknown as { __citytwin: Handle }).__citytwin.lookAt('buildings', best, 400, 0.5);
    return best;
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** Mean brightness (R+G+B) of the canvas in two patches diagonally up-left and up-right of the tower, at `minute`. */
async function patches(page: Page, minute: number): Promise<{ upLeft: number; upRight: number }> {
  await page.evaluate((m) => (window as unknown as { __citytwinStore: StoreApi }).__citytwinStore.getState().setSunMinute(m), minute);
  await page.waitForTimeout(400); // React commits the new sun
  return page.evaluate(([, id]) => {
    const w = window as unknown as { __citytwin: Handle; __citytwinStore: StoreApi };
    w.__citytwin.renderNow();
    const at = w.__citytwin.screenOf('buildings', id)!;
    const canvas = document.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    const gl = canvas.getContext('webgl2')!;
    const sx = gl.drawingBufferWidth / r.width;
    const px = new Uint8Array(4);
    const mean = (dx: number): number => {
      let sum = 0, n = 0;
      for (let d = 60; d <= 150; d += 6) {
        for (let k = -6; k <= 6; k += 6) {
          const x = Math.round((at.x - r.left + dx * d + k) * sx);
          const y = Math.round(gl.drawingBufferHeight - (at.y - r.top - d) * sx);
          gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          sum += px[0]! + px[1]! + px[2]!;
          n++;
        }
      }
      return sum / n;
    };
    return { upLeft: mean(-1), upRight: mean(1) };
  }, [minute, tower] as const);
}

describe('sun and shadows', () => {
  it('casts the tower’s shadow north-west at 09:00 and north-east at 15:00 on the ground', async () => {
    const { page } = app;
    await page.evaluate(() => (window as unknown as { __citytwinStore: StoreApi }).__citytwinStore.getState().setSunEnabled(false));
    await patches(page, 900); // let the view settle
    const off9 = await patches(page, 540);
    const off15 = await patches(page, 900);
    expect(off15).toEqual(off9); // no sun: the time of day draws nothing different
    await page.evaluate(() => (window as unknown as { __citytwinStore: StoreApi }).__citytwinStore.getState().setSunEnabled(true));
    const at9 = await patches(page, 540);
    const at15 = await patches(page, 900);
    // Shadowed patches are darker than the same patches in the sun. The sun is low (11°), so sunlit ground
    // is only about 1.4× brighter in sRGB than shaded ground, and the patches are partly shaded at both times.
    expect(at9.upLeft).toBeLessThan(at15.upLeft * 0.92);
    expect(at15.upRight).toBeLessThan(at9.upRight * 0.92);
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('runs the sunlight study around the selected tower in its worker and draws the heat map', async () => {
    const { page } = app;
    const r = await page.evaluate(async (id) => {
      const store = (window as unknown as { __citytwinStore: StoreApi }).__citytwinStore;
      store.getState().select({ layerId: 'buildings', featureId: id });
      await store.getState().runSunlightStudy();
      const s = store.getState().sun.study;
      const res = s.result!;
      let inside = 0, passing = 0, failing = 0;
      for (let i = 0; i < res.count; i++) {
        if (res.flags[i]! & 4) inside++;
        else if (res.flags[i]! & 3) passing++;
        else failing++;
      }
      return { status: s.status, count: res.count, inside, passing, failing };
    }, tower);
    expect(r.status).toBe('ready');
    expect(r.count).toBeGreaterThan(1000);
    // Points under the tower are inside it; around it some ground meets the criterion and some does not.
    expect(r.inside).toBeGreaterThan(20);
    expect(r.passing).toBeGreaterThan(0);
    expect(r.failing).toBeGreaterThan(0);
    await page.evaluate(() => (document.querySelector('[data-tab="sun"]') as HTMLElement).click());
    await page.waitForSelector('[data-testid="sun-study-summary"]');
    expect(await page.locator('[data-testid="sun-legend"] li').count()).toBe(4);
    expect(app.errors).toEqual([]);
  }, 120_000);
});
