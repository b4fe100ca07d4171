// Main-thread tasks of a page, from a Chromium trace: each task's wall time (what the Long Tasks API
// reports) beside its thread CPU time. On a machine shared with other work the two part: a task's wall
// time also counts the time its thread waited for a core, or for the GPU process (software WebGL runs
// there, on the same cores), while its CPU time is the page's own work. Benchmarks report both.
import type { Browser, Page } from 'playwright-core';

/** Tasks of at least this many milliseconds are long (W3C Long Tasks API). */
export const LONG_TASK_MS = 50;

export interface MainTask {
  /** Start, page clock (performance.now()), ms. */
  start: number;
  wallMs: number;
  /** Thread CPU time, ms (null where the trace has none). */
  cpuMs: number | null;
  /**
   * How long, within the task, the GPU process's main thread was running tasks of its own, ms (null where
   * the trace has no GPU process). A task whose wall time is mostly this, and little CPU, waited on a
   * synchronous call into the GPU process: creating a context, linking a program, reading pixels.
   */
  gpuBusyMs: number | null;
}

/** A main-thread task's trace event (its name changed across Chromium versions). */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The GPU process main thread's task intervals [start, end) in trace µs, merged (task events nest). */
function gpuMainIntervals(events: readonly TraceEvent[]): Array<[number, number]> | null {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrGpuMain');
  if (!main) return null;
  const spans = events
    .filter((e) => TASK_EVENTS.has(e.name) && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .map((e): [number, number] => [e.ts, e.ts + e.dur!])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Length of [from, to) covered by the merged, sorted `intervals`. */
function covered(intervals: ReadonlyArray<readonly [number, number]>, from: number, to: number): number {
  let sum = 0;
  for (const [a, b] of intervals) {
    if (a >= to) break;
    if (b > from) sum += Math.min(b, to) - Math.max(a, from);
  }
  return sum;
}

/** Starts tracing `page`'s tasks (a Chromium browser traces one page at a time). */
export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
}

/**
 * Stops the trace and returns the page's main-thread tasks of LONG_TASK_MS or more (wall), on the page's
 * clock: a user-timing mark made now ties the trace's clock to the page's.
 */
export async function stopTaskTrace(browser: Browser, page: Page): Promise<MainTask[]> {
  return (await stopTaskTraceWithClock(browser, page)).tasks;
}

/**
 * stopTaskTrace, with the trace clock's offset from the page's: page time (ms) = trace time (µs) / 1000
 * − offsetMs. V8's CPU profiles are stamped on the trace's clock, so their samples line up with the tasks.
 */
export async function stopTaskTraceWithClock(
  browser: Browser,
  page: Page,
): Promise<{ tasks: MainTask[]; offsetMs: number; gpuBusyMs: (from: number, to: number) => number | null }> {
  const mark = 'citytwin-bench:clock';
  const at = (await page.evaluate(`performance.mark(${JSON.stringify(mark)}).startTime`)) as number;
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const clock = events.find((e) => e.name === mark);
  if (!clock) throw new Error('task trace: the clock mark is missing from the trace (category blink.user_timing)');
  const offsetMs = clock.ts / 1000 - at;
  const gpu = gpuMainIntervals(events);
  // Busy time of the GPU process's main thread between two page-clock times (ms).
  const gpuBusyMs = (from: number, to: number): number | null => (gpu ? covered(gpu, (from + offsetMs) * 1000, (to + offsetMs) * 1000) / 1000 : null);
  const tasks = events
    .filter((e) => TASK_EVENTS.has(e.name) && e.ph === 'X' && e.pid === clock.pid && e.tid === clock.tid && (e.dur ?? 0) >= LONG_TASK_MS * 1000)
    .map((e) => {
      const start = e.ts / 1000 - offsetMs;
      const wallMs = e.dur! / 1000;
      return { start, wallMs, cpuMs: e.tdur === undefined ? null : e.tdur / 1000, gpuBusyMs: gpuBusyMs(start, start + wallMs) };
    });
  return { tasks, offsetMs, gpuBusyMs };
}

export interface TaskFigures {
  /** Longest task, wall time (the Long Tasks API's measure), ms. */
  longestMs: number;
  /** Tasks over LONG_TASK_MS, wall. */
  over50: number;
  /** Longest task's thread CPU time among the long ones, ms (null without a trace). */
  longestCpuMs: number | null;
  /** Tasks whose own CPU time is over LONG_TASK_MS. */
  over50Cpu: number | null;
}

/**
 * Figures of the tasks that overlap [from, to) (page clock, ms): wall from the Long Tasks API entries
 * `entries`, CPU from the trace's tasks `traced` (null when not traced).
 */
export function taskFigures(entries: ReadonlyArray<{ start: number; duration: number }>, traced: readonly MainTask[] | null, from: number, to: number): TaskFigures {
  const inWindow = <T>(start: (t: T) => number, dur: (t: T) => number) => (t: T) => start(t) + dur(t) > from && start(t) < to;
  const wall = entries.filter(inWindow((t) => t.start, (t) => t.duration));
  const cpu = traced?.filter(inWindow((t) => t.start, (t) => t.wallMs)).map((t) => t.cpuMs ?? 0) ?? null;
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    longestMs: round(Math.max(0, ...wall.map((t) => t.duration))),
    over50: wall.filter((t) => t.duration > LONG_TASK_MS).length,
    longestCpuMs: cpu ? round(Math.max(0, ...cpu)) : null,
    over50Cpu: cpu ? cpu.filter((c) => c > LONG_TASK_MS).length : null,
  };
}
