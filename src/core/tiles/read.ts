/**
 * Reading back what content.ts writes (for tests, tools and checks, not for drawing): the vertex
 * positions of a tile's GLB in the tileset's z-up local metres, and its property table as plain values.
 * Only what the tiler writes is understood: one buffer, tightly packed accessors, UINT32 string offsets.
 */
import { readGlb } from './glb.ts';

interface Json {
  nodes?: Array<{ mesh?: number; translation?: number[] }>;
  meshes?: Array<{ primitives: Array<{ attributes: Record<string, number>; indices?: number }> }>;
  accessors?: Array<{ bufferView: number; componentType: number; count: number; type: string }>;
  bufferViews?: Array<{ byteOffset?: number; byteLength: number }>;
  extensions?: {
    EXT_structural_metadata?: {
      schema?: { classes?: Record<string, { properties?: Record<string, { type: string; componentType?: string; noData?: unknown; name?: string }> }> };
      propertyTables?: Array<{ class: string; count: number; properties: Record<string, { values: number; stringOffsets?: number }> }>;
    };
  };
}

function view(json: Json, bin: Uint8Array, index: number): Uint8Array {
  const v = json.bufferViews?.[index];
  if (!v) throw new RangeError(`no bufferView ${index}`);
  return bin.subarray(v.byteOffset ?? 0, (v.byteOffset ?? 0) + v.byteLength);
}

function floats(json: Json, bin: Uint8Array, accessor: number): Float32Array {
  const a = json.accessors?.[accessor];
  if (!a || a.componentType !== 5126) throw new RangeError(`accessor ${accessor} is not FLOAT`);
  const bytes = view(json, bin, a.bufferView).slice();
  return new Float32Array(bytes.buffer, 0, a.count * (a.type === 'VEC3' ? 3 : 1));
}

/** Per primitive: positions in tileset z-up local metres (node translation applied, glTF y-up undone) and feature ids. */
export function readContentGeometry(glb: Uint8Array): Array<{ positions: Float64Array; featureIds?: Float32Array }> {
  const { json: raw, bin } = readGlb(glb);
  const json = raw as Json;
  const out: Array<{ positions: Float64Array; featureIds?: Float32Array }> = [];
  for (const node of json.nodes ?? []) {
    if (node.mesh === undefined) continue;
    const [tx, ty, tz] = node.translation ?? [0, 0, 0];
    for (const prim of json.meshes?.[node.mesh]?.primitives ?? []) {
      const p = floats(json, bin, prim.attributes['POSITION']!);
      const positions = new Float64Array(p.length);
      for (let i = 0; i < p.length; i += 3) {
        // glTF (x, y, z) y-up -> 3D Tiles z-up (x, -z, y).
        positions[i] = p[i]! + tx!;
        positions[i + 1] = -(p[i + 2]! + tz!);
        positions[i + 2] = p[i + 1]! + ty!;
      }
      const fid = prim.attributes['_FEATURE_ID_0'];
      out.push(fid === undefined ? { positions } : { positions, featureIds: floats(json, bin, fid) });
    }
  }
  return out;
}

export type PropertyValue = string | number | null;

/**
 * The first property table of a GLB: one array per property id, `count` values each, noData as null,
 * and each id's original name (the GeoJSON key) where the schema gives one.
 */
export function readPropertyTable(glb: Uint8Array): { count: number; columns: Map<string, PropertyValue[]>; names: Map<string, string> } | undefined {
  const { json: raw, bin } = readGlb(glb);
  const json = raw as Json;
  const meta = json.extensions?.EXT_structural_metadata;
  const table = meta?.propertyTables?.[0];
  if (!meta || !table) return undefined;
  const defs = meta.schema?.classes?.[table.class]?.properties ?? {};
  const columns = new Map<string, PropertyValue[]>();
  const names = new Map<string, string>();
  const decoder = new TextDecoder();
  for (const id of Object.keys(table.properties)) {
    const prop = table.properties[id]!;
    const def = defs[id];
    if (!def) throw new RangeError(`property ${id} is not in the schema`);
    if (def.name !== undefined) names.set(id, def.name);
    const values = view(json, bin, prop.values).slice();
    const col: PropertyValue[] = [];
    if (def.type === 'STRING') {
      if (prop.stringOffsets === undefined) throw new RangeError(`property ${id} has no string offsets`);
      const o = view(json, bin, prop.stringOffsets).slice();
      const offsets = new Uint32Array(o.buffer, 0, table.count + 1);
      for (let i = 0; i < table.count; i++) {
        const s = decoder.decode(values.subarray(offsets[i], offsets[i + 1]));
        col.push(def.noData !== undefined && s === def.noData ? null : s);
      }
    } else {
      const arr = def.componentType === 'FLOAT64' ? new Float64Array(values.buffer, 0, table.count)
        : def.componentType === 'FLOAT32' ? new Float32Array(values.buffer, 0, table.count)
          : def.componentType === 'UINT32' ? new Uint32Array(values.buffer, 0, table.count) : undefined;
      if (!arr) throw new RangeError(`property ${id}: component type ${def.componentType} is not read here`);
      for (let i = 0; i < table.count; i++) col.push(def.noData !== undefined && arr[i] === def.noData ? null : arr[i]!);
    }
    columns.set(id, col);
  }
  return { count: table.count, columns, names };
}
