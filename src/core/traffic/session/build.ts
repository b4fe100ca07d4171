// Builds a city's traffic model from its layers: grid zones and trip ends from the buildings, a
// routable network from the roads (zones joined by connectors), external (cordon) zones where the main
// roads leave the data's area, a gravity trip table over free-flow network times — and the view the
// viewer draws, with every assumption listed.
import {
  type Balancing,
  DEFAULT_CELL_SIZE_M,
  DEFAULT_COMMUTER_LAND_USES,
  DEFAULT_COMMUTER_SHARE,
  DEFAULT_THROUGH_SHARE,
  type GateOptions,
  type KoreaRateParameters,
  type LandUseKey,
  type TripMethod,
  buildDemandZones,
  buildingPoints,
  createDemandModel,
  distribute,
  externalAssumptions,
  externalTotals,
  findGates,
  freeFlowSkim,
} from '../demand/index.ts';
import type { LocalFrame } from '../../geo/index.ts';
import { buildRoadNetwork } from '../osm/index.ts';
import { type Demand, type Network, buildDemand } from '../assign/index.ts';
import { addExternalZones } from './external.ts';
import type { Assumption, TrafficNetworkView, TrafficRunParams } from './types.ts';

/** External (cordon) zone options; see src/core/traffic/demand/external.ts. */
export interface ExternalZoneOptions {
  /** Add external zones at the gates (default true). */
  readonly enabled?: boolean;
  /** OSM `highway` values whose dead ends at the edge are gates (default motorway … secondary and links). */
  readonly gateClasses?: readonly string[];
  /** Raster cell of the data's area, m (default 50). */
  readonly edgeCellM?: number;
  /** A gate lies within this distance of the outside, m (default 100). */
  readonly edgeMarginM?: number;
  /** Gates closer than this merge, m (default 150). */
  readonly mergeDistanceM?: number;
  /** Share of commuter-land-use trip ends with an external end (default 0.89, IMSEE Monaco 2022). */
  readonly commuterShare?: number;
  /** Through trips / all trips with an external end (default 0.1, CityTwin assumption). */
  readonly throughShare?: number;
  /** Of those commuter trip ends, the share crossing the cordon by car (default 1: as the rates assume). */
  readonly commuterCarShare?: number;
  /** Sources of the two shares above, for the assumptions list (a city profile's). */
  readonly commuterShareSource?: string;
  readonly commuterCarShareSource?: string;
  /** Land uses whose trip ends are commutes (default office, other). */
  readonly commuterLandUses?: readonly LandUseKey[];
}

export interface CityTrafficOptions {
  /** Zone grid cell, metres (default 250). */
  readonly cellSizeM?: number;
  /** Gravity deterrence β, per minute (default from src/core/traffic/demand). */
  readonly beta?: number;
  readonly connectorsPerZone?: number;
  /** Legal speed limits of untagged roads by class, km/h (a city profile's), and their source. */
  readonly speedLimits?: Readonly<Record<string, number>>;
  readonly speedLimitsSource?: string;
  /** Trip generation: 'ite' (default; ITE vehicle rates) or 'korea' (person trips × car share ÷ occupancy). */
  readonly tripMethod?: TripMethod;
  /** Korean-practice figures to override when tripMethod is 'korea'. */
  readonly korea?: Partial<KoreaRateParameters>;
  /** Internal trip-end balancing: 'attractions' (default), 'productions' or { controlTotal } veh/h. */
  readonly balancing?: Balancing;
  readonly external?: ExternalZoneOptions;
}

/** External zones as the viewer shows them (zone index = numInternal + k). */
export interface ExternalZonesView {
  readonly count: number;
  readonly names: readonly string[];
  /** Capacity at each gate (veh/h, both directions) and its share of the external trips. */
  readonly capacity: Float64Array;
  readonly share: Float64Array;
}

export interface CityTraffic {
  readonly network: Network;
  readonly view: TrafficNetworkView;
  readonly demandFor: (zoneFactors: TrafficRunParams['zoneFactors']) => Demand;
  /** Gates (present when external zones were built; the view also carries counts in `stats`). */
  readonly external?: ExternalZonesView;
}

