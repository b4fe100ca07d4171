// Shared checks for tilesets written by src/core/tiles: walk the tree, read contents, validate GLBs.
import { expect } from 'vitest';
import { validateBytes } from 'gltf-validator';
import { readContentGeometry, readGlb, readPropertyTable } from '../../../src/core/tiles/index.ts';
import type { TileJson } from '../../../src/core/tiles/index.ts';

export interface Tileset {
  asset: { version: string };
  geometricError: number;
  schema?: { classes: Record<string, { properties: Record<string, { name?: string; type: string }> }> };
  extras?: { citytwin?: { origin: { lon: number; lat: number; height: number } } };
  root: TileJson;
}

export interface Visit {
  readonly tile: TileJson;
  readonly depth: number;
  readonly ancestors: readonly TileJson[];
}

/** Every tile, depth first, with its ancestors (root first). */
export function tilesOf(root: TileJson): Visit[] {
  const out: Visit[] = [];
  const walk = (tile: TileJson, depth: number, ancestors: TileJson[]): void => {
    out.push({ tile, depth, ancestors });
    for (const c of tile.children ?? []) walk(c, depth + 1, [...ancestors, tile]);
  };
  walk(root, 0, []);
  return out;
}

/** Checks a 3D Tiles box [centre, x half-axis, y half-axis, z half-axis] is axis-aligned, as the tiler writes them. */
export function expectAxisAligned(box: readonly number[]): void {
  expect(box.length).toBe(12);
  expect([box[4], box[5], box[6], box[8], box[9], box[10]]).toEqual([0, 0, 0, 0, 0, 0]);
  expect(Math.min(box[3]!, box[7]!, box[11]!)).toBeGreaterThan(0);
}

/** Whether a point lies in an axis-aligned 3D Tiles box. */
export function inBox(box: readonly number[], x: number, y: number, z: number): boolean {
  return Math.abs(x - box[0]!) <= box[3]! && Math.abs(y - box[1]!) <= box[7]! && Math.abs(z - box[2]!) <= box[11]!;
}

/** Khronos glTF validator: no errors and no warnings; the only infos are the ones the tiler expects. */
export async function expectValidGlb(glb: Uint8Array, uri: string): Promise<string[]> {
  const report = await validateBytes(glb, { uri, maxIssues: 0 });
  const errors = report.issues.messages.filter((m) => m.severity <= 1);
  expect(errors, `${uri}: ${JSON.stringify(errors.slice(0, 5))}`).toEqual([]);
  expect(report.issues.numErrors).toBe(0);
  expect(report.issues.numWarnings).toBe(0);
  const infos = [...new Set(report.issues.messages.map((m) => m.code))].sort();
  // EXT_mesh_features / EXT_structural_metadata are unknown to the validator, so it also cannot see
  // that the property-table buffer views are used.
  for (const code of infos) expect(['UNSUPPORTED_EXTENSION', 'UNUSED_OBJECT']).toContain(code);
  return infos;
}

export interface LeafContent {
  readonly uri: string;
  readonly geometry: ReturnType<typeof readContentGeometry>;
  readonly table: NonNullable<ReturnType<typeof readPropertyTable>> | undefined;
  readonly json: Record<string, unknown>;
}

export function readContent(uri: string, glb: Uint8Array): LeafContent {
  return { uri, geometry: readContentGeometry(glb), table: readPropertyTable(glb), json: readGlb(glb).json };
}
