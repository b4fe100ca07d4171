/**
 * `assign`: static user-equilibrium traffic assignment of a TNTP network and trip table.
 * Prints one JSON object on stdout; `--flows-out` writes a TNTP flow file (from, to, volume in veh/h,
 * generalized cost in the network's time unit).
 */
import { writeFileSync } from 'node:fs';
import {
  TntpParseError,
  assign,
  buildDemand,
  buildNetwork,
  findLink,
  formatTntpFlow,
  parseTntpNetFrom,
  parseTntpTripsFrom,
} from '../core/traffic/assign/index.ts';
import type { AssignMethod } from '../core/traffic/assign/index.ts';
import { EXIT_OK, InputError, UsageError, defineCommand, integerOption, numberOption, readInputFile } from './command.ts';
import type { CliIo, Command, OptionSpecs, OptionValues } from './command.ts';

const USAGE = `Usage: cli assign --net <net.tntp> --trips <trips.tntp> [options]

Static user-equilibrium assignment with BPR link costs (TNTP files).

Options:
  --net <file>             TNTP network (_net.tntp)                          (required)
  --trips <file>           TNTP trip table (_trips.tntp)                     (required)
  --method b|cfw|fw        b: Algorithm B (default); cfw: conjugate Frank-Wolfe; fw: Frank-Wolfe
  --gap <G>                stop at this relative gap (default 1e-6)
  --max-iter <N>           stop after N iterations (default 1000)
  --toll-factor <F>        time units per toll unit in the generalized cost (default 0)
  --distance-factor <F>    time units per length unit in the generalized cost (default 0)
  --demand-scale <F>       multiply every OD flow by F (default 1)
  --close <FROM-TO>        close the link FROM -> TO (TNTP node ids); repeatable
  --flows-out <file>       write link flows as a TNTP flow file (from, to, volume, cost)
  --timings                add "timings": where the process's time went, phase by phase
  -h, --help               show this help

Output (stdout, one JSON object):
  {"objective", "tstt", "relativeGap", "iterations", "seconds", "links", "zones"}
  objective: Beckmann objective in generalized cost; tstt: total travel time (sum of flow x BPR time);
  relativeGap: (total generalized cost - shortest-path cost) / shortest-path cost;
  seconds: wall time of the assignment alone (not reading files).
  With --timings, "timings" holds for each phase its milliseconds and the page faults it took
  (memory touched for the first time): start (node's start-up and loading this command, from the
  process's start), network (reading and building it), trips (the rest of reading the trip table and
  building the demand), solve; what is left of a process's wall time is writing and exiting.
Exit status: 0 done (a warning on stderr if the gap was not reached), 1 bad or unreadable file,
2 bad arguments.`;

interface AssignArgs {
  readonly net: string;
  readonly trips: string;
  readonly method: AssignMethod;
  readonly gap: number;
  readonly maxIter: number;
  readonly tollFactor: number;
  readonly distanceFactor: number;
  readonly demandScale: number;
  readonly close: readonly [number, number][];
  readonly flowsOut: string | undefined;
  readonly timings: boolean;
}

const OPTIONS = {
  net: { type: 'string' },
  trips: { type: 'string' },
  method: { type: 'string' },
  gap: { type: 'string' },
  'max-iter': { type: 'string' },
  'toll-factor': { type: 'string' },
  'distance-factor': { type: 'string' },
  'demand-scale': { type: 'string' },
  close: { type: 'string', multiple: true },
  'flows-out': { type: 'string' },
  timings: { type: 'boolean' },
} as const satisfies OptionSpecs;

function parse(values: OptionValues<typeof OPTIONS>): AssignArgs {
  if (values.net === undefined) throw new UsageError('missing --net <net.tntp>');
  if (values.trips === undefined) throw new UsageError('missing --trips <trips.tntp>');
  const method = values.method ?? 'b';
  if (method !== 'b' && method !== 'cfw' && method !== 'fw') {
    throw new UsageError(`--method must be b, cfw or fw, got '${method}'`);
  }
  const close: [number, number][] = [];
  for (const text of values.close ?? []) {
    const match = /^(\d+)-(\d+)$/.exec(text.trim());
    if (match === null) throw new UsageError(`--close must be FROM-TO (TNTP node ids), got '${text}'`);
    close.push([Number(match[1]), Number(match[2])]);
  }
  return {
    net: values.net,
    trips: values.trips,
    method,
    gap: numberOption('gap', values.gap, 1e-6, 0),
    maxIter: integerOption('max-iter', values['max-iter'], 1000),
    tollFactor: numberOption('toll-factor', values['toll-factor'], 0, 0),
    distanceFactor: numberOption('distance-factor', values['distance-factor'], 0, 0),
    demandScale: numberOption('demand-scale', values['demand-scale'], 1, 0, true),
    close,
    flowsOut: values['flows-out'],
    timings: values.timings === true,
  };
}

