// 3D Tiles out (issue 6 item 4): time and memory to tile seeded synthetic cities the way the CLI does
// (GeoJSON text -> JSON.parse -> writeTileset -> files on disk). Peak heap and RSS are sampled after
// every file written. Run alone: node --max-old-space-size=12288 --expose-gc --import tsx bench/tiles.ts 100000 1000000
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGeoJson } from '../src/core/geo/index.ts';
import { syntheticCity } from '../src/core/synthetic/index.ts';
import { writeTileset } from '../src/core/tiles/index.ts';

export interface TilesFigure {
  buildings: number;
  textMB: number;
  parseMs: number;
  tileMs: number;
  tiles: number;
  leaves: number;
  depth: number;
  contentMB: number;
  bytesPerBuilding: number;
  /** Largest heapUsed / RSS seen while tiling, and heapUsed just before (text parsed, features held). */
  heapBeforeMB: number;
  peakHeapMB: number;
  peakRssMB: number;
}

const mb = (b: number): number => Math.round(b / 1e5) / 10;

export async function benchTiles(sizes: readonly number[], maxFeaturesPerTile = 1000): Promise<TilesFigure[]> {
  const out: TilesFigure[] = [];
  for (const n of sizes) {
    let text = JSON.stringify(syntheticCity({ buildings: n, seed: 42 }));
    const textMB = mb(text.length);
    global.gc?.();
    const t0 = performance.now();
    const { features } = parseGeoJson(text);
    const parseMs = performance.now() - t0;
    text = '';
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    let peakRss = process.memoryUsage().rss;
    const dir = mkdtempSync(join(tmpdir(), 'citytwin-bench-tiles-'));
    try {
      const t1 = performance.now();
      const s = writeTileset(features, (path, bytes) => {
        const file = join(dir, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
      }, { maxFeaturesPerTile });
      const tileMs = performance.now() - t1;
      const fig: TilesFigure = {
        buildings: n,
        textMB,
        parseMs: Math.round(parseMs),
        tileMs: Math.round(tileMs),
        tiles: s.tiles,
        leaves: s.leaves,
        depth: s.depth,
        contentMB: mb(s.contentBytes),
        bytesPerBuilding: Math.round(s.contentBytes / n),
        heapBeforeMB: mb(heapBefore),
        peakHeapMB: mb(peakHeap),
        peakRssMB: mb(peakRss),
      };
      console.error(`tiles ${n}: parse ${fig.parseMs} ms, tile ${fig.tileMs} ms, ${fig.tiles} tiles, ${fig.contentMB} MB, peak heap ${fig.peakHeapMB} MB, RSS ${fig.peakRssMB} MB`);
      out.push(fig);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.argv.slice(2).map(Number).filter((v) => Number.isInteger(v) && v > 0);
  console.log(JSON.stringify(await benchTiles(sizes.length > 0 ? sizes : [100_000, 1_000_000]), null, 2));
}
