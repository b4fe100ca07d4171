/**
 * Ingest pipeline for one layer: file text -> parsed features -> drawable layer data.
 * Formats: GeoJSON (FeatureCollection, Feature or array of Features), newline-delimited GeoJSON
 * (`.geojsonl`, `.ndjson`, `.jsonl`, GeoJSONSeq: one Feature per line), CityJSON 1.0–2.0 and CityJSONSeq
 * (src/core/cityjson: buildings as footprints with heights). `ingestText` picks the format from the file
 * name and the content; `ingestGeoJsonText` is the same without a file name.
 * Problems found before geometry is built (a line that is not JSON, a duplicate feature id, a CityJSON
 * object that cannot be read) are listed in `rejected`; geometry problems in `data.skipped`; `stats.skipped`
 * counts both. Runs in a worker (workers/ingest.worker.ts) and in node (CLI, tests, benchmarks) alike.
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
  type FeatureStore,
  GeoJsonError,
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

export type IngestedLayer = (
  | { readonly kind: 'buildings' | 'green' | 'areas'; readonly data: PolygonLayerData; readonly stats: IngestStats }
  | { readonly kind: 'roads'; readonly data: RoadLayerData; readonly stats: IngestStats }
  | { readonly kind: 'points'; readonly data: PointLayerData; readonly stats: IngestStats }
) & {
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
export type RejectCode = 'duplicate-id' | 'invalid-json-line' | CityJsonSkipCode;

export interface RejectedFeature {
  readonly index: number;
  readonly id?: string;
  readonly code: RejectCode;
  /** English message; the UI translates by `code` and shows `detail`. */
  readonly message: string;
  /** 'duplicate-id': the index of the feature that has the id first; 'invalid-json-line': "line L, column C". */
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
  if (kind === 'points') {
    const data = buildPointLayer(features, options.frame ? { frame: options.frame } : {});
    return { kind, data, stats: statsOf(features.length, data.features.drawn, data.skipped.length, parseMs, performance.now() - t0, data) };
  }
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
  return fromGeoJson(parsed.features.slice(), parsed.crsName, 'geojson', [], kind, options, t0);
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
  return fromGeoJson(parsed.values, undefined, 'geojsonl', rejected, kind, options, t0, parsed.lines);
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
): IngestedLayer {
  const crs = reproject(features, crsName, options.crs ?? 'auto');
  rejected.push(...rejectDuplicateIds(features, lines));
  options.onProgress?.('parse', 1, 1);
  const chosen = chooseKind(kind, () => detectKind(features));
  const built = ingestFeatures(features, chosen, options, performance.now() - t0);
  return finishGeoJsonLayer({ ...built, crs, format }, rejected, features.length, chosen);
}

/** The kind asked for, or the one the features' geometry says ('auto'); a file with nothing drawable is refused. */
function chooseKind(kind: LayerKind | 'auto', detect: () => LayerKind | null): LayerKind {
  if (kind !== 'auto') return kind;
  const detected = detect();
  if (detected === null) throw new GeoJsonError('the file has no points, lines or polygons to draw', 'empty');
  return detected;
}

/** Adds the rejected features to a built GeoJSON layer; refuses an empty file or one with nothing drawn, saying why. */
function finishGeoJsonLayer(built: IngestedLayer, rejected: RejectedFeature[], features: number, chosen: LayerKind): IngestedLayer {
  const layer = withRejected(built, rejected, features, true);
  if (features === 0) throw new GeoJsonError('the file has no features', 'empty');
  if (layer.stats.drawn === 0) {
    throw new GeoJsonError(`nothing in the file can be drawn as ${chosen}: all ${layer.stats.features} features were skipped${firstProblem(layer)}`, 'empty');
  }
  return layer;
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
): IngestedLayer {
  const crs = reproject(store, crsName, options.crs ?? 'auto');
  options.onProgress?.('parse', 1, 1);
  const chosen = chooseKind(kind, () => detectKindOf(store));
  const built = ingestStore(store, chosen, options, performance.now() - t0);
  return finishGeoJsonLayer({ ...built, crs, format }, rejected, store.count, chosen);
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
