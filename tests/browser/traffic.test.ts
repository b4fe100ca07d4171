// Traffic in the viewer, as a planner uses it: build Monaco's network and demand, run the assignment
// in the worker, see flows on the map, inspect the most congested link, close it, re-run warm and
// compare with the baseline; vehicles animate only while playing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type OpenedApp, openCity } from './harness.ts';

let app: OpenedApp;
let page: Page;
let errors: string[];

interface TrafficState {
  view: { linkCount: number } | null;
  result: { flows: Float64Array; summary: { topCongested: { link: number; vc: number }[]; vehKm: number }; warmStarted: boolean } | null;
  edits: { closed: number[] };
}
const traffic = (p: Page) =>
  p.evaluate(() => {
    const t = (window as unknown as { __citytwinStore: { getState(): { traffic: TrafficState } } }).__citytwinStore.getState().traffic;
    return {
      links: t.view?.linkCount ?? 0,
      top: t.result?.summary.topCongested[0] ?? null,
      vehKm: t.result?.summary.vehKm ?? 0,
      warm: t.result?.warmStarted ?? false,
      closed: t.edits.closed,
      flowOf: (t.result && t.edits.closed.length ? t.result.flows[t.edits.closed[0]!] : null) ?? null,
    };
  });

beforeAll(async () => {
  app = await openCity();
  ({ page, errors } = app);
});

afterAll(async () => {
  await app?.close();
});

