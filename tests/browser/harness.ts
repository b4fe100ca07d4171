// Browser-test harness: serves the built app (dist/) with Vite's preview server on a free port and
// drives Debian's Chromium through playwright-core, headless, with SwiftShader WebGL2.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, chromium } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install Debian's chromium or set CHROMIUM_PATH`);
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export async function startPreview(
  // CITYTWIN_DIST: another build folder (several builds side by side, e.g. `vite build --outDir dist-x`).
  outDir: string = process.env['CITYTWIN_DIST'] ?? 'dist',
): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir}/ is missing: run \`vite build --mode test-hooks\` first (npm run test:browser does)`);
  const server = await preview({ build: { outDir }, preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false }, logLevel: 'silent' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Collects console errors and uncaught page errors for the "no errors" assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** What a page holds, for soaks that check it stays flat: see memorySample. */
export interface MemorySample {
  /** JS heap in use after a full garbage collection (MB). */
  jsHeapMB: number;
  domNodes: number;
  listeners: number;
  /** GPU geometries and textures three.js holds after a frame drawn now. */
  gpuGeometries: number;
  gpuTextures: number;
  workers: number;
}

/** Collects the garbage, then reads the page's heap, DOM and listener counts (DevTools metrics) and the view's GPU objects. */
export async function memorySample(page: Page): Promise<MemorySample> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const m = (name: string): number => metrics.find((x) => x.name === name)?.value ?? 0;
    const gpu = (await page.evaluate('window.__citytwin.gpuMemory()')) as { geometries: number; textures: number };
    return {
      jsHeapMB: m('JSHeapUsedSize') / 1e6,
      domNodes: m('Nodes'),
      listeners: m('JSEventListeners'),
      gpuGeometries: gpu.geometries,
      gpuTextures: gpu.textures,
      workers: page.workers().length,
    };
  } finally {
    await cdp.detach();
  }
}

/** Waits until every layer has finished loading (ready or error). */
export async function waitForCity(page: Page, layers = ['buildings', 'green', 'roads']): Promise<void> {
  for (const id of layers) {
    await page.waitForSelector(`li.layer[data-layer="${id}"][data-status="ready"]`, { timeout: 120_000 });
  }
  await page.waitForFunction(() => Boolean((window as { __citytwin?: unknown }).__citytwin), undefined, { timeout: 60_000 });
}

export interface OpenedApp {
  server: PreviewServer;
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Serves the built app, opens it in a fresh browser (English UI) and waits for the default city. */
export async function openCity(viewport = { width: 900, height: 640 }): Promise<OpenedApp> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url);
  await waitForCity(page);
  return {
    server, url, browser, context, page, errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
