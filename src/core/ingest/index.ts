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
  parseGeoJson,
} from '../geo/index.ts';
import type { CrsCode } from '../crs/index.ts';
import { type CrsUsed, detectKind, toWgs84InPlace } from './crs.ts';

export { detectKind, toWgs84InPlace } from './crs.ts';
export type { CrsUsed } from './crs.ts';

/** buildings: extruded; green: flat green areas; areas: any other flat polygons; roads: lines. */
export type LayerKind = 'buildings' | 'roads' | 'green' | 'areas';
export const LAYER_KINDS: readonly LayerKind[] = ['buildings', 'roads', 'green', 'areas'];

export type IngestPhase = 'parse' | 'build';
export type ProgressFn = (phase: IngestPhase, done: number, total: number) => void;

export interface IngestOptions {
  readonly frame?: LocalFrame;
  readonly onProgress?: ProgressFn;
  /** The file's CRS as the user chose it; 'auto' (default) reads the `crs` member or infers it. */
  readonly crs?: CrsCode | 'auto';
}

export type IngestedLayer = (
  | { readonly kind: 'buildings' | 'green' | 'areas'; readonly data: PolygonLayerData; readonly stats: IngestStats }
  | { readonly kind: 'roads'; readonly data: RoadLayerData; readonly stats: IngestStats }
) & {
  /** The CRS the file's coordinates were read in (reprojected to WGS84 when not lon/lat). */
  readonly crs?: CrsUsed;
};

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
/** Other flat polygon layers sit a little higher, over the green. */
export const AREAS_Z_M = 0.1;

export function ingestFeatures(features: readonly unknown[], kind: LayerKind, options: IngestOptions = {}, parseMs = 0): IngestedLayer {
  const t0 = performance.now();
  const onProgress = options.onProgress;
  const progress = onProgress ? (done: number, total: number) => onProgress('build', done, total) : undefined;
  const common = { ...(options.frame ? { frame: options.frame } : {}), ...(progress ? { onProgress: progress } : {}) };
  if (kind === 'roads') {
    const data = buildRoadLayer(features, common);
    return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  const data = buildPolygonLayer(features, { ...common, mode: kind === 'buildings' ? 'extrude' : 'flat', flatZ: kind === 'areas' ? AREAS_Z_M : GREEN_Z_M });
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
export function ingestGeoJsonText(text: string, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  const t0 = performance.now();
  options.onProgress?.('parse', 0, 1);
  const parsed = parseGeoJson(text);
  const crs = toWgs84InPlace(parsed.features, parsed.crsName, options.crs ?? 'auto');
  options.onProgress?.('parse', 1, 1);
  let chosen: LayerKind;
  if (kind === 'auto') {
    const detected = detectKind(parsed.features);
    if (detected === null) throw new GeoJsonError('the file has no polygons or lines to draw', 'empty');
    if (detected === 'points') throw new GeoJsonError('point layers cannot be drawn yet: this viewer draws polygons and lines', 'not-geojson');
    chosen = detected;
  } else chosen = kind;
  const layer = { ...ingestFeatures(parsed.features, chosen, options, performance.now() - t0), crs };
  if (parsed.features.length === 0) throw new GeoJsonError('the file has no features', 'empty');
  if (layer.stats.drawn === 0) {
    const first = layer.data.skipped[0];
    throw new GeoJsonError(
      `nothing in the file can be drawn as ${chosen}: all ${layer.stats.features} features were skipped` +
        (first ? ` (feature ${first.index}: ${first.message})` : ''),
      'empty',
    );
  }
  return layer;
}

export { collectBuffers };
