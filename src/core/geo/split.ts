/**
 * Streamed GeoJSON text -> one JSON text per feature, without ever holding the whole file.
 *
 * `FeatureSplitter` takes the text in pieces (as a TextDecoder in stream mode gives them), walks the top
 * level of the document — a FeatureCollection object whose `features` array may sit anywhere among its
 * members, or a bare array of features — and hands every element of that array, as text, to `onFeature`
 * together with its offset in the whole file. String, escape and bracket state carry across pieces. The
 * other top-level members are checked with JSON.parse and `type`, `crs` and `name` are kept, so a `crs`
 * after the features is still honoured (by whoever reprojects at the end).
 * Positions are UTF-16 offsets in the whole text; `locate` turns one into a 1-based line and column.
 * Structural errors (outside the features' own text) throw GeoJsonError with the line and column in the
 * whole file. Until the features array starts the text is kept (`keepText`), so a document that is not
 * a FeatureCollection (a single Feature, CityJSON, broken JSON) can still be read whole by the caller.
 */
import { problem } from '../language/problem.ts';
import { GeoJsonError, jsonErrorLocation } from './parse.ts';

const enum S {
  Start,
  ObjKeyFirst,
  ObjKey,
  Colon,
  ObjValue,
  ObjNext,
  ArrFirst,
  ArrElem,
  ArrNext,
  After,
  /** Not a FeatureCollection after all: the rest is only kept. */
  Bail,
}

const enum V {
  None,
  Composite,
  Str,
  Primitive,
}

/** Why the splitter could not stream the document: the caller reads it whole (see `text`). */
export type SplitBail = 'not-feature-collection' | 'no-features-array' | 'syntax' | 'empty';

export interface SplitResult {
  /** 'object': a FeatureCollection (members below); 'array': a bare array of features. */
  readonly root: 'object' | 'array';
  /** Number of features handed out. */
  readonly features: number;
  /** The `type` and `crs` members (in any case, by the name the file gives them) and `name`, as JSON.parse gave them (last one wins, as in JSON.parse). */
  readonly members: Readonly<Record<string, unknown>>;
}

