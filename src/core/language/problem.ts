/**
 * What is wrong with a file, in words the viewer can say in either language: a message key and its
 * parameters, a parameter being plain text, a number, or a problem of its own (a cause, told in the
 * same language). The errors the readers throw (GeoJsonError, CityJsonError, CrsError, FileError,
 * TntpParseError) carry one as `problem`, and their `message` is its English text (`problemMessage`),
 * which the command line and logs show; the viewer says it with `problemText` (problemText.ts).
 * `problemOf` reads one back from an error that came from a worker (workers/problems.ts sends it).
 *
 * Only the English of these messages is loaded here (load.en.ts), not the interface's catalogs:
 * `cli assign` reads its files through these readers, and the catalogs (115 KB of source) added about
 * 19 ms to its start.
 */
import { loadEn } from './messages/load.en.ts';
import { fillSlots } from './slots.ts';

/** The messages a problem can be: those of load.en.ts (and load.ko.ts). */
export type ProblemKey = keyof typeof loadEn;

export interface Problem {
  readonly key: ProblemKey;
  readonly params?: ProblemParams;
}

export type ProblemParams = Readonly<Record<string, string | number | Problem>>;

export function problem(key: ProblemKey, params?: ProblemParams): Problem {
  return params === undefined ? { key } : { key, params };
}

/**
 * A problem's message with `{name}` slots filled as plain text (never markup), its causes said by `say`;
 * `template` gives each key's words in the language wanted.
 */
export function fillProblem(p: Problem, template: (key: ProblemKey) => string, say: (cause: Problem) => string): string {
  const params = p.params ?? {};
  return fillSlots(template(p.key), (name) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) return undefined;
    return typeof value === 'object' ? say(value) : String(value);
  });
}

/** The problem in English, its causes too: the `message` of the errors that carry it. */
export function problemMessage(p: Problem): string {
  return fillProblem(p, (key) => loadEn[key], problemMessage);
}

function isProblemKey(key: string): key is ProblemKey {
  return Object.prototype.hasOwnProperty.call(loadEn, key);
}

/** An error whose message is a problem's English text; the base of errors that need no code of their own. */
export class FileError extends Error {
  readonly problem: Problem;

  constructor(p: Problem) {
    super(problemMessage(p));
    this.name = 'FileError';
    this.problem = p;
  }
}

/** How deep causes may nest in a problem read back from a worker. */
const MAX_DEPTH = 4;

function readProblem(value: unknown, depth: number): Problem | undefined {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !isProblemKey(key)) return undefined;
  if (params === undefined) return { key };
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
  // No prototype: a parameter named "__proto__" from a forged error stays a parameter.
  const out: Record<string, string | number | Problem> = Object.create(null) as Record<string, string | number | Problem>;
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
