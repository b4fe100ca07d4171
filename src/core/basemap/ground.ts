// The data-drawn ground: a city's land and district polygons (GeoJSON, lon/lat) placed in its local
// frame, for the scene to paint under the city when no raster basemap is shown (or while its tiles load
// or fail). Roads and green areas are drawn by their own layers over it.
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
