/**
 * What every CLI subcommand shares: the output channels, the command skeleton (`defineCommand`: options
 * parsed strictly, -h/--help, usage errors), exit statuses and small argument helpers. Subcommands live
 * one per file (assign, carbon, hydrogen, tiles, scenario) and are listed in main.ts, which runs them
 * with `runCommand`.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ByteReader } from '../core/traffic/assign/tntp-bytes.ts';

export interface CliIo {
  /** Standard output (the command's result). */
  out(text: string): void;
  /** Standard error (messages for people). */
  err(text: string): void;
}

/** Blocks for a millisecond (writeAll waiting on a full non-blocking pipe). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to file descriptor `fd`, synchronously. Returns false when the reader has gone
 * (EPIPE, as in `cli … | head`): the rest of the output is dropped, not an error.
 */
function writeAll(fd: number, text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
  return true;
}

/**
 * The process's standard output and error as a CliIo. Written with writeSync, which is what
 * process.stdout does for files and pipes on Linux anyway, but without building node's stream objects
 * first (about 5 ms each at start-up, a tenth of a small run's overhead).
 */
export function processIo(): CliIo {
  let outOpen = true;
  let errOpen = true;
  return {
    out: (text) => {
      outOpen &&= writeAll(1, text);
    },
    err: (text) => {
      errOpen &&= writeAll(2, text);
    },
  };
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
  return readBytesFile(option, path).toString('utf8');
}

/** The InputError for input file `path` of option `--option` that could not be read. */
function unreadable(option: string, path: string, error: unknown): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InputError(`cannot read --${option} file '${path}': ${reason}`);
}

/** The bytes of an input file; an unreadable one is an InputError naming the option. */
export function readBytesFile(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadable(option, path, error);
  }
}

/**
 * Reads input file `path` of option `--option` with `parse`, which takes it from the start a piece at
 * a time through `reader` (so a large file needs no buffer of its own size) and, should it need them,
 * the whole file's bytes from `whole`. A missing or unreadable file, or one that fails while being
 * read, is the InputError readBytesFile gives. What is not a regular file (a pipe) is read whole first,
 * once.
 * `cli assign` reads its network and trip table this way (tntp-bytes.ts parseTntpTripsFrom says why).
 */
export function readInputFile<T>(
  option: string,
  path: string,
  parse: (reader: ByteReader, whole: () => Uint8Array) => T,
): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable(option, path, error);
  }
  try {
    let size: number;
    try {
      const stat = fstatSync(fd);
      size = stat.isFile() ? stat.size : -1;
    } catch (error) {
      throw unreadable(option, path, error);
    }
    if (size < 0) {
      // A pipe is read once, from the descriptor already open (opening it again would wait for another
      // writer): the parser's whole file is these bytes.
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(fd);
      } catch (error) {
        throw unreadable(option, path, error);
      }
      return parse(bytesReader(bytes), () => bytes);
    }
    const whole = (): Uint8Array => readBytesFile(option, path);
    const reader: ByteReader = {
      size,
      read(into, offset, length) {
        try {
          return readSync(fd, into, offset, length, null);
        } catch (error) {
          throw unreadable(option, path, error);
        }
      },
    };
    return parse(reader, whole);
  } finally {
    closeSync(fd);
  }
}

/** A ByteReader over bytes already in memory. */
function bytesReader(bytes: Uint8Array): ByteReader {
  let at = 0;
  return {
    size: bytes.length,
    read(into, offset, length) {
      const count = Math.min(length, bytes.length - at);
      into.set(bytes.subarray(at, at + count), offset);
      at += count;
      return count;
    },
  };
}

/** Option specs as node's parseArgs takes them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options strictly (no positionals); a bad or unknown option is a UsageError. */
export function parseOptions<const O extends OptionSpecs>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The option values `parseOptions` gives for option specs `O`. */
export type OptionValues<O extends OptionSpecs> = ReturnType<typeof parseOptions<O>>;

/** -h/--help: every command has it. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpecs;

export interface CommandSpec<O extends OptionSpecs, A> {
  readonly name: string;
  /** One line for `cli --help`. */
  readonly summary: string;
  /** The text of `cli <name> --help`. */
  readonly usage: string;
  /** The command's options (`--name value` or flags; no positionals); -h/--help is added. */
  readonly options: O;
  /** Checks the option values and turns them into the command's arguments; throws UsageError for bad ones. */
  readonly parse: (values: OptionValues<O>) => A;
  /** Does the work; returns the exit status. Throws UsageError for bad arguments, InputError for bad files. */
  readonly run: (args: A, io: CliIo) => Promise<number> | number;
}

/**
 * A subcommand from its parts. Every command opens the same way: the options are parsed strictly (an
 * unknown option, a missing value or a positional is a UsageError), -h/--help prints the usage on stdout
 * with exit status 0, then `parse` checks the values and `run` does the work.
 */
export function defineCommand<const O extends OptionSpecs, A>(spec: CommandSpec<O, A>): Command {
  const options = { ...spec.options, ...HELP_OPTION };
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    run: (args, io) => {
      const values = parseOptions(args, options) as OptionValues<O> & { readonly help?: boolean };
      if (values.help === true) {
        io.out(`${spec.usage}\n`);
        return EXIT_OK;
      }
      return spec.run(spec.parse(values), io);
    },
  };
}

/**
 * Runs a command and turns its errors into exit statuses, the same for every command: a UsageError is
 * status 2 with a pointer to the command's help, an InputError status 1; anything else is a bug and is
 * thrown on.
 */
export async function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${command.name}: ${error.message}\nRun 'cli ${command.name} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.err(`error: ${error.message}\n`);
      return EXIT_INPUT;
    }
    throw error;
  }
}
