/**
 * The sunlight study's client: copies of the building chunks near the study area go to the sunlight
 * worker (transferred), the study's arrays come back. Progress at most every 80 ms; an abort terminates
 * the worker (it restarts on the next run).
 */
import { proxy, transfer } from 'comlink';
import type { ColumnarGeometry } from '../core/columnar/index.ts';
import type { SunlightOptions } from '../core/sunlight/index.ts';
import type { ChunkArrays, StudyReply, SunlightApi } from '../../workers/sunlight.worker.ts';
import { type BridgeEvents, WorkerBridge } from './bridge.ts';
import { throttled } from '../core/progress/index.ts';
import type { RunOptions } from './clients.ts';

export type { StudyReply } from '../../workers/sunlight.worker.ts';

export interface SunlightRunParams {
  /** The buildings layer's chunks (x east, y north, z up): those meeting `reach` are copied to the worker. */
  readonly chunks: readonly ColumnarGeometry[];
  readonly reach: readonly [number, number, number, number];
  readonly points: Float64Array;
  readonly options: SunlightOptions;
}

export class SunlightClient {
  readonly bridge;
  constructor(events: BridgeEvents = {}) {
    this.bridge = new WorkerBridge<SunlightApi>('sunlight', () => new Worker(new URL('../../workers/sunlight.worker.ts', import.meta.url), { type: 'module', name: 'sunlight' }), events);
  }

  run(params: SunlightRunParams, options: RunOptions<(done: number, total: number) => void> = {}): Promise<StudyReply> {
    const [x0, y0, x1, y1] = params.reach;
    const chunks: ChunkArrays[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const c of params.chunks) {
      const b = c.bounds;
      if (b[3] < x0 || b[0] > x1 || b[4] < y0 || b[1] > y1) continue;
      const position = c.attributes['position']?.value;
      const normal = c.attributes['normal']?.value;
      if (!(position instanceof Float32Array) || !(normal instanceof Int8Array)) continue;
      const copy = { position: position.slice(), normal: normal.slice(), indices: c.indices.slice() };
      chunks.push(copy);
      buffers.push(copy.position.buffer, copy.normal.buffer, copy.indices.buffer);
    }
    const points = params.points.slice();
    buffers.push(points.buffer);
    const request = transfer({ chunks, reach: params.reach, points, options: params.options }, buffers);
    const report = options.onProgress ? proxy(throttled(options.onProgress, 80, (done, total) => done >= total)) : undefined;
    const stop = (): void => this.bridge.cancel();
    options.signal?.addEventListener('abort', stop);
    return this.bridge.call((api) => api.study(request, report)).finally(() => options.signal?.removeEventListener('abort', stop));
  }

  cancel(): void {
    this.bridge.cancel();
  }
}
