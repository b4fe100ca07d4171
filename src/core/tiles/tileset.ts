/**
 * GeoJSON buildings -> an OGC 3D Tiles 1.1 tileset, written file by file through a sink (core writes no
 * files; the CLI's sink does), so only one tile's geometry is held at a time.
 *
 * 1. Scan: every feature's polygons are read once for their lon/lat box (unreadable ones are skipped
 *    and listed), its height resolved, its properties tallied for the schema (schema.ts).
 * 2. Frame: a LocalFrame (src/core/geo/frame.ts) at the centre of the lon/lat bounds, unless given.
 * 3. Quadtree: features are split by the centre of their box into square quadrants until a tile holds at
 *    most `maxFeaturesPerTile`; quadrants with nothing are dropped and a split that leaves everything in
 *    one quadrant is skipped (no chains of one child).
 * 4. Leaves hold the features: buildPolygonLayer (the project's extruder) on the leaf's features, written
 *    as a GLB with `_FEATURE_ID_0` and a property table (content.ts). Every drawn feature is in exactly
 *    one leaf.
 * 5. Parents hold a coarser level of detail: up to `lodFeatures` of the largest buildings of their
 *    subtree (an even share per child, largest first), with the same geometry, feature ids and property
 *    rows as in their leaf, so a tile seen from afar still shows the skyline and its buildings can be
 *    picked. Every drawn feature is in exactly one leaf; a parent repeats some. `lodFeatures: 0` leaves
 *    parents empty.
 *    Refinement is REPLACE.
 * 6. Geometric error, metres: 0 for leaves; for a parent, the size (max of height and footprint
 *    diagonal) of the largest building of its subtree that it does not draw, and at least 1.1 × its
 *    children's, so errors fall strictly with depth.
 *
 * Georeferencing: the root `transform` is east-north-up -> ECEF (EPSG:4978) at the frame origin
 * (height 0 on the WGS84 ellipsoid); bounding volumes are `box`es in that ENU frame, z up; content
 * coordinates are the frame's own local metres (x east, y north, z above ground — the project's
 * LocalFrame, which keeps heights from the ground rather than dropping them with the Earth's
 * curvature). A viewer whose LocalFrame has the same origin places the tileset with the inverse of the
 * root transform and every vertex lands on the coordinates the project's other layers use.
 */
import { type LocalFrame, createLocalFrame, projectInto } from '../geo/frame.ts';
import {
  FeatureError,
  type PolygonLayerData,
  type ResolvedHeight,
  type SkippedFeature,
  HEIGHT_SOURCE_NAMES,
  buildPolygonLayer,
  extendBounds,
  featureId,
  propertiesOf,
  readPolygons,
  resolveHeight,
  skipped as skippedEntry,
} from '../geo/index.ts';
import { type Box, emptyBox, encodeContent, unionBox } from './content.ts';
import { enuToEcef, type Mat4 } from './ecef.ts';
import { type FeatureRow, SchemaBuilder } from './schema.ts';

export const DEFAULT_MAX_FEATURES_PER_TILE = 1000;
/** Deepest split; a tile there holds whatever is left (only features piled on one spot get there). */
export const MAX_DEPTH = 24;
/** Bounding boxes are padded by this much (metres) so Float32 rounding of content never leaves them. */
const BOX_PAD_M = 0.01;

