// The sun slice: the sun and its shadows in the view (on or off, the day, the time of day in true solar
// time, playing through the day) and the sunlight-access study (일조 분석) around the selected building,
// run in the sunlight worker.
import type { StateCreator } from 'zustand';
import type { LocalFrame } from '../core/geo/index.ts';
import { type Season, seasonDate, standardUtcOffset, sunPosition, utcOfSolarTime } from '../core/sun/index.ts';
import { type SunlightOptions, gridPoints } from '../core/sunlight/index.ts';
import { CancelledError, type StudyReply, SunlightClient } from '../sim-client/index.ts';
import type { AppState } from './types.ts';

export interface SunlightStudyState {
  readonly status: 'idle' | 'running' | 'ready' | 'error';
  /** 0..1 while running. */
  readonly progress: number;
  readonly error: string | null;
  readonly result: StudyReply | null;
  /** The points' grid: nx × ny points `spacing` metres apart from (x0, y0), local metres. */
  readonly grid: { readonly nx: number; readonly ny: number; readonly spacing: number; readonly x0: number; readonly y0: number } | null;
  /** The frame the result is drawn in (results of another city are not drawn). */
  readonly frame: LocalFrame | null;
  /** Colour the points by hours of sun, or by the criterion met. */
  readonly view: 'hours' | 'criterion';
  readonly visible: boolean;
  /** Metres of ground studied around the selected building's footprint. */
  readonly margin: number;
  /** Metres between points (grown when the area would need more than 100 × 100). */
  readonly spacing: number;
  readonly stepMin: number;
}

export interface SunState {
  /** The sun lights the view and buildings cast shadows. */
  readonly enabled: boolean;
  /** The day, YYYY-MM-DD. */
  readonly date: string;
  /** Time of day, minutes after midnight, true solar time at the city. */
  readonly minute: number;
  readonly playing: boolean;
  readonly study: SunlightStudyState;
}

export interface SunSlice {
  sun: SunState;
  setSunEnabled(enabled: boolean): void;
  setSunDate(date: string): void;
  setSunMinute(minute: number): void;
  /** The day of a solstice or equinox of this year at the city. */
  setSunSeason(season: Season): void;
  setSunPlaying(playing: boolean): void;
  setSunlightOptions(patch: Partial<Pick<SunlightStudyState, 'view' | 'visible' | 'margin' | 'spacing' | 'stepMin'>>): void;
  /** Studies the ground around the selected building on the shown day (true solar time). */
  runSunlightStudy(): Promise<void>;
  cancelSunlightStudy(): void;
  clearSunlightStudy(): void;
}

/** The place the sun is seen from: the city's local frame origin (Monaco's when no city is open). */
export function sunPlace(frame: LocalFrame | null): { lon: number; lat: number } {
  return frame ? { lon: frame.lon0, lat: frame.lat0 } : { lon: 7.4246, lat: 43.7384 };
}

/** Azimuth and elevation (degrees) of the sun shown in the view. */
export function shownSun(s: Pick<AppState, 'sun' | 'frame'>): { azimuth: number; elevation: number; utcMs: number } {
  const { lon, lat } = sunPlace(s.frame);
  const utcMs = utcOfSolarTime(s.sun.date, s.sun.minute / 60, lon);
  const p = sunPosition(utcMs, lon, lat);
  return { azimuth: p.azimuth, elevation: p.elevation, utcMs };
}

function defaultDate(): string {
  const { lon, lat } = sunPlace(null);
  return seasonDate(new Date().getUTCFullYear(), 'december-solstice', standardUtcOffset(lon, lat));
}

const IDLE_STUDY: SunlightStudyState = {
  status: 'idle', progress: 0, error: null, result: null, grid: null, frame: null, view: 'criterion', visible: true, margin: 80, spacing: 4, stepMin: 10,
};

let client: SunlightClient | undefined;
let running: AbortController | null = null;

