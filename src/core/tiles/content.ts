/**
 * One tile's content as a GLB: the chunks of a polygon layer (src/core/geo buildPolygonLayer, local
 * metres x east, y north, z up) as the primitives of one mesh under one node.
 *
 * glTF is y-up and 3D Tiles turns glTF content to z-up by +90° about x, so a local point (x, y, z)
 * is written as glTF (x, z, -y). Positions are stored relative to the centre of the content's box
 * (the node's translation), so Float32 keeps millimetres whatever the tile's distance from the origin.
 * Normals are unit Float32 (core glTF). With a property table, every vertex carries `_FEATURE_ID_0`
 * (FLOAT, exact to 2^24) — its row in the table — through EXT_mesh_features.
 */
import type { ColumnarGeometry } from '../columnar/index.ts';
import { ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, GlbWriter } from './glb.ts';
import { CLASS_ID, type FeatureRow, type TileSchema, encodeRows } from './schema.ts';

/** [minX, minY, minZ, maxX, maxY, maxZ], local metres. */
export type Box = [number, number, number, number, number, number];

export function emptyBox(): Box {
  return [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
}

export function unionBox(a: Box, b: readonly number[]): void {
  for (let k = 0; k < 3; k++) {
    a[k] = Math.min(a[k]!, b[k]!);
    a[k + 3] = Math.max(a[k + 3]!, b[k + 3]!);
  }
}

export interface PropertyTableInput {
  readonly schema: TileSchema;
  /** Row r describes the feature whose vertices carry featureId r. */
  readonly rows: readonly FeatureRow[];
}

export interface EncodedContent {
  readonly glb: Uint8Array;
  /** Bounds of the content's vertices, local metres. */
  readonly bounds: Box;
}

export const MATERIAL = {
  name: 'building',
  pbrMetallicRoughness: { baseColorFactor: [0.82, 0.82, 0.8, 1], metallicFactor: 0, roughnessFactor: 0.9 },
};

/** Encodes chunks (and, when given, their features' property table) as a GLB. */
export function encodeContent(chunks: readonly ColumnarGeometry[], table?: PropertyTableInput): EncodedContent {
  const bounds = emptyBox();
  for (const c of chunks) unionBox(bounds, c.bounds);
  const cx = (bounds[0] + bounds[3]) / 2;
  const cy = (bounds[1] + bounds[4]) / 2;
  const cz = (bounds[2] + bounds[5]) / 2;
  const w = new GlbWriter();
  const primitives: object[] = [];
  const seen = table ? new Uint8Array(table.rows.length) : undefined;
  for (const c of chunks) {
    const pos = c.attributes['position']!.value;
    const nrm = c.attributes['normal']!.value;
    const n = c.length;
    const position = new Float32Array(n * 3);
    const normal = new Float32Array(n * 3);
    for (let v = 0; v < n; v++) {
      const i = v * 3;
      position[i] = pos[i]! - cx;
      position[i + 1] = pos[i + 2]! - cz;
      position[i + 2] = -(pos[i + 1]! - cy);
      const nx = nrm[i]!;
      const ny = nrm[i + 1]!;
      const nz = nrm[i + 2]!;
      const len = Math.hypot(nx, ny, nz) || 1;
      normal[i] = nx / len;
      normal[i + 1] = nz / len;
      normal[i + 2] = -ny / len;
    }
    const attributes: Record<string, number> = {
      POSITION: w.accessor(position, 'VEC3', ARRAY_BUFFER, true),
      NORMAL: w.accessor(normal, 'VEC3', ARRAY_BUFFER, false),
    };
    const primitive: Record<string, unknown> = { attributes, material: 0, mode: 4 };
    if (table && seen) {
      const ids = c.attributes['featureId']!.value as Float32Array;
      seen.fill(0);
      let featureCount = 0;
      for (let v = 0; v < n; v++) {
        const id = ids[v]!;
        if (seen[id] === 0) {
          seen[id] = 1;
          featureCount++;
        }
      }
      attributes['_FEATURE_ID_0'] = w.accessor(Float32Array.from(ids.subarray(0, n)), 'SCALAR', ARRAY_BUFFER, false);
      primitive['extensions'] = { EXT_mesh_features: { featureIds: [{ featureCount, attribute: 0, propertyTable: 0 }] } };
    }
    primitive['indices'] = w.accessor(c.indices, 'SCALAR', ELEMENT_ARRAY_BUFFER, false);
    primitives.push(primitive);
  }
  const json: Record<string, unknown> = {
    asset: { version: '2.0', generator: 'CityTwin tiler' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, translation: [cx, cz, -cy] }],
    meshes: [{ primitives }],
    materials: [MATERIAL],
  };
  if (table) {
    const { columns, present } = encodeRows(table.schema, table.rows);
    const properties: Record<string, object> = {};
    for (const col of columns) {
      const values = w.view(col.values);
      properties[col.id] = col.stringOffsets
        ? { values, stringOffsets: w.view(col.stringOffsets), stringOffsetType: 'UINT32' }
        : { values };
    }
    json['extensionsUsed'] = ['EXT_mesh_features', 'EXT_structural_metadata'];
    json['extensions'] = {
      EXT_structural_metadata: {
        schema: table.schema.json(present),
        propertyTables: [{ name: 'buildings', class: CLASS_ID, count: table.rows.length, properties }],
      },
    };
  }
  return { glb: w.finish(json), bounds };
}
