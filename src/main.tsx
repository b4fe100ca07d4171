// The page's entry: the styles, then the app's code in four steps.
// Korean and Latin glyphs shipped with the app (SIL Open Font License), so kiosks need no system fonts.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles.css';

// Each step's modules are evaluated in a task of their own: three.js, React's DOM renderer, R3F, then the
// app (the store, the scene, the panels; src/boot.tsx). Evaluated in one go, the production build's longest
// task before the view's context took 147-306 ms of CPU; in steps, 41-59 (five start-ups of each, interleaved).
await import('three');
await import('react-dom/client');
await import('@react-three/fiber');
await import('./boot.tsx');
