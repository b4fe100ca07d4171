/**
 * Start-up of the viewer on its default city (Monaco, offline ground), task by task: every main-thread
 * task of 50 ms or more (wall, as the Long Tasks API counts it, and the thread's CPU time, from a
 * Chromium trace) from navigation until the city is drawn and has settled, each with the JavaScript
 * call it was spent in, read from a V8 CPU profile taken in the same run (sampled every 0.2 ms; the
 * profile and the trace share a clock). The build is unminified (dist-bench-startup/) so the calls keep
 * their names.
 *
 * Why: a task can be long because the page computes, or because it waits for the GPU process in a
 * synchronous call (creating the WebGL context, linking a shader program on first use, uploading or
 * rasterising a canvas). Wall time against CPU time tells which; the call tells where.
 */
import type { Profiler } from 'inspector';
import { build } from 'vite';
import { TEST_HOOKS_MODE } from '../vite.config.ts';
import { launchBrowser, startPreview, waitForCity } from '../tests/browser/harness.ts';
import { LONG_TASK_OBSERVER } from './scale.ts';
import { startTaskTrace, stopTaskTraceWithClock } from './tasks.ts';

const OUT_DIR = 'dist-bench-startup';
const VIEWPORT = { width: 800, height: 600 };
/** Quiet time after the city is drawn, for the tasks that follow it (first uploads, late programs). */
const SETTLE_MS = 2000;
/** Frames of the call stack named per task (innermost first). */
const STACK_FRAMES = 4;

interface StartupTask {
  startMs: number;
  wallMs: number;
  cpuMs: number | null;
  /** Time within the task the GPU process's main thread was busy (bench/tasks.ts). */
  gpuBusyMs: number | null;
  /** The call most of the task's samples were in: innermost frames first, ' < ' between callers. */
  call: string;
  /** Share of the task's profile samples in that call. */
  callShare: number;
}

/** The call most of the samples in [from, to) (trace µs) were in. */
function dominantCall(profile: Profiler.Profile, from: number, to: number): { call: string; share: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const calls = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (t < from || t >= to) continue;
    const frames: string[] = [];
    for (let id: number | undefined = samples[i]; id !== undefined && frames.length < STACK_FRAMES; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName || '(anonymous)';
      if (name === '(root)') break;
      frames.push(name);
    }
    const key = frames.join(' < ') || '(idle)';
    calls.set(key, (calls.get(key) ?? 0) + 1);
    total++;
  }
  let best = '(no samples)';
  let most = 0;
  for (const [call, n] of calls) {
    if (n > most) {
      best = call;
      most = n;
    }
  }
  return { call: best, share: total > 0 ? Math.round((most / total) * 100) / 100 : 0 };
}

export async function benchStartup(runs: number): Promise<object> {
  await build({ mode: TEST_HOOKS_MODE, logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true, minify: false } });
  const { server, url } = await startPreview(OUT_DIR);
  const browser = await launchBrowser();
  const out: object[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      // A fresh context per run: nothing cached from the one before.
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
      const page = await context.newPage();
      await page.addInitScript({ content: LONG_TASK_OBSERVER });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await startTaskTrace(browser, page);
      await page.goto(`${url}?noaa`);
      await waitForCity(page);
      const drawnMs = (await page.evaluate('performance.now()')) as number;
      await page.waitForTimeout(SETTLE_MS);
      const settledMs = (await page.evaluate('performance.now()')) as number;
      const { tasks, offsetMs, gpuBusyMs } = await stopTaskTraceWithClock(browser, page);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profiler.Profile };
      const longTasks: StartupTask[] = tasks.map((task) => {
        const from = (task.start + offsetMs) * 1000;
        const { call, share } = dominantCall(profile, from, from + task.wallMs * 1000);
        const round = (v: number): number => Math.round(v);
        return {
          startMs: round(task.start),
          wallMs: round(task.wallMs),
          cpuMs: task.cpuMs === null ? null : round(task.cpuMs),
          gpuBusyMs: task.gpuBusyMs === null ? null : round(task.gpuBusyMs),
          call,
          callShare: share,
        };
      });
      // The GPU process's main thread from navigation until the city had settled: how much of that time
      // it was busy, which every synchronous WebGL call from the page waits behind.
      const gpuBusy = gpuBusyMs(0, settledMs);
      out.push({
        cityDrawnMs: Math.round(drawnMs),
        gpuProcessBusyMs: gpuBusy === null ? null : Math.round(gpuBusy),
        settledMs: Math.round(settledMs),
        longTasks,
        longestWallMs: Math.max(0, ...longTasks.map((t) => t.wallMs)),
        longestCpuMs: Math.max(0, ...longTasks.map((t) => t.cpuMs ?? 0)),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    note: `headless Chromium + SwiftShader, ${VIEWPORT.width}x${VIEWPORT.height}, default city (?noaa), unminified build; long tasks from navigation until ${SETTLE_MS} ms after the city is drawn: wall (Long Tasks API), thread CPU (trace), the time the GPU process's main thread was busy within it (trace), and the JavaScript call most of the task's CPU-profile samples fall in`,
    runs: out,
  };
}
