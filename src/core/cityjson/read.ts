/**
 * CityJSON (1.0, 1.1, 2.0; cityjson.org/specs) and CityJSON Text Sequences (CityJSONSeq, `.city.jsonl`)
 * -> GeoJSON-like features in WGS84 that the polygon pipeline (src/core/geo buildPolygonLayer) draws:
 *  - `features`: one per Building (or per BuildingPart, when a building has parts with geometry): its
 *    footprint as a MultiPolygon, properties = the object's attributes (a part's over its building's) +
 *    `height` (top above ground, metres), `min_height` (base above ground, when it starts above it),
 *    `cityjson_type` and, for parts, `cityjson_parent`;
 *  - `areas` (when asked for): every other object with surfaces (Road, LandUse, PlantCover, WaterBody…) as its
 *    flat 2D outline, with `cityjson_type`.
 *
 * Vertices are integers × `transform.scale` + `transform.translate` (CityJSON §transform), in the CRS of
 * `metadata.referenceSystem` (a 3D CRS is read by its horizontal part; heights stay in its vertical datum,
 * metres). Per object the geometry of the highest LoD among MultiSurface, CompositeSurface, Solid,
 * MultiSolid and CompositeSolid is read; footprints come from footprint.ts.
 *
 * Heights: the ground is the `baseheight` attribute (also 3D BAG's `h_maaiveld` / `b3_h_maaiveld`),
 * else the lowest z of the building and its parts. `height` is the object's relative roof height
 * attribute (`roofheight`, CityGML `measuredHeight`) when present, else its highest z minus the ground;
 * an object whose geometry is flat and has no such attribute gets no `height` (the pipeline estimates one).
 *
 * Problems with one object skip that object (listed with its index in CityObjects, its id, a code and an
 * English message naming the geometry path); problems with the file (JSON, transform, vertices array,
 * CRS) throw CityJsonError.
 */
import { type CrsCode, type CrsGuess, CrsError, DECLARED_ONLY_CRS_CODES, HORIZONTAL_CRS_OF, inferCrs, toWgs84 } from '../crs/index.ts';
import { firstLineObject, jsonErrorLocation, lineColumn, parseJsonLines } from '../geo/index.ts';
import { horizontalCrsFromName } from './crs.ts';
import { type FootprintMethod, type Surface, footprintOf } from './footprint.ts';

export type CityJsonErrorCode = 'invalid-json' | 'empty' | 'not-cityjson' | 'bad-transform' | 'bad-vertices' | 'unsupported-crs' | 'unknown-crs';

