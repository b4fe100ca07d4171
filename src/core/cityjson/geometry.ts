/** CityJSON reading, object level: the surfaces of an object's highest-LoD geometry, for its footprint and heights. */
import { type Surface } from './footprint.ts';

import { ObjectError, isRecord } from './header.ts';

export const SURFACE_DEPTH: Readonly<Record<string, number>> = {
  MultiSurface: 1,
  CompositeSurface: 1,
  Solid: 2,
  MultiSolid: 3,
  CompositeSolid: 3,
};
export const SUPPORTED_GEOMETRY = Object.keys(SURFACE_DEPTH).join(', ');

export interface ObjectGeometry {
  readonly surfaces: Surface[];
  readonly zMin: number;
  readonly zMax: number;
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The surfaces of an object's highest-LoD drawable geometry, or null when it has no geometry at all. */
export function readGeometry(id: string, obj: Record<string, unknown>, xyz: Float64Array): ObjectGeometry | null {
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
