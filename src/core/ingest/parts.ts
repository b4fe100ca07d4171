// A file of several geometry kinds as one layer: the main kind and its sub-layers (parts) in one local
// frame, merged so that a feature is skipped only when no part draws it; which part draws a feature;
// and the main kind a file is read as.
import { problem } from '../language/problem.ts';
import { collectBuffers } from '../columnar/index.ts';
import { GeoJsonError, KindBit, type LocalFrame, type SkippedFeature } from '../geo/index.ts';
import type { IngestStats, IngestedLayer, LayerKind, LayerPart } from './types.ts';

/** Counts of features by the geometry kinds they hold (a GeometryCollection counts for each of its kinds). */
function kindCounts(masks: ArrayLike<number>): { polygons: number; buildings: number; lines: number; points: number; unlocated: number } {
  const c = { polygons: 0, buildings: 0, lines: 0, points: 0, unlocated: 0 };
  for (let i = 0; i < masks.length; i++) {
    const m = masks[i]!;
    if (m & KindBit.Polygon) c.polygons++;
    if (m & KindBit.Building) c.buildings++;
    if (m & KindBit.Line) c.lines++;
    if (m & KindBit.Point) c.points++;
    if (m & KindBit.Unlocated) c.unlocated++;
  }
  return c;
}

const groupOf = (k: LayerKind): 'polygons' | 'lines' | 'points' => (k === 'roads' ? 'lines' : k === 'points' ? 'points' : 'polygons');

/** The sub-layers a file needs beside `main`: every other geometry kind it holds (polygons extruded when most carry building tags). */
export function partKinds(main: LayerKind, masks: ArrayLike<number>): LayerKind[] {
  const c = kindCounts(masks);
  const out: LayerKind[] = [];
  if (groupOf(main) !== 'polygons' && c.polygons > 0) out.push(c.buildings > c.polygons / 2 ? 'buildings' : 'areas');
  if (groupOf(main) !== 'lines' && c.lines > 0) out.push('roads');
  if (groupOf(main) !== 'points' && c.points > 0) out.push('points');
  return out;
}

/**
 * The main kind and every sub-layer the masks call for, in one local frame (the one given, else the main
 * kind's, else the first sub-layer's that draws something), merged by `assemble`.
 */
export function withParts(main: LayerKind, masks: Uint8Array, build: (kind: LayerKind, frame: LocalFrame | undefined) => IngestedLayer, given: LocalFrame | undefined): IngestedLayer {
  const kinds = partKinds(main, masks);
  let layer = build(main, given);
  if (kinds.length === 0) return assemble(layer, [], masks);
  let frame = given ?? (layer.stats.drawn > 0 ? layer.data.frame : undefined);
  const parts: LayerPart[] = [];
  const t0 = performance.now();
  for (const k of kinds) {
    const p = build(k, frame);
    if (frame === undefined && p.stats.drawn > 0) {
      // The main kind drew nothing: it is built again in this part's frame, so every part lines up.
      frame = p.data.frame;
      layer = build(main, frame);
    }
    // A part's timings are in the layer's (the same bytes for the same file); its skipped features are the layer's.
    parts.push({ kind: p.kind, data: p.data, stats: { ...p.stats, parseMs: 0, buildMs: 0 } } as LayerPart);
  }
  return assemble(layer, parts, masks, performance.now() - t0);
}

/**
 * One layer of the main kind and its sub-layers: a feature is skipped only when no part draws it and it has
 * a location; its reason is the one of the part of its own kind (not "wrong geometry type"). Bounds and
 * stats cover every part; unlocated features are listed.
 */
