/**
 * Reading GeoJSON (RFC 7946) the way people write it: every valid document shape, and near-misses that
 * can only mean one thing, each with a located warning.
 *
 * Documents: a FeatureCollection, a single Feature, a bare geometry (one feature without properties), a
 * GeometryCollection at the top level (each member geometry one feature, numbered as the members are), or
 * a bare array of features. A Feature whose geometry is a GeometryCollection stays one feature (drawn by
 * every sub-layer that has its kind of member).
 * Near-misses loaded with a warning: a member name in the wrong case ("Type", "FEATURES", "Coordinates"),
 * a type value in the wrong case ("polygon"), a Feature without "type" (it has "geometry" or "properties"),
 * a geometry without "type" whose coordinates' nesting says which it is (1 deep: Point, 4 deep:
 * MultiPolygon), a geometry where a Feature belongs, a Feature without a "geometry" member (no location).
 * Ambiguous (an error, located): two spellings of one member with different values and none exact, a
 * geometry without "type" whose nesting fits two types (2 deep: LineString or MultiPoint; 3 deep: Polygon
 * or MultiLineString).
 * An exact member always wins: its case variants beside it are foreign members (RFC 7946 §6.1), ignored.
 * Locations are JSON paths into the document ("$.features[3].geometry.type").
 */

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;
const ALL_TYPES: readonly string[] = ['FeatureCollection', 'Feature', ...GEOMETRY_TYPES];
const BY_LOWER = new Map(ALL_TYPES.map((t) => [t.toLowerCase(), t]));

export type WarningCode = 'wrong-case' | 'missing-type' | 'geometry-as-feature' | 'missing-geometry' | 'no-features';

/** A near-miss that was read anyway: where (feature index, JSON path) and how it was read. */
export interface GeoJsonWarning {
  /** 0-based feature index; -1 for the document itself. */
  readonly index: number;
  /** JSON path of the member, e.g. `$.features[3].geometry.type`. */
  readonly path: string;
  readonly code: WarningCode;
  /** English message; the UI translates by `code` and shows `detail`. */
  readonly message: string;
  readonly detail?: string;
  /** 1-based line of a line-delimited file's feature. */
  readonly line?: number;
}

/** A member that cannot be read one way only: `path` says where. */
export class AmbiguousError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'AmbiguousError';
  }
}

/** Collects warnings for one feature (index) or the document (-1). */
export interface WarnSink {
  warn(w: GeoJsonWarning): void;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

class Reader {
  changed = false;
  constructor(private readonly index: number, private readonly sink: WarnSink, private readonly line: number | undefined) {}

  warn(code: WarningCode, path: string, message: string, detail?: string): void {
    this.changed = true;
    this.sink.warn({ index: this.index, path, code, message, ...(detail === undefined ? {} : { detail }), ...(this.line === undefined ? {} : { line: this.line }) });
  }

  /** Member `name` of `o`: the exact one, else its only case variant (warned); two different variants throw. */
  member(o: Obj, name: string, path: string): { value: unknown; key?: string } {
    if (Object.hasOwn(o, name)) return { value: o[name], key: name };
    let key: string | undefined;
    for (const k of Object.keys(o)) {
      if (k.length !== name.length || k.toLowerCase() !== name) continue;
      if (key !== undefined && !sameValue(o[key], o[k])) {
        throw new AmbiguousError(`${path}.${name}`, `${path}: both "${key}" and "${k}" could be "${name}", with different values`);
      }
      key ??= k;
    }
    if (key === undefined) return { value: undefined };
    this.warn('wrong-case', `${path}.${key}`, `${path}.${key}: read as "${name}" (member names are case-sensitive)`, `"${key}" → "${name}"`);
    return { value: o[key], key };
  }

  /** A type name, matched without regard to case (warned); anything else is returned as it is. */
  typeName(v: unknown, path: string): unknown {
    if (typeof v !== 'string' || ALL_TYPES.includes(v)) return v;
    const t = BY_LOWER.get(v.toLowerCase());
    if (t === undefined) return v;
    this.warn('wrong-case', `${path}.type`, `${path}.type: "${v.slice(0, 40)}" read as "${t}"`, `"${v.slice(0, 40)}" → "${t}"`);
    return t;
  }

  typeOf(o: Obj, path: string): unknown {
    return this.typeName(this.member(o, 'type', path).value, path);
  }

