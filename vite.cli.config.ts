// Bundles the command line for node: dist/cli/bin.js (src/cli/bin.ts) plus one chunk per command, so
// `npm run cli` starts without compiling TypeScript and loads only the command it runs. Runs after the
// app build (which empties dist/), hence emptyOutDir: false. Dependencies stay external (node_modules).
// The chunks sit beside bin.js: src/cli/city.ts finds the repository as '../../' from its module.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist/cli',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: { format: 'es', entryFileNames: 'bin.js', chunkFileNames: '[name].js' },
    },
  },
});
