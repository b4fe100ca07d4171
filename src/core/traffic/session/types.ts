// Shapes exchanged between the model host worker and the viewer (plain data and typed arrays).
import type { Assumption } from '../../assumption/index.ts';
import type { Polylines } from '../viz/index.ts';

/** A model input the user cannot otherwise see: its value, unit and where it comes from (the shape every model uses). */
export type { Assumption } from '../../assumption/index.ts';

/** The routable network and demand of a city, as the viewer draws and inspects it. */
export interface TrafficNetworkView {
  readonly linkCount: number;
  /** Link centre lines in local metres (the city's frame), one polyline per directed link. */
  readonly polylines: Polylines;
  /** veh/h */
  readonly capacity: Float64Array;
  /** Free-flow time, minutes. */
  readonly fftMin: Float64Array;
  readonly lengthM: Float64Array;
  /** Lanes in the link's direction (0 for connectors). */
  readonly lanes: Float32Array;
  /** Index into the road-class defaults table; 255 for zone connectors. */
  readonly roadClass: Uint8Array;
  readonly isConnector: Uint8Array;
  /** Feature index in the roads layer (-1 for connectors). */
  readonly sourceFeature: Int32Array;
  readonly zones: {
    /** All zones: internal ones first, then external (cordon) zones. */
    readonly count: number;
    /** Internal zones (0..internalCount-1); zones from internalCount on are external gates. Absent: all internal. */
    readonly internalCount?: number;
    /** Local metres x, y per zone. */
    readonly centroids: Float32Array;
    /** Trips produced / attracted per zone in the peak hour, veh/h. */
    readonly production: Float64Array;
    readonly attraction: Float64Array;
  };
  /** Total peak-hour trips (veh/h) at demand scale 1. */
  readonly totalDemand: number;
  readonly assumptions: readonly Assumption[];
  /** Counts for the user: nodes, links, dropped features and why. */
  readonly stats: Readonly<Record<string, number>>;
}

export interface TrafficEdits {
  /** Links closed to traffic. */
  readonly closed: readonly number[];
  /** Lanes set on a link (capacity scales with lanes). */
  readonly lanes: readonly { readonly link: number; readonly lanes: number }[];
}

export interface TrafficRunParams {
  readonly demandScale: number;
  /** Multiplies the trips produced and attracted by a zone (zone index -> factor). */
  readonly zoneFactors?: readonly { readonly zone: number; readonly factor: number }[];
  readonly edits: TrafficEdits;
  readonly targetGap: number;
  readonly maxIterations: number;
  readonly method?: 'b' | 'cfw';
  /** Start from the previous run's solution in this worker when the network is unchanged. */
  readonly warmStart?: boolean;
}

export interface TrafficIteration {
  readonly iteration: number;
  readonly relativeGap: number;
  readonly objective: number;
  /** Total system travel time, vehicle-minutes per hour. */
  readonly tstt: number;
}

export interface TrafficSummary {
  /** Vehicle-kilometres in the hour (road links only, connectors excluded). */
  readonly vehKm: number;
  /** Vehicle-hours in the hour (road links only). */
  readonly vehHours: number;
  readonly meanSpeedKmh: number;
  /** Demand that could not reach its destination (veh/h), e.g. after closing links. */
  readonly unassignedDemand: number;
  /** Assigned demand, veh/h. */
  readonly assignedDemand: number;
  /** The most congested road links, highest volume/capacity first. */
  readonly topCongested: readonly { readonly link: number; readonly vc: number }[];
}

export interface TrafficRunResult {
  /** veh/h per link */
  readonly flows: Float64Array;
  /** Congested travel time per link, minutes. */
  readonly timesMin: Float64Array;
  /** Effective capacity per link after edits (0 when closed). */
  readonly capacity: Float64Array;
  readonly iterations: number;
  readonly relativeGap: number;
  readonly objective: number;
  readonly tstt: number;
  readonly stopReason: 'converged' | 'maxIterations' | 'cancelled';
  readonly warmStarted: boolean;
  readonly seconds: number;
  readonly history: readonly TrafficIteration[];
  readonly summary: TrafficSummary;
  readonly params: TrafficRunParams;
}
