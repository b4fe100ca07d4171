// 3D Tiles in: `?tiles=<tileset.json>` streams the committed test tileset (200 synthetic buildings on
// the sea south-east of Monaco, tests/fixtures/tiles) on top of the default city. Its buildings stand
// where their lon/lat says (a click where the viewer projects a building's lon/lat picks that very
// building out of the tiles), the info panel shows the building's properties under their original
// names, and bad tileset URLs give a clear message while Monaco stays.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { collectErrors, launchBrowser, startPreview, waitForCity } from './harness.ts';
import { startStaticServer } from '../../bench/static-server.ts';
import { FIXTURE_CENTER, FIXTURE_DIR } from '../fixtures/tiles/generate.ts';
import { syntheticCity } from '../../src/core/synthetic/index.ts';
import { readPropertyTable } from '../../src/core/tiles/index.ts';
import { readFileSync } from 'node:fs';

interface Handle {
  setTilesErrorTarget(px: number | null): void;
  lookAtLonLat(lon: number, lat: number, distance?: number, tilt?: number): boolean;
  screenOfLonLat(lon: number, lat: number, z?: number): { x: number; y: number } | null;
  renderNow(): void;
}

let files: { url: string; close(): Promise<void> } | undefined;
let filesUrl: string;
let preview: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

