/**
 * Reads a layer's file for a model: any format the viewer loads (GeoJSON, newline-delimited GeoJSON,
 * CityJSON), reprojected to WGS84 by the ingest's own rule (declared, chosen or inferred; a declared 3D
 * CRS by its horizontal part), as the layer was drawn, with the layer's input mapping
 * applied. The models then see the same features the map shows.
 */
import type { CrsCode } from '../crs/index.ts';
import { isCityJsonRoot, readCityJsonRoot, readCityJsonSeq } from '../cityjson/index.ts';
import { WarningList, parseGeoJson, parseJsonLines, readFeatureList, readGeoJsonRoot } from '../geo/index.ts';
import { formatFromFileName, reproject } from '../ingest/index.ts';
import { type InputMapping, mapFeatures } from './index.ts';

/** Where a model finds a layer: its URL, the name that tells its format, the CRS it was drawn with, and its mapping. */
export interface LayerSource {
  readonly url: string;
  readonly fileName?: string;
  readonly crs?: CrsCode | 'auto';
  readonly mapping?: InputMapping;
}

/** Whether CityJSON should give its buildings (footprints) or its other objects' outlines. */
const wantsAreas = (mapping: InputMapping | undefined): boolean => mapping !== undefined && mapping.role !== 'buildings';

/** The lines of a line-delimited file as features, read leniently as the ingest reads them (ambiguous ones null). */
function readLines(text: string): unknown[] {
  return readFeatureList(parseJsonLines(text).values, '$', new WarningList(0), []);
}

/**
 * The file's features in WGS84 with the mapping applied. Lines of a newline-delimited file that are not
 * JSON are dropped, unless `placeholders` keeps them as null so features are numbered as the ingest numbers them.
 */
export function readModelFeatures(text: string, source: Omit<LayerSource, 'url'>, placeholders = false): unknown[] {
  const keep = (values: unknown[]): unknown[] => (placeholders ? values : values.filter((v) => v !== null));
  const crs = source.crs ?? 'auto';
  const areas = wantsAreas(source.mapping);
  const format = source.fileName === undefined ? undefined : formatFromFileName(source.fileName);
  let features: unknown[];
  if (format === 'cityjsonseq') {
    const cj = readCityJsonSeq(text, { crs, areas });
    features = areas ? cj.areas : cj.features;
  } else if (format === 'geojsonl') {
    features = keep(readLines(text));
    reproject(features, undefined, crs);
  } else {
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      root = undefined;
    }
    if (root === undefined) {
      // Either line-delimited without the extension, or broken: the located error comes from the parser.
      const lines = parseJsonLines(text);
      if (lines.values.length === 0) parseGeoJson(text);
      features = keep(readFeatureList(lines.values, '$', new WarningList(0), []));
      reproject(features, undefined, crs);
    } else if (isCityJsonRoot(root)) {
      const cj = readCityJsonRoot(root, { crs, areas }, text);
      features = areas ? cj.areas : cj.features;
    } else {
      const parsed = readGeoJsonRoot(root);
      features = parsed.features.slice();
      reproject(features, parsed.crsName, crs);
    }
  }
  return source.mapping ? mapFeatures(source.mapping, features) : features;
}
