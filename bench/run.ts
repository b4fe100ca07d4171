// `npm run bench`: every benchmark, written as JSON to bench/out/ (a timestamped file and latest.json)
// so runs can be compared. Figures that depend on the machine are reported beside a baseline
// measured in the same run. Select sections with
// `npm run bench -- ingest ingest-big fps traffic carbon traffic-browser scale city soak scenario hydrogen tiles tiles-stream kiosk sunlight startup`
// (BENCH_QUICK=1: smaller sizes).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { build } from 'vite';
import { TEST_HOOKS_MODE } from '../vite.config.ts';
import { benchCarbon } from './carbon.ts';
import { benchCity } from './city.ts';
import { benchFps } from './fps.ts';
import { benchHydrogen } from './hydrogen.ts';
import { benchBigFile, benchIngest } from './ingest.ts';
import { benchScale } from './scale.ts';
import { benchSoak } from './soak.ts';
import { benchTiles } from './tiles.ts';
import { benchTilesStream } from './tiles-stream.ts';
import { benchTraffic } from './traffic.ts';
import { benchTrafficBrowser } from './traffic-browser.ts';
import { benchScenario } from './scenario.ts';
import { benchKiosk } from './kiosk.ts';
import { benchSunlight } from './sunlight.ts';
import { benchStartup } from './startup.ts';

const sections = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string): boolean => sections.length === 0 || sections.includes(name);

const result: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
};

if (want('ingest')) {
  const sizes = process.env['BENCH_QUICK'] ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  result['ingest'] = { note: 'node, synthetic city (seed 42); baseline: bare JSON.parse of the same text', runs: await benchIngest(sizes) };
}
if (want('fps')) {
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['fps'] = {
    note: 'headless Chromium + SwiftShader, 640x480; every frame drained with readPixels; baseline: idle fps in the same page',
    runs: await benchFps([10_000, 100_000]),
  };
}
if (want('traffic')) {
  result['traffic'] = await benchTraffic();
}
if (want('carbon')) {
  result['carbon'] = benchCarbon();
}
if (want('traffic-browser')) {
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['trafficBrowser'] = {
    note: 'headless Chromium; assignment in the model host worker to gap 1e-4; longest main-thread task (wall, Long Tasks API; thread CPU time from a Chromium trace), tasks over 50 ms and animation-frame rate during the run; the same from navigation start until the city is drawn',
    runs: await benchTrafficBrowser(),
  };
}
if (want('scale')) {
  // CityTwin beside deck.gl on the same generated file (issue 6); BENCH_QUICK: 10k buildings only.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['scale'] = await benchScale(process.env['BENCH_QUICK'] ? [10_000] : [10_000, 100_000, 300_000]);
}
if (want('city')) {
  // 1M buildings as one GeoJSON layer in one tab: loading, memory per building, fps with and without far detail.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['city'] = await benchCity(process.env['BENCH_QUICK'] ? 100_000 : 1_000_000);
}
if (want('soak')) {
  // A kiosk's scenario cycle repeated: JS heap, DOM, listeners and GPU resources per cycle.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['soak'] = await benchSoak(process.env['BENCH_QUICK'] ? 6 : 30);
}

if (want('kiosk')) {
  // Kiosk mode over a simulated day (issue 16): memory per tour of the accelerated attract loop, recovery
  // from a lost WebGL context and from a model worker killed mid-run.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['kiosk'] = await benchKiosk(process.env['BENCH_QUICK'] ? 20 : 100, process.env['BENCH_QUICK'] ? 5 : 10);
}

if (want('scenario')) {
  // The scenario pipeline: a full run against one carbon parameter changed (stages from the cache), share link size.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['scenario'] = await benchScenario(process.env['BENCH_QUICK'] ? 2 : 5);
}

if (want('hydrogen')) {
  result['hydrogen'] = await benchHydrogen();
}
if (want('sunlight')) {
  // Issue 17: the sunlight study (100 x 100 points, 1,000 buildings) and shadows on vs off in Monaco.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['sunlight'] = await benchSunlight();
}
if (want('startup')) {
  // Issue 18: the viewer's start-up, each long main-thread task with the call it was spent in.
  result['startup'] = await benchStartup(process.env['BENCH_QUICK'] ? 1 : 3);
}
if (want('ingest-big')) {
  // A ~200 MB file streamed in pieces: peak memory against the file's size (issue 5).
  result['ingestBig'] = benchBigFile(process.env['BENCH_QUICK'] ? 100_000 : 700_000);
}
if (want('tiles')) {
  result['tiles'] = await benchTiles(process.env['BENCH_QUICK'] ? [100_000] : [100_000, 1_000_000]);
}
if (want('tiles-stream')) {
  // The tileset of 1M generated buildings streamed into the viewer (?tiles=): first view, peak heap and cache.
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn' });
  result['tilesStream'] = await benchTilesStream(process.env['BENCH_QUICK'] ? 100_000 : 1_000_000);
}

mkdirSync('bench/out', { recursive: true });
const json = JSON.stringify(result, null, 2);
writeFileSync(`bench/out/bench-${result['date'] as string}.json`.replace(/:/g, '-'), json);
writeFileSync('bench/out/latest.json', json);
console.log(json);
