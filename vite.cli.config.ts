// Bundles the command line for node: dist/cli/bin.cjs (src/cli/bin.ts) plus one chunk per command, so
// `npm run cli` starts without compiling TypeScript and loads only the command it runs. Runs after the
// app build (which empties dist/), hence emptyOutDir: false. The chunks sit beside bin.cjs:
// src/cli/city.ts finds the repository as '../../' from its module.
//
// CommonJS, not ES modules: node 20 sets up its ES module loader only for an ES module, and that costs
// every run about 20 ms before any work (a `cli assign` of Sioux Falls: 0.124 s above its solve as
// ES modules, 0.103 s as CommonJS; 11 runs each, interleaved). Dependencies stay external
// (node_modules), but for the four published only as ES modules (flatbush and its flatqueue among
// them), which are bundled in: node 20 before 20.19 cannot require() them.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: ['@noble/hashes', 'earcut', 'flatbush', 'flatqueue'] },
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist/cli',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: { format: 'cjs', entryFileNames: 'bin.cjs', chunkFileNames: '[name].cjs' },
    },
  },
});
