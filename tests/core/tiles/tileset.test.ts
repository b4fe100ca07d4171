import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticCity } from '../../../src/core/synthetic/index.ts';
import { parseGeoJson, resolveHeight, toLonLat } from '../../../src/core/geo/index.ts';
import { enuToEcef, transformPoint, writeTileset } from '../../../src/core/tiles/index.ts';
import type { TileJson, TilesetOptions, TilesetSummary } from '../../../src/core/tiles/index.ts';
import { type LeafContent, type Tileset, expectAxisAligned, expectValidGlb, inBox, readContent, tilesOf } from './helpers.ts';

const ROOT = join(import.meta.dirname, '../../..');

function rect(lon: number, lat: number, dLon = 0.0002, dLat = 0.00015): object {
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]] };
}

/** Features with hostile keys and values, mixed types and broken geometry, placed among the synthetic ones. */
const HOSTILE_PROPS = JSON.parse(
  '{"__proto__": "proto value", "constructor": "ctor", "name": "<img src=x onerror=alert(1)>", "<img onerror>": "<script>alert(1)</script>",' +
    ' "building": "yes", "height": "21", "mixed": 5, "num": 3.5, "flag": true, "obj": {"a": [1, 2]}, "name:ko": "한국어 이름", "": "empty key", "nothing": null}',
) as Record<string, unknown>;
const EXTRA: object[] = [
  { type: 'Feature', id: 'hostile-1', properties: HOSTILE_PROPS, geometry: rect(7.4368, 43.7279) },
  { type: 'Feature', id: 7, properties: { mixed: 'text', num: 4, building: 'house' }, geometry: rect(7.4372, 43.7282) },
  { type: 'Feature', properties: null, geometry: rect(7.4366, 43.7285) },
  { type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Point', coordinates: [7.437, 43.728] } },
  { type: 'Feature', id: 'sliver', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: [[[7.437, 43.728], [7.4371, 43.728], [7.4372, 43.728], [7.437, 43.728]]] } },
];

function fixtureFeatures(): unknown[] {
  const city = syntheticCity({ buildings: 600, seed: 11, center: [7.437, 43.728] });
  return [...city.features, ...EXTRA];
}

interface Written {
  readonly files: Map<string, Uint8Array>;
  readonly summary: TilesetSummary;
  readonly tileset: Tileset;
  readonly contents: Map<string, LeafContent>;
}

function tile(features: readonly unknown[], options: TilesetOptions): Written {
  const files = new Map<string, Uint8Array>();
  const summary = writeTileset(features, (path, bytes) => {
    expect(files.has(path), `${path} written twice`).toBe(false);
    files.set(path, bytes);
  }, options);
  const tileset = JSON.parse(new TextDecoder().decode(files.get('tileset.json')!)) as Tileset;
  const contents = new Map<string, LeafContent>();
  for (const [path, bytes] of files) if (path.endsWith('.glb')) contents.set(path, readContent(path, bytes));
  return { files, summary, tileset, contents };
}

/** feature_index of every row of every leaf, and which leaf. */
/** Where each feature index appears: in leaves only (`leaves`), or in every tile. */
function featureIndices(w: Written, which: 'leaves' | 'all' = 'leaves'): Map<number, string[]> {
  const seen = new Map<number, string[]>();
  for (const { tile: t } of tilesOf(w.tileset.root)) {
    const c = t.content ? w.contents.get(t.content.uri) : undefined;
    if (!c?.table || (which === 'leaves' && t.children)) continue;
    for (const v of c.table.columns.get('feature_index')!) seen.set(v as number, [...(seen.get(v as number) ?? []), t.content!.uri]);
  }
  return seen;
}