export interface TilesetOptions {
  /** Most features in a leaf tile (default 1000). */
  readonly maxFeaturesPerTile?: number;
  /** Most buildings drawn by a parent tile as its coarse level of detail (default = maxFeaturesPerTile; 0 = empty parents). */
  readonly lodFeatures?: number;
  /** Frame of the content; default: centred on the lon/lat bounds of the readable features. */
  readonly frame?: LocalFrame;
  /** Per-feature heights (default: OSM tags, src/core/geo/height.ts). */
  readonly heightOf?: (props: Readonly<Record<string, unknown>>) => ResolvedHeight;
  /** Folder of the GLB files, relative to tileset.json (default 'tiles'). */
  readonly contentDir?: string;
  /** Called after each tile with (features written to leaves, features to write). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Receives each file: a path relative to the output folder ('tileset.json' last) and its bytes. */
export type TileSink = (path: string, bytes: Uint8Array) => void;

export interface TilesetSummary {
  readonly frame: LocalFrame;
  /** Root transform, column-major: ENU at the frame origin -> ECEF. */
  readonly transform: Mat4;
  readonly tiles: number;
  readonly leaves: number;
  /** Parents that carry coarse content. */
  readonly lodTiles: number;
  /** Depth of the deepest tile (root 0). */
  readonly depth: number;
  /** Features drawn (each in exactly one leaf). */
  readonly features: number;
  readonly skipped: SkippedFeature[];
  /** Bytes of all GLB files, and of tileset.json. */
  readonly contentBytes: number;
  readonly tilesetBytes: number;
  /** [minX, minY, minZ, maxX, maxY, maxZ] of all content, local metres. */
  readonly bounds: Box;
}

/** A tile of the explicit tileset JSON. */
export interface TileJson {
  boundingVolume: { box: number[] };
  geometricError: number;
  refine?: 'REPLACE' | 'ADD';
  transform?: number[];
  content?: { uri: string };
  children?: TileJson[];
}

interface Built {
  readonly tile: TileJson;
  readonly bounds: Box;
  /** Drawn features of the subtree a parent may draw, largest first (global indices). */
  readonly lod: number[];
  /** Size of the largest building of the subtree this tile does not draw. */
  readonly omitted: number;
}

function boxJson(b: Box): number[] {
  const h = (k: number): number => (b[k + 3]! - b[k]!) / 2 + BOX_PAD_M;
  return [(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2, h(0), 0, 0, 0, h(1), 0, 0, 0, h(2)];
}

/** Builds the tileset of Polygon/MultiPolygon building features and hands every file to `sink`. */
export function writeTileset(features: readonly unknown[], sink: TileSink, options: TilesetOptions = {}): TilesetSummary {
  const maxPerTile = Math.max(1, Math.floor(options.maxFeaturesPerTile ?? DEFAULT_MAX_FEATURES_PER_TILE));
  const lodBudget = Math.max(0, Math.min(Math.floor(options.lodFeatures ?? maxPerTile), maxPerTile));
  const heightOf = options.heightOf ?? resolveHeight;
  const dir = (options.contentDir ?? 'tiles').replace(/\/+$/, '');
  const total = features.length;
  const skippedList: SkippedFeature[] = [];

  // 1. Scan.
  const box = new Float64Array(total * 4);
  const readable = new Uint8Array(total);
  const heights = new Float32Array(total);
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  const schemaBuilder = new SchemaBuilder();
  for (let i = 0; i < total; i++) {
    const f = features[i];
    let polys;
    try {
      polys = readPolygons(f);
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skippedEntry(i, f, err));
      continue;
    }
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polys) extendBounds(b, poly[0]!);
    box.set(b, i * 4);
    extendBounds(all, b); // its two corners
    readable[i] = 1;
    const props = propertiesOf(f);
    heights[i] = heightOf(props).height;
    schemaBuilder.observe(props);
  }
  const schema = schemaBuilder.finish();
  const frame = options.frame ?? createLocalFrame(Number.isFinite(all[0]!) ? (all[0]! + all[2]!) / 2 : 0, Number.isFinite(all[1]!) ? (all[1]! + all[3]!) / 2 : 0);

  // 2. Centres and sizes in local metres.
  const order: number[] = [];
  const cx = new Float64Array(total);
  const cy = new Float64Array(total);
  const size = new Float32Array(total);
  const p = new Float64Array(4);
  for (let i = 0; i < total; i++) {
    if (readable[i] === 0) continue;
    projectInto(frame, box[i * 4]!, box[i * 4 + 1]!, p, 0);
    projectInto(frame, box[i * 4 + 2]!, box[i * 4 + 3]!, p, 2);
    cx[i] = (p[0]! + p[2]!) / 2;
    cy[i] = (p[1]! + p[3]!) / 2;
    size[i] = Math.max(heights[i]!, Math.hypot(p[2]! - p[0]!, p[3]! - p[1]!));
    order.push(i);
  }
  const idx = Uint32Array.from(order);
  const scratch = new Uint32Array(idx.length);
  const toWrite = idx.length;
  const bySize = (a: number, b: number): number => size[b]! - size[a]! || a - b;