/** Parse a TNTP file; a TntpParseError (file and line in its message) becomes an InputError. */
function parseFile<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TntpParseError || error instanceof RangeError) throw new InputError(error.message);
    throw error;
  }
}

/** A phase of the run: wall milliseconds and minor page faults (pages of memory touched for the first time). */
interface Phase {
  readonly ms: number;
  readonly pageFaults: number;
}

/**
 * Marks phases one after the other: each call of the function it returns gives the phase since the
 * previous call (the first, from the process's start: node's own start-up and loading the command line).
 */
function phaseClock(): () => Phase {
  let at = 0;
  let faults = 0;
  return () => {
    const now = performance.now();
    const f = process.resourceUsage().minorPageFault;
    const phase = { ms: Math.round((now - at) * 100) / 100, pageFaults: f - faults };
    at = now;
    faults = f;
    return phase;
  };
}

function run(parsed: AssignArgs, io: CliIo): number {
  const phase = phaseClock();
  const start = phase();
  const net = parseFile(() =>
    buildNetwork(readInputFile('net', parsed.net, (reader, whole) => parseTntpNetFrom(reader, parsed.net, whole))),
  );
  const network = phase();
  const demand = parseFile(() =>
    buildDemand(
      readInputFile('trips', parsed.trips, (reader, whole) => parseTntpTripsFrom(reader, parsed.trips, whole)),
      net,
    ),
  );
  const closed: number[] = [];
  for (const [fromId, toId] of parsed.close) {
    const link = findLink(net, fromId, toId);
    if (link < 0) throw new UsageError(`--close ${fromId}-${toId}: no such link in '${parsed.net}'`);
    closed.push(link);
  }

  const trips = phase();
  const started = performance.now();
  const result = assign(net, demand, {
    method: parsed.method,
    targetGap: parsed.gap,
    maxIterations: parsed.maxIter,
    tollFactor: parsed.tollFactor,
    distanceFactor: parsed.distanceFactor,
    demandScale: parsed.demandScale,
    edits: { closed },
  });
  const seconds = (performance.now() - started) / 1000;
  const solve = phase();

  if (parsed.flowsOut !== undefined) {
    const fromIds = Int32Array.from(net.from, (i) => i + 1);
    const toIds = Int32Array.from(net.to, (i) => i + 1);
    const text = formatTntpFlow(fromIds, toIds, result.linkFlows, result.linkCosts);
    try {
      writeFileSync(parsed.flowsOut, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`cannot write --flows-out file '${parsed.flowsOut}': ${reason}`);
    }
  }
  if (result.stopReason !== 'converged') {
    io.err(
      `warning: stopped after ${result.iterations} iterations at relative gap ${result.relativeGap} ` +
        `(target ${parsed.gap})\n`,
    );
  }
  if (result.unassignedDemand > 0) {
    io.err(`warning: ${result.unassignedDemand} veh/h of demand cannot reach its destination and was not assigned\n`);
  }
  const summary = {
    objective: result.objective,
    tstt: result.tstt,
    relativeGap: result.relativeGap,
    iterations: result.iterations,
    seconds: Math.round(seconds * 1e6) / 1e6,
    links: net.numLinks,
    zones: net.numZones,
    ...(parsed.timings ? { timings: { start, network, trips, solve } } : {}),
  };
  io.out(`${JSON.stringify(summary)}\n`);
  return EXIT_OK;
}

export const assignCommand: Command = defineCommand({
  name: 'assign',
  summary: 'static user-equilibrium traffic assignment of TNTP files',
  usage: USAGE,
  options: OPTIONS,
  parse,
  run,
});
