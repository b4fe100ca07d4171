/**
 * Model inputs as typed tables in local metres, and readers that build them from GeoJSON features
 * (WGS84, RFC 7946) through src/core/geo: buildings (footprint, storeys, use, centre), road links
 * (polyline, peak-hour or daily flow, speed km/h) and green areas (polygons, land cover).
 * Unreadable features are skipped and listed, as in geo.
 */
import {
  FeatureError,
  STOREY_HEIGHT_M,
  createLocalFrame,
  projectInto,
  propertiesOf,
  readLines,
  readPolygons,
  resolveHeight,
  skipped,
} from '../../geo/index.ts';
import type { LocalFrame, PolygonLayerData, SkippedFeature } from '../../geo/index.ts';
import { CarbonInputError } from './assumptions.ts';
import { BUILDING_USE_KEYS, USE_OF_BUILDING_TAG } from './data/buildings.ts';
import type { BuildingUse } from './data/buildings.ts';
import { LAND_COVER_KEYS } from './data/sinks.ts';
import type { LandCover } from './data/sinks.ts';
import { ROAD_CLASS_AADT } from './data/transport.ts';
import { Direction, ROAD_CLASS_DEFAULTS, URBAN_SPEED_FACTOR, carRoadClass, carsAllowed, readWayAttributes } from '../../traffic/osm/index.ts';
import { PolygonSetBuilder, ringArea2 } from './geometry.ts';
import type { PolygonSet } from './geometry.ts';

/** Buildings, one row per input feature (rows with included = 0 count nothing). */
export interface BuildingTable {
  readonly count: number;
  /** 1 when the building counts; 0 when skipped (bad geometry, or a building:part). */
  readonly included: Uint8Array;
  /** Footprint area, m². */
  readonly footprint: Float64Array;
  /** Storeys = (height − base) / storey height; fractional storeys are kept. */
  readonly storeys: Float64Array;
  /** Index into BUILDING_USE_KEYS. */
  readonly use: Uint8Array;
  /** A point of the building (area centroid of its largest polygon), local metres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Road links: polylines with a peak-hour flow and speed. */
export interface RoadLinkTable {
  readonly count: number;
  /** Link l owns points [start[l], start[l+1]) of `xy`. */
  readonly start: Int32Array;
  readonly xy: Float64Array;
  /** Flow of both directions together: vehicles per peak hour, or per average day when `flowBasis` is 'daily'. */
  readonly flow: Float64Array;
  /** Average (congested) speed, km/h. */
  readonly speed: Float64Array;
  /** Input feature of each link (a MultiLineString gives several links). */
  readonly feature: Int32Array;
  /** What `flow` counts (default 'peak-hour': the year is flow × days / K; 'daily': flow × days). */
  readonly flowBasis?: 'peak-hour' | 'daily';
}

/** Green areas (sinks): polygons with a land cover (index into LAND_COVER_KEYS). */
export interface GreenTable {
  readonly polygons: PolygonSet;
  readonly cover: Uint8Array;
}

export interface ReadResult<T> {
  readonly table: T;
  readonly skipped: SkippedFeature[];
}

function skip(list: SkippedFeature[], index: number, feature: unknown, err: unknown): void {
  if (!(err instanceof FeatureError)) throw err;
  list.push(skipped(index, feature, err));
}

/**
 * Calls `visit` with each feature whose Polygon/MultiPolygon geometry reads, with its lon/lat polygons;
 * a feature whose geometry does not read goes to `list` with the reason.
 */
function eachPolygonFeature(
  features: readonly unknown[],
  list: SkippedFeature[],
  visit: (index: number, feature: unknown, polygons: ReturnType<typeof readPolygons>) => void,
): void {
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    let polys;
    try {
      polys = readPolygons(f);
    } catch (err) {
      skip(list, i, f, err);
      continue;
    }
    visit(i, f, polys);
  }
}

/** [minLon, minLat, maxLon, maxLat] over all coordinates of all features (for a shared frame). */
export function lonLatBounds(...lists: readonly (readonly unknown[])[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const lon = c[0];
      const lat = c[1];
      if (Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) {
        if (lon < b[0]) b[0] = lon;
        if (lat < b[1]) b[1] = lat;
        if (lon > b[2]) b[2] = lon;
        if (lat > b[3]) b[3] = lat;
      }
      return;
    }
    for (const x of c) walk(x);
  };
  for (const list of lists) {
    for (const f of list) {
      const g = f !== null && typeof f === 'object' ? (f as { geometry?: unknown }).geometry : undefined;
      if (g !== null && typeof g === 'object') walk((g as { coordinates?: unknown }).coordinates);
    }
  }
  return b;
}

