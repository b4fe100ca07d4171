// The application shell: the 3D view with panels over it.
import { type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, useEffect, useRef, useState } from 'react';
import { CityCanvas } from '../scene/CityCanvas.tsx';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { AttributeTable } from '../ui/AttributeTable.tsx';
import { InputMappingPanel } from '../ui/InputMapping.tsx';
import { HoverTip } from '../ui/HoverTip.tsx';
import { InfoPanel } from '../ui/InfoPanel.tsx';
import { AskDialog } from '../ui/AskDialog.tsx';
import { LayerPanel, loadFiles } from '../ui/LayerPanel.tsx';
import { TrafficPanel } from '../ui/TrafficPanel.tsx';
import { CarbonPanel } from '../ui/CarbonPanel.tsx';
import { HydrogenPanel } from '../ui/HydrogenPanel.tsx';
import { SunPanel } from '../ui/SunPanel.tsx';
import { ScenarioPanel } from '../ui/ScenarioPanel.tsx';
import { entryName } from '../ui/editText.ts';
import { viewControl } from '../scene/viewControl.ts';
import { setSplitInset, splitHalves } from '../scene/SplitView.tsx';
import { startScenarioSession } from './scenarioSession.ts';
import { Attribution, JobBar, Notices, SkippedList } from '../ui/StatusViews.tsx';
import { CityPicker, loadStartCity } from '../ui/CityPicker.tsx';
import { BasemapControl } from '../ui/BasemapControl.tsx';
import { MapCredits } from '../ui/Attribution.tsx';
import { LANGUAGES, LANGUAGE_NAMES } from '../ui/i18n/index.ts';
import { useT } from '../ui/useT.ts';
import { RecoveryCard } from './kiosk/RecoveryCard.tsx';
import { keepFocus } from '../ui/focusKeeper.ts';
import { prefersReducedMotion } from '../store/motion.ts';

function LanguageSwitch() {
  const t = useT();
  const language = useStore((s) => s.language);
  const setLanguage = useStore((s) => s.setLanguage);
  return (
    <div className="lang" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={language === l} onClick={() => setLanguage(l)} data-lang={l}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

const TABS = ['layers', 'scenario', 'traffic', 'carbon', 'hydrogen', 'sun'] as const;
type Tab = (typeof TABS)[number];

/** The tools' tabs: a tab list with arrow-key movement (one tab stop, the selected tab). */
function LeftTabs({ tab, setTab }: { tab: Tab; setTab: (t: Tab) => void }) {
  const t = useT();
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length]
      : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('layout.tabs')} onKeyDown={onKeyDown}>
      {TABS.map((k) => (
        <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls="side-body" tabIndex={tab === k ? 0 : -1}
          onClick={() => setTab(k)} data-tab={k}>
          {t(`tabs.${k}`)}
        </button>
      ))}
    </div>
  );
}

const WIDTH_KEY = 'citytwin.panelWidth';
const MIN_WIDTH = 340;
/** The widest the side panel may be: most of the window, leaving some map beside it. */
const maxWidth = (): number => Math.max(MIN_WIDTH, Math.min(760, window.innerWidth - 120));
const clampWidth = (w: number): number => Math.round(Math.min(maxWidth(), Math.max(MIN_WIDTH, w)));

function savedWidth(): number {
  const w = Number(globalThis.localStorage?.getItem(WIDTH_KEY));
  // By default about 30 % of the window: 340 px on a 1024 px tablet, 384 px at 1280, at most 400.
  return clampWidth(Number.isFinite(w) && w > 0 ? w : Math.min(400, window.innerWidth * 0.3));
}

/** The side panel: the tools' tabs and the chosen tool, resizable by its right edge (mouse, touch or arrow keys) and collapsible. */
function SidePanel() {
  const t = useT();
  const [tab, setTab] = useState<Tab>('layers');
  const [collapsed, setCollapsed] = useState(false);
  const [width, setWidth] = useState(savedWidth);
  const resize = (w: number): void => {
    const c = clampWidth(w);
    setWidth(c);
    globalThis.localStorage?.setItem(WIDTH_KEY, String(c));
  };
  // The bottom bar (notices, jobs, hints) starts right of the panel, so it never covers the panel's controls.
  useEffect(() => {
    document.documentElement.style.setProperty('--side-right', collapsed ? '0px' : `${width}px`);
  }, [collapsed, width]);
  useEffect(() => {
    const onResize = (): void => setWidth((w) => clampWidth(w));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const handle = e.currentTarget;
    const left = handle.parentElement?.getBoundingClientRect().left ?? 0;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => resize(ev.clientX - left);
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
    e.preventDefault();
  };
  const onHandleKey = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 80 : 20;
    const next = e.key === 'ArrowRight' ? width + step : e.key === 'ArrowLeft' ? width - step : e.key === 'Home' ? MIN_WIDTH : e.key === 'End' ? maxWidth() : null;
    if (next === null) return;
    e.preventDefault();
    resize(next);
  };
  return (
    <div className="left" data-collapsed={collapsed} style={{ ['--left-w' as string]: `${width}px` }}>
      <div className="side-head">
        <button type="button" className="side-toggle" aria-expanded={!collapsed} aria-controls="side-body" data-testid="side-toggle"
          aria-label={collapsed ? t('layout.expand') : t('layout.collapse')} title={collapsed ? t('layout.expand') : t('layout.collapse')}
          onClick={() => setCollapsed((c) => !c)}>
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
          {collapsed ? <span className="side-toggle-name">{t(`tabs.${tab}`)}</span> : null}
        </button>
        {collapsed ? null : <LeftTabs tab={tab} setTab={setTab} />}
      </div>
      <div className="side-body" id="side-body" role="tabpanel" aria-labelledby={`tab-${tab}`} hidden={collapsed}>
        {tab === 'layers' ? <LayerPanel /> : tab === 'scenario' ? <ScenarioPanel /> : tab === 'traffic' ? <TrafficPanel /> : tab === 'carbon' ? <CarbonPanel /> : tab === 'sun' ? <SunPanel /> : <HydrogenPanel />}
      </div>
      {collapsed ? null : (
        <div className="side-resize" role="separator" aria-orientation="vertical" aria-label={t('layout.resize')} tabIndex={0} data-testid="side-resize"
          aria-valuemin={MIN_WIDTH} aria-valuemax={maxWidth()} aria-valuenow={width} onPointerDown={onPointerDown} onKeyDown={onHandleKey} />
      )}
    </div>
  );
}

