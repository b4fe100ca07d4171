import { describe, expect, it } from 'vitest';
import { buildCityTraffic } from '../../../../src/core/traffic/session/build.ts';
import { buildPolygonLayer } from '../../../../src/core/geo/index.ts';
import { syntheticCity, syntheticRoads } from '../../../../src/core/synthetic/index.ts';
import { assign } from '../../../../src/core/traffic/assign/index.ts';

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

    // inflow + produced = outflow + attracted at every node.
    const inflow = new Float64Array(net.numNodes);
    const outflow = new Float64Array(net.numNodes);
    for (let a = 0; a < net.numLinks; a++) {
      const v = r.linkFlows[a]!;
      expect(v).toBeGreaterThanOrEqual(0);
      outflow[net.from[a]!]! += v;
      inflow[net.to[a]!]! += v;
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
    expect(worst).toBeLessThan(1e-6);
  }, 120_000);
});
