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
import { problem } from '../language/problem.ts';
import { type CrsCode, toWgs84 } from '../crs/index.ts';
import { firstLineObject, jsonErrorLocation, jsonProblem, lineColumn, parseJsonLines } from '../geo/index.ts';
import { type FootprintMethod, footprintOf } from './footprint.ts';

import { CityJsonError, type CityJsonSkipped, type CityJsonFeature, type CityJsonObjects, type CityJson, type CityJsonOptions, GROUND_ATTRIBUTES, ROOF_HEIGHT_ATTRIBUTES, ON_GROUND_TOLERANCE_M } from './types.ts';
import { ObjectError, type Chunk, type Header, isRecord, numberOf, readHeader, realVertices, decideCrs } from './header.ts';
import { type ObjectGeometry, stringList, readGeometry } from './geometry.ts';

export * from './types.ts';

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
  if (!isRecord(root)) throw new CityJsonError(problem('load.cityjsonNotObject'), 'not-cityjson');
  if (root['type'] === 'CityJSONFeature') {
    throw new CityJsonError(problem('load.cityjsonFeature'), 'not-cityjson');
  }
  if (root['type'] !== 'CityJSON') {
    const t = root['type'];
    const p = typeof t === 'string' ? problem('load.cityjsonType', { type: t.slice(0, 40) }) : problem('load.cityjsonNoTypeName');
    throw new CityJsonError(p, 'not-cityjson');
  }
  const objects = root['CityObjects'];
  if (!isRecord(objects)) throw new CityJsonError(problem('load.cityjsonObjectsMember'), 'not-cityjson');
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
  if (text.trim() === '') throw new CityJsonError(problem('load.empty'), 'empty');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    if (firstLineObject(text)?.['type'] === 'CityJSON') return readCityJsonSeq(text, options);
    const at = jsonErrorLocation(text, err);
    throw new CityJsonError(jsonProblem(at), 'invalid-json', at.line, at.column);
  }
  return readCityJsonRoot(root, options, text);
}

/** Reads a CityJSONSeq (CityJSON Text Sequence, cityjson.org/cityjsonseq): a header line, then CityJSONFeature lines. */
export function readCityJsonSeq(text: string, options: CityJsonOptions = {}): CityJson {
  const parsed = parseJsonLines(text);
  const first = parsed.values[0];
  if (!isCityJsonRoot(first)) {
    const bad = parsed.badLines[0];
    if (bad && bad.index === 0) {
      throw new CityJsonError(problem('load.jsonAt', { line: bad.line, column: bad.column, reason: bad.reason }), 'invalid-json', bad.line, bad.column);
    }
    throw new CityJsonError(problem('load.cityjsonSeqHeader'), 'not-cityjson');
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
