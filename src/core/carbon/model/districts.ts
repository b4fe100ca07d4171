/**
 * The carbon map by district: per-feature results summed over district polygons (buildings by their
 * centre, road links by exact segment–triangle clipping, green areas by intersection area against the
 * districts' triangles), with an `outside` bucket so the districts always sum to the model totals.
 */
import earcut from 'earcut';
import Flatbush from 'flatbush';
import { ClipScratch, featureArea, featureBounds, ringInTriangleArea, segmentInTriangle } from './geometry.ts';
import type { PolygonSet } from './geometry.ts';
import type { CarbonResult } from './model.ts';

/** Per-district sums; index `count` (the last) is everything outside every district. */
export interface DistrictTotals {
  readonly count: number;
  readonly buildings: Float64Array;
  readonly transport: Float64Array;
  readonly sinks: Float64Array;
  readonly net: Float64Array;
}

interface Triangles {
  readonly xy: Float64Array; // 6 per triangle
  readonly district: Int32Array;
  readonly tree: Flatbush;
}

function triangulate(districts: PolygonSet): Triangles {
  const xyOut: number[] = [];
  const owner: number[] = [];
  for (let d = 0; d < districts.count; d++) {
    for (let p = districts.featurePolygons[d]!; p < districts.featurePolygons[d + 1]!; p++) {
      const r0 = districts.polygonRings[p]!;
      const r1 = districts.polygonRings[p + 1]!;
      const base = districts.ringPoints[r0]!;
      const flat = districts.xy.subarray(2 * base, 2 * districts.ringPoints[r1]!);
      const holes: number[] = [];
      for (let r = r0 + 1; r < r1; r++) holes.push(districts.ringPoints[r]! - base);
      const tri = earcut(flat, holes, 2);
      for (let k = 0; k < tri.length; k += 3) {
        for (let j = 0; j < 3; j++) xyOut.push(flat[2 * tri[k + j]!]!, flat[2 * tri[k + j]! + 1]!);
        owner.push(d);
      }
    }
  }
  const n = owner.length;
  const tree = new Flatbush(Math.max(1, n));
  for (let t = 0; t < n; t++) {
    const a = 6 * t;
    tree.add(
      Math.min(xyOut[a]!, xyOut[a + 2]!, xyOut[a + 4]!), Math.min(xyOut[a + 1]!, xyOut[a + 3]!, xyOut[a + 5]!),
      Math.max(xyOut[a]!, xyOut[a + 2]!, xyOut[a + 4]!), Math.max(xyOut[a + 1]!, xyOut[a + 3]!, xyOut[a + 5]!),
    );
  }
  if (n === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  return { xy: Float64Array.from(xyOut), district: Int32Array.from(owner), tree };
}

function pointInTriangle(t: Float64Array, k: number, x: number, y: number): boolean {
  const a = 6 * k;
  const d1 = (t[a + 2]! - t[a]!) * (y - t[a + 1]!) - (t[a + 3]! - t[a + 1]!) * (x - t[a]!);
  const d2 = (t[a + 4]! - t[a + 2]!) * (y - t[a + 3]!) - (t[a + 5]! - t[a + 3]!) * (x - t[a + 2]!);
  const d3 = (t[a]! - t[a + 4]!) * (y - t[a + 5]!) - (t[a + 1]! - t[a + 5]!) * (x - t[a + 4]!);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/**
 * Aggregates a model result onto district polygons (administrative areas, zoning districts, any
 * polygons; overlapping districts share a feature in proportion to overlap, normalised).
 */
export function aggregateToDistricts(result: CarbonResult, districts: PolygonSet): DistrictTotals {
  const D = districts.count;
  const tris = triangulate(districts);
  const buildings = new Float64Array(D + 1);
  const transport = new Float64Array(D + 1);
  const sinks = new Float64Array(D + 1);
  const share = new Float64Array(D + 1);
  const spread = (target: Float64Array, v: number, inside: Float64Array, total: number): void => {
    let sumIn = 0;
    for (let d = 0; d < D; d++) sumIn += inside[d]!;
    const outside = Math.max(0, total - sumIn);
    const denom = sumIn + outside;
    if (!(denom > 0)) {
      target[D]! += v;
      return;
    }
    for (let d = 0; d < D; d++) if (inside[d] !== 0) target[d]! += (v * inside[d]!) / denom;
    if (outside > 0) target[D]! += (v * outside) / denom;
  };

  const bt = result.buildingTable;
  const bv = result.buildings?.t;
  if (bt && bv) {
    for (let i = 0; i < bt.count; i++) {
      const v = bv[i]!;
      if (v === 0) continue;
      const x = bt.x[i]!;
      const y = bt.y[i]!;
      let best = D;
      for (const k of tris.tree.search(x, y, x, y)) {
        if (k < tris.district.length && tris.district[k]! < best && pointInTriangle(tris.xy, k, x, y)) best = tris.district[k]!;
      }
      buildings[best]! += v;
    }
  }

  const rt = result.roadTable;
  const rv = result.roads?.t;
  if (rt && rv) {
    const xy = rt.xy;
    const t = tris.xy;
    for (let l = 0; l < rt.count; l++) {
      const v = rv[l]!;
      if (v === 0) continue;
      share.fill(0);
      let len = 0;
      for (let i = rt.start[l]!; i + 1 < rt.start[l + 1]!; i++) {
        const x0 = xy[2 * i]!, y0 = xy[2 * i + 1]!, x1 = xy[2 * i + 2]!, y1 = xy[2 * i + 3]!;
        len += Math.hypot(x1 - x0, y1 - y0);
        for (const k of tris.tree.search(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1))) {
          if (k >= tris.district.length) continue;
          const a = 6 * k;
          const inside = segmentInTriangle(x0, y0, x1, y1, t[a]!, t[a + 1]!, t[a + 2]!, t[a + 3]!, t[a + 4]!, t[a + 5]!);
          if (inside > 0) share[tris.district[k]!]! += inside;
        }
      }
      spread(transport, v, share, len);
    }
  }

  const g = result.green;
  if (g) {
    const scratch = new ClipScratch();
    const t = tris.xy;
    const set = g.polygons;
    for (let f = 0; f < g.cover.length; f++) {
      const v = g.t[f]!;
      if (v === 0) continue;
      share.fill(0);
      const bb = featureBounds(set, f, [0, 0, 0, 0]);
      const cand = tris.tree.search(bb[0]!, bb[1]!, bb[2]!, bb[3]!);
      const r0 = set.polygonRings[set.featurePolygons[f]!]!;
      const r1 = set.polygonRings[set.featurePolygons[f + 1]!]!;
      for (const k of cand) {
        if (k >= tris.district.length) continue;
        const a = 6 * k;
        let area = 0;
        for (let r = r0; r < r1; r++) {
          area += ringInTriangleArea(set.xy, set.ringPoints[r]!, set.ringPoints[r + 1]!, t[a]!, t[a + 1]!, t[a + 2]!, t[a + 3]!, t[a + 4]!, t[a + 5]!, scratch);
        }
        if (area > 0) share[tris.district[k]!]! += area;
      }
      spread(sinks, v, share, Math.max(0, featureArea(set, f)));
    }
  }

  const net = new Float64Array(D + 1);
  for (let d = 0; d <= D; d++) net[d] = buildings[d]! + transport[d]! + sinks[d]!;
  return { count: D, buildings, transport, sinks, net };
}
