// The ingest pipeline's shared types: layer kinds, options, the ingested layer and its parts, rejected
// features, stats and reading notes. Times in milliseconds; geometry in the local frame of src/core/geo.
import type { CityJsonObjects, CityJsonSkipCode, FootprintMethod } from '../cityjson/index.ts';
import type { GeoJsonWarning, LocalFrame, PointLayerData, PolygonLayerData, RoadLayerData } from '../geo/index.ts';
import type { CrsCode } from '../crs/index.ts';
import type { CrsUsed } from './crs.ts';

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

/** One kind of drawing of a layer's features (a layer's main kind, or one of its sub-layers). */
export type LayerPart =
  | { readonly kind: 'buildings' | 'green' | 'areas'; readonly data: PolygonLayerData; readonly stats: IngestStats }
  | { readonly kind: 'roads'; readonly data: RoadLayerData; readonly stats: IngestStats }
  | { readonly kind: 'points'; readonly data: PointLayerData; readonly stats: IngestStats };

export type IngestedLayer = LayerPart & {
  /**
   * Sub-layers of a file with several geometry kinds: the kinds other than `kind`, in the order polygons,
   * lines, points. Their features are numbered as the file's (feature i is drawn by the part whose
   * `data.features.drawn[i]` is 1); their properties are the layer's; their `skipped` lists are empty
   * (every skipped feature is in `data.skipped`) and `stats` count what each draws.
   */
  readonly parts?: readonly LayerPart[];
  /** Indices of features without a location (geometry null): in the attribute table, drawn by no part. */
  readonly unlocated?: Uint32Array;
  /** Near-misses read anyway, located (the first MAX_WARNINGS); `warningCount` counts them all. */
  readonly warnings?: readonly GeoJsonWarning[];
  readonly warningCount?: number;
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
/** 'ambiguous-member': a feature that can be read two ways (two spellings of a member, a geometry without "type" whose nesting fits two types). */
export type RejectCode = 'duplicate-id' | 'invalid-json-line' | 'ambiguous-member' | CityJsonSkipCode;

export interface RejectedFeature {
  readonly index: number;
  readonly id?: string;
  readonly code: RejectCode;
  /** English message; the UI translates by `code` and shows `detail`. */
  readonly message: string;
  /** 'duplicate-id': the index of the feature that has the id first; 'invalid-json-line': "line L, column C"; 'ambiguous-member': the JSON path. */
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
  /** Features drawn (by any sub-layer). */
  readonly drawn: number;
  readonly skipped: number;
  /** Features without a location (geometry null): kept, not drawn, not skipped. */
  readonly unlocated?: number;
  readonly parseMs: number;
  readonly buildMs: number;
  /** Bytes of typed arrays handed to the scene. */
  readonly bytes: number;
}

/** Warnings gathered while reading a file, to hand on with the layer. */
export interface Notes {
  readonly warnings: readonly GeoJsonWarning[];
  readonly warningCount: number;
}
