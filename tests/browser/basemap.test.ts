// The basemap: tiles from a local XYZ server (PNG tiles made here, one flat colour) are painted on the
// ground under the city; with the server down every tile fails and the data-drawn ground shows instead
// (land and sea of Monaco's coastline), never a blank ground; the source's credit is shown.
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { collectErrors, launchBrowser, startPreview, waitForCity } from './harness.ts';

/** CRC-32 (PNG chunk checksums). */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A 256 × 256 PNG of one RGB colour. */
function solidPng(r: number, g: number, b: number): Buffer {
  const w = 256;
  const raw = Buffer.alloc((w * 3 + 1) * w);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) raw.set([r, g, b], y * (w * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const TILE = solidPng(255, 0, 255); // magenta: no colour of the city is near it

interface Handle {
  renderNow(): void;
  pendingChunks(): number;
}

let server: PreviewServer;
let url: string;
let tiles: Server;
let tilePort: number;
const requested: string[] = [];
let browser: Browser;

beforeAll(async () => {
  ({ server, url } = await startPreview());
  tiles = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  tilePort = (tiles.address() as { port: number }).port;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tiles.listening) await new Promise((r) => tiles.close(r));
});

/** Share of sampled canvas pixels near magenta, and how many distinct colours there are. */
async function sample(page: Page): Promise<{ magenta: number; colours: number }> {
  return page.evaluate(() => {
    (window as unknown as { __citytwin: Handle }).__citytwin.renderNow();
    const gl = document.querySelector('canvas')!.getContext('webgl2')!;
    const px = new Uint8Array(4);
    let magenta = 0, n = 0;
    const seen = new Set<string>();
    for (let y = 0; y < gl.drawingBufferHeight; y += 12) {
      for (let x = 0; x < gl.drawingBufferWidth; x += 12) {
        gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        n++;
        seen.add(`${px[0]},${px[1]},${px[2]}`);
        if (px[0]! > 150 && px[2]! > 150 && px[1]! < 90) magenta++;
      }
    }
    return { magenta: magenta / n, colours: seen.size };
  });
}

async function open(template: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${url}?basemap=${encodeURIComponent(template)}`);
  await waitForCity(page);
  await page.waitForFunction(() => (window as unknown as { __citytwin: Handle }).__citytwin.pendingChunks() === 0);
  return { page, errors };
}

type Tiles = { wanted: number; loaded: number; failed: number };
const tileState = (page: Page): Promise<Tiles> =>
  page.evaluate(() => (window as unknown as { __citytwinStore: { getState(): { basemapTiles: Tiles } } }).__citytwinStore.getState().basemapTiles);

describe('basemap', () => {
  it('tiles from a local XYZ server appear under the city, with the source credited', async () => {
    const template = `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`;
    const { page, errors } = await open(template);
    await expect.poll(async () => { const t = await tileState(page); return t.wanted > 0 && t.loaded === t.wanted; }, { timeout: 60_000 }).toBe(true);
    const t = await tileState(page);
    expect(t.failed).toBe(0);
    expect(t.wanted).toBeLessThanOrEqual(64);
    expect(requested.filter((r) => /^\/\d+\/\d+\/\d+\.png$/.test(r)).length).toBeGreaterThanOrEqual(t.wanted);
    await expect.poll(async () => (await sample(page)).magenta, { timeout: 20_000 }).toBeGreaterThan(0.05);
    expect(await page.textContent('[data-testid=basemap-credit]')).toBe('Basemap: 127.0.0.1:' + tilePort);
    await page.click('[data-testid=basemap-button]');
    expect(await page.textContent('[data-testid=basemap-status]')).toBe(`${t.wanted} of ${t.wanted} tiles loaded`);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('with the tile server down every tile fails and the data-drawn ground shows instead', async () => {
    await new Promise((r) => tiles.close(r));
    const { page } = await open(`http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`);
    await expect.poll(async () => { const t = await tileState(page); return t.wanted > 0 && t.failed === t.wanted; }, { timeout: 60_000 }).toBe(true);
    const s = await sample(page);
    expect(s.magenta).toBe(0);
    expect(s.colours).toBeGreaterThan(20); // the city on its ground, not a blank void
    await page.click('[data-testid=basemap-button]');
    expect(await page.textContent('[data-testid=basemap-status]')).toContain('failed: the data-drawn ground shows where tiles are missing');
    // Back to the data ground by choice: no tiles wanted, remembered for the next visit.
    await page.click('input[data-kind=data]');
    expect((await tileState(page)).wanted).toBe(0);
    expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('citytwin.basemap') ?? '{}') as { kind?: string }).kind)).toBe('data');
    await page.context().close();
  }, 180_000);
});
