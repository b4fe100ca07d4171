// Korean everywhere in the bundled Noto Sans KR, form controls included (choosers, text fields, buttons, chart
// text): on a machine with no Korean system font any other font draws Korean as empty boxes ("tofu"). Asks
// Chromium which font drew the glyphs of every element that shows Hangul, in every tool with its results.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Opened, type Served, koreanFontProblems, openAt, runModels, serve, showTab, tabsOf } from './uiChecks.ts';

let s: Served;
let o: Opened;
beforeAll(async () => {
  s = await serve();
  o = await openAt(s, { width: 1280, height: 800 }, 'ko');
  await runModels(o.page);
});
afterAll(async () => {
  await o?.context.close();
  await s?.close();
});

/** Korean fonts the system has (fontconfig), if it can be asked: with none, a missed element would show tofu. */
function systemKoreanFonts(): string[] | null {
  try {
    return execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return null;
  }
}

describe('Korean glyphs', () => {
  it('come from the bundled font, not the system', async () => {
    // Recorded, not required: the check below holds on any machine, it only means more on one without Korean fonts.
    console.info(`system Korean fonts: ${JSON.stringify(systemKoreanFonts())}`);
    const loaded = await o.page.evaluate(async () => {
      await document.fonts.ready;
      return Array.from(document.fonts).filter((f) => /Noto Sans KR/.test(f.family) && f.status === 'loaded').length;
    });
    expect(loaded).toBeGreaterThan(0);
  });

  it('in every tool each element showing Hangul, controls included, draws it in Noto Sans KR', async () => {
    const tabs = await tabsOf(o.page);
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    const problems: string[] = [];
    for (const tab of tabs) {
      await showTab(o.page, tab);
      await o.page.evaluate(() => document.querySelectorAll('#side-body details:not([open])').forEach((d) => d.setAttribute('open', '')));
      await o.page.evaluate(() => document.fonts.ready);
      const found = await koreanFontProblems(o.page, o.context);
      problems.push(...found.problems.map((p) => `${tab}: ${p}`));
      // Choosers and fields are among what was checked (the empty boxes were in them).
      expect(found.checked, tab).toBeGreaterThan(5);
      const controls = await o.page.$$eval('#side-body select, #side-body input:not([type=checkbox]):not([type=range]):not([type=file])', (els) => els.length);
      if (tab === 'carbon' || tab === 'hydrogen' || tab === 'layers') expect(controls, tab).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
  });

  it('draws the header and the language switch in it too', async () => {
    const { problems } = await koreanFontProblems(o.page, o.context);
    expect(problems).toEqual([]);
    const family = await o.page.$$eval('select, input, button, textarea', (els) => [...new Set(els.map((e) => getComputedStyle(e).fontFamily.split(',')[0]))]);
    expect(family).toEqual(['"Noto Sans KR"']);
    expect(o.errors).toEqual([]);
  });
});