export const createSunSlice: StateCreator<AppState, [], [], SunSlice> = (set, get) => {
  const patch = (p: Partial<SunState>): void => set((s) => ({ sun: { ...s.sun, ...p } }));
  const patchStudy = (p: Partial<SunlightStudyState>): void => set((s) => ({ sun: { ...s.sun, study: { ...s.sun.study, ...p } } }));
  return {
    sun: { enabled: false, date: defaultDate(), minute: 12 * 60, playing: false, study: IDLE_STUDY },
    setSunEnabled: (enabled) => patch(enabled ? { enabled } : { enabled, playing: false }),
    setSunDate: (date) => patch({ date }),
    setSunMinute: (minute) => patch({ minute: Math.min(24 * 60, Math.max(0, minute)) }),
    setSunSeason: (season) => {
      const { lon, lat } = sunPlace(get().frame);
      patch({ date: seasonDate(new Date().getUTCFullYear(), season, standardUtcOffset(lon, lat)) });
    },
    setSunPlaying: (playing) => patch(playing ? { playing, enabled: true } : { playing }),
    setSunlightOptions: (p) => patchStudy(p),
    cancelSunlightStudy: () => {
      running?.abort();
      running = null;
    },
    clearSunlightStudy: () => patchStudy({ status: 'idle', result: null, grid: null, frame: null, error: null, progress: 0 }),
    runSunlightStudy: async () => {
      const s = get();
      const sel = s.selected;
      const layer = sel ? s.layers.find((l) => l.id === sel.layerId) : undefined;
      const data = layer?.data;
      const buildings = s.layers.find((l) => l.id === 'buildings' || l.data?.kind === 'buildings')?.data;
      if (!sel || !data || data.kind !== 'buildings' || !buildings || buildings.kind !== 'buildings') {
        patchStudy({ status: 'error', error: 'select-building' });
        return;
      }
      const f = data.data.features;
      const cx = f.center[2 * sel.featureId]!, cy = f.center[2 * sel.featureId + 1]!;
      const half = Math.sqrt(Math.max(1, f.area[sel.featureId]!)) / 2 + s.sun.study.margin;
      const area: [number, number, number, number] = [cx - half, cy - half, cx + half, cy + half];
      const g = gridPoints(area, s.sun.study.spacing, 100);
      const { lon, lat } = sunPlace(s.frame);
      const options: SunlightOptions = { date: s.sun.date, stepMin: s.sun.study.stepMin, clock: 'solar', lon, lat, utcOffsetHours: standardUtcOffset(lon, lat) };
      // Roofs that can shade the area: up to the tallest building's shadow at a 5° sun (about 11.4 × its height).
      const tallest = buildings.data.bounds[5];
      const reachM = Math.min(3000, Math.max(0, tallest) / Math.tan((5 * Math.PI) / 180));
      const reach: [number, number, number, number] = [area[0] - reachM, area[1] - reachM, area[2] + reachM, area[3] + reachM];
      running?.abort();
      const controller = new AbortController();
      running = controller;
      patchStudy({ status: 'running', progress: 0, error: null });
      client ??= new SunlightClient();
      try {
        const result = await client.run(
          { chunks: [...buildings.data.chunks, ...(data !== buildings ? data.data.chunks : [])], reach, points: g.points, options },
          { signal: controller.signal, onProgress: (done, total) => patchStudy({ progress: done / total }) },
        );
        if (running !== controller) return;
        patchStudy({ status: 'ready', result, grid: { nx: g.nx, ny: g.ny, spacing: g.spacing, x0: g.x0, y0: g.y0 }, frame: s.frame, progress: 1, visible: true });
      } catch (error) {
        if (running !== controller && !(error instanceof CancelledError)) return;
        if (error instanceof CancelledError) patchStudy({ status: get().sun.study.result ? 'ready' : 'idle', progress: 0 });
        else patchStudy({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      } finally {
        if (running === controller) running = null;
      }
    },
  };
};
