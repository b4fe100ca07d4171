/**
 * CityTwin command line: `npm run --silent cli -- <command> [options]`.
 * A dispatcher over subcommands, one per file; each reuses src/core only. Errors go to stderr with a
 * non-zero exit status (1: bad or unreadable file, 2: bad arguments).
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { assignCommand } from './assign.ts';
import { carbonCommand } from './carbon.ts';
import { hydrogenCommand } from './hydrogen.ts';
import { scenarioCommand } from './scenario.ts';
import { EXIT_OK, EXIT_USAGE, processIo, runCommand } from './command.ts';
import type { CliIo, Command } from './command.ts';
import { tilesCommand } from './tiles.ts';
import { sunlightCommand } from './sunlight.ts';

/** Registered subcommands (each made with defineCommand, command.ts). */
export const COMMANDS: readonly Command[] = [assignCommand, carbonCommand, tilesCommand, hydrogenCommand, scenarioCommand, sunlightCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: cli <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'cli <command> --help' for the options of a command.`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(`${usage()}\n`);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(`${usage()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`error: unknown command '${name}'\n\n${usage()}\n`);
    return EXIT_USAGE;
  }
  return runCommand(command, rest, io);
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  const io = processIo();
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
