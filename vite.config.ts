/// <reference types="vitest/config" />
// Vite builds the viewer; Vitest runs two projects: `node` (core and CLI, no browser) and
// `browser` (the built app driven in headless Chromium through playwright-core).
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The mode of the build the browser tests and benchmarks drive: `vite build --mode test-hooks`. */
export const TEST_HOOKS_MODE = 'test-hooks';
const MAIN = fileURLToPath(new URL('src/main.tsx', import.meta.url));
const TEST_BOOT = fileURLToPath(new URL('tests/browser/page/boot.ts', import.meta.url));

/**
 * The test build: in mode `test-hooks` only, src/main.tsx's last step (`import('./boot.tsx')`) becomes
 * tests/browser/page/boot.ts, which puts the test hooks on `window` (tests/browser/page/hooks.ts) and then
 * evaluates the app's boot. Every other build, `npm run build` and `npm start` among them, resolves the
 * import as written, so product code neither calls nor ships the hooks. `vite --mode test-hooks` serves
 * the test build for a person at the keyboard.
 */
export function testHooksBuild(mode: string): Plugin {
  return {
    name: 'citytwin:test-hooks-build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (mode !== TEST_HOOKS_MODE || source !== './boot.tsx' || importer === undefined) return null;
      return importer.split('?')[0] === MAIN ? TEST_BOOT : null;
    },
  };
}

/**
 * src/main.tsx imports the app in steps (each step's modules evaluated in a task of their own), which would
 * also fetch them one after another. This lists those chunks, and every chunk they import, as modulepreload
 * links in the page's head, so they download together as soon as the page does.
 */
function preloadEntrySteps(): Plugin {
  return {
    name: 'citytwin:preload-entry-steps',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // The page's own entry chunk: src/main.tsx, whose steps are its dynamic imports.
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry) return [];
        const files = new Set<string>();
        const visit = (name: string): void => {
          const chunk = bundle[name];
          if (files.has(name) || !chunk || chunk.type !== 'chunk') return;
          files.add(name);
          chunk.imports.forEach(visit);
        };
        entry.dynamicImports.forEach(visit);
        for (const name of [entry.fileName, ...entry.imports]) files.delete(name); // the page loads these already
        return [...files].map((name) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${name}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [
    react(),
    testHooksBuild(mode),
    preloadEntrySteps(),
    // Offline kiosks (src/app/kiosk/serviceWorker.ts registers it in kiosk mode only): Workbox precaches the
    // code, the Korean font (woff2), the built-in cities, kiosk and scenario files and the solver's wasm. A new
    // build waits until the kiosk reloads at the end of a tour ('prompt': never switched mid-show).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff2,json,geojson,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
}));
