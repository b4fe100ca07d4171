/**
 * The worker heartbeat's message, shared by the bridge that sends it (src/sim-client/bridge.ts) and the
 * workers that echo it (workers/heartbeat.ts): a plain `{ [HEARTBEAT_KEY]: n }`, which comlink ignores on
 * both sides (it has no id and no type).
 */
export const HEARTBEAT_KEY = 'citytwinHeartbeat';

/** Whether a message's data is a heartbeat. */
export function isHeartbeat(data: unknown): data is Record<typeof HEARTBEAT_KEY, number> {
  return data !== null && typeof data === 'object' && HEARTBEAT_KEY in data;
}
