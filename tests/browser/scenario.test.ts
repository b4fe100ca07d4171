// The planner's scenario flow in the built app: run the baseline through the pipeline, close a road and
// raise the electric-car share, save it as a named scenario, run it and read the KPIs change, undo/redo
// with the stages then served from the cache, the difference layer and the split view drawn (pixels),
// a links CSV exported and read back, a reload that finds the scenario again, its share link opened in
// a fresh browser context with the same KPIs, and a broken scenario file refused with paths.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type OpenedApp, collectErrors, openCity, waitForCity } from './harness.ts';
import { koreanFontProblems } from './uiChecks.ts';

let app: OpenedApp;
let page: Page;
let errors: string[];

/** The KPI table's B column, by KPI key. */
const kpisB = (p: Page) =>
  p.$$eval('[data-testid=kpi-table] tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-kpi'), r.querySelector('td[data-value]')?.getAttribute('data-value') ?? ''])),
  );

const stages = (p: Page) =>
  p.$$eval('[data-testid=scenario-stages] li', (li) => Object.fromEntries(li.map((l) => [l.getAttribute('data-stage'), l.getAttribute('data-cached')])));

async function runScenario(p: Page): Promise<void> {
  await p.click('[data-testid=scenario-run]');
  await p.waitForSelector('[data-testid=scenario-run]:not([disabled])', { timeout: 120_000 });
  await p.waitForSelector('[data-testid=scenario-seconds]', { timeout: 120_000 });
}

/**
 * Pixels of the drawn view (what the user sees, split or not) counted by a colour test, left and right of
 * the split line (the canvas' middle when there is none), from the left panel's right edge on.
 */
function countPixels(p: Page, kind: 'orange' | 'purple' | 'coloured') {
  return p.evaluate((k) => {
    const labels = document.querySelector<HTMLElement>('.split-labels');
    const css = labels ? parseFloat(labels.style.getPropertyValue('--split-x')) : NaN;
    const panelRight = document.querySelector('.left')!.getBoundingClientRect().right;
    (window as unknown as { __citytwin: { renderNow(): void } }).__citytwin.renderNow();
    const gl = document.querySelector('canvas')!.getContext('webgl2')!;
    const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    const scale = w / document.querySelector('canvas')!.clientWidth;
    const mid = (Number.isFinite(css) ? css : w / scale / 2) * scale;
    const x0 = panelRight * scale;
    let left = 0, right = 0;
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!;
      const hit = k === 'orange' ? r > 180 && g > 80 && g < 170 && b < 80 : k === 'purple' ? b > 110 && r > 60 && r < 170 && g < 110 : Math.max(r, g, b) - Math.min(r, g, b) > 80;
      const x = (i / 4) % w;
      if (!hit || x < x0) continue;
      if (x < mid) left++;
      else right++;
    }
    return { left, right };
  }, kind);
}

/** Layer files requested after the city was drawn: what the models read. */
const modelReads: string[] = [];

beforeAll(async () => {
  app = await openCity({ width: 1000, height: 700 });
  ({ page, errors } = app);
  app.context.on('request', (r) => {
    const m = /\/(buildings|roads|green|admin)-[\w-]+\.geojson$/.exec(r.url());
    if (m) modelReads.push(m[1]!);
  });
});

afterAll(async () => {
  await app?.close();
});

