/**
 * Traffic assignment benchmark: iterations and seconds to reach relative gaps 1e-4, 1e-6 and 1e-8 on
 * Sioux Falls and Anaheim, for Algorithm B (main method) and conjugate Frank-Wolfe (cross-check, capped
 * by CFW_MAX_SECONDS / CFW_MAX_ITERATIONS; a gap it did not reach has `reached: false`), plus the time of
 * one all-or-nothing iteration (a shortest-path tree and loading for every origin, at free-flow costs).
 *
 * Seconds are wall time including the per-iteration gap evaluation, measured after one untimed warm-up
 * run per network and method (so the JIT has compiled the hot loops).
 *
 * `benchTraffic()` returns JSON-serialisable figures; `npx tsx bench/traffic.ts` prints them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LinkCosts,
  ShortestPaths,
  applyLinkEdits,
  assign,
  buildDemand,
  buildNetwork,
  parseTntpNet,
  parseTntpTrips,
} from '../src/core/traffic/assign/index.ts';
import type { AssignMethod, Demand, Network } from '../src/core/traffic/assign/index.ts';
import { BENCH_GRIDS, gridNetwork } from './network-gen.ts';

const GAPS = [1e-4, 1e-6, 1e-8] as const;
const B_MAX_ITERATIONS = 1000;
const CFW_MAX_ITERATIONS = 200_000;
const CFW_MAX_SECONDS = 8;
const FIXTURES = fileURLToPath(new URL('../tests/fixtures/tntp/', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../dist/cli/bin.cjs', import.meta.url));

interface GapFigure {
  readonly gap: number;
  readonly reached: boolean;
  /** Iterations after the initial all-or-nothing solution (iteration 0). */
  readonly iterations: number;
  readonly seconds: number;
}

interface MethodFigures {
  readonly method: AssignMethod;
  readonly gaps: GapFigure[];
  /** Where the run ended (the last gap reached or the cap). */
  readonly finalGap: number;
  readonly totalIterations: number;
  readonly totalSeconds: number;
  readonly capped: boolean;
}

function load(name: string): { net: Network; demand: Demand; netFile: string; tripsFile: string } {
  const netFile = `${FIXTURES}${name}_net.tntp`;
  const tripsFile = `${FIXTURES}${name}_trips.tntp`;
  const net = buildNetwork(parseTntpNet(readFileSync(netFile, 'utf8'), `${name}_net.tntp`));
  const trips = parseTntpTrips(readFileSync(tripsFile, 'utf8'), `${name}_trips.tntp`);
  return { net, demand: buildDemand(trips, net), netFile, tripsFile };
}

/** A phase of a `cli assign --timings` run, as the command reports it. */
interface CliPhase {
  readonly ms: number;
  readonly pageFaults: number;
}

const CLI_PHASES = ['start', 'network', 'trips', 'solve'] as const;

interface CliRun {
  readonly wall: number;
  readonly solve: number;
  readonly timings: Readonly<Record<(typeof CLI_PHASES)[number], CliPhase>> | undefined;
}

