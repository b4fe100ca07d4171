/**
 * Ingest pipeline for one GeoJSON layer: text -> parsed features -> drawable layer data.
 * Runs in a worker (workers/ingest.worker.ts) and in node (CLI, tests, benchmarks) alike.
 * Times are milliseconds; geometry is in the local frame of src/core/geo (metres, z up).
 */
import { collectBuffers } from '../columnar/index.ts';
import {
  GeoJsonError,
  type LocalFrame,
  type PolygonLayerData,
  type RoadLayerData,
  buildPolygonLayer,
  buildRoadLayer,
  isWgs84CrsName,
  parseGeoJson,
} from '../geo/index.ts';

export type LayerKind = 'buildings' | 'roads' | 'green';
export const LAYER_KINDS: readonly LayerKind[] = ['buildings', 'roads', 'green'];

export type IngestPhase = 'parse' | 'build';
export type ProgressFn = (phase: IngestPhase, done: number, total: number) => void;

export interface IngestOptions {
  readonly frame?: LocalFrame;
  readonly onProgress?: ProgressFn;
}

export type IngestedLayer =
  | { readonly kind: 'buildings' | 'green'; readonly data: PolygonLayerData; readonly stats: IngestStats }
  | { readonly kind: 'roads'; readonly data: RoadLayerData; readonly stats: IngestStats };

export interface IngestStats {
  readonly features: number;
  readonly drawn: number;
  readonly skipped: number;
  readonly parseMs: number;
  readonly buildMs: number;
  /** Bytes of typed arrays handed to the scene. */
  readonly bytes: number;
}

/** Height of flat green areas above the ground, metres (just above it, below the roads). */
export const GREEN_Z_M = 0.06;

export function ingestFeatures(features: readonly unknown[], kind: LayerKind, options: IngestOptions = {}, parseMs = 0): IngestedLayer {
  const t0 = performance.now();
  const onProgress = options.onProgress;
  const progress = onProgress ? (done: number, total: number) => onProgress('build', done, total) : undefined;
  const common = { ...(options.frame ? { frame: options.frame } : {}), ...(progress ? { onProgress: progress } : {}) };
  if (kind === 'roads') {
    const data = buildRoadLayer(features, common);
    return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  const data = buildPolygonLayer(features, { ...common, mode: kind === 'buildings' ? 'extrude' : 'flat', flatZ: GREEN_Z_M });
  return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
}

function statsOf(features: number, drawn: Uint8Array, skipped: number, parseMs: number, buildMs: number, data: object): IngestStats {
  let n = 0;
  for (const d of drawn) n += d;
  let bytes = 0;
  for (const b of collectBuffers(data)) bytes += b.byteLength;
  return { features, drawn: n, skipped, parseMs, buildMs, bytes };
}

/**
 * Parses GeoJSON text and builds the layer. Throws GeoJsonError for a file that cannot be read or
 * has nothing drawable (the message says why); skipped features are listed on the result.
 */
export function ingestGeoJsonText(text: string, kind: LayerKind, options: IngestOptions = {}): IngestedLayer {
  const t0 = performance.now();
  options.onProgress?.('parse', 0, 1);
  const parsed = parseGeoJson(text);
  if (parsed.crsName !== undefined && !isWgs84CrsName(parsed.crsName)) {
    throw new GeoJsonError(`the file declares CRS "${parsed.crsName}"; this layer reads WGS84 longitude/latitude (EPSG:4326) only`, 'not-geojson');
  }
  options.onProgress?.('parse', 1, 1);
  const layer = ingestFeatures(parsed.features, kind, options, performance.now() - t0);
  if (parsed.features.length === 0) throw new GeoJsonError('the file has no features', 'empty');
  if (layer.stats.drawn === 0) {
    const first = layer.data.skipped[0];
    throw new GeoJsonError(
      `nothing in the file can be drawn as ${kind}: all ${layer.stats.features} features were skipped` +
        (first ? ` (feature ${first.index}: ${first.message})` : ''),
      'empty',
    );
  }
  return layer;
}

export { collectBuffers };