describe('a planner’s scenario', () => {
  let firstB: Record<string, string | null>;

  it('runs the baseline through traffic → carbon → hydrogen → carbon, each stage computed once', async () => {
    await page.click('button[data-tab=scenario]');
    expect(await page.textContent('[data-testid=scenario-edits]')).toBe('');
    await runScenario(page);
    expect(await stages(page)).toEqual({ traffic: 'false', carbon: 'false', hydrogen: 'false', carbonFinal: 'false' });
    const k = await kpisB(page);
    expect(Number(k['vkt'])).toBeGreaterThan(10_000);
    expect(Number(k['co2e.net'])).toBeGreaterThan(30_000); // Monaco on its own profile (French grid): about 59 kt
    expect(Number(k['hydrogen.deliveredKgPerDay'])).toBeGreaterThan(0);
    // One model host reads the city for traffic and carbon: each layer file fetched (and parsed) once.
    expect(modelReads.sort()).toEqual(['admin', 'buildings', 'green', 'roads']);
  });

  it('closing a road and raising the electric-car share start a scenario of their own, listed edit by edit, and it is named', async () => {
    await page.click('button[data-tab=traffic]');
    // The most congested street inside the city (secondary … service class, not the main roads that are a
    // cordon gate's only way in: closing one of those cuts the gate off and its trips go unassigned, they
    // do not reroute). Selected as a click in the congested list would, then closed from its card.
    await page.evaluate(() => {
      interface Shown {
        traffic: { view: { linkCount: number; isConnector: ArrayLike<number>; roadClass: ArrayLike<number>; capacity: ArrayLike<number> }; result: { flows: ArrayLike<number> } };
        select(ref: { layerId: string; featureId: number }): void;
      }
      const st = (window as unknown as { __citytwinStore: { getState(): Shown } }).__citytwinStore.getState();
      const view = st.traffic.view;
      const flows = st.traffic.result.flows;
      let best = -1;
      for (let l = 0; l < view.linkCount; l++) {
        if (view.isConnector[l] || view.roadClass[l]! < 6 || view.roadClass[l]! > 13) continue;
        if (best < 0 || flows[l]! / view.capacity[l]! > flows[best]! / view.capacity[best]!) best = l;
      }
      st.select({ layerId: 'traffic', featureId: best });
    });
    await page.click('[data-testid=link-close]');
    await page.click('button[data-tab=carbon]');
    await page.locator('[data-testid=carbon-ev]').fill('30');
    await page.click('button[data-tab=scenario]');
    const edits = page.locator('[data-testid=scenario-edits] li');
    await expect.poll(() => edits.count()).toBe(2);
    expect(await edits.nth(0).textContent()).toMatch(/^Link \d+( \(.+\))? closed/); // with its street's name when the way has one
    expect(await edits.nth(1).textContent()).toMatch(/^Fleet: battery-electric cars 30 %/);
    // The baseline stays as it was: the first edit started a new scenario.
    expect(await page.locator('[data-testid=scenario-select] option:checked').textContent()).toBe('Scenario 1');
    await page.click('[data-testid=scenario-rename]');
    await page.fill('[data-testid=scenario-name]', 'Port closure + EV');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid=scenario-select] option:checked').textContent()).toBe('Port closure + EV');
    expect(await page.locator('[data-testid=scenario-select] option').allTextContents()).toEqual(['Baseline', 'Port closure + EV']);
  });

  it('runs it against the baseline: the baseline comes from the cache, the KPIs change', async () => {
    await runScenario(page);
    expect(await stages(page)).toEqual({ traffic: 'false', carbon: 'false', hydrogen: 'false', carbonFinal: 'false' });
    const rows = await page.$$eval('[data-testid=kpi-table] tbody tr', (r) =>
      Object.fromEntries(r.map((x) => [x.getAttribute('data-kpi'), Array.from(x.querySelectorAll('td'), (td) => td.textContent)])),
    );
    // 30 % battery-electric cars: less road-transport CO2e than the baseline.
    expect(rows['co2e.transport']![2]).toMatch(/^−|^-/);
    expect(rows['vkt']![2]).not.toBe('0');
    // This street's trips reroute: every trip still has a route, so every change reads as better or worse.
    expect(rows['unroutedVehPerHour']!.slice(0, 3)).toEqual(['0', '0', '0']);
    expect(await page.locator('[data-testid=unrouted-differs]').count()).toBe(0);
    firstB = await kpisB(page);
    expect(await page.locator('[data-testid=kpi-chart] > svg').count()).toBe(2);
  });

  it('undo and redo (Ctrl+Z, Ctrl+Shift+Z) take the last edit back and forth; the re-run is all from cache', async () => {
    await page.locator('body').click({ position: { x: 700, y: 20 } }); // focus off the panel's inputs
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid=scenario-edits] li').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-testid=scenario-edits] li').count()).toBe(2);
    await runScenario(page);
    expect(await stages(page)).toEqual({ traffic: 'true', carbon: 'true', hydrogen: 'true', carbonFinal: 'true' });
    expect(await kpisB(page)).toEqual(firstB);
  });

  it('draws the difference B − A on the map and the split view with both sides labelled', async () => {
    await page.click('[data-map-view=difference]');
    await page.waitForSelector('[data-testid=difference-legend]');
    const diff = { orange: await countPixels(page, 'orange'), purple: await countPixels(page, 'purple') };
    // Traffic moved off the closed road (purple: less in B) onto others (orange: more).
    expect(diff.orange.left + diff.orange.right).toBeGreaterThan(20);
    expect(diff.purple.left + diff.purple.right).toBeGreaterThan(20);
    // The same difference in V/C: its own legend, and the closed road still loses (purple) what others gain.
    await page.click('[data-diff-measure=vc]');
    expect(await page.textContent('[data-testid=difference-legend] .legend-title')).toBe('Change in V/C on each road, B − A');
    // Coloured by better/worse, with numbers and the direction stated (a fuller road is worse).
    const legend = (await page.textContent('[data-testid=traffic-change-legend]'))!;
    expect(legend).toMatch(/−[\d.]+.*0.*\+[\d.]+/);
    for (const part of ['better', 'worse', 'A fuller road (higher V/C) counts as worse']) expect(legend).toContain(part);
    expect(await page.textContent('[data-testid=difference-legend] [data-testid=carbon-legend] .legend-title')).toBe('Change in net CO₂e of each cell, B − A');
    const vc = { orange: await countPixels(page, 'orange'), purple: await countPixels(page, 'purple') };
    expect(vc.orange.left + vc.orange.right).toBeGreaterThan(20);
    expect(vc.purple.left + vc.purple.right).toBeGreaterThan(20);
    await page.click('[data-diff-measure=flow]');
    await page.click('[data-map-view=split]');
    await page.waitForSelector('.split-label[data-side=b]');
    expect(await page.textContent('.split-label[data-side=a]')).toBe('A · Baseline');
    expect(await page.textContent('.split-label[data-side=b]')).toBe('B · Port closure + EV');
    const split = await countPixels(page, 'coloured');
    expect(split.left).toBeGreaterThan(500);
    expect(split.right).toBeGreaterThan(500);
    await page.click('[data-map-view=b]');
  });

  it('exports the links as CSV, and the file reads back with every road link and the closed one', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-links-csv]')]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^link,name,road_class/);
    expect(lines.length - 1).toBe(1672);
    const header = lines[0]!.split(',');
    const closedCol = header.indexOf('closed');
    expect(lines.slice(1).filter((l) => l.split(',')[closedCol] === '1')).toHaveLength(1);
  });

  it('writes a one-page report with the edits, the KPIs against the baseline, the chart and a map picture', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-report]')]);
    expect(download.suggestedFilename()).toBe('Port-closure-EV.report.html');
    const html = readFileSync((await download.path())!, 'utf8');
    const report = await app.context.newPage();
    await report.setContent(html);
    expect(await report.textContent('h1')).toBe('CityTwin scenario: Port closure + EV');
    expect(await report.locator('ul li').allTextContents()).toEqual([expect.stringMatching(/^Link \d+( \(.+\))? closed$/), 'Fleet: battery-electric cars 30 %']);
    expect(await report.locator('tbody tr').count()).toBe(14);
    expect(await report.getAttribute('img.map', 'src')).toMatch(/^data:image\/png;base64,/);
    // The charts are SVG of the report itself, so their text is drawn in the report's own font.
    expect(await report.locator('svg.chart[role=img]').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')))).toEqual([
      'Change from A, %',
      'CO₂e by sector, t/yr (A grey, B blue)',
    ]);
    expect(html).toMatch(/@font-face \{ font-family: 'Noto Sans KR'; [^}]*src: url\(data:font\/woff2;base64,/);
    await report.close();
  });

  it('carries the font for the Korean report’s Hangul: it draws without a Korean font on the machine', async () => {
    await page.click('button[data-lang=ko]');
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-report]')]);
      const html = readFileSync((await download.path())!, 'utf8');
      const faces = html.match(/@font-face \{/g)?.length ?? 0;
      // Only the slices the text uses (of 124 for the regular weight), and no second weight.
      expect(faces).toBeGreaterThan(5);
      expect(faces).toBeLessThan(124);
      expect(html).not.toMatch(/font-weight: 700/);
      const report = await app.context.newPage();
      await report.setContent(html);
      await report.evaluate(() => document.fonts.ready);
      const { checked, problems } = await koreanFontProblems(report, app.context, 'body *');
      expect(checked).toBeGreaterThan(10);
      expect(problems).toEqual([]);
      await report.close();
    } finally {
      await page.click('button[data-lang=en]');
    }
  });

  it('after a reload the scenario is still there with its edits and figures', async () => {
    await page.waitForTimeout(800); // the auto-save runs 0.4 s after a change
    await page.reload();
    await waitForCity(page);
    await page.click('button[data-tab=scenario]');
    await expect.poll(() => page.locator('[data-testid=scenario-select] option:checked').textContent(), { timeout: 20_000 }).toBe('Port closure + EV');
    expect(await page.locator('[data-testid=scenario-edits] li').count()).toBe(2);
    expect(await kpisB(page)).toEqual(firstB);
  });

  it('its share link, and its exported file opened by ?scenario=<url>, give the same KPIs in a fresh browser context', async () => {
    await page.click('[data-testid=scenario-share]');
    const link = await page.inputValue('[data-testid=share-link] input');
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(2048);
    const context = await app.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'en-GB' });
    const other = await context.newPage();
    const otherErrors = collectErrors(other);
    await other.goto(link);
    await waitForCity(other);
    await other.click('button[data-tab=scenario]');
    await other.waitForSelector('[data-testid=scenario-seconds]', { timeout: 120_000 });
    expect(await other.locator('[data-testid=scenario-select] option:checked').textContent()).toBe('Port closure + EV');
    expect(await kpisB(other)).toEqual(firstB);
    // The exported scenario file, opened by URL (?scenario=), gives the same figures too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=scenario-export]')]);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ format: 'citytwin.scenario', version: 2, name: 'Port closure + EV' });
    const byUrl = await context.newPage();
    const byUrlErrors = collectErrors(byUrl);
    await byUrl.goto(`${app.url}?scenario=${encodeURIComponent(`data:application/json,${encodeURIComponent(file)}`)}`);
    await waitForCity(byUrl);
    await byUrl.click('button[data-tab=scenario]');
    await byUrl.waitForSelector('[data-testid=scenario-seconds]', { timeout: 120_000 });
    expect(await kpisB(byUrl)).toEqual(firstB);
    expect([...otherErrors, ...byUrlErrors]).toEqual([]);
    await context.close();
  });

  it('a broken scenario file is refused with each problem’s path, and nothing open is lost', async () => {
    const before = await page.locator('[data-testid=scenario-select] option').count();
    const bad = JSON.stringify({ format: 'citytwin.scenario', version: 2, name: '', notes: '', city: { name: 'x', layers: {} }, traffic: { demandScale: 9 } });
    await page.locator('[data-testid=scenario-import]').setInputFiles({ name: 'bad.citytwin.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.waitForSelector('[data-testid=scenario-issues]');
    const text = (await page.textContent('[data-testid=scenario-issues]'))!;
    expect(text).toContain('bad.citytwin.json cannot be opened');
    expect(text).toContain('$.name');
    expect(text).toContain('$.traffic.demandScale');
    expect(text).toContain('$.fleet');
    // In our words, and in the UI's language.
    expect(text).toContain('$.name: must not be empty');
    expect(text).toContain('$.traffic.demandScale: must be at most 3 (got 9)');
    expect(text).toContain('$.traffic.closedLinks: is required');
    expect(text).not.toContain('Invalid key');
    await page.click('button[data-lang=ko]');
    const ko = (await page.textContent('[data-testid=scenario-issues]'))!;
    expect(ko).toContain('$.traffic.demandScale: 3 이하여야 합니다 (받은 값: 9)');
    expect(ko).toContain('$.traffic.closedLinks: 필수 항목입니다');
    await page.click('button[data-lang=en]');
    expect(await page.locator('[data-testid=scenario-select] option').count()).toBe(before);
    expect(await page.locator('[data-testid=scenario-edits] li').count()).toBe(2);
  });

  it('a scenario whose edits point past this city’s network is not run; each such edit is named by its path', async () => {
    const elsewhere = await page.evaluate(() => {
      const s = (window as unknown as { __citytwinStore: { getState(): { scenarioNow(): { traffic: Record<string, unknown> } } } }).__citytwinStore.getState().scenarioNow();
      return { ...s, name: 'Made elsewhere', traffic: { ...s.traffic, closedLinks: [5, 99_999], lanes: [] } };
    });
    await page.locator('[data-testid=scenario-import]').setInputFiles({ name: 'elsewhere.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(elsewhere)) });
    await expect.poll(() => page.locator('[data-testid=scenario-select] option:checked').textContent()).toBe('Made elsewhere');
    await page.click('[data-testid=scenario-run]');
    await page.waitForSelector('[data-testid=scenario-issues]');
    const text = (await page.textContent('[data-testid=scenario-issues]'))!;
    expect(text).toContain('“Made elsewhere” was made for other data: edits that point past this city’s network or districts (1):');
    expect(text).toContain('$.traffic.closedLinks[1]: no link 99999 (the city\'s network has 1916)');
    expect(await page.textContent('.scenario-panel [role=alert]')).toContain('Not run');
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
