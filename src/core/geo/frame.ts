/**
 * Local tangent frame: WGS84 lon/lat (degrees) <-> metres east (x) and north (y) on the plane that
 * touches the WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563) at the origin — the east-north-up
 * (ENU) frame of geodesy: geodetic -> ECEF -> rotate by the origin's longitude and latitude. Heights
 * stay measured from the ground (we draw a flat ground and do not drop points by the Earth's curvature).
 * Horizontal scale error is d²/2R²: 3e-7 at 5 km, 3e-5 at 50 km from the origin.
 */

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

export interface LocalFrame {
  /** Origin longitude, degrees. */
  readonly lon0: number;
  /** Origin latitude, degrees. */
  readonly lat0: number;
  /** Prime-vertical and meridian radii of curvature at the origin, metres. */
  readonly n0: number;
  readonly m0: number;
  /** ECEF position of the origin and the sines/cosines of its latitude and longitude. */
  readonly x0: number;
  readonly y0: number;
  readonly z0: number;
  readonly sinLat0: number;
  readonly cosLat0: number;
  readonly sinLon0: number;
  readonly cosLon0: number;
}

export function createLocalFrame(lon0: number, lat0: number): LocalFrame {
  const sinLat0 = Math.sin(lat0 * DEG);
  const cosLat0 = Math.cos(lat0 * DEG);
  const sinLon0 = Math.sin(lon0 * DEG);
  const cosLon0 = Math.cos(lon0 * DEG);
  const w = Math.sqrt(1 - E2 * sinLat0 * sinLat0);
  const n0 = A / w;
  return {
    lon0, lat0, n0, m0: (A * (1 - E2)) / (w * w * w),
    x0: n0 * cosLat0 * cosLon0, y0: n0 * cosLat0 * sinLon0, z0: n0 * (1 - E2) * sinLat0,
    sinLat0, cosLat0, sinLon0, cosLon0,
  };
}

/** Writes metres east/north of the frame origin into out[offset], out[offset + 1]. */
export function projectInto(f: LocalFrame, lon: number, lat: number, out: Float64Array | number[], offset: number): void {
  const sinLat = Math.sin(lat * DEG);
  const cosLat = Math.cos(lat * DEG);
  const dl = (lon - f.lon0) * DEG;
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  // ECEF relative to the origin, in a frame already turned by the origin's longitude.
  const p = n * cosLat;
  const dx = p * Math.cos(dl) - f.n0 * f.cosLat0; // towards the origin's meridian plane
  const dy = p * Math.sin(dl);
  const dz = n * (1 - E2) * sinLat - f.z0;
  out[offset] = dy;
  out[offset + 1] = -f.sinLat0 * dx + f.cosLat0 * dz;
}

export function toLocal(frame: LocalFrame, lon: number, lat: number): [number, number] {
  const out: [number, number] = [0, 0];
  projectInto(frame, lon, lat, out, 0);
  return out;
}

/** Inverse of projectInto (Newton iterations to below a micrometre). */
export function toLonLat(frame: LocalFrame, x: number, y: number): [number, number] {
  let lat = frame.lat0 + y / frame.m0 / DEG;
  let lon = frame.lon0 + x / (frame.n0 * Math.cos(lat * DEG)) / DEG;
  const p: [number, number] = [0, 0];
  for (let k = 0; k < 8; k++) {
    projectInto(frame, lon, lat, p, 0);
    const ex = x - p[0];
    const ey = y - p[1];
    if (Math.abs(ex) < 1e-7 && Math.abs(ey) < 1e-7) break;
    lat += ey / frame.m0 / DEG;
    lon += ex / (frame.n0 * Math.cos(lat * DEG)) / DEG;
  }
  return [lon, lat];
}
