// `npm run cli -- <command> …`: runs the built command line (dist/cli/bin.cjs, made by `npm run build`)
// when it is at least as new as every file under src/cli and src/core; otherwise (no build yet, or
// sources edited since) the TypeScript sources through tsx, as in development. Plain CommonJS, so this
// launcher needs no compiling, and node sets up no ES module loader for the built command line
// (vite.cli.config.ts says why that matters).
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist/cli/bin.cjs');

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
  require(built);
} else {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const r = spawnSync(tsx, [join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 70;
}
