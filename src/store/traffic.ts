// The traffic slice: build the city's network and demand in the model host worker, run and re-run
// assignments (warm), edit the scenario (close links, change lanes, scale demand), keep a baseline.
import { type Problem, problemOf } from '../core/language/problem.ts';
import type { StateCreator } from 'zustand';
import type { TrafficIteration, TrafficRunParams, TrafficRunResult } from '../core/traffic/session/index.ts';
import { buildSegmentIndex } from '../core/traffic/viz/index.ts';
import { CancelledError, TrafficClient } from '../sim-client/index.ts';
import type { AppState, TrafficSlice, TrafficState } from './types.ts';
import { inputLayer } from './inputs.ts';
import { farFromCity } from './ingest.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import { trafficModelOptions } from '../core/scenario/apply.ts';
import { cityProfileOf } from './carbon.ts';

/** A failed TNTP set's error for the traffic state: its English message, and its problem when it has one. */
function failureOf(err: unknown): { error: string; errorProblem: Problem | null } {
  return { error: err instanceof Error ? err.message : String(err), errorProblem: problemOf(err) ?? null };
}

export const INITIAL_TRAFFIC: TrafficState = {
  status: 'idle',
  view: null,
  ribbons: null,
  index: null,
  result: null,
  baseline: null,
  progress: null,
  error: null,
  errorProblem: null,
  demandScale: 1,
  targetGap: 1e-4,
  edits: { closed: [], lanes: [] },
  zoneFactors: [],
  showFlows: true,
  showVehicles: true,
  vehiclesPaused: false,
};

