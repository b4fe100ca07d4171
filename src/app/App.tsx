// The application shell: the 3D view with panels over it.
import { useEffect, useState } from 'react';
import { CityCanvas } from '../scene/CityCanvas.tsx';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/index.ts';
import { AttributeTable } from '../ui/AttributeTable.tsx';
import { InputMappingPanel } from '../ui/InputMapping.tsx';
import { HoverTip } from '../ui/HoverTip.tsx';
import { InfoPanel } from '../ui/InfoPanel.tsx';
import { LayerPanel, loadFiles } from '../ui/LayerPanel.tsx';
import { TrafficPanel } from '../ui/TrafficPanel.tsx';
import { CarbonPanel } from '../ui/CarbonPanel.tsx';
import { HydrogenPanel } from '../ui/HydrogenPanel.tsx';
import { ScenarioPanel } from '../ui/ScenarioPanel.tsx';
import { entryName } from '../ui/editText.ts';
import { viewControl } from '../scene/viewControl.ts';
import { setSplitInset, splitHalves } from '../scene/SplitView.tsx';
import { startScenarioSession } from './scenarioSession.ts';
import { Attribution, JobBar, Notices, SkippedList } from '../ui/StatusViews.tsx';
import { LANGUAGES, LANGUAGE_NAMES } from '../ui/i18n/index.ts';
import { useT } from '../ui/useT.ts';

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

function LeftTabs() {
  const t = useT();
  const [tab, setTab] = useState<'layers' | 'scenario' | 'traffic' | 'carbon' | 'hydrogen'>('layers');
  return (
    <>
      <div className="tabs" role="tablist">
        {(['layers', 'scenario', 'traffic', 'carbon', 'hydrogen'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} aria-pressed={tab === k} onClick={() => setTab(k)} data-tab={k}>
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'layers' ? <LayerPanel /> : tab === 'scenario' ? <ScenarioPanel /> : tab === 'traffic' ? <TrafficPanel /> : tab === 'carbon' ? <CarbonPanel /> : <HydrogenPanel />}
    </>
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
      void useStore.getState().loadDefaultCity().then(async () => {
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
  const [dragging, setDragging] = useState(false);
  return (
    <div
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
      <SplitLabels />
      <TopBar />
      <div className="left">
        <LeftTabs />
      </div>
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
    </div>
  );
}