  geometry(g: unknown, path: string): unknown {
    if (!isObject(g)) return g;
    const before = this.changed;
    this.changed = false;
    let type = this.typeOf(g, path);
    const coords = this.member(g, 'coordinates', path);
    const members = this.member(g, 'geometries', path);
    if (type === undefined) {
      if (Array.isArray(members.value)) type = 'GeometryCollection';
      else if (coords.key !== undefined) type = typeFromDepth(coords.value, path);
      if (type !== undefined) this.warn('missing-type', `${path}.type`, `${path}: no "type"; read as ${String(type)} from its members`, String(type));
    }
    let geometries = members.value;
    if (type === 'GeometryCollection' && Array.isArray(geometries)) {
      const list = geometries as unknown[];
      const out = list.map((m, i) => this.geometry(m, `${path}.geometries[${i}]`));
      if (out.some((m, i) => m !== list[i])) {
        this.changed = true;
        geometries = out;
      }
    }
    const changed = this.changed;
    this.changed = before || changed;
    if (!changed) return g;
    const out: Obj = { type };
    if (type === 'GeometryCollection') out['geometries'] = geometries;
    else out['coordinates'] = coords.value;
    const bbox = this.member(g, 'bbox', path).value;
    if (bbox !== undefined) out['bbox'] = bbox;
    return out;
  }

