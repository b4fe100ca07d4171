// Hydrogen supply benchmark: a seeded network of 200 stations, 20 sources and 3 delivery modes (tube
// trailer, pipeline, liquid tanker; 9,000+ arcs) solved to optimality by HiGHS, as an LP (every station
// open) and as a MIP (the optimiser chooses which of 100 candidate stations to open). Measured in node,
// single-threaded WebAssembly — the same build the hydrogen worker runs in the browser.
import loadHighs from 'highs';
import { buildNetwork, solveNetwork, validateModel } from '../src/core/hydrogen/index.ts';
import type { HydrogenModel, HighsLike } from '../src/core/hydrogen/index.ts';
import { round } from './ingest.ts';

/** A deterministic generated model: stations on a 12 km square, sources around and beyond it. */
export function benchModel(opts: { stations?: number; sources?: number; stationChoice?: boolean; seed?: number } = {}): HydrogenModel {
  const nStations = opts.stations ?? 200;
  const nSources = opts.sources ?? 20;
  let s = opts.seed ?? 42;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const types = ['smr', 'byproduct', 'grid_electrolysis', 'renewable_electrolysis', 'imported'] as const;
  const stations = Array.from({ length: nStations }, (_, i) => ({
    id: `st${i}`,
    xy: [Math.round(rnd() * 12_000), Math.round(rnd() * 12_000)] as [number, number],
    capacityKgPerDay: 250 * (1 + Math.floor(rnd() * 4)),
    status: i % 2 === 0 ? ('candidate' as const) : ('existing' as const),
    fixedCostKrwPerDay: 600_000 + Math.floor(rnd() * 800_000),
    demandKgPerDay: Math.floor(rnd() * 400),
  }));
  const sources = Array.from({ length: nSources }, (_, i) => {
    const type = types[i % types.length]!;
    const far = i % 4 !== 0;
    return {
      id: `so${i}`,
      type,
      ...(far
        ? { outsideMap: { bearingDeg: Math.floor(rnd() * 360), roadKm: 20 + Math.floor(rnd() * 250) } }
        : { xy: [Math.round(rnd() * 12_000), Math.round(rnd() * 12_000)] as [number, number] }),
      capacityKgPerDay: 1500 + Math.floor(rnd() * 3000),
      costKrwPerKg: Math.round(2000 + rnd() * 6000),
      modes: i % 5 === 0 ? ['tube_trailer', 'pipeline', 'liquid'] : ['tube_trailer', 'liquid'],
    };
  });
  const v = validateModel({ version: 1, name: 'bench', stationChoice: opts.stationChoice ?? false, stations, sources });
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return v.model;
}

function timeSolve(highs: HighsLike, model: HydrogenModel, runs: number): { ms: number[]; status: string; arcs: number; columns: number; rows: number; integers: number; objective: number | null } {
  const ms: number[] = [];
  let last;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    last = solveNetwork(buildNetwork(model), highs);
    ms.push(performance.now() - t0);
  }
  const r = last!;
  return { ms: ms.map((v) => round(v)), status: r.status, arcs: r.solver.arcs, columns: r.solver.columns, rows: r.solver.rows, integers: r.solver.integers, objective: r.objective.value };
}

export async function benchHydrogen(): Promise<object> {
  const t0 = performance.now();
  const highs = await loadHighs();
  const loadMs = performance.now() - t0;
  const lp = timeSolve(highs, benchModel({ stationChoice: false }), 3);
  const mip = timeSolve(highs, benchModel({ stationChoice: true }), 3);
  const fig = {
    note: 'node, HiGHS WebAssembly (single thread, as in the worker); 200 stations (100 candidates), 20 sources, 3 modes; build network + formulate + solve to optimality (MIP gap 1e-4); three runs each',
    wasmLoadMs: round(loadMs),
    lp,
    mip,
  };
  console.error(`hydrogen: LP ${lp.ms.join(' / ')} ms (${lp.arcs} arcs, ${lp.status}); MIP ${mip.ms.join(' / ')} ms (${mip.integers} binaries, ${mip.status})`);
  return fig;
}
