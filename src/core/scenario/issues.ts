/**
 * Problems with a scenario file, in words of our own and in the user's language: each has a JSON path, a
 * code and its parameters, and an English `message` (the command line's, and what logs and tests read).
 * The viewer shows `issueText(language, issue)`. Schema problems come from valibot; they are reworded here
 * ("$.traffic.lanes: is required", not valibot's "Invalid key: Expected "lanes" but received undefined").
 */
import type * as v from 'valibot';
import { jsonErrorLocation } from '../geo/index.ts';
import { type Language, type MessageKey, type MessageParams, translate } from '../language/index.ts';

export const ISSUE_CODES = [
  'required', 'unknownField', 'type', 'oneOf', 'min', 'max', 'above', 'integer', 'finite', 'empty', 'minLength',
  'maxLength', 'minItems', 'maxItems', 'hash', 'unique', 'notObject', 'newerVersion', 'notScenario', 'invalidJson',
  'invalidJsonAt', 'noLink', 'noZone', 'noDistrict', 'noShare', 'badShare', 'other',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Kinds of value a field can require (`type`), each named in both languages. */
export const VALUE_KINDS = ['number', 'string', 'boolean', 'array', 'object', 'lonLat'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** What a list holds at most once (`unique`), each named in both languages. */
export const UNIQUE_WHATS = ['zone', 'link', 'stationId', 'station'] as const;
export type UniqueWhat = (typeof UNIQUE_WHATS)[number];

/** One problem with a scenario file: where (a JSON path from $) and what. */
export interface ScenarioIssue {
  readonly path: string;
  readonly code: IssueCode;
  /** Values for the message; `expected` of `type` is a ValueKind, `what` of `unique` a UniqueWhat. */
  readonly params: MessageParams;
  /** In English. */
  readonly message: string;
}

/** The issue's message in `lang`. */
export function issueText(lang: Language, issue: Pick<ScenarioIssue, 'code' | 'params'>): string {
  const p = issue.params;
  const named: Record<string, string | number> = { ...p };
  if (issue.code === 'type' && typeof p['expected'] === 'string') named['expected'] = translate(lang, `scenario.issue.kind.${p['expected']}` as MessageKey);
  if (issue.code === 'unique' && typeof p['what'] === 'string') named['what'] = translate(lang, `scenario.issue.what.${p['what']}` as MessageKey);
  return translate(lang, `scenario.issue.${issue.code}` as MessageKey, named);
}

export function scenarioIssue(path: string, code: IssueCode, params: MessageParams = {}): ScenarioIssue {
  return { path, code, params, message: issueText('en', { code, params }) };
}

/** The issue of a file's text that JSON.parse refused with `err`: at `$`, with its line and column where known. */
export function jsonSyntaxIssue(text: string, err: unknown): ScenarioIssue {
  const at = jsonErrorLocation(text, err);
  return at.line !== undefined
    ? scenarioIssue('$', 'invalidJsonAt', { line: at.line, column: at.column ?? 0, detail: at.message })
    : scenarioIssue('$', 'invalidJson', { detail: at.message });
}

/** JSON path of a valibot issue: $.a.b[2]["odd key"]. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '$';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** valibot's schema types → the kind of value they want. */
const KIND_OF: Readonly<Record<string, ValueKind>> = {
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  strict_object: 'object',
  record: 'object',
  tuple: 'lonLat',
};

/** A valibot `expected` list ("(\"ttw\" | \"wtw\")", "\"citytwin.scenario\"") as "ttw, wtw". */
function options(expected: string): string {
  return expected
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((o) => o.replace(/^"(.*)"$/, '$1'))
    .join(', ');
}

/** A schema check's issue (valibot), reworded. `unique` checks carry the UniqueWhat as their message. */
export function fromValibot(issue: v.BaseIssue<unknown>): ScenarioIssue {
  const path = issuePath(issue);
  const got = issue.received;
  const requirement = (issue as { requirement?: unknown }).requirement;
  const n = typeof requirement === 'number' ? requirement : Number.NaN;
  const text = typeof issue.input === 'string';
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return scenarioIssue(path, 'unknownField');
      if (got === 'undefined' && issue.expected?.startsWith('"')) return scenarioIssue(path, 'required');
      break;
    case 'literal':
    case 'picklist':
      return scenarioIssue(path, 'oneOf', { options: options(issue.expected ?? ''), got });
    case 'min_value':
      return scenarioIssue(path, 'min', { min: n, got });
    case 'max_value':
      return scenarioIssue(path, 'max', { max: n, got });
    case 'gt_value':
      return scenarioIssue(path, 'above', { min: n, got });
    case 'integer':
      return scenarioIssue(path, 'integer', { got });
    case 'finite':
      return scenarioIssue(path, 'finite', { got });
    case 'min_length':
      if (text && n === 1) return scenarioIssue(path, 'empty');
      return scenarioIssue(path, text ? 'minLength' : 'minItems', { n, got });
    case 'max_length':
      return scenarioIssue(path, text ? 'maxLength' : 'maxItems', { n, got });
    case 'regex':
      return scenarioIssue(path, 'hash', { got });
    case 'check_items':
      if ((UNIQUE_WHATS as readonly string[]).includes(issue.message)) return scenarioIssue(path, 'unique', { what: issue.message });
      break;
    default:
      break;
  }
  const kind = KIND_OF[issue.type];
  if (kind !== undefined && issue.kind === 'schema') return scenarioIssue(path, 'type', { expected: kind, got });
  return scenarioIssue(path, 'other', { detail: issue.message });
}
