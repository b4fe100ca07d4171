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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

const GAPS = [1e-4, 1e-6, 1e-8] as const;
const B_MAX_ITERATIONS = 1000;
const CFW_MAX_ITERATIONS = 200_000;
const CFW_MAX_SECONDS = 8;
const FIXTURES = fileURLToPath(new URL('../tests/fixtures/tntp/', import.meta.url));

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

function load(name: string): { net: Network; demand: Demand } {
  const net = buildNetwork(parseTntpNet(readFileSync(`${FIXTURES}${name}_net.tntp`, 'utf8'), `${name}_net.tntp`));
  const trips = parseTntpTrips(readFileSync(`${FIXTURES}${name}_trips.tntp`, 'utf8'), `${name}_trips.tntp`);
  return { net, demand: buildDemand(trips, net) };
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
    const { net, demand } = load(name);
    networks.push({
      network: name,
      nodes: net.numNodes,
      links: net.numLinks,
      zones: net.numZones,
      origins: demand.origins.length,
      algorithmB: timeToGaps(net, demand, 'b'),
      conjugateFrankWolfe: timeToGaps(net, demand, 'cfw'),
      allOrNothingSecondsPerIteration: Number(allOrNothingSeconds(net, demand).toPrecision(3)),
    });
  }
  return {
    bench: 'traffic',
    node: process.version,
    note: 'seconds are wall time after a warm-up run; cfw capped at ' + `${CFW_MAX_SECONDS} s / ${CFW_MAX_ITERATIONS} iterations`,
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
