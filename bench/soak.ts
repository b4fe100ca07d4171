// A kiosk's day, compressed: the default city stays open while a scenario cycle repeats — a 5,000-building
// layer is added, the traffic assignment and the carbon map are run on the city, a building is selected,
// and the layer is removed again. Every few cycles the main thread's JS heap (after a full GC), DOM nodes,
// event listeners and three.js GPU geometries/textures are read. A leak shows as a steady climb: the
// figure reported is the growth per cycle (least-squares slope) beside the level after the first cycle.
// Workers' heaps are not counted (their own processes' memory; each is reused or restarted by its bridge).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { syntheticCity } from '../src/core/synthetic/index.ts';
import { launchBrowser, memorySample, startPreview, waitForCity } from '../tests/browser/harness.ts';
import { round } from './ingest.ts';
import { startStaticServer } from './static-server.ts';

const DATA_DIR = 'bench/.tmp/soak';
/** Near Monaco's port, so the layer joins the city instead of opening a new one. */
const CENTER: readonly [number, number] = [7.4245, 43.7335];

export interface SoakSample {
  cycle: number;
  jsHeapMB: number;
  domNodes: number;
  listeners: number;
  gpuGeometries: number;
  gpuTextures: number;
}

export interface SoakResult {
  note: string;
  cycles: number;
  layerBuildings: number;
  cycleMs: number;
  samples: SoakSample[];
  /** Least-squares growth per cycle, from the first sample on. */
  perCycle: { jsHeapMB: number; domNodes: number; listeners: number; gpuGeometries: number; gpuTextures: number };
}

type Store = { getState(): Record<string, unknown> & { layers: Array<{ id: string; status: string }> } };

async function sample(page: Page, cycle: number): Promise<SoakSample> {
  const { jsHeapMB, domNodes, listeners, gpuGeometries, gpuTextures } = await memorySample(page);
  return { cycle, jsHeapMB: round(jsHeapMB, 2), domNodes, listeners, gpuGeometries, gpuTextures };
}

function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** One scenario cycle, driven through the store as the panels drive it. */
async function cycle(page: Page, url: string, i: number): Promise<void> {
  await page.evaluate(
    async ([u, n]) => {
      const store = (window as unknown as { __citytwinStore: Store }).__citytwinStore;
      const s = store.getState() as unknown as {
        loadUserLayer(spec: { name: string; url: string }): Promise<void>;
        prepareTraffic(): Promise<void>;
        runTraffic(): Promise<void>;
        setDemandScale(v: number): void;
        runCarbon(): Promise<void>;
        select(ref: { layerId: string; featureId: number } | null): void;
        removeLayer(id: string): void;
      };
      await s.loadUserLayer({ name: `scenario-${n}.geojson`, url: u as string });
      const layer = store.getState().layers.find((l) => l.status === 'ready' && l.id !== 'buildings' && l.id !== 'roads' && l.id !== 'green');
      if (!layer) throw new Error('the scenario layer did not load');
      await s.prepareTraffic();
      s.setDemandScale(1 + ((n as number) % 3) * 0.1);
      await s.runTraffic();
      await s.runCarbon();
      s.select({ layerId: layer.id, featureId: (n as number) % 100 });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      s.select(null);
      s.removeLayer(layer.id);
    },
    [url, i] as const,
  );
  await page.waitForFunction('window.__citytwin.pendingChunks() === 0');
}

export async function benchSoak(cycles = 30, layerBuildings = 5_000): Promise<SoakResult> {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `scenario-${layerBuildings}.geojson`);
  writeFileSync(file, JSON.stringify(syntheticCity({ buildings: layerBuildings, seed: 7, center: CENTER })));
  const files = await startStaticServer({ '/data/': DATA_DIR });
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  const samples: SoakSample[] = [];
  let cycleMs = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(url);
    await waitForCity(page);
    const data = `${files.url}/data/${path.basename(file)}`;
    const every = Math.max(1, Math.floor(cycles / 6));
    const t0 = Date.now();
    for (let i = 1; i <= cycles; i++) {
      await cycle(page, data, i);
      if (i === 1 || i % every === 0 || i === cycles) {
        const s = await sample(page, i);
        samples.push(s);
        console.error(`soak cycle ${i}: heap ${s.jsHeapMB} MB, ${s.domNodes} DOM nodes, ${s.listeners} listeners, GPU ${s.gpuGeometries} geometries / ${s.gpuTextures} textures`);
      }
    }
    cycleMs = round((Date.now() - t0) / cycles);
  } finally {
    await browser.close();
    await server.close();
    await files.close();
  }
  const xs = samples.map((s) => s.cycle);
  const per = (k: keyof Omit<SoakSample, 'cycle'>): number => round(slope(xs, samples.map((s) => s[k])), 4);
  return {
    note:
      'headless Chromium + SwiftShader, 800x600, Monaco open; per cycle: a 5,000-building synthetic layer added, traffic prepared and assigned, carbon map run, ' +
      'a building selected, the layer removed. Samples after a full GC (CDP); perCycle = least-squares slope over the samples (a leak shows as a steady positive slope).',
    cycles,
    layerBuildings,
    cycleMs,
    samples,
    perCycle: { jsHeapMB: per('jsHeapMB'), domNodes: per('domNodes'), listeners: per('listeners'), gpuGeometries: per('gpuGeometries'), gpuTextures: per('gpuTextures') },
  };
}
