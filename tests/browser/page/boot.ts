// The test build's last start-up step (vite.config.ts, testHooksBuild, puts it where src/main.tsx imports
// ./boot.tsx): the test hooks, then the app. Static imports are evaluated in order, so the hooks are on
// `window` before src/boot.tsx renders; and both are in this step's chunks, which the entry's preload
// links name as in the product build.
import './hooks.ts';
import '../../../src/boot.tsx';
