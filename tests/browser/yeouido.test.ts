// Yeouido (여의동, Seoul) as the second built-in city: `?city=yeouido` opens it with its credits, the
// header's city picker switches cities, a click on the LG Twin Towers and on Parc.1 Tower 1 opens the
// info panel with the name and the height and its source, and its hydrogen example loads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { collectErrors, launchBrowser, startPreview, waitForCity } from './harness.ts';

interface Handle {
  lookAt(layer: string, id: number, distance?: number, tilt?: number): boolean;
  renderNow(): void;
  pendingChunks(): number;
  screenOf(layer: string, id: number): { x: number; y: number } | null;
}

// Indices in assets/city/yeouido/buildings.geojson.
const LG_TWIN = 0; // relation/6033900 "LG트윈타워" (no height tag in OSM: its outline carries none)
const PARC1 = 475; // way/874639189 "파크원 타워1", height=322

let server: PreviewServer;
let url: string;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ server, url } = await startPreview());
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 900, height: 640 }, locale: 'en-GB' });
  page = await context.newPage();
  errors = collectErrors(page);
  await page.goto(`${url}?city=yeouido`);
  await waitForCity(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function clickBuilding(id: number): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __citytwin: Handle }).__citytwin.pendingChunks() === 0);
  const pos = await page.evaluate((i) => {
    const h = (window as unknown as { __citytwin: Handle }).__citytwin;
    h.lookAt('buildings', i, 500, 0.6);
    h.renderNow();
    return h.screenOf('buildings', i);
  }, id);
  if (!pos) throw new Error(`building #${id} is not on screen`);
  await page.mouse.move(pos.x, pos.y);
  await page.mouse.click(pos.x, pos.y);
}

describe('Yeouido, the built-in Korean city', () => {
  it('opens with ?city=yeouido: 522 buildings, the picker on Yeouido, OSM and boundary credits', async () => {
    expect(await page.textContent('li.layer[data-layer=buildings]')).toContain('522 of 522 features drawn');
    expect(await page.inputValue('[data-testid=city-picker]')).toBe('yeouido');
    expect(await page.textContent('[data-testid=attribution]')).toContain('© OpenStreetMap contributors');
    expect(await page.textContent('[data-testid=map-credits]')).toContain('Statistics Korea SGIS (KOGL Type 1)');
  });

  it('a click on the LG Twin Towers shows their name and how their height was found', async () => {
    await clickBuilding(LG_TWIN);
    const panel = page.locator('[data-testid=info-panel]');
    await expect.poll(() => panel.locator('.info-title').textContent(), { timeout: 20_000 }).toBe('LG Twin Tower');
    expect(await panel.locator('.info-subtitle').textContent()).toBe('LG트윈타워');
    // OSM's outline of the towers has no height tag (their 34-storey parts are building:part features,
    // not in the extract): the panel says the height is an estimate.
    expect(await panel.textContent()).toContain('estimated');
  });

  it('a click on Parc.1 Tower 1 shows its real height, 322 m from the height tag', async () => {
    await clickBuilding(PARC1);
    const panel = page.locator('[data-testid=info-panel]');
    await expect.poll(() => panel.locator('.info-title').textContent(), { timeout: 20_000 }).toBe('Parc.1 Tower1');
    expect(await panel.textContent()).toContain('322 m, from the height tag');
  });

  it('its traffic panel says the road network does not hold together (cut at the dong boundary)', async () => {
    await page.click('button[data-tab=traffic]');
    await page.getByRole('button', { name: 'Build network and demand' }).click();
    await page.waitForSelector('[data-testid=traffic-fragmented]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=traffic-network]')).toMatch(/^125 road links, /);
    expect(await page.textContent('[data-testid=traffic-fragmented]')).toBe(
      'Only 125 of the 695 road links connect both ways with the rest of the network (the roads were probably cut at the edge of the data), so the speeds and transport emissions here are not reliable.',
    );
    await page.click('button[data-tab=layers]');
  });

  it('its hydrogen example (the National Assembly station) loads, and the picker goes back to Monaco', async () => {
    const name = await page.evaluate(async () => {
      const store = (window as unknown as { __citytwinStore: { getState(): { ensureHydrogenModel(): Promise<void>; hydrogen: { modelName: string | null; model: unknown } } } }).__citytwinStore;
      await store.getState().ensureHydrogenModel();
      const h = store.getState().hydrogen;
      return [h.modelName, (h.model as { stations: Array<{ id: string }> }).stations[0]!.id];
    });
    expect(name).toEqual(['yeouido.json', 'h-national-assembly']);
    await page.selectOption('[data-testid=city-picker]', 'monaco');
    await expect.poll(() => page.textContent('li.layer[data-layer=buildings]'), { timeout: 120_000 }).toContain('1,232 of 1,232 features drawn');
    expect(new URL(page.url()).searchParams.get('city')).toBeNull();
    expect(await page.locator('[data-testid=map-credits]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
