// An imported carbon-map layer made drawable: polygons become flat geometry in the city's frame with
// one value per drawn feature; points keep their local positions and values.
import {
  type CarbonMap,
  type CarbonMapInput,
  type CrsChoice,
  X_COLUMNS,
  Y_COLUMNS,
  importCarbonMap,
  listCsvValueColumns,
  listValueProperties,
} from '../import/index.ts';
import type { ValueProperty } from '../import/index.ts';
import type { CrsCode } from '../../crs/index.ts';
import { type LocalFrame, type PolygonLayerData, buildPolygonLayer, parseGeoJson } from '../../geo/index.ts';

export type CarbonFileFormat = 'geojson' | 'csv';

export interface CarbonFileInfo {
  readonly format: CarbonFileFormat;
  readonly properties: readonly ValueProperty[];
  /** How the CRS would be chosen with no choice from the user (declared, or inferred with candidates). */
  readonly crs: CrsChoice | null;
}

export interface ImportedCarbonLayer {
  readonly property: string;
  readonly crs: CrsChoice;
  readonly total: number;
  readonly skipped: number;
  readonly firstSkipped?: string;
  readonly valueRange: readonly [number, number];
  readonly polygons?: { readonly layer: PolygonLayerData; readonly values: Float64Array };
  readonly points?: { readonly x: Float64Array; readonly y: Float64Array; readonly values: Float64Array };
}

/** Height of imported polygons above the ground, metres. */
export const IMPORTED_Z_M = 0.5;

export function formatOf(fileName: string): CarbonFileFormat {
  return /\.(csv|tsv|txt)$/i.test(fileName) ? 'csv' : 'geojson';
}

function input(format: CarbonFileFormat, text: string): CarbonMapInput {
  return format === 'csv' ? { format: 'csv', text } : { format: 'geojson', text };
}

/** The value properties of a file and how its CRS would be read, for the user to choose from. */
export function inspectCarbonFile(text: string, format: CarbonFileFormat): CarbonFileInfo {
  const coordinate = new Set([...X_COLUMNS, ...Y_COLUMNS]);
  const properties =
    format === 'csv'
      ? listCsvValueColumns(text).filter((p) => !coordinate.has(p.name.trim().toLowerCase()))
      : listValueProperties(parseGeoJson(text).features);
  const first = properties[0];
  let crs: CrsChoice | null = null;
  if (first) crs = importCarbonMap(input(format, text), { property: first.name }).crs;
  return { format, properties, crs };
}

export function importCarbonLayer(text: string, format: CarbonFileFormat, property: string, crs: CrsCode | undefined, frame: LocalFrame): ImportedCarbonLayer {
  const map: CarbonMap = importCarbonMap(input(format, text), { property, frame, ...(crs ? { crs } : {}) });
  const first = map.skipped[0];
  const common = {
    property,
    crs: map.crs,
    total: map.total,
    skipped: map.skipped.length,
    ...(first ? { firstSkipped: `${first.line !== undefined ? `line ${first.line}` : `feature ${first.index}`}: ${first.message}` } : {}),
    valueRange: map.valueRange,
  };
  if (map.kind === 'points') return { ...common, points: { x: map.x, y: map.y, values: map.values } };
  const layer = buildPolygonLayer(map.features, { frame, mode: 'flat', flatZ: IMPORTED_Z_M });
  return { ...common, skipped: common.skipped + layer.skipped.length, polygons: { layer, values: map.values } };
}
