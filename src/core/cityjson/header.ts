/** CityJSON reading, file level: the header (version, transform, CRS), real vertex coordinates and the CRS decision. */
import { problem } from '../language/problem.ts';
import { type CrsCode, type CrsGuess, CrsError, DECLARED_ONLY_CRS_CODES, HORIZONTAL_CRS_OF, inferCrs } from '../crs/index.ts';
import { horizontalCrsFromName } from './crs.ts';

import { CityJsonError, type CityJsonSkipCode, type CityJsonCrsHow } from './types.ts';

export class ObjectError extends Error {
  constructor(
    readonly code: CityJsonSkipCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface Transform {
  readonly scale: readonly [number, number, number];
  readonly translate: readonly [number, number, number];
}

/** One batch of objects sharing a vertex list: the whole file, or one CityJSONSeq line. */
export interface Chunk {
  readonly objects: Record<string, unknown>;
  /** x, y, z per vertex in CRS units; NaN for a vertex that is not three finite numbers. */
  readonly xyz: Float64Array;
  readonly line?: number;
}

export interface Header {
  readonly version: string;
  readonly transform?: Transform;
  readonly referenceSystem?: string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function numberOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function triple(v: unknown): [number, number, number] | undefined {
  if (!Array.isArray(v) || v.length < 3) return undefined;
  const [a, b, c] = v as unknown[];
  return typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c)
    ? [a, b, c]
    : undefined;
}

export function readHeader(root: Record<string, unknown>): Header {
  const version = typeof root['version'] === 'string' ? root['version'] : String(root['version'] ?? '');
  let transform: Transform | undefined;
  if (root['transform'] !== undefined) {
    const t = root['transform'];
    const scale = isRecord(t) ? triple(t['scale']) : undefined;
    const translate = isRecord(t) ? triple(t['translate']) : undefined;
    if (!scale || !translate) throw new CityJsonError(problem('load.cityjsonTransform'), 'bad-transform');
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

export function realVertices(vertices: unknown, t: Transform | undefined, where: string): Float64Array {
  if (!Array.isArray(vertices)) throw new CityJsonError(problem('load.cityjsonVertices', { where }), 'bad-vertices');
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
export function sampleXY(chunks: readonly Chunk[], max = 2000): number[] {
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

export function decideCrs(choice: CrsCode | 'auto', header: Header, chunks: readonly Chunk[]): { crs: CrsCode; crsHow: CityJsonCrsHow; crsGuess?: CrsGuess } {
  if (choice !== 'auto') return { crs: choice, crsHow: 'given' };
  if (header.referenceSystem !== undefined) {
    try {
      return { crs: horizontalCrsFromName(header.referenceSystem), crsHow: 'declared' };
    } catch (err) {
      if (!(err instanceof CrsError)) throw err;
      const also = [...DECLARED_ONLY_CRS_CODES.map((c) => `EPSG:${c}`), ...[...HORIZONTAL_CRS_OF.keys()].map((c) => `EPSG:${c}`)].join(', ');
      throw new CityJsonError(problem('load.cityjsonCrsDeclared', { cause: err.problem, also }), 'unsupported-crs');
    }
  }
  const xy = sampleXY(chunks);
  if (xy.length === 0) return { crs: 4326, crsHow: 'default' };
  let guess: CrsGuess;
  try {
    guess = inferCrs(xy);
  } catch (err) {
    if (!(err instanceof CrsError)) throw err;
    throw new CityJsonError(problem('load.cityjsonCrsUnknown', { cause: err.problem }), 'unknown-crs');
  }
  if (guess.code === 4326) return { crs: 4326, crsHow: 'default', crsGuess: guess };
  if (guess.confidence === 'ambiguous') {
    const names = guess.candidates.slice(0, 4).map((c) => `EPSG:${c.code}`).join(', ');
    throw new CityJsonError(problem('load.cityjsonCrsAmbiguous', { candidates: names }), 'unknown-crs');
  }
  return { crs: guess.code, crsHow: 'inferred', crsGuess: guess };
}
