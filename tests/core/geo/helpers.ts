// Small GeoJSON builders for ingest tests: squares of a given size in metres near Monaco.
import { createLocalFrame, toLonLat } from '../../../src/core/geo/index.ts';

export const FRAME = createLocalFrame(7.42, 43.73);

/** A closed lon/lat ring for the axis-aligned rectangle [x0, x1] × [y0, y1] in local metres. */
export function rect(x0: number, y0: number, x1: number, y1: number, clockwise = false): number[][] {
  const pts = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  if (clockwise) pts.reverse();
  const ring = pts.map(([x, y]) => toLonLat(FRAME, x!, y!));
  return [...ring, ring[0]!];
}

export function polygonFeature(rings: number[][][], properties: Record<string, unknown> = {}, id?: string | number): object {
  return { type: 'Feature', ...(id === undefined ? {} : { id }), properties, geometry: { type: 'Polygon', coordinates: rings } };
}
