// The scenario across sessions and machines: auto-saved to IndexedDB (idb-keyval) with the camera and
// restored on reload for the same city; opened from a share link (#s=…) or `?scenario=<url>` at start-up.
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { listEdits, parseScenario } from '../core/scenario/index.ts';
import type { Kpis } from '../core/scenario/index.ts';
import { decodeShareFragment } from '../core/scenario/share.ts';
import { type CameraPose, viewControl } from '../scene/viewControl.ts';
import { type ScenarioEntry, useStore } from '../store/index.ts';

const KEY = 'citytwin.scenarios';
const SAVE_DELAY_MS = 400;

interface Saved {
  readonly version: 1;
  /** Content hash of the buildings layer the scenarios were made on (restored only for the same city). */
  readonly city: string;
  readonly entries: readonly { id: string; scenario: unknown; kpis: Kpis | null; kpisFor: string | null }[];
  readonly active: string;
  readonly camera: CameraPose | null;
}

const cityKey = (): string | null => useStore.getState().layers.find((l) => l.id === 'buildings')?.data?.contentHash ?? null;

async function save(): Promise<void> {
  const city = cityKey();
  if (!city) return;
  const s = useStore.getState();
  const record: Saved = {
    version: 1,
    city,
    entries: s.scenarios.map((e) => (e.id === s.activeScenario ? { ...e, scenario: s.scenarioNow() } : e)),
    active: s.activeScenario,
    camera: viewControl()?.pose() ?? null,
  };
  try {
    await idbSet(KEY, record);
  } catch {
    // storage full or unavailable (private mode): the session still works, it is just not remembered
  }
}

async function restore(): Promise<boolean> {
  const city = cityKey();
  let record: Saved | undefined;
  try {
    record = await idbGet<Saved>(KEY);
  } catch {
    return false;
  }
  if (!record || record.version !== 1 || record.city !== city || !Array.isArray(record.entries)) return false;
  const entries: ScenarioEntry[] = [];
  for (const e of record.entries) {
    const parsed = parseScenario(e.scenario);
    if (parsed.ok && typeof e.id === 'string') entries.push({ id: e.id, scenario: parsed.scenario, kpis: e.kpis ?? null, kpisFor: e.kpisFor ?? null });
  }
  if (entries.length === 0) return false;
  useStore.getState().restoreScenarios(entries, record.active);
  if (record.camera) viewControl()?.setPose(record.camera);
  // Worth saying only when there is something of the user's to find again.
  return entries.length > 1 || listEdits(entries[0]!.scenario).length > 0;
}

/** Opens the scenario a start-up URL names (share fragment or ?scenario=), and runs it. */
async function openFromUrl(): Promise<boolean> {
  const store = useStore.getState();
  if (location.hash.startsWith('#s=')) {
    const parsed = decodeShareFragment(location.hash);
    // The link is read once: a reload then restores from storage, not from the link again.
    history.replaceState(null, '', location.pathname + location.search);
    if (!parsed.ok) {
      store.setScenarioIssues({ source: 'link', issues: parsed.issues });
      return false;
    }
    store.openScenario(parsed.scenario, 'link');
    await useStore.getState().runScenario();
    return true;
  }
  const url = new URLSearchParams(location.search).get('scenario');
  if (!url) return false;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (useStore.getState().openScenarioText(url, await res.text())) {
      await useStore.getState().runScenario();
      return true;
    }
  } catch (err) {
    store.notify('error', 'scenario.fetchFailed', { url, message: err instanceof Error ? err.message : String(err) });
  }
  return false;
}

/** Starts the scenario session once the city's layers are in. Returns the function that stops it. */
export async function startScenarioSession(): Promise<() => void> {
  await useStore.getState().ensureCityRefs();
  const opened = await openFromUrl();
  if (!opened && (await restore())) useStore.getState().notify('info', 'scenario.restored');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), SAVE_DELAY_MS);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.scenarios !== prev.scenarios || s.activeScenario !== prev.activeScenario) later();
  });
  const stopMoved = viewControl()?.onMoved(later);
  const onHide = (): void => void save();
  window.addEventListener('pagehide', onHide);
  return () => {
    clearTimeout(timer);
    unsubscribe();
    stopMoved?.();
    window.removeEventListener('pagehide', onHide);
  };
}