/** A local frame centred on the bounds of all the given feature lists. */
export function frameForFeatures(...lists: readonly (readonly unknown[])[]): LocalFrame {
  const b = lonLatBounds(...lists);
  if (!Number.isFinite(b[0])) throw new CarbonInputError('no valid coordinates in any input: cannot place the map');
  return createLocalFrame((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
}

function projectRing(frame: LocalFrame, ring: readonly number[]): Float64Array {
  const out = new Float64Array(ring.length);
  for (let i = 0; i < ring.length; i += 2) projectInto(frame, ring[i]!, ring[i + 1]!, out, i);
  return out;
}

/** Use of a building from its properties (see USE_MAPPING_SOURCE). */
export function buildingUseOf(props: Readonly<Record<string, unknown>>): BuildingUse {
  const explicit = props['use'];
  if (typeof explicit === 'string' && (BUILDING_USE_KEYS as readonly string[]).includes(explicit)) return explicit as BuildingUse;
  const b = props['building'];
  if (typeof b === 'string' && b !== 'yes' && Object.prototype.hasOwnProperty.call(USE_OF_BUILDING_TAG, b)) return USE_OF_BUILDING_TAG[b]!;
  const amenity = props['amenity'];
  if (typeof amenity === 'string') {
    if (['school', 'university', 'college', 'kindergarten'].includes(amenity)) return 'education';
    if (['hospital', 'clinic', 'place_of_worship', 'library', 'fire_station', 'police', 'community_centre', 'theatre', 'cinema'].includes(amenity)) return 'other';
    if (['townhall', 'courthouse'].includes(amenity)) return 'office';
    if (['restaurant', 'cafe', 'bar', 'pub', 'fast_food', 'bank', 'marketplace'].includes(amenity)) return 'commercial';
    if (['parking', 'shelter'].includes(amenity)) return 'unconditioned';
  }
  if (typeof props['shop'] === 'string') return 'commercial';
  if (typeof props['office'] === 'string') return 'office';
  if (props['tourism'] === 'hotel') return 'commercial';
  return 'mixed';
}

const USE_INDEX = new Map<string, number>(BUILDING_USE_KEYS.map((k, i) => [k, i]));

function isPartOnly(props: Readonly<Record<string, unknown>>): boolean {
  const part = props['building:part'];
  const b = props['building'];
  return part !== undefined && part !== 'no' && (b === undefined || b === null || b === 'no');
}

/** Buildings from GeoJSON Polygon/MultiPolygon features. */
export function readBuildings(features: readonly unknown[], frame: LocalFrame): ReadResult<BuildingTable> {
  const n = features.length;
  const t = {
    count: n,
    included: new Uint8Array(n),
    footprint: new Float64Array(n),
    storeys: new Float64Array(n),
    use: new Uint8Array(n).fill(USE_INDEX.get('mixed')!),
    x: new Float64Array(n),
    y: new Float64Array(n),
  };
  const skipped: SkippedFeature[] = [];
  eachPolygonFeature(features, skipped, (i, f, polys) => {
    const props = propertiesOf(f);
    t.use[i] = USE_INDEX.get(buildingUseOf(props))!;
    let area = 0;
    let best = -1;
    for (const poly of polys) {
      let polyArea = 0;
      let cx = 0;
      let cy = 0;
      poly.forEach((ring, r) => {
        const xy = projectRing(frame, ring);
        const m = xy.length / 2;
        const a2 = ringArea2(xy, 0, m);
        polyArea += r === 0 ? Math.abs(a2) / 2 : -Math.abs(a2) / 2;
        if (r === 0) {
          // Area centroid of the outer ring.
          let sx = 0;
          let sy = 0;
          for (let k = 0, j = m - 1; k < m; j = k, k++) {
            const cross = xy[2 * j]! * xy[2 * k + 1]! - xy[2 * k]! * xy[2 * j + 1]!;
            sx += (xy[2 * j]! + xy[2 * k]!) * cross;
            sy += (xy[2 * j + 1]! + xy[2 * k + 1]!) * cross;
          }
          // ringArea2 is the signed doubled area 2A, so the centroid's 1/(6A) is 1/(3·a2).
          if (a2 !== 0) {
            cx = sx / (3 * a2);
            cy = sy / (3 * a2);
          } else {
            cx = xy[0]!;
            cy = xy[1]!;
          }
        }
      });
      area += polyArea;
      if (polyArea > best) {
        best = polyArea;
        t.x[i] = cx;
        t.y[i] = cy;
      }
    }
    t.footprint[i] = Math.max(0, area);
    const h = resolveHeight(props);
    t.storeys[i] = Math.max(0, h.height - h.minHeight) / STOREY_HEIGHT_M;
    t.included[i] = isPartOnly(props) ? 0 : 1;
  });
  return { table: t, skipped };
}

/**
 * Buildings from a polygon layer geo has already built (reuses its areas, heights and centres);
 * `features` are the same input features, for the use tags.
 */
export function buildingsFromLayer(layer: PolygonLayerData, features: readonly unknown[]): BuildingTable {
  const t = layer.features;
  const n = t.count;
  const out = {
    count: n,
    included: new Uint8Array(n),
    footprint: new Float64Array(n),
    storeys: new Float64Array(n),
    use: new Uint8Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const props = propertiesOf(features[i]);
    out.use[i] = USE_INDEX.get(buildingUseOf(props))!;
    out.included[i] = t.drawn[i] === 1 && !isPartOnly(props) ? 1 : 0;
    out.footprint[i] = t.area[i]!;
    out.storeys[i] = Math.max(0, t.height[i]! - t.minHeight[i]!) / STOREY_HEIGHT_M;
    out.x[i] = t.center[2 * i]!;
    out.y[i] = t.center[2 * i + 1]!;
  }
  return out;
}

export interface RoadReadOptions {
  /** Peak-hour flow per input feature, veh/h (e.g. from an assignment); without it the fallback applies. */
  readonly flows?: ArrayLike<number>;
  /** Congested speed per input feature, km/h. */
  readonly speeds?: ArrayLike<number>;
  /**
   * Without flows: 'table' (default) gives each car road the typical daily volume of its class
   * (ROAD_CLASS_AADT) at its free-flow speed; 'none' gives no traffic.
   */
  readonly fallback?: 'table' | 'none';
  /** The city profile's legal limits of untagged roads by class, km/h (see roadnet readWayAttributes). */
  readonly speedLimits?: Readonly<Record<string, number>>;
}

/** The one-way share of a road's daily volume on each of its carriageways when mapped as one-way ways. */
const ONE_WAY_SHARE = 0.5;

/**
 * Road links from GeoJSON LineString/MultiLineString features. With `flows`, every feature is a link
 * with its given peak-hour flow and speed. Without, each car road (a `highway` class cars may use, read
 * as the traffic network reads it) carries the typical daily volume of its class — half of it on a
 * one-way carriageway — at the free-flow speed of its tags (class defaults capped by the profile's limits
 * where untagged); footways, steps and roads closed to cars carry none. The table says which
 * (`flowBasis`: 'peak-hour' or 'daily').
 */
export function readRoads(features: readonly unknown[], frame: LocalFrame, options: RoadReadOptions = {}): ReadResult<RoadLinkTable> & { readonly carRoads: number } {
  if (options.flows !== undefined && options.flows.length !== features.length) {
    throw new CarbonInputError(`flows has ${options.flows.length} values for ${features.length} road features`);
  }
  if (options.speeds !== undefined && options.speeds.length !== features.length) {
    throw new CarbonInputError(`speeds has ${options.speeds.length} values for ${features.length} road features`);
  }
  const fallback = options.fallback ?? 'table';
  const skipped: SkippedFeature[] = [];
  const start: number[] = [0];
  const flow: number[] = [];
  const speed: number[] = [];
  const feature: number[] = [];
  let xy = new Float64Array(4096);
  let points = 0;
  let carRoads = 0;
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    let q: number;
    let v: number;
    if (options.flows !== undefined) {
      q = options.flows[i]!;
      v = options.speeds?.[i] ?? 30;
      if (!Number.isFinite(q) || q < 0) throw new CarbonInputError(`road feature ${i}: flow must be a finite number >= 0, got ${q}`);
      if (!Number.isFinite(v) || v <= 0) throw new CarbonInputError(`road feature ${i}: speed must be a finite number > 0, got ${v}`);
    } else {
      const props = propertiesOf(f);
      const cls = carRoadClass(props['highway']);
      if (cls < 0 || !carsAllowed(props)) continue;
      carRoads++;
      if (fallback === 'none') continue;
      const way = readWayAttributes(props, cls, URBAN_SPEED_FACTOR, options.speedLimits).attrs;
      q = (ROAD_CLASS_AADT[ROAD_CLASS_DEFAULTS[cls]!.key]?.aadt ?? 0) * (way.dir === Direction.Both ? 1 : ONE_WAY_SHARE);
      // Both directions at the mean of their free-flow speeds; a one-way road at its direction's.
      v = way.dir === Direction.Both ? (way.speedForward + way.speedBackward) / 2 : way.dir === Direction.Forward ? way.speedForward : way.speedBackward;
    }
    let lines;
    try {
      lines = readLines(f);
    } catch (err) {
      skip(skipped, i, f, err);
      continue;
    }
    for (const line of lines) {
      const m = line.length / 2;
      if (2 * (points + m) > xy.length) {
        let cap = xy.length * 2;
        while (cap < 2 * (points + m)) cap *= 2;
        const next = new Float64Array(cap);
        next.set(xy.subarray(0, 2 * points));
        xy = next;
      }
      for (let k = 0; k < m; k++) projectInto(frame, line[2 * k]!, line[2 * k + 1]!, xy, 2 * (points + k));
      points += m;
      start.push(points);
      flow.push(q);
      speed.push(v);
      feature.push(i);
    }
  }
  return {
    table: {
      count: flow.length,
      start: Int32Array.from(start),
      xy: xy.slice(0, 2 * points),
      flow: Float64Array.from(flow),
      speed: Float64Array.from(speed),
      feature: Int32Array.from(feature),
      flowBasis: options.flows !== undefined ? 'peak-hour' : 'daily',
    },
    skipped,
    carRoads,
  };
}

/** Land cover of a green polygon from its properties (see LAND_COVER_MAPPING_SOURCE). */
export function landCoverOf(props: Readonly<Record<string, unknown>>): LandCover {
  const explicit = props['landcover'] ?? props['land_cover'];
  if (typeof explicit === 'string' && (LAND_COVER_KEYS as readonly string[]).includes(explicit)) return explicit as LandCover;
  const natural = props['natural'];
  const landuse = props['landuse'];
  const leisure = props['leisure'];
  if (natural === 'wood' || landuse === 'forest') return 'forest';
  if (leisure === 'park') return 'park';
  if (leisure === 'garden') return 'garden';
  if (landuse === 'cemetery') return 'cemetery';
  if (['grass', 'meadow', 'village_green', 'recreation_ground'].includes(String(landuse)) || ['pitch', 'golf_course', 'playground'].includes(String(leisure))) return 'grass';
  if (natural === 'water' || landuse === 'basin' || landuse === 'reservoir') return 'water';
  return 'other';
}

const COVER_INDEX = new Map<string, number>(LAND_COVER_KEYS.map((k, i) => [k, i]));

/** Index of a land cover key, for GreenTable.cover. */
export function landCoverIndex(cover: LandCover): number {
  return COVER_INDEX.get(cover)!;
}

/** Green areas from GeoJSON Polygon/MultiPolygon features. */
export function readGreen(features: readonly unknown[], frame: LocalFrame): ReadResult<GreenTable> & { readonly feature: Int32Array } {
  const { table: polygons, skipped, feature } = readPolygonSet(features, frame);
  const cover = Uint8Array.from(feature, (i) => COVER_INDEX.get(landCoverOf(propertiesOf(features[i])))!);
  return { table: { polygons, cover }, skipped, feature };
}

/**
 * A green table from polygons already in local metres (e.g. drawn on the map for a what-if): one
 * feature per polygon, each given as rings of flat [x0, y0, x1, y1, …] (first ring outer, then holes).
 */
export function greenFromLocal(polygons: readonly (readonly (readonly number[])[])[], cover: LandCover): GreenTable {
  const builder = new PolygonSetBuilder();
  for (const rings of polygons) builder.addFeature([rings]);
  return { polygons: builder.finish(), cover: new Uint8Array(polygons.length).fill(COVER_INDEX.get(cover)!) };
}

/** Polygons (e.g. districts, retrofit areas) from GeoJSON features, in local metres; bad features skipped. */
export function readPolygonSet(features: readonly unknown[], frame: LocalFrame): ReadResult<PolygonSet> & { readonly feature: Int32Array } {
  const builder = new PolygonSetBuilder();
  const feature: number[] = [];
  const skipped: SkippedFeature[] = [];
  eachPolygonFeature(features, skipped, (i, _f, polys) => {
    builder.addFeature(polys.map((rings) => rings.map((ring) => projectRing(frame, ring))));
    feature.push(i);
  });
  return { table: builder.finish(), skipped, feature: Int32Array.from(feature) };
}
