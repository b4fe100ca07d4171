// Sunlight worker: a thin comlink adapter over src/core/sunlight. Takes copies of the building chunks'
// positions, normals and triangles near the study area (transferred), reads their roofs as prisms, and
// returns the study's typed arrays by transfer.
import { expose, transfer } from 'comlink';
import type { ColumnarGeometry } from '../src/core/columnar/index.ts';
import { type SunlightOptions, type SunlightResult, roofPrisms, sunlightStudy } from '../src/core/sunlight/index.ts';

/** One chunk's arrays (copies; the worker keeps them for the run only). */
export interface ChunkArrays {
  readonly position: Float32Array;
  readonly normal: Int8Array;
  readonly indices: Uint16Array | Uint32Array;
}

export interface StudyRequest {
  readonly chunks: readonly ChunkArrays[];
  /** Roofs outside this box ([minX, minY, maxX, maxY], local metres) are left out. */
  readonly reach: readonly [number, number, number, number];
  /** x, y pairs, local metres. */
  readonly points: Float64Array;
  readonly options: SunlightOptions;
}

export interface StudyReply extends SunlightResult {
  readonly buildingPrisms: number;
  /** Seconds the study took in the worker (roofs read, rays cast). */
  readonly seconds: number;
}

const api = {
  /** Runs a study; `onProgress(done, total)` after each time step. */
  study(request: StudyRequest, onProgress?: (done: number, total: number) => void): StudyReply {
    const t0 = performance.now();
    const chunks: ColumnarGeometry[] = request.chunks.map((c) => ({
      length: c.position.length / 3,
      attributes: { position: { value: c.position, size: 3 }, normal: { value: c.normal, size: 3, normalized: true } },
      indices: c.indices,
      bounds: [0, 0, 0, 0, 0, 0],
    }));
    const prisms = roofPrisms(chunks, request.reach);
    const r = sunlightStudy(prisms, request.points, request.options, undefined, onProgress);
    const reply: StudyReply = { ...r, buildingPrisms: prisms.count, seconds: (performance.now() - t0) / 1000 };
    return transfer(reply, [r.hours.buffer, r.longestRunHours.buffer, r.flags.buffer]);
  },
};

export type SunlightApi = typeof api;
expose(api);
