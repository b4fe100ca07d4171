// Test hooks are for tests: a page that is not under automation (navigator.webdriver false, as in a person's
// browser) gets no window.__citytwinStore / __citytwinIngest / __citytwinTraffic and never loads the hooks'
// chunk or the self-test ingest worker; the same page opened with `?test` has them, and the ingest bridge
// then answers the self-test calls, which the production ingest worker does not have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath, collectErrors, startPreview } from './harness.ts';

let server: PreviewServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url } = await startPreview());
  // Blink's AutomationControlled feature is what sets navigator.webdriver; off, the page looks like a person's.
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, '--disable-blink-features=AutomationControlled'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(search: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 640, height: 480 }, locale: 'en-GB' });
  const errors = collectErrors(page);
  await page.goto(`${url}${search}`);
  await page.waitForSelector('li.layer[data-layer="buildings"][data-status="ready"]', { timeout: 120_000 });
  return { page, errors };
}

/** Which of the test hooks' globals the page has, and which test-only scripts it loaded. */
function hooksOf(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    return {
      webdriver: navigator.webdriver,
      globals: ['__citytwinStore', '__citytwinIngest', '__citytwinTraffic'].filter((k) => w[k] !== undefined),
      testScripts: loaded.filter((n) => /testHooks|selftest/.test(n)).length,
    };
  });
}

describe('test hooks', () => {
  it('are not installed in a page that is not under automation', async () => {
    const { page, errors } = await open('');
    expect(await hooksOf(page)).toEqual({ webdriver: false, globals: [], testScripts: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('are installed with ?test, and the ingest bridge runs the self-test worker', async () => {
    const { page, errors } = await open('?test');
    const hooks = await hooksOf(page);
    expect(hooks.globals).toEqual(['__citytwinStore', '__citytwinIngest', '__citytwinTraffic']);
    expect(hooks.testScripts).toBeGreaterThan(0);
    const busy = await page.evaluate(async () => {
      const w = window as unknown as { __citytwinIngest: { starts: number; call(fn: (api: { busy(ms: number): Promise<number> }) => Promise<number>): Promise<number> } };
      return { result: typeof (await w.__citytwinIngest.call((api) => api.busy(1))), starts: w.__citytwinIngest.starts };
    });
    // The city was loaded through the same (self-test) ingest worker: no restart for the test call.
    expect(busy).toEqual({ result: 'number', starts: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