function isPrimitiveChar(c: number): boolean {
  // digits, letters, + - . (numbers, true, false, null and whatever JSON.parse should reject)
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class FeatureSplitter {
  private buf = '';
  /** Offset in the whole text of buf[0]. */
  private base = 0;
  private pos = 0;
  private state = S.Start;
  private v = V.None;
  private vStart = 0;
  private depth = 0;
  private inString = false;
  private key = '';
  private inFeatures = false;
  private rootArray = false;
  private featuresDone = false;
  private count = 0;
  private readonly members: Record<string, unknown> = {};
  /** Text kept until the features array starts (null once dropped, or when not asked to keep it). */
  private kept: string[] | null;
  private bailed: SplitBail | undefined;
  // Lines: `line` is the 1-based line of offset `tracked`, which starts at offset `lineStart`.
  private line = 1;
  private lineStart = 0;
  private tracked = 0;

  constructor(
    private readonly onFeature: (text: string, offset: number) => void,
    options: { keepText?: boolean } = {},
  ) {
    this.kept = options.keepText ? [] : null;
  }

  /** Why the document cannot be streamed, once known (the caller then reads `text()` whole). */
  get bail(): SplitBail | undefined {
    return this.bailed;
  }

  /** True when the document is a bare array of features (not a FeatureCollection). */
  get rootIsArray(): boolean {
    return this.rootArray;
  }

  /** True once the features array has started: from then on the text is no longer kept. */
  get streaming(): boolean {
    return this.inFeatures || this.featuresDone;
  }

  /** The text kept so far (all of it, while the features array has not started). */
  text(): string {
    return this.kept === null ? '' : this.kept.join('');
  }

  /** 1-based line and column of an offset in the whole text not yet dropped (at or after the current piece's kept part). */
  locate(offset: number): { line: number; column: number } {
    this.track(offset);
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private track(offset: number): void {
    const b = this.buf;
    let i = this.tracked - this.base;
    const end = offset - this.base;
    for (;;) {
      const q = b.indexOf('\n', i);
      if (q < 0 || q >= end) break;
      this.line++;
      this.lineStart = this.base + q + 1;
      i = q + 1;
    }
    this.tracked = offset;
  }

  private fail(at: number, reason: string): never {
    const { line, column } = this.locate(this.base + at);
    throw new GeoJsonError(problem('load.jsonAt', { line, column, reason }), 'invalid-json', line, column);
  }

  /** Stops streaming: before the features started the caller reads the kept text whole; after, it is an error. */
  private stop(why: SplitBail, at: number, reason: string): void {
    if (this.streaming) this.fail(at, reason);
    this.bailed = why;
    this.state = S.Bail;
  }

  push(chunk: string): void {
    if (this.kept !== null) this.kept.push(chunk);
    if (this.state === S.Bail) return;
    this.buf += chunk;
    this.run(false);
    if (this.streaming) this.kept = null;
    // Drop what is done: keep from the start of an unfinished value.
    const keep = this.v !== V.None ? this.vStart : this.pos;
    if (keep > 0 && this.bailed === undefined) {
      this.track(this.base + keep);
      this.buf = this.buf.slice(keep);
      this.base += keep;
      this.pos -= keep;
      this.vStart -= keep;
    }
  }

  /** Ends the text; returns what was read, or undefined when the caller must read the kept text whole. */
  end(): SplitResult | undefined {
    if (this.state !== S.Bail) this.run(true);
    if (this.state === S.Bail) return undefined;
    if (this.state === S.Start) {
      this.bailed = 'empty';
      return undefined;
    }
    if (this.state !== S.After) this.stop('syntax', this.buf.length, 'Unexpected end of JSON input');
    if (this.bailed !== undefined) return undefined;
    if (!this.rootArray && !this.featuresDone) {
      this.bailed = 'no-features-array';
      return undefined;
    }
    return { root: this.rootArray ? 'array' : 'object', features: this.count, members: this.members };
  }

  /** Scans the current value from `pos`; true when it is complete (pos just after it). */
  private scanValue(last: boolean): boolean {
    const b = this.buf;
    const n = b.length;
    let p = this.pos;
    if (this.v === V.Primitive) {
      while (p < n && isPrimitiveChar(b.charCodeAt(p))) p++;
      this.pos = p;
      return p < n || last;
    }
    let inStr = this.inString;
    let depth = this.depth;
    while (p < n) {
      if (inStr) {
        const q = b.indexOf('"', p);
        if (q < 0) {
          p = n;
          break;
        }
        let k = q - 1;
        while (b.charCodeAt(k) === 92) k--;
        p = q + 1;
        if (((q - 1 - k) & 1) === 0) {
          inStr = false;
          if (depth === 0) {
            this.pos = p;
            this.inString = false;
            return true;
          }
        }
        continue;
      }
      const c = b.charCodeAt(p++);
      if (c === 34) inStr = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) {
          this.pos = p;
          this.depth = 0;
          this.inString = false;
          return true;
        }
      }
    }
    this.pos = p;
    this.inString = inStr;
    this.depth = depth;
    return false;
  }

  /** Starts a value at `pos` (a non-blank character); false when no value can start there. */
  private beginValue(): boolean {
    const c = this.buf.charCodeAt(this.pos);
    this.vStart = this.pos;
    this.depth = 0;
    this.inString = false;
    if (c === 123 || c === 91) this.v = V.Composite;
    else if (c === 34) {
      this.v = V.Str;
      this.inString = true;
      this.pos++;
    } else if (isPrimitiveChar(c)) this.v = V.Primitive;
    else return false;
    return true;
  }

  private skipWs(): boolean {
    const b = this.buf;
    let p = this.pos;
    while (p < b.length && isWs(b.charCodeAt(p))) p++;
    this.pos = p;
    return p < b.length;
  }

  private run(last: boolean): void {
    const b = this.buf;
    for (;;) {
      if (this.v !== V.None) {
        if (!this.scanValue(last)) return;
        const text = b.slice(this.vStart, this.pos);
        const offset = this.base + this.vStart;
        this.v = V.None;
        if (!this.valueDone(text, offset)) return;
        continue;
      }
      if (this.state === S.Bail || this.state === S.After) {
        if (this.state === S.After && this.skipWs()) this.stop('syntax', this.pos, 'Unexpected non-whitespace character after JSON');
        return;
      }
      if (!this.skipWs()) return;
      const p = this.pos;
      const c = b.charCodeAt(p);
      switch (this.state) {
        case S.Start:
          if (c === 123) {
            this.state = S.ObjKeyFirst;
            this.pos++;
          } else if (c === 91) {
            this.rootArray = true;
            this.inFeatures = true;
            this.kept = null;
            this.state = S.ArrFirst;
            this.pos++;
          } else {
            this.stop('not-feature-collection', p, 'not an object or array');
            return;
          }
          break;
        case S.ObjKeyFirst:
        case S.ObjKey:
          if (c === 125 && this.state === S.ObjKeyFirst) {
            this.pos++;
            this.state = S.After;
          } else if (c === 34) {
            this.beginValue();
          } else {
            this.stop('syntax', p, 'Expected double-quoted property name');
            return;
          }
          break;
        case S.Colon:
          if (c !== 58) {
            this.stop('syntax', p, "Expected ':' after property name");
            return;
          }
          this.pos++;
          this.state = S.ObjValue;
          break;
        case S.ObjValue:
          if (this.key === 'features' && c === 91) {
            if (this.featuresDone) {
              this.stop('syntax', p, 'a second "features" member');
              return;
            }
            this.pos++;
            this.inFeatures = true;
            this.kept = null;
            this.state = S.ArrFirst;
          } else if (!this.beginValue()) {
            this.stop('syntax', p, 'Unexpected token');
            return;
          }
          break;
        case S.ObjNext:
          if (c === 44) {
            this.pos++;
            this.state = S.ObjKey;
          } else if (c === 125) {
            this.pos++;
            this.state = S.After;
          } else {
            this.stop('syntax', p, "Expected ',' or '}' after property value");
            return;
          }
          break;
        case S.ArrFirst:
        case S.ArrElem:
          if (c === 93 && this.state === S.ArrFirst) {
            this.pos++;
            this.arrayDone();
          } else if (!this.beginValue()) {
            this.stop('syntax', p, 'Unexpected token');
            return;
          }
          break;
        case S.ArrNext:
          if (c === 44) {
            this.pos++;
            this.state = S.ArrElem;
          } else if (c === 93) {
            this.pos++;
            this.arrayDone();
          } else {
            this.stop('syntax', p, "Expected ',' or ']' after array element");
            return;
          }
          break;
      }
    }
  }

  private arrayDone(): void {
    this.inFeatures = false;
    this.featuresDone = true;
    this.state = this.rootArray ? S.After : S.ObjNext;
  }

  /** A value ended: a key, a member's value or a feature. False when streaming stops. */
  private valueDone(text: string, offset: number): boolean {
    switch (this.state) {
      case S.ObjKeyFirst:
      case S.ObjKey:
        this.key = this.parse(text, offset) as string;
        if (this.bailed !== undefined) return false;
        this.state = S.Colon;
        return true;
      case S.ObjValue: {
        const value = this.parse(text, offset);
        if (this.bailed !== undefined) return false;
        // Members in any case (lenient reading, src/core/geo/lenient.ts, decides what they mean).
        const lower = this.key.toLowerCase();
        if (lower === 'type' || lower === 'crs' || this.key === 'name') this.members[this.key] = value;
        if (lower === 'type' && value !== 'FeatureCollection' && !this.streaming) {
          // A Feature, a geometry, CityJSON…: the caller reads the document whole.
          this.bailed = 'not-feature-collection';
          this.state = S.Bail;
          return false;
        }
        this.state = S.ObjNext;
        return true;
      }
      case S.ArrFirst:
      case S.ArrElem:
        this.count++;
        this.state = S.ArrNext;
        this.onFeature(text, offset);
        return true;
    }
    return true;
  }

  private parse(text: string, offset: number): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      if (!this.streaming) {
        this.bailed = 'syntax';
        this.state = S.Bail;
        return undefined;
      }
      throw this.jsonError(text, offset, err);
    }
  }

  /** The GeoJsonError for JSON.parse failing on `text`, a piece of the whole file at `offset`. */
  jsonError(text: string, offset: number, err: unknown): GeoJsonError {
    const at = jsonErrorLocation(text, err);
    const start = this.locate(offset);
    const line = start.line + (at.line ?? 1) - 1;
    const column = (at.line ?? 1) === 1 ? start.column + (at.column ?? text.length + 1) - 1 : (at.column ?? 1);
    const reason = at.message.replace(/\s*in JSON at position \d+(\s*\(line \d+ column \d+\))?/, '');
    return new GeoJsonError(problem('load.jsonAt', { line, column, reason }), 'invalid-json', line, column);
  }
}
