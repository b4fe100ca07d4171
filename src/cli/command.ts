/**
 * What every CLI subcommand shares: the output channels, the command shape, usage errors and small
 * argument helpers. Subcommands live one per file (assign.ts; later carbon, hydrogen, tiles) and are
 * listed in main.ts.
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface CliIo {
  /** Standard output (the command's result). */
  out(text: string): void;
  /** Standard error (messages for people). */
  err(text: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the exit status. Throws UsageError for bad arguments, InputError for bad files. */
  run(args: readonly string[], io: CliIo): Promise<number> | number;
}

/** Bad command-line arguments: exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file that cannot be read, parsed or written: exit status 1. */
export class InputError extends Error {
  override name = 'InputError';
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** Parse a number option; `min` and `strict` give the allowed range. */
export function numberOption(name: string, text: string | undefined, fallback: number, min: number, strict = false): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (strict ? value <= min : value < min)) {
    throw new UsageError(`--${name} must be a number ${strict ? '>' : '>='} ${min}, got '${text}'`);
  }
  return value;
}

/** Parse a non-negative integer option. */
export function integerOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) {
    throw new UsageError(`--${name} must be an integer >= 0, got '${text}'`);
  }
  return value;
}

/** Read a text file named by option `--name`, or throw an InputError naming both. */
export function readTextFile(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot read --${option} file '${path}': ${reason}`);
  }
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options strictly (no positionals); a bad or unknown option is a UsageError. */
export function parseOptions<const O extends OptionSpecs>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
