/** CityJSON reading: the result's shape, its error and skip codes, and the height attributes read. */
import { type Problem, problemMessage } from '../language/problem.ts';
import { type CrsCode, type CrsGuess } from '../crs/index.ts';
import { type FootprintMethod } from './footprint.ts';


export type CityJsonErrorCode = 'invalid-json' | 'empty' | 'not-cityjson' | 'bad-transform' | 'bad-vertices' | 'unsupported-crs' | 'unknown-crs';

export class CityJsonError extends Error {
  /** What is wrong, in either language; `message` is its English text. */
  readonly problem: Problem;

  constructor(
    p: Problem,
    readonly code: CityJsonErrorCode,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(problemMessage(p));
    this.name = 'CityJsonError';
    this.problem = p;
  }
}

export type CityJsonSkipCode =
  | 'not-a-city-object'
  | 'no-geometry'
  | 'unsupported-geometry'
  | 'bad-geometry'
  | 'bad-vertex-index'
  | 'bad-vertex'
  | 'no-footprint'
  | 'out-of-range'
  | 'invalid-json-line';

/** A city object (or a CityJSONSeq line) that was not drawn, and why. */
export interface CityJsonSkipped {
  /** 0-based position of the object in CityObjects (across all lines of a CityJSONSeq). */
  readonly index: number;
  readonly id?: string;
  readonly code: CityJsonSkipCode;
  /** English message naming the object and, where it applies, the geometry path or vertex. */
  readonly message: string;
  /** The geometry path, vertex or geometry types: what the UI shows after the translated code. */
  readonly detail?: string;
  /** 1-based line (and column) where the object's id is written, when known. */
  readonly line?: number;
  readonly column?: number;
}

export interface CityJsonFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

export interface CityJsonObjects {
  /** City objects in the file. */
  readonly total: number;
  /** Objects of type Building, and those drawn (by their own footprint or their parts'). */
  readonly buildings: number;
  readonly drawnBuildings: number;
  /** Objects of type BuildingPart, and those drawn as features of their own. */
  readonly parts: number;
  readonly drawnParts: number;
  /** Objects of any other type (never drawn as buildings; see `areas`). */
  readonly other: number;
  /** Objects per CityJSON type, types in alphabetical order. */
  readonly byType: Readonly<Record<string, number>>;
}

export type CityJsonCrsHow = 'declared' | 'given' | 'inferred' | 'default';

export interface CityJson {
  /** "1.0", "1.1", "2.0" (as the file writes it). */
  readonly version: string;
  readonly format: 'cityjson' | 'cityjsonseq';
  /** Buildings and building parts (see the module header), WGS84. */
  readonly features: CityJsonFeature[];
  /** Other objects' flat outlines, WGS84 (empty unless `areas: true`). */
  readonly areas: CityJsonFeature[];
  /** The horizontal CRS the vertices were read in, and how it was chosen. */
  readonly crs: CrsCode;
  readonly crsHow: CityJsonCrsHow;
  readonly crsGuess?: CrsGuess;
  /** `metadata.referenceSystem` as written. */
  readonly referenceSystem?: string;
  readonly objects: CityJsonObjects;
  readonly skipped: CityJsonSkipped[];
  /** How each feature's footprint was found, by feature (same order as `features`). */
  readonly footprintMethods: FootprintMethod[];
}

export interface CityJsonOptions {
  /** The CRS to read the vertices in; 'auto' (default) reads `metadata.referenceSystem` or infers it. */
  readonly crs?: CrsCode | 'auto';
  /**
   * Also outline the non-building objects into `areas` (default false: terrain-like objects are large
   * triangulations, and outlining them costs about five times the buildings on the shared 3D BAG tile).
   */
  readonly areas?: boolean;
}

/** Attributes that give the ground level (absolute, in the vertical datum), in order of preference. */
export const GROUND_ATTRIBUTES: readonly string[] = ['baseheight', 'h_maaiveld', 'b3_h_maaiveld'];
/** Attributes that give the roof height above the ground, metres, in order of preference. */
export const ROOF_HEIGHT_ATTRIBUTES: readonly string[] = ['roofheight', 'measuredHeight'];
/** A base less than this above the ground is on the ground, metres. */
export const ON_GROUND_TOLERANCE_M = 0.05;
