// The app itself, started by main.tsx once the libraries it needs are evaluated.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { BenchApp, benchParams } from './app/bench/index.ts';
import { KioskApp } from './app/kiosk/KioskApp.tsx';
import { kioskSource } from './app/kiosk/files.ts';
import { registerKioskServiceWorker } from './app/kiosk/serviceWorker.ts';
import { numberFormat } from './ui/i18n/index.ts';
import { useStore } from './store/index.ts';

// `?bench&data=<url>`: the 3D view alone, loading that file, for benchmark harnesses (src/app/bench).
const bench = benchParams(window.location.search);
// `?kiosk` (or `?kiosk=<name or url>`): kiosk mode for unattended screens (src/app/kiosk), with the offline
// service worker; every other page never registers one.
const kiosk = bench ? null : kioskSource(window.location.search);
if (kiosk) registerKioskServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The page's first number format loads the locale's data (25–40 ms): done when the main thread is idle,
// before the first panel row needs it, rather than inside that row's render.
if ('requestIdleCallback' in window) requestIdleCallback(() => numberFormat(useStore.getState().language, { maximumFractionDigits: 0 }), { timeout: 1000 });

createRoot(root).render(
  <StrictMode>
    {bench ? <BenchApp data={bench.data} /> : kiosk ? <KioskApp source={kiosk} /> : <App />}
  </StrictMode>,
);