describe('traffic assignment in the viewer', () => {
  it('builds the network and demand from the loaded roads and buildings', async () => {
    await page.click('button[data-tab=traffic]');
    await page.getByRole('button', { name: 'Build network and demand' }).click();
    await page.waitForSelector('[data-testid=traffic-run]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=traffic-network]')).toBe('1,672 road links, 65 zones, 11,965 trips/h');
    expect(await page.locator('[data-testid=traffic-fragmented]').count()).toBe(0);
    await page.locator('[data-testid=traffic-panel] summary', { hasText: 'Assumptions and sources' }).click();
    await expect.poll(() => page.textContent('[data-testid=traffic-panel]')).toContain('ITE Trip Generation Manual');
  });

  it('runs to the target gap in the worker and draws flows coloured by V/C', async () => {
    await page.click('[data-testid=traffic-run]');
    await page.waitForSelector('[data-testid=traffic-result]', { timeout: 60_000 });
    const text = await page.textContent('[data-testid=traffic-result]');
    expect(text).toMatch(/^\d+ iterations, relative gap \d\.\de-\d+, [\d.]+ s$/);
    const t = await traffic(page);
    expect(t.vehKm).toBeGreaterThan(1000);
    expect(t.top!.vc).toBeGreaterThan(1); // Monaco's busiest links are over capacity in the PM peak
    // Dark purple (over capacity) and pale blue (free-flowing) ribbons are on screen (BuPu, src/scene/trafficStyle.ts).
    const counts = await page.evaluate(() => {
      (window as unknown as { __citytwin: { renderNow(): void } }).__citytwin.renderNow();
      const gl = document.querySelector('canvas')!.getContext('webgl2')!;
      const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      let over = 0, free = 0;
      for (let i = 0; i < px.length; i += 4) {
        const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!;
        // V/C ≥ 1: rgb(101, 8, 98) … rgb(77, 0, 75).
        if (r > 60 && r < 140 && g < 50 && b > 60 && b < 150) over++;
        // V/C below ~0.4: from rgb(178, 202, 225) to rgb(145, 157, 202); blue over red and green by more than the sky's blue-grey.
        if (b > 180 && b - r > 40 && b - g > 15) free++;
      }
      return { over, free };
    });
    expect(counts.over).toBeGreaterThan(30);
    expect(counts.free).toBeGreaterThan(30);
    // The legend gives numbers, the unit's direction and the closed-road style.
    const legend = (await page.getByTestId('traffic-legend').textContent())!;
    for (const part of ['0', '0.3', '0.6', '0.9', '≥ 1.2', 'free-flowing', 'over capacity', 'Closed road']) expect(legend).toContain(part);
  });

  it('clicking a congested link shows its flow, capacity, V/C and times', async () => {
    const t = await traffic(page);
    await page.locator('.congested button').first().click();
    const panel = page.locator('[data-testid=info-panel]');
    await expect.poll(() => panel.textContent()).toContain('Volume / capacity');
    const text = (await panel.textContent())!;
    expect(text).toContain(t.top!.vc.toFixed(2));
    expect(text).toMatch(/Flow[\d,]+ veh\/h/);
    expect(text).toMatch(/Free-flow time[\d.]+ s/);
    expect(text).toMatch(/Congested time[\d.,]+ s/);
    // Named as the map names it: the street's name (or its class when it has none), the link's id beside it.
    expect(await page.getByTestId('link-id').textContent()).toBe(`link ${t.top!.link}`);
    const title = (await panel.locator('.info-title').textContent())!;
    const item = (await page.locator('.congested li').first().textContent())!;
    expect(item.startsWith(title)).toBe(true);
    expect(item).toContain(`link ${t.top!.link}`);
    expect(title).not.toMatch(/^Road link/);
    // A click on the map at that link picks the same link.
    const pos = await page.evaluate((link) => {
      const h = (window as unknown as { __citytwin: { lookAt(l: string, i: number, d?: number, t?: number): boolean; screenOf(l: string, i: number): { x: number; y: number } | null } }).__citytwin;
      h.lookAt('traffic', link, 120, 0.5);
      return h.screenOf('traffic', link);
    }, t.top!.link);
    await page.locator('[data-testid=info-panel] .close').click();
    await page.mouse.click(pos!.x, pos!.y);
    await expect.poll(() => panel.textContent()).toContain(t.top!.vc.toFixed(2));
  });

  it('closing that link and re-running starts warm, moves its flow elsewhere and compares with the baseline', async () => {
    const before = await traffic(page);
    await page.click('[data-testid=link-close]');
    expect(await page.textContent('[data-testid=info-panel]')).toContain('Closed in this scenario');
    await page.click('[data-testid=traffic-run]');
    await expect.poll(async () => (await traffic(page)).warm, { timeout: 60_000 }).toBe(true);
    const after = await traffic(page);
    expect(after.closed).toEqual([before.top!.link]);
    expect(after.flowOf).toBe(0);
    expect(await page.textContent('[data-testid=traffic-result]')).toContain('(warm start)');
    expect(await page.textContent('table.summary')).toMatch(/\([+−-]?[\d.]+ %, (better|worse)\)/);
    // Coloured and worded by better/worse, not by sign: a higher mean speed is better, more vehicle-hours worse.
    const speed = page.locator('table.summary tr', { hasText: 'Mean speed' }).locator('[data-change]');
    const hours = page.locator('table.summary tr', { hasText: 'Vehicle-hours' }).locator('[data-change]');
    const sign = (text: string | null) => (/\(\+/.test(text ?? '') ? 1 : -1);
    expect(await speed.getAttribute('data-change')).toBe(sign(await speed.textContent()) > 0 ? 'better' : 'worse');
    expect(await hours.getAttribute('data-change')).toBe(sign(await hours.textContent()) > 0 ? 'worse' : 'better');
  });

  it('vehicles animate while playing and stop drawing when paused', async () => {
    const frames = () => page.evaluate(() => (window as unknown as { __citytwin: { frames(): number } }).__citytwin.frames());
    const a = await frames();
    await page.waitForTimeout(1500);
    expect(await frames()).toBeGreaterThan(a + 2);
    await page.click('[data-testid=vehicles-pause]');
    await page.waitForTimeout(600);
    const b = await frames();
    await page.waitForTimeout(1500);
    expect(await frames()).toBeLessThanOrEqual(b + 1);
  });

  it('a TNTP network (net, trips, node files) opens as the traffic model and assigns; a missing file is named', async () => {
    const tntp = (name: string) => ({ name, mimeType: 'text/plain', buffer: readFileSync(`tests/fixtures/tntp/${name}`) });
    await page.click('button[data-tab=layers]');
    await page.locator('[data-testid=add-layer]').setInputFiles([tntp('SiouxFalls_net.tntp'), tntp('SiouxFalls_trips.tntp')]);
    await page.waitForSelector('[data-notice="notice.tntpMissing"]');
    expect(await page.textContent('[data-notice="notice.tntpMissing"]')).toContain('missing: _node.tntp');
    // A node file that cannot be read (read in the models worker) is named, with its line; the city stays.
    const layersBefore = await page.locator('li.layer').count();
    const brokenNodes = { name: 'SiouxFalls_node.tntp', mimeType: 'text/plain', buffer: Buffer.from('Node\tX\tY\t;\n1\t-96.77\t43.61\t;\n1\t-96.71\t43.60\t;\n') };
    await page.locator('[data-testid=add-layer]').setInputFiles([tntp('SiouxFalls_net.tntp'), tntp('SiouxFalls_trips.tntp'), brokenNodes]);
    await page.click('button[data-tab=traffic]');
    await page.waitForSelector('[data-testid=traffic-panel] [role=alert]');
    expect(await page.textContent('[data-testid=traffic-panel] [role=alert]')).toContain('SiouxFalls_node.tntp: line 3: duplicate node id 1');
    await page.click('button[data-tab=layers]');
    expect(await page.locator('li.layer').count()).toBe(layersBefore);
    await page.locator('[data-testid=add-layer]').setInputFiles([tntp('SiouxFalls_net.tntp'), tntp('SiouxFalls_trips.tntp'), tntp('SiouxFalls_node.tntp')]);
    await page.waitForSelector('[data-notice="notice.tntpOpened"]', { timeout: 60_000 });
    // The complete set answers the incomplete one: its error is gone; the information goes by itself.
    expect(await page.locator('[data-notice="notice.tntpMissing"]').count()).toBe(0);
    expect(await page.locator('li.layer').count()).toBe(0); // South Dakota is far from Monaco: a new city
    await page.click('button[data-tab=traffic]');
    expect(await page.textContent('[data-testid=traffic-tntp]')).toBe('Network: SiouxFalls_net.tntp (TNTP)');
    expect(await page.textContent('[data-testid=traffic-network]')).toBe('76 road links, 24 zones, 360,600 trips/h');
    await page.click('[data-testid=traffic-run]');
    await page.waitForSelector('[data-testid=traffic-result]', { timeout: 60_000 });
    const r = await page.evaluate(() => {
      const s = (window as unknown as { __citytwinStore: { getState(): { traffic: { result: { objective: number; relativeGap: number } | null } } } }).__citytwinStore.getState();
      return s.traffic.result;
    });
    // At the default target gap (1e-4) the Beckmann objective is within 0.1 % of the best-known 4,231,335.287.
    expect(r!.relativeGap).toBeLessThan(1e-4);
    expect(Math.abs(r!.objective / 4_231_335.287 - 1)).toBeLessThan(1e-3);
    // The links are drawn where the network is: coloured ribbons fill part of the view.
    const coloured = await page.evaluate(() => {
      (window as unknown as { __citytwin: { resetView(): void; renderNow(): void } }).__citytwin.resetView();
      (window as unknown as { __citytwin: { renderNow(): void } }).__citytwin.renderNow();
      const gl = document.querySelector('canvas')!.getContext('webgl2')!;
      const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!) > 80) n++;
      return n;
    });
    expect(coloured).toBeGreaterThan(200);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