  let tiles = 0, leaves = 0, lodTiles = 0, drawn = 0, contentBytes = 0;

  /**
   * Extrudes the features `rows` (indices into the input) for one tile: the property-table row of each
   * drawn feature, with the vertices' feature ids renumbered to those rows where the extruder skipped some.
   */
  const tileLayer = (rows: ArrayLike<number>): { layer: PolygonLayerData; tableRows: FeatureRow[] } => {
    // One tile is drawn whole: as few primitives as Uint16 indices allow.
    const layer = buildPolygonLayer(Array.from(rows, (i) => features[i]), { frame, heightOf, maxChunkVertices: 65535 });
    const rowOf = new Int32Array(rows.length).fill(-1);
    const tableRows: FeatureRow[] = [];
    for (let r = 0; r < rows.length; r++) {
      if (layer.features.drawn[r] !== 1) continue;
      const g = rows[r]!;
      const f = features[g];
      rowOf[r] = tableRows.length;
      tableRows.push({
        index: g,
        id: featureId(f) ?? '',
        height: layer.features.height[r]!,
        minHeight: layer.features.minHeight[r]!,
        heightSource: HEIGHT_SOURCE_NAMES[layer.features.heightSource[r]!] ?? 'estimate',
        properties: propertiesOf(f),
      });
    }
    if (tableRows.length < rows.length) {
      for (const c of layer.chunks) {
        const ids = c.attributes['featureId']!.value;
        for (let v = 0; v < ids.length; v++) ids[v] = rowOf[ids[v]!]!;
      }
    }
    return { layer, tableRows };
  };

  const leaf = (start: number, end: number, path: string): Built | undefined => {
    const rows = idx.subarray(start, end);
    const { layer, tableRows } = tileLayer(rows);
    // Features the extruder skipped (zero area, …) are listed and left out of the table.
    for (const s of layer.skipped) skippedList.push({ ...s, index: rows[s.index]! });
    const lod = tableRows.map((r) => r.index);
    drawn += tableRows.length;
    options.onProgress?.(drawn, toWrite);
    if (tableRows.length === 0) return undefined;
    const { glb, bounds } = encodeContent(layer.chunks, { schema, rows: tableRows });
    const uri = `${dir}/${path}.glb`;
    sink(uri, glb);
    contentBytes += glb.byteLength;
    tiles++;
    leaves++;
    lod.sort(bySize);
    return { tile: { boundingVolume: { box: boxJson(bounds) }, geometricError: 0, content: { uri } }, bounds, lod, omitted: 0 };
  };

