// Bench mode (`?bench&data=<url>`): loads one GeoJSON file as the building layer through the normal
// ingest worker and store path, frames it at a fixed 45° pitch, and reports load timings, the first
// complete frame and a live frame counter on `window.__bench` for harnesses (bench/scale.ts).
import { version } from '../../../package.json';
import { pendingChunks } from '../../scene/ChunkedLayer.tsx';
import { type CityTwinHandle, viewHandle } from '../../scene/viewHandle.ts';
import { useStore } from '../../store/index.ts';
import type { BenchHandle } from './types.ts';

/** The building layer's id: the one the rest of the app treats as "the city". */
const LAYER_ID = 'buildings';

function cityTwin(): CityTwinHandle | undefined {
  return viewHandle();
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Waits until every GPU command issued so far has executed (a 1-pixel readback of the canvas). */
function drain(): void {
  const gl = document.querySelector('canvas')?.getContext('webgl2');
  if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}

function fileName(url: string): string {
  try {
    return new URL(url).pathname.split('/').pop() || url;
  } catch {
    return url;
  }
}

let started: BenchHandle | null = null;

/**
 * Starts bench mode once per page (later calls return the same handle) and installs `window.__bench`.
 * `data` is the URL of the GeoJSON to load (relative URLs are resolved against the page).
 */
export function startBench(data: string | null): BenchHandle {
  if (started) return started;
  let setBearingFrames = 0;
  const bench: BenchHandle = {
    n: 0,
    fetchMs: 0,
    parseMs: 0,
    firstFrameMs: 0,
    frameIssuedMs: 0,
    fetchStartMs: 0,
    // R3F's own frames (progressive uploads, controls) plus the frames setBearing draws directly.
    get frames() {
      return (cityTwin()?.frames() ?? 0) + setBearingFrames;
    },
    viewer: { name: 'CityTwin', version },
    setBearing(deg: number) {
      const h = cityTwin();
      if (!h) return;
      h.setBearing(deg); // 45° pitch, framing the layer's bounds, rendered synchronously
      setBearingFrames++;
    },
  };
  started = bench;
  (window as unknown as { __bench?: BenchHandle }).__bench = bench;
  if (!data) {
    bench.error = 'bench mode needs the URL of a GeoJSON file: ?bench&data=<url>';
    return bench;
  }
  void run(bench, new URL(data, location.href).href).catch((err: unknown) => {
    bench.error = err instanceof Error ? err.message : String(err);
  });
  return bench;
}

async function run(bench: BenchHandle, url: string): Promise<void> {
  const store = useStore;
  // The worker reports the 'parse' phase as soon as the whole file is in (as text): that moment ends the fetch.
  let bytesIn = 0;
  const unsubscribe = store.subscribe((s) => {
    if (bytesIn) return;
    const layer = s.layers.find((l) => l.id === LAYER_ID);
    if (layer?.phase) bytesIn = performance.now();
  });
  // The data are requested once the viewer is up (WebGL context made, shader programs issued, a first
  // frame drawn): the loading window is then the one a user has when opening a file in a running viewer,
  // and start-up (the context takes ~0.5 s on software renderers) is timed apart by the harness.
  while (!cityTwin()) await nextFrame();
  await nextFrame();
  bench.fetchStartMs = performance.now();
  try {
    await store.getState().loadLayer({ id: LAYER_ID, kind: 'buildings', url, name: { text: fileName(url) } });
  } finally {
    unsubscribe();
  }
  const layer = store.getState().layers.find((l) => l.id === LAYER_ID);
  if (!layer?.data || layer.status !== 'ready') {
    bench.error = layer?.error ?? 'the file could not be loaded';
    return;
  }
  const ready = performance.getEntriesByName(`citytwin:ingest-end:${LAYER_ID}`).at(-1)?.startTime ?? performance.now();
  const stats = layer.data.stats;
  // The 'parse' message arrives late when the main thread is busy; the worker's own parse + build
  // times, counted back from the result, bound the moment the bytes were in from the other side.
  bytesIn = Math.min(bytesIn || ready, ready - stats.parseMs - stats.buildMs);
  bench.n = stats.features;
  bench.fetchMs = bytesIn - bench.fetchStartMs;
  bench.parseMs = ready - bytesIn;
  Object.assign(bench, { drawn: stats.drawn, ingest: { parseMs: stats.parseMs, buildMs: stats.buildMs, bytes: stats.bytes } });

  // Chunks join the scene a few per frame; when none is left, draw the fixed view once and drain it.
  for (;;) {
    await nextFrame();
    const h = cityTwin();
    if (h && pendingChunks.get(LAYER_ID) === 0) break;
  }
  bench.setBearing(0);
  bench.frameIssuedMs = performance.now();
  // Drained in a task of its own: a harness can tell the viewer's main-thread work from the wait for the GPU.
  await new Promise((resolve) => setTimeout(resolve, 0));
  drain();
  bench.firstFrameMs = performance.now();
}
