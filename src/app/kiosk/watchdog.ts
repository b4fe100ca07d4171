// The kiosk's watchdogs and health figures: uncaught errors counted (never shown as a broken page), a memory
// watchdog that reloads the page into the same point of the loop when the JS heap or GPU objects grow past
// the kiosk file's limits, frame rate, worker restarts and context recoveries for the operators' overlay,
// and the optional heartbeat POST (those figures only).
import { type LoopPosition, type MemoryLimits, memoryVerdict } from '../../core/kiosk/index.ts';
import { workerBridges } from '../../sim-client/index.ts';
import { viewHandle } from '../../scene/viewHandle.ts';
import { contextRecoveries } from '../../scene/viewControl.ts';

const STATE_KEY = 'citytwin.kiosk.state';

/** What survives a watchdog reload: where the loop was, and the counters. */
export interface SavedKioskState {
  readonly position: LoopPosition;
  readonly reloads: number;
  readonly startedAt: number;
  readonly errors: number;
}

export function loadSavedState(): SavedKioskState | null {
  try {
    const raw = sessionStorage.getItem(STATE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as SavedKioskState;
    return Number.isFinite(s.position?.step) && Number.isFinite(s.position?.inStep) ? s : null;
  } catch {
    return null;
  }
}

export function saveState(s: SavedKioskState): void {
  try {
    sessionStorage.setItem(STATE_KEY, JSON.stringify(s));
  } catch {
    // storage unavailable: a reload starts the loop from the beginning
  }
}

export const uncaught = { count: 0, last: '' };

/** Counts uncaught errors and rejected promises and keeps them off the screen; returns the uninstall. */
export function countUncaughtErrors(): () => void {
  const onError = (e: ErrorEvent): void => {
    uncaught.count++;
    uncaught.last = e.message;
    e.preventDefault();
  };
  const onRejection = (e: PromiseRejectionEvent): void => {
    uncaught.count++;
    uncaught.last = e.reason instanceof Error ? e.reason.message : String(e.reason);
    e.preventDefault();
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };
}

export interface HealthFigures {
  readonly uptimeS: number;
  readonly loops: number;
  readonly fps: number;
  readonly heapMiB: number | null;
  readonly geometries: number;
  readonly textures: number;
  readonly workerRestarts: number;
  readonly callsRetried: number;
  readonly contextRestored: number;
  readonly errors: number;
  readonly reloads: number;
}

/** JS heap in use, MiB (Chromium's performance.memory), or null. */
export function heapMiB(): number | null {
  const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 1048576 : null;
}

let lastFrames = 0;
let lastFramesAt = 0;
let fps = 0;

/** The figures now; `loops` and `reloads` come from the loop, the rest is measured here. */
export function healthFigures(loops: number, startedAt: number, reloads: number): HealthFigures {
  const view = viewHandle();
  const now = performance.now();
  const frames = view?.frames() ?? 0;
  if (lastFramesAt > 0 && now - lastFramesAt >= 500) {
    fps = ((frames - lastFrames) * 1000) / (now - lastFramesAt);
    lastFrames = frames;
    lastFramesAt = now;
  } else if (lastFramesAt === 0) {
    lastFrames = frames;
    lastFramesAt = now;
  }
  let restarts = 0;
  let retried = 0;
  for (const b of workerBridges().values()) {
    restarts += b.stats.crashes;
    retried += b.stats.retried;
  }
  const gpu = view?.gpuCounts() ?? { geometries: 0, textures: 0 };
  return {
    uptimeS: Math.round((Date.now() - startedAt) / 1000),
    loops,
    fps: Math.round(fps * 10) / 10,
    heapMiB: heapMiB(),
    geometries: gpu.geometries,
    textures: gpu.textures,
    workerRestarts: restarts,
    callsRetried: retried,
    contextRestored: contextRecoveries.restored,
    errors: uncaught.count,
    reloads,
  };
}

/**
 * Samples memory every `everyMs`; when the heap passes its limit or GPU objects grow past the factor × the
 * count after the first full tour, calls `reload(reason)` once. Returns the stop function.
 */
export function startMemoryWatchdog(limits: MemoryLimits, toursDone: () => number, reload: (reason: string) => void, everyMs = 10_000): () => void {
  let gpuBaseline: number | null = null;
  let fired = false;
  const timer = setInterval(() => {
    const gpu = viewHandle()?.gpuCounts();
    if (!gpu) return;
    const gpuObjects = gpu.geometries + gpu.textures;
    if (gpuBaseline === null && toursDone() >= 1) gpuBaseline = gpuObjects;
    const verdict = memoryVerdict({ heapMiB: heapMiB(), gpuObjects }, gpuBaseline, limits);
    if (verdict && !fired) {
      fired = true;
      reload(verdict);
    }
  }, everyMs);
  return () => clearInterval(timer);
}

/** POSTs the figures as JSON every `everyMs` (nothing else is sent); returns the stop function. */
export function startHeartbeat(url: string, everyMs: number, figures: () => HealthFigures, onResult: (ok: boolean) => void): () => void {
  const send = (): void => {
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(figures()), keepalive: true }).then(
      (r) => onResult(r.ok),
      () => onResult(false),
    );
  };
  const timer = setInterval(send, everyMs);
  send();
  return () => clearInterval(timer);
}
