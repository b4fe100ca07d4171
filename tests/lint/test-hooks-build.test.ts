// The test hooks are test code (tests/browser/page) that only the test build reaches: vite.config.ts's
// testHooksBuild swaps src/main.tsx's last step for the hooks' boot in mode `test-hooks`, and in no other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_HOOKS_MODE, testHooksBuild } from '../../vite.config.ts';

const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/main.tsx');
const TEST_BOOT = join(ROOT, 'tests/browser/page/boot.ts');

type Resolve = (source: string, importer: string | undefined) => string | null;
const resolver = (mode: string): Resolve => testHooksBuild(mode).resolveId as unknown as Resolve;

describe('the test build', () => {
  it('swaps the app boot for the hooks then the app, in mode test-hooks only', () => {
    expect(resolver(TEST_HOOKS_MODE)('./boot.tsx', MAIN)).toBe(TEST_BOOT);
    for (const mode of ['production', 'development', 'test']) expect(resolver(mode)('./boot.tsx', MAIN), mode).toBeNull();
    // Only main.tsx's import of its own boot step; the hooks' boot then reaches the real src/boot.tsx.
    expect(resolver(TEST_HOOKS_MODE)('./boot.tsx', TEST_BOOT)).toBeNull();
    expect(resolver(TEST_HOOKS_MODE)('../../../src/boot.tsx', TEST_BOOT)).toBeNull();
    expect(resolver(TEST_HOOKS_MODE)('./boot.tsx', undefined)).toBeNull();
  });

  it('the swapped step is the one main.tsx imports, and the hooks run before the app', () => {
    expect(readFileSync(MAIN, 'utf8')).toMatch(/await import\('\.\/boot\.tsx'\)/);
    const boot = readFileSync(TEST_BOOT, 'utf8');
    expect(boot.indexOf("import './hooks.ts';")).toBeGreaterThan(-1);
    expect(boot.indexOf("import './hooks.ts';")).toBeLessThan(boot.indexOf("import '../../../src/boot.tsx';"));
  });

  it('the product npm scripts build without the hooks, the test scripts with them', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build']).not.toContain('--mode');
    expect(scripts['start']).not.toContain('--mode');
    expect(scripts['test:browser']).toContain(`vite build --mode ${TEST_HOOKS_MODE}`);
    expect(scripts['screenshots']).toContain(`vite build --mode ${TEST_HOOKS_MODE}`);
  });
});
