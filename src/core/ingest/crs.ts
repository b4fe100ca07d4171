// Bringing a GeoJSON file's coordinates to WGS84 before ingest: the CRS the file declares (legacy
// `crs` member), or the one the caller chose, or one inferred from the coordinates when that is not
// ambiguous. Features are rewritten in place (they are the worker's own parsed copy).
import { problem } from '../language/problem.ts';
import { horizontalCrsFromName } from '../cityjson/index.ts';
import { type CrsCode, type CrsGuess, CrsError, crsFromName, inferCrs, isCrsCode, toWgs84 } from '../crs/index.ts';
import { type FeatureStore, GeoJsonError, GeometryClass, type PositionSource, classOf, coordinatesOf, isWgs84CrsName } from '../geo/index.ts';

export interface CrsUsed {
  readonly code: CrsCode;
  readonly how: 'declared' | 'given' | 'inferred' | 'default';
  readonly guess?: CrsGuess;
}

/** Visits every coordinate array [x, y, …] of a geometry. */
function eachPosition(coords: unknown, visit: (p: number[]) => void): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number') {
    visit(coords as number[]);
    return;
  }
  for (const c of coords) eachPosition(c, visit);
}

function geometries(features: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const f of features) {
    const c = coordinatesOf(f);
    if (c !== undefined) out.push(c);
  }
  return out;
}

/** The positions of parsed features, as a PositionSource. */
function objectPositions(features: readonly unknown[]): PositionSource {
  return {
    /** Up to `max` positions, evenly spread over the file, as flat pairs. */
    sample(max: number): number[] {
      const all: number[] = [];
      for (const coords of geometries(features)) eachPosition(coords, (p) => all.push(p[0]!, p[1]!));
      const n = all.length / 2;
      if (n <= max) return all;
      const out: number[] = [];
      for (let k = 0; k < max; k++) {
        const i = Math.floor((k * n) / max);
        out.push(all[2 * i]!, all[2 * i + 1]!);
      }
      return out;
    },
    transform(forward: (x: number, y: number, out: Float64Array) => void): void {
      const pair = new Float64Array(2);
      for (const coords of geometries(features)) {
        eachPosition(coords, (p) => {
          forward(p[0]!, p[1]!, pair);
          p[0] = pair[0]!;
          p[1] = pair[1]!;
        });
      }
    },
  };
}

/**
 * Decides the CRS and reprojects to WGS84 in place. `choice`: 'auto' or a code the user picked.
 * Throws GeoJsonError when the CRS is unsupported or cannot be told apart (naming the candidates).
 */
export function toWgs84InPlace(features: readonly unknown[] | PositionSource, crsName: string | undefined, choice: CrsCode | 'auto'): CrsUsed {
  const positions = Array.isArray(features) ? objectPositions(features) : (features as PositionSource);
  let used: CrsUsed;
  if (choice !== 'auto') used = { code: choice, how: 'given' };
  else if (crsName !== undefined) {
    if (isWgs84CrsName(crsName)) used = { code: 4326, how: 'declared' };
    else {
      try {
        used = { code: crsFromName(crsName), how: 'declared' };
      } catch (err) {
        if (err instanceof CrsError) throw new GeoJsonError(err.problem, 'not-geojson');
        throw err;
      }
    }
  } else {
    const xy = positions.sample(2000) as number[];
    if (xy.length === 0) return { code: 4326, how: 'default' };
    const guess = inferCrs(xy);
    if (guess.code === 4326) return { code: 4326, how: 'default', guess };
    if (guess.confidence === 'ambiguous') {
      // Each candidate with where it would put the data, so the UI can ask (ambiguousCrsOf reads it back).
      const names = candidatePlaces(guess.candidates.slice(0, 4).map((c) => c.code), xy)
        .map((c) => `EPSG:${c.code} at ${c.lat.toFixed(4)}°N ${c.lon.toFixed(4)}°E`)
        .join(', ');
      throw new GeoJsonError(problem('load.projectedAmbiguous', { candidates: names }), 'not-geojson');
    }
    used = { code: guess.code, how: 'inferred', guess };
  }
  if (used.code === 4326) return used;
  const forward = toWgs84(used.code);
  const xy = [0, 0];
  positions.transform((x, y, out) => {
    xy[0] = x;
    xy[1] = y;
    forward(xy, out);
  });
  return used;
}

