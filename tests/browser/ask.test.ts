// Ask, don't surprise: a file whose projected coordinates fit several coordinate systems asks which one,
// showing where each would put the data, in the UI's language; a file far from the city asks before it
// opens as a new city; declining either keeps everything loaded; the replaced city can be reopened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { Page } from 'playwright-core';
import { type OpenedApp, openCity } from './harness.ts';

let app: OpenedApp;
let page: Page;

// Seoul City Hall area in EPSG:5186 (Korea 2000 / Central Belt 2010), with no crs member: the same numbers
// fit the other Korea 2000 belts, 2° of longitude apart.
const seoul = (() => {
  const [x, y] = proj4('EPSG:4326', '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m', [126.978, 37.5665]) as [number, number];
  const ring = [[x, y], [x + 50, y], [x + 50, y + 40], [x, y + 40], [x, y]];
  return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { building: 'public', height: 40, name: '서울시청' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
})();

const upload = (name: string, text: string) =>
  page.locator('[data-testid=add-layer]').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
const layerIds = () => page.locator('li.layer').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')).sort());

beforeAll(async () => {
  app = await openCity();
  page = app.page;
  await page.click('button[data-tab=layers]').catch(() => undefined);
});

afterAll(async () => {
  await app?.close();
});

describe('asking before surprising', () => {
  it('an ambiguous CRS asks in Korean, with each candidate\'s place and distance; declining loads nothing', async () => {
    await page.click('button[data-lang=ko]');
    await upload('seoul.geojson', seoul);
    const dialog = page.getByTestId('ask-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getAttribute('data-ask')).toBe('crs');
    expect(await dialog.locator('h2').textContent()).toBe('seoul.geojson의 좌표계는 무엇인가요?');
    // No English error was shown: the failed try left no layer row behind.
    expect(await page.locator('li.layer', { hasText: 'seoul.geojson' }).count()).toBe(0);
    const central = dialog.locator('[data-crs="5186"]');
    const text = (await central.textContent())!;
    expect(text).toContain('EPSG:5186');
    expect(text).toMatch(/북위 37\.56[67]°, 동경 126\.97[89]°/);
    // Monaco to Seoul is about 9,300 km, to the north-east.
    const km = Number(/북동쪽으로 ([\d,]+) km/.exec(text)?.[1]?.replaceAll(',', ''));
    expect(km).toBeGreaterThan(9000);
    expect(km).toBeLessThan(9600);
    // The East Belt (5187) puts the same numbers 2° further east.
    expect(await dialog.locator('[data-crs="5187"]').textContent()).toMatch(/동경 128\.9\d\d°/);
    await dialog.locator('[data-answer=cancel]').click();
    await page.waitForSelector('[data-notice="ask.crs.declined"]');
    expect(await page.textContent('[data-notice="ask.crs.declined"]')).toContain('seoul.geojson을(를) 불러오지 않았습니다');
    expect(await layerIds()).toEqual(['buildings', 'green', 'roads']);
    await page.click('button[data-lang=en]');
  });

  it('a candidate chosen, the far-away file asks before it opens as a new city; "keep" keeps Monaco whole', async () => {
    await upload('seoul.geojson', seoul);
    const dialog = page.getByTestId('ask-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('[data-crs="5186"]').click();
    await expect.poll(() => dialog.getAttribute('data-ask'), { timeout: 30_000 }).toBe('far');
    expect(await dialog.locator('h2').textContent()).toBe('Open as a new city?');
    expect(await dialog.locator('p').textContent()).toMatch(/seoul\.geojson lies 9,[0-9]{3} km from the city shown/);
    await dialog.locator('[data-answer=keep]').click();
    await page.waitForSelector('[data-notice="ask.far.declined"]');
    await expect.poll(layerIds).toEqual(['buildings', 'green', 'roads']);
    for (const id of ['buildings', 'green', 'roads']) expect(await page.getAttribute(`li.layer[data-layer=${id}]`, 'data-status')).toBe('ready');
    expect(await page.locator('[data-testid=attribution]').count()).toBe(1);
    expect(await page.getByTestId('reopen-city').count()).toBe(0); // nothing was replaced
  });

  it('"open as a new city" replaces Monaco, and Monaco can be reopened', async () => {
    await upload('seoul.geojson', seoul);
    const dialog = page.getByTestId('ask-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('[data-crs="5186"]').click();
    await expect.poll(() => dialog.getAttribute('data-ask'), { timeout: 30_000 }).toBe('far');
    await dialog.locator('[data-answer=open]').click();
    await page.waitForSelector('[data-notice="notice.newCity"]', { timeout: 30_000 });
    await expect.poll(() => page.locator('li.layer').count()).toBe(1);
    const city = page.locator('li.layer').first();
    await expect.poll(() => city.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    expect(await city.textContent()).toContain('Coordinates: EPSG:5186 (chosen by you)');
    expect(await page.locator('[data-testid=attribution]').count()).toBe(0);
    await page.getByTestId('reopen-city').click();
    await page.waitForSelector('[data-notice="ask.reopened"]', { timeout: 120_000 });
    await expect.poll(layerIds).toEqual(['buildings', 'green', 'roads']);
    for (const id of ['buildings', 'green', 'roads']) expect(await page.getAttribute(`li.layer[data-layer=${id}]`, 'data-status')).toBe('ready');
    expect(await page.locator('[data-testid=attribution]').count()).toBe(1);
    // Seoul is now the city to go back to.
    expect(await page.getByTestId('reopen-city').count()).toBe(1);
  });

  it('logged no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});
