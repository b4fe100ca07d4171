// The data-drawn ground: a city's land and district polygons (GeoJSON, lon/lat) placed in its local
// frame, for the scene to paint under the city when no raster basemap is shown (or while its tiles load
// or fail). Roads and green areas are drawn by their own layers over it.
import earcut from 'earcut';
import { type LocalFrame, parseGeoJson, projectInto, propertiesOf, readPolygons } from '../geo/index.ts';

/** One polygon in local metres: rings as flat [x0, y0, x1, y1, …] arrays, the first outer, the rest holes. */
export type LocalPolygon = Float64Array[];

export interface GroundShapes {
  /**
   * Land polygons (OSM `natural=coastline` areas, as Monaco's admin file has): where there are any, the
   * rest of the ground is water. Empty: the data says nothing of water and the whole ground is land.
   */
  readonly land: readonly LocalPolygon[];
  /** District (administrative) polygons: outlined on the ground. */
  readonly districts: readonly LocalPolygon[];
}

function toLocal(frame: LocalFrame, polygon: number[][]): LocalPolygon {
  return polygon.map((ring) => {
    const out = new Float64Array(ring.length);
    for (let i = 0; i < ring.length; i += 2) projectInto(frame, ring[i]!, ring[i + 1]!, out, i);
    return out;
  });
}

/**
 * Reads a districts file (GeoJSON FeatureCollection of Polygon / MultiPolygon in lon/lat) into ground
 * shapes in `frame`. A feature tagged `natural=coastline` is land; every other polygon is a district.
 * Features without polygons are passed over (the file is the city's own, already read by the models).
 */
export function groundShapes(text: string, frame: LocalFrame): GroundShapes {
  const land: LocalPolygon[] = [];
  const districts: LocalPolygon[] = [];
  for (const f of parseGeoJson(text).features) {
    let polygons: number[][][];
    try {
      polygons = readPolygons(f);
    } catch {
      continue;
    }
    const into = propertiesOf(f)['natural'] === 'coastline' ? land : districts;
    for (const p of polygons) into.push(toLocal(frame, p));
  }
  return { land, districts };
}

/**
 * The land as triangles, for the ground drawn as geometry: local x, y of every ring vertex (polygons one
 * after another, each outer ring then its holes) and three vertex indices per triangle (earcut).
 */
export function landTriangles(land: readonly LocalPolygon[]): { readonly xy: Float64Array; readonly index: Uint32Array } {
  let vertices = 0;
  for (const polygon of land) for (const ring of polygon) vertices += ring.length / 2;
  const xy = new Float64Array(2 * vertices);
  const index: number[] = [];
  let base = 0;
  for (const polygon of land) {
    const flat: number[] = [];
    const holes: number[] = [];
    polygon.forEach((ring, r) => {
      if (r > 0) holes.push(flat.length / 2);
      for (let i = 0; i < ring.length; i++) flat.push(ring[i]!);
    });
    xy.set(flat, 2 * base);
    for (const k of earcut(flat, holes, 2)) index.push(base + k);
    base += flat.length / 2;
  }
  return { xy, index: Uint32Array.from(index) };
}

/** The rings' edges as line segments: x0, y0, x1, y1 per edge, each ring closed. */
export function ringSegments(polygons: readonly LocalPolygon[]): Float64Array {
  let edges = 0;
  for (const polygon of polygons) for (const ring of polygon) edges += ring.length / 2;
  const out = new Float64Array(4 * edges);
  let o = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const n = ring.length / 2;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        out[o++] = ring[2 * i]!;
        out[o++] = ring[2 * i + 1]!;
        out[o++] = ring[2 * j]!;
        out[o++] = ring[2 * j + 1]!;
      }
    }
  }
  return out;
}