/** Where flat x, y pairs would lie in each CRS of `codes`: the mean longitude and latitude of the points. */
export function candidatePlaces(codes: readonly CrsCode[], xy: ArrayLike<number>): { code: CrsCode; lon: number; lat: number }[] {
  return codes.map((code) => {
    const ll = toWgs84(code)(Array.from(xy));
    let lon = 0, lat = 0, n = 0;
    for (let i = 0; i + 1 < ll.length; i += 2) {
      if (!Number.isFinite(ll[i]!) || !Number.isFinite(ll[i + 1]!)) continue;
      lon += ll[i]!;
      lat += ll[i + 1]!;
      n++;
    }
    return { code, lon: n > 0 ? lon / n : Number.NaN, lat: n > 0 ? lat / n : Number.NaN };
  });
}

/**
 * The candidates named by an "fit several coordinate systems (…)" error (from a GeoJSON or CityJSON file),
 * with where each puts the data when the message says (NaN otherwise); null for any other message.
 */
export function ambiguousCrsOf(message: string): { code: CrsCode; lon: number; lat: number }[] | null {
  const list = /fit several coordinate systems \(([^)]*)\)/.exec(message)?.[1];
  if (list === undefined) return null;
  const out: { code: CrsCode; lon: number; lat: number }[] = [];
  for (const part of list.split(',')) {
    const m = /EPSG:(\d+)(?: at (-?[\d.]+)°N (-?[\d.]+)°E)?/.exec(part);
    const code = Number(m?.[1]);
    if (!m || !isCrsCode(code)) continue;
    out.push({ code, lat: m[2] === undefined ? Number.NaN : Number(m[2]), lon: m[3] === undefined ? Number.NaN : Number(m[3]) });
  }
  return out.length > 0 ? out : null;
}

/** The layer kind a file's features suggest: buildings, flat areas, or lines. */
export function detectKind(features: readonly unknown[]): 'buildings' | 'areas' | 'roads' | 'points' | null {
  let polygons = 0, lines = 0, points = 0, buildingish = 0;
  for (const f of features) {
    const c = classOf(f);
    if (c === GeometryClass.Polygon) polygons++;
    else if (c === GeometryClass.Building) {
      polygons++;
      buildingish++;
    } else if (c === GeometryClass.Line) lines++;
    else if (c === GeometryClass.Point) points++;
  }
  const most = Math.max(polygons, lines, points);
  if (most === 0) return null;
  if (most === polygons) return buildingish > polygons / 2 ? 'buildings' : 'areas';
  return most === lines ? 'roads' : 'points';
}

/** The layer kind detectKind would choose, from the classes the store counted. */
export function detectKindOf(store: FeatureStore): 'buildings' | 'areas' | 'roads' | 'points' | null {
  let polygons = 0, lines = 0, points = 0, buildingish = 0;
  const c = store.classes.data;
  for (let i = 0; i < store.count; i++) {
    const k = c[i];
    if (k === GeometryClass.Polygon) polygons++;
    else if (k === GeometryClass.Building) {
      polygons++;
      buildingish++;
    } else if (k === GeometryClass.Line) lines++;
    else if (k === GeometryClass.Point) points++;
  }
  const most = Math.max(polygons, lines, points);
  if (most === 0) return null;
  if (most === polygons) return buildingish > polygons / 2 ? 'buildings' : 'areas';
  return most === lines ? 'roads' : 'points';
}

/** Reprojects in place: the declared CRS (a 3D CRS by its horizontal part), the one given, or an inferred one. */
export function reproject(features: readonly unknown[] | PositionSource, crsName: string | undefined, choice: CrsCode | 'auto'): CrsUsed {
  if (choice === 'auto' && crsName !== undefined && !isWgs84CrsName(crsName)) {
    let direct = true;
    try {
      crsFromName(crsName);
    } catch {
      direct = false;
    }
    if (!direct) {
      let code: CrsCode | undefined;
      try {
        code = horizontalCrsFromName(crsName);
      } catch {
        code = undefined; // toWgs84InPlace below names the CRS in its error
      }
      if (code !== undefined) return { ...toWgs84InPlace(features, undefined, code), how: 'declared' };
    }
  }
  return toWgs84InPlace(features, crsName, choice);
}
