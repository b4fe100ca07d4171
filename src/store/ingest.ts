// The ingest slice: loading GeoJSON layers through the ingest worker, with progress, cancel and
// recovery. Nothing already loaded is touched when a load fails.
import { proxy } from 'comlink';
import type { StateCreator } from 'zustand';
import type { IngestPhase, IngestedLayer } from '../core/ingest/index.ts';
import { CancelledError, createIngestBridge } from '../sim-client/index.ts';
import type { AppState, IngestSlice } from './types.ts';

/** URLs of the embedded default city, relative to the page (copied into assets/). */
export const DEFAULT_CITY = {
  buildings: new URL('../../assets/city/monaco/buildings.geojson', import.meta.url).href,
  roads: new URL('../../assets/city/monaco/roads.geojson', import.meta.url).href,
  green: new URL('../../assets/city/monaco/green.geojson', import.meta.url).href,
} as const;

export const createIngestSlice: StateCreator<AppState, [], [], IngestSlice> = (_set, get) => {
  const bridge = createIngestBridge({
    onCrash: (worker, message) => get().notify('error', 'notice.workerCrashed', { worker, message }),
  });
  // Exposed for tests and the kiosk watchdog.
  (globalThis as { __citytwinIngest?: typeof bridge }).__citytwinIngest = bridge;

  return {
    cancelJob: (id) => {
      if (get().jobs.some((j) => j.id === id)) bridge.cancel();
    },

    loadLayer: async ({ id, kind, url, name, attribution }) => {
      const s = get();
      const previous = s.layers.find((l) => l.id === id);
      s.upsertLayer({
        id, kind, name, source: url, status: 'loading', progress: 0,
        visible: previous?.visible ?? true, opacity: previous?.opacity ?? 1,
        ...(attribution ? { attribution } : {}),
      });
      const label = 'key' in name ? { nameKey: name.key } : { name: name.text };
      s.startJob({ id, key: 'jobs.loading', params: label, progress: 0 });
      let last = 0;
      const onProgress = proxy((phase: IngestPhase, done: number, total: number) => {
        const progress = phase === 'parse' ? 0.3 * (done / Math.max(total, 1)) : 0.3 + 0.7 * (done / Math.max(total, 1));
        const now = performance.now();
        if (progress < 1 && now - last < 50) return; // at most ~20 updates a second
        last = now;
        get().patchLayer(id, { progress, phase });
        get().updateJob(id, { progress, phase });
      });
      try {
        const frame = get().frame;
        const result = await bridge.call<IngestedLayer>((api) => api.ingestUrl(url, kind, frame, onProgress) as Promise<IngestedLayer>);
        if (!get().frame) get().setFrame(result.data.frame);
        get().patchLayer(id, { status: 'ready', progress: 1, data: result });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof CancelledError) get().notify('info', 'notice.cancelled', label.name ? { name: label.name } : { name: id });
        // Keep what the layer showed before, if anything; record the error beside it.
        if (previous?.data) get().patchLayer(id, { status: 'ready', progress: 1, data: previous.data, error: message });
        else get().patchLayer(id, { status: 'error', error: message });
      } finally {
        get().endJob(id);
      }
    },

    loadDefaultCity: async () => {
      const { loadLayer, layers } = get();
      if (layers.some((l) => l.id === 'buildings')) return; // already loaded or loading
      // Buildings first: their bounds fix the local frame the other layers are drawn in.
      await loadLayer({ id: 'buildings', kind: 'buildings', url: DEFAULT_CITY.buildings, name: { key: 'layer.buildings' }, attribution: 'osm' });
      await loadLayer({ id: 'green', kind: 'green', url: DEFAULT_CITY.green, name: { key: 'layer.green' }, attribution: 'osm' });
      await loadLayer({ id: 'roads', kind: 'roads', url: DEFAULT_CITY.roads, name: { key: 'layer.roads' }, attribution: 'osm' });
    },
  };
};