function assemble(main: IngestedLayer, parts: LayerPart[], masks: Uint8Array, partsMs = 0): IngestedLayer {
  const n = masks.length;
  const unlocated: number[] = [];
  for (let i = 0; i < n; i++) if (masks[i]! & KindBit.Unlocated) unlocated.push(i);
  if (parts.length === 0 && unlocated.length === 0) return main;
  const all: LayerPart[] = [main, ...parts];
  const drawn = new Uint8Array(n);
  for (const p of all) {
    const d = p.data.features.drawn;
    for (let i = 0; i < n; i++) if (d[i]) drawn[i] = 1;
  }
  const reasons = new Map<number, SkippedFeature>();
  for (const p of all) {
    for (const s of p.data.skipped) {
      if (drawn[s.index] || masks[s.index]! & KindBit.Unlocated) continue;
      const had = reasons.get(s.index);
      if (!had || (had.code === 'wrong-geometry-type' && s.code !== 'wrong-geometry-type')) reasons.set(s.index, s);
    }
  }
  const skippedList = main.data.skipped;
  skippedList.length = 0;
  for (const s of [...reasons.values()].sort((a, b) => a.index - b.index)) skippedList.push(s);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    p.data.skipped.length = 0;
    parts[k] = { ...p, stats: { ...p.stats, skipped: 0 } } as LayerPart;
    if (main.stats.drawn === 0 && p.stats.drawn > 0) {
      // The main kind draws nothing: the layer's extent is its first sub-layer's.
      main.data.bounds.splice(0, 6, ...p.data.bounds);
      main.data.lonLatBounds.splice(0, 4, ...p.data.lonLatBounds);
    } else if (p.stats.drawn > 0) {
      const b = main.data.bounds;
      const q = p.data.bounds;
      for (let k = 0; k < 3; k++) {
        b[k] = Math.min(b[k]!, q[k]!);
        b[k + 3] = Math.max(b[k + 3]!, q[k + 3]!);
      }
      const l = main.data.lonLatBounds;
      const r = p.data.lonLatBounds;
      for (let k = 0; k < 2; k++) {
        l[k] = Math.min(l[k]!, r[k]!);
        l[k + 2] = Math.max(l[k + 2]!, r[k + 2]!);
      }
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += drawn[i]!;
  // Bytes handed to the scene: every part's arrays, the shared properties once.
  let bytes = 0;
  for (const b of collectBuffers(all.map((p) => p.data))) bytes += b.byteLength;
  const stats: IngestStats = { ...main.stats, drawn: count, skipped: skippedList.length, bytes, buildMs: main.stats.buildMs + partsMs, ...(unlocated.length > 0 ? { unlocated: unlocated.length } : {}) };
  return { ...main, stats, ...(parts.length > 0 ? { parts } : {}), ...(unlocated.length > 0 ? { unlocated: Uint32Array.from(unlocated) } : {}) };
}

/** Whether feature i of a layer is drawn by it or any of its sub-layers. */
export function drawnAnywhere(layer: Pick<IngestedLayer, 'kind' | 'data' | 'stats' | 'parts'>, i: number): boolean {
  return partOf(layer, i) !== undefined;
}

/** The part (the main kind or a sub-layer) that draws feature i, if any. */
export function partOf(layer: Pick<IngestedLayer, 'kind' | 'data' | 'stats' | 'parts'>, i: number): LayerPart | undefined {
  if (layer.data.features.drawn[i]) return layer as LayerPart;
  return layer.parts?.find((p) => p.data.features.drawn[i]);
}

/** Which features a layer draws, by any of its parts (1 = drawn), as the file numbers them. */
export function drawnMask(layer: Pick<IngestedLayer, 'data' | 'parts'>): Uint8Array {
  const out = Uint8Array.from(layer.data.features.drawn);
  for (const p of layer.parts ?? []) {
    const d = p.data.features.drawn;
    for (let i = 0; i < out.length; i++) if (d[i]) out[i] = 1;
  }
  return out;
}

/**
 * The kind asked for, or the one the features' geometry says ('auto'). A file with no located feature
 * but some without a location (or no features at all) is read as points, so its table still opens; one
 * with nothing drawable at all is refused.
 */
export function chooseKind(kind: LayerKind | 'auto', detect: () => LayerKind | null, masks: ArrayLike<number>): LayerKind {
  if (kind !== 'auto') return kind;
  const detected = detect();
  if (detected !== null) return detected;
  if (masks.length === 0 || kindCounts(masks).unlocated > 0) return 'points';
  throw new GeoJsonError(problem('load.nothingToDraw'), 'empty');
}