export class CityJsonError extends Error {
  constructor(
    message: string,
    readonly code: CityJsonErrorCode,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'CityJsonError';
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

const SURFACE_DEPTH: Readonly<Record<string, number>> = {
  MultiSurface: 1,
  CompositeSurface: 1,
  Solid: 2,
  MultiSolid: 3,
  CompositeSolid: 3,
};
const SUPPORTED_GEOMETRY = Object.keys(SURFACE_DEPTH).join(', ');

class ObjectError extends Error {
  constructor(
    readonly code: CityJsonSkipCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

interface Transform {
  readonly scale: readonly [number, number, number];
  readonly translate: readonly [number, number, number];
}

/** One batch of objects sharing a vertex list: the whole file, or one CityJSONSeq line. */
interface Chunk {
  readonly objects: Record<string, unknown>;
  /** x, y, z per vertex in CRS units; NaN for a vertex that is not three finite numbers. */
  readonly xyz: Float64Array;
  readonly line?: number;
}

interface Header {
  readonly version: string;
  readonly transform?: Transform;
  readonly referenceSystem?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function numberOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function triple(v: unknown): [number, number, number] | undefined {
  if (!Array.isArray(v) || v.length < 3) return undefined;
  const [a, b, c] = v as unknown[];
  return typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c)
    ? [a, b, c]
    : undefined;
}

function readHeader(root: Record<string, unknown>): Header {
  const version = typeof root['version'] === 'string' ? root['version'] : String(root['version'] ?? '');
  let transform: Transform | undefined;
  if (root['transform'] !== undefined) {
    const t = root['transform'];
    const scale = isRecord(t) ? triple(t['scale']) : undefined;
    const translate = isRecord(t) ? triple(t['translate']) : undefined;
    if (!scale || !translate) throw new CityJsonError('transform must have "scale" and "translate", each three finite numbers', 'bad-transform');
    transform = { scale, translate };
  }
  const meta = root['metadata'];
  let referenceSystem: string | undefined;
  if (isRecord(meta)) {
    const rs = meta['referenceSystem'];
    if (typeof rs === 'string' && rs.trim() !== '') referenceSystem = rs.trim();
    else if (isRecord(meta['crs']) && numberOf(meta['crs']['epsg']) !== undefined) referenceSystem = `EPSG:${numberOf(meta['crs']['epsg'])}`; // CityJSON 0.x
  }
  return { version, ...(transform ? { transform } : {}), ...(referenceSystem === undefined ? {} : { referenceSystem }) };
}

function realVertices(vertices: unknown, t: Transform | undefined, where: string): Float64Array {
  if (!Array.isArray(vertices)) throw new CityJsonError(`${where} must be an array of [x, y, z] vertices`, 'bad-vertices');
  const out = new Float64Array(vertices.length * 3);
  const [sx, sy, sz] = t ? t.scale : [1, 1, 1];
  const [tx, ty, tz] = t ? t.translate : [0, 0, 0];
  for (let i = 0; i < vertices.length; i++) {
    const v = triple(vertices[i]);
    out[3 * i] = v ? v[0] * sx + tx : NaN;
    out[3 * i + 1] = v ? v[1] * sy + ty : NaN;
    out[3 * i + 2] = v ? v[2] * sz + tz : NaN;
  }
  return out;
}

/** Up to `max` vertices spread evenly over the chunks, as flat x, y pairs (for CRS inference). */
function sampleXY(chunks: readonly Chunk[], max = 2000): number[] {
  let total = 0;
  for (const c of chunks) total += c.xyz.length / 3;
  const step = Math.max(1, Math.ceil(total / max));
  const out: number[] = [];
  let k = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.xyz.length; i += 3, k++) {
      if (k % step !== 0) continue;
      const x = c.xyz[i]!;
      const y = c.xyz[i + 1]!;
      if (Number.isFinite(x) && Number.isFinite(y)) out.push(x, y);
    }
  }
  return out;
}

function decideCrs(choice: CrsCode | 'auto', header: Header, chunks: readonly Chunk[]): { crs: CrsCode; crsHow: CityJsonCrsHow; crsGuess?: CrsGuess } {
  if (choice !== 'auto') return { crs: choice, crsHow: 'given' };
  if (header.referenceSystem !== undefined) {
    try {
      return { crs: horizontalCrsFromName(header.referenceSystem), crsHow: 'declared' };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const also = [...DECLARED_ONLY_CRS_CODES.map((c) => `EPSG:${c}`), ...[...HORIZONTAL_CRS_OF.keys()].map((c) => `EPSG:${c}`)].join(', ');
      throw new CityJsonError(`metadata.referenceSystem: ${msg}; in CityJSON also ${also}`, 'unsupported-crs');
    }
  }
  const xy = sampleXY(chunks);
  if (xy.length === 0) return { crs: 4326, crsHow: 'default' };
  let guess: CrsGuess;
  try {
    guess = inferCrs(xy);
  } catch (err) {
    const msg = err instanceof CrsError ? err.message : String(err);
    throw new CityJsonError(`the file has no metadata.referenceSystem and its CRS cannot be told from the coordinates: ${msg}`, 'unknown-crs');
  }
  if (guess.code === 4326) return { crs: 4326, crsHow: 'default', crsGuess: guess };
  if (guess.confidence === 'ambiguous') {
    const names = guess.candidates.slice(0, 4).map((c) => `EPSG:${c.code}`).join(', ');
    throw new CityJsonError(
      `the file has no metadata.referenceSystem and its coordinates fit several coordinate systems (${names}): choose one and load again`,
      'unknown-crs',
    );
  }
  return { crs: guess.code, crsHow: 'inferred', crsGuess: guess };
}

interface ObjectGeometry {
  readonly surfaces: Surface[];
  readonly zMin: number;
  readonly zMax: number;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The surfaces of an object's highest-LoD drawable geometry, or null when it has no geometry at all. */
function readGeometry(id: string, obj: Record<string, unknown>, xyz: Float64Array): ObjectGeometry | null {
  const list = obj['geometry'];
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) return null;
  if (!Array.isArray(list)) throw new ObjectError('bad-geometry', `object "${id}": "geometry" must be an array`, 'geometry');
  let best: Record<string, unknown> | undefined;
  let bestAt = -1;
  let bestLod = -Infinity;
  const types: string[] = [];
  list.forEach((g: unknown, k) => {
    const type = isRecord(g) && typeof g['type'] === 'string' ? g['type'] : '?';
    types.push(type);
    if (!isRecord(g) || SURFACE_DEPTH[type] === undefined) return;
    const lod = Number(g['lod']);
    const l = Number.isFinite(lod) ? lod : 0;
    if (l > bestLod) {
      best = g;
      bestAt = k;
      bestLod = l;
    }
  });
  if (!best) {
    const found = types.join(', ');
    throw new ObjectError('unsupported-geometry', `object "${id}": geometry of type ${found} cannot be drawn (CityTwin reads ${SUPPORTED_GEOMETRY})`, found);
  }
  const g: Record<string, unknown> = best;
  const depth = SURFACE_DEPTH[g['type'] as string]!;
  const sem = isRecord(g['semantics']) ? g['semantics'] : undefined;
  const semSurfaces = sem && Array.isArray(sem['surfaces']) ? (sem['surfaces'] as unknown[]) : [];
  const semValues = sem ? sem['values'] : undefined;
  const vertexCount = xyz.length / 3;
  const surfaces: Surface[] = [];
  let zMin = Infinity;
  let zMax = -Infinity;
  const base = `geometry[${bestAt}].boundaries`;

  const readSurface = (surface: unknown, value: unknown, path: string): void => {
    if (!Array.isArray(surface) || surface.length === 0) throw new ObjectError('bad-geometry', `object "${id}": ${path} must be a surface (an array of rings)`, path);
    const rings: Float64Array[] = [];
    surface.forEach((ring: unknown, r) => {
      const where = `${path}[${r}]`;
      if (!Array.isArray(ring) || ring.length < 3) throw new ObjectError('bad-geometry', `object "${id}": ${where} must be a ring of at least 3 vertex indices`, where);
      const out = new Float64Array(ring.length * 3);
      ring.forEach((v: unknown, k) => {
        const at = `${where}[${k}]`;
        if (typeof v !== 'number' || !Number.isInteger(v)) throw new ObjectError('bad-geometry', `object "${id}": ${at} is not a vertex index`, at);
        if (v < 0 || v >= vertexCount) {
          throw new ObjectError(
            'bad-vertex-index',
            `object "${id}": ${at} refers to vertex ${v}, but there are ${vertexCount} vertices (0–${vertexCount - 1})`,
            `${at} = ${v}`,
          );
        }
        const x = xyz[3 * v]!;
        if (Number.isNaN(x)) throw new ObjectError('bad-vertex', `object "${id}": ${at} refers to vertex ${v}, which is not three finite numbers`, `vertices[${v}]`);
        const z = xyz[3 * v + 2]!;
        out[3 * k] = x;
        out[3 * k + 1] = xyz[3 * v + 1]!;
        out[3 * k + 2] = z;
        if (z < zMin) zMin = z;
        if (z > zMax) zMax = z;
      });
      rings.push(out);
    });
    const semType = typeof value === 'number' && isRecord(semSurfaces[value]) ? semSurfaces[value]['type'] : undefined;
    surfaces.push(typeof semType === 'string' ? { rings, semantic: semType } : { rings });
  };
  const walk = (b: unknown, values: unknown, level: number, path: string): void => {
    if (level === 0) {
      readSurface(b, values, path);
      return;
    }
    if (!Array.isArray(b)) throw new ObjectError('bad-geometry', `object "${id}": ${path} must be an array`, path);
    // A solid's first shell is its exterior; the others are cavities, which add nothing seen from outside.
    const children = level === 2 ? b.slice(0, 1) : b;
    children.forEach((child: unknown, i) => walk(child, Array.isArray(values) ? values[i] : undefined, level - 1, `${path}[${i}]`));
  };
  walk(g['boundaries'], semValues, depth, base);
  if (surfaces.length === 0) return null;
  return { surfaces, zMin, zMax };
}

/** Rounds a height derived from coordinates to the millimetre (vertices are usually stored to 1 mm). */
const mm = (x: number): number => Math.round(x * 1000) / 1000;

function attributesOf(obj: Record<string, unknown>): Record<string, unknown> {
  return isRecord(obj['attributes']) ? obj['attributes'] : {};
}

function firstNumber(attrs: Record<string, unknown>, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    if (!Object.hasOwn(attrs, k)) continue;
    const n = numberOf(attrs[k]);
    if (n !== undefined) return n;
  }
  return undefined;
}

interface Located {
  readonly line?: number;
  readonly column?: number;
}

/** Finds where an object's id is written as a key (for the first skipped objects only: a text scan each). */
function locator(text: string | undefined, limit = 100): (id: string) => Located {
  let used = 0;
  return (id) => {
    if (text === undefined || used++ >= limit) return {};
    const needle = JSON.stringify(id);
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      let k = at + needle.length;
      while (k < text.length && /\s/.test(text[k]!)) k++;
      if (text[k] === ':') return lineColumn(text, at);
    }
    return {};
  };
}

