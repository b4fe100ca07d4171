// Keyboard and assistive technology: axe-core finds no serious or critical violation in any tool, in Korean
// or English, with the models' results shown; every control is reached by Tab in page order and shows a focus
// ring; tabs move with the arrow keys; focus stays in the panel when the control that had it goes; and the
// "reduce motion" setting starts the moving vehicles and delivery arcs paused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Lang, type Opened, type Served, axeViolations, darkest, openAt, runModels, serve, setLanguage, showTab, tabsOf } from './uiChecks.ts';

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(async () => {
  await s?.close();
});

/** The focused element, described. */
function focused(page: Page): Promise<{ tag: string; name: string; tab: string | null; inPanel: boolean; outline: string; width: number; body: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const st = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40), tab: el.dataset['tab'] ?? null,
      inPanel: Boolean(el.closest('#side-body')), outline: st.outlineStyle, width: parseFloat(st.outlineWidth), body: el === document.body,
    };
  });
}

describe('with every tool showing results', () => {
  let o: Opened;
  beforeAll(async () => {
    o = await openAt(s, { width: 1280, height: 800 }, 'ko');
    await runModels(o.page);
  });
  afterAll(async () => {
    await o?.context.close();
  });

  it.each(['ko', 'en'] as Lang[])('axe-core finds no serious or critical violation in %s', async (lang) => {
    await setLanguage(o.page, lang);
    const found: string[] = [];
    const tabs = await tabsOf(o.page);
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    for (const tab of tabs) {
      await showTab(o.page, tab);
      await o.page.evaluate(() => document.querySelectorAll('#side-body details:not([open])').forEach((d) => d.setAttribute('open', '')));
      for (const v of await axeViolations(o.page)) found.push(`${tab}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it('reaches every control of a tool by Tab, each with a visible focus ring, the tool after the header and tabs', async () => {
    await setLanguage(o.page, 'ko');
    await showTab(o.page, 'hydrogen');
    const page = o.page;
    // From the first control of the page (the header's reset button) onwards.
    await page.focus('.topbar .reset');
    const seen: Awaited<ReturnType<typeof focused>>[] = [await focused(page)];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.body) break;
      seen.push(f);
      if (seen.length > 3 && f.tag === 'button' && f.name === seen[0]!.name) break;
    }
    // Order: the header (reset view, the two languages), the panel toggle, the selected tab alone (arrow keys move between tabs), then the tool.
    const firstTab = seen.findIndex((f) => f.tab !== null);
    expect(seen.filter((f) => f.tab !== null).map((f) => f.tab)).toEqual(['hydrogen']);
    expect(seen.slice(0, firstTab).map((f) => f.name)).toEqual(['처음 보기', '한국어', 'English', '옆 패널 숨기기']);
    expect(seen[firstTab + 1]!.inPanel).toBe(true);
    // Every control of the panel was reached.
    const controls = await page.$$eval('#side-body :is(button, input, select, textarea, summary, [tabindex="0"]):not(:disabled)', (els) => els.filter((e) => e.getClientRects().length > 0).length);
    expect(seen.filter((f) => f.inPanel).length).toBe(controls);
    // The ring shows for keyboard focus (:focus-visible): all but the first, which the test focused itself.
    for (const f of seen.slice(1)) {
      expect(f.outline, `${f.tag} "${f.name}"`).toBe('solid');
      expect(f.width, `${f.tag} "${f.name}"`).toBeGreaterThanOrEqual(2);
    }
  });

  it('moves between tabs with the arrow keys, and the selected (blue) tab shows the ring clearly', async () => {
    const page = o.page;
    const tabs = await tabsOf(page);
    await page.focus('button[data-tab=hydrogen]');
    const next = tabs[(tabs.indexOf('hydrogen') + 1) % tabs.length]!;
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute(`button[data-tab=${next}]`, 'aria-selected')).toBe('true');
    expect((await focused(page)).tab).toBe(next);
    await page.keyboard.press('Home');
    expect((await focused(page)).tab).toBe(tabs[0]);
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).tab).toBe(tabs[tabs.length - 1]);
    await page.keyboard.press('End');
    expect((await focused(page)).tab).toBe(tabs[tabs.length - 1]);
    for (let i = tabs.length - 1; tabs[i] !== 'carbon'; i--) await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).tab).toBe('carbon');
    expect(await page.getAttribute('#side-body', 'aria-labelledby')).toBe('tab-carbon');
    expect(await page.isVisible('#side-body .carbon-panel')).toBe(true);
    // The ring is drawn outside the blue button, dark on the white halo: compare its pixels with the button's.
    const box = (await page.locator('button[data-tab=carbon]').boundingBox())!;
    const ring = await page.evaluate(() => {
      const st = getComputedStyle(document.activeElement!);
      return { color: st.outlineColor, offset: parseFloat(st.outlineOffset), width: parseFloat(st.outlineWidth), background: st.backgroundColor };
    });
    expect(ring.offset).toBeGreaterThanOrEqual(2);
    expect(ring.color).toBe('rgb(17, 24, 39)');
    expect(ring.background).toBe('rgb(11, 107, 203)');
    // Left of the button, between it and its neighbour: dark ring pixels while focused, none once focus leaves.
    const band = { x: box.x - 4, y: box.y + 4, width: 3, height: box.height - 8 };
    const withRing = await darkest(page, band);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    const without = await darkest(page, band);
    expect(withRing).toBeLessThan(60);
    expect(without).toBeGreaterThan(120);
  });
});

describe('focus when controls come and go', () => {
  it('stays in the traffic panel when "Build network" is replaced by the network controls', async () => {
    const o = await openAt(s, { width: 1280, height: 800 }, 'en');
    try {
      const page = o.page;
      await showTab(page, 'traffic');
      const build = page.locator('.traffic-panel > button').first();
      await build.focus();
      expect((await focused(page)).name).toMatch(/network/i);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=traffic-run]', { timeout: 120_000 });
      await page.waitForFunction(() => document.activeElement !== document.body && Boolean(document.activeElement?.closest('.traffic-panel')), undefined, { timeout: 10_000 });
      const f = await focused(page);
      expect(f.body).toBe(false);
      expect(f.inPanel).toBe(true);
      // Focus went to the first control where the button was: the demand scale, not back to the top of the page.
      expect(f.tag).toBe('input');
      // Run → Cancel → Run again: focus follows to a control in the panel each time.
      await page.focus('[data-testid=traffic-run]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __citytwinStore: { getState(): { traffic: { result: unknown } } } }).__citytwinStore.getState().traffic.result !== null, undefined, { timeout: 120_000 });
      await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 10_000 });
      expect((await focused(page)).inPanel).toBe(true);
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});

describe('reduced motion', () => {
  it.each([['reduce', true], ['no-preference', false]] as const)('with prefers-reduced-motion: %s vehicles and arcs start paused: %s', async (setting, paused) => {
    const o = await openAt(s, { width: 800, height: 600 }, 'en', { reducedMotion: setting });
    try {
      const state = await o.page.evaluate(() => {
        const st = (window as unknown as { __citytwinStore: { getState(): { traffic: { vehiclesPaused: boolean }; hydrogen: { paused: boolean } } } }).__citytwinStore.getState();
        return [st.traffic.vehiclesPaused, st.hydrogen.paused];
      });
      expect(state).toEqual([paused, paused]);
    } finally {
      await o.context.close();
    }
  });
});
