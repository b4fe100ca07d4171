/**
 * A file's problem (problem.ts) in the interface's language, for the viewer. Apart from problem.ts, so
 * that the readers, which the command line runs too, do not load the interface's catalogs.
 */
import { type Language, translate } from './index.ts';
import { type Problem, fillProblem } from './problem.ts';

/** The problem in `lang`, its causes too. Parameters are substituted as plain text, never markup. */
export function problemText(lang: Language, p: Problem): string {
  return fillProblem(p, (key) => translate(lang, key), (cause) => problemText(lang, cause));
}
