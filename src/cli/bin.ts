/**
 * Entry of the built command line (dist/cli/bin.cjs, see vite.cli.config.ts): loads only the module of
 * the command asked for, so `cli assign` does not parse the carbon, tiles or hydrogen code and their
 * dependencies at start-up. Help, no command or an unknown one go through main.ts, which lists them all.
 */
import { type CliIo, type Command, processIo, runCommand } from './command.ts';

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
    return runCommand(await load(), rest, io);
  }
  const { main } = await import('./main.ts');
  return main(argv, io);
}

const io = processIo();
runCli(process.argv.slice(2), io).then(
  // Output went out synchronously (processIo), so the process leaves at once: winding down by itself
  // adds a last collection and the heap's teardown, 5–12 ms on Sioux Falls (a third of its solve).
  (code) => process.exit(code),
  (error: unknown) => {
    io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  },
);
