/**
 * A seeded synthetic city for benchmarks: blocks on a street grid, each filled with rectangular or
 * L-shaped buildings with `height` or `building:levels` or neither (like OSM), and a name. The same
 * seed and count always give the same GeoJSON, byte for byte. Coordinates are WGS84 around `center`
 * (default: Sejong, Korea's national pilot smart city).
 */

import { seededRandom } from '../random/index.ts';

export { seededRandom };

export interface SyntheticCityOptions {
  readonly buildings: number;
  readonly seed?: number;
  /** [lon, lat] of the city centre. */
  readonly center?: readonly [number, number];
}

/** Sejong, Korea's national pilot smart city. */
const DEFAULT_CENTER: readonly [number, number] = [127.289, 36.48];
const BLOCK_M = 100; // street grid pitch
const STREET_M = 16; // street width between blocks
const LOTS_PER_SIDE = 3; // 3×3 lots per block
const TYPES = ['apartments', 'residential', 'office', 'commercial', 'house', 'retail', 'school'] as const;

/** Blocks per row of the square street grid that holds `buildings` buildings. */
function blocksPerRowFor(buildings: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(buildings / (LOTS_PER_SIDE * LOTS_PER_SIDE))));
}

/**
 * The street grid of the synthetic city with `buildings` buildings: one LineString per grid line,
 * with a vertex at every crossing (so crossing streets share nodes). Every fifth line is a four-lane
 * primary road, the rest two-lane residential streets.
 */
export function syntheticRoads(options: SyntheticCityOptions): { type: 'FeatureCollection'; features: object[] } {
  const [lon0, lat0] = options.center ?? DEFAULT_CENTER;
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const blocks = blocksPerRowFor(options.buildings);
  const half = (blocks * BLOCK_M) / 2;
  const r7 = (v: number): number => Math.round(v * 1e7) / 1e7;
  const ll = (x: number, y: number): [number, number] => [r7(lon0 + (x - half) / mPerDegLon), r7(lat0 + (y - half) / mPerDegLat)];
  const features: object[] = [];
  for (const axis of ['x', 'y'] as const) {
    for (let k = 0; k <= blocks; k++) {
      const coords: Array<[number, number]> = [];
      for (let j = 0; j <= blocks; j++) coords.push(axis === 'x' ? ll(k * BLOCK_M, j * BLOCK_M) : ll(j * BLOCK_M, k * BLOCK_M));
      const primary = k % 5 === 0;
      features.push({
        type: 'Feature',
        properties: { highway: primary ? 'primary' : 'residential', lanes: primary ? '4' : '2', name: `${axis === 'x' ? 'Avenue' : 'Street'} ${k + 1}` },
        geometry: { type: 'LineString', coordinates: coords },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Returns a GeoJSON FeatureCollection object with `buildings` Polygon features. */
export function syntheticCity(options: SyntheticCityOptions): { type: 'FeatureCollection'; features: object[] } {
  const n = options.buildings;
  const rand = seededRandom(options.seed ?? 1);
  const [lon0, lat0] = options.center ?? DEFAULT_CENTER;
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const lots = LOTS_PER_SIDE * LOTS_PER_SIDE;
  const blocksPerRow = blocksPerRowFor(n);
  const half = (blocksPerRow * BLOCK_M) / 2;
  const lot = (BLOCK_M - STREET_M) / LOTS_PER_SIDE;
  const r6 = (v: number): number => Math.round(v * 1e7) / 1e7;
  const ll = (x: number, y: number): [number, number] => [r6(lon0 + (x - half) / mPerDegLon), r6(lat0 + (y - half) / mPerDegLat)];
  const features: object[] = [];
  for (let i = 0; i < n; i++) {
    const block = Math.floor(i / lots);
    const k = i % lots;
    const bx = (block % blocksPerRow) * BLOCK_M + STREET_M / 2 + (k % LOTS_PER_SIDE) * lot;
    const by = Math.floor(block / blocksPerRow) * BLOCK_M + STREET_M / 2 + Math.floor(k / LOTS_PER_SIDE) * lot;
    const margin = 2 + rand() * 4;
    const w = lot - 2 * margin;
    const d = lot - 2 * margin - rand() * 6;
    const x0 = bx + margin;
    const y0 = by + margin;
    let ring: Array<[number, number]>;
    if (rand() < 0.25) {
      // L-shape: a rectangle with one corner cut away.
      const cx = x0 + w * (0.4 + rand() * 0.3);
      const cy = y0 + d * (0.4 + rand() * 0.3);
      ring = [ll(x0, y0), ll(x0 + w, y0), ll(x0 + w, cy), ll(cx, cy), ll(cx, y0 + d), ll(x0, y0 + d), ll(x0, y0)];
    } else {
      ring = [ll(x0, y0), ll(x0 + w, y0), ll(x0 + w, y0 + d), ll(x0, y0 + d), ll(x0, y0)];
    }
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    const levels = 1 + Math.floor(-Math.log(1 - rand()) * 6);
    const which = rand();
    const properties: Record<string, string> = { building: type, name: `Building ${i + 1}` };
    if (which < 0.3) properties['height'] = String(Math.round(levels * 3.2 * 10) / 10);
    else if (which < 0.7) properties['building:levels'] = String(levels);
    features.push({ type: 'Feature', id: i + 1, properties, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { type: 'FeatureCollection', features };
}
