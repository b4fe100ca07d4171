// The built page's entry (src/main.tsx) imports the app in steps, each evaluated in a task of its own; a
// build plugin (vite.config.ts) lists every step's chunks as modulepreload links, so that the steps do not
// also download one after another. Checked on the build the browser tests serve, and in the page.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectErrors, launchBrowser, startPreview, waitForCity } from './harness.ts';

const DIST = process.env['CITYTWIN_DIST'] ?? 'dist';

describe('entry steps', () => {
  it('preloads, from the page head, every chunk the entry imports step by step', () => {
    const html = readFileSync(`${DIST}/index.html`, 'utf8');
    const entry = /<script type="module" crossorigin src="\.\/(assets\/index-[^"]+\.js)"><\/script>/.exec(html)?.[1];
    expect(entry, 'the entry script').toBeDefined();
    const steps = [...readFileSync(`${DIST}/${entry}`, 'utf8').matchAll(/import\(`\.\/([^`]+\.js)`\)/g)].map((m) => m[1]!);
    // three.js, React DOM, R3F and the app.
    expect(steps).toHaveLength(4);
    expect(steps[3]).toMatch(/^boot-/);
    const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" crossorigin(?:="")? href="\.\/assets\/([^"]+)">/g)].map((m) => m[1]));
    for (const step of steps) expect(preloaded, step).toContain(step);
    // Every preload names a file the build wrote.
    const written = new Set(readdirSync(`${DIST}/assets`));
    for (const file of preloaded) expect(written, file).toContain(file);
  });

  it('starts the viewer through the steps, fetching each chunk once', async () => {
    const { server, url } = await startPreview();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 480, height: 320 } });
      const errors = collectErrors(page);
      const fetched: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.js')) fetched.push(new URL(r.url()).pathname);
      });
      await page.goto(`${url}?noaa`);
      await waitForCity(page);
      expect(errors).toEqual([]);
      expect(fetched.some((p) => /\/boot-[^/]+\.js$/.test(p))).toBe(true);
      expect(fetched.length).toBe(new Set(fetched).size);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
