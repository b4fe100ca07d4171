// Helpers for the traffic tests: read the TNTP fixtures and build networks and demand from them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildDemand,
  buildNetwork,
  flowsByLink,
  parseTntpFlow,
  parseTntpNet,
  parseTntpTrips,
} from '../../../../src/core/traffic/assign/index.ts';
import type { Demand, Network } from '../../../../src/core/traffic/assign/index.ts';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/tntp/', import.meta.url));

export function fixtureText(file: string): string {
  return readFileSync(`${FIXTURES}${file}`, 'utf8');
}

export interface Problem {
  readonly net: Network;
  readonly demand: Demand;
}

const cache = new Map<string, Problem>();

/** Network and demand of `<name>_net.tntp` / `<name>_trips.tntp` (cached; never mutated by the core). */
export function problem(name: 'Braess' | 'SiouxFalls' | 'Anaheim'): Problem {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const net = buildNetwork(parseTntpNet(fixtureText(`${name}_net.tntp`), `${name}_net.tntp`));
  const demand = buildDemand(parseTntpTrips(fixtureText(`${name}_trips.tntp`), `${name}_trips.tntp`), net);
  const made = { net, demand };
  cache.set(name, made);
  return made;
}

/** Best-known link flows of `<name>_flow.tntp`, in the network's link order. */
export function bestFlows(name: 'SiouxFalls' | 'Anaheim'): Float64Array {
  const { net } = problem(name);
  return flowsByLink(net, parseTntpFlow(fixtureText(`${name}_flow.tntp`), `${name}_flow.tntp`));
}

/**
 * Largest flow error relative to max(best, floor): links with meaningful flow (>= floor veh/h) are
 * compared relatively, near-zero links absolutely (error <= tolerance × floor).
 */
export function worstFlowError(flows: Float64Array, best: Float64Array, floor: number): number {
  let worst = 0;
  for (let a = 0; a < best.length; a++) {
    const err = Math.abs(flows[a]! - best[a]!) / Math.max(best[a]!, floor);
    if (err > worst) worst = err;
  }
  return worst;
}

export function bytesOf(array: Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
