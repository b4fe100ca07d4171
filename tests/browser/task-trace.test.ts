// The benchmarks' task trace (bench/tasks.ts): a page's long tasks from a Chromium trace, on the page's
// clock, with their thread CPU time beside the wall time the Long Tasks API reports, and how long the GPU
// process's main thread was busy within each (what a task that waits on a synchronous WebGL call waits for).
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
  let waited: { start: number; end: number };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.addInitScript({ content: LONG_TASK_OBSERVER });
    await startTaskTrace(browser, page);
    await page.goto('data:text/html,<p>tasks</p>');
    // One task that computes for 150 ms of its own, once the page's first frames are drawn (the GPU process
    // is busy drawing them for a few hundred ms after load), then a quiet page.
    busy = (await page.evaluate(
      `new Promise((resolve) => setTimeout(() => {
        const start = performance.now();
        let x = 0;
        while (performance.now() - start < 150) x += Math.sqrt(x + 1);
        const end = performance.now();
        setTimeout(() => resolve({ start, end, x }), 300);
      }, 800))`,
    )) as { start: number; end: number };
    // One task that waits on the GPU process: a heavy draw read back at once (readPixels waits for it).
    waited = (await page.evaluate(
      `new Promise((resolve) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 512;
        const gl = canvas.getContext('webgl2');
        const shader = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return s; };
        const program = gl.createProgram();
        gl.attachShader(program, shader(gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; void main() { gl_Position = vec4(p, 0.0, 1.0); }'));
        gl.attachShader(program, shader(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision highp float; out vec4 c; uniform float n;' +
          'void main() { float x = gl_FragCoord.x; for (float i = 0.0; i < n; i++) x = fract(sin(x) * 43758.5); c = vec4(x); }'));
        gl.linkProgram(program);
        gl.getProgramParameter(program, gl.LINK_STATUS);
        gl.useProgram(program);
        gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
        gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
        gl.enableVertexAttribArray(0);
        gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
        gl.uniform1f(gl.getUniformLocation(program, 'n'), 1500);
        setTimeout(() => {
          const start = performance.now();
          gl.drawArrays(gl.TRIANGLES, 0, 3);
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          const end = performance.now();
          setTimeout(() => resolve({ start, end }), 300);
        }, 300);
      })`,
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

  it('tells a task that computes from one that waits on the GPU process', () => {
    const find = (w: { start: number; end: number }): MainTask => traced.find((t) => t.start <= w.start + 1 && t.start + t.wallMs >= w.end - 1)!;
    const computing = find(busy);
    expect(computing.gpuBusyMs).not.toBeNull();
    expect(computing.gpuBusyMs!).toBeLessThan(computing.wallMs / 2);
    const waiting = find(waited);
    expect(waiting, 'the read-back task').toBeDefined();
    expect(waiting.gpuBusyMs!).toBeGreaterThan(waiting.wallMs / 2);
    expect(waiting.cpuMs!).toBeLessThan(waiting.wallMs / 2);
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
