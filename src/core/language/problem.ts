/**
 * What is wrong with a file, in words the viewer can say in either language: a message key and its
 * parameters, a parameter being plain text, a number, or a problem of its own (a cause, told in the
 * same language). The errors the readers throw (GeoJsonError, CityJsonError, CrsError, FileError) carry
 * one as `problem`, and their `message` is its English text, which the command line and logs show.
 * `problemOf` reads one back from an error that came from a worker (workers/problems.ts sends it).
 */
import { type Language, type MessageKey, isMessageKey, translate } from './index.ts';

export interface Problem {
  readonly key: MessageKey;
  readonly params?: ProblemParams;
}

export type ProblemParams = Readonly<Record<string, string | number | Problem>>;

export function problem(key: MessageKey, params?: ProblemParams): Problem {
  return params === undefined ? { key } : { key, params };
}

/** The problem in `lang`, its causes too. Parameters are substituted as plain text, never markup. */
export function problemText(lang: Language, p: Problem): string {
  if (p.params === undefined) return translate(lang, p.key);
  const flat: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p.params)) flat[name] = typeof value === 'object' ? problemText(lang, value) : value;
  return translate(lang, p.key, flat);
}

/** An error whose message is a problem's English text; the base of errors that need no code of their own. */
export class FileError extends Error {
  readonly problem: Problem;

  constructor(p: Problem) {
    super(problemText('en', p));
    this.name = 'FileError';
    this.problem = p;
  }
}

/** How deep causes may nest in a problem read back from a worker. */
const MAX_DEPTH = 4;

function readProblem(value: unknown, depth: number): Problem | undefined {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !isMessageKey(key)) return undefined;
  if (params === undefined) return { key };
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
  const out: Record<string, string | number | Problem> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'string' || typeof v === 'number') out[name] = v;
    else {
      const inner = readProblem(v, depth + 1);
      if (inner === undefined) return undefined;
      out[name] = inner;
    }
  }
  return { key, params: out };
}

/**
 * The problem an error carries (`problem`, as the readers' errors have it, and as an error from a
 * worker has it once copied over), checked: a known message key, parameters of text, numbers or
 * problems. Undefined for any other error, which the viewer then shows by its message.
 */
export function problemOf(error: unknown): Problem | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  return readProblem((error as { problem?: unknown }).problem, 0);
}
