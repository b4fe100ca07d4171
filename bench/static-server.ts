// A static file server for benchmarks and browser tests that serve data beside the app (deck.gl page,
// generated cities, tilesets): several folders under URL prefixes, CORS open, lengths sent.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.glb': 'model/gltf-binary',
};

/**
 * A static HTTP server on 127.0.0.1 (free port): `mounts` maps a URL prefix ('/app/') to a folder.
 * Files go out with their length (the viewer checks sizes before reading); anything else is a 404.
 */
export async function startStaticServer(mounts: Readonly<Record<string, string>>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    // The path as sent, repeated slashes folded: a tileset at the host's root gets its content requested as
    // '//tiles/…' by 3d-tiles-renderer, which URL parsing would misread as a host name.
    const pathname = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]!).replace(/\/{2,}/g, '/');
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const root = path.resolve(dir);
      let file = path.resolve(root, '.' + pathname.slice(prefix.length - 1));
      if (!file.startsWith(root)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!existsSync(file)) break;
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
        'cache-control': 'no-store',
        'access-control-allow-origin': '*', // the browser test serves data beside the app's own server
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
