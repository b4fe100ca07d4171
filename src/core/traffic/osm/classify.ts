// Phase 1 of the road network: which features are car roads, and their per-direction lanes and
// free-flow speeds read from OSM tags (class defaults where a tag is missing or unreadable).
import { FeatureError, type SkippedFeature, propertiesOf, readLines, skipped } from '../../geo/index.ts';
import { ROAD_CLASS_DEFAULTS, type RoadClassDefaults, URBAN_SPEED_FACTOR, URBAN_SPEED_LIMIT_KMH, carRoadClass } from './defaults.ts';
import { Direction, carsAllowed, directionOf, parseLanes, parseMaxspeed } from './tags.ts';

/** Per-direction link attributes of a way. */
export interface WayAttributes {
  readonly cls: number;
  readonly dir: Direction;
  readonly lanesForward: number;
  readonly lanesBackward: number;
  readonly speedForward: number;
  readonly speedBackward: number;
}

export interface TagReading {
  attrs: WayAttributes;
  lanesFallback: boolean;
  maxspeedFallback: boolean;
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Free-flow speed of an untagged road of class `cls`, km/h: the class default, capped by the legal limit when one is given. */
export function untaggedSpeedKmh(cls: number, urbanFactor: number, speedLimits?: Readonly<Record<string, number>>): number {
  const def = ROAD_CLASS_DEFAULTS[cls]!;
  const limit = speedLimits?.[def.key];
  if (limit === undefined) return def.speedKmh;
  return Math.min(def.speedKmh, limit < URBAN_SPEED_LIMIT_KMH ? limit * urbanFactor : limit);
}

/**
 * A car road's lanes and free-flow speed in each direction of travel, read from its OSM tags with the
 * class defaults where a tag is missing or unreadable (the fallbacks are flagged). One reading for every
 * model: the traffic network and the carbon map's own road table both use it.
 */
export function readWayAttributes(
  props: Readonly<Record<string, unknown>>,
  cls: number,
  urbanFactor: number = URBAN_SPEED_FACTOR,
  speedLimits?: Readonly<Record<string, number>>,
): TagReading {
  const def: RoadClassDefaults = ROAD_CLASS_DEFAULTS[cls]!;
  const dir = directionOf(props, def.oneway);
  const total = parseLanes(props['lanes']);
  const fwdTag = parseLanes(props['lanes:forward']);
  const bwdTag = parseLanes(props['lanes:backward']);
  let lanesFallback = false;
  for (const key of ['lanes', 'lanes:forward', 'lanes:backward']) {
    if (hasValue(props[key]) && parseLanes(props[key]) === undefined) lanesFallback = true;
  }
  let lanesForward: number;
  let lanesBackward: number;
  if (dir === Direction.Both) {
    // Two-way: lanes:forward/backward where tagged; else the rest of `lanes`; else half of `lanes`
    // (at least one per direction); else the class default per direction.
    const half = total !== undefined ? Math.max(1, total / 2) : def.lanesPerDirection;
    lanesForward = fwdTag ?? (total !== undefined && bwdTag !== undefined && total - bwdTag >= 1 ? total - bwdTag : half);
    lanesBackward = bwdTag ?? (total !== undefined && fwdTag !== undefined && total - fwdTag >= 1 ? total - fwdTag : half);
  } else {
    // One-way: all tagged lanes run in the direction of travel.
    const tagged = dir === Direction.Forward ? fwdTag : bwdTag;
    const lanes = tagged ?? total ?? def.lanesPerDirection;
    lanesForward = lanes;
    lanesBackward = lanes;
  }
  const base = parseMaxspeed(props['maxspeed']);
  let maxspeedFallback = hasValue(props['maxspeed']) && base === undefined;
  const speedOf = (key: string): number => {
    const tagged = parseMaxspeed(props[key]);
    if (hasValue(props[key]) && tagged === undefined) maxspeedFallback = true;
    const kmh = tagged ?? base;
    if (kmh === undefined) return untaggedSpeedKmh(cls, urbanFactor, speedLimits);
    return kmh < URBAN_SPEED_LIMIT_KMH ? kmh * urbanFactor : kmh;
  };
  return {
    attrs: {
      cls,
      dir,
      lanesForward,
      lanesBackward,
      speedForward: speedOf('maxspeed:forward'),
      speedBackward: speedOf('maxspeed:backward'),
    },
    lanesFallback,
    maxspeedFallback,
  };
}

/** A car road feature kept for the network: its index in the input, its lines (lon/lat interleaved) and attributes. */
export interface KeptWay {
  readonly feature: number;
  readonly lines: number[][];
  readonly attrs: WayAttributes;
}

/** What phase 1 keeps and what it drops (counts for the stats). */
export interface ClassifiedWays {
  /** Car roads in source order. */
  readonly kept: KeptWay[];
  readonly skipped: SkippedFeature[];
  /** Features dropped by `highway` value (not a car road class), keys in sorted order. */
  readonly droppedByClass: Record<string, number>;
  readonly droppedNoHighway: number;
  readonly droppedNoCars: number;
  readonly lanesFallback: number;
  readonly maxspeedFallback: number;
  /** 1 for each row of ROAD_CLASS_DEFAULTS some kept way uses. */
  readonly classUsed: Uint8Array;
  /** [minLon, minLat, maxLon, maxLat] of the kept ways (Infinity / -Infinity when none). */
  readonly bounds: readonly [number, number, number, number];
}

/** Keeps car roads (classes of ROAD_CLASS_DEFAULTS, cars allowed) with readable lines, in source order. */
export function classifyWays(features: readonly unknown[], urbanFactor: number, speedLimits?: Readonly<Record<string, number>>): ClassifiedWays {
  const skippedList: SkippedFeature[] = [];
  const droppedByClassMap = new Map<string, number>();
  let droppedNoHighway = 0;
  let droppedNoCars = 0;
  let lanesFallback = 0;
  let maxspeedFallback = 0;
  const classUsed = new Uint8Array(ROAD_CLASS_DEFAULTS.length);
  const kept: KeptWay[] = [];
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const props = propertiesOf(f);
    const highway = props['highway'];
    if (typeof highway !== 'string' || highway === '') {
      droppedNoHighway++;
      continue;
    }
    const cls = carRoadClass(highway);
    if (cls < 0) {
      droppedByClassMap.set(highway, (droppedByClassMap.get(highway) ?? 0) + 1);
      continue;
    }
    if (!carsAllowed(props)) {
      droppedNoCars++;
      continue;
    }
    let lines: number[][];
    try {
      lines = readLines(f);
    } catch (err) {
      if (!(err instanceof FeatureError)) throw err;
      skippedList.push(skipped(i, f, err));
      continue;
    }
    const reading = readWayAttributes(props, cls, urbanFactor, speedLimits);
    if (reading.lanesFallback) lanesFallback++;
    if (reading.maxspeedFallback) maxspeedFallback++;
    classUsed[cls] = 1;
    kept.push({ feature: i, lines, attrs: reading.attrs });
    for (const line of lines) {
      for (let k = 0; k < line.length; k += 2) {
        const lon = line[k]!;
        const lat = line[k + 1]!;
        if (lon < minLon) minLon = lon;
        if (lat < minLat) minLat = lat;
        if (lon > maxLon) maxLon = lon;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  const droppedByClass: Record<string, number> = {};
  for (const key of [...droppedByClassMap.keys()].sort()) droppedByClass[key] = droppedByClassMap.get(key)!;
  return {
    kept,
    skipped: skippedList,
    droppedByClass,
    droppedNoHighway,
    droppedNoCars,
    lanesFallback,
    maxspeedFallback,
    classUsed,
    bounds: [minLon, minLat, maxLon, maxLat],
  };
}