/** One `cli assign` process (the built CLI): its wall seconds, the solve seconds it reports, and its timings when asked. */
function cliRun(netFile: string, tripsFile: string, args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BUILT_CLI, 'assign', '--net', netFile, '--trips', tripsFile, ...args], { encoding: 'utf8', env });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`cli assign failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { seconds: number; timings?: CliRun['timings'] };
  return { wall, solve: out.seconds, timings: out.timings };
}

/** Runs of one-iteration processes whose median overhead is reported (the solve is then shortest). */
const OVERHEAD_RUNS = 5;

/**
 * The whole `cli assign` process (the built CLI, dist/cli/bin.cjs from `npm run build`): to each gap once,
 * wall seconds of the process, the solve seconds it reports, and their difference (start-up, reading and
 * parsing the files, writing the result); and that difference as the median of OVERHEAD_RUNS processes
 * stopped after one iteration, with the environment as it is and without the variables node reads at
 * every start (nodeStartEnvironment), when any is set. Null when there is no build.
 */
function cliProcess(netFile: string, tripsFile: string): object | null {
  if (!existsSync(BUILT_CLI)) return null;
  const gaps: object[] = [];
  for (const gap of GAPS) {
    const { wall, solve } = cliRun(netFile, tripsFile, ['--gap', String(gap)], process.env);
    gaps.push({ gap, processSeconds: round(wall, 4), solveSeconds: round(solve, 4), overheadSeconds: round(wall - solve, 4) });
  }
  const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;
  const oneIteration = (env: NodeJS.ProcessEnv): CliRun[] =>
    Array.from({ length: OVERHEAD_RUNS }, () => cliRun(netFile, tripsFile, ['--max-iter', '1', '--timings'], env));
  const medianOverhead = (runs: readonly CliRun[]): number => round(median(runs.map((r) => r.wall - r.solve)), 4);
  // Median of each phase over the runs, and what is left of the wall time after the solve (writing
  // the result, exiting, and spawning the process, as seen from here).
  const phases = (runs: readonly CliRun[]): object => {
    const out: Record<string, object> = {};
    for (const name of CLI_PHASES) {
      out[name] = {
        ms: round(median(runs.map((r) => r.timings![name].ms)), 1),
        pageFaults: median(runs.map((r) => r.timings![name].pageFaults)),
      };
    }
    const accounted = (r: CliRun): number => CLI_PHASES.reduce((sum, name) => sum + r.timings![name].ms, 0);
    out['writeAndExit'] = { ms: round(median(runs.map((r) => r.wall * 1000 - accounted(r))), 1) };
    return out;
  };
  const runs = oneIteration(process.env);
  const without = withoutNodeStartVariables();
  const runsWithout = without === null ? null : oneIteration(without);
  return {
    gaps,
    overheadMedianSeconds: medianOverhead(runs),
    overheadMedianSecondsWithoutStartVariables: runsWithout === null ? null : medianOverhead(runsWithout),
    oneIterationPhases: phases(runsWithout ?? runs),
  };
}

/**
 * Wall seconds of a bare `node -e 0` (median of 5): the floor under any process's overhead, measured in
 * the same run so the CLI's own start-up cost reads as overhead minus this.
 */
function bareNodeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return round(times[2]!, 4);
}

/**
 * Environment variables set in this run that node reads at every start, before any script. On the
 * project's shared machines NODE_EXTRA_CA_CERTS names the system's certificate bundle, and loading it
 * adds about 40 ms to every process (a bare node: 0.09–0.10 s with it, 0.05–0.06 s without), all of
 * it inside the CLI's overhead. The bench keeps the environment as it is and reports both floors.
 */
const NODE_START_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'] as const;

/** This environment less NODE_START_VARIABLES, or null when none of them is set. */
function withoutNodeStartVariables(): NodeJS.ProcessEnv | null {
  if (NODE_START_VARIABLES.every((name) => process.env[name] === undefined)) return null;
  const env = { ...process.env };
  for (const name of NODE_START_VARIABLES) delete env[name];
  return env;
}

/**
 * Microseconds to touch a page (4 KiB) of fresh memory for the first time, the cost of one minor page
 * fault on this machine: the median of 3 passes over a new 64 MiB buffer, one write per page. On the
 * project's virtual machines it is about 10 µs, so every megabyte a process touches first costs it
 * about 2.5 ms; `oneIterationPhases` gives each phase's page faults to weigh with it.
 */
function firstTouchMicrosecondsPerPage(): number {
  const PAGE = 4096;
  const bytes = 64 << 20;
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const buffer = new Uint8Array(bytes);
    const start = performance.now();
    for (let i = 0; i < bytes; i += PAGE) buffer[i] = 1;
    times.push(((performance.now() - start) * 1000) / (bytes / PAGE));
  }
  times.sort((a, b) => a - b);
  return round(times[1]!, 2);
}

function nodeStartEnvironment(): object {
  const set = NODE_START_VARIABLES.filter((name) => process.env[name] !== undefined);
  const without = withoutNodeStartVariables();
  return without === null ? { set } : { set, bareNodeProcessSecondsWithoutThem: bareNodeSeconds(without) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function timeToGaps(net: Network, demand: Demand, method: AssignMethod): MethodFigures {
  const maxSeconds = method === 'b' ? Infinity : CFW_MAX_SECONDS;
  const maxIterations = method === 'b' ? B_MAX_ITERATIONS : CFW_MAX_ITERATIONS;
  // Untimed warm-up.
  assign(net, demand, { method, targetGap: 1e-4, maxIterations: method === 'b' ? 20 : 300 });
  const hits: GapFigure[] = [];
  let next = 0;
  let capped = false;
  let lastGap = Infinity;
  let lastIteration = 0;
  const start = performance.now();
  assign(net, demand, {
    method,
    targetGap: GAPS[GAPS.length - 1]!,
    maxIterations,
    onIteration: (report) => {
      const seconds = (performance.now() - start) / 1000;
      lastGap = report.relativeGap;
      lastIteration = report.iteration;
      while (next < GAPS.length && report.relativeGap <= GAPS[next]!) {
        hits.push({ gap: GAPS[next]!, reached: true, iterations: report.iteration, seconds: round(seconds, 4) });
        next++;
      }
      if (seconds > maxSeconds) {
        capped = true;
        return false;
      }
      return true;
    },
  });
  const total = (performance.now() - start) / 1000;
  if (lastIteration >= maxIterations && next < GAPS.length) capped = true;
  for (; next < GAPS.length; next++) {
    hits.push({ gap: GAPS[next]!, reached: false, iterations: lastIteration, seconds: round(total, 4) });
  }
  return {
    method,
    gaps: hits,
    finalGap: lastGap,
    totalIterations: lastIteration,
    totalSeconds: round(total, 4),
    capped,
  };
}

/** Seconds for one all-or-nothing iteration over all origins at free-flow costs. */
function allOrNothingSeconds(net: Network, demand: Demand): number {
  const costs = new LinkCosts(net, applyLinkEdits(net, undefined), 0, 0);
  costs.updateAll(new Float64Array(net.numLinks));
  const sp = new ShortestPaths(net);
  const flows = new Float64Array(net.numLinks);
  const once = (): void => {
    flows.fill(0);
    for (let g = 0; g < demand.origins.length; g++) {
      sp.run(demand.origins[g]!, costs.cost, costs.closed);
      sp.load(demand, g, 1, flows);
    }
  };
  for (let k = 0; k < 50; k++) once(); // warm-up
  let reps = 0;
  const start = performance.now();
  let elapsed = 0;
  while (reps < 20 || elapsed < 200) {
    once();
    reps++;
    elapsed = performance.now() - start;
  }
  return elapsed / 1000 / reps;
}

export async function benchTraffic(): Promise<object> {
  const networks: object[] = [];
  for (const name of ['SiouxFalls', 'Anaheim'] as const) {
    const { net, demand, netFile, tripsFile } = load(name);
    networks.push({
      network: name,
      nodes: net.numNodes,
      links: net.numLinks,
      zones: net.numZones,
      origins: demand.origins.length,
      algorithmB: timeToGaps(net, demand, 'b'),
      conjugateFrankWolfe: timeToGaps(net, demand, 'cfw'),
      allOrNothingSecondsPerIteration: Number(allOrNothingSeconds(net, demand).toPrecision(3)),
      cliProcess: cliProcess(netFile, tripsFile),
    });
  }
  // Generated street grids (bench/network-gen.ts): ~3k links / 387 zones and ~25.6k links / 800 zones
  // (BENCH_QUICK: the small one only). Algorithm B only: conjugate Frank-Wolfe would hit its cap.
  const grids = process.env['BENCH_QUICK'] ? BENCH_GRIDS.slice(0, 1) : BENCH_GRIDS;
  const dir = mkdtempSync(join(tmpdir(), 'citytwin-bench-traffic-'));
  try {
    for (const options of grids) {
      const g = gridNetwork(options);
      const netFile = join(dir, `${g.name}_net.tntp`);
      const tripsFile = join(dir, `${g.name}_trips.tntp`);
      writeFileSync(netFile, g.netText);
      writeFileSync(tripsFile, g.tripsText);
      const net = buildNetwork(parseTntpNet(g.netText, netFile));
      const demand = buildDemand(parseTntpTrips(g.tripsText, tripsFile), net);
      networks.push({
        network: g.name,
        nodes: net.numNodes,
        links: net.numLinks,
        zones: net.numZones,
        origins: demand.origins.length,
        algorithmB: timeToGaps(net, demand, 'b'),
        allOrNothingSecondsPerIteration: Number(allOrNothingSeconds(net, demand).toPrecision(3)),
        cliProcess: cliProcess(netFile, tripsFile),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    bench: 'traffic',
    node: process.version,
    bareNodeProcessSeconds: bareNodeSeconds(),
    nodeStartEnvironment: nodeStartEnvironment(),
    firstTouchMicrosecondsPerPage: firstTouchMicrosecondsPerPage(),
    note:
      'seconds are wall time after a warm-up run; cfw capped at ' +
      `${CFW_MAX_SECONDS} s / ${CFW_MAX_ITERATIONS} iterations; cliProcess: the built CLI as a child process, once per gap and the median overhead of 5 one-iteration runs (null without npm run build), with the median of each phase those runs report (--timings; without the start variables when any is set): milliseconds and page faults; bareNodeProcessSeconds: a bare "node -e 0", the floor under its overhead; nodeStartEnvironment: variables node reads at start that were set, and the floor without them; firstTouchMicrosecondsPerPage: the cost of one page fault here`,
    networks,
  };
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  benchTraffic().then(
    (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