/** Serves the fixture tileset (CORS open, as a tileset host must be) and two files that are not tilesets. */
async function serveFixture(): Promise<void> {
  const bad = mkdtempSync(join(tmpdir(), 'citytwin-tiles-bad-'));
  writeFileSync(join(bad, 'not-a-tileset.json'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
  writeFileSync(join(bad, 'broken.json'), '{"asset": {"version": "1.1"}, "root": ');
  files = await startStaticServer({ '/monaco-synthetic/': FIXTURE_DIR, '/': bad });
  filesUrl = files.url;
}

/** Rectangular buildings of the fixture (an L-shape's centre may be outside it), with centre and properties. */
function fixtureBuildings(): Array<{ index: number; lon: number; lat: number; props: Record<string, string> }> {
  const city = syntheticCity({ buildings: 200, seed: 6, center: FIXTURE_CENTER });
  const out: Array<{ index: number; lon: number; lat: number; props: Record<string, string> }> = [];
  city.features.forEach((f, index) => {
    const feature = f as { properties: Record<string, string>; geometry: { coordinates: number[][][] } };
    const ring = feature.geometry.coordinates[0]!;
    if (ring.length !== 5) return;
    const corners = ring.slice(0, 4);
    out.push({
      index,
      lon: corners.reduce((a, p) => a + p[0]!, 0) / 4,
      lat: corners.reduce((a, p) => a + p[1]!, 0) / 4,
      props: feature.properties,
    });
  });
  return out;
}

/** Looks straight down at a building, then clicks where the viewer projects its lon/lat (1 m above ground, inside it) until a tile feature is selected. */
async function clickBuilding(lon: number, lat: number): Promise<string | null> {
  let feature: string | null = null;
  await expect
    .poll(
      async () => {
        const pos = await page.evaluate(([x, y]) => {
          const h = (window as unknown as { __citytwin: Handle }).__citytwin;
          h.lookAtLonLat(x!, y!, 220, 0.5);
          h.renderNow();
          return h.screenOfLonLat(x!, y!, 1);
        }, [lon, lat]);
        if (!pos) return null;
        // Start from nothing selected, so the panel read below is this click's.
        const close = page.locator('[data-testid=info-panel] .close');
        if ((await close.count()) > 0) await close.click();
        await page.mouse.click(pos.x, pos.y);
        feature = await page
          .locator('[data-testid=info-panel][data-tileset]')
          .getAttribute('data-feature', { timeout: 1500 })
          .catch(() => null);
        return feature;
      },
      { timeout: 120_000, interval: 1500 },
    )
    .not.toBeNull();
  return feature;
}

beforeAll(async () => {
  await serveFixture();
  ({ server: preview } = await startPreview());
  const address = preview.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no preview port');
  browser = await launchBrowser();
  // Wide enough that the map centre (where each building is brought) lies right of the side panel.
  const context = await browser.newContext({ viewport: { width: 800, height: 480 }, locale: 'en-GB' });
  page = await context.newPage();
  errors = collectErrors(page);
  const tiles = `${filesUrl}/monaco-synthetic/tileset.json`;
  await page.goto(`http://127.0.0.1:${address.port}/?noaa&tiles=${encodeURIComponent(tiles)}`);
  await waitForCity(page);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await files?.close();
});

describe('3D Tiles in', () => {
  it('streams the tileset given by ?tiles= on top of the default city', async () => {
    const row = page.locator('li[data-tileset]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(async () => Number(await row.getAttribute('data-tiles')), { timeout: 120_000 }).toBeGreaterThan(0);
    expect(await row.textContent()).toContain('monaco-synthetic/tileset.json');
    expect(await row.locator('[data-testid=tileset-stats]').textContent()).toMatch(/tiles in memory/);
    expect(await page.getAttribute('li.layer[data-layer=buildings]', 'data-status')).toBe('ready');
  });

  it('buildings in tiles stand at their lon/lat and can be picked: the info panel shows their properties', async () => {
    const buildings = fixtureBuildings();
    // Two buildings with storeys (their key has a ':' that the schema id had to drop).
    const chosen = buildings.filter((b) => 'building:levels' in b.props).slice(3, 5);
    expect(chosen.length).toBe(2);
    for (const b of chosen) {
      const picked = await clickBuilding(b.lon, b.lat);
      expect(Number(picked)).toBe(b.index);
      const panel = page.locator('[data-testid=info-panel]');
      expect(await panel.locator('.info-title').textContent()).toBe(b.props['name']);
      const rows = await panel.locator('table.props tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
      const props = Object.fromEntries(rows);
      expect(props['building:levels']).toBe(b.props['building:levels']);
      expect(props['building']).toBe(b.props['building']);
      expect(props['feature_index']).toBe(String(b.index));
      expect(props['height_source']).toBe('levels');
    }
    const row = page.locator('li[data-tileset]');
    expect(Number(await row.getAttribute('data-features'))).toBeGreaterThan(0);
  });

  it('seen from afar (only the coarse root content drawn), a big building is picked with the same properties', async () => {
    // The root's coarse content: the biggest buildings of each quadrant, with ids and property rows.
    const root = readPropertyTable(new Uint8Array(readFileSync(join(FIXTURE_DIR, 'tiles', 'r.glb'))));
    const inRoot = new Set(root!.columns.get('feature_index') as number[]);
    const b = fixtureBuildings().find((x) => inRoot.has(x.index))!;
    expect(b).toBeDefined();
    // An error target no tile can exceed: nothing refines, only the root is drawn.
    await page.evaluate(() => (window as unknown as { __citytwin: Handle }).__citytwin.setTilesErrorTarget(1e9));
    try {
      const picked = await clickBuilding(b.lon, b.lat);
      expect(Number(picked)).toBe(b.index);
      const panel = page.locator('[data-testid=info-panel]');
      expect(await panel.locator('.info-title').textContent()).toBe(b.props['name']);
      const rows = await panel.locator('table.props tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
      expect(Object.fromEntries(rows)['feature_index']).toBe(String(b.index));
    } finally {
      await page.evaluate(() => (window as unknown as { __citytwin: Handle }).__citytwin.setTilesErrorTarget(null));
    }
  });

  it('a bad tileset URL shows a clear message and nothing else is lost', async () => {
    const add = async (url: string): Promise<void> => {
      await page.locator('[data-testid=tileset-url]').fill(url);
      await page.locator('[data-testid=tileset-add]').click();
    };
    await add(`${filesUrl}/missing/tileset.json`);
    await add(`${filesUrl}/not-a-tileset.json`);
    await add(`${filesUrl}/broken.json`);
    const failed = page.locator('li[data-tileset][data-status=error]');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(3);
    const messages = await failed.locator('[data-testid=tileset-error]').allTextContents();
    expect(messages[0]).toMatch(/Could not stream the tileset: the server answered 404/);
    expect(messages[1]).toMatch(/not a 3D Tiles tileset/);
    expect(messages[2]).toMatch(/not valid JSON/);
    // Monaco and the good tileset stay.
    for (const id of ['buildings', 'roads', 'green']) expect(await page.getAttribute(`li.layer[data-layer=${id}]`, 'data-status')).toBe('ready');
    expect(await page.locator('li[data-tileset][data-status=ready]').count()).toBe(1);
    // Removing a failed entry leaves the rest.
    await failed.first().locator('[data-testid=tileset-remove]').click();
    await expect.poll(() => failed.count()).toBe(2);
    const unexpected = errors.filter((e) => !/Failed to load resource|404/.test(e));
    expect(unexpected).toEqual([]);
  });
});
