// Building the drawable layer of one kind from parsed features (objects, or the streamed path's compact
// FeatureStore): polygons extruded or flat, road lines, points, with their stats.
import { collectBuffers } from '../columnar/index.ts';
import {
  type FeatureStore,
  type PackedProperties,
  buildPointLayer,
  buildPolygonLayer,
  buildPolygonLayerFrom,
  buildRoadLayer,
  featureId,
  propertiesOf,
  readPolygons,
  resolveHeight,
} from '../geo/index.ts';
import type { IngestOptions, IngestStats, IngestedLayer, LayerKind } from './types.ts';

/** Height of flat green areas above the ground, metres (just above it, below the roads). */
export const GREEN_Z_M = 0.06;
/** Other flat polygon layers sit a little higher, over the green. */
export const AREAS_Z_M = 0.1;

/**
 * Builds one kind of layer from parsed features (features of other kinds are skipped as wrong geometry
 * type). `properties`: the features' packed properties when already packed (shared, not packed again).
 */
export function ingestFeatures(features: readonly unknown[], kind: LayerKind, options: IngestOptions = {}, parseMs = 0, properties?: PackedProperties): IngestedLayer {
  const t0 = performance.now();
  const onProgress = options.onProgress;
  const progress = onProgress ? (done: number, total: number) => onProgress('build', done, total) : undefined;
  const frame = options.frame ? { frame: options.frame } : {};
  const common = { ...frame, ...(progress ? { onProgress: progress } : {}) };
  const shared = properties ? { properties } : {};
  if (kind === 'points') {
    const data = buildPointLayer(features, { ...frame, ...shared });
    return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  if (kind === 'roads') {
    const data = buildRoadLayer(features, { ...common, ...shared });
    return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  const polygonOptions = { ...common, mode: kind === 'buildings' ? 'extrude' : 'flat', flatZ: kind === 'areas' ? AREAS_Z_M : GREEN_Z_M } as const;
  const data = properties
    ? buildPolygonLayerFrom(
        {
          count: features.length,
          polygons: (i) => readPolygons(features[i]),
          id: (i) => featureId(features[i]),
          height: (i) => resolveHeight(propertiesOf(features[i])),
          properties: () => properties,
        },
        polygonOptions,
      )
    : buildPolygonLayer(features, polygonOptions);
  return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
}

export function statsOf(features: number, drawn: Uint8Array, skipped: number, parseMs: number, buildMs: number, data: object): IngestStats {
  let n = 0;
  for (const d of drawn) n += d;
  let bytes = 0;
  for (const b of collectBuffers(data)) bytes += b.byteLength;
  return { features, drawn: n, skipped, parseMs, buildMs, bytes };
}

/** ingestFeatures for the compact store the streamed path fills. */
export function ingestStore(store: FeatureStore, kind: LayerKind, options: IngestOptions, parseMs: number): IngestedLayer {
  const t0 = performance.now();
  const onProgress = options.onProgress;
  const progress = onProgress ? (done: number, total: number) => onProgress('build', done, total) : undefined;
  const frame = options.frame ? { frame: options.frame } : {};
  const common = { ...frame, ...(progress ? { onProgress: progress } : {}) };
  if (kind === 'points') {
    const data = buildPointLayer(store.features(), { ...frame, properties: store.properties() });
    return { kind, data, stats: statsOf(store.count, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  if (kind === 'roads') {
    const data = buildRoadLayer(store.features(), { ...common, properties: store.properties() });
    return { kind, data, stats: statsOf(store.count, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
  const data = buildPolygonLayerFrom(store, { ...common, mode: kind === 'buildings' ? 'extrude' : 'flat', flatZ: kind === 'areas' ? AREAS_Z_M : GREEN_Z_M });
  return { kind, data, stats: statsOf(store.count, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
}
