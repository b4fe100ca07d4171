// The README's pictures: each tool, with the models' results, in Korean and English at 1280×800, written to
// docs/screenshots/<tab>-<lang>.png. Runs only when CITYTWIN_SCREENSHOTS=1 (`npm run screenshots`), so the
// ordinary test run leaves the files alone; when it runs it also checks each picture is a full-size PNG.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lang, type Opened, type Served, openAt, runModels, serve, setLanguage, showTab, tabsOf } from './uiChecks.ts';

const ON = process.env['CITYTWIN_SCREENSHOTS'] === '1';
const DIR = 'docs/screenshots';

describe.skipIf(!ON)('README screenshots', () => {
  let s: Served;
  let o: Opened;
  beforeAll(async () => {
    s = await serve();
    o = await openAt(s, { width: 1280, height: 800 }, 'ko');
    await runModels(o.page);
    mkdirSync(DIR, { recursive: true });
  });
  afterAll(async () => {
    await o?.context.close();
    await s?.close();
  });

  it.each(['ko', 'en'] as Lang[])('writes every tool in %s', async (lang) => {
    await setLanguage(o.page, lang);
    for (const tab of await tabsOf(o.page)) {
      await showTab(o.page, tab);
      await o.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await o.page.mouse.move(1270, 400);
      await o.page.waitForTimeout(300);
      const path = `${DIR}/${tab}-${lang}.png`;
      await o.page.screenshot({ path });
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1280); // IHDR width
      expect(png.readUInt32BE(20)).toBe(800);
    }
    expect(o.errors).toEqual([]);
  });
});
