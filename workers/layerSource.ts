// Shared by the model workers: a layer's features as the models read them (fetched, reprojected, mapped),
// or a synthetic layer regenerated from its seed.
import { type LayerSource, readModelFeatures } from '../src/core/layerinput/read.ts';
import { syntheticCity, syntheticRoads } from '../src/core/synthetic/index.ts';

export type { LayerSource } from '../src/core/layerinput/read.ts';

export async function layerFeatures(source: LayerSource): Promise<unknown[]> {
  const synthetic = /^synthetic:(buildings|roads):(\d+):(\d+)$/.exec(source.url);
  if (synthetic) {
    const options = { buildings: Number(synthetic[2]), seed: Number(synthetic[3]) };
    return (synthetic[1] === 'roads' ? syntheticRoads(options) : syntheticCity(options)).features;
  }
  const res = await fetch(source.url);
  if (!res.ok) throw new Error(`could not fetch ${source.fileName ?? source.url}: HTTP ${res.status}`);
  return readModelFeatures(await res.text(), source);
}
