/**
 * Placing the project's local frame on the globe: 4×4 matrices (column-major, as 3D Tiles `transform`
 * and three.js `Matrix4.fromArray` read them) between a LocalFrame (metres east, north, up at its
 * origin on the WGS84 ellipsoid, height 0) and ECEF (EPSG:4978, metres).
 */
import type { LocalFrame } from '../geo/index.ts';

/** A column-major 4×4 matrix. */
export type Mat4 = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/** East-north-up at the frame origin -> ECEF: columns are the east, north and up axes, then the origin. */
export function enuToEcef(frame: LocalFrame): Mat4 {
  const { sinLat0: sp, cosLat0: cp, sinLon0: sl, cosLon0: cl } = frame;
  return [
    -sl, cl, 0, 0,
    -sp * cl, -sp * sl, cp, 0,
    cp * cl, cp * sl, sp, 0,
    frame.x0, frame.y0, frame.z0, 1,
  ];
}

/** ECEF -> east-north-up at the frame origin (the inverse of enuToEcef: a rotation and a shift). */
export function ecefToEnu(frame: LocalFrame): Mat4 {
  const m = enuToEcef(frame);
  // Rows of the inverse rotation are the columns of the forward one.
  const r = (c: number, k: number): number => m[c * 4 + k]!;
  const t = [frame.x0, frame.y0, frame.z0] as const;
  const out: Mat4 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) out[col * 4 + row] = r(row, col);
    out[12 + row] = -(r(row, 0) * t[0] + r(row, 1) * t[1] + r(row, 2) * t[2]);
  }
  return out;
}

/** a · b for column-major 4×4 matrices. */
export function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0) as Mat4;
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + row]! * b[col * 4 + k]!;
      out[col * 4 + row] = s;
    }
  }
  return out;
}

/**
 * The matrix that takes coordinates of a tileset made in frame `from` into frame `to` (a viewer's own
 * LocalFrame): ecefToEnu(to) · enuToEcef(from). The identity when both frames share an origin.
 */
export function frameToFrame(from: LocalFrame, to: LocalFrame): Mat4 {
  return multiply(ecefToEnu(to), enuToEcef(from));
}

/** Applies a column-major 4×4 matrix to the point (x, y, z). */
export function transformPoint(m: Mat4, x: number, y: number, z: number): [number, number, number] {
  return [
    m[0] * x + m[4] * y + m[8] * z + m[12],
    m[1] * x + m[5] * y + m[9] * z + m[13],
    m[2] * x + m[6] * y + m[10] * z + m[14],
  ];
}