export const createTrafficSlice: StateCreator<AppState, [], [], TrafficSlice> = (set, get) => {
  const client = new TrafficClient({
    onCrash: (worker, message) => {
      get().notify('error', 'notice.workerCrashed', { worker, message });
      // The worker's network is gone with it: build it again before the next run.
      set((s) => ({ traffic: { ...s.traffic, status: s.traffic.view ? 'idle' : s.traffic.status, view: null, ribbons: null, index: null } }));
    },
  });
  // A new error (or none) replaces the problem of the last one, unless it brings its own.
  const patch = (p: Partial<TrafficState>): void =>
    set((s) => ({ traffic: { ...s.traffic, ...('error' in p && !('errorProblem' in p) ? { errorProblem: null } : {}), ...p } }));

  return {
    traffic: INITIAL_TRAFFIC,

    prepareTraffic: async () => {
      const s = get();
      const roads = inputLayer(s, 'roads');
      const buildings = inputLayer(s, 'buildings');
      if (!roads || !buildings || !s.frame) {
        patch({ status: 'error', error: 'no-roads' });
        return;
      }
      const frame = s.frame;
      patch({ status: 'preparing', error: null });
      try {
        const out = await client.prepareCity(roads.source, buildings.source, frame, trafficModelOptions(cityProfileOf(s)));
        patch({ status: 'ready', view: out.view, ribbons: out.ribbons, index: buildSegmentIndex(out.view.polylines), result: null, baseline: null });
      } catch (err) {
        patch({ status: 'error', error: err instanceof Error ? err.message : String(err) });
      }
    },

    runTraffic: async () => {
      if (!get().traffic.view) await get().prepareTraffic();
      const t = get().traffic;
      if (!t.view || t.status === 'running') return;
      const params: TrafficRunParams = {
        demandScale: t.demandScale,
        zoneFactors: t.zoneFactors,
        edits: t.edits,
        targetGap: t.targetGap,
        maxIterations: 500,
        warmStart: true,
      };
      patch({ status: 'running', progress: null, error: null });
      try {
        const result: TrafficRunResult = await client.run(params, { onProgress: (progress) => patch({ progress }) });
        patch({ status: 'ready', result, progress: null, baseline: get().traffic.baseline ?? result });
        if (result.stopReason === 'cancelled') get().notify('info', 'notice.trafficCancelled');
      } catch (err) {
        if (err instanceof CancelledError) {
          patch({ status: 'ready', progress: null });
          get().notify('info', 'notice.trafficCancelled');
        } else {
          patch({ status: get().traffic.view ? 'ready' : 'idle', progress: null, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },

    computeTraffic: async (params, onProgress, signal) => {
      if (!get().traffic.view) await get().prepareTraffic();
      if (!get().traffic.view) throw new Error(get().traffic.error === 'no-roads' ? 'no roads or buildings layer' : (get().traffic.error ?? 'no traffic network'));
      patch({ status: 'running', progress: null, error: null });
      // An abort stops the assignment after its current slice (the network stays built in the worker).
      const report = (it: TrafficIteration): void => {
        patch({ progress: it });
        onProgress?.(it);
      };
      try {
        return await client.run(params, { onProgress: report, ...(signal ? { signal } : {}) });
      } finally {
        patch({ status: get().traffic.view ? 'ready' : 'idle', progress: null });
      }
    },

    cancelTraffic: () => {
      // Ask nicely first: the worker stops after its current slice and returns the solution so far.
      void client.stopAfterSlice();
    },

    setDemandScale: (demandScale) => patch({ demandScale: Math.min(3, Math.max(0.1, demandScale)) }),
    setTargetGap: (targetGap) => patch({ targetGap }),

    closeLink: (link) => {
      const e = get().traffic.edits;
      if (e.closed.includes(link)) return;
      patch({ edits: { ...e, closed: [...e.closed, link].sort((a, b) => a - b) } });
    },
    reopenLink: (link) => {
      const e = get().traffic.edits;
      patch({ edits: { ...e, closed: e.closed.filter((l) => l !== link) } });
    },
    setLinkLanes: (link, lanes) => {
      const t = get().traffic;
      const base = t.view?.lanes[link] ?? 1;
      const others = t.edits.lanes.filter((x) => x.link !== link);
      const next = Math.max(1, Math.round(lanes));
      patch({ edits: { ...t.edits, lanes: next === base ? others : [...others, { link, lanes: next }].sort((a, b) => a.link - b.link) } });
    },
    setZoneFactor: (zone, factor) => {
      const t = get().traffic;
      const f = Math.min(5, Math.max(0, Number.isFinite(factor) ? factor : 1));
      const others = t.zoneFactors.filter((z) => z.zone !== zone);
      patch({ zoneFactors: f === 1 ? others : [...others, { zone, factor: f }].sort((a, b) => a.zone - b.zone) });
    },
    resetEdits: () => patch({ edits: { closed: [], lanes: [] }, demandScale: 1, zoneFactors: [] }),
    keepAsBaseline: () => patch({ baseline: get().traffic.result }),
    setTrafficDisplay: (p) => patch(p),
    resetTraffic: () => set({ traffic: INITIAL_TRAFFIC }),

    openTntp: async (files) => {
      let frame: LocalFrame;
      try {
        // Every file read and checked in the models worker first (no long task here), so that a broken one
        // is reported before a network far away replaces the open city.
        frame = await client.checkTntp(files);
      } catch (err) {
        patch({ status: 'error', ...failureOf(err) });
        return;
      }
      const current = get().frame;
      const far = !current || farFromCity(current, frame.lon0, frame.lat0);
      if (far) {
        // Another place: the network opens as a new city (its own frame, no other layers).
        get().openCity(frame);
      }
      const inFrame = get().frame!;
      set({ traffic: { ...INITIAL_TRAFFIC, status: 'preparing', tntp: files.net.name } });
      try {
        const out = await client.prepareTntp(files, inFrame);
        patch({ status: 'ready', view: out.view, ribbons: out.ribbons, index: buildSegmentIndex(out.view.polylines), result: null, baseline: null });
        // A set that opens answers an earlier incomplete one.
        get().dismissKeys(['notice.tntpMissing']);
        get().notify('info', 'notice.tntpOpened', { name: files.net.name, links: out.view.linkCount, zones: out.view.zones.count });
      } catch (err) {
        patch({ status: 'error', ...failureOf(err), tntp: null });
      }
    },
  };
};
