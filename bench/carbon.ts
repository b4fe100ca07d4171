// Carbon-map benchmark: the model and the 50 m grid for 100k buildings, 20k road links and 2k parks
// (seeded synthetic inputs), beside the time to read the 100k buildings from GeoJSON.
import { aggregateToGrid, computeCarbon, frameForFeatures, readBuildings } from '../src/core/carbon/model/index.ts';
import { syntheticCarbonInputs } from '../src/core/synthetic/carbon.ts';
import { syntheticCity } from '../src/core/synthetic/index.ts';
import { round } from './ingest.ts';

export function benchCarbon(): object {
  const inputs = syntheticCarbonInputs({ buildings: 100_000, links: 20_000, parks: 2000 });
  const runs: number[] = [];
  let cells = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const r = computeCarbon(inputs);
    const g = aggregateToGrid(r, 50);
    runs.push(performance.now() - t0);
    cells = g.nonEmptyCells;
  }
  const city = syntheticCity({ buildings: 100_000, seed: 7 });
  const t1 = performance.now();
  readBuildings(city.features, frameForFeatures(city.features));
  const readMs = performance.now() - t1;
  const fig = {
    note: 'node; model + 50 m grid for 100k buildings, 20k links, 2k parks; three runs (the first includes JIT warm-up)',
    modelAndGridMs: runs.map((v) => round(v)),
    readBuildingsFromFeaturesMs: round(readMs),
    nonEmptyCells: cells,
  };
  console.error(`carbon: model + grid ${fig.modelAndGridMs.join(' / ')} ms; reading buildings ${fig.readBuildingsFromFeaturesMs} ms`);
  return fig;
}
