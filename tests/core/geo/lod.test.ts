// Far level of detail of extruded polygon layers: each chunk's index lists the features' triangle runs
// largest first, and `lod` says where each run ends (src/core/geo/extrude.ts, ColumnarGeometry.lod).
import { describe, expect, it } from 'vitest';
import { type ColumnarGeometry, geometryBytes, lodIndexCount } from '../../../src/core/columnar/index.ts';
import { buildPolygonLayer, polygonLayerBytes } from '../../../src/core/geo/index.ts';
import { syntheticCity } from '../../../src/core/synthetic/index.ts';
import { FRAME, polygonFeature, rect } from './helpers.ts';

type Layer = ReturnType<typeof buildPolygonLayer>;
const build = (features: object[], mode: 'extrude' | 'flat' = 'extrude', maxChunkVertices?: number): Layer =>
  buildPolygonLayer(features, { frame: FRAME, mode, ...(maxChunkVertices === undefined ? {} : { maxChunkVertices }) });

interface Run {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Checks a chunk's lod is consistent and returns its runs: sizes non-increasing, ends strictly increasing
 * multiples of 3 ending at indices.length, every run one feature (all three vertices of every triangle),
 * no feature in two runs, and every feature of the chunk in a run.
 */
function runsOf(c: ColumnarGeometry): Run[] {
  const lod = c.lod!;
  expect(lod).toBeDefined();
  expect(lod.sizes).toBeInstanceOf(Float32Array);
  expect(lod.ends).toBeInstanceOf(Uint32Array);
  expect(lod.ends.length).toBe(lod.sizes.length);
  expect(lod.ends[lod.ends.length - 1]).toBe(c.indices.length);
  const ids = c.attributes['featureId']!.value;
  const runs: Run[] = [];
  const seen = new Set<number>();
  let start = 0;
  for (let k = 0; k < lod.ends.length; k++) {
    const end = lod.ends[k]!;
    expect(end % 3).toBe(0);
    expect(end).toBeGreaterThan(start);
    if (k > 0) expect(lod.sizes[k]!).toBeLessThanOrEqual(lod.sizes[k - 1]!);
    const id = ids[c.indices[start]!]!;
    for (let i = start; i < end; i++) expect(ids[c.indices[i]!]).toBe(id);
    expect(seen.has(id)).toBe(false);
    seen.add(id);
    runs.push({ id, start, end });
    start = end;
  }
  expect(seen).toEqual(new Set(ids));
  return runs;
}

/** Every triangle as the positions and normals of its vertices, in winding order. */
function triangleKeys(c: ColumnarGeometry, start = 0, end = c.indices.length): string[] {
  const p = c.attributes['position']!.value;
  const n = c.attributes['normal']!.value;
  const vertex = (v: number): string => `${p[3 * v]},${p[3 * v + 1]},${p[3 * v + 2]}/${n[3 * v]},${n[3 * v + 1]},${n[3 * v + 2]}`;
  const out: string[] = [];
  for (let t = start; t < end; t += 3) out.push(`${vertex(c.indices[t]!)} ${vertex(c.indices[t + 1]!)} ${vertex(c.indices[t + 2]!)}`);
  return out;
}

/** Size of a feature recomputed from its vertices: diagonal of their box. */
function sizeFromVertices(c: ColumnarGeometry, id: number): number {
  const p = c.attributes['position']!.value;
  const ids = c.attributes['featureId']!.value;
  const b = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (let v = 0; v < c.length; v++) {
    if (ids[v] !== id) continue;
    for (let k = 0; k < 3; k++) {
      b[k] = Math.min(b[k]!, p[3 * v + k]!);
      b[k + 3] = Math.max(b[k + 3]!, p[3 * v + k]!);
    }
  }
  return Math.hypot(b[3]! - b[0]!, b[4]! - b[1]!, b[5]! - b[2]!);
}

// Input order C, A, D, B; by size A 130 > B 85 > D 25 > C 13.
const C = polygonFeature([rect(0, 0, 3, 4)], { height: 12 }); //          hypot(3, 4, 12) = 13
const A = polygonFeature([rect(50, 0, 80, 40)], { height: 120 }); //      hypot(30, 40, 120) = 130
const D = polygonFeature([rect(0, 60, 9, 72)], { height: 30, min_height: 10 }); // hypot(9, 12, 20) = 25, with a floor
const B = polygonFeature([rect(60, 60, 65, 72)], { height: 84 }); //      hypot(5, 12, 84) = 85
const FOUR = [C, A, D, B];

describe('far level of detail of extruded buildings', () => {
  const layer = build(FOUR);
  const c = layer.chunks[0]!;

  it('orders the four buildings by descending size, with their exact sizes and index ends', () => {
    expect(layer.chunks).toHaveLength(1);
    const runs = runsOf(c);
    // Emitted (Morton order) as 0, 1, 2, 3; drawn largest first.
    expect([...new Set(c.attributes['featureId']!.value)]).toEqual([0, 1, 2, 3]);
    expect(runs.map((r) => r.id)).toEqual([1, 3, 2, 0]);
    const expected = [130, 85, 25, 13];
    c.lod!.sizes.forEach((s, k) => expect(s).toBeCloseTo(expected[k]!, 3));
    // 10 triangles a box (4 walls × 2 + a 2-triangle roof), 12 with a floor.
    expect(Array.from(c.lod!.ends)).toEqual([30, 60, 96, 126]);
    expect(c.indices.length).toBe(126);
  });

  it('moves no vertex and keeps every triangle and its winding: same triangles as each building built alone', () => {
    const alone = FOUR.flatMap((f) => triangleKeys(build([f]).chunks[0]!));
    expect(triangleKeys(c).sort()).toEqual(alone.sort());
    // Per run: exactly the triangles of that building.
    const runs = runsOf(c);
    for (const r of runs) expect(triangleKeys(c, r.start, r.end).sort()).toEqual(triangleKeys(build([FOUR[r.id]!]).chunks[0]!).sort());
    // Vertices stay in emission order (features emitted one after another, not by size).
    const ids = Array.from(c.attributes['featureId']!.value);
    const firstOf = [0, 1, 2, 3].map((id) => ids.indexOf(id));
    for (let v = 1; v < ids.length; v++) if (ids[v] !== ids[v - 1]) expect(firstOf[ids[v]!]).toBe(v);
  });

  it('each prefix up to ends[k] holds exactly the k + 1 largest buildings', () => {
    const ids = c.attributes['featureId']!.value;
    const bySize = [1, 3, 2, 0];
    c.lod!.ends.forEach((end, k) => {
      const drawn = new Set<number>();
      for (let i = 0; i < end; i++) drawn.add(ids[c.indices[i]!]!);
      expect(drawn).toEqual(new Set(bySize.slice(0, k + 1)));
    });
  });

  it('lodIndexCount: the prefix that draws every building at least that big', () => {
    expect(lodIndexCount(c, 0)).toBe(126);
    expect(lodIndexCount(c, -5)).toBe(126);
    expect(lodIndexCount(c, 1)).toBe(126);
    expect(lodIndexCount(c, 13.5)).toBe(96);
    expect(lodIndexCount(c, 20)).toBe(96);
    expect(lodIndexCount(c, 50)).toBe(60);
    expect(lodIndexCount(c, 100)).toBe(30);
    expect(lodIndexCount(c, 131)).toBe(0);
    expect(lodIndexCount(c, Infinity)).toBe(0);
    // A size equal to a building's own draws that building.
    c.lod!.sizes.forEach((s, k) => expect(lodIndexCount(c, s)).toBe(c.lod!.ends[k]));
    // Without lod: everything.
    const { lod: _lod, ...plain } = c;
    expect(lodIndexCount(plain, 100)).toBe(126);
  });

  it('counts the lod arrays as memory: 8 bytes a building', () => {
    const { lod: _lod, ...plain } = c;
    expect(geometryBytes(c) - geometryBytes(plain)).toBe(4 * 8);
    const withoutLod = { ...layer, chunks: layer.chunks.map(({ lod: _l, ...g }) => g) };
    expect(polygonLayerBytes(layer) - polygonLayerBytes(withoutLod)).toBe(4 * 8);
  });

  it('keeps equal sizes in emission order', () => {
    const twins = build([
      polygonFeature([rect(0, 0, 6, 8)], { height: 24 }), // 26
      polygonFeature([rect(100, 100, 106, 108)], { height: 24 }), // 26
      polygonFeature([rect(50, 0, 56, 8)], { height: 24 }), // 26
      polygonFeature([rect(0, 100, 3, 4 + 100)], { height: 12 }), // 13
    ]).chunks[0]!;
    const runs = runsOf(twins);
    // Morton emission order is 0, 2, 3, 1; the three 26 m buildings keep it, the 13 m one comes last.
    expect([...new Set(twins.attributes['featureId']!.value)]).toEqual([0, 2, 3, 1]);
    expect(runs.map((r) => r.id)).toEqual([0, 2, 1, 3]);
    // Emission order is vertex order: equal-size runs are listed by their first vertex.
    const firstVertex = (r: Run): number => Math.min(...twins.indices.subarray(r.start, r.end));
    expect(firstVertex(runs[0]!)).toBeLessThan(firstVertex(runs[1]!));
    expect(firstVertex(runs[1]!)).toBeLessThan(firstVertex(runs[2]!));
  });

  it('flat mode (parks, districts, carbon cells) has no far detail: emission order, no lod', () => {
    const flat = build([polygonFeature([rect(0, 0, 6, 8)]), polygonFeature([rect(20, 0, 25, 12)])], 'flat').chunks[0]!;
    expect(flat.lod).toBeUndefined();
    expect(lodIndexCount(flat, 1e9)).toBe(flat.indices.length);
    const ids = flat.attributes['featureId']!.value;
    expect(Array.from(flat.indices, (v) => ids[v])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('a MultiPolygon is sized by the box of all its polygons, and its triangles stay together', () => {
    // Two 3 m × 12 m prisms 2 m apart, 24 m tall: the feature's box is 8 × 12 × 24, hypot 28
    // (each prism alone would be hypot(3, 12, 24) ≈ 26.98).
    const multi = {
      type: 'Feature',
      properties: { height: 24 },
      geometry: { type: 'MultiPolygon', coordinates: [[rect(0, 0, 3, 12)], [rect(5, 0, 8, 12)]] },
    };
    const between = polygonFeature([rect(40, 0, 42, 3)], { height: 27.5 }); // hypot(2, 3, 27.5) ≈ 27.73
    const small = polygonFeature([rect(40, 40, 43, 44)], { height: 12 }); // 13
    const ch = build([small, multi, between]).chunks[0]!;
    const runs = runsOf(ch);
    expect(runs.map((r) => r.id)).toEqual([1, 2, 0]);
    expect(ch.lod!.sizes[0]).toBeCloseTo(28, 3);
    expect(ch.lod!.sizes[1]).toBeCloseTo(Math.hypot(2, 3, 27.5), 3);
    // Both prisms (2 × 10 triangles) in one run.
    expect(runs[0]!.end - runs[0]!.start).toBe(60);
  });

  it('every chunk of a multi-chunk layer has a consistent lod', () => {
    const city = syntheticCity({ buildings: 400, seed: 11 });
    const big = buildPolygonLayer(city.features, { maxChunkVertices: 600 });
    expect(big.chunks.length).toBeGreaterThan(5);
    let features = 0;
    let triangles = 0;
    big.chunks.forEach((ch, k) => {
      const runs = runsOf(ch);
      features += runs.length;
      triangles += ch.indices.length / 3;
      runs.forEach((r, j) => {
        expect(big.features.chunk[r.id]).toBe(k);
        // Float32 positions: sizes agree to a millimetre or so.
        expect(Math.abs(ch.lod!.sizes[j]! - sizeFromVertices(ch, r.id))).toBeLessThan(5e-3);
      });
    });
    expect(features).toBe(400 - big.skipped.length);
    expect(triangles).toBe(big.triangleCount);
    // The same chunks without lod ordering hold the same triangles (build each chunk's features alone).
    const first = big.chunks[0]!;
    const ids = [...new Set(first.attributes['featureId']!.value)];
    const alone = buildPolygonLayer(ids.map((i) => city.features[i]!), { frame: big.frame });
    expect(alone.chunks).toHaveLength(1);
    expect(triangleKeys(first).sort()).toEqual(triangleKeys(alone.chunks[0]!).sort());
  });
});
