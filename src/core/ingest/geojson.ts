// A parsed GeoJSON file (feature objects, or the streamed path's FeatureStore) -> its layer: reprojected
// to WGS84, duplicates rejected, the main kind chosen, built with its sub-layers, rejected features and
// warnings added.
import { problem } from '../language/problem.ts';
import { type FeatureStore, GeoJsonError, MAX_WARNINGS, type LocalFrame, type PackedProperties, geometryMask } from '../geo/index.ts';
import { detectKind, detectKindOf, reproject } from './crs.ts';
import { ingestFeatures, ingestStore } from './build.ts';
import { chooseKind, withParts } from './parts.ts';
import { firstProblem, rejectDuplicateIds, withRejected } from './reject.ts';
import type { IngestOptions, IngestedLayer, LayerKind, Notes, RejectedFeature } from './types.ts';

/** Builds the layer of parsed GeoJSON features (reprojected in place; duplicates replaced by null and listed). */
export function fromGeoJson(
  features: unknown[],
  crsName: string | undefined,
  format: 'geojson' | 'geojsonl',
  rejected: RejectedFeature[],
  kind: LayerKind | 'auto',
  options: IngestOptions,
  t0: number,
  lines?: Uint32Array,
  notes: Notes = { warnings: [], warningCount: 0 },
): IngestedLayer {
  const crs = reproject(features, crsName, options.crs ?? 'auto');
  rejected.push(...rejectDuplicateIds(features, lines));
  options.onProgress?.('parse', 1, 1);
  const masks = Uint8Array.from(features, geometryMask);
  const chosen = chooseKind(kind, () => detectKind(features), masks);
  const parseMs = performance.now() - t0;
  let properties: PackedProperties | undefined;
  const build = (k: LayerKind, frame: LocalFrame | undefined): IngestedLayer => {
    const o = { ...options, ...(frame ? { frame } : {}) };
    if (properties === undefined) {
      const built = ingestFeatures(features, k, o, parseMs);
      properties = built.data.properties;
      return built;
    }
    // Sub-layers share the layer's packed properties (the same features, the same rows).
    const { onProgress: _quiet, ...rest } = o;
    return ingestFeatures(features, k, rest, 0, properties);
  };
  const built = withParts(chosen, masks, build, options.frame);
  return finishGeoJsonLayer({ ...built, crs, format }, rejected, features.length, chosen, notes);
}

/**
 * Adds the rejected features and the warnings to a built GeoJSON layer; refuses one with features of
 * which none can be drawn nor kept without a location, saying why. An empty FeatureCollection loads (an
 * empty layer, with a warning).
 */
function finishGeoJsonLayer(built: IngestedLayer, rejected: RejectedFeature[], features: number, chosen: LayerKind, notes: Notes): IngestedLayer {
  const layer = withRejected(built, rejected, features, true);
  if (features > 0 && layer.stats.drawn === 0 && !layer.stats.unlocated) {
    const p = problem('load.allSkipped', { kind: problem(`load.kind.${chosen}`), count: layer.stats.features, first: firstProblem(layer) });
    throw new GeoJsonError(p, 'empty');
  }
  if (notes.warningCount === 0) return layer;
  return { ...layer, warnings: notes.warnings.slice(0, MAX_WARNINGS), warningCount: notes.warningCount };
}

/** fromGeoJson for the compact store the streamed path fills (duplicates already replaced and listed). */
export function fromStore(
  store: FeatureStore,
  crsName: string | undefined,
  format: 'geojson' | 'geojsonl',
  rejected: RejectedFeature[],
  kind: LayerKind | 'auto',
  options: IngestOptions,
  t0: number,
  _lines?: Uint32Array,
  notes: Notes = { warnings: [], warningCount: 0 },
): IngestedLayer {
  const crs = reproject(store, crsName, options.crs ?? 'auto');
  options.onProgress?.('parse', 1, 1);
  const masks = store.masks.data.subarray(0, store.count);
  const chosen = chooseKind(kind, () => detectKindOf(store), masks);
  const parseMs = performance.now() - t0;
  let first = true;
  const build = (k: LayerKind, frame: LocalFrame | undefined): IngestedLayer => {
    const o = { ...options, ...(frame ? { frame } : {}) };
    if (first) {
      first = false;
      return ingestStore(store, k, o, parseMs);
    }
    const { onProgress: _quiet, ...rest } = o;
    return ingestStore(store, k, rest, 0);
  };
  const built = withParts(chosen, masks, build, options.frame);
  return finishGeoJsonLayer({ ...built, crs, format }, rejected, store.count, chosen, notes);
}
