/**
 * Ingest pipeline for one layer: file text -> parsed features -> drawable layer data.
 * Formats: GeoJSON (any RFC 7946 document: FeatureCollection, Feature, bare geometry, GeometryCollection;
 * or an array of Features), newline-delimited GeoJSON
 * (`.geojsonl`, `.ndjson`, `.jsonl`, GeoJSONSeq: one Feature per line), CityJSON 1.0–2.0 and CityJSONSeq
 * (src/core/cityjson: buildings as footprints with heights). `ingestText` picks the format from the file
 * name and the content; `ingestGeoJsonText` is the same without a file name.
 * Problems found before geometry is built (a line that is not JSON, a duplicate feature id, a CityJSON
 * object that cannot be read) are listed in `rejected`; geometry problems in `data.skipped`; `stats.skipped`
 * counts both. Near-misses read anyway (wrong case, a Feature without "type") are in `warnings`, located.
 * A file of several geometry kinds is one layer: the main kind (the one asked for, or the most common)
 * in `kind`/`data`, every other kind present in `parts` (polygons flat or extruded, lines, points), all
 * numbering features as the file does. Features without a location (geometry null) are drawn by none,
 * listed in `unlocated`, counted in `stats.unlocated` and not as skipped. Runs in a worker (workers/ingest.worker.ts) and in node (CLI, tests, benchmarks) alike.
 * Times are milliseconds; geometry is in the local frame of src/core/geo (metres, z up).
 */
import { collectBuffers } from '../columnar/index.ts';
import {
  type CityJson,
  type CityJsonFeature,
  type CityJsonObjects,
  type CityJsonSkipCode,
  type FootprintMethod,
  CityJsonError,
  horizontalCrsFromName,
  isCityJsonRoot,
  readCityJsonRoot,
  readCityJsonSeq,
} from '../cityjson/index.ts';
import {
  type AmbiguousFeature,
  type FeatureStore,
  GeoJsonError,
  type GeoJsonWarning,
  KindBit,
  MAX_WARNINGS,
  type PackedProperties,
  type SkippedFeature,
  WarningList,
  featureId,
  geometryMask,
  propertiesOf,
  readFeatureList,
  readPolygons,
  resolveHeight,
  type LocalFrame,
  type PositionSource,
  type PolygonLayerData,
  type PointLayerData,
  type RoadLayerData,
  buildPointLayer,
  buildPolygonLayer,
  buildRoadLayer,
  firstLineObject,
  isWgs84CrsName,
  parseGeoJson,
  parseJsonLines,
  readGeoJsonRoot,
} from '../geo/index.ts';
import { type CrsCode, crsFromName } from '../crs/index.ts';
import { type CrsUsed, detectKind, toWgs84InPlace } from './crs.ts';
import { GeoJsonStreamIngest, buildPolygonLayerFrom, detectKindOf } from './stream.ts';

export { detectKind, toWgs84InPlace } from './crs.ts';
export type { CrsUsed } from './crs.ts';

/** buildings: extruded; green: flat green areas; areas: any other flat polygons; roads: lines. */
export type LayerKind = 'buildings' | 'roads' | 'green' | 'areas' | 'points';
export const LAYER_KINDS: readonly LayerKind[] = ['buildings', 'roads', 'green', 'areas', 'points'];

export type IngestPhase = 'parse' | 'build';
export type ProgressFn = (phase: IngestPhase, done: number, total: number) => void;

export interface IngestOptions {
  readonly frame?: LocalFrame;
  readonly onProgress?: ProgressFn;
  /** The file's CRS as the user chose it; 'auto' (default) reads the `crs` member or infers it. */
  readonly crs?: CrsCode | 'auto';
}

/** One kind of drawing of a layer's features (a layer's main kind, or one of its sub-layers). */
export type LayerPart =
  | { readonly kind: 'buildings' | 'green' | 'areas'; readonly data: PolygonLayerData; readonly stats: IngestStats }
  | { readonly kind: 'roads'; readonly data: RoadLayerData; readonly stats: IngestStats }
  | { readonly kind: 'points'; readonly data: PointLayerData; readonly stats: IngestStats };

