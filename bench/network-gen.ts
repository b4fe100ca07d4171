/**
 * Seeded test networks for the assignment benchmark: a square street grid with faster arterials every
 * fifth row and column, zones as centroid nodes (TNTP numbering: zones first, FIRST THRU NODE after
 * them) tied to a grid node each by a pair of connectors, and a gravity trip table between all zones.
 * Output is TNTP text (`_net` and `_trips`), so the same files feed `assign()` and the CLI.
 *
 * Figures are made up for benchmarking, not taken from a real city: 400 m blocks, 30 km/h local streets
 * (900 veh/h), 50 km/h arterials (1,800 veh/h), BPR b 0.15 and power 4 (the TNTP networks' usual
 * values), connectors at 20 km/h with 10,000 veh/h; demand exp(-d / 3 km) between zones, scaled so
 * that the total is `tripsPerZone` × zones. Same options, same bytes.
 */
import { seededRandom } from '../src/core/random/index.ts';

export interface GridOptions {
  /** Grid nodes per side. */
  readonly side: number;
  readonly zones: number;
  readonly seed: number;
  /** Total trips = tripsPerZone × zones (veh/h). */
  readonly tripsPerZone: number;
}

export interface GeneratedNetwork {
  readonly name: string;
  readonly netText: string;
  readonly tripsText: string;
  readonly numLinks: number;
  readonly numNodes: number;
  readonly numZones: number;
}

const BLOCK_FT = 1312; // 400 m in feet (TNTP networks such as Anaheim use feet)
const FT_PER_MIN_AT_KMH = (kmh: number): number => (kmh * 1000 * 3.28084) / 60;

export function gridNetwork(options: GridOptions): GeneratedNetwork {
  const { side, zones, seed, tripsPerZone } = options;
  const rand = seededRandom(seed);
  const grid = side * side;
  const numNodes = zones + grid;
  const gridId = (r: number, c: number): number => zones + 1 + r * side + c;
  const rows: string[] = [];
  const link = (a: number, b: number, cap: number, len: number, kmh: number, type: number): void => {
    const fft = len / FT_PER_MIN_AT_KMH(kmh);
    rows.push(`\t${a}\t${b}\t${cap}\t${len}\t${fft.toFixed(4)}\t0.15\t4\t${kmh}\t0\t${type}\t;`);
  };
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const here = gridId(r, c);
      // Lengths vary ±20 % so that shortest paths are unique, not grid ties.
      if (c + 1 < side) {
        const arterial = r % 5 === 0;
        const len = Math.round(BLOCK_FT * (0.8 + 0.4 * rand()));
        const cap = arterial ? 1800 : 900;
        const kmh = arterial ? 50 : 30;
        link(here, gridId(r, c + 1), cap, len, kmh, arterial ? 2 : 3);
        link(gridId(r, c + 1), here, cap, len, kmh, arterial ? 2 : 3);
      }
      if (r + 1 < side) {
        const arterial = c % 5 === 0;
        const len = Math.round(BLOCK_FT * (0.8 + 0.4 * rand()));
        const cap = arterial ? 1800 : 900;
        const kmh = arterial ? 50 : 30;
        link(here, gridId(r + 1, c), cap, len, kmh, arterial ? 2 : 3);
        link(gridId(r + 1, c), here, cap, len, kmh, arterial ? 2 : 3);
      }
    }
  }
  // Zones on distinct grid nodes (seeded draw), each with one connector pair.
  const taken = new Uint8Array(grid);
  const zx = new Float64Array(zones);
  const zy = new Float64Array(zones);
  for (let z = 0; z < zones; z++) {
    let cell: number;
    do cell = Math.floor(rand() * grid);
    while (taken[cell] === 1);
    taken[cell] = 1;
    const r = Math.floor(cell / side);
    const c = cell % side;
    zx[z] = c * 0.4;
    zy[z] = r * 0.4;
    link(z + 1, gridId(r, c), 10000, 400, 20, 1);
    link(gridId(r, c), z + 1, 10000, 400, 20, 1);
  }
  const netText = [
    `<NUMBER OF ZONES> ${zones}`,
    `<NUMBER OF NODES> ${numNodes}`,
    `<FIRST THRU NODE> ${zones + 1}`,
    `<NUMBER OF LINKS> ${rows.length}`,
    '<END OF METADATA>',
    '~\tinit node\tterm node\tcapacity\tlength\tfree flow time\tb\tpower\tspeed\ttoll\tlink_type\t;',
    ...rows,
    '',
  ].join('\n');

  // Gravity demand with seeded productions.
  const weight = new Float64Array(zones);
  for (let z = 0; z < zones; z++) weight[z] = 0.5 + rand();
  const raw = new Float64Array(zones * zones);
  let sum = 0;
  for (let o = 0; o < zones; o++) {
    for (let d = 0; d < zones; d++) {
      if (o === d) continue;
      const dist = Math.hypot(zx[o]! - zx[d]!, zy[o]! - zy[d]!);
      const t = weight[o]! * weight[d]! * Math.exp(-dist / 3);
      raw[o * zones + d] = t;
      sum += t;
    }
  }
  const factor = (tripsPerZone * zones) / sum;
  const blocks: string[] = [];
  let total = 0;
  for (let o = 0; o < zones; o++) {
    const parts: string[] = [];
    for (let d = 0; d < zones; d++) {
      const t = Math.round(raw[o * zones + d]! * factor * 100) / 100;
      if (t <= 0) continue;
      parts.push(`${d + 1} : ${t};`);
      total += t;
    }
    blocks.push(`Origin ${o + 1}\n${parts.join(' ')}`);
  }
  const tripsText = [`<NUMBER OF ZONES> ${zones}`, `<TOTAL OD FLOW> ${total.toFixed(2)}`, '<END OF METADATA>', '', ...blocks, ''].join('\n');
  return {
    name: `grid${side}x${side}-z${zones}`,
    netText,
    tripsText,
    numLinks: rows.length,
    numNodes,
    numZones: zones,
  };
}

/** The benchmark's generated networks: about 3k links / 387 zones and 25k links / 800 zones. */
export const BENCH_GRIDS: readonly GridOptions[] = [
  { side: 24, zones: 387, seed: 11, tripsPerZone: 600 },
  { side: 78, zones: 800, seed: 12, tripsPerZone: 1200 },
];
