// Researchers' own files as layers: picked or dropped, in any supported CRS (declared, chosen or
// guessed), drawn as buildings, areas or lines; clear messages for what cannot be drawn; a layer far
// away asks, then opens as a new city; user layers can be removed. The default city stays through every error.
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

  it('adding and removing layers again and again leaves no GPU buffers or textures behind (kiosks run for days)', async () => {
    const gpu = () => page.evaluate(() => (window as unknown as { __citytwin: { gpuMemory(): { geometries: number; textures: number } } }).__citytwin.gpuMemory());
    const before = await gpu();
    // 400 small blocks near the port (about 20 chunks with walls and roofs) and 50 markers.
    const blocks = Array.from({ length: 400 }, (_, i) => ({
      type: 'Feature', properties: { building: 'yes', height: 10 + (i % 7) * 5, name: `Block ${i}` },
      geometry: { type: 'Polygon', coordinates: [square(7.419 + (i % 20) * 0.0002, 43.731 + Math.floor(i / 20) * 0.0002, 0.00012)] },
    }));
    const markers = Array.from({ length: 50 }, (_, i) => ({ type: 'Feature', properties: { name: `M${i}` }, geometry: { type: 'Point', coordinates: [7.42 + i * 0.0001, 43.732] } }));
    const marks: number[] = [];
    for (let round = 0; round < 3; round++) {
      await upload(`blocks-${round}.geojson`, fc(blocks));
      await upload(`markers-${round}.geojson`, fc(markers));
      const added = [page.locator('li.layer', { hasText: `blocks-${round}.geojson` }), page.locator('li.layer', { hasText: `markers-${round}.geojson` })];
      for (const l of added) await expect.poll(() => l.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
      await page.waitForFunction(() => (window as unknown as { __citytwin: { pendingChunks(): number } }).__citytwin.pendingChunks() === 0);
      const loaded = await gpu();
      expect(loaded.geometries).toBeGreaterThan(before.geometries);
      expect(loaded.textures).toBeGreaterThan(before.textures); // the blocks' feature colours
      for (const l of added) await l.locator('[data-testid=layer-remove]').click();
      for (const l of added) await expect.poll(() => l.count()).toBe(0);
      await expect.poll(gpu).toEqual(before);
      marks.push(await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('citytwin:ingest-')).length));
    }
    // Nor timing marks: the same number after every round (the latest pair per layer, cleared at the next load).
    expect(new Set(marks).size).toBe(1);
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

  it('a flat file drawn as 3D blocks is extruded by a property (drawn and picked at the new height), renamed and reordered', async () => {
    await upload('plots.geojson', fc([
      { type: 'Feature', id: 'tall', properties: { floors: 40, name: 'Tall plot' }, geometry: { type: 'Polygon', coordinates: [square(7.4262, 43.7395, 0.0004)] } },
      { type: 'Feature', id: 'low', properties: { floors: 'unknown', name: 'Low plot' }, geometry: { type: 'Polygon', coordinates: [square(7.4272, 43.7395, 0.0004)] } },
    ]));
    const layer = page.locator('li.layer', { hasText: 'plots.geojson' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    expect(await layer.locator('[data-testid=layer-draw-as]').inputValue()).toBe('areas');
    await layer.locator('[data-testid=layer-draw-as]').selectOption('buildings');
    await expect.poll(() => layer.locator('[data-testid=extrude-by]').count(), { timeout: 30_000 }).toBe(1);
    const id = (await layer.getAttribute('data-layer'))!;
    // The camera is placed once; then the roof's place on screen is read after each change.
    const look = (move: boolean) =>
      page.evaluate(([layerId, m]) => {
        const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; renderNow(): void; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
        if (m) h.lookAt(layerId, 0, 500, 50); // tilt 50° from the vertical
        h.renderNow();
        return h.screenOf(layerId, 0);
      }, [id, move] as const);
    const before = (await look(true))!;
    await layer.locator('[data-testid=extrude-by]').selectOption('floors');
    await layer.locator('[data-testid=extrude-scale]').fill('3');
    expect(await layer.textContent()).toContain('1 without a number keep their height');
    // The map's React root applies the new heights on its own schedule: let it commit and draw a frame
    // (as a person's next glance would) before reading where the roof is and clicking it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const top = (await look(false))!;
    // 40 floors × 3 m = 120 m: the roof is drawn far above where the file's height put it.
    expect(before.y - top.y).toBeGreaterThan(40);
    await page.mouse.click(top.x, top.y + 3);
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-title').textContent()).toBe('Tall plot');
    await page.locator('[data-testid=info-panel] .close').click();

    const row = page.locator(`li.layer[data-layer=${id}]`); // while renaming, the old name is in an input
    await row.locator('[data-testid=layer-rename]').click();
    await row.locator('[data-testid=layer-rename-input]').fill('Plots by floors');
    await row.locator('[data-testid=layer-rename-input]').press('Enter');
    const renamed = page.locator('li.layer', { hasText: 'Plots by floors' });
    await expect.poll(() => renamed.count()).toBe(1);
    const order = () => page.locator('li.layer').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')));
    const first = await order();
    expect(first[0]).toBe(id); // the newest layer is listed on top
    await renamed.locator('[data-testid=layer-down]').click();
    expect((await order())[1]).toBe(id);
    await renamed.locator('[data-testid=layer-up]').click();
    expect(await order()).toEqual(first);
    await renamed.locator('[data-testid=layer-remove]').click();
  });

  it('markers can be sized by a property', async () => {
    await upload('sites.geojson', fc([
      { type: 'Feature', properties: { name: 'Big', capacity: 1000 }, geometry: { type: 'Point', coordinates: [7.4195, 43.7335] } },
      { type: 'Feature', properties: { name: 'Small', capacity: 250 }, geometry: { type: 'Point', coordinates: [7.4205, 43.7335] } },
      { type: 'Feature', properties: { name: 'None' }, geometry: { type: 'Point', coordinates: [7.4215, 43.7335] } },
    ]));
    const layer = page.locator('li.layer', { hasText: 'sites.geojson' });
    await expect.poll(() => layer.getAttribute('data-status')).toBe('ready');
    await layer.locator('[data-testid=point-size-by]').selectOption('capacity');
    expect(await layer.textContent()).toContain('Area proportional to |capacity| (largest 1,000); 1 without a number drawn smallest');
    // The big marker is now 20 m across in radius: a click 10 m from its centre (an eighth of the 80 m to
    // the next marker) lands on it; the default 3 m marker would have been missed.
    const [p0, p1] = await page.evaluate((layerId) => {
      const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; renderNow(): void; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
      h.lookAt(layerId!, 0, 250, 0.2);
      h.renderNow();
      return [h.screenOf(layerId!, 0)!, h.screenOf(layerId!, 1)!];
    }, await layer.getAttribute('data-layer'));
    await page.mouse.click(p0.x + (p1.x - p0.x) / 8, p0.y + (p1.y - p0.y) / 8);
    await expect.poll(() => page.locator('[data-testid=info-panel] .info-title').textContent()).toBe('Big');
    await page.locator('[data-testid=info-panel] .close').click();
    await layer.locator('[data-testid=layer-remove]').click();
  });

  it('a layer with its own column names becomes the buildings input through a mapping with a preview; the carbon model reads it', async () => {
    await upload('register.geojson', fc([
      { type: 'Feature', properties: { BLD_NM: 'Tower', GRND_FLR: 15, MAIN_PURPS_CD_NM: '공동주택' }, geometry: { type: 'Polygon', coordinates: [square(7.4262, 43.7385, 0.0003)] } },
      { type: 'Feature', properties: { BLD_NM: 'Hall', GRND_FLR: '4', MAIN_PURPS_CD_NM: '업무시설' }, geometry: { type: 'Polygon', coordinates: [square(7.4270, 43.7385, 0.0003)] } },
    ]));
    const layer = page.locator('li.layer', { hasText: 'register.geojson' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    await layer.locator('[data-testid=open-mapping]').click();
    const panel = page.locator('[data-testid=input-mapping]');
    expect(await panel.locator('[data-testid=input-role]').inputValue()).toBe('buildings');
    // Guessed from the building-register column names; Korean use names translated.
    expect(await panel.locator('[data-testid=map-levels]').inputValue()).toBe('GRND_FLR');
    expect(await panel.locator('[data-testid=map-use]').inputValue()).toBe('MAIN_PURPS_CD_NM');
    const preview = (await panel.locator('[data-testid=input-preview]').textContent())!;
    expect(preview).toContain('45 m (storeys)');
    expect(preview).toContain('apartment');
    expect(preview).toContain('office');
    expect(await panel.locator('[data-testid=input-coverage]').textContent()).toContain('Storeys above ground: usable in 2 of 2 features');
    await panel.locator('[data-testid=input-apply]').click();
    await expect.poll(() => layer.locator('[data-testid=input-badge]').textContent()).toContain('Buildings');
    const counts = await page.evaluate(async () => {
      type S = { getState(): { runCarbon(): Promise<void>; carbon: { result: { counts: { buildings: number; buildingsByUse: Record<string, number> } } | null } } };
      const store = (window as unknown as { __citytwinStore: S }).__citytwinStore;
      await store.getState().runCarbon();
      return store.getState().carbon.result?.counts;
    });
    expect(counts?.buildings).toBe(2);
    expect(counts?.buildingsByUse).toMatchObject({ apartment: 1, office: 1 });
    await panel.locator('[data-testid=input-stop]').click();
    await expect.poll(() => layer.locator('[data-testid=input-badge]').count()).toBe(0);
    await panel.locator('.close').click();
    await layer.locator('[data-testid=layer-remove]').click();
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

  it('a file of points, lines and polygons is one entry with sub-layers, each drawn; a feature without a location is a table row', async () => {
    // Off the coast, 400 m from any default layer: only this file is drawn where the camera looks.
    const features = [
      { type: 'Feature', properties: { name: 'Plot A', landuse: 'retail' }, geometry: { type: 'Polygon', coordinates: [square(7.4363, 43.7381, 0.0004)] } },
      { type: 'Feature', properties: { name: 'Plot B' }, geometry: { type: 'Polygon', coordinates: [square(7.4371, 43.7381, 0.0004)] } },
      { type: 'Feature', properties: { name: 'Quay road', highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[7.4360, 43.7377], [7.4380, 43.7377]] } },
      { type: 'Feature', properties: { name: 'Pier', highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[7.4379, 43.7378], [7.4379, 43.7388]] } },
      { type: 'Feature', properties: { name: 'Kiosk 1' }, geometry: { type: 'Point', coordinates: [7.4362, 43.7388] } },
      { type: 'Feature', properties: { name: 'Kiosk 2' }, geometry: { type: 'Point', coordinates: [7.4366, 43.7388] } },
      { type: 'Feature', properties: { name: '<i>Harbour office</i>', note: 'address only' }, geometry: null },
      { type: 'Feature', properties: { name: 'Kiosk 3' }, geometry: { type: 'Point', coordinates: [7.4370, 43.7388] } },
      { properties: { name: 'Kiosk 4' }, geometry: { type: 'Point', coordinates: [7.4374, 43.7388] } },
    ];
    await upload('harbour-mixed.geojson', fc(features));
    const layer = page.locator('li.layer', { hasText: 'harbour-mixed.geojson' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    expect(await layer.count()).toBe(1); // one entry in the list for the whole file
    const text = (await layer.textContent())!;
    expect(text).toContain('8 of 9 features drawn');
    expect(text).not.toContain('skipped');
    const parts = layer.locator('[data-testid=layer-parts] li');
    expect(await parts.allTextContents()).toEqual(['Points · 4', 'Polygons (flat) · 2', 'Lines · 2', 'No location (attribute table only) · 1']);
    // Each kind with its own legend.
    expect(text).toContain('Points from your file');
    expect(text).toContain('Areas from your file');
    expect(text).toContain('Primary road');

    const id = (await layer.getAttribute('data-layer'))!;
    await page.waitForFunction(() => (window as unknown as { __citytwin: { pendingChunks(): number } }).__citytwin.pendingChunks() === 0);
    // Straight down over the plots; each kind's feature is read where it is drawn, then with that kind hidden.
    const at = (featureId: number, move = false) =>
      page.evaluate(([layerId, f, m]) => {
        const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; renderNow(): void; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
        if (m) h.lookAt(layerId, 0, 450, 0.01);
        h.renderNow();
        const p = h.screenOf(layerId, f)!;
        const canvas = document.querySelector('canvas')!;
        const r = canvas.getBoundingClientRect();
        const gl = canvas.getContext('webgl2')!;
        const px = new Uint8Array(4);
        gl.readPixels(Math.round(((p.x - r.left) / r.width) * gl.drawingBufferWidth), Math.round(gl.drawingBufferHeight - ((p.y - r.top) / r.height) * gl.drawingBufferHeight), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        return [px[0]!, px[1]!, px[2]!].join(',');
      }, [id, featureId, move] as const);
    await at(0, true);
    for (const [kind, feature] of [['areas', 1], ['roads', 2], ['points', 4]] as const) {
      const shown = await at(feature);
      await layer.locator(`[data-part=${kind}] input`).uncheck();
      await expect.poll(() => at(feature), { message: `${kind} drawn` }).not.toBe(shown);
      await layer.locator(`[data-part=${kind}] input`).check();
      await expect.poll(() => at(feature)).toBe(shown);
    }
    // The whole file hides and shows together.
    const plot = await at(1);
    await layer.getByRole('checkbox', { name: 'Show harbour-mixed.geojson' }).uncheck();
    await expect.poll(() => at(1)).not.toBe(plot);
    await layer.getByRole('checkbox', { name: 'Show harbour-mixed.geojson' }).check();

    // The feature without a location is a row of the table, marked, its values as text.
    await layer.locator('[data-testid=open-table]').click();
    const table = page.locator('[data-testid=attribute-table]');
    expect(await table.textContent()).toContain('9 of 9 rows');
    const row = table.locator('tbody tr[data-unlocated]');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-feature')).toBe('6');
    expect(await row.textContent()).toContain('no location');
    expect(await row.textContent()).toContain('<i>Harbour office</i>');
    expect(await table.locator('tbody i').count()).toBe(0);
    await table.locator('.close').click();

    // The feature without "type" loaded, with a warning that says where.
    await layer.locator('[data-testid=layer-warnings]').click();
    expect(await page.locator('[data-testid=warning-list]').textContent()).toContain('Feature 8: no "type", read as Feature — at $.features[8].type');
    await page.locator('.skipped-panel .close').click();
    await layer.locator('[data-testid=layer-remove]').click();
    await expect.poll(() => layer.count()).toBe(0);
  });

  it('projected coordinates without a CRS that fit several systems ask for a choice; once chosen, a far-away file asks and opens as a new city', async () => {
    // Seoul City Hall area in EPSG:5186 (Korea 2000 / Central Belt 2010), no crs member.
    const [x, y] = proj4('EPSG:4326', '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m', [126.978, 37.5665]) as [number, number];
    const ring = [[x, y], [x + 50, y], [x + 50, y + 40], [x, y + 40], [x, y]];
    const file = fc([{ type: 'Feature', properties: { building: 'public', height: 40, name: '서울시청' }, geometry: { type: 'Polygon', coordinates: [ring] } }]);
    await upload('seoul.geojson', file);
    // A question, not an error: the candidates (tests/browser/ask.test.ts checks what each says).
    const dialog = page.getByTestId('ask-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getAttribute('data-ask')).toBe('crs');
    await dialog.locator('[data-crs="5186"]').click();
    // Chosen, it lies far from Monaco: asked again, it opens as a new city.
    await expect.poll(() => dialog.getAttribute('data-ask'), { timeout: 30_000 }).toBe('far');
    await dialog.locator('[data-answer=open]').click();
    await page.waitForSelector('[data-notice="notice.newCity"]', { timeout: 30_000 });
    await expect.poll(() => page.locator('li.layer').count()).toBe(1); // the failed try was removed with the old city
    const city = page.locator('li.layer').first();
    await expect.poll(() => city.getAttribute('data-status')).toBe('ready');
    expect(await city.textContent()).toContain('Coordinates: EPSG:5186 (chosen by you)');
    // Monaco's data is gone, and so is its attribution.
    expect(await page.locator('[data-testid=attribution]').count()).toBe(0);
  });

  it('a layer exported as GeoJSON and loaded again gives the same features (from EPSG:5186, a bad feature left out)', async () => {
    // Korea 2000 / Central Belt 2010 metres: two plots; the third has a ring that is not closed.
    const sq = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
    const x0 = 200_000, y0 = 600_000;
    await page.selectOption('[data-testid=add-layer-crs]', 'auto'); // the test before chose 5186 for its file
    await upload('plots-5186.geojson', fc([
      { type: 'Feature', id: 'p1', properties: { name: '필지 1', height: 12 }, geometry: { type: 'Polygon', coordinates: [sq(x0, y0, 20)] } },
      { type: 'Feature', id: 'p2', properties: { name: '<b>plot 2</b>', height: 30 }, geometry: { type: 'Polygon', coordinates: [sq(x0 + 40, y0, 20)] } },
      { type: 'Feature', id: 'p3', properties: { name: 'open ring' }, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 5, y0], [x0 + 5, y0 + 5]]] } },
    ], 'urn:ogc:def:crs:EPSG::5186'));
    const layer = page.locator('li.layer', { hasText: 'plots-5186.geojson' });
    await expect.poll(() => layer.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    expect(await layer.textContent()).toContain('2 of 3 features drawn');
    const [download] = await Promise.all([page.waitForEvent('download'), layer.locator('[data-testid=layer-export]').click()]);
    expect(download.suggestedFilename()).toBe('plots-5186.export.geojson');
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const json = JSON.parse(text) as { crs?: unknown; features: { id: string; properties: { name: string }; geometry: { coordinates: number[][][] } }[] };
    expect(json.crs).toBeUndefined();
    expect(json.features.map((f) => [f.id, f.properties.name])).toEqual([['p1', '필지 1'], ['p2', '<b>plot 2</b>']]);
    expect(json.features[0]!.geometry.coordinates[0]![0]).toEqual([127, 38]); // the projection's origin, in lon/lat
    // Loaded again (beside the original, in the same city), it draws the same two features.
    await upload('plots-5186.export.geojson', text);
    const again = page.locator('li.layer', { hasText: 'plots-5186.export.geojson' });
    await expect.poll(() => again.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const stats = (await again.textContent())!;
    expect(stats).toContain('2 of 2 features drawn');
  });

  it('the CityJSON tile (Dutch RD New + NAP) opens as a new city with its 26 LoD1 buildings', async () => {
    const { readFileSync } = await import('node:fs');
    const tile = readFileSync(new URL('../fixtures/cityjson/3db_sub.json', import.meta.url));
    await page.selectOption('[data-testid=add-layer-crs]', 'auto');
    await page.locator('[data-testid=add-layer]').setInputFiles({ name: '3db_sub.json', mimeType: 'application/json', buffer: tile });
    // Delft is far from Seoul (the city the test before opened): asked, it opens as a new city.
    const dialog = page.getByTestId('ask-dialog');
    await dialog.waitFor({ timeout: 60_000 });
    expect(await dialog.getAttribute('data-ask')).toBe('far');
    await dialog.locator('[data-answer=open]').click();
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
