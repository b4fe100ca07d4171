// Hydrogen supply in the viewer: the Monaco example solved in the worker, the figures shown equal to the
// model's own result computed here in node, station markers drawn and pickable, a what-if against the
// baseline, a station placed on the map, an infeasible setup and a malformed model explained.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import loadHighs from 'highs';
import { runHydrogen } from '../../src/core/hydrogen/index.ts';
import type { HighsLike, HydrogenResult, HydrogenSolution, ModelOverrides } from '../../src/core/hydrogen/index.ts';
import { NO_EDITS, applyEdits } from '../../src/core/hydrogen/whatif.ts';
import { type OpenedApp, openCity } from './harness.ts';

let app: OpenedApp;
let page: Page;
let highs: HighsLike;
const MONACO: unknown = JSON.parse(readFileSync('assets/hydrogen/monaco.json', 'utf8'));

interface Handle {
  lookAt(l: string, i: number, d?: number, t?: number): boolean;
  screenOf(l: string, i: number): { x: number; y: number } | null;
  renderNow(): void;
}

function solved(r: HydrogenResult): HydrogenSolution {
  if (!r.solution) throw new Error(`${r.status}: ${r.message}`);
  return r.solution;
}

/** The numbers in a cell's text (thousands separators removed). */
async function cellNumber(selector: string): Promise<number> {
  const text = (await page.textContent(selector)) ?? '';
  const m = /[−-]?[\d,]+(\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in ${selector}: ${text}`);
  return Number(m[0].replace(/,/g, '').replace('−', '-'));
}

/** Clicks run and waits for a new result. */
async function runAndWait(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __citytwinStore: { getState(): { hydrogen: { result: unknown } } }; __h2prev?: unknown };
    w.__h2prev = w.__citytwinStore.getState().hydrogen.result;
  });
  await page.click('[data-testid=hydrogen-run]');
  await page.waitForFunction(() => {
    const w = window as unknown as { __citytwinStore: { getState(): { hydrogen: { result: unknown; status: string } } }; __h2prev?: unknown };
    const h = w.__citytwinStore.getState().hydrogen;
    return h.status === 'ready' && h.result !== null && h.result !== w.__h2prev;
  }, undefined, { timeout: 60_000 });
}

const FIGURES: [string, (s: HydrogenSolution) => number, number][] = [
  ['krwPerKg', (s) => s.summary.krwPerKgDelivered, 0.5],
  ['co2PerKg', (s) => s.summary.kgCo2ePerKgDelivered, 0.005],
  ['demand', (s) => s.summary.demandKgPerDay, 0.5],
  ['delivered', (s) => s.summary.deliveredKgPerDay, 0.5],
  ['unmet', (s) => s.summary.unmetKgPerDay, 0.5],
  ['trips', (s) => s.summary.trailerTripsPerDay, 0.005],
  ['cost', (s) => s.summary.totalKrwPerDay, 0.5],
  ['co2', (s) => s.summary.totalKgCo2ePerDay, 0.5],
  ['open', (s) => s.summary.stationsOpen, 0],
];

async function expectFigures(expected: HydrogenSolution): Promise<void> {
  for (const [key, get, tol] of FIGURES) {
    const shown = await cellNumber(`[data-testid=hydrogen-figures] tr[data-figure=${key}] td.value`);
    expect(Math.abs(shown - get(expected)), key).toBeLessThanOrEqual(tol + 1e-9);
  }
}

beforeAll(async () => {
  highs = await loadHighs();
  app = await openCity({ width: 900, height: 640 });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('hydrogen supply in the viewer', () => {
  const base = (): HydrogenSolution => solved(runHydrogen(MONACO, highs));

  it('solves the Monaco example in the worker; the figures shown are the model’s', async () => {
    await page.click('button[data-tab=hydrogen]');
    await expect.poll(() => page.textContent('[data-testid=hydrogen-model]'), { timeout: 30_000 }).toContain('Monaco hydrogen supply');
    await runAndWait();
    expect(await page.getAttribute('[data-testid=hydrogen-result]', 'data-status')).toBe('optimal');
    const expected = base();
    await expectFigures(expected);
    // Per station: demand and delivered.
    for (const s of expected.stations) {
      const row = `[data-testid=hydrogen-station-table] tr[data-station="${s.id}"]`;
      expect(Math.abs((await cellNumber(`${row} td[data-col=demand]`)) - s.demandKgPerDay)).toBeLessThanOrEqual(0.5);
      expect(Math.abs((await cellNumber(`${row} td[data-col=delivered]`)) - s.deliveredKgPerDay)).toBeLessThanOrEqual(0.5);
    }
    // Well-to-wheel against the petrol/diesel replaced.
    expect(Math.abs((await cellNumber('[data-testid=hydrogen-wtw] tr[data-figure=fcev] td.value')) - expected.wellToWheel.fcevKgCo2ePerDay)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((await cellNumber('[data-testid=hydrogen-wtw] tr[data-figure=replaced] td.value')) - expected.wellToWheel.replacedKgCo2ePerDay)).toBeLessThanOrEqual(0.5);
    // Charts: one bar row per source and per station.
    expect(await page.locator('[data-testid=hydrogen-chart-mix] g').count()).toBe(expected.sources.length);
    expect(await page.locator('[data-testid=hydrogen-chart-stations] g').count()).toBe(expected.stations.length);
    expect(await page.textContent('[data-testid=hydrogen-result]')).toContain('Station utilisation');
  });

  it('draws the stations; clicking the busiest one shows its figures', async () => {
    const expected = base();
    let top = 0;
    expected.stations.forEach((s, i) => {
      if (s.demandKgPerDay > expected.stations[top]!.demandKgPerDay) top = i;
    });
    const st = expected.stations[top]!;
    const pos = await page.evaluate((i) => {
      const h = (window as unknown as { __citytwin: Handle }).__citytwin;
      h.lookAt('hydrogen', i, 500, 0.3);
      h.renderNow();
      return h.screenOf('hydrogen', i);
    }, top);
    expect(pos).not.toBeNull();
    // Pointing at it names it and its figures in the hover line.
    await page.mouse.move(pos!.x, pos!.y);
    const fmt = (v: number): string => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(v);
    await expect
      .poll(() => page.textContent('[data-testid=hover-tip]').catch(() => null))
      .toBe(`${st.name} · Demand ${fmt(st.demandKgPerDay)} kg/day · Delivered ${fmt(st.deliveredKgPerDay)} kg/day · Used ${fmt(st.utilisation * 100)} %`);
    await page.mouse.click(pos!.x, pos!.y);
    const panel = page.locator('[data-testid=info-panel]');
    await expect.poll(() => panel.locator('.info-title').textContent()).toBe(st.name);
    const facts = (await page.textContent('[data-testid=hydrogen-station-facts]'))!.replace(/,/g, '');
    expect(facts).toContain(`${Math.round(st.demandKgPerDay)} kg/day`);
    expect(facts).toContain(`${Math.round(st.deliveredKgPerDay)} kg/day`);
    await panel.locator('button.close').click();
  });

  it('a what-if (30 % FCEV cars) changes the result and shows the difference from the baseline', async () => {
    const b = base();
    await page.locator('[data-testid=hydrogen-fcev-car]').fill('30');
    await runAndWait();
    const overrides: ModelOverrides = { fcevShare: { car: 0.3 } };
    const expected = solved(runHydrogen(MONACO, highs, overrides));
    expect(expected.summary.demandKgPerDay).toBeGreaterThan(b.summary.demandKgPerDay);
    await expectFigures(expected);
    const diff = (await page.textContent('[data-testid=hydrogen-figures] tr[data-figure=demand]'))!;
    expect(diff).toContain(`(+${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(expected.summary.demandKgPerDay - b.summary.demandKgPerDay)})`);
  });

  it('a station placed on the map joins the next run', async () => {
    await page.click('[data-testid=hydrogen-place]');
    const box = (await page.locator('canvas').boundingBox())!;
    await page.evaluate(() => (window as unknown as { __citytwin: { resetView(): void } }).__citytwin.resetView());
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await expect.poll(() => page.textContent('[data-testid=hydrogen-stations]')).toContain('New station 1');
    await runAndWait();
    const ids = await page.evaluate(() =>
      (window as unknown as { __citytwinStore: { getState(): { hydrogen: { result: HydrogenResult } } } }).__citytwinStore.getState().hydrogen.result.solution!.stations.map((s) => s.id),
    );
    expect(ids).toContain('placed-1');
    expect(await page.locator('[data-testid=hydrogen-station-table] tr[data-station="placed-1"]').count()).toBe(1);
    await page.click('[data-testid=hydrogen-remove-placed-1]');
  });

  it('an infeasible setup (every source off, unmet demand not allowed) is explained', async () => {
    const sources = (MONACO as { sources: { id: string }[] }).sources.map((s) => s.id);
    for (const id of sources) await page.uncheck(`[data-testid=hydrogen-source-on-${id}]`);
    await page.uncheck('[data-testid=hydrogen-unmet-allowed]');
    await runAndWait();
    expect(await page.getAttribute('[data-testid=hydrogen-result]', 'data-status')).toBe('infeasible');
    const expected = runHydrogen(applyEdits(MONACO, { ...NO_EDITS, sources: Object.fromEntries(sources.map((id) => [id, { enabled: false }])), unmetAllowed: false }), highs, { fcevShare: { car: 0.3 } });
    expect(expected.status).toBe('infeasible');
    const problem = (await page.textContent('[data-testid=hydrogen-problem]'))!;
    expect(problem).toContain('Infeasible');
    expect(problem).toContain(expected.message);
  });

  it('with a traffic assignment, demand comes from its vehicle-km; the figures are the model’s for that demand', async () => {
    await page.click('button[data-tab=traffic]');
    await page.getByRole('button', { name: 'Build network and demand' }).click();
    await page.waitForSelector('[data-testid=traffic-run]', { timeout: 60_000 });
    await page.click('[data-testid=traffic-run]');
    await page.waitForSelector('[data-testid=traffic-result]', { timeout: 120_000 });
    await page.click('button[data-tab=hydrogen]');
    await page.click('text=Reset what-ifs');
    await runAndWait();
    expect(await page.getAttribute('[data-testid=hydrogen-result]', 'data-status')).toBe('optimal');
    expect(await page.textContent('[data-testid=hydrogen-status-line]')).toContain('assigned traffic');
    const ran = await page.evaluate(() => (window as unknown as { __citytwinStore: { getState(): { hydrogen: { ran: { model: unknown; overrides: ModelOverrides; demand: string } } } } }).__citytwinStore.getState().hydrogen.ran);
    expect(ran.demand).toBe('traffic');
    const model = ran.model as { demand: { zones: { id: string; catchmentOf?: string }[] }; stations: { id: string; name?: string }[] };
    const zones = model.demand.zones;
    expect(zones.every((z) => z.id.startsWith('catchment:'))).toBe(true);
    // Each catchment is named after its station in the zone table, not by its internal id.
    expect(zones.map((z) => z.catchmentOf)).toEqual(model.stations.map((s) => s.id));
    const labels = await page.locator('[data-testid=hydrogen-zone-table] tbody th').allTextContents();
    const esso = model.stations.find((s) => s.id === 'osm-esso')!;
    expect(labels).toContain(`Around ${esso.name}`);
    expect(labels.some((l) => l.includes('catchment:'))).toBe(false);
    const expected = solved(runHydrogen(ran.model, highs, ran.overrides));
    expect(expected.summary.demandKgPerDay).toBeGreaterThan(0);
    await expectFigures(expected);
    // Feeding the carbon map: its hydrogen factor becomes this run's delivered kg CO2e/kg.
    await page.click('[data-testid=hydrogen-to-carbon]');
    const factor = await page.evaluate(() => (window as unknown as { __citytwinStore: { getState(): { carbon: { params: { factors?: { hydrogenKgPerKg?: number } } } } } }).__citytwinStore.getState().carbon.params.factors?.hydrogenKgPerKg);
    expect(factor).toBeCloseTo(expected.wellToWheel.hydrogenKgCo2ePerKg, 9);
  });

  it('a malformed model file lists its errors with their JSON paths', async () => {
    const bad = { version: 1, stations: [{ id: 's', lonLat: [7.42, 43.73], capacityKgPerDay: -5, status: 'existing' }], sources: [{ id: 'x', type: 'magic', capacityKgPerDay: 10, lonLat: [7.41, 43.73] }] };
    await page.setInputFiles('[data-testid=hydrogen-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.textContent('[data-testid=hydrogen-model]')).toContain('bad.json');
    await runAndWait();
    expect(await page.getAttribute('[data-testid=hydrogen-result]', 'data-status')).toBe('invalid');
    const expected = runHydrogen(bad, highs);
    const shown = (await page.textContent('[data-testid=hydrogen-errors]'))!;
    expect(expected.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of expected.errors) expect(shown).toContain(e.path);
    expect(shown).toContain('$.stations[0].capacityKgPerDay');
  });

  it('logged no console errors', () => {
    expect(app.errors).toEqual([]);
  });
});
