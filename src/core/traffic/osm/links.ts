// Phases 2 and 3 of the road network: the nodes (a coordinate, matched exactly by lon/lat, that ends a
// way or is shared by two or more way vertices) and the links (a way split at nodes, one link per
// direction of travel, in source order).
import { type LocalFrame, projectInto } from '../../geo/index.ts';
import type { KeptWay } from './classify.ts';
import { Direction } from './tags.ts';

/** Unique vertices of the kept ways and which of them are nodes. */
export interface WayVertices {
  /** Local metres of each unique vertex. */
  readonly vx: number[];
  readonly vy: number[];
  /** Vertex of each line vertex, lines one after another. */
  readonly wayVerts: number[];
  /** Start of each line in `wayVerts`, plus the end (lines + 1 entries). */
  readonly lineStart: number[];
  /** Kept way of each line. */
  readonly lineWay: number[];
  /** Candidate node of each vertex (-1: not a node). */
  readonly nodeOfVertex: Int32Array;
  readonly numCandidateNodes: number;
}

/** Phase 2: unique vertices (exact lon/lat), their local positions, and the nodes among them. */
export function findNodes(kept: readonly KeptWay[], frame: LocalFrame): WayVertices {
  const vertexOf = new Map<string, number>();
  const vx: number[] = [];
  const vy: number[] = [];
  const uses: number[] = [];
  const isEnd: number[] = [];
  const wayVerts: number[] = [];
  const lineStart: number[] = [];
  const lineWay: number[] = [];
  const p: [number, number] = [0, 0];
  for (let w = 0; w < kept.length; w++) {
    for (const line of kept[w]!.lines) {
      lineStart.push(wayVerts.length);
      lineWay.push(w);
      const n = line.length / 2;
      for (let k = 0; k < n; k++) {
        const lon = line[2 * k]!;
        const lat = line[2 * k + 1]!;
        const key = `${lon} ${lat}`;
        let v = vertexOf.get(key);
        if (v === undefined) {
          v = vx.length;
          vertexOf.set(key, v);
          projectInto(frame, lon, lat, p, 0);
          vx.push(p[0]);
          vy.push(p[1]);
          uses.push(0);
          isEnd.push(0);
        }
        uses[v]! += 1;
        if (k === 0 || k === n - 1) isEnd[v] = 1;
        wayVerts.push(v);
      }
    }
  }
  lineStart.push(wayVerts.length);
  const numVertices = vx.length;
  const nodeOfVertex = new Int32Array(numVertices).fill(-1);
  let numCandidateNodes = 0;
  for (let v = 0; v < numVertices; v++) {
    if (isEnd[v] === 1 || uses[v]! >= 2) nodeOfVertex[v] = numCandidateNodes++;
  }
  return { vx, vy, wayVerts, lineStart, lineWay, nodeOfVertex, numCandidateNodes };
}

/** Links between candidate nodes, in source order (forward before backward for a two-way piece). */
export interface WayLinks {
  readonly from: number[];
  readonly to: number[];
  /** Kept way of each link. */
  readonly way: number[];
  /** The link's vertices are wayVerts[geoStart..geoEnd-1], walked backwards when `reversed` is 1. */
  readonly geoStart: number[];
  readonly geoEnd: number[];
  readonly reversed: number[];
  /** Metres. */
  readonly length: number[];
  /** Pieces that start and end at the same node (or have no length), dropped. */
  readonly loopsDropped: number;
}

/** Phase 3: split lines at nodes into pieces; one link per direction of travel. */
export function splitLinks(kept: readonly KeptWay[], g: WayVertices): WayLinks {
  const { vx, vy, wayVerts, lineStart, lineWay, nodeOfVertex } = g;
  const linkFrom: number[] = [];
  const linkTo: number[] = [];
  const linkWay: number[] = [];
  const linkGeoStart: number[] = [];
  const linkGeoEnd: number[] = [];
  const linkReversed: number[] = [];
  const linkLength: number[] = [];
  let loopsDropped = 0;
  for (let l = 0; l + 1 < lineStart.length; l++) {
    const s = lineStart[l]!;
    const e = lineStart[l + 1]!;
    const w = lineWay[l]!;
    const attrs = kept[w]!.attrs;
    let pieceStart = s;
    let length = 0;
    for (let k = s + 1; k < e; k++) {
      const a = wayVerts[k - 1]!;
      const b = wayVerts[k]!;
      length += Math.hypot(vx[b]! - vx[a]!, vy[b]! - vy[a]!);
      if (nodeOfVertex[b] === -1) continue;
      const n0 = nodeOfVertex[wayVerts[pieceStart]!]!;
      const n1 = nodeOfVertex[b]!;
      if (n0 === n1 || length <= 0) {
        loopsDropped++;
      } else {
        if (attrs.dir !== Direction.Backward) {
          linkFrom.push(n0);
          linkTo.push(n1);
          linkWay.push(w);
          linkGeoStart.push(pieceStart);
          linkGeoEnd.push(k + 1);
          linkReversed.push(0);
          linkLength.push(length);
        }
        if (attrs.dir !== Direction.Forward) {
          linkFrom.push(n1);
          linkTo.push(n0);
          linkWay.push(w);
          linkGeoStart.push(pieceStart);
          linkGeoEnd.push(k + 1);
          linkReversed.push(1);
          linkLength.push(length);
        }
      }
      pieceStart = k;
      length = 0;
    }
  }
  return { from: linkFrom, to: linkTo, way: linkWay, geoStart: linkGeoStart, geoEnd: linkGeoEnd, reversed: linkReversed, length: linkLength, loopsDropped };
}
