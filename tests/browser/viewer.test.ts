// The viewer as a person uses it, in headless Chromium against the built app: the city appears,
// clicking a building shows its name, layers toggle, the language switches and is remembered,
// broken input is reported without losing what is loaded, a crashed worker is restarted —
// and the console stays free of errors throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type OpenedApp, collectErrors, openCity, waitForCity } from './harness.ts';

let app: OpenedApp;
let url: string;
let context: BrowserContext;
let page: Page;
let errors: string[];

const MUSEUM = 0; // "Musée Océanographique", the first building in the Monaco file

interface Handle {
  frames(): number;
  screenOf(layer: string, id: number): { x: number; y: number } | null;
  lookAt(layer: string, id: number, distance?: number, tilt?: number): boolean;
  renderNow(): void;
  pendingChunks(): number;
  pickingTrees(): { meshes: number; withTree: number; worker: number; mainThread: number };
  setDetail(mode: 'adaptive' | 'full'): void;
  drawStats(): { triangles: number; calls: number };
}

/** Renders a frame and reads back a grid of canvas pixels (RGBA) in the same task. */
async function samplePixels(p: Page, step = 16): Promise<number[][]> {
  return p.evaluate((s) => {
    const h = (window as unknown as { __citytwin: Handle }).__citytwin;
    h.renderNow();
    const canvas = document.querySelector('canvas')!;
    const gl = canvas.getContext('webgl2')!;
    const out: number[][] = [];
    const px = new Uint8Array(4);
    for (let y = 0; y < gl.drawingBufferHeight; y += s) {
      for (let x = 0; x < gl.drawingBufferWidth; x += s) {
        gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        out.push([px[0]!, px[1]!, px[2]!]);
      }
    }
    return out;
  }, step);
}

