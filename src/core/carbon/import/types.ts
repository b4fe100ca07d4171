// The carbon-map import's input, options, result and skipped-item types.
import type { CrsCode, CrsGuess } from '../../crs/index.ts';
import type { LocalFrame } from '../../geo/index.ts';

export type CarbonMapInput =
  | { readonly format: 'geojson'; readonly text: string }
  | { readonly format: 'csv'; readonly text: string }
  /** Features already parsed (e.g. by parseGeoJson), with the file's `crs` name if it had one. */
  | { readonly format: 'features'; readonly features: readonly unknown[]; readonly crsName?: string };

export interface CarbonMapOptions {
  /** The property (GeoJSON) or column (CSV) holding the value. */
  readonly property: string;
  /** The CRS of the coordinates, when the caller knows it (overrides the file's `crs` member). */
  readonly crs?: CrsCode;
  /** Local frame for the output; by default one centred on the data. */
  readonly frame?: LocalFrame;
  /** CSV coordinate columns, when their names are not one of X_COLUMNS / Y_COLUMNS. */
  readonly xColumn?: string;
  readonly yColumn?: string;
}

export type CarbonSkipCode =
  | 'not-a-feature'
  | 'no-geometry'
  | 'wrong-geometry-type'
  | 'bad-coordinates'
  | 'missing-coordinate'
  | 'bad-number'
  | 'out-of-area';

export interface CarbonSkipped {
  /** 0-based feature index, or data-row index (header excluded) for CSV. */
  readonly index: number;
  /** 1-based line of the CSV file. */
  readonly line?: number;
  /** The feature's id, when it has one. */
  readonly id?: string;
  readonly code: CarbonSkipCode;
  /** English message; the UI translates by `code`. */
  readonly message: string;
}

export interface CrsChoice {
  readonly code: CrsCode;
  readonly chosen: 'declared' | 'inferred' | 'given';
  /** The file's `crs` name, when it had one (even if the caller's CRS was used instead). */
  readonly declaredName?: string;
  /** The guess and its candidates, when the CRS was inferred. */
  readonly guess?: CrsGuess;
}

interface CarbonMapCommon {
  readonly property: string;
  readonly crs: CrsChoice;
  readonly frame: LocalFrame;
  /** Items read from the file (kept + skipped). */
  readonly total: number;
  /** One value per kept item, NaN where it is missing. */
  readonly values: Float64Array;
  /** Index of each kept item in the file (feature index, or CSV data-row index). */
  readonly sourceIndex: Uint32Array;
  /** Kept items whose value is missing. */
  readonly missing: number;
  /** Smallest and largest value ([NaN, NaN] when every value is missing). */
  readonly valueRange: readonly [number, number];
  /** WGS84 bounds of what was kept: [minLon, minLat, maxLon, maxLat], degrees. */
  readonly lonLatBounds: readonly [number, number, number, number];
  /** The same in the local frame: [minX, minY, maxX, maxY], metres. */
  readonly bounds: readonly [number, number, number, number];
  readonly skipped: readonly CarbonSkipped[];
}

export interface GeoJsonPolygonFeature {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: number[][][] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

export interface CarbonMapPolygons extends CarbonMapCommon {
  readonly kind: 'polygons';
  /** Kept features, coordinates in WGS84 lon/lat: ready for buildPolygonLayer (feature i has values[i]). */
  readonly features: readonly GeoJsonPolygonFeature[];
}

export interface CarbonMapPoints extends CarbonMapCommon {
  readonly kind: 'points';
  /** Local metres east / north of the frame origin. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** WGS84 lon, lat pairs (degrees), for export. */
  readonly lonLat: Float64Array;
}

export type CarbonMap = CarbonMapPolygons | CarbonMapPoints;

/** Column names read as x and y when the caller names none (compared case-insensitively). */
