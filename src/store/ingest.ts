// The ingest slice: loading GeoJSON layers through the ingest worker, with progress, cancel and
// recovery. Nothing already loaded is touched when a load fails.
import { problemOf } from '../core/language/problem.ts';
import type { StateCreator } from 'zustand';
import { type IngestPhase, type IngestedLayer, ambiguousCrsOf, drawnMask } from '../core/ingest/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import { type CrsCode, isCrsCode } from '../core/crs/index.ts';
import { crsPlaces, fromCity } from './ask.ts';
import { CancelledError, IngestClient, type IngestProgress } from '../sim-client/index.ts';
import type { AppState, IngestSlice, LayerState } from './types.ts';

/** The `source` of a synthetic layer: workers regenerate it from this instead of fetching a URL. */
export function syntheticSource(buildings: number, seed: number, kind: 'buildings' | 'roads'): string {
  return `synthetic:${kind}:${buildings}:${seed}`;
}

/** URLs of the embedded default city, relative to the page (copied into assets/). */
export const DEFAULT_CITY = {
  buildings: new URL('../../assets/city/monaco/buildings.geojson', import.meta.url).href,
  roads: new URL('../../assets/city/monaco/roads.geojson', import.meta.url).href,
  green: new URL('../../assets/city/monaco/green.geojson', import.meta.url).href,
  /** The six quartiers (districts for the carbon map); not drawn as a layer. */
  admin: new URL('../../assets/city/monaco/admin.geojson', import.meta.url).href,
} as const;

/** A loaded layer whose centre is further than this from the city's origin opens as a new city, km. */
const FAR_KM = 100;

/** The CRS to read a layer's file with again: the user's choice stands; a declared or inferred one is found again the same way. */
function crsChoiceOf(data: IngestedLayer): CrsCode | 'auto' {
  return data.crs?.how === 'given' ? data.crs.code : 'auto';
}

/** Whether a place (lon/lat) is far enough from the city's origin to open as a new city (equirectangular km). */
export function farFromCity(frame: LocalFrame, lon: number, lat: number): boolean {
  return Math.hypot((lon - frame.lon0) * 111 * Math.cos((frame.lat0 * Math.PI) / 180), (lat - frame.lat0) * 111) > FAR_KM;
}
let userLayers = 0;

const INGEST_MARK = /^citytwin:ingest-(?:start|end):(.*)$/;

/** Clears the ingest marks of layer `id` and of every layer no longer in `present`. */
function clearIngestMarks(id: string, present: readonly string[]): void {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return;
  for (const m of performance.getEntriesByType('mark')) {
    const layer = INGEST_MARK.exec(m.name)?.[1];
    if (layer !== undefined && (layer === id || !present.includes(layer))) performance.clearMarks(m.name);
  }
}