export type IngestedLayer = LayerPart & {
  /**
   * Sub-layers of a file with several geometry kinds: the kinds other than `kind`, in the order polygons,
   * lines, points. Their features are numbered as the file's (feature i is drawn by the part whose
   * `data.features.drawn[i]` is 1); their properties are the layer's; their `skipped` lists are empty
   * (every skipped feature is in `data.skipped`) and `stats` count what each draws.
   */
  readonly parts?: readonly LayerPart[];
  /** Indices of features without a location (geometry null): in the attribute table, drawn by no part. */
  readonly unlocated?: Uint32Array;
  /** Near-misses read anyway, located (the first MAX_WARNINGS); `warningCount` counts them all. */
  readonly warnings?: readonly GeoJsonWarning[];
  readonly warningCount?: number;
  /** The CRS the file's coordinates were read in (reprojected to WGS84 when not lon/lat). */
  readonly crs?: CrsUsed;
  /** The format the file was read as. */
  readonly format?: IngestFormat;
  /**
   * Features or city objects dropped before geometry was built, by index: for GeoJSON the position in
   * the file's features (for line-delimited files, among its non-blank lines; `line` gives the line); for
   * CityJSON the position in CityObjects. Geometry problems are in `data.skipped` (for CityJSON indexed
   * by the layer's features, with the object id).
   */
  readonly rejected?: readonly RejectedFeature[];
  /** What a CityJSON file held, and how the drawn footprints were found. */
  readonly cityjson?: CityJsonSummary;
  /** SHA-256 of the file's bytes (32 hex digits; src/core/scenario/hash.ts), naming the layer in scenarios. */
  readonly contentHash?: string;
};

export type IngestFormat = 'geojson' | 'geojsonl' | 'cityjson' | 'cityjsonseq';

/** 'duplicate-id': a later feature with an id already used (the first one is kept); 'invalid-json-line': a line of a line-delimited file that is not JSON. */
/** 'ambiguous-member': a feature that can be read two ways (two spellings of a member, a geometry without "type" whose nesting fits two types). */
export type RejectCode = 'duplicate-id' | 'invalid-json-line' | 'ambiguous-member' | CityJsonSkipCode;

export interface RejectedFeature {
  readonly index: number;
  readonly id?: string;
  readonly code: RejectCode;
  /** English message; the UI translates by `code` and shows `detail`. */
  readonly message: string;
  /** 'duplicate-id': the index of the feature that has the id first; 'invalid-json-line': "line L, column C"; 'ambiguous-member': the JSON path. */
  readonly detail?: string;
  /** 1-based line (and column) in the file, where known. */
  readonly line?: number;
  readonly column?: number;
}

export interface CityJsonSummary {
  readonly version: string;
  readonly referenceSystem?: string;
  readonly objects: CityJsonObjects;
  /** Drawn features by how their footprint was found (see src/core/cityjson/footprint.ts). */
  readonly footprints: Readonly<Record<FootprintMethod, number>>;
}

export interface IngestStats {
  readonly features: number;
  /** Features drawn (by any sub-layer). */
  readonly drawn: number;
  readonly skipped: number;
  /** Features without a location (geometry null): kept, not drawn, not skipped. */
  readonly unlocated?: number;
  readonly parseMs: number;
  readonly buildMs: number;
  /** Bytes of typed arrays handed to the scene. */
  readonly bytes: number;
}

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

function statsOf(features: number, drawn: Uint8Array, skipped: number, parseMs: number, buildMs: number, data: object): IngestStats {
  let n = 0;
  for (const d of drawn) n += d;
  let bytes = 0;
  for (const b of collectBuffers(data)) bytes += b.byteLength;
  return { features, drawn: n, skipped, parseMs, buildMs, bytes };
}

