// `npm run bench -- sunlight`: (1) the sunlight study on a 100 × 100 point grid over 1,000 seeded box
// buildings at a 10-minute step (48 steps, 480,000 rays), in node (the worker runs the same core code),
// against a baseline in the same run: the same rays tested against every building (no grid), on a sample of
// the points, with the results compared; (2) Monaco's frame time with the sun's shadows on against off, in
// headless Chromium on the software renderer (SwiftShader).
import { PrismBuilder, PrismGrid, type Prisms, gridPoints, sunSamples, sunlightStudy } from '../src/core/sunlight/index.ts';
import { sunDirection } from '../src/core/sun/index.ts';
import { seededRandom as random } from '../src/core/random/index.ts';
import { launchBrowser, startPreview, waitForCity } from '../tests/browser/harness.ts';

/** 1,000 boxes of 10–30 m sides and 6–90 m heights on a 40 m lattice (a dense 1.3 km × 1.3 km district). */
export function benchBuildings(count = 1000, seed = 7): Prisms {
  const rnd = random(seed);
  const b = new PrismBuilder();
  const side = Math.ceil(Math.sqrt(count));
  for (let i = 0; i < count; i++) {
    const cx = (i % side) * 40 + rnd() * 8, cy = Math.floor(i / side) * 40 + rnd() * 8;
    const w = 10 + rnd() * 20, d = 10 + rnd() * 20;
    b.add([[cx, cy, cx + w, cy, cx + w, cy + d, cx, cy + d]], 6 + rnd() * rnd() * 84);
  }
  return b.finish();
}

const OPTIONS = { date: '2025-12-22', stepMin: 10, clock: 'solar', lon: 126.978, lat: 37.5665, utcOffsetHours: 9 } as const;

function bruteBlocked(p: Prisms, px: number, py: number, dx: number, dy: number, slope: number): boolean {
  // Every prism's every edge, no index: the baseline the grid walk is measured against.
  for (let i = 0; i < p.count; i++) {
    let n = 0, tMin = Infinity;
    for (let r = p.prismRing[i]!; r < p.prismRing[i + 1]!; r++) {
      const s = p.ringStart[r]!, e = p.ringStart[r + 1]!;
      for (let v = s; v < e; v++) {
        const w = v + 1 < e ? v + 1 : s;
        const ax = p.xy[2 * v]!, ay = p.xy[2 * v + 1]!, ex = p.xy[2 * w]! - ax, ey = p.xy[2 * w + 1]! - ay;
        const den = dx * ey - dy * ex;
        if (den === 0) continue;
        const t = ((ax - px) * ey - (ay - py) * ex) / den, u = ((ax - px) * dy - (ay - py) * dx) / den;
        if (t > 0 && u >= 0 && u < 1) { n++; tMin = Math.min(tMin, t); }
      }
    }
    if (n > 0 && (n % 2 === 1 || tMin * slope < p.height[i]!)) return true;
  }
  return false;
}

export function benchStudy(): object {
  const prisms = benchBuildings();
  const grid = new PrismGrid(prisms);
  const area: [number, number, number, number] = [grid.x0, grid.y0, grid.x0 + grid.nx * grid.cell, grid.y0 + grid.ny * grid.cell];
  const g = gridPoints(area, 1, 100);
  const t0 = performance.now();
  const r = sunlightStudy(prisms, g.points, OPTIONS);
  const studyMs = performance.now() - t0;
  // Baseline: brute force on every 50th point (200 points), scaled to the full grid.
  const samples = sunSamples(OPTIONS);
  const every = 50;
  let mismatches = 0, checked = 0;
  const t1 = performance.now();
  for (let p = 0; p < r.count; p += every) {
    if (r.flags[p]! & 4) continue;
    let lit = 0;
    for (const s of samples) {
      if (s.elevation <= 0) continue;
      const [ex, ny, up] = sunDirection(s.azimuth, s.elevation);
      const h = Math.hypot(ex, ny);
      if (!bruteBlocked(prisms, g.points[2 * p]!, g.points[2 * p + 1]!, ex / h, ny / h, up / h)) lit++;
    }
    checked++;
    if (Math.abs(lit * (OPTIONS.stepMin / 60) - r.hours[p]!) > 1e-4) mismatches++;
  }
  const bruteMs = ((performance.now() - t1) / checked) * (r.count - 0);
  let passing = 0;
  for (let i = 0; i < r.count; i++) if (r.flags[i]! & 3) passing++;
  return {
    note: 'node; 1,000 seeded boxes, 100 x 100 points, winter solstice in Seoul, 10-minute step (48 steps); baseline: every ray tested against every building (sampled on 1 point in 50, scaled)',
    buildings: prisms.count, points: r.count, steps: samples.length, area_m: [Math.round(area[2] - area[0]), Math.round(area[3] - area[1])],
    studyMs: Math.round(studyMs), bruteForceEstimateMs: Math.round(bruteMs), speedup: Math.round((bruteMs / studyMs) * 10) / 10,
    baselinePointsChecked: checked, baselineMismatches: mismatches, passingShare: Math.round((passing / r.count) * 1000) / 1000,
  };
}

/** Mean ms per frame over `frames` forced renders (renderNow drains the GPU with a readPixels). */
export async function benchShadows(frames = 20): Promise<object> {
  const { server, url } = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 640, height: 480 } })).newPage();
    await page.goto(`${url}?noaa`);
    await waitForCity(page);
    const time = (on: boolean): Promise<number> => page.evaluate(async ([sun, n]) => {
      const w = window as unknown as { __citytwin: { renderNow(): void; resetView(): void }; __citytwinStore: { getState(): { setSunEnabled(on: boolean): void; setSunMinute(m: number): void } } };
      w.__citytwinStore.getState().setSunEnabled(sun);
      w.__citytwinStore.getState().setSunMinute(600);
      await new Promise((r) => setTimeout(r, 500));
      const gl = document.querySelector('canvas')!.getContext('webgl2')!;
      const px = new Uint8Array(4);
      w.__citytwin.renderNow();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        w.__citytwin.renderNow();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      }
      return (performance.now() - t0) / n;
    }, [on, frames] as const);
    const off1 = await time(false);
    const on1 = await time(true);
    const off2 = await time(false);
    const on2 = await time(true);
    const off = (off1 + off2) / 2, on = (on1 + on2) / 2;
    return {
      note: 'headless Chromium + SwiftShader, 640x480, Monaco at the default view, winter solstice 10:00 solar; baseline: the same view with the sun off, alternated twice',
      msPerFrameOff: Math.round(off * 10) / 10, msPerFrameOn: Math.round(on * 10) / 10, ratio: Math.round((on / off) * 100) / 100,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function benchSunlight(withBrowser = true): Promise<object> {
  return { study: benchStudy(), ...(withBrowser ? { shadows: await benchShadows() } : {}) };
}
