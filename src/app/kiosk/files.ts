// Where kiosk mode reads its files: `?kiosk` (the Monaco kiosk file), `?kiosk=yeouido` (a built-in one by
// name) or `?kiosk=<url>`; the built-in kiosk and scenario files are bundled with the app (and precached
// for offline use). Every read is retried with back-off (src/core/kiosk/watchdog.ts) until it succeeds,
// so a flaky network delays the show but never ends it.
import { backoffMs } from '../../core/kiosk/index.ts';

const kioskFiles = import.meta.glob('../../../assets/kiosk/*.json', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const scenarioFiles = import.meta.glob('../../../assets/scenarios/*.json', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

const baseName = (path: string): string => path.split('/').pop() ?? path;
const byName = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files).map(([path, url]) => [baseName(path), url]));
const BUILT_IN_KIOSK = byName(kioskFiles);
const BUILT_IN_SCENARIOS = byName(scenarioFiles);

/** The city layers of the built-in kiosk cities (Monaco is the viewer's default city). */
export const YEOUIDO = {
  buildings: new URL('../../../assets/city/yeouido/buildings.geojson', import.meta.url).href,
  roads: new URL('../../../assets/city/yeouido/roads.geojson', import.meta.url).href,
  green: new URL('../../../assets/city/yeouido/green.geojson', import.meta.url).href,
};

export interface KioskSource {
  readonly url: string;
  /** A file shipped with the app: its relative scenario references name shipped scenario files. */
  readonly builtIn: boolean;
}

/** The kiosk file a page asks for, or null when the page is not in kiosk mode. */
export function kioskSource(search: string): KioskSource | null {
  const params = new URLSearchParams(search);
  if (!params.has('kiosk')) return null;
  const value = params.get('kiosk') ?? '';
  const named = BUILT_IN_KIOSK.get(`${value || 'monaco'}.json`) ?? BUILT_IN_KIOSK.get(value);
  if (named) return { url: new URL(named, location.href).href, builtIn: true };
  return { url: new URL(value, location.href).href, builtIn: false };
}

/** A scenario (or other) reference in a kiosk file, made absolute. */
export function resolveRef(ref: string, source: KioskSource): string {
  const shipped = source.builtIn ? BUILT_IN_SCENARIOS.get(baseName(ref)) : undefined;
  return shipped ? new URL(shipped, location.href).href : new URL(ref, source.url).href;
}

/** Counts of reads that failed and were tried again, for the health overlay. */
export const loadRetries = { count: 0 };

/**
 * Fetches a text file, retrying with back-off (1 s, 2 s, 4 s … up to a minute) until it succeeds or
 * `signal` aborts; `onRetry` hears of each wait (the kiosk says so on screen while the last good state stays).
 */
export async function fetchTextWithRetry(url: string, signal?: AbortSignal, onRetry?: (seconds: number) => void): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(url, signal ? { signal } : {});
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return await r.text();
    } catch (e) {
      if (signal?.aborted) throw e;
      const wait = backoffMs(attempt);
      loadRetries.count++;
      onRetry?.(wait / 1000);
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
    }
  }
}
