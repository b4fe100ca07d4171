// Helpers shared by the kiosk and recovery browser tests: a kiosk file as a data: URL, a coarse sample of the
// canvas as drawn now, and how many of its pixels differ between two samples.
import type { Page } from 'playwright-core';

/** Two Monaco viewpoints, quick flights and holds, no playlist, a short idle time: the tests' own kiosk file. */
export function testKiosk(overrides: Record<string, unknown> = {}): string {
  const k = {
    format: 'citytwin.kiosk',
    version: 1,
    city: 'monaco',
    language: 'en',
    idleSeconds: 5,
    viewpoints: [
      { id: 'a', lonLat: [7.4242, 43.7374], distance: 3000, tilt: 45, bearing: 0, flightSeconds: 2, holdSeconds: 2, caption: { ko: '전체', en: 'Overview' } },
      { id: 'b', lonLat: [7.4246, 43.7347], distance: 800, tilt: 60, bearing: 90, flightSeconds: 2, holdSeconds: 2, caption: { ko: '항구', en: 'The port' } },
    ],
    playlist: [],
    ...overrides,
  };
  return encodeURIComponent(`data:application/json,${JSON.stringify(k)}`);
}

/** The canvas drawn now, scaled to 32 × 20 RGBA (the drawing buffer is read in the same task it is drawn). */
export function sampleCanvas(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const h = (window as unknown as { __citytwin: { renderNow(): void } }).__citytwin;
    h.renderNow();
    const src = document.querySelector('canvas');
    const c = document.createElement('canvas');
    c.width = 32;
    c.height = 20;
    const x = c.getContext('2d');
    if (!src || !x) return [];
    x.drawImage(src, 0, 0, 32, 20);
    return Array.from(x.getImageData(0, 0, 32, 20).data);
  });
}

/** Pixels (of 640) whose colour differs by more than 24 in any channel. */
export function pixelsChanged(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + 3 < Math.min(a.length, b.length); i += 4) {
    if (Math.abs(a[i]! - b[i]!) > 24 || Math.abs(a[i + 1]! - b[i + 1]!) > 24 || Math.abs(a[i + 2]! - b[i + 2]!) > 24) n++;
  }
  return n;
}

/** Distinct colours in a sample (a blank canvas has one or two). */
export function colours(a: readonly number[]): number {
  const set = new Set<number>();
  for (let i = 0; i + 3 < a.length; i += 4) set.add(((a[i]! >> 3) << 10) | ((a[i + 1]! >> 3) << 5) | (a[i + 2]! >> 3));
  return set.size;
}

export interface CameraView {
  x: number;
  y: number;
  distance: number;
  tilt: number;
  bearing: number;
}

export function cameraView(page: Page): Promise<CameraView> {
  return page.evaluate(() => (window as unknown as { __citytwin: { cameraView(): CameraView } }).__citytwin.cameraView());
}