/** Reads the canvas pixel under a page point (CSS px), after rendering a frame. */
async function pixelAt(p: Page, x: number, y: number): Promise<number[]> {
  return p.evaluate(([cx, cy]) => {
    const h = (window as unknown as { __citytwin: Handle }).__citytwin;
    h.renderNow();
    const canvas = document.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    const gl = canvas.getContext('webgl2')!;
    const sx = Math.round(((cx! - r.left) / r.width) * gl.drawingBufferWidth);
    const sy = Math.round(gl.drawingBufferHeight - ((cy! - r.top) / r.height) * gl.drawingBufferHeight);
    const px = new Uint8Array(4);
    gl.readPixels(sx, sy, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return [px[0]!, px[1]!, px[2]!];
  }, [x, y]);
}

async function flyTo(p: Page, layer: string, id: number): Promise<{ x: number; y: number }> {
  // Chunks join the scene a few per frame: wait until every loaded chunk can be drawn and picked.
  await p.waitForFunction(() => (window as unknown as { __citytwin: Handle }).__citytwin.pendingChunks() === 0);
  const pos = await p.evaluate(([l, i]) => {
    const h = (window as unknown as { __citytwin: Handle }).__citytwin;
    h.lookAt(l as string, i as number, 260, 0.5);
    h.renderNow();
    return h.screenOf(l as string, i as number);
  }, [layer, id] as const);
  if (!pos) throw new Error(`feature ${layer}#${id} is not loaded`);
  return pos;
}

beforeAll(async () => {
  app = await openCity();
  ({ url, context, page, errors } = app);
});

afterAll(async () => {
  await app?.close();
});

describe('the default city (Monaco)', () => {
  it('draws the city: the canvas is not blank and shows building, road and ground colours', async () => {
    // As a person sees it: once every chunk has joined the scene (they join a few per frame).
    await page.waitForFunction(() => (window as unknown as { __citytwin: Handle }).__citytwin.pendingChunks() === 0);
    let pixels: number[][] = [];
    await expect
      .poll(async () => {
        pixels = await samplePixels(page);
        return new Set(pixels.map((p) => p.join(','))).size;
      }, { timeout: 20_000 })
      .toBeGreaterThan(50);
    // Light building roofs and walls are present (near-white to grey), not only the sky/ground colour.
    const bright = pixels.filter((p) => p[0]! > 200 && p[1]! > 195 && p[2]! > 185).length;
    expect(bright / pixels.length).toBeGreaterThan(0.01);
    expect(await page.textContent('[data-testid=attribution]')).toContain('© OpenStreetMap contributors');
    expect(await page.textContent('li.layer[data-layer=buildings]')).toContain('1,232 of 1,232 features drawn');
  });

  it('clicking a building shows its name, height source and properties in the info panel', async () => {
    const pos = await flyTo(page, 'buildings', MUSEUM);
    await page.mouse.move(pos.x, pos.y);
    await page.mouse.click(pos.x, pos.y);
    const panel = page.locator('[data-testid=info-panel]');
    // English UI: the English name (name:en) as the title, the name on the ground beneath it.
    await expect.poll(() => panel.locator('.info-title').textContent(), { timeout: 20_000 }).toBe('Oceanographic Museum');
    expect(await panel.locator('.info-subtitle').textContent()).toBe('Musée Océanographique');
    expect(await panel.textContent()).toContain('estimated');
    expect(await panel.textContent()).toContain('maritime'); // the museum=maritime property, as text
    // The picked building is drawn in the selection colour (orange).
    const [r, g, b] = await pixelAt(page, pos.x, pos.y);
    expect(r! - b!).toBeGreaterThan(60);
    expect(g!).toBeLessThan(r!);
  });

  it('every chunk of the city gets its picking tree from the picking worker, and clicks pick through it', async () => {
    const trees = () => page.evaluate(() => (window as unknown as { __citytwin: Handle }).__citytwin.pickingTrees());
    await expect.poll(async () => { const t = await trees(); return t.meshes > 0 && t.withTree === t.meshes; }, { timeout: 30_000 }).toBe(true);
    const t = await trees();
    // Buildings, roads and green areas: one tree per chunk, none built on the main thread.
    expect(t.meshes).toBeGreaterThanOrEqual(3);
    expect(t.worker).toBeGreaterThanOrEqual(t.meshes);
    expect(t.mainThread).toBe(0);
    const pos = await flyTo(page, 'buildings', MUSEUM);
    await page.mouse.click(pos.x, pos.y);
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-title').textContent(), { timeout: 20_000 }).toBe('Oceanographic Museum');
  });

  it('far away only the bigger buildings are drawn; close up, or in full detail, every one is', async () => {
    await flyTo(page, 'buildings', MUSEUM);
    const stats = (distance: number, detail: 'adaptive' | 'full') =>
      page.evaluate(
        ([d, mode]) => {
          const h = (window as unknown as { __citytwin: Handle }).__citytwin;
          h.lookAt('buildings', 0, d as number, 0.5);
          h.setDetail(mode as 'adaptive' | 'full');
          const s = h.drawStats();
          h.setDetail('adaptive');
          return s.triangles;
        },
        [distance, detail] as const,
      );
    // Roads and green areas have no far detail: hidden, the counts are the buildings' alone.
    const others = ['Show Roads', 'Show Green areas'].map((name) => page.getByRole('checkbox', { name }));
    for (const c of others) await c.uncheck();
    try {
      // 260 m above the museum every building in view covers far more than 1.5 px: all drawn.
      expect(await stats(260, 'adaptive')).toBe(await stats(260, 'full'));
      // Monaco's 1,232 buildings from 5 km and 9 km (the camera goes no further than 3 extents of the data) (all in view): in full detail every one is drawn;
      // otherwise the small ones (specks) are left out and the big ones stay, fewer the further away.
      const all = await stats(9_000, 'full');
      expect(await stats(5_000, 'full')).toBe(all);
      // …every triangle of the layer, and the ground's: the plane's 2 and 24 of the land (Monaco's
      // coastline polygon, a 27-point islet ring).
      const layerTriangles = await page.evaluate(() => {
        const store = (window as unknown as { __citytwinStore: { getState(): { layers: Array<{ id: string; data?: { data: { triangleCount?: number } } }> } } }).__citytwinStore;
        return store.getState().layers.find((l) => l.id === 'buildings')?.data?.data.triangleCount ?? -1;
      });
      expect(all).toBe(layerTriangles + 2 + 24);
      const atNear = await stats(5_000, 'adaptive');
      const atFar = await stats(9_000, 'adaptive');
      expect(atNear).toBeLessThan(all);
      expect(atFar).toBeLessThan(atNear);
      expect(atFar).toBeGreaterThan(0);
      // The layer panel's "Every building at every distance" draws them all; unticked, far detail is back.
      const drawn = () => page.evaluate(() => (window as unknown as { __citytwin: Handle }).__citytwin.drawStats().triangles);
      const box = page.getByTestId('far-detail-full');
      await box.check();
      await expect.poll(drawn).toBe(all);
      await box.uncheck();
      await expect.poll(drawn).toBe(atFar);
    } finally {
      for (const c of others) await c.check();
    }
  });

  it('hiding the buildings layer removes them from the picture; showing it brings them back', async () => {
    const pos = await flyTo(page, 'buildings', MUSEUM);
    await page.locator('[data-testid=info-panel] .close').click();
    const before = await pixelAt(page, pos.x, pos.y);
    await page.getByRole('checkbox', { name: 'Show Buildings' }).uncheck();
    await expect.poll(async () => (await pixelAt(page, pos.x, pos.y)).join(',')).not.toBe(before.join(','));
    await page.getByRole('checkbox', { name: 'Show Buildings' }).check();
    await expect.poll(async () => (await pixelAt(page, pos.x, pos.y)).join(',')).toBe(before.join(','));
  });

  it('switches to Korean and remembers the choice after a reload', async () => {
    await page.click('button[data-lang=ko]');
    expect(await page.textContent('.layer-panel h2')).toBe('레이어');
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await page.reload();
    await waitForCity(page);
    expect(await page.textContent('.layer-panel h2')).toBe('레이어');
    expect(await page.textContent('li.layer[data-layer=buildings]')).toContain('건물');
    // Click the museum again after the reload: in Korean its Korean name (name:ko) is the title.
    const pos = await flyTo(page, 'buildings', MUSEUM);
    await page.mouse.click(pos.x, pos.y);
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-title').textContent()).toBe('모나코 해양박물관');
    expect(await page.textContent('[data-testid=info-panel]')).toContain('추정값');
    await page.click('button[data-lang=en]');
    expect(await page.textContent('.layer-panel h2')).toBe('Layers');
  });
});

describe('bad input and failures', () => {
  it('a broken GeoJSON file gets a located error; the city stays loaded', async () => {
    await page.evaluate(async () => {
      const text = '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",, }\n]}';
      const blobUrl = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
      const store = (window as unknown as { __citytwinStore: { getState(): { loadLayer(spec: object): Promise<void> } } }).__citytwinStore;
      await store.getState().loadLayer({ id: 'broken', kind: 'buildings', url: blobUrl, name: { text: 'broken.geojson' } });
    });
    const row = page.locator('li.layer[data-layer=broken]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('error');
    expect(await row.locator('.layer-error').textContent()).toMatch(/invalid JSON at line 3, column 22/);
    // In Korean the same error in Korean words: its problem came over from the worker with the error.
    await page.click('button[data-lang=ko]');
    expect(await row.locator('.layer-error').textContent()).toMatch(/^불러오지 못했습니다: JSON 형식 오류 \(3행 22열\): \S/);
    await page.click('button[data-lang=en]');
    expect(await row.locator('.layer-error').textContent()).toMatch(/^Could not load: invalid JSON at line 3, column 22: \S/);
    // Nothing to show, rename or move: no visibility box, no ✎ ▲ ▼ on the failed layer's row.
    expect(await row.locator('.layer-name').textContent()).toBe('broken.geojson');
    expect(await row.locator('input[type=checkbox], [data-testid=layer-rename], [data-testid=layer-up], [data-testid=layer-down]').count()).toBe(0);
    expect(await page.getAttribute('li.layer[data-layer=buildings]', 'data-status')).toBe('ready');
  });

  it('a file with hostile property values shows them as text, never as HTML', async () => {
    await page.evaluate(async () => {
      const fc = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: '<img src=x onerror="window.__pwned=1">', __proto__x: '<script>window.__pwned=2</script>', height: 30 },
            geometry: { type: 'Polygon', coordinates: [[[7.4200, 43.7300], [7.4204, 43.7300], [7.4204, 43.7303], [7.4200, 43.7303], [7.4200, 43.7300]]] },
          },
        ],
      };
      const text = JSON.stringify(fc).replace('"__proto__x"', '"__proto__"');
      const blobUrl = URL.createObjectURL(new Blob([text]));
      const store = (window as unknown as { __citytwinStore: { getState(): { loadLayer(spec: object): Promise<void> } } }).__citytwinStore;
      await store.getState().loadLayer({ id: 'hostile', kind: 'buildings', url: blobUrl, name: { text: 'hostile.geojson' } });
    });
    await page.waitForSelector('li.layer[data-layer=hostile][data-status=ready]');
    const pos = await flyTo(page, 'hostile', 0);
    await page.mouse.click(pos.x, pos.y);
    const title = page.locator('[data-testid=info-panel] .info-title');
    await expect.poll(() => title.textContent()).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('[data-testid=info-panel] img, [data-testid=info-panel] script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.textContent('[data-testid=info-panel] .props')).toContain('<script>window.__pwned=2</script>');
  });

  it('a worker that crashes is reported and restarted, and the page keeps working', async () => {
    await page.evaluate(async () => {
      const w = window as unknown as { __citytwinIngest: { call(fn: (api: { crashLater(): Promise<void> }) => Promise<void>): Promise<void> } };
      await w.__citytwinIngest.call((api) => api.crashLater());
    });
    await page.waitForSelector('[data-notice="notice.workerCrashed"]', { timeout: 20_000 });
    expect(await page.textContent('[data-notice="notice.workerCrashed"]')).toMatch(/ingest worker stopped unexpectedly/);
    const starts = await page.evaluate(async () => {
      const w = window as unknown as { __citytwinIngest: { starts: number; call(fn: (api: { busy(ms: number): Promise<number> }) => Promise<number>): Promise<number> } };
      await w.__citytwinIngest.call((api) => api.busy(5));
      return w.__citytwinIngest.starts;
    });
    expect(starts).toBe(2);
    expect(await page.getAttribute('li.layer[data-layer=buildings]', 'data-status')).toBe('ready');
  });

  it('logged no console errors', () => {
    // The deliberate worker crash above surfaces as an error event we handle, not a console error.
    expect(errors).toEqual([]);
  });
});

