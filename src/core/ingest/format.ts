// What a file is before it is read: its format by file name, and whether its size fits a browser tab.
import { type Problem, problem, problemMessage } from '../language/problem.ts';
import type { IngestFormat } from './types.ts';

/** The format a file name says (by extension), or undefined when only the content can tell (.json, .geojson). */
export function formatFromFileName(fileName: string): IngestFormat | undefined {
  const name = fileName.replace(/[?#].*$/, '').toLowerCase();
  if (name.endsWith('.city.jsonl')) return 'cityjsonseq';
  if (name.endsWith('.city.json')) return 'cityjson';
  if (/\.(geojsonl|geojsons|geojsonseq|ndjson|jsonl|ldjson)$/.test(name)) return 'geojsonl';
  return undefined;
}

/**
 * Size guard for one file read as a whole: parsing GeoJSON text into objects takes several times the
 * file's size in memory (V8 objects for every coordinate), and a browser tab's worker heap is a few GiB.
 * Files above WARN_BYTES load with a warning; above MAX_BYTES they are refused with the reason.
 */
export const WARN_BYTES = 150 * 1024 * 1024;
export const MAX_BYTES = 512 * 1024 * 1024;

/** A refused file says why: `problem` in either language, `message` its English text. */
export type SizeVerdict =
  | { readonly ok: true; readonly warn: boolean }
  | { readonly ok: false; readonly problem: Problem; readonly message: string };

export function sizeVerdict(bytes: number): SizeVerdict {
  const mb = Math.round(bytes / (1024 * 1024));
  if (bytes > MAX_BYTES) {
    const p = problem('load.tooLarge', { mb, max: MAX_BYTES / (1024 * 1024) });
    return { ok: false, problem: p, message: problemMessage(p) };
  }
  return { ok: true, warn: bytes > WARN_BYTES };
}
