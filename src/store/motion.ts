// The user's "reduce motion" setting (the `prefers-reduced-motion: reduce` media query of the operating
// system or browser), for the parts that animate: vehicle dots, hydrogen delivery arcs and camera flights.
// When it is set they should jump to their end state (a camera flight becomes a cut, moving dots stand
// still) instead of animating. Kept here, not in src/ui, so the scene can read it too (scene → store).

const QUERY = '(prefers-reduced-motion: reduce)';

function media(): MediaQueryList | null {
  return typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(QUERY) : null;
}

/** True when the user asked for less motion (false where there is no window, e.g. in node). */
export function prefersReducedMotion(): boolean {
  return media()?.matches ?? false;
}

/** Calls `listener` with the new setting whenever it changes; returns the unsubscribe function. */
export function onReducedMotionChange(listener: (reduce: boolean) => void): () => void {
  const m = media();
  if (!m) return () => {};
  const handler = (e: MediaQueryListEvent): void => listener(e.matches);
  m.addEventListener('change', handler);
  return () => m.removeEventListener('change', handler);
}