/**
 * Parses GeoJSON text (or any format `ingestText` reads, told apart by content) and builds the layer.
 * Throws GeoJsonError (or CityJsonError) for a file that cannot be read or has nothing drawable (the
 * message says why); skipped features are listed on the result.
 */
export function ingestGeoJsonText(text: string, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  return ingestText(text, undefined, kind, options);
}

/** The format a file name says (by extension), or undefined when only the content can tell (.json, .geojson). */
export function formatFromFileName(fileName: string): IngestFormat | undefined {
  const name = fileName.replace(/[?#].*$/, '').toLowerCase();
  if (name.endsWith('.city.jsonl')) return 'cityjsonseq';
  if (name.endsWith('.city.json')) return 'cityjson';
  if (/\.(geojsonl|geojsons|geojsonseq|ndjson|jsonl|ldjson)$/.test(name)) return 'geojsonl';
  return undefined;
}

/**
 * Reads a file of any supported format and builds the layer. `fileName` (or a URL's path) only hints
 * at the format: line-delimited files by extension, CityJSON and GeoJSON by their `type`, and a `.json`
 * file whose first line is a whole JSON object as line-delimited. `kind` for CityJSON: 'auto' and
 * 'buildings' draw the buildings (or, when there are none, the other objects as areas), 'areas' the
 * other objects' outlines, 'green' only the vegetation among them.
 */
export function ingestText(text: string, fileName: string | undefined, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  options.onProgress?.('parse', 0, 1);
  if (text.trim() === '') throw new GeoJsonError('the file is empty', 'empty');
  const hinted = fileName === undefined ? undefined : formatFromFileName(fileName);
  if (hinted === 'cityjsonseq' || hinted === 'cityjson') return ingestWhole(text, fileName, kind, options);
  let c = 0;
  while (c < text.length && /\s/.test(text[c]!)) c++;
  const lines = hinted === 'geojsonl';
  if (!lines && text[c] !== '{' && text[c] !== '[') return ingestWhole(text, fileName, kind, options);
  // The same per-feature path as a streamed file, fed the text in one piece.
  const stream = new GeoJsonStreamIngest(fileName, kind, options, HOOKS, lines, text);
  try {
    stream.push(text);
    return stream.finish();
  } catch (err) {
    // Invalid JSON: the whole-text reader gives the engine's own message (or reads the lines of an NDJSON file).
    if (!lines && err instanceof GeoJsonError && err.code === 'invalid-json') return ingestWhole(text, fileName, kind, options);
    throw err;
  }
}

/**
 * A streamed ingest: push the text piece by piece (`push`), then `finish()` builds the layer. Same
 * result as ingestText on the whole text; see src/core/ingest/stream.ts for what is kept meanwhile.
 */
export function ingestStream(fileName: string | undefined, kind: LayerKind | 'auto', options: IngestOptions = {}): { push(chunk: string): void; finish(): IngestedLayer; readonly features: number } {
  const hinted = fileName === undefined ? undefined : formatFromFileName(fileName);
  return new GeoJsonStreamIngest(fileName, kind, options, HOOKS, hinted === 'geojsonl' || hinted === 'cityjsonseq', undefined);
}

/** ingestText reading the text as one JSON document (or as lines), with no streaming: every format, every message. */
export function ingestWhole(text: string, fileName: string | undefined, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  const t0 = performance.now();
  options.onProgress?.('parse', 0, 1);
  if (text.trim() === '') throw new GeoJsonError('the file is empty', 'empty');
  const hinted = fileName === undefined ? undefined : formatFromFileName(fileName);
  if (hinted === 'geojsonl' || hinted === 'cityjsonseq') return ingestLines(text, kind, options, t0);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    // A whole first line followed by more: newline-delimited, whatever the extension says.
    if (firstLineObject(text) !== undefined) return ingestLines(text, kind, options, t0);
    parseGeoJson(text); // throws the located error
    throw err;
  }
  if (isCityJsonRoot(root) || (root !== null && typeof root === 'object' && (root as { type?: unknown }).type === 'CityJSONFeature')) {
    const read = (areas: boolean): CityJson => readCityJsonRoot(root, { crs: options.crs ?? 'auto', areas }, text);
    return fromCityJson(read, 'cityjson', kind, options, t0);
  }
  const parsed = readGeoJsonRoot(root);
  const notes: Notes = { warnings: parsed.warnings ?? [], warningCount: parsed.warningCount ?? 0 };
  return fromGeoJson(parsed.features.slice(), parsed.crsName, 'geojson', rejectAmbiguous(parsed.ambiguous ?? []), kind, options, t0, undefined, notes);
}

/** Warnings gathered while reading a file, to hand on with the layer. */
export interface Notes {
  readonly warnings: readonly GeoJsonWarning[];
  readonly warningCount: number;
}

/** Ambiguous features as rejected ones (their places in `features` hold null). */
export function rejectAmbiguous(list: readonly AmbiguousFeature[]): RejectedFeature[] {
  return list.map((a) => ({ index: a.index, code: 'ambiguous-member', message: a.message, detail: a.path, ...(a.line === undefined ? {} : { line: a.line }) }));
}

function ingestLines(text: string, kind: LayerKind | 'auto', options: IngestOptions, t0: number): IngestedLayer {
  if (isCityJsonRoot(firstLineObject(text))) {
    const read = (areas: boolean): CityJson => readCityJsonSeq(text, { crs: options.crs ?? 'auto', areas });
    return fromCityJson(read, 'cityjsonseq', kind, options, t0);
  }
  const parsed = parseJsonLines(text);
  if (parsed.values.length === 0) throw new GeoJsonError('the file is empty', 'empty');
  const firstBad = parsed.badLines[0];
  if (firstBad && parsed.badLines.length === parsed.values.length) {
    throw new GeoJsonError(`invalid JSON: no line of the file can be read (first: ${firstBad.message})`, 'invalid-json', firstBad.line, firstBad.column);
  }
  const rejected: RejectedFeature[] = parsed.badLines.map((b) => ({
    index: b.index,
    code: 'invalid-json-line',
    message: `invalid JSON at ${b.message}`,
    detail: `line ${b.line}, column ${b.column}`,
    line: b.line,
    column: b.column,
  }));
  const warnings = new WarningList();
  const ambiguous: AmbiguousFeature[] = [];
  const values = readFeatureList(parsed.values, '$', warnings, ambiguous, parsed.lines);
  rejected.push(...rejectAmbiguous(ambiguous));
  return fromGeoJson(values === parsed.values ? values : values.slice(), undefined, 'geojsonl', rejected, kind, options, t0, parsed.lines, { warnings: warnings.list, warningCount: warnings.count });
}

/** Reprojects in place: the declared CRS (a 3D CRS by its horizontal part), the one given, or an inferred one. */
export function reproject(features: readonly unknown[] | PositionSource, crsName: string | undefined, choice: CrsCode | 'auto'): CrsUsed {
  if (choice === 'auto' && crsName !== undefined && !isWgs84CrsName(crsName)) {
    let direct = true;
    try {
      crsFromName(crsName);
    } catch {
      direct = false;
    }
    if (!direct) {
      let code: CrsCode | undefined;
      try {
        code = horizontalCrsFromName(crsName);
      } catch {
        code = undefined; // toWgs84InPlace below names the CRS in its error
      }
      if (code !== undefined) return { ...toWgs84InPlace(features, undefined, code), how: 'declared' };
    }
  }
  return toWgs84InPlace(features, crsName, choice);
}

/**
 * Replaces every feature whose id an earlier feature already has by null (so it is not drawn and indices
 * stay the file's), listing it as 'duplicate-id' with the index of the first. Ids 1 and "1" differ.
 */
export function rejectDuplicateIds(features: unknown[], lines?: Uint32Array): RejectedFeature[] {
  const byText = new Map<string, number>();
  const byNumber = new Map<number, number>();
  const out: RejectedFeature[] = [];
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (f === null || typeof f !== 'object') continue;
    const id = (f as { id?: unknown }).id;
    let first: number | undefined;
    if (typeof id === 'string') {
      first = byText.get(id);
      if (first === undefined) byText.set(id, i);
    } else if (typeof id === 'number') {
      first = byNumber.get(id);
      if (first === undefined) byNumber.set(id, i);
    } else continue;
    if (first === undefined) continue;
    features[i] = null;
    const line = lines?.[i];
    out.push({
      index: i,
      id: String(id),
      code: 'duplicate-id',
      message: `duplicate id ${JSON.stringify(id).slice(0, 80)}: feature ${first} already has it (the first is kept, this one is skipped)`,
      detail: String(first),
      ...(line === undefined ? {} : { line }),
    });
  }
  return out;
}

