// The picking worker's client, one per page, for the scene's picking trees (src/scene/pickingTrees.ts):
// the scene reaches workers through the store, never through src/sim-client itself.
import { PickingClient } from '../sim-client/index.ts';

let client: PickingClient | undefined;

/** The shared picking client, started on first use. */
export function pickingClient(): PickingClient {
  client ??= new PickingClient();
  return client;
}

