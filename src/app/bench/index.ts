/**
 * Bench mode: `?bench&data=<url of a GeoJSON>` (also `?bench=1&…`) shows that file as the building
 * layer with a fixed 45° view and sets `window.__bench` (BenchHandle: feature count, fetch and parse
 * durations in ms, `firstFrameMs` as performance.now() of the first complete frame, a live frame
 * counter, the viewer's name and version, and `setBearing(deg)`). The deck.gl page in bench/deckgl
 * implements the same contract, so bench/scale.ts drives both viewers alike.
 */
export { BenchApp } from './BenchApp.tsx';
export { startBench } from './benchMode.ts';
export { benchParams } from './types.ts';
export type { BenchHandle, BenchViewer } from './types.ts';
