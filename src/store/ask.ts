// Asking, not surprising: a question the UI shows (AskDialog) before a file replaces the city or when its
// coordinate system is unclear, answered by the user; and the city a "new city" replaced, kept so it can be
// opened again. Part of the city slice (city.ts spreads these actions); nothing changes until the answer.
import type { CrsCode } from '../core/crs/index.ts';
import type { LocalFrame } from '../core/geo/index.ts';
import type { LayerKind } from '../core/ingest/index.ts';
import type { AppState, LayerState } from './types.ts';

/** A candidate coordinate system and where it puts the data: lon/lat, and distance (km) and bearing (degrees from north) from the city's origin, null with no city. */
export interface CrsPlace {
  readonly code: CrsCode;
  readonly lon: number;
  readonly lat: number;
  readonly km: number | null;
  readonly bearing: number | null;
}

export type Ask =
  | { readonly kind: 'far'; readonly name: string; readonly km: number }
  | { readonly kind: 'crs'; readonly name: string; readonly candidates: readonly CrsPlace[] };

/** The answer: 'open' (far: open as a new city) or a CRS code as text (crs); null declines. */
export type AskAnswer = string | null;

/** What it takes to open a layer again: where it came from, how it was read. */
export interface LayerSnapshot {
  readonly id: string;
  readonly kind: LayerKind;
  readonly name: LayerState['name'];
  readonly source: string;
  readonly attribution?: 'osm';
  readonly fileName?: string;
  /** The CRS the user chose for it, else 'auto'. */
  readonly crs: CrsCode | 'auto';
}

export interface AskSlice {
  /** The question shown now (one at a time; later ones wait their turn). */
  ask: Ask | null;
  /** The layers of the city a "new city" replaced, in load order; null when there is none to reopen. */
  previousCity: readonly LayerSnapshot[] | null;
  /** Shows `q` and resolves with the user's answer. */
  askUser(q: Ask): Promise<AskAnswer>;
  answerAsk(answer: AskAnswer): void;
  /** Remembers the layers shown now (but `except`) as the city to reopen. */
  rememberCity(except?: string): void;
  /** Closes the city shown and opens the remembered one again (the one closed is remembered in turn). */
  reopenPreviousCity(): Promise<void>;
}

/** Great-circle distance (km, haversine on a 6,371 km sphere) and initial bearing (degrees) from the frame's origin. */
export function fromCity(frame: LocalFrame, lon: number, lat: number): { km: number; bearing: number } {
  const r = Math.PI / 180;
  const p1 = frame.lat0 * r, p2 = lat * r, dl = (lon - frame.lon0) * r;
  const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  const km = 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
  const bearing = (Math.atan2(Math.sin(dl) * Math.cos(p2), Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl)) / r + 360) % 360;
  return { km, bearing };
}

/** The candidates with their distance and bearing from the city (none without a city or a place). */
export function crsPlaces(frame: LocalFrame | null, candidates: readonly { code: CrsCode; lon: number; lat: number }[]): CrsPlace[] {
  return candidates.map((c) => {
    const known = frame && Number.isFinite(c.lon) && Number.isFinite(c.lat);
    const d = known ? fromCity(frame, c.lon, c.lat) : null;
    return { ...c, km: d ? d.km : null, bearing: d ? d.bearing : null };
  });
}

function snapshot(l: LayerState): LayerSnapshot {
  return {
    id: l.id,
    kind: l.kind,
    name: l.name,
    source: l.source,
    ...(l.attribution ? { attribution: l.attribution } : {}),
    ...(l.fileName !== undefined ? { fileName: l.fileName } : {}),
    crs: l.data?.crs?.how === 'given' ? l.data.crs.code : 'auto',
  };
}

const SYNTHETIC = /^synthetic:buildings:(\d+):(\d+)$/;

type Set = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;

export function createAskActions(set: Set, get: () => AppState): AskSlice {
  const waiting: { q: Ask; resolve: (a: AskAnswer) => void }[] = [];
  let current: ((a: AskAnswer) => void) | null = null;
  const next = (): void => {
    const item = waiting.shift();
    current = item?.resolve ?? null;
    set({ ask: item?.q ?? null });
  };
  return {
    ask: null,
    previousCity: null,
    askUser: (q) =>
      new Promise<AskAnswer>((resolve) => {
        waiting.push({ q, resolve });
        if (!current) next();
      }),
    answerAsk: (answer) => {
      const resolve = current;
      current = null;
      next();
      resolve?.(answer);
    },
    rememberCity: (except) => {
      const layers = get().layers.filter((l) => l.id !== except && l.status === 'ready' && l.data);
      if (layers.length > 0) set({ previousCity: layers.map(snapshot) });
    },
    reopenPreviousCity: async () => {
      const city = get().previousCity;
      if (!city || city.length === 0) return;
      get().rememberCity();
      get().openCity(null);
      for (const l of city) {
        const synthetic = SYNTHETIC.exec(l.source);
        if (synthetic) {
          await get().loadSynthetic(Number(synthetic[1]), Number(synthetic[2]));
        } else if (l.source.startsWith('synthetic:')) {
          continue; // its streets come with the synthetic buildings
        } else if (l.fileName !== undefined) {
          await get().loadUserLayer({ name: l.fileName, url: l.source, crs: l.crs });
        } else {
          await get().loadLayer({ id: l.id, kind: l.kind, url: l.source, name: l.name, ...(l.attribution ? { attribution: l.attribution } : {}) });
        }
      }
      get().notify('info', 'ask.reopened');
    },
  };
}
