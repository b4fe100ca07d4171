/**
 * Streamed GeoJSON ingest: text in pieces (a TextDecoder in stream mode over a File, Blob or fetch body)
 * -> one JSON.parse per feature -> the compact FeatureStore (src/core/geo/featureStore.ts) -> the layer, built
 * once the text has ended (the CRS, the frame and the layer kind need every feature; a `crs` member
 * after the features is honoured). Memory: the current piece, the unfinished feature's text and the
 * growing typed arrays — never the whole text, nor a tree of objects for every polygon.
 * Formats: a FeatureCollection (the `features` array anywhere among its members) or a bare array of
 * features; newline-delimited GeoJSON / GeoJSON text sequences line by line. Anything else (a single
 * Feature, CityJSON, CityJSONSeq, a document that is not JSON before its features begin) is kept and
 * read whole by `ingestWhole`, as before. Results equal `ingestWhole`'s on the same text, byte for byte.
 */
import {
  AmbiguousError,
  FeatureSplitter,
  FeatureStore,
  GeoJsonError,
  JsonLinesReader,
  MAX_WARNINGS,
  WarningList,
  readCrsName,
  readFeature,
  readRoot,
} from '../geo/index.ts';
import type { BadLine } from '../geo/index.ts';
import { problem } from '../language/problem.ts';
import { isCityJsonRoot } from '../cityjson/index.ts';
import { fromStore } from './geojson.ts';
import type { IngestOptions, IngestedLayer, LayerKind, Notes, RejectedFeature } from './types.ts';
import { ingestWhole } from './whole.ts';

/** Duplicate ids, found while reading (the first feature with an id is kept). */
class Ids {
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();
  /** The index of the earlier feature with f's id, or undefined (and f's id is remembered). */
  firstWith(f: unknown, i: number): { first: number; id: string | number } | undefined {
    if (f === null || typeof f !== 'object') return undefined;
    const id = (f as { id?: unknown }).id;
    let first: number | undefined;
    if (typeof id === 'string') {
      first = this.byText.get(id);
      if (first === undefined) this.byText.set(id, i);
    } else if (typeof id === 'number') {
      first = this.byNumber.get(id);
      if (first === undefined) this.byNumber.set(id, i);
    } else return undefined;
    return first === undefined ? undefined : { first, id };
  }
}

export class GeoJsonStreamIngest {
  private readonly store = new FeatureStore();
  private readonly ids = new Ids();
  private readonly rejected: RejectedFeature[] = [];
  /** Warnings about the features, as they are read (the document's own are added at the end, before these). */
  private readonly warnings = new WarningList();
  private readonly lineNumbers: number[] = [];
  private readonly mode: 'lines' | 'doc';
  private splitter: FeatureSplitter | undefined;
  private lines: JsonLinesReader | undefined;
  /** Lines mode: text kept until the first line shows it is not CityJSONSeq (null: dropped). */
  private linesKept: string[] | null = [];
  private linesWhole = false;
  private decided = false;
  private badLines = 0;
  private firstBad: { line: number; column: number; reason: string } | undefined;
  private readonly t0 = performance.now();

  constructor(
    private readonly fileName: string | undefined,
    private readonly kind: LayerKind | 'auto',
    private readonly options: IngestOptions,
    lines: boolean,
    /** The whole text, when the caller has it anyway (then nothing is kept here). */
    private readonly whole?: string,
  ) {
    this.mode = lines ? 'lines' : 'doc';
    if (lines) {
      if (whole !== undefined) this.linesKept = null;
      this.lines = new JsonLinesReader((value, line, bad) => this.onLine(value, line, bad));
    } else {
      this.splitter = new FeatureSplitter((text, offset) => this.onFeature(text, offset), { keepText: whole === undefined });
    }
  }

  private add(f: unknown, placeholder: boolean, line?: number): void {
    const i = this.store.count;
    let dup = false;
    if (!placeholder) {
      const d = this.ids.firstWith(f, i);
      if (d !== undefined) {
        dup = true;
        this.rejected.push({
          index: i,
          id: String(d.id),
          code: 'duplicate-id',
          message: `duplicate id ${JSON.stringify(d.id).slice(0, 80)}: feature ${d.first} already has it (the first is kept, this one is skipped)`,
          detail: String(d.first),
          ...(line === undefined ? {} : { line }),
        });
      }
    }
    this.store.add(f, placeholder || dup);
    if (line !== undefined) this.lineNumbers.push(line);
  }

