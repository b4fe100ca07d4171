// The test build (`vite build --mode test-hooks`, as npm run test:browser makes it) has the test hooks on
// window from the first render: the view handle, the store and the worker bridges, with the ingest bridge
// on its self-test worker. They are a property of that build, not of how the page is opened: a browser that
// does not say it is automated (as a person's) gets them too. The product build has none; the node test
// tests/lint/test-hooks-build.test.ts and the check after `npm run build` in .ci/run hold that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('test hooks', () => {
  it('are on window in the test build from the first render, and the ingest bridge runs the self-test worker', async () => {
    const page = await browser.newPage({ viewport: { width: 640, height: 480 }, locale: 'en-GB' });
    const errors = collectErrors(page);
    await page.goto(url);
    await page.waitForSelector('li.layer[data-layer="buildings"][data-status="ready"]', { timeout: 120_000 });
    const hooks = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        webdriver: navigator.webdriver,
        globals: ['__citytwin', '__citytwinStore', '__citytwinIngest', '__citytwinTraffic'].filter((k) => w[k] !== undefined),
        selfTestWorker: performance.getEntriesByType('resource').some((e) => /selftest/.test(e.name)),
      };
    });
    expect(hooks).toEqual({ webdriver: false, globals: ['__citytwin', '__citytwinStore', '__citytwinIngest', '__citytwinTraffic'], selfTestWorker: true });
    const busy = await page.evaluate(async () => {
      const w = window as unknown as { __citytwinIngest: { starts: number; call(fn: (api: { busy(ms: number): Promise<number> }) => Promise<number>): Promise<number> } };
      return { result: typeof (await w.__citytwinIngest.call((api) => api.busy(1))), starts: w.__citytwinIngest.starts };
    });
    // The city was loaded through the same (self-test) ingest worker, started by the hooks before the
    // first ingest call: no restart for the test call.
    expect(busy).toEqual({ result: 'number', starts: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
