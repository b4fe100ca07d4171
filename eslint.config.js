// Lint: TypeScript rules for the whole tree, plus the layering of ARCHITECTURE.md, written once in LAYERS
// below (each layer: its files, the layers it may import) and turned into `no-restricted-imports` rules, so
// an upward import fails `npm run lint` (tests/lint/layers.test.ts keeps that true). src/core is also pure
// TypeScript (no three, react, zustand, comlink or DOM), so it runs in node and workers.
import tseslint from 'typescript-eslint';

/**
 * Each layer: `files` (its sources), `dirs` (the folder names by which an import specifier reaches it),
 * `imports` (the layers it may import; its own is always allowed), `types` (layers it may import types from,
 * `import type` only), `packages` (npm packages it may not use, by PACKAGES key). Layers point down:
 * core <- workers <- sim-client <- store <- scene <- ui <- app; the CLI stands on core alone. Scene and UI
 * reach the workers through the store, never through sim-client; comlink and the workers' types stay in
 * workers/ and src/sim-client.
 */
export const LAYERS = {
  core: { files: ['src/core/**'], dirs: ['core'], imports: [], packages: ['three', 'react', 'zustand', 'comlink'] },
  workers: { files: ['workers/**'], dirs: ['workers'], imports: ['core'], packages: ['react', 'zustand'] },
  'sim-client': { files: ['src/sim-client/**'], dirs: ['sim-client'], imports: ['core'], types: ['workers'], packages: ['three', 'react', 'zustand'] },
  store: { files: ['src/store/**'], dirs: ['store'], imports: ['core', 'sim-client'], packages: ['three', 'comlink'] },
  scene: { files: ['src/scene/**'], dirs: ['scene'], imports: ['core', 'store'], packages: ['comlink'] },
  ui: { files: ['src/ui/**'], dirs: ['ui'], imports: ['core', 'store', 'scene'], packages: ['comlink'] },
  // The shell: the app, bench mode (src/app/bench), the kiosk and the entry point (main.tsx, boot.tsx).
  app: { files: ['src/app/**', 'src/main.tsx', 'src/boot.tsx'], dirs: ['app'], imports: ['core', 'sim-client', 'store', 'scene', 'ui'], packages: ['comlink'] },
  cli: { files: ['src/cli/**'], dirs: ['cli'], imports: ['core'], packages: ['three', 'react', 'zustand', 'comlink'] },
};

/** npm packages a layer may be kept from, by name. */
const PACKAGES = {
  three: { group: ['three', 'three/*', '@react-three/*'], why: 'no three.js here (scene and workers draw and pick)' },
  react: { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@react-three/*'], why: 'no React here (scene, ui and app render)' },
  zustand: { group: ['zustand', 'zustand/*'], why: 'no zustand here (the store is src/store)' },
  comlink: { group: ['comlink'], why: 'comlink stays in workers/ and src/sim-client' },
};

/**
 * Crossings lint allows in one file only, each a debt with its way out (remove the entry when it is paid):
 * `allow` lists import specifiers taken as they are, `allowTypes` ones allowed as `import type` only.
 */
export const EXCEPTIONS = [
  // None today. An entry names files, the specifiers they may import beyond their layer (`allow`, or
  // `allowTypes` for type-only imports) and `why`, so a debt is visible here and in tests/lint.
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A specifier that reaches folder `dir` (`../store/index.ts`, `../../src/core/geo/index.ts`, `../store`), except those in `except`. */
const reaching = (dir, except = []) => `^${except.length ? `(?!(?:${except.map(escape).join('|')})$)` : ''}(?:.*/)?${escape(dir)}(?:/|$)`;

/** The no-restricted-imports patterns of one layer, with a file's exceptions taken out. */
function importPatterns(name, exception = {}) {
  const layer = LAYERS[name];
  const allowed = [name, ...layer.imports];
  const may = `${name} may import only ${allowed.join(', ')}${layer.types ? ` and types of ${layer.types.join(', ')}` : ''} (ARCHITECTURE: layers point down)`;
  const allow = [...(exception.allow ?? []), ...(exception.allowTypes ?? [])];
  const patterns = [];
  for (const [other, { dirs }] of Object.entries(LAYERS)) {
    if (allowed.includes(other)) continue;
    const typeOnly = layer.types?.includes(other) ?? false;
    for (const dir of dirs) {
      patterns.push({ regex: reaching(dir, allow), ...(typeOnly ? { allowTypeImports: true } : {}), message: `${may}: not ${other}${typeOnly ? ' values' : ''}.` });
    }
  }
  for (const spec of exception.allowTypes ?? []) {
    patterns.push({ regex: `^${escape(spec)}$`, allowTypeImports: true, message: `${may}: types only from ${spec} (${exception.why}).` });
  }
  patterns.push({ regex: reaching('tests'), message: 'Product code never calls test code: test hooks call product code.' });
  for (const key of layer.packages) patterns.push({ group: PACKAGES[key].group, message: `${name}: ${PACKAGES[key].why}.` });
  return patterns;
}

const BASE_SYNTAX = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never build HTML from strings: file values are text.' },
  { selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]', message: 'Never build HTML from strings: file values are text.' },
];
const TEST_GLOBAL_SYNTAX = {
  selector: 'MemberExpression[property.name=/^__citytwin/]',
  message: 'window.__citytwin* are test hooks: product code never reads or sets them (tests/browser/page/hooks.ts installs them in the test build).',
};

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'requestAnimationFrame', 'location'];

function layerConfigs() {
  const configs = [];
  for (const [name, layer] of Object.entries(LAYERS)) {
    configs.push({
      files: layer.files,
      rules: { 'no-restricted-syntax': ['error', ...BASE_SYNTAX, TEST_GLOBAL_SYNTAX] },
    });
    configs.push({
      files: layer.files,
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: importPatterns(name) }] },
    });
    for (const exception of EXCEPTIONS) {
      const files = exception.files.filter((f) => layer.files.some((g) => f.startsWith(g.replace('**', ''))));
      if (files.length) configs.push({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: importPatterns(name, exception) }] } });
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'bench/out/**', 'bench/.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...BASE_SYNTAX],
    },
  },
  ...layerConfigs(),
  // CommonJS on purpose (scripts/cli.cjs says why): require() is how such a file imports.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'src/core runs in node and workers: no DOM (rule 1).' }))],
    },
  },
);
