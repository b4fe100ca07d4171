import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildPolygonLayer, parseGeoJson } from '../../../src/core/geo/index.ts';
import { FIXTURE_DIR, MONACO_ORIGIN, fixtureFiles } from '../../fixtures/tiles/generate.ts';
import { type Tileset, expectValidGlb, tilesOf } from './helpers.ts';

function committed(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('committed test tileset (tests/fixtures/tiles/monaco-synthetic)', () => {
  it('is what generate.ts makes today (regenerate with npx tsx tests/fixtures/tiles/generate.ts)', () => {
    const fresh = fixtureFiles();
    const files = committed(FIXTURE_DIR);
    expect([...files.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, bytes] of fresh) expect(Buffer.compare(files.get(path)!, Buffer.from(bytes)), path).toBe(0);
    let total = 0;
    for (const b of files.values()) total += b.length;
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('shares the frame origin the viewer gives Monaco, and its GLBs validate', async () => {
    const { features } = parseGeoJson(readFileSync(join(import.meta.dirname, '../../../assets/city/monaco/buildings.geojson'), 'utf8'));
    const frame = buildPolygonLayer(features).frame;
    expect([frame.lon0, frame.lat0]).toEqual([...MONACO_ORIGIN]);
    const files = committed(FIXTURE_DIR);
    const tileset = JSON.parse(files.get('tileset.json')!.toString('utf8')) as Tileset;
    expect(tileset.extras?.citytwin?.origin).toEqual({ lon: MONACO_ORIGIN[0], lat: MONACO_ORIGIN[1], height: 0 });
    expect(tilesOf(tileset.root).length).toBeGreaterThan(4);
    for (const [path, bytes] of files) if (path.endsWith('.glb')) await expectValidGlb(new Uint8Array(bytes), path);
  });
});
