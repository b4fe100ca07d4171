// Ingest worker: a thin comlink adapter over src/core/ingest (ARCHITECTURE rule 4).
// Fetches or receives GeoJSON, builds drawable layers, and hands them back by transfer.
import { expose, transfer } from 'comlink';
import { type IngestedLayer, type LayerKind, type ProgressFn, collectBuffers, ingestFeatures, ingestText, sizeVerdict } from '../src/core/ingest/index.ts';
import type { LocalFrame } from '../src/core/geo/index.ts';
import type { CrsCode } from '../src/core/crs/index.ts';
import { syntheticCity, syntheticRoads } from '../src/core/synthetic/index.ts';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  const length = Number(res.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) {
    const verdict = sizeVerdict(length);
    if (!verdict.ok) throw new Error(verdict.message);
  }
  return res.text();
}

function send(layer: IngestedLayer): IngestedLayer {
  return transfer(layer, collectBuffers(layer.data));
}

const api = {
  /**
   * A layer from a URL (or the blob URL of a picked or dropped file): GeoJSON, line-delimited GeoJSON or
   * CityJSON, told apart by the file name and the content; kind 'auto' reads it off the geometry.
   */
  async ingestUrl(
    url: string,
    kind: LayerKind | 'auto',
    frame: LocalFrame | undefined,
    onProgress?: ProgressFn,
    crs: CrsCode | 'auto' = 'auto',
    fileName?: string,
  ): Promise<IngestedLayer> {
    const text = await fetchText(url);
    const name = fileName ?? new URL(url, self.location.href).pathname;
    return send(ingestText(text, name, kind, { crs, ...(frame ? { frame } : {}), ...(onProgress ? { onProgress } : {}) }));
  },
  /** A seeded synthetic city (benchmarks and demos): its buildings, or its street grid. */
  async ingestSynthetic(buildings: number, seed: number, kind: 'buildings' | 'roads', frame: LocalFrame | undefined, onProgress?: ProgressFn): Promise<IngestedLayer> {
    const features = kind === 'roads' ? syntheticRoads({ buildings }).features : syntheticCity({ buildings, seed }).features;
    return send(ingestFeatures(features, kind, { ...(frame ? { frame } : {}), ...(onProgress ? { onProgress } : {}) }));
  },
  /** Keeps the worker busy for `ms` (benchmarks: frame rate while a worker computes). */
  async busy(ms: number): Promise<number> {
    const end = performance.now() + ms;
    let x = 0;
    while (performance.now() < end) for (let i = 0; i < 10000; i++) x += Math.sqrt(i);
    return x;
  },
  /** Fails outside any call, as a bug in a worker would (tests the crash-and-restart path). */
  async crashLater(): Promise<void> {
    setTimeout(() => {
      throw new Error('deliberate worker crash (self-test)');
    }, 0);
  },
};

export type IngestApi = typeof api;
expose(api);