export const createIngestSlice: StateCreator<AppState, [], [], IngestSlice> = (_set, get) => {
  const client = new IngestClient({
    onCrash: (worker, message) => get().notify('error', 'notice.workerCrashed', { worker, message }),
  });

  type Spec = Pick<LayerState, 'id' | 'kind' | 'name' | 'source' | 'attribution' | 'fileName'>;
  /** Runs one ingest call in the worker for layer `spec`, with progress, cancel and error reporting. */
  const runIngest = async (
    spec: Spec,
    call: (client: IngestClient, onProgress: IngestProgress) => Promise<IngestedLayer>,
  ): Promise<boolean> => {
    const { id, name } = spec;
    const s = get();
    const previous = s.layers.find((l) => l.id === id);
    // While a layer reloads, what it showed stays on screen until the new data replaces it.
    s.upsertLayer({
      ...spec, status: 'loading', progress: 0, visible: previous?.visible ?? true, opacity: previous?.opacity ?? 1,
      ...(previous?.data ? { data: previous.data } : {}),
      // The user's styling survives a reload (same features, same properties).
      ...(previous?.style ? { style: previous.style } : {}),
      ...(previous?.extrude ? { extrude: previous.extrude } : {}),
      ...(previous?.pointSize ? { pointSize: previous.pointSize } : {}),
      ...(previous?.hiddenParts ? { hiddenParts: previous.hiddenParts } : {}),
    });
    const label = 'key' in name ? { nameKey: name.key } : { name: name.text };
    s.startJob({ id, key: 'jobs.loading', params: label, progress: 0 });
    // The client lets at most ~20 updates a second through.
    const onProgress = (phase: IngestPhase, done: number, total: number): void => {
      const progress = phase === 'parse' ? 0.3 * (done / Math.max(total, 1)) : 0.3 + 0.7 * (done / Math.max(total, 1));
      get().patchLayer(id, { progress, phase });
      get().updateJob(id, { progress, phase });
    };
    // Marks for benchmarks: the worker computes between these two; the main thread should stay free.
    // User-timing marks are kept until cleared: only the latest pair of each layer still shown is kept,
    // or a kiosk cycling scenarios for days would collect them without end.
    clearIngestMarks(id, get().layers.map((l) => l.id));
    performance.mark(`citytwin:ingest-start:${id}`);
    try {
      const result = await call(client, onProgress);
      performance.mark(`citytwin:ingest-end:${id}`);
      // Reading a big result off the message and drawing it with React are two tasks, not one long one.
      await new Promise((resolve) => setTimeout(resolve, 0));
      // A layer that draws nothing (only features without a location) does not place the city.
      if (!get().frame && result.stats.drawn > 0) get().setFrame(result.data.frame);
      get().patchLayer(id, { status: 'ready', progress: 1, data: result });
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const problem = problemOf(err);
      const failure = { error: message, ...(problem ? { errorProblem: problem } : {}) };
      if (err instanceof CancelledError) get().notify('info', 'notice.cancelled', { name: label.name ?? id });
      // Keep what the layer showed before, if anything; record the error beside it.
      if (previous?.data) get().patchLayer(id, { status: 'ready', progress: 1, data: previous.data, ...failure });
      else get().patchLayer(id, { status: 'error', ...failure });
      return false;
    } finally {
      get().endJob(id);
    }
  };

  return {
    cancelJob: (id) => {
      if (get().jobs.some((j) => j.id === id)) client.cancel();
    },

    loadLayer: async ({ id, kind, url, name, attribution }) => {
      const frame = get().frame;
      await runIngest({ id, kind, name, source: url, ...(attribution ? { attribution } : {}) }, (c, onProgress) =>
        c.ingestUrl(url, kind, frame ?? undefined, { onProgress }),
      );
    },

    loadUserLayer: async ({ name, url, crs: chosen = 'auto' }) => {
      const id = `user-${++userLayers}`;
      let crs = chosen;
      const load = (): Promise<boolean> => {
        const frame = get().frame ?? undefined;
        return runIngest({ id, kind: 'areas', name: { text: name }, source: url, fileName: name }, (c, onProgress) =>
          c.ingestUrl(url, 'auto', frame, { onProgress }, crs, name),
        );
      };
      if (!(await load())) {
        // Coordinates that fit several systems: ask which, with where each would put the data, and load again.
        const failed = get().layers.find((l) => l.id === id);
        const candidates = failed?.status === 'error' && failed.error ? ambiguousCrsOf(failed.error) : null;
        if (!candidates) return;
        // Not an error to show (in English): a question, in the UI's language; the layer comes back once answered.
        get().removeLayer(id);
        const answer = await get().askUser({ kind: 'crs', name, candidates: crsPlaces(get().frame, candidates) });
        const code = Number(answer);
        if (answer === null || !isCrsCode(code)) {
          get().notify('info', 'ask.crs.declined', { name });
          return;
        }
        crs = code;
        if (!(await load())) return;
      }
      const data = get().layers.find((l) => l.id === id)?.data;
      if (!data) return;
      get().patchLayer(id, { kind: data.kind });
      const frame = get().frame;
      const [w, s, e, n] = data.data.lonLatBounds;
      const far = frame && data.stats.drawn > 0 && farFromCity(frame, (w + e) / 2, (s + n) / 2);
      if (far && frame && get().layers.length > 1) {
        // Another place on Earth: ask before opening it as a new city (the city shown can be reopened);
        // meanwhile it is hidden, not drawn hundreds of km away. Declined: it goes, nothing else changes.
        get().patchLayer(id, { visible: false });
        const km = Math.round(fromCity(frame, (w + e) / 2, (s + n) / 2).km);
        const answer = await get().askUser({ kind: 'far', name, km });
        if (answer !== 'open' || !get().layers.some((l) => l.id === id)) {
          get().removeLayer(id);
          get().notify('info', 'ask.far.declined', { name });
          return;
        }
        get().rememberCity(id);
        get().openCity(null, id);
        get().notify('info', 'notice.newCity', { name });
        if (await load()) {
          const again = get().layers.find((l) => l.id === id)?.data;
          if (again) get().patchLayer(id, { kind: again.kind });
        }
        get().patchLayer(id, { visible: true });
      }
    },

    exportLayer: async (id) => {
      const layer = get().layers.find((l) => l.id === id);
      if (!layer?.data) return null;
      const crs = crsChoiceOf(layer.data);
      const name = 'text' in layer.name ? layer.name.text : layer.fileName;
      try {
        // Every feature a part of the layer draws (points, lines and polygons of a mixed file).
        return await client.exportLayer(layer.source, layer.fileName ?? layer.source, crs, drawnMask(layer.data), name);
      } catch (err) {
        get().notify('error', 'notice.exportFailed', { name: name ?? id, message: err instanceof Error ? err.message : String(err) });
        return null;
      }
    },

    reloadLayerAs: async (id, kind) => {
      const layer = get().layers.find((l) => l.id === id);
      if (!layer?.data || layer.kind === kind) return;
      const frame = get().frame ?? undefined;
      const crs = crsChoiceOf(layer.data);
      const fileName = layer.fileName;
      const ok = await runIngest({ id, kind, name: layer.name, source: layer.source, ...(layer.attribution ? { attribution: layer.attribution } : {}), ...(fileName !== undefined ? { fileName } : {}) }, (c, onProgress) =>
        c.ingestUrl(layer.source, kind, frame, { onProgress }, crs, fileName),
      );
      if (!ok) get().patchLayer(id, { kind: layer.kind });
      else if (kind !== 'buildings') get().setExtrusion(id, null);
    },

    loadSynthetic: async (buildings, seed = 1) => {
      const text = `synthetic city, ${buildings} buildings, seed ${seed}`;
      const ok = await runIngest({ id: 'buildings', kind: 'buildings', name: { text }, source: syntheticSource(buildings, seed, 'buildings') }, (c, onProgress) =>
        c.ingestSynthetic(buildings, seed, 'buildings', undefined, { onProgress }),
      );
      if (!ok) return;
      // A synthetic city replaces the current one: other layers lie somewhere else on Earth.
      const built = get().layers.find((l) => l.id === 'buildings')?.data?.data.frame;
      get().openCity(built ?? get().frame, 'buildings');
      const frame = built;
      await runIngest({ id: 'roads', kind: 'roads', name: { text: `synthetic streets (${buildings} buildings)` }, source: syntheticSource(buildings, seed, 'roads') }, (c, onProgress) =>
        c.ingestSynthetic(buildings, seed, 'roads', frame, { onProgress }),
      );
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
