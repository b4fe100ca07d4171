// Builds a city's traffic model from its layers: grid zones and trip ends from the buildings, a
// routable network from the roads (zones joined by connectors), a gravity trip table over free-flow
// network times — and the view the viewer draws, with every assumption listed.
import { createDemandModel, distribute, freeFlowSkim, buildDemandZones, DEFAULT_CELL_SIZE_M } from '../demand/index.ts';
import type { LocalFrame } from '../geo/index.ts';
import { buildRoadNetwork } from '../roadnet/index.ts';
import { type Demand, type Network, buildDemand } from '../traffic/index.ts';
import type { Assumption, TrafficNetworkView, TrafficRunParams } from './types.ts';

export interface CityTrafficOptions {
  /** Zone grid cell, metres (default 250). */
  readonly cellSizeM?: number;
  /** Gravity deterrence β, per minute (default from src/core/demand). */
  readonly beta?: number;
  readonly connectorsPerZone?: number;
}

export interface CityTraffic {
  readonly network: Network;
  readonly view: TrafficNetworkView;
  readonly demandFor: (zoneFactors: TrafficRunParams['zoneFactors']) => Demand;
}

export function buildCityTraffic(
  roads: readonly unknown[],
  buildings: readonly unknown[],
  frame: LocalFrame,
  options: CityTrafficOptions = {},
): CityTraffic {
  const cellSizeM = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  const zones = buildDemandZones(buildings, { frame, cellSizeM });
  if (zones.numZones < 2) throw new Error(`the buildings give ${zones.numZones} zone(s) of ${cellSizeM} m; at least 2 are needed for trips`);
  const rn = buildRoadNetwork(roads, {
    frame,
    zones: zones.centroid,
    ...(options.connectorsPerZone !== undefined ? { connectorsPerZone: options.connectorsPerZone } : {}),
  });
  if (rn.stats.roadLinks === 0) throw new Error('the roads layer has no roads that cars can use');
  const net = rn.network;
  const cost = freeFlowSkim(net);
  const model = createDemandModel(
    { numZones: zones.numZones, productions: zones.productions, attractions: zones.attractions, centroid: zones.centroid },
    cost,
    options.beta !== undefined ? { beta: options.beta } : {},
  );
  const base = distribute(model);
  const baseDemand = buildDemand(base.trips, net);
  const demandFor = (zoneFactors: TrafficRunParams['zoneFactors']): Demand =>
    zoneFactors && zoneFactors.length > 0 ? buildDemand(distribute(model, { zones: zoneFactors }).trips, net) : baseDemand;

  const lengthM = net.length.slice();
  const stats: Record<string, number> = {
    roadLinks: rn.stats.roadLinks,
    roadNodes: rn.stats.roadNodes,
    connectors: rn.stats.connectors,
    zones: zones.numZones,
    carFeatures: rn.stats.carFeatures,
    featuresDroppedNotCarRoads: Object.values(rn.stats.droppedByClass).reduce((a, b) => a + b, 0),
    linksDroppedDisconnected: rn.stats.sccDroppedLinks,
    buildingsUsed: zones.stats.used,
    furnessIterations: base.iterations,
  };
  const assumptions: Assumption[] = [
    ...rn.assumptions,
    ...zones.assumptions,
    ...base.assumptions,
  ];
  // One entry per key: later modules may repeat a shared figure.
  const seen = new Set<string>();
  const unique = assumptions.filter((a) => (seen.has(a.key) ? false : (seen.add(a.key), true)));
  const view: TrafficNetworkView = {
    linkCount: net.numLinks,
    polylines: { coords: rn.geometry.coords, offsets: rn.geometry.offsets },
    capacity: net.capacity.slice(),
    fftMin: net.fft.slice(),
    lengthM,
    lanes: rn.lanes,
    roadClass: rn.roadClass,
    isConnector: rn.isConnector,
    sourceFeature: rn.sourceFeature,
    zones: {
      count: zones.numZones,
      centroids: Float32Array.from(zones.centroid),
      production: base.productions,
      attraction: base.attractions,
    },
    totalDemand: baseDemand.total,
    assumptions: unique,
    stats,
  };
  return { network: net, view, demandFor };
}
