/**
 * Entry of the built command line (dist/cli/bin.js, see vite.cli.config.ts): loads only the module of
 * the command asked for, so `cli assign` does not parse the carbon, tiles or hydrogen code and their
 * dependencies at start-up. Help, no command or an unknown one go through main.ts, which lists them all.
 */
import type { CliIo, Command } from './command.ts';

/**
 * Command name -> its module, loaded on demand; a subset of main.ts COMMANDS (tests/cli/assign.test.ts).
 * A command not listed here still runs, through main.ts.
 */
export const LAZY_COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  assign: async () => (await import('./assign.ts')).assignCommand,
  carbon: async () => (await import('./carbon.ts')).carbonCommand,
  tiles: async () => (await import('./tiles.ts')).tilesCommand,
  hydrogen: async () => (await import('./hydrogen.ts')).hydrogenCommand,
  scenario: async () => (await import('./scenario.ts')).scenarioCommand,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const load = name !== undefined && Object.hasOwn(LAZY_COMMANDS, name) ? LAZY_COMMANDS[name] : undefined;
  if (load !== undefined) {
    const [command, { runCommand }] = await Promise.all([load(), import('./command.ts')]);
    return runCommand(command, rest, io);
  }
  const { main } = await import('./main.ts');
  return main(argv, io);
}

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    // Leave as soon as both streams are flushed: letting the process wind down by itself adds a last
    // collection and the heap's teardown, 5–12 ms on Sioux Falls (a third of its solve).
    process.stderr.write('', () => process.stdout.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