  private onFeature(text: string, offset: number): void {
    let f: unknown;
    try {
      f = JSON.parse(text);
    } catch (err) {
      throw this.splitter!.jsonError(text, offset, err);
    }
    const i = this.store.count;
    // Only a FeatureCollection's exact "features" member (or a bare array) is streamed.
    this.read(f, i, this.splitter!.rootIsArray ? `$[${i}]` : `$.features[${i}]`);
  }

  /** Adds a feature read leniently (lenient.ts); an ambiguous one is listed and kept as a placeholder. */
  private read(value: unknown, i: number, path: string, line?: number): void {
    let f: unknown;
    try {
      f = value === null || typeof value !== 'object' ? value : readFeature(value, i, path, this.warnings, line);
    } catch (err) {
      if (!(err instanceof AmbiguousError)) throw err;
      this.rejected.push({ index: i, code: 'ambiguous-member', message: err.message, detail: err.path, ...(line === undefined ? {} : { line }) });
      this.add(null, true, line);
      return;
    }
    this.add(f, false, line);
  }

  private onLine(value: unknown, line: number, bad: BadLine | undefined): void {
    if (!this.decided) {
      // The first non-blank line decides: CityJSONSeq is read whole.
      this.decided = true;
      if (isCityJsonRoot(value)) {
        this.linesWhole = true;
        return;
      }
      this.linesKept = null;
    }
    if (this.linesWhole) return;
    if (bad) {
      this.badLines++;
      this.firstBad ??= bad;
      this.rejected.push({
        index: bad.index,
        code: 'invalid-json-line',
        message: `invalid JSON at ${bad.message}`,
        detail: `line ${bad.line}, column ${bad.column}`,
        line: bad.line,
        column: bad.column,
      });
      this.add(null, true, line);
      return;
    }
    this.read(value, this.store.count, '$', line);
  }

  /** Features read so far. */
  get features(): number {
    return this.store.count;
  }

  push(chunk: string): void {
    if (this.mode === 'lines') {
      if (this.linesKept !== null) this.linesKept.push(chunk);
      if (!this.linesWhole) this.lines!.push(chunk);
    } else this.splitter!.push(chunk);
  }

  finish(): IngestedLayer {
    const { kind, options } = this;
    if (this.mode === 'lines') {
      if (!this.linesWhole) this.lines!.end();
      if (this.linesWhole) return ingestWhole(this.whole ?? this.linesKept!.join(''), this.fileName, kind, options);
      if (this.store.count === 0) throw new GeoJsonError(problem('load.empty'), 'empty');
      const firstBad = this.firstBad;
      if (firstBad && this.badLines === this.store.count) {
        const p = problem('load.jsonNoLine', { line: firstBad.line, column: firstBad.column, reason: firstBad.reason });
        throw new GeoJsonError(p, 'invalid-json', firstBad.line, firstBad.column);
      }
      return fromStore(this.store, undefined, 'geojsonl', this.rejected, kind, options, this.t0, Uint32Array.from(this.lineNumbers), this.notes(undefined));
    }
    const splitter = this.splitter!;
    const read = splitter.end();
    if (read === undefined) {
      const text = this.whole ?? splitter.text();
      if (text.trim() === '') throw new GeoJsonError(problem('load.empty'), 'empty');
      return ingestWhole(text, this.fileName, kind, options);
    }
    if (read.root === 'array') return fromStore(this.store, undefined, 'geojson', this.rejected, kind, options, this.t0, undefined, this.notes(undefined));
    // The document's members beside its "features" array, read as the whole-text reader reads them.
    const root = new WarningList();
    let members;
    try {
      members = readRoot({ ...read.members, features: [] }, root);
    } catch (err) {
      if (err instanceof AmbiguousError) throw new GeoJsonError(problem('load.ambiguousRoot', { reason: err.message }), 'not-geojson');
      throw err;
    }
    if (members.kind !== 'features') {
      const type = Object.entries(read.members).find(([k]) => k.toLowerCase() === 'type')?.[1];
      const p = typeof type === 'string' ? problem('load.typeBesideFeatures', { type: type.slice(0, 40) }) : problem('load.noTypeBesideFeatures');
      throw new GeoJsonError(p, 'not-geojson');
    }
    if (this.store.count === 0) root.warn({ index: -1, path: '$.features', code: 'no-features', message: 'the file has no features' });
    return fromStore(this.store, readCrsName(members.crs), 'geojson', this.rejected, kind, options, this.t0, undefined, this.notes(root));
  }

  /** The warnings to hand on: the document's first, then the features', as the whole-text reader lists them. */
  private notes(root: WarningList | undefined): Notes {
    const list = [...(root?.list ?? []), ...this.warnings.list].slice(0, MAX_WARNINGS);
    return { warnings: list, warningCount: (root?.count ?? 0) + this.warnings.count };
  }
}