  feature(f: unknown, path: string): unknown {
    if (!isObject(f)) return f;
    const type = this.typeOf(f, path);
    if (typeof type === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(type)) {
      this.warn('geometry-as-feature', path, `${path}: a ${type} geometry where a Feature belongs; read as a Feature without properties`, type);
      return featureOfGeometry(this.geometry(f, path));
    }
    if (type !== undefined && type !== 'Feature') return f; // another type: not a feature (listed as skipped)
    if (type === undefined) {
      const hasGeometry = hasMember(f, 'geometry');
      if (!hasGeometry && !hasMember(f, 'properties')) {
        if (!hasMember(f, 'coordinates') && !hasMember(f, 'geometries')) return f; // nothing says what it is
        const read = this.geometry(f, path);
        if (!isObject(read) || typeof read['type'] !== 'string') return f;
        this.warn('geometry-as-feature', path, `${path}: a geometry where a Feature belongs; read as a Feature without properties`, read['type']);
        return featureOfGeometry(read);
      }
      this.warn('missing-type', `${path}.type`, `${path}: no "type"; read as a Feature (it has ${hasGeometry ? '"geometry"' : '"properties"'})`, 'Feature');
    }
    const geometry = this.member(f, 'geometry', path);
    const properties = this.member(f, 'properties', path);
    let g: unknown = null;
    if (geometry.key === undefined) this.warn('missing-geometry', `${path}.geometry`, `${path}: no "geometry" member; kept without a location`);
    else g = this.geometry(geometry.value, `${path}.${geometry.key}`);
    if (!this.changed && g === geometry.value) return f;
    const id = this.member(f, 'id', path);
    const bbox = this.member(f, 'bbox', path);
    return {
      type: 'Feature',
      ...(id.key === undefined ? {} : { id: id.value }),
      ...(bbox.key === undefined ? {} : { bbox: bbox.value }),
      properties: properties.value === undefined ? null : properties.value,
      geometry: g,
    };
  }
}

/** Whether `o` has member `name` in any case. */
function hasMember(o: Obj, name: string): boolean {
  if (Object.hasOwn(o, name)) return true;
  for (const k of Object.keys(o)) if (k.length === name.length && k.toLowerCase() === name) return true;
  return false;
}

const SILENT: WarnSink = { warn: () => undefined };

/** The geometry type coordinates nested `depth` arrays deep can only be; ambiguous depths throw. */
function typeFromDepth(coords: unknown, path: string): string | undefined {
  let depth = 0;
  let c = coords;
  while (Array.isArray(c)) {
    depth++;
    c = c[0];
  }
  if (typeof c !== 'number') return undefined;
  if (depth === 1) return 'Point';
  if (depth === 4) return 'MultiPolygon';
  const could = depth === 2 ? 'LineString or MultiPoint' : depth === 3 ? 'Polygon or MultiLineString' : undefined;
  if (could === undefined) return undefined;
  throw new AmbiguousError(`${path}.type`, `${path}: no "type", and coordinates nested ${depth} deep could be a ${could}`);
}

/**
 * One element of a features array (or one line of a line-delimited file) as a Feature: the same object
 * when nothing needed reading leniently, else a new one; warnings go to `sink`. Throws AmbiguousError.
 * Anything that is not a feature at all is returned as it is (the builders list it as not a feature).
 */
export function readFeature(value: unknown, index: number, path: string, sink: WarnSink, line?: number): unknown {
  return new Reader(index, sink, line).feature(value, path);
}

/** What the top level of a GeoJSON document holds, read leniently: the features (not yet read one by one), or a refusal. */
export type RootRead =
  | { readonly kind: 'features'; readonly features: unknown; readonly path: string; readonly crs?: unknown; readonly name?: unknown }
  /** One Feature, a bare geometry, or a GeometryCollection's members: already read as features. */
  | { readonly kind: 'read'; readonly features: unknown[]; readonly crs?: unknown; readonly name?: unknown }
  | { readonly kind: 'unknown'; readonly type: unknown };

/**
 * The top level of a document (an object; a bare array is the caller's). A FeatureCollection's features are
 * left for the caller to read one by one (`readFeature`, paths under `path`); a single Feature, a bare
 * geometry and a top-level GeometryCollection's members come back read, numbered from 0. Warnings about
 * the document itself have index -1. Throws AmbiguousError when two spellings of a member disagree.
 */
export function readRoot(root: Readonly<Record<string, unknown>>, sink: WarnSink): RootRead {
  const o = root as Obj;
  // What the document is, found without warnings; then read once more, warning as it goes.
  const probe = new Reader(-1, SILENT, undefined);
  let type = probe.typeOf(o, '$');
  if (type === undefined) {
    if (Array.isArray(probe.member(o, 'features', '$').value)) type = 'FeatureCollection';
    else if (hasMember(o, 'geometry') || hasMember(o, 'properties')) type = 'Feature';
    else if (hasMember(o, 'geometries')) type = 'GeometryCollection';
    else if (hasMember(o, 'coordinates')) type = 'geometry';
  }
  const r = new Reader(-1, sink, undefined);
  const crs = probe.member(o, 'crs', '$').value;
  const name = o['name'];
  const extra = { ...(crs === undefined ? {} : { crs }), ...(name === undefined ? {} : { name }) };
  if (type === 'FeatureCollection') {
    if (r.typeOf(o, '$') === undefined) r.warn('missing-type', '$.type', '$: no "type"; read as a FeatureCollection (it has a "features" array)', 'FeatureCollection');
    r.member(o, 'crs', '$');
    const features = r.member(o, 'features', '$');
    return { kind: 'features', features: features.value, path: `$.${features.key ?? 'features'}`, ...extra };
  }
  if (type === 'Feature') return { kind: 'read', features: [new Reader(0, sink, undefined).feature(o, '$')], ...extra };
  if (type === 'GeometryCollection') {
    if (r.typeOf(o, '$') === undefined) r.warn('missing-type', '$.type', '$: no "type"; read as a GeometryCollection (it has "geometries")', 'GeometryCollection');
    const members = r.member(o, 'geometries', '$');
    if (Array.isArray(members.value)) {
      const at = `$.${members.key ?? 'geometries'}`;
      return { kind: 'read', features: (members.value as unknown[]).map((g, i) => featureOfGeometry(new Reader(i, sink, undefined).geometry(g, `${at}[${i}]`))), ...extra };
    }
    return { kind: 'read', features: [featureOfGeometry(new Reader(0, sink, undefined).geometry(o, '$'))], ...extra };
  }
  if (type === 'geometry' || (typeof type === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(type))) {
    const g = new Reader(0, sink, undefined).geometry(o, '$');
    if (isObject(g) && typeof g['type'] === 'string') return { kind: 'read', features: [featureOfGeometry(g)], ...extra };
    return { kind: 'unknown', type: undefined };
  }
  return { kind: 'unknown', type };
}

/** A bare geometry as a Feature without properties. */
export function featureOfGeometry(geometry: unknown): unknown {
  return { type: 'Feature', properties: {}, geometry };
}

/** A list of warnings that keeps the first `max` and counts them all. */
export class WarningList implements WarnSink {
  readonly list: GeoJsonWarning[] = [];
  count = 0;
  constructor(private readonly max = MAX_WARNINGS) {}
  warn(w: GeoJsonWarning): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(w);
  }
}

/** Warnings kept per file (the count is always complete). */
export const MAX_WARNINGS = 500;
