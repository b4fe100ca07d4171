// The layering lint (eslint.config.js: LAYERS) run through ESLint's API on small in-memory files placed in
// each layer: an upward import is reported, a downward one is not, any exception stays file-exact and
// still needed, and every folder of src/ belongs to a layer. So the rule cannot rot without a failing test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

interface LintConfig {
  LAYERS: Record<string, { files: string[] }>;
  EXCEPTIONS: Array<{ files: string[] }>;
}
// eslint.config.js is plain JavaScript, outside the type check: its table is read in this shape.
const { EXCEPTIONS, LAYERS } = (await import(/* @vite-ignore */ new URL('../../eslint.config.js', import.meta.url).href)) as LintConfig;

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The messages ESLint reports for `code` placed at `filePath`, from the layering rules only. */
async function layering(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.fatal)
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

// [file, import, allowed]
const CASES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['src/core/geo/probe.ts', "import { useStore } from '../../store/index.ts';", false],
  ['src/core/geo/probe.ts', "import { wrap } from 'comlink';", false],
  ['src/core/geo/probe.ts', "import * as THREE from 'three';", false],
  ['src/core/geo/probe.ts', "import { syntheticCity } from '../synthetic/index.ts';", true],
  ['workers/probe.ts', "import { useStore } from '../src/store/index.ts';", false],
  ['workers/probe.ts', "import { WorkerBridge } from '../src/sim-client/index.ts';", false],
  ['workers/probe.ts', "import { create } from 'zustand';", false],
  ['workers/probe.ts', "import { expose } from 'comlink';\nimport { syntheticCity } from '../src/core/synthetic/index.ts';", true],
  ['src/sim-client/probe.ts', "import { ingestApi } from '../../workers/ingest.ts';", false],
  ['src/sim-client/probe.ts', "import type { IngestApi } from '../../workers/ingest.worker.ts';", true],
  ['src/sim-client/probe.ts', "import { useStore } from '../store/index.ts';", false],
  ['src/store/probe.ts', "import { translate } from '../ui/i18n/index.ts';", false],
  ['src/store/probe.ts', "import type { MessageKey } from '../ui/i18n/index.ts';", false],
  ['src/store/probe.ts', "import { viewControl } from '../scene/viewControl.ts';", false],
  ['src/store/probe.ts', "import { proxy } from 'comlink';", false],
  ['src/store/probe.ts', "import { IngestClient } from '../sim-client/index.ts';\nimport { isLanguage } from '../core/language/index.ts';", true],
  ['src/store/probe.ts', "import type { MessageKey, MessageParams } from '../core/language/index.ts';", true],
  ['src/scene/probe.ts', "import { PickingClient } from '../sim-client/index.ts';", false],
  ['src/scene/probe.ts', "import { pickingApi } from '../../workers/picking.worker.ts';", false],
  ['src/scene/probe.ts', "import { PICKING_TREE_OPTIONS } from '../core/geo/pickingTree.ts';\nimport { pickingClient } from '../store/picking.ts';", true],
  ['src/scene/probe.ts', "import { Legend } from '../ui/Legend.tsx';", false],
  ['src/scene/probe.ts', "import { useStore } from '../store/index.ts';", true],
  ['src/ui/probe.ts', "import { HydrogenClient } from '../sim-client/index.ts';", false],
  ['src/ui/probe.ts', "import { App } from '../app/App.tsx';", false],
  ['src/ui/probe.ts', "import { openCity } from '../../tests/browser/harness.ts';", false],
  ['src/ui/probe.ts', "import { CARBON_RAMP } from '../scene/carbonStyle.ts';\nimport { useStore } from '../store/index.ts';", true],
  ['src/app/probe.ts', "import type { IngestApi } from '../../workers/ingest.worker.ts';", false],
  ['src/app/probe.ts', "import { wrap } from 'comlink';", false],
  ['src/app/probe.ts', "import { workerBridges } from '../sim-client/index.ts';\nimport { LayerPanel } from '../ui/LayerPanel.tsx';", true],
  ['src/cli/probe.ts', "import { useStore } from '../store/index.ts';", false],
  ['src/cli/probe.ts', "import { syntheticCity } from '../core/synthetic/index.ts';", true],
];

describe('layering lint', () => {
  it.each(CASES)('%s: %s (allowed: %s)', async (file, code, allowed) => {
    const messages = await layering(file, code);
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.some((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
  });

  it('keeps product code off the test globals', async () => {
    const read = 'const h = (window as unknown as { __citytwinStore?: unknown }).__citytwinStore;\nvoid h;';
    // Every product layer, the app shell too: the hooks that set these are test code (tests/browser/page).
    for (const file of ['src/ui/probe.ts', 'src/scene/probe.ts', 'src/store/probe.ts', 'src/app/probe.ts', 'src/boot.tsx']) {
      expect((await layering(file, read)).some((m) => m.startsWith('no-restricted-syntax')), file).toBe(true);
    }
  });

  it('the files that were layer debts lint clean: picking through the store, notices keyed in core, the view handle read by the shell', async () => {
    for (const file of ['src/scene/pickingTrees.ts', 'src/store/types.ts', 'src/store/tiles.ts', 'src/store/scenario.ts', 'src/scene/viewHandle.ts', 'src/app/bench/benchMode.ts']) {
      expect(await layering(file, readFileSync(file, 'utf8').replace(/^export \{\};$/m, '')), file).toEqual([]);
    }
    expect(EXCEPTIONS).toEqual([]);
  });

  it('has no stale exceptions: each excepted file still needs its exception', async () => {
    for (const exception of EXCEPTIONS) {
      for (const file of exception.files) {
        expect(existsSync(file), `${file} is gone: remove it from EXCEPTIONS in eslint.config.js`).toBe(true);
        // The same text one folder over, where no exception applies: it must still cross a layer.
        const probe = file.replace(/[^/]+$/, 'exception-probe.ts');
        const crossings = await layering(probe, readFileSync(file, 'utf8').replace(/^export \{\};$/m, ''));
        expect(crossings.length, `${file} no longer crosses a layer: remove it from EXCEPTIONS in eslint.config.js`).toBeGreaterThan(0);
      }
    }
  });

  it('puts every folder of src/ and workers/ in a layer', () => {
    const globs = Object.values(LAYERS).flatMap((l) => l.files);
    const covered = (path: string) => globs.some((g) => (g.endsWith('/**') ? path.startsWith(g.slice(0, -2)) : path === g));
    const entries = readdirSync('src', { withFileTypes: true }).map((e) => (e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`));
    const uncovered = [...entries.filter((p) => /\.(ts|tsx)$|\/$/.test(p)), 'workers/'].filter((p) => !covered(p));
    expect(uncovered).toEqual([]);
  });
});