describe('cancelling a load', () => {
  it('stops the worker, says so, keeps what was shown, and the next load works', async () => {
    const p = await context.newPage();
    const pageErrors = collectErrors(p);
    await p.goto(`${url}?synthetic=1`);
    await p.waitForSelector('li.layer[data-layer=buildings][data-status=ready]', { timeout: 60_000 });
    await p.evaluate(() => {
      const store = (window as unknown as { __citytwinStore: { getState(): { loadSynthetic(n: number, seed: number): Promise<void> } } }).__citytwinStore;
      void store.getState().loadSynthetic(400_000, 3);
    });
    await p.locator('.job[data-job=buildings] button').click({ timeout: 30_000 });
    await p.waitForSelector('[data-notice="notice.cancelled"]', { timeout: 20_000 });
    const row = p.locator('li.layer[data-layer=buildings]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('ready');
    expect(await row.textContent()).toContain('1 of 1 features drawn');
    expect(await p.locator('.job').count()).toBe(0);
    await p.evaluate(async () => {
      const store = (window as unknown as { __citytwinStore: { getState(): { loadSynthetic(n: number, seed: number): Promise<void> } } }).__citytwinStore;
      await store.getState().loadSynthetic(50, 3);
    });
    expect(await row.textContent()).toContain('50 of 50 features drawn');
    expect(pageErrors).toEqual([]);
    await p.close();
  });
});
