/**
 * Hydrogen demand: fuel-cell vehicle-km × consumption, by vehicle class (car, bus, truck), gathered
 * into station catchments.
 *
 *  - From traffic results: a link's peak-hour flow (veh/h) × length (km) / K gives all-fleet vehicle-km
 *    per day (K = peak-hour share of daily traffic, the carbon module's PEAK_HOUR_SHARE); the fleet mix
 *    (carbon module classes, grouped into car / bus / truck) splits it by class.
 *  - kg/day = vehicle-km/day of a class × FCEV share of that class × kg/km of that class.
 *  - Nearest station: every zone (or link) has the station nearest to it in a straight line (ties go
 *    to the station listed first). With the model's catchment "nearest" its demand is fixed there before
 *    the optimisation (demand at a closed or full station is unmet); with "capacitated" (the default)
 *    the optimiser may serve it at any open station within the maximum detour (network.ts, formulate.ts).
 */
import { DEFAULT_FLEET_MIX, PEAK_HOUR_SHARE, VEHICLE_CLASS_KEYS } from '../carbon/model/index.ts';
import type { FleetMix, VehicleClassKey } from '../carbon/model/index.ts';
import type { Polylines } from '../traffic/viz/index.ts';
import { CONSUMPTION_KG_PER_100KM, H2_VEHICLE_CLASSES } from './defaults.ts';
import type { H2VehicleClass } from './defaults.ts';
import type { VehKmByClass, ZoneInput } from './model.ts';

export type ByClass = Readonly<Record<H2VehicleClass, number>>;

export const zeroByClass = (): Record<H2VehicleClass, number> => ({ car: 0, bus: 0, truck: 0 });

/** The hydrogen-class group of a carbon-module vehicle class. */
export function h2ClassOf(key: VehicleClassKey): H2VehicleClass {
  if (key.startsWith('bus_')) return 'bus';
  if (key.startsWith('truck_')) return 'truck';
  return 'car';
}

/** Shares of vehicles by car / bus / truck from a carbon-module fleet mix (default: its default mix). */
export function classSharesOf(mix: FleetMix = DEFAULT_FLEET_MIX): ByClass {
  const out = zeroByClass();
  for (const key of VEHICLE_CLASS_KEYS) out[h2ClassOf(key)] += mix[key];
  return out;
}

/** kg H2 per km by class: defaults, with overrides in kg/100 km. */
export function consumptionKgPerKm(overrides: Readonly<Partial<Record<H2VehicleClass, number>>> = {}): ByClass {
  const out = zeroByClass();
  for (const cls of H2_VEHICLE_CLASSES) out[cls] = (overrides[cls] ?? CONSUMPTION_KG_PER_100KM[cls].value) / 100;
  return out;
}

/** Hydrogen demand of all-fleet vehicle-km: Σ vkm[c] × share[c] × kgPerKm[c], and the FCEV vkm by class. */
export function hydrogenFromVehKm(
  vehKmPerDay: VehKmByClass,
  fcevShare: Readonly<Partial<Record<H2VehicleClass, number>>>,
  kgPerKm: ByClass,
): { kgPerDay: ByClass; fcevKmPerDay: ByClass } {
  const kg = zeroByClass();
  const km = zeroByClass();
  for (const cls of H2_VEHICLE_CLASSES) {
    km[cls] = (vehKmPerDay[cls] ?? 0) * (fcevShare[cls] ?? 0);
    kg[cls] = km[cls] * kgPerKm[cls];
  }
  return { kgPerDay: kg, fcevKmPerDay: km };
}

/** Index of the nearest point of `xs, ys` to (x, y) in a straight line; ties go to the lower index. -1 if none. */
export function nearestIndex(x: number, y: number, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i]! - x) ** 2 + (ys[i]! - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Assigned traffic as the demand model reads it: one row per directed link. */
export interface TrafficLinks {
  /** Link centre lines in the model's local metres. */
  readonly polylines: Polylines;
  /** Peak-hour flow per link, veh/h. */
  readonly flowsVehPerHour: ArrayLike<number>;
  readonly lengthM: ArrayLike<number>;
  /** 1 for zone connectors (left out: they are not roads). */
  readonly isConnector?: ArrayLike<number>;
}

/** A traffic network's links with one assignment's flows, as the hydrogen demand reads them. */
export function trafficLinksOf(view: Pick<TrafficLinks, 'polylines' | 'lengthM' | 'isConnector'>, flowsVehPerHour: ArrayLike<number>): TrafficLinks {
  return { polylines: view.polylines, flowsVehPerHour, lengthM: view.lengthM, ...(view.isConnector ? { isConnector: view.isConnector } : {}) };
}

export interface TrafficDemandOptions {
  /** Peak-hour share of daily traffic (default the carbon module's K = 0.09). */
  readonly peakHourShare?: number;
  /** Vehicle mix of the flows (default the carbon module's default fleet mix). */
  readonly fleetMix?: FleetMix;
}

/**
 * Demand zones from assigned traffic: one zone per station catchment, holding the all-fleet vehicle-km
 * per day by class of the links whose midpoint lies nearest that station. Put them in
 * `model.demand.zones` (with `fcevShare`) — each sits on its station, so that station is its nearest (with
 * capacitated catchments it may still be served at another station within the detour).
 */
export function zonesFromTraffic(
  traffic: TrafficLinks,
  stations: readonly { readonly id: string; readonly x: number; readonly y: number }[],
  options: TrafficDemandOptions = {},
): ZoneInput[] {
  const k = options.peakHourShare ?? PEAK_HOUR_SHARE;
  if (!(k > 0 && k <= 1)) throw new RangeError(`peak-hour share must be in (0, 1], got ${k}`);
  const shares = classSharesOf(options.fleetMix);
  const xs = stations.map((s) => s.x);
  const ys = stations.map((s) => s.y);
  const vkm = stations.map(() => 0);
  const { coords, offsets } = traffic.polylines;
  for (let l = 0; l + 1 < offsets.length; l++) {
    if (traffic.isConnector?.[l]) continue;
    const q = traffic.flowsVehPerHour[l] ?? 0;
    const len = traffic.lengthM[l] ?? 0;
    if (!(q > 0) || !(len > 0)) continue;
    const a = offsets[l]!;
    const b = offsets[l + 1]!;
    if (b <= a) continue;
    // Midpoint of the polyline's first and last points: enough to pick a catchment.
    const mx = (coords[2 * a]! + coords[2 * (b - 1)]!) / 2;
    const my = (coords[2 * a + 1]! + coords[2 * (b - 1) + 1]!) / 2;
    const s = nearestIndex(mx, my, xs, ys);
    if (s >= 0) vkm[s]! += (q * len) / 1000 / k;
  }
  return stations.map((st, i) => ({
    id: `catchment:${st.id}`,
    catchmentOf: st.id,
    xy: [st.x, st.y] as const,
    vehKmPerDay: { car: vkm[i]! * shares.car, bus: vkm[i]! * shares.bus, truck: vkm[i]! * shares.truck },
  }));
}