interface Context {
  readonly crs: CrsCode;
  readonly quantum: number;
  readonly areas: boolean;
  readonly features: CityJsonFeature[];
  readonly areaFeatures: CityJsonFeature[];
  readonly methods: FootprintMethod[];
  readonly skipped: CityJsonSkipped[];
  readonly byType: Map<string, number>;
  readonly locate: (id: string) => Located;
  index: number;
  total: number;
  buildings: number;
  drawnBuildings: number;
  parts: number;
  drawnParts: number;
}

/** Footprint polygons (CRS x, y) -> MultiPolygon coordinates in WGS84, rings closed. */
function toLonLatPolygons(id: string, polygons: number[][][], crs: CrsCode): number[][][][] {
  let n = 0;
  for (const p of polygons) for (const r of p) n += r.length;
  const flat = new Float64Array(n);
  let k = 0;
  for (const p of polygons) for (const r of p) for (const v of r) flat[k++] = v;
  const ll = toWgs84(crs)(flat);
  k = 0;
  return polygons.map((p) =>
    p.map((r) => {
      const ring: number[][] = [];
      for (let i = 0; i < r.length; i += 2, k += 2) {
        const lon = ll[k]!;
        const lat = ll[k + 1]!;
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
          throw new ObjectError('out-of-range', `object "${id}": point (${r[i]}, ${r[i + 1]}) cannot be placed on the Earth in EPSG:${crs}`, `(${r[i]}, ${r[i + 1]})`);
        }
        ring.push([lon, lat]);
      }
      ring.push([ring[0]![0]!, ring[0]![1]!]);
      return ring;
    }),
  );
}

