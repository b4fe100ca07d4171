// Researchers' own files as layers: picked or dropped, in any supported CRS (declared, chosen or
// guessed), drawn as buildings, areas or lines; clear messages for what cannot be drawn; a layer far
// away opens as a new city; user layers can be removed. The default city stays through every error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { Page } from 'playwright-core';
import { type OpenedApp, openCity } from './harness.ts';

let app: OpenedApp;
let page: Page;

const square = (lon: number, lat: number, d: number): number[][] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const fc = (features: object[], crs?: string) => JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features });
const upload = (name: string, text: string) =>
  page.locator('[data-testid=add-layer]').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });

beforeAll(async () => {
  app = await openCity();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('loading your own layers', () => {
  it('a building file in Web Mercator (declared) is reprojected and extruded', async () => {
    const ring = square(7.421, 43.736, 0.0004).map((p) => proj4('EPSG:4326', 'EPSG:3857', p));
    await upload('towers-3857.geojson', fc([{ type: 'Feature', properties: { building: 'office', height: 60, name: 'Test tower' }, geometry: { type: 'Polygon', coordinates: [ring] } }], 'urn:ogc:def:crs:EPSG::3857'));
    const layer = page.locator('li.layer', { hasText: 'towers-3857.geojson' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const text = (await layer.textContent())!;
    expect(text).toContain('1 of 1 features drawn');
    expect(text).toContain('Coordinates: EPSG:3857 (declared in the file)');
    expect(text).toContain('Height from data'); // drawn as buildings
  });

  it('a line file becomes a road layer; a point file shows markers you can click', async () => {
    await upload('paths.geojson', fc([{ type: 'Feature', properties: { highway: 'cycleway' }, geometry: { type: 'LineString', coordinates: [[7.42, 43.735], [7.425, 43.738]] } }]));
    const lines = page.locator('li.layer', { hasText: 'paths.geojson' });
    await expect.poll(() => lines.getAttribute('data-status')).toBe('ready');
    expect(await lines.textContent()).toContain('Footway, path, steps');
    await upload('stations.geojson', fc([
      { type: 'Feature', properties: { name: 'H2 station A', capacity_kg_day: 500 }, geometry: { type: 'Point', coordinates: [7.4195, 43.7335] } },
      { type: 'Feature', properties: { name: 'broken' }, geometry: { type: 'Point', coordinates: [7.42, 'x'] } },
    ]));
    const points = page.locator('li.layer', { hasText: 'stations.geojson' });
    await expect.poll(() => points.getAttribute('data-status')).toBe('ready');
    expect(await points.textContent()).toContain('1 of 2 features drawn');
    const id = await points.getAttribute('data-layer');
    const pos = await page.evaluate((layerId) => {
      const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; renderNow(): void; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
      h.lookAt(layerId!, 0, 150, 0.5);
      h.renderNow(); // as a person would: the new markers have been drawn before they click
      return h.screenOf(layerId!, 0);
    }, id);
    await page.mouse.click(pos!.x, pos!.y);
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-title').textContent()).toBe('H2 station A');
    await page.locator('[data-testid=info-panel] .close').click();
    expect(await page.getAttribute('li.layer[data-layer=buildings]', 'data-status')).toBe('ready');
  });

  it('a line-delimited file loads; a bad line and a duplicate id are listed with where they are', async () => {
    const f = (id: string, lon: number) => JSON.stringify({ type: 'Feature', id, properties: { name: id }, geometry: { type: 'Polygon', coordinates: [square(lon, 43.733, 0.0003)] } });
    const text = [f('a', 7.4200), f('b', 7.4210), '{"type": "Feature", oops}', f('a', 7.4220), f('c', 7.4230)].join('\n');
    await upload('zones.geojsonl', text);
    const layer = page.locator('li.layer', { hasText: 'zones.geojsonl' });
    await expect.poll(() => layer.getAttribute('data-status')).toBe('ready');
    expect(await layer.textContent()).toContain('3 of 5 features drawn');
    await layer.getByRole('button', { name: /2 features skipped/ }).click();
    const list = (await page.locator('.skipped-panel').textContent())!;
    expect(list).toMatch(/not valid JSON \(line 3, column \d+\)/);
    expect(list).toMatch(/id a\): duplicate id \(first used by feature 0\)/);
    await page.locator('.skipped-panel .close').click();
  });

  it('user layers can be removed', async () => {
    const points = page.locator('li.layer', { hasText: 'stations.geojson' });
    await points.locator('[data-testid=layer-remove]').click();
    await expect.poll(() => points.count()).toBe(0);
  });

  it('colours a layer by a property with a legend, and recolours without reloading', async () => {
    const buildings = page.locator('li.layer[data-layer=buildings]');
    await buildings.locator('[data-testid=style-property]').selectOption('building');
    await expect.poll(() => buildings.locator('.legend-items li').count()).toBeGreaterThan(3);
    expect(await buildings.locator('[data-testid=style-scheme]').inputValue()).toBe('categorical');
    expect(await buildings.locator('.legend-items').textContent()).toContain('yes');
    await buildings.locator('[data-testid=style-property]').selectOption('building:levels');
    expect(await buildings.locator('[data-testid=style-scheme]').inputValue()).toBe('sequential');
    expect(await buildings.locator('.legend-note').textContent()).toMatch(/1,123 without a value/);
    await buildings.locator('[data-testid=style-property]').selectOption('');
    expect(await buildings.textContent()).toContain('Estimated height');
  });

  it('the attribute table searches, sorts, and flies to a feature; a map selection highlights its row', async () => {
    const buildings = page.locator('li.layer[data-layer=buildings]');
    await buildings.locator('[data-testid=open-table]').click();
    const table = page.locator('[data-testid=attribute-table]');
    expect(await table.textContent()).toContain('1,232 of 1,232 rows');
    await table.locator('[data-testid=table-search]').fill('Océanographique');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await table.locator('tbody tr').first().click();
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-subtitle').textContent()).toBe('Musée Océanographique');
    expect(await table.locator('tbody tr').first().getAttribute('aria-selected')).toBe('true');
    await table.locator('[data-testid=table-search]').fill('');
    await table.getByRole('button', { name: 'Sort by building:levels' }).click();
    await table.getByRole('button', { name: 'Sort by building:levels' }).click(); // descending: most storeys first
    // Levels sort as numbers (as text, "8" would come before "49"): non-increasing down the column, 49 first.
    const col = (await table.locator('thead th').allTextContents()).findIndex((h) => h.startsWith('building:levels'));
    const levels = await table.locator(`tbody tr td:nth-child(${col + 1})`).allTextContents();
    const firstTen = levels.slice(0, 10).map(Number);
    expect(firstTen[0]).toBe(49);
    for (let k = 1; k < firstTen.length; k++) expect(firstTen[k]).toBeLessThanOrEqual(firstTen[k - 1]!);
    await table.locator('.close').click();
  });

  it('projected coordinates without a CRS that fit several systems ask for a choice; once chosen, a far-away file opens as a new city', async () => {
    // Seoul City Hall area in EPSG:5186 (Korea 2000 / Central Belt 2010), no crs member.
    const [x, y] = proj4('EPSG:4326', '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m', [126.978, 37.5665]) as [number, number];
    const ring = [[x, y], [x + 50, y], [x + 50, y + 40], [x, y + 40], [x, y]];
    const file = fc([{ type: 'Feature', properties: { building: 'public', height: 40, name: '서울시청' }, geometry: { type: 'Polygon', coordinates: [ring] } }]);
    await upload('seoul.geojson', file);
    const first = page.locator('li.layer', { hasText: 'seoul.geojson' });
    await expect.poll(() => first.getAttribute('data-status')).toBe('error');
    expect(await first.textContent()).toMatch(/fit several coordinate systems \(EPSG:5186.*\): choose one and load again/);
    await page.selectOption('[data-testid=add-layer-crs]', '5186');
    await upload('seoul.geojson', file);
    await page.waitForSelector('[data-notice="notice.newCity"]', { timeout: 30_000 });
    await expect.poll(() => page.locator('li.layer').count()).toBe(1); // the failed try was removed with the old city
    const city = page.locator('li.layer').first();
    await expect.poll(() => city.getAttribute('data-status')).toBe('ready');
    expect(await city.textContent()).toContain('Coordinates: EPSG:5186 (chosen by you)');
    // Monaco's data is gone, and so is its attribution.
    expect(await page.locator('[data-testid=attribution]').count()).toBe(0);
  });

  it('the CityJSON tile (Dutch RD New + NAP) opens as a new city with its 26 LoD1 buildings', async () => {
    const { readFileSync } = await import('node:fs');
    const tile = readFileSync(new URL('../fixtures/cityjson/3db_sub.json', import.meta.url));
    await page.selectOption('[data-testid=add-layer-crs]', 'auto');
    await page.locator('[data-testid=add-layer]').setInputFiles({ name: '3db_sub.json', mimeType: 'application/json', buffer: tile });
    const layer = page.locator('li.layer', { hasText: '3db_sub.json' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    const text = (await layer.textContent())!;
    expect(text).toContain('26 of 26 features drawn');
    expect(text).toContain('Coordinates: EPSG:28992 (declared in the file)');
  });

  it('logged no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});
