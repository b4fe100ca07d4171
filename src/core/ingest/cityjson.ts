// A read CityJSON / CityJSONSeq file -> its layer: buildings as footprints with heights, or the other
// objects' outlines as areas (or only the vegetation as green), with what the file held.
import { type Problem, problem } from '../language/problem.ts';
import { type CityJson, type CityJsonFeature, CityJsonError, type FootprintMethod } from '../cityjson/index.ts';
import { GeoJsonError } from '../geo/index.ts';
import type { CrsUsed } from './crs.ts';
import { ingestFeatures } from './build.ts';
import { firstProblem, withRejected } from './reject.ts';
import type { CityJsonSummary, IngestOptions, IngestedLayer, LayerKind, RejectedFeature } from './types.ts';

/** CityJSON types drawn by a 'green' layer. */
const VEGETATION = new Set(['PlantCover', 'SolitaryVegetationObject']);

function describeObjects(cj: CityJson): Problem {
  const types = Object.entries(cj.objects.byType).map(([t, n]) => `${n} ${t}`);
  const count = cj.objects.total;
  return types.length > 0 ? problem('load.cityjsonObjectsOf', { count, types: types.join(', ') }) : problem('load.cityjsonObjects', { count });
}

/** The key of the message that a CityJSON file has nothing to draw as `chosen`. */
const NOTHING_OF = { buildings: 'load.cityjsonNoBuildings', green: 'load.cityjsonNoGreen', areas: 'load.cityjsonNoSurfaces' } as const;

/** Builds the layer of a CityJSON file; `read(areas)` reads it (with the other objects' outlines when `areas`). */
export function fromCityJson(
  read: (areas: boolean) => CityJson,
  format: 'cityjson' | 'cityjsonseq',
  kind: LayerKind | 'auto',
  options: IngestOptions,
  t0: number,
): IngestedLayer {
  if (kind === 'roads') throw new GeoJsonError(problem('load.cityjsonRoads'), 'not-geojson');
  if (kind === 'points') throw new GeoJsonError(problem('load.cityjsonPoints'), 'not-geojson');
  let cj = read(kind === 'areas' || kind === 'green');
  let chosen: 'buildings' | 'areas' | 'green' = kind === 'auto' ? 'buildings' : kind;
  if (kind === 'auto' && cj.features.length === 0 && cj.objects.other > 0) {
    cj = read(true);
    chosen = 'areas';
  }
  const features: CityJsonFeature[] =
    chosen === 'buildings' ? cj.features : chosen === 'green' ? cj.areas.filter((f) => VEGETATION.has(String(f.properties['cityjson_type']))) : cj.areas;
  options.onProgress?.('parse', 1, 1);
  if (features.length === 0) {
    const first = cj.skipped[0];
    const p = problem(NOTHING_OF[chosen], {
      objects: describeObjects(cj),
      first: first ? problem('load.cityjsonFirst', { reason: first.message }) : '',
    });
    throw new CityJsonError(p, 'not-cityjson');
  }
  const footprints: Record<FootprintMethod, number> = { ground: 0, lowest: 0, outline: 0 };
  if (chosen === 'buildings') for (const m of cj.footprintMethods) footprints[m]++;
  const cityjson: CityJsonSummary = {
    version: cj.version,
    ...(cj.referenceSystem === undefined ? {} : { referenceSystem: cj.referenceSystem }),
    objects: cj.objects,
    footprints,
  };
  const crs: CrsUsed = { code: cj.crs, how: cj.crsHow, ...(cj.crsGuess ? { guess: cj.crsGuess } : {}) };
  const built = ingestFeatures(features, chosen, options, performance.now() - t0);
  const rejected: RejectedFeature[] = [...cj.skipped];
  const layer = withRejected({ ...built, crs, format, cityjson }, rejected, features.length + rejected.length, false);
  if (layer.stats.drawn === 0) {
    const p = problem('load.cityjsonAllSkipped', { kind: problem(`load.kind.${chosen}`), count: features.length, first: firstProblem(layer) });
    throw new CityJsonError(p, 'not-cityjson');
  }
  return layer;
}