function skip(ctx: Context, index: number, id: string, err: ObjectError, line?: number): void {
  const where = line !== undefined ? { line } : ctx.locate(id);
  ctx.skipped.push({
    index,
    id,
    code: err.code,
    message: err.message,
    ...(err.detail === undefined ? {} : { detail: err.detail }),
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.column === undefined ? {} : { column: where.column }),
  });
}

function readChunk(ctx: Context, chunk: Chunk): void {
  const entries = Object.entries(chunk.objects);
  const indexOf = new Map<string, number>();
  entries.forEach(([id], k) => indexOf.set(id, ctx.index + k));
  const typeOf = (obj: unknown): string => (isRecord(obj) && typeof obj['type'] === 'string' ? obj['type'] : '');
  const objectOf = new Map<string, Record<string, unknown>>();
  for (const [id, obj] of entries) if (isRecord(obj)) objectOf.set(id, obj);

  // Children that are building parts, from both `children` and `parents` (files sometimes write only one).
  const partsOf = new Map<string, string[]>();
  const addPart = (parent: string, child: string): void => {
    const list = partsOf.get(parent);
    if (!list) partsOf.set(parent, [child]);
    else if (!list.includes(child)) list.push(child);
  };
  for (const [id, obj] of objectOf) {
    for (const c of stringList(obj['children'])) if (typeOf(objectOf.get(c)) === 'BuildingPart') addPart(id, c);
    if (typeOf(obj) === 'BuildingPart') for (const p of stringList(obj['parents'])) if (objectOf.has(p)) addPart(p, id);
  }
  for (const list of partsOf.values()) list.sort((a, b) => indexOf.get(a)! - indexOf.get(b)!);

  const geometryCache = new Map<string, ObjectGeometry | null | ObjectError>();
  const geometryOf = (id: string): ObjectGeometry | null | ObjectError => {
    let g = geometryCache.get(id);
    if (g === undefined) {
      try {
        g = readGeometry(id, objectOf.get(id)!, chunk.xyz);
      } catch (err) {
        if (!(err instanceof ObjectError)) throw err;
        g = err;
        skip(ctx, indexOf.get(id)!, id, err, chunk.line);
      }
      geometryCache.set(id, g);
    }
    return g;
  };

  const claimed = new Set<string>();
  /** A building (or a part standing alone) and its parts, depth first, in file order; guards cycles. */
  const family = (root: string): string[] => {
    const out: string[] = [];
    const visit = (id: string): void => {
      if (claimed.has(id)) return;
      claimed.add(id);
      out.push(id);
      for (const c of partsOf.get(id) ?? []) visit(c);
    };
    visit(root);
    return out;
  };

  const drawFamily = (root: string): boolean => {
    const members = family(root);
    const rootObj = objectOf.get(root)!;
    const rootAttrs = attributesOf(rootObj);
    const geoms = new Map<string, ObjectGeometry>();
    for (const id of members) {
      const g = geometryOf(id);
      if (g && !(g instanceof ObjectError)) geoms.set(id, g);
    }
    // Parts with geometry replace their building's own (often a LoD0 footprint); otherwise the building is drawn.
    const partsDrawn = members.slice(1).filter((id) => geoms.has(id));
    const drawn = partsDrawn.length > 0 ? partsDrawn : geoms.has(root) ? [root] : [];
    if (drawn.length === 0) {
      if (geometryCache.get(root) === null && members.length === 1) {
        skip(ctx, indexOf.get(root)!, root, new ObjectError('no-geometry', `object "${root}": the ${typeOf(rootObj) || 'object'} has no geometry`), chunk.line);
      }
      return false;
    }
    let ground = firstNumber(rootAttrs, GROUND_ATTRIBUTES);
    if (ground === undefined) {
      ground = Infinity;
      for (const g of geoms.values()) ground = Math.min(ground, g.zMin);
    }
    let any = false;
    for (const id of drawn) {
      const obj = objectOf.get(id)!;
      const g = geoms.get(id)!;
      const isPart = id !== root;
      const attrs = attributesOf(obj);
      const partGround = isPart ? (firstNumber(attrs, GROUND_ATTRIBUTES) ?? ground) : ground;
      try {
        const fp = footprintOf(g.surfaces, true, ctx.quantum);
        if (!fp) throw new ObjectError('no-footprint', `object "${id}": none of its surfaces has an extent seen from above`);
        const coordinates = toLonLatPolygons(id, fp.polygons, ctx.crs);
        const base = g.zMin - partGround;
        const minHeight = base > ON_GROUND_TOLERANCE_M ? mm(base) : 0;
        const relative = firstNumber(attrs, ROOF_HEIGHT_ATTRIBUTES);
        const fromZ = g.zMax - partGround;
        const height = relative !== undefined && relative > minHeight ? relative : fromZ > minHeight + ON_GROUND_TOLERANCE_M ? mm(fromZ) : undefined;
        const properties: Record<string, unknown> = isPart ? { ...rootAttrs, ...attrs } : { ...attrs };
        properties['cityjson_type'] = typeOf(obj);
        if (isPart) properties['cityjson_parent'] = root;
        if (height !== undefined) properties['height'] = height;
        if (minHeight > 0) properties['min_height'] = minHeight;
        ctx.features.push({ type: 'Feature', id, properties, geometry: { type: 'MultiPolygon', coordinates } });
        ctx.methods.push(fp.method);
        if (isPart) ctx.drawnParts++;
        any = true;
      } catch (err) {
        if (!(err instanceof ObjectError)) throw err;
        skip(ctx, indexOf.get(id)!, id, err, chunk.line);
      }
    }
    return any;
  };

  const counts = new Map<string, number>();
  for (const [id, obj] of entries) {
    const type = typeOf(obj);
    const key = type === '' ? '(no type)' : type;
    ctx.byType.set(key, (ctx.byType.get(key) ?? 0) + 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!isRecord(obj) || type === '') {
      skip(ctx, indexOf.get(id)!, id, new ObjectError('not-a-city-object', `object "${id}" is not a city object (it needs a "type")`), chunk.line);
    }
  }
  ctx.total += entries.length;
  ctx.buildings += counts.get('Building') ?? 0;
  ctx.parts += counts.get('BuildingPart') ?? 0;

  for (const [id, obj] of entries) {
    if (typeOf(obj) === 'Building' && drawFamily(id)) ctx.drawnBuildings++;
  }
  // Parts that no building claims stand alone.
  for (const [id, obj] of entries) {
    if (typeOf(obj) === 'BuildingPart' && !claimed.has(id)) drawFamily(id);
  }
  if (ctx.areas) {
    for (const [id, obj] of entries) {
      const type = typeOf(obj);
      if (type === '' || type.startsWith('Building')) continue;
      const g = geometryOf(id);
      if (!g || g instanceof ObjectError) continue;
      try {
        const fp = footprintOf(g.surfaces, false, ctx.quantum);
        if (!fp) throw new ObjectError('no-footprint', `object "${id}": none of its surfaces has an extent seen from above`);
        const coordinates = toLonLatPolygons(id, fp.polygons, ctx.crs);
        const properties: Record<string, unknown> = { ...attributesOf(obj as Record<string, unknown>) };
        properties['cityjson_type'] = type;
        ctx.areaFeatures.push({ type: 'Feature', id, properties, geometry: { type: 'MultiPolygon', coordinates } });
      } catch (err) {
        if (!(err instanceof ObjectError)) throw err;
        skip(ctx, indexOf.get(id)!, id, err, chunk.line);
      }
    }
  }
  ctx.index += entries.length;
}

