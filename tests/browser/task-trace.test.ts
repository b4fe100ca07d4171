// The benchmarks' task trace (bench/tasks.ts): a page's long tasks from a Chromium trace, on the page's
// clock, with their thread CPU time beside the wall time the Long Tasks API reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness.ts';
import { LONG_TASK_OBSERVER } from '../../bench/scale.ts';
import { type MainTask, startTaskTrace, stopTaskTrace, taskFigures } from '../../bench/tasks.ts';

describe('task trace', () => {
  let browser: Browser;
  let page: Page;
  let traced: MainTask[];
  let entries: Array<{ start: number; duration: number }>;
  let busy: { start: number; end: number };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    await startTaskTrace(browser, page);
    await page.goto('data:text/html,<p>tasks</p>');
    // One task that computes for 150 ms of its own, then a quiet page.
    busy = (await page.evaluate(
      `new Promise((resolve) => setTimeout(() => {
        const start = performance.now();
        let x = 0;
        while (performance.now() - start < 150) x += Math.sqrt(x + 1);
        const end = performance.now();
        setTimeout(() => resolve({ start, end, x }), 300);
      }, 0))`,
    )) as { start: number; end: number };
    entries = (await page.evaluate('window.__longTasks')) as Array<{ start: number; duration: number }>;
    traced = await stopTaskTrace(browser, page);
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  it('finds the busy task on the page clock, with its wall time and a CPU time no longer than it', () => {
    const hit = traced.filter((t) => t.start <= busy.start + 1 && t.start + t.wallMs >= busy.end - 1);
    expect(hit).toHaveLength(1);
    const task = hit[0]!;
    expect(task.wallMs).toBeGreaterThanOrEqual(busy.end - busy.start - 1);
    expect(task.cpuMs).not.toBeNull();
    expect(task.cpuMs!).toBeGreaterThan(0);
    expect(task.cpuMs!).toBeLessThanOrEqual(task.wallMs + 1);
    // The Long Tasks API saw the same task, starting at the same moment (clocks tied by the trace's mark).
    const entry = entries.find((e) => e.start <= busy.start + 1 && e.start + e.duration >= busy.end - 1);
    expect(entry).toBeDefined();
    expect(Math.abs(entry!.start - task.start)).toBeLessThan(5);
  });

  it('counts and measures only the tasks that overlap the window asked for', () => {
    const around = taskFigures(entries, traced, busy.start, busy.end);
    expect(around.over50).toBe(1);
    expect(around.longestMs).toBeGreaterThanOrEqual(150);
    expect(around.longestCpuMs).toBeGreaterThan(0);
    // The window after it starts 50 ms on: the busy task's Long Tasks entry also counts the task's own
    // tail after its last line (CI once saw it end 6 ms after \`end\`, 156 ms in all, on a loaded machine).
    const after = taskFigures(entries, traced, busy.end + 50, busy.end + 250);
    expect(after).toEqual({ longestMs: 0, over50: 0, longestCpuMs: 0, over50Cpu: 0 });
    // Without a trace, CPU figures are null, not zero.
    expect(taskFigures(entries, null, busy.start, busy.end).longestCpuMs).toBeNull();
  });
});
