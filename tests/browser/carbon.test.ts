// The carbon map in the viewer: computed in the worker from the loaded city, drawn as columns, totals
// equal to the sum of the cells, a fleet shift lowering transport, the difference view, a cell's
// breakdown on click, and transport switching to assigned traffic once there is an assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type OpenedApp, openCity } from './harness.ts';

let app: OpenedApp;
let page: Page;

interface CarbonView {
  status: string;
  result: { grid: { totals: Record<string, number>; attributes: Record<string, { value: Float64Array }> }; transportSource: string; params: { fleetShift: Record<string, number> }; cellDistrict?: Int32Array } | null;
  districtNames: string[];
  baseline: { grid: { totals: Record<string, number> } } | null;
}
const carbon = (p: Page) =>
  p.evaluate(() => {
    const c = (window as unknown as { __citytwinStore: { getState(): { carbon: CarbonView } } }).__citytwinStore.getState().carbon;
    if (!c.result) return null;
    const sums: Record<string, number> = {};
    for (const k of ['buildings', 'transport', 'sinks', 'net']) sums[k] = Array.from(c.result.grid.attributes[k]!.value).reduce((a, b) => a + b, 0);
    // The cell with the largest net emissions, for the click test.
    const net = c.result.grid.attributes['net']!.value;
    let top = 0;
    for (let i = 1; i < net.length; i++) if (net[i]! > net[top]!) top = i;
    const d = c.result.cellDistrict?.[top];
    const district = d === undefined ? null : d >= 0 ? c.districtNames[d]! : '';
    return { totals: c.result.grid.totals, sums, base: c.baseline?.grid.totals ?? null, source: c.result.transportSource, top, topNet: net[top]!, shift: c.result.params.fleetShift, district };
  });

