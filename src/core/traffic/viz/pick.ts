// Picking links by a ground point: a static R-tree (flatbush) over polyline segments, then the nearest
// segment — preferring the link on whose right-hand side the point lies, since each direction of a
// street is drawn on its own right.
import Flatbush from 'flatbush';
import type { Polylines } from './index.ts';

export interface SegmentIndex {
  readonly tree: Flatbush;
  /** Link and first point (into coords) of each indexed segment. */
  readonly segLink: Uint32Array;
  readonly segStart: Uint32Array;
  readonly lines: Polylines;
}

export function buildSegmentIndex(lines: Polylines): SegmentIndex {
  const n = lines.offsets.length - 1;
  let segments = 0;
  for (let l = 0; l < n; l++) segments += Math.max(0, lines.offsets[l + 1]! - lines.offsets[l]! - 1);
  const tree = new Flatbush(Math.max(segments, 1));
  const segLink = new Uint32Array(segments);
  const segStart = new Uint32Array(segments);
  const c = lines.coords;
  let k = 0;
  for (let l = 0; l < n; l++) {
    for (let i = lines.offsets[l]!; i < lines.offsets[l + 1]! - 1; i++) {
      const x0 = c[2 * i]!, y0 = c[2 * i + 1]!, x1 = c[2 * i + 2]!, y1 = c[2 * i + 3]!;
      tree.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
      segLink[k] = l;
      segStart[k] = i;
      k++;
    }
  }
  if (segments === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  return { tree, segLink, segStart, lines };
}

/**
 * The link nearest to (x, y) within `maxDistance` metres, or -1. Among segments at (nearly) the same
 * distance, one that has the point on its right wins.
 */
export function pickLink(index: SegmentIndex, x: number, y: number, maxDistance: number): number {
  const c = index.lines.coords;
  let best = -1;
  let bestScore = Infinity;
  const hits = index.tree.search(x - maxDistance, y - maxDistance, x + maxDistance, y + maxDistance);
  for (const h of hits) {
    if (h >= index.segLink.length) continue;
    const i = index.segStart[h]!;
    const x0 = c[2 * i]!, y0 = c[2 * i + 1]!, x1 = c[2 * i + 2]!, y1 = c[2 * i + 3]!;
    const dx = x1 - x0, dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
    const d = Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
    if (d > maxDistance) continue;
    const right = dx * (y - y0) - dy * (x - x0) < 0; // cross product < 0: point is right of travel
    const score = d + (right ? 0 : maxDistance * 0.5);
    if (score < bestScore || (score === bestScore && index.segLink[h]! < index.segLink[best === -1 ? h : best]!)) {
      bestScore = score;
      best = h;
    }
  }
  return best === -1 ? -1 : index.segLink[best]!;
}