function TopBar() {
  const t = useT();
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <span className="subtitle">{t('app.subtitle')}</span>
      </div>
      <CityPicker /><BasemapControl />
      <button type="button" className="reset" onClick={() => viewControl()?.resetView()}>
        {t('camera.reset')}
      </button>
      <LanguageSwitch />
    </header>
  );
}

/** Labels of the split view's halves: which scenario each side shows. */
function SplitLabels() {
  const t = useT();
  const names = useStore(useShallow((s) => {
    if (s.mapView !== 'split' || !s.results.a || !s.results.b) return null;
    const name = (id: string): string => {
      const e = s.scenarios.find((x) => x.id === id);
      return e ? entryName(t, id, e.scenario.name) : id;
    };
    return [name(s.compare.a), name(s.compare.b)] as const;
  }));
  // The halves share the canvas right of the left panel (measured; it changes with the tab and the window).
  const [edges, setEdges] = useState<{ start: number; half: number } | null>(null);
  useEffect(() => {
    if (!names) return;
    const panel = document.querySelector('.left');
    const measure = (): void => {
      setSplitInset((panel?.getBoundingClientRect().right ?? 0) + 10);
      setEdges(splitHalves(window.innerWidth));
      viewControl()?.redraw();
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (panel) observer.observe(panel);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [names]);
  if (!names) return null;
  const mid = edges ? edges.start + edges.half : window.innerWidth / 2;
  return (
    <div className="split-labels" style={{ ['--split-x' as string]: `${mid}px` }}>
      <span className="split-label" data-side="a">{t('scenario.splitLabel', { side: 'A', name: names[0] })}</span>
      <span className="split-label" data-side="b">{t('scenario.splitLabel', { side: 'B', name: names[1] })}</span>
    </div>
  );
}

export function App() {
  const t = useT();
  const language = useStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  }, [language, t]);
  useEffect(() => {
    // ?synthetic=N loads a seeded synthetic city instead of the default one (benchmarks, demos).
    const params = new URLSearchParams(window.location.search);
    const synthetic = Number(params.get('synthetic'));
    if (Number.isInteger(synthetic) && synthetic > 0) {
      if (!useStore.getState().layers.some((l) => l.id === 'buildings')) void useStore.getState().loadSynthetic(synthetic, Number(params.get('seed') ?? 1) || 1);
    } else {
      // ?layer=<url> (several allowed) adds researchers' layers once the default city is in.
      const extra = params.getAll('layer');
      void loadStartCity().then(async () => {
        for (const url of extra) await useStore.getState().loadUserLayer({ name: url.split('/').pop() || url, url });
        for (const url of params.getAll('tiles')) void useStore.getState().addTileset(url); // ?tiles=<tileset.json> (several allowed)
        // Scenarios: a share link or ?scenario=<url> opens one; else those saved in this browser come back.
        stopSession = await startScenarioSession();
      });
    }
    let stopSession: (() => void) | undefined;
    return () => stopSession?.();
  }, []);
  useEffect(() => {
    // Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac; Ctrl+Y too) undo and redo scenario edits, except while typing.
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) useStore.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') useStore.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => (root.current ? keepFocus(root.current) : undefined), []);
  useEffect(() => {
    // "Reduce motion" asked for: moving vehicles and hydrogen delivery arcs start paused (the play buttons still start them).
    if (!prefersReducedMotion()) return;
    useStore.getState().setTrafficDisplay({ vehiclesPaused: true });
    useStore.getState().setHydrogenDisplay({ paused: true });
  }, []);
  const [dragging, setDragging] = useState(false);
  return (
    <div
      ref={root}
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        loadFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <CityCanvas />
      <RecoveryCard />
      <SplitLabels />
      <TopBar />
      <SidePanel />
      <div className="right">
        <InfoPanel />
        <SkippedList />
        <AttributeTable />
        <InputMappingPanel />
      </div>
      <div className="bottom">
        <Notices />
        <JobBar />
        <HoverTip />
        <div className="hint">{t('camera.hint')}</div>
      </div>
      <Attribution />
      <MapCredits />
      <AskDialog />
    </div>
  );
}
