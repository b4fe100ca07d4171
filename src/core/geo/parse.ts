/**
 * GeoJSON text -> a list of features, with errors located by line and column.
 * Accepts a FeatureCollection, a single Feature, or a bare array of Features.
 */

export class GeoJsonError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid-json' | 'not-geojson' | 'empty',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'GeoJsonError';
  }
}

export interface ParsedGeoJson {
  readonly features: readonly unknown[];
  /** The legacy `crs` member's name, when the file has one (e.g. "urn:ogc:def:crs:EPSG::5186"). */
  readonly crsName?: string;
  readonly name?: string;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function locateJsonError(text: string, err: unknown): GeoJsonError {
  const msg = err instanceof Error ? err.message : String(err);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return new GeoJsonError(`invalid JSON at line ${lc[1]}, column ${lc[2]}: ${msg}`, 'invalid-json', Number(lc[1]), Number(lc[2]));
  const pos = /position (\d+)/.exec(msg);
  const offset = pos ? Number(pos[1]) : /Unexpected end/.test(msg) ? text.length : undefined;
  if (offset !== undefined) {
    const { line, column } = lineColumn(text, offset);
    return new GeoJsonError(`invalid JSON at line ${line}, column ${column}: ${msg}`, 'invalid-json', line, column);
  }
  return new GeoJsonError(`invalid JSON: ${msg}`, 'invalid-json');
}

export function parseGeoJson(text: string): ParsedGeoJson {
  if (text.trim() === '') throw new GeoJsonError('the file is empty', 'empty');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw locateJsonError(text, err);
  }
  return readGeoJsonRoot(root);
}

export function readGeoJsonRoot(root: unknown): ParsedGeoJson {
  if (Array.isArray(root)) return { features: root };
  if (root === null || typeof root !== 'object') throw new GeoJsonError('not GeoJSON: the top level must be an object', 'not-geojson');
  const r = root as { type?: unknown; features?: unknown; crs?: unknown; name?: unknown };
  const crsName = readCrsName(r.crs);
  const extra = { ...(crsName === undefined ? {} : { crsName }), ...(typeof r.name === 'string' ? { name: r.name } : {}) };
  if (r.type === 'FeatureCollection') {
    if (!Array.isArray(r.features)) throw new GeoJsonError('not GeoJSON: a FeatureCollection needs a "features" array', 'not-geojson');
    return { features: r.features, ...extra };
  }
  if (r.type === 'Feature') return { features: [root], ...extra };
  throw new GeoJsonError(
    `not GeoJSON: expected a FeatureCollection or Feature, found ${typeof r.type === 'string' ? `"${r.type.slice(0, 40)}"` : 'no "type"'}`,
    'not-geojson',
  );
}

function readCrsName(crs: unknown): string | undefined {
  if (crs === null || typeof crs !== 'object') return undefined;
  const props = (crs as { properties?: unknown }).properties;
  if (props === null || typeof props !== 'object') return undefined;
  const name = (props as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** True when a legacy `crs` name means WGS84 lon/lat (what RFC 7946 GeoJSON always is). */
export function isWgs84CrsName(name: string): boolean {
  return /(CRS84|EPSG:{1,2}4326|EPSG::?4326)$/i.test(name.replace(/\s/g, ''));
}
