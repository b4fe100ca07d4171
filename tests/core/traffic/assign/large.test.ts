import { describe, expect, it } from 'vitest';
import { buildCityTraffic } from '../../../../src/core/traffic/session/build.ts';
import { buildPolygonLayer } from '../../../../src/core/geo/index.ts';
import { syntheticCity, syntheticRoads } from '../../../../src/core/synthetic/index.ts';
import { assign, buildDemand, buildNetwork, parseTntpNet, parseTntpTrips } from '../../../../src/core/traffic/assign/index.ts';
import type { Demand, Network } from '../../../../src/core/traffic/assign/index.ts';
import { gridNetwork } from '../../../../bench/network-gen.ts';

/** Largest relative imbalance of inflow + produced = outflow + attracted over the nodes. */
function worstImbalance(net: Network, demand: Demand, flows: Float64Array): number {
  const inflow = new Float64Array(net.numNodes);
  const outflow = new Float64Array(net.numNodes);
  for (let a = 0; a < net.numLinks; a++) {
    outflow[net.from[a]!]! += flows[a]!;
    inflow[net.to[a]!]! += flows[a]!;
  }
  const produced = new Float64Array(net.numNodes);
  const attracted = new Float64Array(net.numNodes);
  for (let g = 0; g < demand.origins.length; g++) {
    for (let k = demand.start[g]!; k < demand.start[g + 1]!; k++) {
      produced[demand.origins[g]!]! += demand.flow[k]!;
      attracted[demand.destination[k]!]! += demand.flow[k]!;
    }
  }
  let worst = 0;
  for (let i = 0; i < net.numNodes; i++) {
    const lhs = inflow[i]! + produced[i]!;
    const rhs = outflow[i]! + attracted[i]!;
    worst = Math.max(worst, Math.abs(lhs - rhs) / Math.max(lhs, rhs, 1));
  }
  return worst;
}

/**
 * A city-sized problem: the synthetic 5 km × 5 km street grid (10,200 road links, 2,601 road nodes,
 * 400 zones with 1,600 connectors) and its gravity demand (about 264,000 veh/h). Algorithm B must reach
 * relative gap 1e-4 with flows that are conserved at every node. No timing assertions (see
 * bench/traffic.ts and the report for seconds).
 */
describe('synthetic city grid (400 zones)', () => {
  it('Algorithm B reaches gap 1e-4 with flow conserved at every node', () => {
    const n = 22500;
    const buildings = syntheticCity({ buildings: n, seed: 5 }).features;
    const roads = syntheticRoads({ buildings: n }).features;
    const city = buildCityTraffic(roads, buildings, buildPolygonLayer(buildings).frame);
    const net = city.network;
    const demand = city.demandFor(undefined);
    expect(net.numZones).toBe(400);
    expect(demand.origins.length).toBe(400);

    const r = assign(net, demand, { method: 'b', targetGap: 1e-4, maxIterations: 100 });
    expect(r.stopReason).toBe('converged');
    expect(r.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(r.unassignedDemand).toBe(0);

    for (let a = 0; a < net.numLinks; a++) expect(r.linkFlows[a]).toBeGreaterThanOrEqual(0);
    expect(worstImbalance(net, demand, r.linkFlows)).toBeLessThan(1e-6);
  }, 120_000);
});

/**
 * The bushes store node and link ids, order positions and slot offsets in 16 bits when the network
 * allows it, else in 32. A 260 × 260 grid (67,600 nodes, about 270,000 links) needs 32 bits for all
 * of them; three zones keep it quick. Ids cut to 16 bits would put flow on wrong links: the flows would
 * not balance at the nodes or the gap, which a shortest-path search measures, would not close.
 */
describe('a network beyond 16-bit ids', () => {
  it('Algorithm B reaches gap 1e-10 with flow conserved at every node', () => {
    const g = gridNetwork({ side: 260, zones: 3, seed: 21, tripsPerZone: 4000 });
    const net = buildNetwork(parseTntpNet(g.netText, 'grid260'));
    const demand = buildDemand(parseTntpTrips(g.tripsText, 'grid260'), net);
    expect(net.numNodes).toBeGreaterThan(0xffff);
    expect(net.numLinks).toBeGreaterThan(0xffff);
    const r = assign(net, demand, { targetGap: 1e-10, maxIterations: 200 });
    expect(r.stopReason).toBe('converged');
    expect(r.unassignedDemand).toBe(0);
    let congested = 0;
    for (let a = 0; a < net.numLinks; a++) if (r.linkFlows[a]! > net.capacity[a]!) congested++;
    expect(congested).toBeGreaterThan(0); // the demand is heavy enough for the routes to spread
    expect(worstImbalance(net, demand, r.linkFlows)).toBeLessThan(1e-9);
  }, 120_000);
});
