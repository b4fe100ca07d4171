/**
 * The district of each grid cell: the district polygon its centre lies in (even-odd, holes included), or
 * -1 outside every district. Lets the UI name a picked cell by its district. Local metres; pure.
 */
import { type GridSpec, type PolygonSet, pointInFeature } from '../model/index.ts';

export function cellDistricts(spec: GridSpec, districts: PolygonSet): Int32Array {
  const out = new Int32Array(spec.nx * spec.ny).fill(-1);
  // Each district's bounding box, so a cell tests only the districts that may hold it.
  const boxes = new Float64Array(4 * districts.count);
  for (let d = 0; d < districts.count; d++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const r0 = districts.polygonRings[districts.featurePolygons[d]!]!;
    const r1 = districts.polygonRings[districts.featurePolygons[d + 1]!]!;
    for (let p = districts.ringPoints[r0]!; p < districts.ringPoints[r1]!; p++) {
      const x = districts.xy[2 * p]!, y = districts.xy[2 * p + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    boxes.set([x0, y0, x1, y1], 4 * d);
  }
  for (let j = 0; j < spec.ny; j++) {
    const y = spec.originY + (j + 0.5) * spec.cellSize;
    for (let i = 0; i < spec.nx; i++) {
      const x = spec.originX + (i + 0.5) * spec.cellSize;
      for (let d = 0; d < districts.count; d++) {
        if (x < boxes[4 * d]! || y < boxes[4 * d + 1]! || x > boxes[4 * d + 2]! || y > boxes[4 * d + 3]!) continue;
        if (pointInFeature(districts, d, x, y)) {
          out[j * spec.nx + i] = d;
          break;
        }
      }
    }
  }
  return out;
}
