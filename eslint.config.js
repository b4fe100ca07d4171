// Lint: TypeScript rules for the whole tree, plus the layering rule of ARCHITECTURE.md:
// src/core is pure TypeScript (no three, react, zustand, comlink or DOM), so it runs in node and workers.
import tseslint from 'typescript-eslint';

const coreBannedImports = [
  { group: ['three', 'three/*'], message: 'src/core must not depend on three (rule 1).' },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'src/core must not depend on react (rule 1).' },
  { group: ['@react-three/*'], message: 'src/core must not depend on react-three (rule 1).' },
  { group: ['zustand', 'zustand/*'], message: 'src/core must not depend on zustand (rule 1).' },
  { group: ['comlink'], message: 'src/core must not know about workers; adapters live in workers/.' },
  { group: ['**/scene/**', '**/store/**', '**/ui/**', '**/app/**', '**/sim-client/**', '**/workers/**'], message: 'src/core may import only from src/core (layers point down).' },
];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'requestAnimationFrame', 'location'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'bench/.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never build HTML from strings: file values are text.' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Never build HTML from strings: file values are text.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: coreBannedImports }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'src/core runs in node and workers: no DOM (rule 1).' }))],
    },
  },
);
