// Kiosk mode (`?kiosk`, `?kiosk=<name or url>`): the city full screen for unattended testbed screens — no
// editing or developer controls, large touch targets, captions and scenario figures in large type, Korean,
// English or both in turn, the data attributions always shown. An attract loop tours the viewpoints and plays
// the scenario playlist; a visitor's touch takes over, and after the kiosk file's idle time the tour comes
// back where it left off. Recovery without a person: see watchdog.ts, RecoveryCard.tsx and the worker bridge.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type KioskFile, type KioskIssue, type LoopFrame, LOOP_START, attractDue, backoffMs, languageAt, parseKioskText } from '../../core/kiosk/index.ts';
import { KPI_ROWS, type KpiKey, type Kpis, issueText, kpiValue, parseScenarioText } from '../../core/scenario/index.ts';
import { CityCanvas } from '../../scene/CityCanvas.tsx';
import { setWorkerLimits } from '../../sim-client/index.ts';
import { useStore } from '../../store/index.ts';
import { InfoPanel } from '../../ui/InfoPanel.tsx';
import { Attribution } from '../../ui/StatusViews.tsx';
import { LANGUAGES, LANGUAGE_NAMES, numberFormat } from '../../ui/i18n/index.ts';
import { useT } from '../../ui/useT.ts';
import { kpiUnitKey } from '../../ui/kpiText.ts';
import { AttractLoop } from './attract.ts';
import { type KioskSource, YEOUIDO, fetchTextWithRetry, resolveRef } from './files.ts';
import { RecoveryCard } from './RecoveryCard.tsx';
import { applyUpdateIfWaiting, offline } from './serviceWorker.ts';
import { type HealthFigures, countUncaughtErrors, healthFigures, loadSavedState, saveState, startHeartbeat, startMemoryWatchdog } from './watchdog.ts';
import './kiosk.css';

/** KPIs shown in large type for each playlist item. */
const SHOWN_KPIS: readonly KpiKey[] = ['vkt', 'meanSpeedKmh', 'congestedLinks', 'co2e.net'];
/** A press this long in the top-left corner opens the operators' status overlay, ms. */
const LONG_PRESS_MS = 1500;
/** The loop position is saved this often (a reload continues from it), ms. */
const SAVE_EVERY_MS = 3000;

/** Loop seconds per real second: `&kioskSpeed=N` (tests and benchmarks run the loop accelerated). */
function loopSpeed(): number {
  const n = Number(new URLSearchParams(location.search).get('kioskSpeed'));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
}

/** Loads a layer until it is ready, waiting longer after each failure; what is on screen stays. */
async function loadLayerWithRetry(spec: Parameters<ReturnType<typeof useStore.getState>['loadLayer']>[0]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await useStore.getState().loadLayer(spec);
    if (useStore.getState().layers.find((l) => l.id === spec.id)?.status === 'ready') return;
    await new Promise((r) => setTimeout(r, backoffMs(attempt)));
  }
}

async function loadCity(kiosk: KioskFile): Promise<void> {
  if (kiosk.city === 'monaco') {
    await useStore.getState().loadDefaultCity();
    // A layer that failed (a flaky network) is loaded again with back-off.
    for (const l of useStore.getState().layers) {
      if (l.status === 'error') await loadLayerWithRetry({ id: l.id, kind: l.kind, url: l.source, name: l.name, attribution: 'osm' });
    }
    return;
  }
  await loadLayerWithRetry({ id: 'buildings', kind: 'buildings', url: YEOUIDO.buildings, name: { key: 'layer.buildings' }, attribution: 'osm' });
  await loadLayerWithRetry({ id: 'green', kind: 'green', url: YEOUIDO.green, name: { key: 'layer.green' }, attribution: 'osm' });
  await loadLayerWithRetry({ id: 'roads', kind: 'roads', url: YEOUIDO.roads, name: { key: 'layer.roads' }, attribution: 'osm' });
}