beforeAll(async () => {
  app = await openCity();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('carbon map in the viewer', () => {
  it('computes the map for Monaco; totals equal the sum of the cells', async () => {
    await page.click('button[data-tab=carbon]');
    await page.click('[data-testid=carbon-run]');
    await page.waitForSelector('[data-testid=carbon-result]', { timeout: 60_000 });
    const c = (await carbon(page))!;
    expect(c.totals['buildings']).toBeGreaterThan(10_000);
    expect(c.totals['sinks']).toBeLessThan(0);
    for (const k of ['buildings', 'transport', 'sinks', 'net']) expect(Math.abs(c.sums[k]! - c.totals[k]!)).toBeLessThanOrEqual(1e-9 * Math.abs(c.totals[k]!) + 1e-9);
    // With no traffic results yet, the city's own assignment runs first and transport comes from it.
    expect(c.source).toBe('assignment');
    expect(await page.textContent('[data-testid=carbon-result]')).toContain('assigned traffic');
    // Monaco lies in Monaco: its own profile (French grid electricity) is applied and shown.
    expect(await page.getAttribute('[data-testid=city-profile]', 'data-profile')).toBe('MC');
    expect(await page.textContent('[data-testid=city-profile] summary')).toContain('Monaco');
  });

  it('30 % battery-electric cars lower tank-to-wheel transport emissions against the baseline', async () => {
    const before = (await carbon(page))!;
    await page.locator('[data-testid=carbon-ev]').fill('30');
    await page.click('[data-testid=carbon-run]');
    await expect.poll(async () => (await carbon(page))?.shift['car_bev']).toBe(0.3);
    const after = (await carbon(page))!;
    expect(after.totals['transport']).toBeLessThan(before.totals['transport']! * 0.8);
    expect(after.totals['buildings']).toBeCloseTo(before.totals['buildings']!, 6);
    expect(after.base!['transport']).toBeCloseTo(before.totals['transport']!, 6);
    expect(await page.textContent('[data-testid=carbon-totals] tr[data-sector=transport]')).toMatch(/\(-[\d,]+\)/);
  });

  it('clicking the highest cell shows its breakdown by sector', async () => {
    const c = (await carbon(page))!;
    const pos = await page.evaluate((cell) => {
      const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
      h.lookAt('carbon', cell, 700, 0.5);
      return h.screenOf('carbon', cell);
    }, c.top);
    await page.mouse.move(pos!.x, pos!.y);
    await expect.poll(() => page.textContent('[data-testid=hover-tip]')).toContain(`Grid cell ${c.top} · Buildings`);
    await page.mouse.click(pos!.x, pos!.y);
    const panel = page.locator('[data-testid=info-panel]');
    // Named by its quartier (the cell's centre in Monaco's admin polygons), the cell's id beside it.
    expect(c.district).toBeTruthy();
    await expect.poll(() => panel.locator('.info-title').textContent()).toBe(`District: ${c.district}`);
    expect(await panel.getByTestId('cell-id').textContent()).toBe(`cell ${c.top}`);
    const netCell = (await panel.locator('tr[data-sector=net] td').last().textContent())!.replace(/,/g, '');
    expect(Number(netCell)).toBeCloseTo(c.topNet, 0);
  });

  it('a green area drawn on the map adds absorption', async () => {
    const before = (await carbon(page))!;
    if (await page.locator('[data-testid=info-panel] .close').count()) await page.click('[data-testid=info-panel] .close');
    await page.evaluate(() => (window as unknown as { __citytwin: { resetView(): void } }).__citytwin.resetView());
    await page.click('[data-testid=green-draw]');
    // A square of about 130 m × 130 m on land in the middle of Monaco, clicked where it is on screen (right
    // of the side panel after Reset view).
    const [lon0, lat0] = [7.4246, 43.7384];
    const corners = [[-0.0008, -0.0006], [0.0008, -0.0006], [0.0008, 0.0006], [-0.0008, 0.0006]] as const;
    for (const [dlon, dlat] of corners) {
      const p = await page.evaluate(([x, y]) => (window as unknown as { __citytwin: { screenOfLonLat(lon: number, lat: number, z?: number): { x: number; y: number } | null } }).__citytwin.screenOfLonLat(x!, y!, 0), [lon0 + dlon, lat0 + dlat]);
      await page.mouse.click(p!.x, p!.y);
    }
    await page.click('[data-testid=green-finish]');
    // About 130 m × 130 m: a real area, not a sliver (a test that a zero area would pass is no test).
    const area = Number((await page.textContent('.green-areas'))!.match(/Park, ([\d,]+) m²/)![1]!.replace(/,/g, ''));
    expect(area).toBeGreaterThan(10_000);
    expect(area).toBeLessThan(25_000);
    await page.click('[data-testid=carbon-run]');
    await expect.poll(async () => (await carbon(page))!.totals['sinks']!, { timeout: 60_000 }).toBeLessThan(before.totals['sinks']!);
    const after = (await carbon(page))!;
    expect(after.totals['buildings']).toBeCloseTo(before.totals['buildings']!, 6);
  });

  it('the assignment the carbon map ran first is the traffic tab\'s result, and the map keeps using it', async () => {
    await page.click('button[data-tab=traffic]');
    await page.waitForSelector('[data-testid=traffic-result]', { timeout: 60_000 });
    await page.click('button[data-tab=carbon]');
    await page.click('[data-testid=carbon-run]');
    await expect.poll(async () => (await carbon(page))?.source, { timeout: 30_000 }).toBe('assignment');
    expect(await page.textContent('[data-testid=carbon-result]')).toContain('assigned traffic');
  });

  it('logged no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});

describe('importing someone else\'s carbon map', () => {
  it('a GeoJSON grid in Web Mercator (declared CRS) shows with its values; a broken CSV names its line', async () => {
    // A 3 × 3 grid of 200 m cells over Monaco in EPSG:3857, values -50 … 350 t, made here.
    const proj4 = (await import('proj4')).default;
    const [x0, y0] = proj4('EPSG:4326', 'EPSG:3857', [7.418, 43.735]) as [number, number];
    const features = [];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const x = x0 + c * 275, y = y0 + r * 275; // 200 m on the ground at this latitude ≈ 275 Mercator m
        features.push({
          type: 'Feature',
          properties: { co2_t: (r * 3 + c) * 50 - 50, label: `<b>r${r}c${c}</b>` },
          geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 275, y], [x + 275, y + 275], [x, y + 275], [x, y]]] },
        });
      }
    }
    const geojson = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features });
    await page.click('button[data-tab=carbon]');
    await page.locator('[data-testid=carbon-import-file]').setInputFiles({ name: 'monaco-grid.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
    await page.waitForSelector('[data-testid=carbon-import-property]');
    expect(await page.locator('[data-testid=carbon-import-property] option').allTextContents()).toEqual(['co2_t (-50 – 350)']);
    expect(await page.locator('[data-testid=carbon-import-crs] option').first().textContent()).toContain('EPSG:3857, declared');
    await page.click('[data-testid=carbon-import-show]');
    await expect.poll(() => page.textContent('[data-testid=carbon-import-result]')).toContain('monaco-grid.geojson: 9 of 9 shown, co2_t from -50 to 350, EPSG:3857');

    // A file with nothing to map is refused with the reason; the grid shown before stays.
    await page.locator('[data-testid=carbon-import-file]').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('name,comment\nA,"no numbers here"\n') });
    await expect.poll(() => page.textContent('.import [role=alert]')).toBe('empty.csv: no numeric property or column to map');
    expect(await page.textContent('[data-testid=carbon-import-result]')).toContain('monaco-grid.geojson');

    // A CSV in lon/lat with a bad number and a short row: both skipped, each located by its line.
    await page.locator('[data-testid=carbon-import-file]').setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,co2_t\n7.42,43.73,5\n7.43,43.74,abc\n7.44\n7.425,43.735,8\n') });
    await expect.poll(() => page.locator('[data-testid=carbon-import-property] option').allTextContents()).toEqual(['co2_t (5 – 8)']);
    await page.click('[data-testid=carbon-import-show]');
    await expect.poll(() => page.textContent('[data-testid=carbon-import-result]')).toContain('rows.csv: 2 of 4 shown');
    expect(await page.textContent('[data-testid=carbon-import-result]')).toMatch(/2 skipped \(first: line 3: /);
  });
});
