// The application shell: the 3D view with panels over it.
import { useEffect, useState } from 'react';
import { CityCanvas } from '../scene/CityCanvas.tsx';
import { useStore } from '../store/index.ts';
import { AttributeTable } from '../ui/AttributeTable.tsx';
import { InputMappingPanel } from '../ui/InputMapping.tsx';
import { HoverTip } from '../ui/HoverTip.tsx';
import { InfoPanel } from '../ui/InfoPanel.tsx';
import { LayerPanel, loadFiles } from '../ui/LayerPanel.tsx';
import { TrafficPanel } from '../ui/TrafficPanel.tsx';
import { CarbonPanel } from '../ui/CarbonPanel.tsx';
import { HydrogenPanel } from '../ui/HydrogenPanel.tsx';
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
  const [tab, setTab] = useState<'layers' | 'traffic' | 'carbon' | 'hydrogen'>('layers');
  return (
    <>
      <div className="tabs" role="tablist">
        {(['layers', 'traffic', 'carbon', 'hydrogen'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} aria-pressed={tab === k} onClick={() => setTab(k)} data-tab={k}>
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'layers' ? <LayerPanel /> : tab === 'traffic' ? <TrafficPanel /> : tab === 'carbon' ? <CarbonPanel /> : <HydrogenPanel />}
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
      <button type="button" className="reset" onClick={() => (window as { __citytwin?: { resetView(): void } }).__citytwin?.resetView()}>
        {t('camera.reset')}
      </button>
      <LanguageSwitch />
    </header>
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
      });
    }
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