function useKioskFile(source: KioskSource): { kiosk: KioskFile | null; issues: KioskIssue[] | null; retryIn: number | null } {
  const [kiosk, setKiosk] = useState<KioskFile | null>(null);
  const [issues, setIssues] = useState<KioskIssue[] | null>(null);
  const [retryIn, setRetryIn] = useState<number | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetchTextWithRetry(source.url, ac.signal, setRetryIn).then(
      (text) => {
        setRetryIn(null);
        const r = parseKioskText(text);
        if (r.ok) setKiosk(r.kiosk);
        else setIssues(r.issues);
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [source]);
  return { kiosk, issues, retryIn };
}

function KpiBoard({ kiosk, item, ids }: { kiosk: KioskFile; item: number; ids: ReadonlyMap<string, string> }) {
  const t = useT();
  const language = useStore((s) => s.language);
  const it = item >= 0 ? kiosk.playlist[item] : undefined;
  const bId = it ? ids.get(it.scenario) : undefined;
  const aId = it?.compareWith ? ids.get(it.compareWith) : undefined;
  const { b, a, aName, running } = useStore(
    useShallow((s) => ({
      b: s.scenarios.find((e) => e.id === bId)?.kpis ?? null,
      a: s.scenarios.find((e) => e.id === aId)?.kpis ?? null,
      aName: s.scenarios.find((e) => e.id === aId)?.scenario.name ?? '',
      running: s.pipeline.status === 'running',
    })),
  );
  const fmt = numberFormat(language, { maximumFractionDigits: 0 });
  const pct = numberFormat(language, { maximumFractionDigits: 1, signDisplay: 'always' });
  if (!it) return null;
  // The compared scenario by its playlist title in the screen's language, where the playlist shows it;
  // else by the name its file gives.
  const againstTitle = kiosk.playlist.find((p) => p.scenario === it.compareWith && p.compareWith === undefined)?.title[language];
  const row = (key: KpiKey, k: Kpis) => {
    const v = kpiValue(k, key);
    const base = a ? kpiValue(a, key) : null;
    const unit = t(kpiUnitKey(KPI_ROWS.find((r) => r.key === key)!.unit));
    return (
      <div className="kpi" key={key} data-kpi={key}>
        <span className="kpi-label">{t(`scenario.kpi.${key}`)}</span>
        <span className="kpi-value">{v === null ? '—' : fmt.format(v)} <small>{unit}</small></span>
        {v !== null && base !== null && base !== 0 ? <span className="kpi-change">{pct.format(((v - base) / Math.abs(base)) * 100)} %</span> : null}
      </div>
    );
  };
  return (
    <section className="kiosk-kpis" data-testid="kiosk-kpis" data-item={item}>
      <h2>{it.title[language]}</h2>
      {aId && a ? <p className="kiosk-against">{t('kiosk.against', { name: againstTitle ?? aName })}</p> : null}
      {b ? <div className="kpi-grid">{SHOWN_KPIS.map((k) => row(k, b))}</div> : <p>{running ? t('kiosk.computing') : t('kiosk.noFigures')}</p>}
    </section>
  );
}

function HealthOverlay({ figures, heartbeat, onClose }: { figures: HealthFigures; heartbeat: { url: string; ok: boolean | null } | null; onClose: () => void }) {
  const t = useT();
  const h = Math.floor(figures.uptimeS / 3600);
  const m = Math.floor((figures.uptimeS % 3600) / 60);
  const rows: Array<[string, string]> = [
    [t('kiosk.health.uptime'), `${h} h ${m} min ${figures.uptimeS % 60} s`],
    [t('kiosk.health.loops'), String(figures.loops)],
    [t('kiosk.health.fps'), figures.fps.toFixed(1)],
    [t('kiosk.health.heap'), figures.heapMiB === null ? '—' : `${figures.heapMiB.toFixed(0)} MiB`],
    [t('kiosk.health.gpu'), `${figures.geometries} / ${figures.textures}`],
    [t('kiosk.health.workers'), `${figures.workerRestarts} (${figures.callsRetried})`],
    [t('kiosk.health.context'), String(figures.contextRestored)],
    [t('kiosk.health.errors'), String(figures.errors)],
    [t('kiosk.health.reloads'), String(figures.reloads)],
    [t('kiosk.health.offline'), offline.ready ? t('kiosk.health.yes') : t('kiosk.health.no')],
  ];
  return (
    <div className="kiosk-health" role="dialog" aria-label={t('kiosk.health')} data-testid="kiosk-health">
      <h2>{t('kiosk.health')}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p>{heartbeat ? t('kiosk.health.heartbeat', { url: heartbeat.url, state: heartbeat.ok === null ? '…' : heartbeat.ok ? 'OK' : '✕' }) : t('kiosk.health.heartbeatOff')}</p>
      <button type="button" className="kiosk-button" onClick={onClose}>{t('kiosk.close')}</button>
    </div>
  );
}

function Kiosk({ kiosk, source }: { kiosk: KioskFile; source: KioskSource }) {
  const t = useT();
  const language = useStore((s) => s.language);
  const frame = useStore((s) => s.frame);
  const cityReady = useStore((s) => s.layers.some((l) => l.id === 'buildings' && l.status === 'ready'));
  const selected = useStore((s) => s.selected !== null);
  const [loopFrame, setLoopFrame] = useState<LoopFrame | null>(null);
  const [touched, setTouched] = useState(false);
  const [health, setHealth] = useState<HealthFigures | null>(null);
  const [heartbeatOk, setHeartbeatOk] = useState<boolean | null>(null);
  const [ids, setIds] = useState<ReadonlyMap<string, string>>(new Map());
  const saved = useRef(loadSavedState());
  const startedAt = useRef(saved.current?.startedAt ?? Date.now());
  const reloads = useRef(saved.current?.reloads ?? 0);
  const loop = useRef<AttractLoop | null>(null);
  const lastInput = useRef<number | null>(null);

  // Start-up: limits, language, the city, the scenario files.
  useEffect(() => {
    const r = kiosk.recovery;
    setWorkerLimits({ silenceMs: r.workerSilenceSeconds * 1000, jobLimitMs: r.jobLimitSeconds * 1000 });
    if (kiosk.language !== 'alternate') useStore.getState().setLanguage(kiosk.language);
    const ac = new AbortController();
    void (async () => {
      await loadCity(kiosk);
      const refs = [...new Set(kiosk.playlist.flatMap((p) => (p.compareWith ? [p.compareWith, p.scenario] : [p.scenario])))];
      const map = new Map<string, string>();
      for (const ref of refs) {
        const text = await fetchTextWithRetry(resolveRef(ref, source), ac.signal).catch(() => null);
        if (text === null) return;
        const parsed = parseScenarioText(text);
        if (parsed.ok) map.set(ref, useStore.getState().openScenario(parsed.scenario, ref));
      }
      setIds(map);
    })();
    return () => ac.abort();
  }, [kiosk, source]);

  // The attract loop, once the city's frame is known.
  useEffect(() => {
    if (!frame || !cityReady) return;
    const l = new AttractLoop(kiosk, frame, saved.current?.position ?? LOOP_START, (f) => setLoopFrame(f), loopSpeed());
    loop.current = l;
    l.start();
    const save = setInterval(() => saveState({ position: l.where, reloads: reloads.current, startedAt: startedAt.current, errors: 0 }), SAVE_EVERY_MS);
    return () => {
      clearInterval(save);
      l.pause();
      loop.current = null;
    };
  }, [kiosk, frame, cityReady]);

  // Playlist: the item on screen is compared (once; later passes are served from the stage cache).
  const item = loopFrame?.item ?? -1;
  useEffect(() => {
    const it = item >= 0 ? kiosk.playlist[item] : undefined;
    const b = it ? ids.get(it.scenario) : undefined;
    if (!it || !b) return;
    const s = useStore.getState();
    const a = it.compareWith ? ids.get(it.compareWith) : undefined;
    s.setCompare({ a: a ?? b, b });
    s.setMapView(it.map === 'difference' && a ? 'difference' : 'b');
    const entry = s.scenarios.find((e) => e.id === b);
    const needsRun = !entry?.kpis || (a !== undefined && !s.scenarios.find((e) => e.id === a)?.kpis) || !s.results.b;
    if (needsRun && s.pipeline.status !== 'running') void s.runComparison();
  }, [item, ids, kiosk]);

  // A new build waits for the end of a tour.
  const tours = loopFrame?.tours ?? 0;
  useEffect(() => {
    if (tours > 0) applyUpdateIfWaiting();
  }, [tours]);

  // Touch takes over; after the idle time the tour comes back.
  useEffect(() => {
    const onInput = (e: Event): void => {
      // A pointer moving with nothing pressed (a mouse passing over) is not a visitor's input.
      if (e.type === 'pointermove' && (e as PointerEvent).buttons === 0 && (e as PointerEvent).pointerType !== 'touch') return;
      lastInput.current = performance.now() / 1000;
      if (loop.current?.active) loop.current.pause();
      setTouched(true);
    };
    const events = ['pointerdown', 'pointermove', 'pointerup', 'wheel', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    const timer = setInterval(() => {
      const now = performance.now() / 1000;
      const l = loop.current;
      if (l && !l.active && attractDue(lastInput.current, now, kiosk.idleSeconds)) {
        useStore.getState().select(null);
        l.start();
        setTouched(false);
      }
      if (kiosk.language === 'alternate' && l?.active) {
        const want = languageAt(kiosk, (Date.now() - startedAt.current) / 1000);
        if (useStore.getState().language !== want) useStore.getState().setLanguage(want);
      }
    }, 500);
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
      clearInterval(timer);
    };
  }, [kiosk]);

  // Watchdogs: memory (reload into the same point of the loop), uncaught errors, the heartbeat.
  useEffect(() => {
    const stopErrors = countUncaughtErrors();
    const stopMemory = startMemoryWatchdog(kiosk.recovery, () => loop.current ? Math.floor(loop.current.where.step / kiosk.viewpoints.length) : 0, () => {
      saveState({ position: loop.current?.where ?? LOOP_START, reloads: reloads.current + 1, startedAt: startedAt.current, errors: 0 });
      location.reload();
    });
    const figures = (): HealthFigures => healthFigures(loop.current ? Math.floor(loop.current.where.step / kiosk.viewpoints.length) : 0, startedAt.current, reloads.current);
    const url = kiosk.health.heartbeatUrl;
    const stopBeat = url ? startHeartbeat(url, kiosk.health.heartbeatSeconds * 1000, figures, setHeartbeatOk) : () => undefined;
    return () => {
      stopErrors();
      stopMemory();
      stopBeat();
    };
  }, [kiosk]);

  // The operators' overlay: a long press in the top-left corner; its figures refresh every second.
  const press = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const startPress = useCallback(() => {
    clearTimeout(press.current);
    press.current = setTimeout(() => setHealth(healthFigures(loop.current ? Math.floor(loop.current.where.step / kiosk.viewpoints.length) : 0, startedAt.current, reloads.current)), LONG_PRESS_MS);
  }, [kiosk]);
  const endPress = useCallback(() => clearTimeout(press.current), []);
  const healthOpen = health !== null;
  useEffect(() => {
    if (!healthOpen) return;
    const timer = setInterval(() => setHealth(healthFigures(loop.current ? Math.floor(loop.current.where.step / kiosk.viewpoints.length) : 0, startedAt.current, reloads.current)), 1000);
    return () => clearInterval(timer);
  }, [healthOpen, kiosk]);

  const vp = loopFrame ? kiosk.viewpoints[loopFrame.to] : undefined;
  return (
    <div className="kiosk" data-testid="kiosk" data-tours={tours} data-step={loopFrame ? `${loopFrame.to}:${loopFrame.phase}` : ''}>
      <CityCanvas kiosk />
      {!cityReady ? <div className="kiosk-loading">{t('kiosk.loading')}</div> : null}
      {vp && !touched ? (
        <div className="kiosk-caption" data-testid="kiosk-caption">
          {vp.caption[language]}
        </div>
      ) : null}
      {!touched ? <KpiBoard kiosk={kiosk} item={item} ids={ids} /> : null}
      {selected ? (
        <div className="kiosk-card" data-testid="kiosk-card">
          <InfoPanel />
        </div>
      ) : null}
      <div className="kiosk-controls">
        {touched ? (
          <button type="button" className="kiosk-button" onClick={() => { useStore.getState().select(null); lastInput.current = null; }} data-testid="kiosk-tour">
            {t('kiosk.tour')}
          </button>
        ) : null}
        {kiosk.language !== 'alternate' || touched ? (
          <div className="kiosk-lang" role="group" aria-label={t('lang.label')}>
            {LANGUAGES.map((l) => (
              <button key={l} type="button" className="kiosk-button" lang={l} aria-pressed={language === l} onClick={() => useStore.getState().setLanguage(l)}>
                {LANGUAGE_NAMES[l]}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {touched ? <div className="kiosk-hint">{t('kiosk.touchHint')}</div> : null}
      <div className="kiosk-corner" aria-hidden="true" data-testid="kiosk-corner" onPointerDown={startPress} onPointerUp={endPress} onPointerLeave={endPress} onPointerCancel={endPress} />
      {health ? <HealthOverlay figures={health} heartbeat={kiosk.health.heartbeatUrl ? { url: kiosk.health.heartbeatUrl, ok: heartbeatOk } : null} onClose={() => setHealth(null)} /> : null}
      <RecoveryCard />
      <Attribution />
    </div>
  );
}

/** The kiosk shell: reads and checks the kiosk file (retrying while the network is down), then runs the show. */
export function KioskApp({ source }: { source: KioskSource }) {
  const t = useT();
  const language = useStore((s) => s.language);
  const { kiosk, issues, retryIn } = useKioskFile(source);
  useEffect(() => {
    // The page itself never zooms, scrolls or shows a context menu.
    const block = (e: Event): void => e.preventDefault();
    const wheel = (e: WheelEvent): void => {
      if (e.ctrlKey) e.preventDefault();
    };
    window.addEventListener('contextmenu', block);
    window.addEventListener('gesturestart', block);
    window.addEventListener('wheel', wheel, { passive: false });
    document.documentElement.classList.add('kiosk-page');
    let meta = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
    if (!meta) {
      meta = document.createElement('meta');
      meta.name = 'viewport';
      document.head.appendChild(meta);
    }
    meta.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';
    // Full screen needs a user's gesture: the first touch asks for it (a kiosk browser is usually full screen already).
    const full = (): void => {
      if (!document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
    };
    window.addEventListener('pointerdown', full, { once: true });
    return () => {
      window.removeEventListener('contextmenu', block);
      window.removeEventListener('gesturestart', block);
      window.removeEventListener('wheel', wheel);
      window.removeEventListener('pointerdown', full);
    };
  }, []);
  if (issues) {
    return (
      <div className="kiosk kiosk-error" role="alert" data-testid="kiosk-issues">
        <p>{t('kiosk.badFile', { url: source.url })}</p>
        <ul>
          {issues.map((i, n) => (
            <li key={n}>
              <code>{i.path}</code>: {issueText(language, i)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (!kiosk) {
    return <div className="kiosk kiosk-loading">{retryIn !== null ? t('kiosk.retrying', { what: source.url, s: retryIn }) : t('kiosk.loading')}</div>;
  }
  return <Kiosk kiosk={kiosk} source={source} />;
}
