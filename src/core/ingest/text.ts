// The entry points that read a file's text: in one piece (ingestText, ingestGeoJsonText) or streamed in
// pieces (ingestStream). Both go through the streamed reader when the text is a GeoJSON document or
// lines, and read the rest whole.
import { problem } from '../language/problem.ts';
import { GeoJsonError } from '../geo/index.ts';
import { formatFromFileName } from './format.ts';
import { GeoJsonStreamIngest } from './stream.ts';
import type { IngestOptions, IngestedLayer, LayerKind } from './types.ts';
import { ingestWhole } from './whole.ts';

/**
 * Parses GeoJSON text (or any format `ingestText` reads, told apart by content) and builds the layer.
 * Throws GeoJsonError (or CityJsonError) for a file that cannot be read or has nothing drawable (the
 * message says why); skipped features are listed on the result.
 */
export function ingestGeoJsonText(text: string, kind: LayerKind | 'auto', options: IngestOptions = {}): IngestedLayer {
  return ingestText(text, undefined, kind, options);
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
  if (text.trim() === '') throw new GeoJsonError(problem('load.empty'), 'empty');
  const hinted = fileName === undefined ? undefined : formatFromFileName(fileName);
  if (hinted === 'cityjsonseq' || hinted === 'cityjson') return ingestWhole(text, fileName, kind, options);
  let c = 0;
  while (c < text.length && /\s/.test(text[c]!)) c++;
  const lines = hinted === 'geojsonl';
  if (!lines && text[c] !== '{' && text[c] !== '[') return ingestWhole(text, fileName, kind, options);
  // The same per-feature path as a streamed file, fed the text in one piece.
  const stream = new GeoJsonStreamIngest(fileName, kind, options, lines, text);
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
  return new GeoJsonStreamIngest(fileName, kind, options, hinted === 'geojsonl' || hinted === 'cityjsonseq', undefined);
}