describe('writeTileset on a synthetic city with hostile properties', () => {
  const features = fixtureFeatures();
  let w: Written;
  beforeAll(() => {
    w = tile(features, { maxFeaturesPerTile: 100 });
  });

  it('writes an explicit 3D Tiles 1.1 quadtree with a root ENU->ECEF transform and box volumes', () => {
    const { tileset, summary } = w;
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.refine).toBe('REPLACE');
    expect(tileset.root.transform).toEqual(enuToEcef(summary.frame));
    expect(tileset.extras?.citytwin?.origin).toEqual({ lon: summary.frame.lon0, lat: summary.frame.lat0, height: 0 });
    const all = tilesOf(tileset.root);
    expect(all.length).toBe(summary.tiles);
    expect(summary.depth).toBeGreaterThanOrEqual(2);
    expect(Math.max(...all.map((v) => v.depth))).toBe(summary.depth);
    for (const { tile: t, depth } of all) {
      expectAxisAligned(t.boundingVolume.box);
      expect(t.children === undefined || t.children.length >= 2).toBe(true);
      expect(t.children === undefined || t.children.length <= 4).toBe(true);
      if (depth > 0) expect(t.transform).toBeUndefined();
      if (t.content) expect(w.files.has(t.content.uri)).toBe(true);
    }
    const leaves = all.filter((v) => !v.tile.children);
    expect(leaves.length).toBe(summary.leaves);
    for (const { tile: t } of leaves) expect(t.content).toBeDefined();
    // Every file written is referenced by exactly one tile.
    const uris = all.flatMap((v) => (v.tile.content ? [v.tile.content.uri] : []));
    expect(new Set(uris).size).toBe(uris.length);
    expect([...w.files.keys()].sort()).toEqual([...uris, 'tileset.json'].sort());
  });

  it('has geometric errors that fall strictly with depth, 0 at the leaves', () => {
    const { tileset } = w;
    expect(tileset.geometricError).toBeGreaterThan(tileset.root.geometricError);
    for (const { tile: t } of tilesOf(tileset.root)) {
      if (!t.children) expect(t.geometricError).toBe(0);
      for (const c of t.children ?? []) expect(c.geometricError).toBeLessThan(t.geometricError);
    }
  });

  it('puts every drawn feature in exactly one leaf, and lists the rest as skipped', () => {
    const seen = featureIndices(w);
    for (const [index, where] of seen) expect(where, `feature ${index}`).toHaveLength(1);
    const skipped = w.summary.skipped.map((s) => s.index);
    expect(skipped).toEqual([603, 604]);
    expect(w.summary.skipped.map((s) => s.code)).toEqual(['wrong-geometry-type', 'zero-area']);
    const expected = features.map((_, i) => i).filter((i) => !skipped.includes(i));
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(expected);
    expect(w.summary.features).toBe(expected.length);
    // Leaves respect the limit; parents' coarse content repeats some of their subtree's features with
    // the same ids and property rows as in their leaf, so they can be picked from afar.
    const rowsByIndex = new Map<number, string>();
    const rowText = (c: NonNullable<ReturnType<typeof w.contents.get>>, r: number): string =>
      JSON.stringify([...c.table!.columns.entries()].map(([k, v]) => [k, v[r]]).filter(([, v]) => v !== null && v !== undefined)); // a tile lists only the columns its rows use
    for (const { tile: t } of tilesOf(w.tileset.root)) {
      const c = w.contents.get(t.content?.uri ?? '');
      if (!c || t.children) continue;
      c.table!.columns.get('feature_index')!.forEach((v, r) => rowsByIndex.set(v as number, rowText(c, r)));
    }
    let parentRows = 0;
    for (const { tile: t } of tilesOf(w.tileset.root)) {
      const c = w.contents.get(t.content?.uri ?? '');
      if (!c) continue;
      if (t.children) {
        expect(c.table!.count).toBeGreaterThan(0);
        expect(c.geometry.every((p) => p.featureIds !== undefined)).toBe(true);
        c.table!.columns.get('feature_index')!.forEach((v, r) => {
          expect(rowText(c, r), `parent ${t.content!.uri} row ${r}`).toBe(rowsByIndex.get(v as number));
          parentRows++;
        });
      } else {
        expect(c.table!.count).toBeLessThanOrEqual(100);
        expect(c.table!.count).toBeGreaterThan(0);
      }
    }
    expect(w.summary.lodTiles).toBeGreaterThan(0);
    expect(parentRows).toBeGreaterThan(0);
    expect(featureIndices(w, 'all').size).toBe(seen.size);
  });

  it('gives every vertex a feature id of its tile, and every feature some geometry', () => {
    for (const c of w.contents.values()) {
      if (!c.table) continue;
      const used = new Set<number>();
      const meshes = c.json['meshes'] as Array<{ primitives: Array<{ extensions: { EXT_mesh_features: { featureIds: Array<{ featureCount: number; attribute: number; propertyTable: number }> } } }> }>;
      c.geometry.forEach((p, k) => {
        const distinct = new Set<number>();
        for (const id of p.featureIds!) {
          expect(Number.isInteger(id) && id >= 0 && id < c.table!.count).toBe(true);
          used.add(id);
          distinct.add(id);
        }
        expect(meshes[0]!.primitives[k]!.extensions.EXT_mesh_features.featureIds).toEqual([{ featureCount: distinct.size, attribute: 0, propertyTable: 0 }]);
      });
      expect(used.size).toBe(c.table.count);
    }
  });

  it('keeps bounding volumes around their content and their descendants', () => {
    let checked = 0;
    for (const { tile: t, ancestors } of tilesOf(w.tileset.root)) {
      const c = w.contents.get(t.content?.uri ?? '');
      if (!c) continue;
      const boxes = [t, ...ancestors].map((a: TileJson) => a.boundingVolume.box);
      for (const p of c.geometry) {
        for (let i = 0; i < p.positions.length; i += 3) {
          const [x, y, z] = [p.positions[i]!, p.positions[i + 1]!, p.positions[i + 2]!];
          for (const box of boxes) {
            if (!inBox(box, x, y, z)) throw new Error(`${c.uri}: (${x}, ${y}, ${z}) outside ${JSON.stringify(box)}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('places each building where its GeoJSON says, through the root transform', () => {
    const frame = w.summary.frame;
    const m = enuToEcef(frame);
    for (const c of w.contents.values()) {
      if (!c.table) continue;
      const index = c.table.columns.get('feature_index')!;
      const height = c.table.columns.get('height_m')!;
      for (const p of c.geometry) {
        for (let v = 0; v < p.featureIds!.length; v += 7) {
          const row = p.featureIds![v]!;
          const f = features[index[row] as number] as { geometry: { coordinates: number[][][] } };
          const ring = f.geometry.coordinates[0]!;
          const [x, y, z] = [p.positions[3 * v]!, p.positions[3 * v + 1]!, p.positions[3 * v + 2]!];
          // Local metres back to lon/lat by the project's own frame …
          const [lon, lat] = toLonLat(frame, x, y);
          const near = ring.some(([a, b]) => Math.abs(a! - lon) < 1e-7 && Math.abs(b! - lat) < 1e-7);
          expect(near, `feature ${index[row]}: vertex at ${lon}, ${lat}`).toBe(true);
          expect(z).toBeGreaterThanOrEqual(-1e-6);
          expect(z).toBeLessThanOrEqual((height[row] as number) + 1e-4);
          // … and through ECEF: the root transform puts the vertex over the same point of the ellipsoid.
          const [gLon, gLat] = geodetic(...transformPoint(m, x, y, z));
          expect(Math.abs(gLon - lon)).toBeLessThan(2e-7);
          expect(Math.abs(gLat - lat)).toBeLessThan(2e-7);
        }
      }
    }
  });

  it('keeps properties as plain data: hostile names and values, numbers, mixed types as text', () => {
    const schema = w.tileset.schema!.classes['building']!.properties;
    const rows = new Map<number, Map<string, unknown>>();
    for (const c of w.contents.values()) {
      if (!c.table) continue;
      for (let r = 0; r < c.table.count; r++) {
        const byName = new Map<string, unknown>();
        for (const [id, col] of c.table.columns) byName.set(c.table.names.get(id) ?? `#${id}`, col[r]);
        rows.set(c.table.columns.get('feature_index')![r] as number, byName);
      }
    }
    const hostile = rows.get(600)!;
    expect(hostile.get('#feature_id')).toBe('hostile-1');
    expect(hostile.get('__proto__')).toBe('proto value');
    expect(hostile.get('constructor')).toBe('ctor');
    expect(hostile.get('name')).toBe('<img src=x onerror=alert(1)>');
    expect(hostile.get('<img onerror>')).toBe('<script>alert(1)</script>');
    expect(hostile.get('name:ko')).toBe('한국어 이름');
    expect(hostile.get('')).toBe('empty key');
    expect(hostile.get('mixed')).toBe('5');
    expect(hostile.get('num')).toBe(3.5);
    expect(hostile.get('flag')).toBe('true');
    expect(hostile.get('obj')).toBe('{"a":[1,2]}');
    expect(hostile.has('nothing')).toBe(false);
    expect(hostile.get('#height_m')).toBe(21);
    expect(hostile.get('#height_source')).toBe('height');
    expect(Object.getPrototypeOf(schema)).toBe(Object.prototype);
    const ids = Object.keys(schema);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(id in Object.prototype).toBe(false);
    }
    const idOf = (name: string): string => ids.find((id) => schema[id]!.name === name)!;
    expect(schema[idOf('num')]!.type).toBe('SCALAR');
    expect(schema[idOf('mixed')]!.type).toBe('STRING');
    expect(schema[idOf('__proto__')]!.type).toBe('STRING');

    const seven = rows.get(601)!;
    expect(seven.get('#feature_id')).toBe('7');
    expect(seven.get('mixed')).toBe('text');
    expect(seven.get('num')).toBe(4);
    expect(seven.get('name')).toBe(null);
    const bare = rows.get(602)!;
    expect(bare.get('#feature_id')).toBe(null);
    expect(bare.get('#height_source')).toBe('estimate');

    // Every synthetic building: its id, name, tags and resolved height.
    for (let i = 0; i < 600; i++) {
      const f = features[i] as { id: number; properties: Record<string, string> };
      const row = rows.get(i)!;
      expect(row.get('#feature_index')).toBe(i);
      expect(row.get('#feature_id')).toBe(String(f.id));
      for (const [k, v] of Object.entries(f.properties)) expect(row.get(k)).toBe(v);
      expect(row.get('#height_m')).toBeCloseTo(resolveHeight(f.properties).height, 4);
    }
  });

  it('writes GLBs the Khronos validator passes with no errors or warnings', async () => {
    const infos = new Set<string>();
    for (const [uri, bytes] of w.files) if (uri.endsWith('.glb')) for (const code of await expectValidGlb(bytes, uri)) infos.add(code);
    expect([...infos].sort()).toEqual(['UNSUPPORTED_EXTENSION', 'UNUSED_OBJECT']);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const again = tile(fixtureFeatures(), { maxFeaturesPerTile: 100 });
    expect([...again.files.keys()]).toEqual([...w.files.keys()]);
    for (const [path, bytes] of w.files) expect(Buffer.compare(Buffer.from(again.files.get(path)!), Buffer.from(bytes)), path).toBe(0);
  });
});

describe('writeTileset options', () => {
  it('leaves parents empty with lodFeatures 0, errors still falling with depth', () => {
    const features = syntheticCity({ buildings: 400, seed: 5 }).features;
    const w = tile(features, { maxFeaturesPerTile: 50, lodFeatures: 0 });
    expect(w.summary.lodTiles).toBe(0);
    for (const { tile: t } of tilesOf(w.tileset.root)) {
      if (t.children) expect(t.content).toBeUndefined();
      for (const c of t.children ?? []) expect(c.geometricError).toBeLessThan(t.geometricError);
    }
    // With nothing drawn by a parent, its error is at least its largest building.
    expect(w.tileset.root.geometricError).toBeGreaterThan(10);
    expect(featureIndices(w).size).toBe(400);
  });

  it('keeps a leaf for buildings piled on one spot instead of splitting forever', () => {
    const one = { type: 'Feature', properties: { building: 'yes' }, geometry: rect(127.0, 37.5) };
    const w = tile(Array.from({ length: 30 }, () => one), { maxFeaturesPerTile: 4 });
    expect(w.summary.tiles).toBe(1);
    expect(w.tileset.root.content).toBeDefined();
    expect(featureIndices(w).size).toBe(30);
  });

  it('writes nothing when no feature can be drawn', () => {
    const files = new Map<string, Uint8Array>();
    const s = writeTileset([{ type: 'Feature', properties: {}, geometry: null }], (p, b) => files.set(p, b));
    expect(s.features).toBe(0);
    expect(s.skipped.map((k) => k.code)).toEqual(['no-geometry']);
    expect(files.size).toBe(0);
  });
});

describe('writeTileset on Monaco (OpenStreetMap)', () => {
  it('tiles every building once, with valid GLBs', async () => {
    const { features } = parseGeoJson(readFileSync(join(ROOT, 'assets/city/monaco/buildings.geojson'), 'utf8'));
    const w = tile(features, { maxFeaturesPerTile: 150 });
    const seen = featureIndices(w);
    expect(seen.size + w.summary.skipped.length).toBe(features.length);
    expect(seen.size).toBeGreaterThan(1200);
    for (const where of seen.values()) expect(where).toHaveLength(1);
    for (const { tile: t } of tilesOf(w.tileset.root)) for (const c of t.children ?? []) expect(c.geometricError).toBeLessThan(t.geometricError);
    for (const [uri, bytes] of w.files) if (uri.endsWith('.glb')) await expectValidGlb(bytes, uri);
    // Monaco's OSM keys keep their names (building:levels, name:ko, addr:street …).
    const names = Object.values(w.tileset.schema!.classes['building']!.properties).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['building:levels', 'name:ko', 'addr:street', 'height']));
  });
});

/** ECEF -> geodetic lon/lat in degrees on WGS84 (Bowring's iteration; micro-degree accurate here). */
function geodetic(x: number, y: number, z: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - e2));
  for (let k = 0; k < 6; k++) {
    const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const h = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (e2 * n) / (n + h)));
  }
  return [(Math.atan2(y, x) * 180) / Math.PI, (lat * 180) / Math.PI];
}
