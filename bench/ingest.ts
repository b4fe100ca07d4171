// Node ingest benchmark: seeded synthetic cities -> GeoJSON text -> parse + build (the worker's code
// path), against bare JSON.parse of the same text as the in-run baseline.
import { ingestGeoJsonText } from '../src/core/ingest/index.ts';
import { syntheticCity } from '../src/core/synthetic/index.ts';

export interface IngestFigure {
  buildings: number;
  textMB: number;
  /** Bare JSON.parse of the same text (baseline). */
  jsonParseMs: number;
  /** parse + validate + project + triangulate + pack (what the worker does). */
  ingestMs: number;
  parseShareMs: number;
  buildMs: number;
  /** Throughput relative to bare JSON.parse (1 = as fast as parsing alone). */
  throughputVsJsonParse: number;
  vertices: number;
  triangles: number;
  chunks: number;
  typedArrayBytes: number;
  bytesPerBuilding: number;
  heapUsedMB: number;
}

export async function benchIngest(sizes: readonly number[]): Promise<IngestFigure[]> {
  const out: IngestFigure[] = [];
  for (const n of sizes) {
    let text = JSON.stringify(syntheticCity({ buildings: n, seed: 42 }));
    global.gc?.();
    const t0 = performance.now();
    JSON.parse(text);
    const jsonParseMs = performance.now() - t0;
    global.gc?.();
    const t1 = performance.now();
    const layer = ingestGeoJsonText(text, 'buildings');
    const ingestMs = performance.now() - t1;
    const textMB = text.length / 1e6;
    text = '';
    global.gc?.();
    const d = layer.data;
    const fig: IngestFigure = {
      buildings: n,
      textMB: round(textMB, 1),
      jsonParseMs: round(jsonParseMs),
      ingestMs: round(ingestMs),
      parseShareMs: round(layer.stats.parseMs),
      buildMs: round(layer.stats.buildMs),
      throughputVsJsonParse: round(jsonParseMs / ingestMs, 3),
      vertices: 'vertexCount' in d ? d.vertexCount : 0,
      triangles: 'triangleCount' in d ? d.triangleCount : 0,
      chunks: 'chunks' in d ? d.chunks.length : 0,
      typedArrayBytes: layer.stats.bytes,
      bytesPerBuilding: round(layer.stats.bytes / n),
      heapUsedMB: round(process.memoryUsage().heapUsed / 1e6),
    };
    console.error(`ingest ${n}: ${fig.ingestMs} ms (JSON.parse alone ${fig.jsonParseMs} ms), ${fig.bytesPerBuilding} B/building`);
    out.push(fig);
  }
  return out;
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
