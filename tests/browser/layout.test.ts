// Layout at the sizes planners use (1280×800 laptop, 1920×1080 desktop, 1024×768 touch tablet) in Korean and
// English: no panel scrolls sideways or cuts a control off, every pointer target meets WCAG 2.2's 24 px, the
// hydrogen charts' type stays readable, and the side panel resizes (pointer and keys) and collapses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lang, type Opened, type Served, clipping, openAt, runModels, serve, setLanguage, showTab, smallTargets, tabsOf } from './uiChecks.ts';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => {
  await s?.close();
});

const SIZES = [
  { name: '1280×800', viewport: { width: 1280, height: 800 }, touch: false, run: true },
  { name: '1920×1080', viewport: { width: 1920, height: 1080 }, touch: false, run: false },
  { name: '1024×768 touch', viewport: { width: 1024, height: 768 }, touch: true, run: true },
] as const;

describe.each(SIZES)('at $name', ({ viewport, touch, run }) => {
  let o: Opened;
  beforeAll(async () => {
    o = await openAt(s, viewport, 'ko', { touch });
    if (run) await runModels(o.page);
  });
  afterAll(async () => {
    await o?.context.close();
  });

  it.each(['ko', 'en'] as Lang[])('in %s no tool panel clips or scrolls sideways, and every target is big enough', async (lang) => {
    await setLanguage(o.page, lang);
    const problems: string[] = [];
    const tabs = await tabsOf(o.page);
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    for (const tab of tabs) {
      await showTab(o.page, tab);
      // Open every disclosure so what it holds is measured too.
      await o.page.evaluate(() => document.querySelectorAll('#side-body details:not([open])').forEach((d) => d.setAttribute('open', '')));
      await o.page.waitForTimeout(100);
      for (const p of await clipping(o.page)) problems.push(`${tab}: ${p}`);
      for (const p of await smallTargets(o.page)) problems.push(`${tab}: ${p}`);
    }
    expect(problems).toEqual([]);
    expect(o.errors).toEqual([]);
  });
});

describe('side panel and charts at 1280×800', () => {
  let o: Opened;
  beforeAll(async () => {
    o = await openAt(s, { width: 1280, height: 800 }, 'ko');
  });
  afterAll(async () => {
    await o?.context.close();
  });

  it('draws the hydrogen charts with labels of at least 11 px, on one line each', async () => {
    await runModels(o.page);
    await showTab(o.page, 'hydrogen');
    const sizes = await o.page.$$eval('svg.h2-chart text', (texts) => texts.map((t) => {
      const svg = (t as SVGTextElement).ownerSVGElement!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return { size: parseFloat(getComputedStyle(t).fontSize) * scale, lines: t.getClientRects().length, text: t.textContent };
    }));
    expect(sizes.length).toBeGreaterThan(4);
    for (const t of sizes) {
      expect(t.size, `${t.text}`).toBeGreaterThanOrEqual(11);
      expect(t.lines).toBe(1);
    }
    // Values and their units stay on one line in the figures tables.
    const wrapped = await o.page.$$eval('#side-body table.summary td', (tds) => tds.filter((td) => td.textContent!.trim() !== '' && td.getClientRects().length > 0 && td.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(td).lineHeight || '20') + 8).map((td) => td.textContent));
    expect(wrapped).toEqual([]);
  });

  it('resizes from its edge by keys and by pointer, within its limits, and remembers the width', async () => {
    const page = o.page;
    const width = (): Promise<number> => page.$eval('.left', (e) => Math.round(e.getBoundingClientRect().width));
    const start = await width();
    expect(start).toBe(384); // 30 % of 1280
    await page.focus('[data-testid=side-resize]');
    await page.keyboard.press('ArrowRight');
    expect(await width()).toBe(start + 20);
    await page.keyboard.press('ArrowLeft');
    expect(await width()).toBe(start);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await width()).toBe(340); // 80 px less would be 304: held at the narrowest
    await page.keyboard.press('Home');
    expect(await width()).toBe(340);
    expect(await page.getAttribute('[data-testid=side-resize]', 'aria-valuenow')).toBe('340');
    const handle = (await page.locator('[data-testid=side-resize]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(700, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = await width();
    expect(Math.abs(dragged - (700 - 10))).toBeLessThanOrEqual(14); // the panel starts at x = 10; the grip's centre is 13 px right of the edge
    await page.keyboard.press('End');
    expect(await width()).toBe(760);
    expect(await page.evaluate(() => localStorage.getItem('citytwin.panelWidth'))).toBe('760');
    await page.keyboard.press('Home');
  });

  it('collapses to one button and opens again, keeping focus on that button', async () => {
    const page = o.page;
    await page.focus('[data-testid=side-toggle]');
    await page.keyboard.press('Enter');
    expect(await page.isHidden('#side-body')).toBe(true);
    expect(await page.getAttribute('[data-testid=side-toggle]', 'aria-expanded')).toBe('false');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset['testid'])).toBe('side-toggle');
    const box = (await page.locator('.left').boundingBox())!;
    expect(box.width).toBeLessThan(140);
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#side-body .panel')).toBe(true);
    expect(await page.getAttribute('[data-testid=side-toggle]', 'aria-expanded')).toBe('true');
    expect(o.errors).toEqual([]);
  });
});
