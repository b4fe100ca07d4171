/**
 * Progress reports, thinned: workers report far more often than a screen (or a message channel) needs.
 * One helper for the workers (fewer messages) and the clients (fewer renders).
 */

/**
 * At most one call every `ms` milliseconds; a call for which `always` holds (e.g. the last one) always goes
 * through.
 */
export function throttled<A extends unknown[]>(fn: (...args: A) => void, ms: number, always: (...args: A) => boolean = () => false): (...args: A) => void {
  let last = -Infinity;
  return (...args: A) => {
    const now = performance.now();
    if (!always(...args) && now - last < ms) return;
    last = now;
    fn(...args);
  };
}
