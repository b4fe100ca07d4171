// Seeded inputs for carbon-map benchmarks and tests: a synthetic city's buildings, `links` road links
// of four 60 m segments with random flows and speeds, and `parks` round parks, over a 10 km square.
import { type GreenTable, PolygonSetBuilder, type RoadLinkTable, frameForFeatures, readBuildings } from '../carbon/model/index.ts';
import type { BuildingTable } from '../carbon/model/index.ts';
import { seededRandom, syntheticCity } from './index.ts';

export function syntheticCarbonInputs(options: { buildings: number; links: number; parks: number; seed?: number }): {
  buildings: BuildingTable;
  roads: RoadLinkTable;
  green: GreenTable;
} {
  const city = syntheticCity({ buildings: options.buildings, seed: options.seed ?? 7 });
  const buildings = readBuildings(city.features, frameForFeatures(city.features)).table;
  const rand = seededRandom(3);
  const L = options.links;
  const P = 4;
  const xy = new Float64Array(L * P * 2);
  for (let l = 0; l < L; l++) {
    let x = (rand() - 0.5) * 10_000;
    let y = (rand() - 0.5) * 10_000;
    const a = rand() * 2 * Math.PI;
    for (let k = 0; k < P; k++) {
      xy[2 * (l * P + k)] = x;
      xy[2 * (l * P + k) + 1] = y;
      x += Math.cos(a + 0.3 * k) * 60;
      y += Math.sin(a + 0.3 * k) * 60;
    }
  }
  const roads: RoadLinkTable = {
    count: L,
    start: Int32Array.from({ length: L + 1 }, (_, l) => l * P),
    xy,
    flow: Float64Array.from({ length: L }, () => 200 + rand() * 1500),
    speed: Float64Array.from({ length: L }, () => 10 + rand() * 60),
    feature: Int32Array.from({ length: L }, (_, l) => l),
  };
  const parks = new PolygonSetBuilder();
  for (let k = 0; k < options.parks; k++) {
    const cx = (rand() - 0.5) * 10_000, cy = (rand() - 0.5) * 10_000, rr = 20 + rand() * 150;
    const ring: number[] = [];
    for (let j = 0; j < 24; j++) ring.push(cx + Math.cos((j / 24) * 2 * Math.PI) * rr, cy + Math.sin((j / 24) * 2 * Math.PI) * rr);
    parks.addFeature([[ring]]);
  }
  return { buildings, roads, green: { polygons: parks.finish(), cover: new Uint8Array(options.parks).fill(1) } };
}
