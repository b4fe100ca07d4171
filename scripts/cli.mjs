// `npm run cli -- <command> …`: runs the built command line (dist/cli/bin.js, made by `npm run build`)
// when it is at least as new as every file under src/cli and src/core; otherwise (no build yet, or
// sources edited since) the TypeScript sources through tsx, as in development. Plain JavaScript, so
// this launcher itself needs no compiling.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli/bin.js');

/** Newest modification time (ms) of the files under `dir`, 0 if it does not exist. */
function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const t = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (t > latest) latest = t;
  }
  return latest;
}

function fresh() {
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return newest(join(root, 'src/cli')) <= builtAt && newest(join(root, 'src/core')) <= builtAt;
}

if (process.env.CITYTWIN_CLI !== 'source' && fresh()) {
  await import(pathToFileURL(built).href);
} else {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const r = spawnSync(tsx, [join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 70;
}