  const node = (start: number, end: number, x0: number, y0: number, side: number, path: string, depth: number): Built | undefined => {
    if (end - start <= maxPerTile || depth >= MAX_DEPTH) return leaf(start, end, path);
    // Split into quadrants 0 SW, 1 SE, 2 NW, 3 NE; when all fall in one, shrink the cell and try again.
    const counts = [0, 0, 0, 0];
    const quadrant = (i: number, half: number): number => (cx[i]! >= x0 + half ? 1 : 0) + (cy[i]! >= y0 + half ? 2 : 0);
    for (;;) {
      const half = side / 2;
      counts.fill(0);
      for (let k = start; k < end; k++) counts[quadrant(idx[k]!, half)]!++;
      const only = counts.findIndex((c) => c === end - start);
      if (only < 0) break;
      if (half < 1e-3) return leaf(start, end, path); // all centres on one spot
      x0 += only & 1 ? half : 0;
      y0 += only & 2 ? half : 0;
      side = half;
    }
    const half = side / 2;
    const offsets = [start, 0, 0, 0, end];
    for (let q = 1; q < 4; q++) offsets[q] = offsets[q - 1]! + counts[q - 1]!;
    const fill = offsets.slice(0, 4);
    for (let k = start; k < end; k++) {
      const i = idx[k]!;
      scratch[fill[quadrant(i, half)]!++] = i;
    }
    idx.set(scratch.subarray(start, end), start);
    const children: Built[] = [];
    for (let q = 0; q < 4; q++) {
      if (counts[q] === 0) continue;
      const child = node(offsets[q]!, offsets[q + 1]!, x0 + (q & 1 ? half : 0), y0 + (q & 2 ? half : 0), half, `${path}${q}`, depth + 1);
      if (child) children.push(child);
    }
    if (children.length === 0) return undefined;
    if (children.length === 1) return children[0];

    // Coarse content: an even share of each child's largest buildings.
    const share = Math.floor(lodBudget / children.length);
    const picked: number[] = [];
    let omitted = 0;
    let childError = 0;
    const bounds = emptyBox();
    for (const c of children) {
      for (let k = 0; k < Math.min(share, c.lod.length); k++) picked.push(c.lod[k]!);
      const next = c.lod[share];
      omitted = Math.max(omitted, c.omitted, next === undefined ? 0 : size[next]!);
      childError = Math.max(childError, c.tile.geometricError);
      unionBox(bounds, c.bounds);
    }
    const tile: TileJson = {
      boundingVolume: { box: [] },
      geometricError: Math.max(omitted, childError * 1.1, 0.01),
      children: children.map((c) => c.tile),
    };
    if (picked.length > 0) {
      picked.sort((a, b) => a - b);
      // The same ids and property rows as in the leaves, so a building seen from afar can be picked too.
      const { layer, tableRows } = tileLayer(picked);
      if (layer.chunks.length > 0) {
        const { glb, bounds: b } = encodeContent(layer.chunks, { schema, rows: tableRows });
        unionBox(bounds, b);
        const uri = `${dir}/${path}.glb`;
        sink(uri, glb);
        contentBytes += glb.byteLength;
        tile.content = { uri };
        lodTiles++;
      }
    }
    tile.boundingVolume.box = boxJson(bounds);
    tiles++;
    picked.sort(bySize);
    return { tile, bounds, lod: picked, omitted };
  };

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const i of idx) {
    minX = Math.min(minX, cx[i]!);
    minY = Math.min(minY, cy[i]!);
    maxX = Math.max(maxX, cx[i]!);
    maxY = Math.max(maxY, cy[i]!);
  }
  const side = Math.max(maxX - minX, maxY - minY, 1) * (1 + 1e-9) + 1e-6;
  const root = idx.length > 0 ? node(0, idx.length, minX, minY, side, 'r', 0) : undefined;
  skippedList.sort((a, b) => a.index - b.index);

  const transform = enuToEcef(frame);
  const bounds: Box = root ? root.bounds : [0, 0, 0, 0, 0, 0];
  let tilesetBytes = 0;
  if (root) {
    root.tile.refine = 'REPLACE';
    root.tile.transform = transform;
    const b = root.tile.boundingVolume.box;
    const diagonal = 2 * Math.hypot(b[3]!, b[7]!, b[11]!);
    const json = {
      asset: { version: '1.1', generator: 'CityTwin tiler' },
      geometricError: Math.max(diagonal, root.tile.geometricError * 1.1),
      schema: schema.json(),
      extras: { citytwin: originExtras(frame) },
      root: root.tile,
    };
    const bytes = new TextEncoder().encode(JSON.stringify(json));
    tilesetBytes = bytes.byteLength;
    sink('tileset.json', bytes);
  }
  return {
    frame,
    transform,
    tiles,
    leaves,
    lodTiles,
    depth: root ? treeDepth(root.tile) : 0,
    features: drawn,
    skipped: skippedList,
    contentBytes,
    tilesetBytes,
    bounds,
  };
}

/** What tileset.json says about its frame, for viewers that want to line it up with their own. */
function originExtras(frame: LocalFrame): object {
  return {
    frame: 'enu',
    origin: { lon: frame.lon0, lat: frame.lat0, height: 0 },
    units: 'metres: x east, y north, z above ground (src/core/geo LocalFrame)',
    featureIdProperty: 'feature_index',
  };
}

/** Depth of the deepest tile below `tile` (0 for a tile without children). */
export function treeDepth(tile: TileJson): number {
  let d = 0;
  for (const c of tile.children ?? []) d = Math.max(d, 1 + treeDepth(c));
  return d;
}
