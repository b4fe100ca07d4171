// Heartbeat answer for the worker bridge (src/sim-client/bridge.ts): a plain message `{ __citytwinHeartbeat: n }`
// is echoed back as soon as the worker's event loop is free, so the main thread can tell a live worker from
// one that was terminated from outside or hangs. Comlink ignores the message on both sides (no id, no type).
const KEY = '__citytwinHeartbeat';

export function answerHeartbeats(): void {
  self.addEventListener('message', (e: MessageEvent) => {
    if (e.data && typeof e.data === 'object' && KEY in e.data) self.postMessage({ [KEY]: (e.data as Record<string, unknown>)[KEY] });
  });
}
