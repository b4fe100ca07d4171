import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticCity } from '../../src/core/synthetic/index.ts';
import { createLocalFrame } from '../../src/core/geo/index.ts';
import { enuToEcef, readPropertyTable } from '../../src/core/tiles/index.ts';
import type { TileJson } from '../../src/core/tiles/index.ts';
import { ROOT, cli } from './run-cli.ts';
import { main } from '../../src/cli/main.ts';
import { expectValidGlb, tilesOf } from '../core/tiles/helpers.ts';

interface Output {
  tileset: string;
  tiles: number;
  leaves: number;
  lodTiles: number;
  depth: number;
  features: number;
  skipped: number;
  skippedFirst?: { index: number; code: string };
  contentBytes: number;
  tilesetBytes: number;
  seconds: number;
  origin: { lon: number; lat: number; height: number };
  transform: number[];
}

describe('cli tiles', () => {
  let dir: string;
  let city: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'citytwin-tiles-'));
    city = join(dir, 'city.geojson');
    const fc = syntheticCity({ buildings: 300, seed: 9 });
    fc.features.push({ type: 'Feature', properties: { name: 'a point' }, geometry: { type: 'Point', coordinates: [127.289, 36.48] } });
    writeFileSync(city, JSON.stringify(fc));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes tileset.json and GLBs and prints one JSON object', async () => {
    const out = join(dir, 'out');
    const r = cli('tiles', '--buildings', city, '--out', out, '--max-features-per-tile', '40');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!) as Output;
    expect(o.tileset).toBe(join(out, 'tileset.json'));
    expect(o.features).toBe(300);
    expect(o.skipped).toBe(1);
    expect(o.skippedFirst).toMatchObject({ index: 300, code: 'wrong-geometry-type' });
    expect(o.depth).toBeGreaterThanOrEqual(2);
    expect(o.origin.height).toBe(0);
    expect(o.transform).toEqual(enuToEcef(createLocalFrame(o.origin.lon, o.origin.lat)));
    const tileset = JSON.parse(readFileSync(o.tileset, 'utf8')) as { asset: { version: string }; root: TileJson };
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.transform).toEqual(o.transform);
    const all = tilesOf(tileset.root);
    expect(all).toHaveLength(o.tiles);
    const ids: number[] = [];
    for (const { tile } of all) {
      if (!tile.content) continue;
      const glb = new Uint8Array(readFileSync(join(out, tile.content.uri)));
      await expectValidGlb(glb, tile.content.uri);
      const table = readPropertyTable(glb);
      const indices = table!.columns.get('feature_index') as number[];
      // Leaves hold every building once; parents repeat some of theirs (pickable from afar).
      if (!tile.children) ids.push(...indices);
      else expect(indices.length).toBeGreaterThan(0);
      for (const c of tile.children ?? []) expect(c.geometricError).toBeLessThan(tile.geometricError);
    }
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('takes line-delimited GeoJSON, an origin and empty parents', () => {
    const lines = join(dir, 'city.geojsonl');
    const fc = syntheticCity({ buildings: 60, seed: 2 });
    writeFileSync(lines, fc.features.map((f) => JSON.stringify(f)).join('\n'));
    const out = join(dir, 'lines');
    const r = cli('tiles', '--buildings', lines, '--out', out, '--max-features-per-tile', '20', '--lod-features', '0', '--origin', '127.29,36.48');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.features).toBe(60);
    expect(o.lodTiles).toBe(0);
    expect(o.origin).toEqual({ lon: 127.29, lat: 36.48, height: 0 });
    const tileset = JSON.parse(readFileSync(o.tileset, 'utf8')) as { root: TileJson };
    for (const { tile } of tilesOf(tileset.root)) if (tile.children) expect(tile.content).toBeUndefined();
  });

  it('tiles Monaco', () => {
    const out = join(dir, 'monaco');
    const r = cli('tiles', '--buildings', join(ROOT, 'assets/city/monaco/buildings.geojson'), '--out', out);
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Output;
    expect(o.features + o.skipped).toBe(1232);
    expect(existsSync(join(out, 'tileset.json'))).toBe(true);
  });

  it('reports bad arguments and bad files with their exit status', async () => {
    const usage = cli('tiles', '--buildings', city);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/missing --out/);
    // The rest in-process, through the same dispatcher.
    const run = async (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> => {
      let stdout = '';
      let stderr = '';
      const status = await main(['tiles', ...args], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
      return { status, stdout, stderr };
    };
    expect((await run('--buildings', city, '--out', join(dir, 'x'), '--max-features-per-tile', '0')).status).toBe(2);
    expect((await run('--buildings', city, '--out', join(dir, 'x'), '--origin', 'north')).status).toBe(2);
    expect((await run('--buildings', city, '--out', join(dir, 'x'), '--lod-features', '-1')).status).toBe(2);
    const missing = await run('--buildings', join(dir, 'nope.geojson'), '--out', join(dir, 'x'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read --buildings file/);
    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, '{"type": "FeatureCollection", "features": [\n{"type": "Feature",}\n]}');
    const broken = await run('--buildings', bad, '--out', join(dir, 'x'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/line 2, column/);
    const points = join(dir, 'points.geojson');
    writeFileSync(points, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] }));
    const none = await run('--buildings', points, '--out', join(dir, 'y'));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no buildings to tile/);
    const help = await run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--max-features-per-tile/);
    let list = '';
    await main(['--help'], { out: (t) => (list += t), err: () => undefined });
    expect(list).toMatch(/\n {2}tiles +write buildings as an OGC 3D Tiles/);
  });
});