export function buildCityTraffic(
  roads: readonly unknown[],
  buildings: readonly unknown[],
  frame: LocalFrame,
  options: CityTrafficOptions = {},
): CityTraffic {
  const cellSizeM = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  const ext = options.external ?? {};
  const commuterLandUses = ext.commuterLandUses ?? DEFAULT_COMMUTER_LAND_USES;
  const zones = buildDemandZones(buildings, {
    frame,
    cellSizeM,
    commuterLandUses,
    ...(options.tripMethod !== undefined ? { tripMethod: options.tripMethod } : {}),
    ...(options.korea !== undefined ? { korea: options.korea } : {}),
  });
  if (zones.numZones < 2) throw new Error(`the buildings give ${zones.numZones} zone(s) of ${cellSizeM} m; at least 2 are needed for trips`);
  const rn = buildRoadNetwork(roads, {
    frame,
    zones: zones.centroid,
    ...(options.connectorsPerZone !== undefined ? { connectorsPerZone: options.connectorsPerZone } : {}),
    ...(options.speedLimits !== undefined ? { speedLimits: options.speedLimits } : {}),
    ...(options.speedLimitsSource !== undefined ? { speedLimitsSource: options.speedLimitsSource } : {}),
  });
  if (rn.stats.roadLinks === 0) throw new Error('the roads layer has no roads that cars can use');

  // External zones at the gates, numbered after the internal zones.
  const Z = zones.numZones;
  const enabled = ext.enabled !== false;
  const gateOptions: GateOptions = {
    dataPoints: buildingPoints(buildings, frame),
    ...(ext.gateClasses !== undefined ? { gateClasses: ext.gateClasses } : {}),
    ...(ext.edgeCellM !== undefined ? { edgeCellM: ext.edgeCellM } : {}),
    ...(ext.edgeMarginM !== undefined ? { edgeMarginM: ext.edgeMarginM } : {}),
    ...(ext.mergeDistanceM !== undefined ? { mergeDistanceM: ext.mergeDistanceM } : {}),
  };
  const search = enabled ? findGates(roads, frame, gateOptions) : undefined;
  const xn = search && search.gates.length > 0 ? addExternalZones(rn, roads, frame, search.gates) : undefined;
  const E = xn ? xn.kept.length : 0;
  const net = xn ? xn.network : rn.network;
  const commuterShare = ext.commuterShare ?? DEFAULT_COMMUTER_SHARE;
  const throughShare = ext.throughShare ?? DEFAULT_THROUGH_SHARE;
  const commuterCarShare = ext.commuterCarShare ?? 1;
  const totals = E > 0 ? externalTotals(zones.workProductions, zones.workAttractions, xn!.kept, { commuterShare, throughShare, commuterCarShare }) : undefined;

  const cost = freeFlowSkim(net);
  const model = createDemandModel(
    {
      numZones: Z,
      productions: zones.productions,
      attractions: zones.attractions,
      centroid: zones.centroid,
      ...(totals ? { external: totals } : {}),
    },
    cost,
    {
      ...(options.beta !== undefined ? { beta: options.beta } : {}),
      ...(options.balancing !== undefined ? { balancing: options.balancing } : {}),
    },
  );
  const base = distribute(model);
  const baseDemand = buildDemand(base.trips, net);
  const demandFor = (zoneFactors: TrafficRunParams['zoneFactors']): Demand =>
    zoneFactors && zoneFactors.length > 0 ? buildDemand(distribute(model, { zones: zoneFactors }).trips, net) : baseDemand;

  let departures = 0;
  let arrivals = 0;
  for (let z = 0; z < Z; z++) {
    departures += base.productions[z]!;
    arrivals += base.attractions[z]!;
  }
  const stats: Record<string, number> = {
    roadLinks: rn.stats.roadLinks,
    roadNodes: rn.stats.roadNodes,
    connectors: rn.stats.connectors + (xn ? xn.network.numLinks - rn.network.numLinks : 0),
    zones: Z + E,
    internalZones: Z,
    externalZones: E,
    gateDeadEnds: search?.deadEnds ?? 0,
    gateRoadEnds: search?.atEdge ?? 0,
    gatesNotJoined: xn?.dropped ?? 0,
    carFeatures: rn.stats.carFeatures,
    featuresDroppedNotCarRoads: Object.values(rn.stats.droppedByClass).reduce((a, b) => a + b, 0),
    linksDroppedDisconnected: rn.stats.sccDroppedLinks,
    buildingsUsed: zones.stats.used,
    furnessIterations: base.iterations,
    tripsGeneratedOut: zones.stats.productions,
    tripsGeneratedIn: zones.stats.attractions,
    tripsDepartingInternal: departures,
    tripsArrivingInternal: arrivals,
    tripsInternal: base.segments.internal,
    tripsOutbound: base.segments.outbound,
    tripsInbound: base.segments.inbound,
    tripsThrough: base.segments.through,
  };
  const assumptions: Assumption[] = [
    ...rn.assumptions,
    ...zones.assumptions,
    ...base.assumptions,
    ...(search ? search.assumptions : []),
    ...(enabled ? externalAssumptions(commuterShare, throughShare, commuterLandUses, {
          carShare: commuterCarShare,
          ...(ext.commuterShareSource !== undefined ? { commuterShare: ext.commuterShareSource } : {}),
          ...(ext.commuterCarShareSource !== undefined ? { commuterCarShare: ext.commuterCarShareSource } : {}),
        }) : [{ key: 'external.enabled', value: 'no', source: 'City profile setting: trips to and from outside the area are not modelled' }]),
  ];
  // One entry per key: later modules may repeat a shared figure.
  const seen = new Set<string>();
  const unique = assumptions.filter((a) => (seen.has(a.key) ? false : (seen.add(a.key), true)));
  const N = Z + E;
  const centroids = new Float32Array(2 * N);
  centroids.set(Float32Array.from(model.centroid));
  const view: TrafficNetworkView = {
    linkCount: net.numLinks,
    polylines: xn ? { coords: xn.coords, offsets: xn.offsets } : { coords: rn.geometry.coords, offsets: rn.geometry.offsets },
    capacity: net.capacity.slice(),
    fftMin: net.fft.slice(),
    lengthM: net.length.slice(),
    lanes: xn ? xn.lanes : rn.lanes,
    roadClass: xn ? xn.roadClass : rn.roadClass,
    isConnector: xn ? xn.isConnector : rn.isConnector,
    sourceFeature: xn ? xn.sourceFeature : rn.sourceFeature,
    zones: {
      count: N,
      internalCount: Z,
      centroids,
      production: base.productions,
      attraction: base.attractions,
    },
    totalDemand: baseDemand.total,
    assumptions: unique,
    stats,
  };
  const external: ExternalZonesView | undefined = xn
    ? { count: E, names: xn.kept.map((g) => g.name), capacity: Float64Array.from(xn.kept, (g) => g.capacity), share: totals!.gateShare.slice() }
    : undefined;
  return { network: net, view, demandFor, ...(external ? { external } : {}) };
}
