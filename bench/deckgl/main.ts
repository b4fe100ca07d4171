// The deck.gl comparison page for `npm run bench -- scale` (built by bench/scale.ts, never shipped):
// `?data=<url of a GeoJSON>` is fetched, parsed and drawn as an extruded GeoJsonLayer at a 45° pitch
// framing the data, and `window.__bench` follows the same contract as CityTwin's bench mode
// (src/app/bench/types.ts). The camera matches CityTwin's: 45° vertical field of view, looking at the
// centre of the data from 0.85 × its larger extent. Heights use CityTwin's rule (src/core/geo/height.ts:
// `height`, else levels × 3 m, else an estimate by building type) so both viewers draw the same city.
import { Deck, MapView, type MapViewState, VERSION } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { resolveHeight } from '../../src/core/geo/height.ts';
import type { BenchHandle } from '../../src/app/bench/types.ts';

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** CityTwin's camera (src/scene/MapCamera.tsx `viewOf`): distance = 0.85 × extent, vertical fov 45°. */
const FOV_DEG = 45;
const PITCH_DEG = 45;
const DISTANCE_PER_EXTENT = 0.85;
const M_PER_DEG = 111_320;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const BUILDING_RGB: [number, number, number] = [0xe9, 0xe4, 0xda]; // src/scene/palette.ts BUILDING_COLOR

/** Visits every [lon, lat] of a (Multi)Polygon. */
function eachPosition(coords: unknown, visit: (x: number, y: number) => void): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    visit(coords[0], coords[1] as number);
    return;
  }
  for (const c of coords) eachPosition(c, visit);
}

function viewStateFor(features: readonly Feature[], height: number, bearing: number): MapViewState {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of features) {
    eachPosition(f.geometry?.coordinates, (x, y) => {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    });
  }
  const latitude = (s + n) / 2;
  const longitude = (w + e) / 2;
  const cos = Math.cos((latitude * Math.PI) / 180);
  const extent = Math.max((e - w) * M_PER_DEG * cos, (n - s) * M_PER_DEG, 100);
  // Metres per pixel at the target that CityTwin's camera gives; deck.gl's zoom for the same scale.
  const visibleM = 2 * DISTANCE_PER_EXTENT * extent * Math.tan(((FOV_DEG / 2) * Math.PI) / 180);
  const metresPerPixel = visibleM / Math.max(height, 1);
  const zoom = Math.log2((EARTH_CIRCUMFERENCE_M * cos) / (512 * metresPerPixel));
  return { longitude, latitude, zoom, pitch: PITCH_DEG, bearing, maxPitch: 85 };
}

let frames = 0;
let firstFrameDone = false;
let viewState: MapViewState = { longitude: 0, latitude: 0, zoom: 1, pitch: PITCH_DEG, bearing: 0 };
let dataReady = false;
let features: Feature[] = [];

const container = document.getElementById('map') as HTMLDivElement | null;
if (!container) throw new Error('bench page has no #map element');

const bench: BenchHandle = {
  n: 0,
  fetchMs: 0,
  parseMs: 0,
  firstFrameMs: 0,
  frameIssuedMs: 0,
  fetchStartMs: 0,
  get frames() {
    return frames;
  },
  viewer: { name: 'deck.gl', version: VERSION },
  setBearing(deg: number) {
    viewState = { ...viewState, bearing: deg };
    deck.setProps({ viewState });
    deck.redraw('bench: setBearing'); // drawn now, synchronously
  },
};
(window as unknown as { __bench?: BenchHandle }).__bench = bench;

// The data are requested once deck.gl's device is up (onLoad), as CityTwin's bench mode requests them once
// its canvas is: both viewers' loading windows start from a running viewer, and start-up is timed apart.
const deck = new Deck<MapView>({
  parent: container,
  views: new MapView({ fovy: FOV_DEG }),
  viewState,
  controller: true,
  onViewStateChange: ({ viewState: next }) => {
    viewState = next as MapViewState;
    deck.setProps({ viewState });
  },
  layers: [],
  onAfterRender: ({ gl }) => {
    frames++;
    if (firstFrameDone || !dataReady) return;
    const layers = deck.props.layers as readonly { isLoaded?: boolean }[];
    if (!layers.every((l) => l.isLoaded !== false)) return;
    firstFrameDone = true;
    bench.frameIssuedMs = performance.now();
    // Drain the GPU so "drawn" means drawn, not queued: in a task of its own, as CityTwin's bench mode does.
    setTimeout(() => {
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      bench.firstFrameMs = performance.now();
    }, 0);
  },
  onError: (err) => {
    bench.error ??= err.message;
  },
  onLoad: () => {
    const data = new URLSearchParams(location.search).get('data');
    if (!data) bench.error = 'the deck.gl bench page needs ?data=<url of a GeoJSON>';
    else
      load(new URL(data, location.href).href).catch((err: unknown) => {
        bench.error = err instanceof Error ? err.message : String(err);
      });
  },
});

async function load(url: string): Promise<void> {
  bench.fetchStartMs = performance.now();
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  const text = await res.text();
  const bytesIn = performance.now();
  bench.fetchMs = bytesIn - bench.fetchStartMs;
  const root = JSON.parse(text) as { type?: string; features?: Feature[] };
  if (root.type !== 'FeatureCollection' || !Array.isArray(root.features)) throw new Error('not a GeoJSON FeatureCollection');
  features = root.features;
  bench.parseMs = performance.now() - bytesIn;
  bench.n = features.length;
  const canvas = container!.querySelector('canvas');
  viewState = viewStateFor(features, canvas?.clientHeight ?? innerHeight, 0);
  const layer = new GeoJsonLayer<Record<string, unknown>>({
    id: 'buildings',
    data: root as never,
    extruded: true,
    filled: true,
    stroked: false,
    wireframe: false,
    pickable: true, // CityTwin's buildings are pickable too
    getElevation: (f) => resolveHeight(f.properties).height,
    getFillColor: BUILDING_RGB,
  });
  dataReady = true;
  deck.setProps({ viewState, layers: [layer] });
}
