// Heartbeat answer for the worker bridge (src/sim-client/bridge.ts): a heartbeat message (src/core/heartbeat)
// is echoed back as soon as the worker's event loop is free, so the main thread can tell a live worker from
// one that was terminated from outside or hangs.
import { HEARTBEAT_KEY, isHeartbeat } from '../src/core/heartbeat/index.ts';

export function answerHeartbeats(): void {
  self.addEventListener('message', (e: MessageEvent) => {
    if (isHeartbeat(e.data)) self.postMessage({ [HEARTBEAT_KEY]: e.data[HEARTBEAT_KEY] });
  });
}
