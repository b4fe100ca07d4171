// Node ingest benchmark: seeded synthetic cities -> GeoJSON text -> parse + build (the worker's code
// path), against bare JSON.parse of the same text as the in-run baseline. `ingestMs` is the whole-text
// entry (ingestText); `streamedMs` feeds the same text in 64 KiB pieces to the streamed ingest the worker
// uses. `bigFile` streams a ~200 MB file from disk in a child process and reports its peak memory.
import { execFileSync } from 'node:child_process';
import { createReadStream, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestGeoJsonText, ingestStream, ingestWhole } from '../src/core/ingest/index.ts';
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
  /** The same text through the streamed ingest in 64 KiB pieces. */
  streamedMs: number;
  streamedThroughputVsJsonParse: number;
  /** The previous reader (one JSON.parse of the whole text, then objects), kept as ingestWhole: the before figure. */
  wholeReaderMs: number;
  wholeReaderThroughputVsJsonParse: number;
  vertices: number;
  triangles: number;
  chunks: number;
  typedArrayBytes: number;
  bytesPerBuilding: number;
  heapUsedMB: number;
}

export interface BigFileFigure {
  buildings: number;
  fileMB: number;
  streamedMs: number;
  peakRssMB: number;
  peakHeapUsedMB: number;
  /** Node's RSS before reading the file (the runtime itself). */
  baseRssMB: number;
  typedArrayMB: number;
  peakRssOverFile: number;
}

const PIECE = 64 * 1024;

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
    global.gc?.();
    const t2 = performance.now();
    const s = ingestStream('city.geojson', 'buildings');
    for (let k = 0; k < text.length; k += PIECE) s.push(text.slice(k, k + PIECE));
    s.finish();
    const streamedMs = performance.now() - t2;
    global.gc?.();
    const t3 = performance.now();
    ingestWhole(text, 'city.geojson', 'buildings');
    const wholeReaderMs = performance.now() - t3;
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
      streamedMs: round(streamedMs),
      streamedThroughputVsJsonParse: round(jsonParseMs / streamedMs, 3),
      wholeReaderMs: round(wholeReaderMs),
      wholeReaderThroughputVsJsonParse: round(jsonParseMs / wholeReaderMs, 3),
      vertices: 'vertexCount' in d ? d.vertexCount : 0,
      triangles: 'triangleCount' in d ? d.triangleCount : 0,
      chunks: 'chunks' in d ? d.chunks.length : 0,
      typedArrayBytes: layer.stats.bytes,
      bytesPerBuilding: round(layer.stats.bytes / n),
      heapUsedMB: round(process.memoryUsage().heapUsed / 1e6),
    };
    console.error(`ingest ${n}: ${fig.ingestMs} ms, streamed ${fig.streamedMs} ms, previous whole-text reader ${fig.wholeReaderMs} ms (JSON.parse alone ${fig.jsonParseMs} ms), ${fig.bytesPerBuilding} B/building`);
    out.push(fig);
  }
  return out;
}

/** Writes a synthetic city of `buildings` (~290 B each) to a temporary file and streams it in a fresh node process. */
export function benchBigFile(buildings = 700_000): BigFileFigure {
  const file = path.join(os.tmpdir(), `citytwin-bench-${process.pid}.geojson`);
  writeFileSync(file, JSON.stringify(syntheticCity({ buildings, seed: 42 })));
  try {
    const outText = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--stream-file', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(outText) as Omit<BigFileFigure, 'buildings' | 'fileMB' | 'peakRssOverFile'>;
    const fileMB = statSync(file).size / 1e6;
    const fig: BigFileFigure = { buildings, fileMB: round(fileMB), ...r, peakRssOverFile: round(r.peakRssMB / fileMB, 2) };
    console.error(`stream ${round(fileMB)} MB: ${fig.streamedMs} ms, peak RSS ${fig.peakRssMB} MB (base ${fig.baseRssMB}), peak heap ${fig.peakHeapUsedMB} MB, typed arrays ${fig.typedArrayMB} MB`);
    return fig;
  } finally {
    unlinkSync(file);
  }
}

/** Child process: streams one file as the worker does (64 KiB reads, streaming TextDecoder) and prints its figures. */
async function streamFile(file: string): Promise<void> {
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const s = ingestStream(file, 'buildings');
  const decoder = new TextDecoder();
  let pieces = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: PIECE })) {
    s.push(decoder.decode(chunk as Buffer, { stream: true }));
    if (++pieces % 64 === 0) sample();
  }
  s.push(decoder.decode());
  sample();
  const layer = s.finish();
  sample();
  const streamedMs = performance.now() - t0;
  clearInterval(timer);
  process.stdout.write(
    JSON.stringify({ streamedMs: round(streamedMs), peakRssMB: round(peakRss / 1e6), peakHeapUsedMB: round(peakHeap / 1e6), baseRssMB: round(baseRss / 1e6), typedArrayMB: round(layer.stats.bytes / 1e6) }),
  );
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const at = process.argv.indexOf('--stream-file');
if (at >= 0 && process.argv[at + 1]) void streamFile(process.argv[at + 1]!);
