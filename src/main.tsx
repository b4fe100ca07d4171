import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { BenchApp, benchParams } from './bench/index.ts';
import { useStore } from './store/index.ts';
import { workerBridges } from './sim-client/index.ts';
// Korean and Latin glyphs shipped with the app (SIL Open Font License), so kiosks need no system fonts.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles.css';

// The store, for browser tests, benchmarks and kiosk automation (read state, call actions), and the
// worker bridges (crash-and-restart tests, a kiosk watchdog): the ingest worker and the model host.
const handles = window as unknown as { __citytwinStore?: typeof useStore; __citytwinIngest?: unknown; __citytwinTraffic?: unknown };
handles.__citytwinStore = useStore;
handles.__citytwinIngest = workerBridges().get('ingest');
handles.__citytwinTraffic = workerBridges().get('models');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// `?bench&data=<url>`: the 3D view alone, loading that file, for benchmark harnesses (src/bench).
const bench = benchParams(window.location.search);
createRoot(root).render(
  <StrictMode>
    {bench ? <BenchApp data={bench.data} /> : <App />}
  </StrictMode>,
);
