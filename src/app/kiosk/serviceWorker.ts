/// <reference types="vite-plugin-pwa/vanillajs" />
// Offline kiosk: the service worker (vite-plugin-pwa / Workbox, vite.config.ts) precaches the code, the fonts
// and the built-in datasets on the first visit, so the kiosk starts again with the network unplugged. It is
// registered in kiosk mode only (the planner's page and the browser tests never get one). A new build is
// installed in the background and waits; the kiosk switches to it at the end of a tour (`applyUpdate`), by a
// reload — never in the middle of the show.
import { registerSW } from 'virtual:pwa-register';

let update: ((reload?: boolean) => Promise<void>) | null = null;
let waiting = false;
export const offline = { ready: false };

export function registerKioskServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      waiting = true;
    },
    onOfflineReady: () => {
      offline.ready = true;
    },
    onRegisteredSW: (_url, registration) => {
      if (registration?.active) offline.ready = true;
    },
  });
}

/** At a loop boundary: if a new build is waiting, switch to it (the page reloads). */
export function applyUpdateIfWaiting(): boolean {
  if (!waiting || !update) return false;
  void update(true);
  return true;
}