function finish(ctx: Context, header: Header, format: CityJson['format'], crs: ReturnType<typeof decideCrs>): CityJson {
  ctx.skipped.sort((a, b) => a.index - b.index);
  const byType = Object.fromEntries([...ctx.byType.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  const objects: CityJsonObjects = {
    total: ctx.total,
    buildings: ctx.buildings,
    drawnBuildings: ctx.drawnBuildings,
    parts: ctx.parts,
    drawnParts: ctx.drawnParts,
    other: ctx.total - ctx.buildings - ctx.parts,
    byType,
  };
  return {
    version: header.version,
    format,
    features: ctx.features,
    areas: ctx.areaFeatures,
    ...crs,
    ...(header.referenceSystem === undefined ? {} : { referenceSystem: header.referenceSystem }),
    objects,
    skipped: ctx.skipped,
    footprintMethods: ctx.methods,
  };
}

function run(header: Header, chunks: readonly Chunk[], options: CityJsonOptions, text: string | undefined, format: CityJson['format'], early: CityJsonSkipped[] = []): CityJson {
  const crs = decideCrs(options.crs ?? 'auto', header, chunks);
  const ctx: Context = {
    crs: crs.crs,
    quantum: crs.crs === 4326 ? 1e-8 : 0.001,
    areas: options.areas ?? false,
    features: [],
    areaFeatures: [],
    methods: [],
    skipped: [...early],
    byType: new Map(),
    locate: locator(text),
    index: 0,
    total: 0,
    buildings: 0,
    drawnBuildings: 0,
    parts: 0,
    drawnParts: 0,
  };
  for (const c of chunks) readChunk(ctx, c);
  return finish(ctx, header, format, crs);
}

/** True when a parsed JSON value is a CityJSON document (`"type": "CityJSON"`). */
export function isCityJsonRoot(root: unknown): root is Record<string, unknown> {
  return isRecord(root) && root['type'] === 'CityJSON';
}

/**
 * Reads a parsed CityJSON file: `text` (the file's text), when given, lets skipped objects say on
 * which line their id is written.
 */
export function readCityJsonRoot(root: unknown, options: CityJsonOptions = {}, text?: string): CityJson {
  if (!isRecord(root)) throw new CityJsonError('not CityJSON: the top level must be an object', 'not-cityjson');
  if (root['type'] === 'CityJSONFeature') {
    throw new CityJsonError('this is a single CityJSONFeature: it needs the CityJSON header line of its CityJSONSeq file (metadata, transform)', 'not-cityjson');
  }
  if (root['type'] !== 'CityJSON') {
    const t = root['type'];
    throw new CityJsonError(`not CityJSON: "type" must be "CityJSON", found ${typeof t === 'string' ? `"${t.slice(0, 40)}"` : 'none'}`, 'not-cityjson');
  }
  const objects = root['CityObjects'];
  if (!isRecord(objects)) throw new CityJsonError('not CityJSON: "CityObjects" must be an object of city objects by id', 'not-cityjson');
  const header = readHeader(root);
  const xyz = realVertices(root['vertices'], header.transform, '"vertices"');
  return run(header, [{ objects, xyz }], options, text, 'cityjson');
}

/**
 * Reads CityJSON text: a CityJSON document, or a CityJSONSeq (first line the CityJSON header, then one
 * CityJSONFeature per line; a line that is not JSON is skipped and listed with its line number).
 * Throws CityJsonError with the line and column of invalid JSON.
 */
export function readCityJson(text: string, options: CityJsonOptions = {}): CityJson {
  if (text.trim() === '') throw new CityJsonError('the file is empty', 'empty');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    if (firstLineObject(text)?.['type'] === 'CityJSON') return readCityJsonSeq(text, options);
    const at = jsonErrorLocation(text, err);
    if (at.line === undefined || at.column === undefined) throw new CityJsonError(`invalid JSON: ${at.message}`, 'invalid-json');
    throw new CityJsonError(`invalid JSON at line ${at.line}, column ${at.column}: ${at.message}`, 'invalid-json', at.line, at.column);
  }
  return readCityJsonRoot(root, options, text);
}

/** Reads a CityJSONSeq (CityJSON Text Sequence, cityjson.org/cityjsonseq): a header line, then CityJSONFeature lines. */
export function readCityJsonSeq(text: string, options: CityJsonOptions = {}): CityJson {
  const parsed = parseJsonLines(text);
  const first = parsed.values[0];
  if (!isCityJsonRoot(first)) {
    const bad = parsed.badLines[0];
    if (bad && bad.index === 0) throw new CityJsonError(`invalid JSON at ${bad.message}`, 'invalid-json', bad.line, bad.column);
    throw new CityJsonError('not a CityJSONSeq: the first line must be the CityJSON header ("type": "CityJSON")', 'not-cityjson');
  }
  const header = readHeader(first);
  const chunks: Chunk[] = [];
  const early: CityJsonSkipped[] = [];
  const headerObjects = first['CityObjects'];
  if (isRecord(headerObjects) && Object.keys(headerObjects).length > 0) {
    chunks.push({ objects: headerObjects, xyz: realVertices(first['vertices'], header.transform, 'line 1 "vertices"'), line: parsed.lines[0]! });
  }
  let objectsSoFar = chunks.length > 0 ? Object.keys(chunks[0]!.objects).length : 0;
  for (let k = 1; k < parsed.values.length; k++) {
    const v = parsed.values[k];
    const line = parsed.lines[k]!;
    const bad = parsed.badLines.find((b) => b.index === k);
    if (bad) {
      early.push({ index: objectsSoFar, code: 'invalid-json-line', message: `invalid JSON at ${bad.message}`, detail: `line ${bad.line}, column ${bad.column}`, line: bad.line, column: bad.column });
      continue;
    }
    if (!isRecord(v) || v['type'] !== 'CityJSONFeature' || !isRecord(v['CityObjects'])) {
      early.push({ index: objectsSoFar, code: 'not-a-city-object', message: `line ${line} is not a CityJSONFeature with CityObjects`, detail: `line ${line}`, line });
      continue;
    }
    let xyz: Float64Array;
    try {
      xyz = realVertices(v['vertices'], header.transform, `line ${line} "vertices"`);
    } catch (err) {
      if (!(err instanceof CityJsonError)) throw err;
      early.push({ index: objectsSoFar, code: 'bad-vertex', message: err.message, detail: `line ${line}`, line });
      continue;
    }
    chunks.push({ objects: v['CityObjects'], xyz, line });
    objectsSoFar += Object.keys(v['CityObjects']).length;
  }
  return run(header, chunks, options, undefined, 'cityjsonseq', early);
}
