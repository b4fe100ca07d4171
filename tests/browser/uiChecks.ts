// Shared checks of what a person sees and operates, for the layout, font, accessibility and screenshot
// tests: opening the app at a given size and language, filling every tool with results, and measuring
// clipping, target sizes, fonts actually used for Korean text (through the DevTools protocol) and axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { collectErrors, launchBrowser, startPreview, waitForCity } from './harness.ts';

export type Lang = 'ko' | 'en';

/** The side panel's tools, as the page lists them (data-tab of each tab). */
export async function tabsOf(page: Page): Promise<string[]> {
  return page.$$eval('[role=tablist] [role=tab]', (tabs) => tabs.map((t) => (t as HTMLElement).dataset['tab']!));
}

export interface Served {
  server: PreviewServer;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function serve(): Promise<Served> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  return { server, url, browser, close: async () => { await browser.close(); await server.close(); } };
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser context at this size and language (the app picks Korean from a ko-KR browser), city loaded. */
export async function openAt(s: Served, viewport: { width: number; height: number }, lang: Lang, options: { touch?: boolean; reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<Opened> {
  const context = await s.browser.newContext({
    viewport, locale: lang === 'ko' ? 'ko-KR' : 'en-GB', hasTouch: options.touch ?? false,
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(s.url);
  await waitForCity(page);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  return { context, page, errors };
}

export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.click(`.lang button[data-lang=${lang}]`);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

export async function showTab(page: Page, tab: string): Promise<void> {
  await page.click(`button[data-tab=${tab}]`);
  await page.waitForSelector(`button[data-tab=${tab}][aria-selected=true]`);
  await page.waitForSelector(`#side-body .panel`);
}

type StoreWindow = { __citytwinStore: { getState(): Record<string, unknown> } };

/** Builds the traffic network and runs it, the carbon map and the hydrogen supply, so every tool shows its tables. */
export async function runModels(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const s = (window as unknown as StoreWindow).__citytwinStore;
    const call = (name: string): Promise<void> => (s.getState()[name] as () => Promise<void>)();
    await call('prepareTraffic');
    await call('runTraffic');
    await call('runCarbon');
    await call('solveHydrogen');
  });
  await page.waitForFunction(() => {
    const st = (window as unknown as StoreWindow).__citytwinStore.getState() as { hydrogen: { result: unknown; status: string } };
    return st.hydrogen.status === 'ready' && st.hydrogen.result !== null;
  }, undefined, { timeout: 120_000 });
}

/** What sticks out: panels that scroll sideways and controls whose box leaves their panel's box. */
export async function clipping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element): string => {
      const h = el as HTMLElement;
      return `${el.tagName.toLowerCase()}${h.dataset['testid'] ? `[${h.dataset['testid']}]` : ''} "${(h.getAttribute('aria-label') ?? h.textContent ?? '').trim().slice(0, 30)}"`;
    };
    for (const p of document.querySelectorAll<HTMLElement>('.left .panel, .right .panel, .left .side-head')) {
      if (p.getClientRects().length === 0) continue;
      const where = (p.getAttribute('aria-label') ?? p.className).slice(0, 40);
      if (p.scrollWidth > p.clientWidth + 1) out.push(`${where}: scrolls sideways (${p.scrollWidth} > ${p.clientWidth} px)`);
      const box = p.getBoundingClientRect();
      for (const c of p.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href], [tabindex]')) {
        if (c.getClientRects().length === 0) continue;
        // Inside a sideways-scrolling table box a control may lie beyond the box's edge: it is reached by scrolling.
        const wrap = c.closest<HTMLElement>('.table-wrap, .table-scroll');
        const limit = wrap && p.contains(wrap) ? wrap.getBoundingClientRect() : box;
        const r = c.getBoundingClientRect();
        if (wrap && (r.right > limit.right + 0.5 || r.left < limit.left - 0.5)) {
          if (wrap.scrollWidth <= wrap.clientWidth + 1) out.push(`${where}: ${name(c)} is cut off by its table box`);
          continue;
        }
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${where}: ${name(c)} at x ${Math.round(r.left)}–${Math.round(r.right)} leaves the panel (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return out;
  });
}

/**
 * WCAG 2.2 target size (2.5.8, AA): each pointer target is at least 24 × 24 px, or a 24 px circle centred on it
 * meets no other target nor another undersized target's circle (the spacing exception). A checkbox or radio
 * inside its <label> is operated through the label's box too, which counts as its target. Inline links in a
 * sentence are exempt by the criterion; the app has none (its "links" are buttons, checked like any other).
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 24;
    type Box = { el: Element; l: number; t: number; r: number; b: number };
    const boxes: Box[] = [];
    const scope = document.querySelectorAll<HTMLElement>('.app button, .app input, .app select, .app textarea, .app summary, .app a[href], .app [role=separator], .app [tabindex="0"]');
    for (const el of scope) {
      if (el.getClientRects().length === 0 || el.closest('[hidden]')) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      // Only what is visible in its scroll box (a panel or a table box) can be hit.
      let visible = true;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const st = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(st.overflow + st.overflowX + st.overflowY)) {
          const pr = p.getBoundingClientRect();
          if (r.bottom <= pr.top || r.top >= pr.bottom || r.right <= pr.left || r.left >= pr.right) visible = false;
        }
      }
      if (!visible) continue;
      const label = (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) ? el.closest('label') : null;
      const t = label ? label.getBoundingClientRect() : r;
      boxes.push({ el, l: t.left, t: t.top, r: t.right, b: t.bottom });
    }
    const small = boxes.filter((b) => b.r - b.l < MIN - 0.5 || b.b - b.t < MIN - 0.5);
    const out: string[] = [];
    const dist = (cx: number, cy: number, b: Box): number => Math.hypot(Math.max(b.l - cx, 0, cx - b.r), Math.max(b.t - cy, 0, cy - b.b));
    for (const s of small) {
      const cx = (s.l + s.r) / 2;
      const cy = (s.t + s.b) / 2;
      const clash = boxes.find((o) => o !== s && !o.el.contains(s.el) && !s.el.contains(o.el) && (dist(cx, cy, o) < MIN / 2 - 0.5
        || (small.includes(o) && Math.hypot(cx - (o.l + o.r) / 2, cy - (o.t + o.b) / 2) < MIN - 0.5)));
      if (clash) {
        const h = s.el as HTMLElement;
        out.push(`${s.el.tagName.toLowerCase()}${h.dataset['testid'] ? `[${h.dataset['testid']}]` : ''} "${(h.getAttribute('aria-label') ?? h.textContent ?? '').trim().slice(0, 24)}" is ${Math.round(s.r - s.l)}×${Math.round(s.b - s.t)} px and too close to another target`);
      }
    }
    return out;
  });
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/g;

/**
 * Korean text drawn in any font but the bundled Noto Sans KR: for every element showing Hangul (its own text,
 * a field's value or placeholder, a chooser's chosen option), asks Chromium which fonts drew its glyphs
 * (CSS.getPlatformFontsForNode) and reports it unless the bundled font drew at least one glyph per Hangul
 * syllable. On a machine without a Korean system font (`fc-list :lang=ko` is empty) any other font means tofu.
 * `scope` selects the elements looked at (the viewer's by default).
 */
export async function koreanFontProblems(page: Page, context: BrowserContext, scope = '.app *'): Promise<{ checked: number; problems: string[] }> {
  await page.evaluate(([src, within]) => {
    const re = new RegExp(src, 'g');
    const shown = (el: Element): string => {
      if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? '';
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value || el.placeholder;
      return Array.from(el.childNodes).filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join('');
    };
    for (const el of document.querySelectorAll(within)) {
      if (el.getClientRects().length === 0 || el.closest('svg:not(.h2-chart)')) continue;
      const hangul = shown(el).match(re)?.length ?? 0;
      if (hangul === 0) continue;
      el.setAttribute('data-font-check', String(hangul));
    }
  }, [HANGUL.source, scope] as const);
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-check]' });
  const problems: string[] = [];
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const attrs = (await cdp.send('DOM.getAttributes', { nodeId })).attributes;
    const hangul = Number(attrs[attrs.indexOf('data-font-check') + 1]);
    if (fonts.length === 0) continue; // not laid out (e.g. inside a closed <details>): nothing drawn, nothing to check
    const bundled = fonts.filter((f) => f.isCustomFont && /Noto Sans KR/i.test(f.familyName)).reduce((a, f) => a + f.glyphCount, 0);
    if (bundled < hangul) {
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      problems.push(`${outerHTML.slice(0, 100)}: ${hangul} Hangul, drawn by ${fonts.map((f) => `${f.familyName}×${f.glyphCount}`).join(', ') || 'no font'}`);
    }
  }
  await cdp.detach();
  await page.evaluate(() => document.querySelectorAll('[data-font-check]').forEach((e) => e.removeAttribute('data-font-check')));
  return { checked: nodeIds.length, problems };
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.0–2.2 A and AA rules, best practices). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 4 ? ` +${v.nodes.length - 4}` : ''}`);
}

/** The darkest pixel's luminance (0–255) in a region of the page as drawn (decoded by the page's own canvas). */
export async function darkest(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let min = 255;
    for (let i = 0; i < px.length; i += 4) min = Math.min(min, 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!);
    return Math.round(min);
  }, png);
}
