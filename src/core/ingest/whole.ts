// Reading a file as one whole text (no streaming): a JSON document (GeoJSON or CityJSON), or its lines
// (GeoJSONSeq, CityJSONSeq). Every format, every message.
import { problem } from '../language/problem.ts';
import { type CityJson, isCityJsonRoot, readCityJsonRoot, readCityJsonSeq } from '../cityjson/index.ts';
import { type AmbiguousFeature, GeoJsonError, WarningList, firstLineObject, parseGeoJson, parseJsonLines, readFeatureList, readGeoJsonRoot } from '../geo/index.ts';
import { fromCityJson } from './cityjson.ts';
import { formatFromFileName } from './format.ts';
import { fromGeoJson } from './geojson.ts';
import { rejectAmbiguous } from './reject.ts';
import type { IngestOptions, IngestedLayer, LayerKind, Notes, RejectedFeature } from './types.ts';

/** ingestText reading the text as one JSON document (or as lines), with no streaming: every format, every message. */
export function ingestWhole(text: string, fileName: string | undefined, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  const t0 = performance.now();
  options.onProgress?.('parse', 0, 1);
  if (text.trim() === '') throw new GeoJsonError(problem('load.empty'), 'empty');
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

function ingestLines(text: string, kind: LayerKind | 'auto', options: IngestOptions, t0: number): IngestedLayer {
  if (isCityJsonRoot(firstLineObject(text))) {
    const read = (areas: boolean): CityJson => readCityJsonSeq(text, { crs: options.crs ?? 'auto', areas });
    return fromCityJson(read, 'cityjsonseq', kind, options, t0);
  }
  const parsed = parseJsonLines(text);
  if (parsed.values.length === 0) throw new GeoJsonError(problem('load.empty'), 'empty');
  const firstBad = parsed.badLines[0];
  if (firstBad && parsed.badLines.length === parsed.values.length) {
    const p = problem('load.jsonNoLine', { line: firstBad.line, column: firstBad.column, reason: firstBad.reason });
    throw new GeoJsonError(p, 'invalid-json', firstBad.line, firstBad.column);
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
