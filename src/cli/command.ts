/**
 * What every CLI subcommand shares: the output channels, the command skeleton (`defineCommand`: options
 * parsed strictly, -h/--help, usage errors), exit statuses and small argument helpers. Subcommands live
 * one per file (assign, carbon, hydrogen, tiles, scenario) and are listed in main.ts, which runs them
 * with `runCommand`.
 */
import { closeSync, fstatSync, openSync, read, readFileSync, writeSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';

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
 * The bytes of an input file, read on node's thread pool while the caller does other work. The file is
 * opened and sized now, so a missing or unreadable one throws here, the InputError readBytesFile gives;
 * the bytes come in one read request (node's readFile reads in 512 KiB steps, each started from the
 * main thread, so it would wait for the caller's work between steps). What is not a regular file (a
 * pipe, a directory) is read by readBytesFile, now. `cli assign` reads its trip table this way while it
 * parses the network: on the 25k-link bench grid the 6.7 MB table takes about 20 ms to read here.
 */
export function readBytesFileInBackground(option: string, path: string): Promise<Buffer> {
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable(option, path, error);
  }
  try {
    const stat = fstatSync(fd);
    size = stat.isFile() ? stat.size : -1;
  } catch (error) {
    closeSync(fd);
    throw unreadable(option, path, error);
  }
  if (size < 0) {
    closeSync(fd);
    return Promise.resolve(readBytesFile(option, path));
  }
  const bytes = Buffer.allocUnsafe(size);
  return new Promise<Buffer>((resolve, reject) => {
    const from = (at: number): void => {
      if (at === size) {
        closeSync(fd);
        resolve(bytes);
        return;
      }
      read(fd, bytes, at, size - at, at, (error, count) => {
        if (error !== null || count === 0) {
          closeSync(fd);
          // A file cut short while being read gives what it held.
          if (error === null) resolve(bytes.subarray(0, at));
          else reject(unreadable(option, path, error));
          return;
        }
        from(at + count);
      });
    };
    from(0);
  });
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
