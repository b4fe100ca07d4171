// The ingest worker's API (ARCHITECTURE rule 4's one api object) over src/core/ingest: streams GeoJSON from
// a URL or a dropped file's blob: URL, builds drawable layers, and hands them back by transfer. Exposed by
// ingest.worker.ts (the product) and, with the self-test calls added, by ingest.selftest.worker.ts (tests).
import { FileError, problem } from '../src/core/language/problem.ts';
import { exportGeoJson } from '../src/core/layerinput/export.ts';
import { transfer } from 'comlink';
import { type IngestedLayer, type LayerKind, type ProgressFn, collectBuffers, ingestFeatures, ingestStream, sizeVerdict } from '../src/core/ingest/index.ts';
import type { LocalFrame } from '../src/core/geo/index.ts';
import type { CrsCode } from '../src/core/crs/index.ts';
import { syntheticCity, syntheticRoads } from '../src/core/synthetic/index.ts';
import { createHasher, hashText } from '../src/core/scenario/hash.ts';
import { throttled } from '../src/core/progress/index.ts';

/**
 * Reads a URL (or a dropped file's blob: URL) piece by piece through a streaming TextDecoder into the
 * streamed ingest, reporting progress by bytes read; the text is never held whole.
 */
async function ingestFromUrl(url: string, fileName: string, kind: LayerKind | 'auto', frame: LocalFrame | undefined, onProgress: ProgressFn | undefined, crs: CrsCode | 'auto'): Promise<IngestedLayer> {
  const res = await fetch(url);
  if (!res.ok) throw new FileError(problem('load.http', { url, status: `${res.status} ${res.statusText}`.trim() }));
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : 0;
  if (total > 0) {
    const verdict = sizeVerdict(total);
    if (!verdict.ok) throw new FileError(verdict.problem);
  }
  const ingest = ingestStream(fileName, kind, { crs, ...(frame ? { frame } : {}), ...(onProgress ? { onProgress } : {}) });
  const decoder = new TextDecoder();
  // The file's content hash, from the same bytes as they stream in (scenarios name layers by it).
  const hasher = createHasher();
  onProgress?.('parse', 0, 1);
  if (res.body) {
    const reader = res.body.getReader();
    let read = 0;
    // Bytes read of the file (at most ~20 reports a second), short of 1 until the layer is built.
    const report = onProgress && throttled(onProgress, 50);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      hasher.update(value);
      if (total === 0) {
        const verdict = sizeVerdict(read);
        if (!verdict.ok) throw new FileError(verdict.problem);
      }
      ingest.push(decoder.decode(value, { stream: true }));
      report?.('parse', Math.min(read, total > 0 ? total : read) * 0.99, total > 0 ? total : read);
    }
  } else {
    const bytes = new Uint8Array(await res.arrayBuffer());
    hasher.update(bytes);
    ingest.push(decoder.decode(bytes, { stream: true }));
  }
  const tail = decoder.decode();
  if (tail !== '') ingest.push(tail);
  return { ...ingest.finish(), contentHash: hasher.digest() };
}

function send(layer: IngestedLayer): IngestedLayer {
  // Every part's typed arrays move (sub-layers share the layer's properties: each buffer is listed once).
  return transfer(layer, collectBuffers({ data: layer.data, parts: layer.parts, unlocated: layer.unlocated }));
}

export const ingestApi = {
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
    const name = fileName ?? new URL(url, self.location.href).pathname;
    return send(await ingestFromUrl(url, name, kind, frame, onProgress, crs));
  },
  /** A seeded synthetic city (benchmarks and demos): its buildings, or its street grid. */
  async ingestSynthetic(buildings: number, seed: number, kind: 'buildings' | 'roads', frame: LocalFrame | undefined, onProgress?: ProgressFn): Promise<IngestedLayer> {
    const features = kind === 'roads' ? syntheticRoads({ buildings }).features : syntheticCity({ buildings, seed }).features;
    const layer = ingestFeatures(features, kind, { ...(frame ? { frame } : {}), ...(onProgress ? { onProgress } : {}) });
    // A synthetic layer is its generator's arguments: same arguments, same features.
    return send({ ...layer, contentHash: hashText(`synthetic:${kind}:${buildings}:${seed}`) });
  },
  /**
   * A layer written out as RFC 7946 GeoJSON (WGS84): the drawn features of its file, read in the CRS the
   * layer was drawn with. Returns UTF-8 bytes, transferred.
   */
  async exportLayer(url: string, fileName: string | undefined, crs: CrsCode | 'auto', drawn: Uint8Array, name?: string): Promise<Uint8Array> {
    const res = await fetch(url);
    if (!res.ok) throw new FileError(problem('load.httpAgain', { url: fileName ?? url, status: res.status }));
    const text = exportGeoJson(await res.text(), { ...(fileName !== undefined ? { fileName } : {}), crs }, drawn, name);
    const bytes = new TextEncoder().encode(text);
    return transfer(bytes, [bytes.buffer]);
  },
};