function withRejected(layer: IngestedLayer, rejected: RejectedFeature[], features: number, placeholders: boolean): IngestedLayer {
  rejected.sort((a, b) => a.index - b.index);
  const skipped = layer.data.skipped;
  if (placeholders && rejected.length > 0) {
    // The null placeholders of rejected features were skipped as 'not-a-feature': they are listed in `rejected` instead.
    const gone = new Set(rejected.map((r) => r.index));
    let k = 0;
    for (const s of skipped) if (!gone.has(s.index)) skipped[k++] = s;
    skipped.length = k;
  }
  const stats = { ...layer.stats, features, skipped: skipped.length + rejected.length };
  return { ...layer, stats, ...(rejected.length > 0 ? { rejected } : {}) };
}

function firstProblem(layer: IngestedLayer): string {
  const r = layer.rejected?.[0];
  const s = layer.data.skipped[0];
  if (r && (!s || r.index <= s.index)) return ` (${r.message})`;
  return s ? ` (feature ${s.index}: ${s.message})` : '';
}

function fromGeoJson(
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
function withParts(main: LayerKind, masks: Uint8Array, build: (kind: LayerKind, frame: LocalFrame | undefined) => IngestedLayer, given: LocalFrame | undefined): IngestedLayer {
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
function chooseKind(kind: LayerKind | 'auto', detect: () => LayerKind | null, masks: ArrayLike<number>): LayerKind {
  if (kind !== 'auto') return kind;
  const detected = detect();
  if (detected !== null) return detected;
  if (masks.length === 0 || kindCounts(masks).unlocated > 0) return 'points';
  throw new GeoJsonError('the file has no points, lines or polygons to draw', 'empty');
}

/**
 * Adds the rejected features and the warnings to a built GeoJSON layer; refuses one with features of
 * which none can be drawn nor kept without a location, saying why. An empty FeatureCollection loads (an
 * empty layer, with a warning).
 */
function finishGeoJsonLayer(built: IngestedLayer, rejected: RejectedFeature[], features: number, chosen: LayerKind, notes: Notes): IngestedLayer {
  const layer = withRejected(built, rejected, features, true);
  if (features > 0 && layer.stats.drawn === 0 && !layer.stats.unlocated) {
    throw new GeoJsonError(`nothing in the file can be drawn as ${chosen}: all ${layer.stats.features} features were skipped${firstProblem(layer)}`, 'empty');
  }
  if (notes.warningCount === 0) return layer;
  return { ...layer, warnings: notes.warnings.slice(0, MAX_WARNINGS), warningCount: notes.warningCount };
}

/** fromGeoJson for the compact store the streamed path fills (duplicates already replaced and listed). */
function fromStore(
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

function ingestStore(store: FeatureStore, kind: LayerKind, options: IngestOptions, parseMs: number): IngestedLayer {
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

const HOOKS = { ingestWhole, finish: fromStore };

/** CityJSON types drawn by a 'green' layer. */
const VEGETATION = new Set(['PlantCover', 'SolitaryVegetationObject']);

function describeObjects(cj: CityJson): string {
  const types = Object.entries(cj.objects.byType).map(([t, n]) => `${n} ${t}`);
  return `${cj.objects.total} city objects${types.length > 0 ? `: ${types.join(', ')}` : ''}`;
}

function fromCityJson(
  read: (areas: boolean) => CityJson,
  format: 'cityjson' | 'cityjsonseq',
  kind: LayerKind | 'auto',
  options: IngestOptions,
  t0: number,
): IngestedLayer {
  if (kind === 'roads') throw new GeoJsonError('CityJSON roads are surfaces, not centre lines: load the file as areas', 'not-geojson');
  if (kind === 'points') throw new GeoJsonError('CityJSON holds surfaces and solids, not points', 'not-geojson');
  let cj = read(kind === 'areas' || kind === 'green');
  let chosen: 'buildings' | 'areas' | 'green' = kind === 'auto' ? 'buildings' : kind;
  if (kind === 'auto' && cj.features.length === 0 && cj.objects.other > 0) {
    cj = read(true);
    chosen = 'areas';
  }
  const features: CityJsonFeature[] =
    chosen === 'buildings' ? cj.features : chosen === 'green' ? cj.areas.filter((f) => VEGETATION.has(String(f.properties['cityjson_type']))) : cj.areas;
  options.onProgress?.('parse', 1, 1);
  if (features.length === 0) {
    const what = chosen === 'buildings' ? 'buildings' : chosen === 'green' ? 'vegetation (PlantCover, SolitaryVegetationObject)' : 'objects with surfaces';
    const first = cj.skipped[0];
    throw new CityJsonError(`the CityJSON file has no ${what} that can be drawn (${describeObjects(cj)})${first ? `; first problem: ${first.message}` : ''}`, 'not-cityjson');
  }
  const footprints: Record<FootprintMethod, number> = { ground: 0, lowest: 0, outline: 0 };
  if (chosen === 'buildings') for (const m of cj.footprintMethods) footprints[m]++;
  const cityjson: CityJsonSummary = {
    version: cj.version,
    ...(cj.referenceSystem === undefined ? {} : { referenceSystem: cj.referenceSystem }),
    objects: cj.objects,
    footprints,
  };
  const crs: CrsUsed = { code: cj.crs, how: cj.crsHow, ...(cj.crsGuess ? { guess: cj.crsGuess } : {}) };
  const built = ingestFeatures(features, chosen, options, performance.now() - t0);
  const rejected: RejectedFeature[] = [...cj.skipped];
  const layer = withRejected({ ...built, crs, format, cityjson }, rejected, features.length + rejected.length, false);
  if (layer.stats.drawn === 0) {
    throw new CityJsonError(`nothing in the CityJSON file can be drawn as ${chosen}: all ${features.length} footprints were skipped${firstProblem(layer)}`, 'not-cityjson');
  }
  return layer;
}

export { collectBuffers };

/**
 * Size guard for one file read as a whole: parsing GeoJSON text into objects takes several times the
 * file's size in memory (V8 objects for every coordinate), and a browser tab's worker heap is a few GiB.
 * Files above WARN_BYTES load with a warning; above MAX_BYTES they are refused with the reason.
 */
export const WARN_BYTES = 150 * 1024 * 1024;
export const MAX_BYTES = 512 * 1024 * 1024;

export type SizeVerdict = { readonly ok: true; readonly warn: boolean } | { readonly ok: false; readonly message: string };

export function sizeVerdict(bytes: number): SizeVerdict {
  const mb = Math.round(bytes / (1024 * 1024));
  if (bytes > MAX_BYTES) {
    return {
      ok: false,
      message: `the file is ${mb} MB; files over ${MAX_BYTES / (1024 * 1024)} MB do not fit in one browser tab's memory here: split it into parts (by area) and load them one by one`,
    };
  }
  return { ok: true, warn: bytes > WARN_BYTES };
}
