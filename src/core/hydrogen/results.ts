/**
 * What a planner reads from a solved supply network: flows by arc, station and source figures, summary
 * costs and CO2 per kg delivered, trailer trips, the mass balance and the well-to-wheel CO2 of the
 * fuel-cell fleet beside the petrol/diesel vehicles it replaces.
 *
 * Units: kg H2/day; KRW/day; kg CO2e/day; t/yr where named; distances km. "Delivered" is what reaches
 * stations; mass balance: demand = delivered + unmet, and supplied = delivered (no losses modelled).
 * Zones: where each demand unit (zone, or a station's own demand) was served, kg/day by station. With
 * catchment "capacitated" a station's demand is what it served plus the unmet demand of the zones nearest
 * to it (unmet demand stays with the zone's nearest station), so demand = delivered + unmet per station too.
 */
import { DAYS_PER_YEAR, H2_VEHICLE_CLASSES } from './defaults.ts';
import type { DeliveryKind, H2VehicleClass, SourceType } from './defaults.ts';
import { zeroByClass } from './demand.ts';
import type { ByClass } from './demand.ts';
import type { Formulation } from './formulate.ts';
import type { NetSource, NetStation, Network } from './network.ts';

export interface FlowResult {
  readonly source: string;
  readonly station: string;
  readonly mode: string;
  readonly modeKind: DeliveryKind;
  /** Indices into `stations`, `sources` and the network's modes. */
  readonly sourceIndex: number;
  readonly stationIndex: number;
  readonly modeIndex: number;
  readonly kgPerDay: number;
  readonly km: number;
  /** Trips per day (fractional unless trips are integer); 0 for pipelines. */
  readonly tripsPerDay: number;
  /** Production + delivery cost of this flow, KRW/day. */
  readonly krwPerDay: number;
  readonly kgCo2ePerDay: number;
}

export interface StationResult
  extends Pick<NetStation, 'id' | 'name' | 'x' | 'y' | 'lonLat' | 'candidate' | 'capacityKgPerDay' | 'demandKgPerDay' | 'demandByClass' | 'zones'> {
  /** Demand of the station's nearest-station catchment before allocation (= demandKgPerDay with "nearest"). */
  readonly catchmentKgPerDay: number;
  readonly open: boolean;
  readonly deliveredKgPerDay: number;
  readonly unmetKgPerDay: number;
  /** delivered / capacity (0 when capacity is 0). */
  readonly utilisation: number;
  /** Cost and CO2 per kg of what arrived here (0 when nothing did). */
  readonly krwPerKg: number;
  readonly kgCo2ePerKg: number;
}

/** Where one demand unit was served. */
export interface ZoneAllocation {
  readonly station: string;
  readonly stationIndex: number;
  readonly kgPerDay: number;
  /** Extra road km per visit against the zone's nearest station (0 there). */
  readonly detourKm: number;
  /** Drivers' detour cost of this allocation, KRW/day. */
  readonly detourKrwPerDay: number;
}


export interface ZoneResult {
  readonly id: string;
  /** The station whose catchment the zone is, when it is one (zones made from traffic). */
  readonly catchmentOf?: string;
  /** A station's own demand (`stations[].demandKgPerDay`), which only that station can serve. */
  readonly atStation: boolean;
  /** Id of the nearest station. */
  readonly nearestStation: string;
  readonly demandKgPerDay: number;
  readonly servedKgPerDay: number;
  readonly unmetKgPerDay: number;
  /** Served kg/day by station, largest first (ties in station order); empty when nothing is served. */
  readonly allocations: readonly ZoneAllocation[];
}

/** A source of the network with what the solution draws from it. */
export interface SourceResult extends NetSource {
  readonly suppliedKgPerDay: number;
  /** supplied / capacity (0 when capacity is 0). */
  readonly utilisation: number;
}

export interface SupplySummary {
  readonly demandKgPerDay: number;
  readonly deliveredKgPerDay: number;
  readonly unmetKgPerDay: number;
  readonly suppliedKgPerDay: number;
  readonly demandTPerYear: number;
  readonly deliveredTPerYear: number;
  /** demand − delivered − unmet, kg/day (0 up to solver tolerance). */
  readonly massBalanceResidualKgPerDay: number;
  readonly productionKrwPerDay: number;
  readonly deliveryKrwPerDay: number;
  readonly stationFixedKrwPerDay: number;
  /** Production + delivery + station fixed costs (no penalties), KRW/day. */
  readonly totalKrwPerDay: number;
  /** totalKrwPerDay / delivered kg (0 when nothing is delivered). */
  readonly krwPerKgDelivered: number;
  readonly productionKgCo2ePerDay: number;
  readonly deliveryKgCo2ePerDay: number;
  readonly totalKgCo2ePerDay: number;
  readonly kgCo2ePerKgDelivered: number;
  /** Trailer and tanker trips per day, all modes with a payload. */
  readonly trailerTripsPerDay: number;
  readonly tripsPerDayByMode: Readonly<Record<string, number>>;
  readonly kgPerDayByMode: Readonly<Record<string, number>>;
  readonly kgPerDayBySourceType: Readonly<Partial<Record<SourceType, number>>>;
  readonly stationsOpen: number;
  readonly candidatesOpened: number;
  /** Penalty part of the objective (unmet demand), in objective units. */
  readonly unmetPenalty: number;
  /** Zone demand served at a station other than the zone's nearest, kg/day (0 with catchment "nearest"). */
  readonly movedKgPerDay: number;
  /**
   * Drivers' detour cost, KRW/day: part of the cost and weighted objectives, not of totalKrwPerDay (a
   * supply cost). Objective (cost) = totalKrwPerDay + detourKrwPerDay + unmetPenalty.
   */
  readonly detourKrwPerDay: number;
  /** CO2 of the detours' hydrogen, kg CO2e/day (in the co2 and weighted objectives, not in totalKgCo2ePerDay). */
  readonly detourKgCo2ePerDay: number;
}

/** Well-to-wheel comparison of the fuel-cell vehicle-km served with the same km in petrol/diesel vehicles. */
export interface WellToWheel {
  readonly fcevKmPerDay: ByClass;
  /** CO2 of the hydrogen delivered (production + delivery), kg CO2e/day. */
  readonly fcevKgCo2ePerDay: number;
  /** The same vehicle-km in the vehicles replaced, kg CO2e/day. */
  readonly replacedKgCo2ePerDay: number;
  readonly replacedByClass: ByClass;
  readonly fcevByClass: ByClass;
  /** replaced − fcev, kg CO2e/day (negative: the hydrogen emits more than the fuel it replaces). */
  readonly savedKgCo2ePerDay: number;
  readonly savedTPerYear: number;
  /** Fleet-average hydrogen carbon intensity delivered, kg CO2e/kg (feeds the carbon map's hydrogen factor). */
  readonly hydrogenKgCo2ePerKg: number;
}

export interface HydrogenSolution {
  readonly flows: readonly FlowResult[];
  readonly stations: readonly StationResult[];
  /** The model's zones, then the stations' own demand, as in the network. */
  readonly zones: readonly ZoneResult[];
  readonly sources: readonly SourceResult[];
  readonly summary: SupplySummary;
  readonly wellToWheel: WellToWheel;
}

const EPS = 1e-6;
const clean = (v: number): number => (Math.abs(v) < EPS ? 0 : v);

/** Reads a primal solution `x` (HiGHS colValue) of `f` into results. */
export function readSolution(net: Network, f: Formulation, x: ArrayLike<number>): HydrogenSolution {
  const nJ = net.stations.length;
  const nS = net.sources.length;
  const delivered = new Float64Array(nJ);
  const stationKrw = new Float64Array(nJ);
  const stationCo2 = new Float64Array(nJ);
  const supplied = new Float64Array(nS);
  const flows: FlowResult[] = [];
  let productionKrw = 0;
  let deliveryKrw = 0;
  let productionCo2 = 0;
  let deliveryCo2 = 0;
  let trips = 0;
  const tripsByMode: Record<string, number> = {};
  const kgByMode: Record<string, number> = {};
  const kgByType: Partial<Record<SourceType, number>> = {};
  for (const m of net.modes) {
    kgByMode[m.id] = 0;
    if (m.payloadKg !== null) tripsByMode[m.id] = 0;
  }

  for (let k = 0; k < f.arcCount; k++) {
    const kg = clean(x[k] ?? 0);
    if (kg <= 0) continue;
    const a = net.arcs[k]!;
    const src = net.sources[a.source]!;
    const mode = net.modes[a.mode]!;
    const tc = f.tripCol[k]!;
    const t = tc >= 0 ? clean(x[tc] ?? 0) : mode.payloadKg !== null ? kg / mode.payloadKg : 0;
    const krw = kg * a.krwPerKg + t * a.krwPerTrip;
    const co2 = kg * a.kgCo2ePerKg + t * a.kgCo2ePerTrip;
    flows.push({
      source: src.id,
      station: net.stations[a.station]!.id,
      mode: mode.id,
      modeKind: mode.kind,
      sourceIndex: a.source,
      stationIndex: a.station,
      modeIndex: a.mode,
      kgPerDay: kg,
      km: a.km,
      tripsPerDay: t,
      krwPerDay: krw,
      kgCo2ePerDay: co2,
    });
    delivered[a.station]! += kg;
    stationKrw[a.station]! += krw;
    stationCo2[a.station]! += co2;
    supplied[a.source]! += kg;
    productionKrw += kg * src.costKrwPerKg;
    deliveryKrw += krw - kg * src.costKrwPerKg;
    productionCo2 += kg * src.kgCo2ePerKg;
    deliveryCo2 += co2 - kg * src.kgCo2ePerKg;
    if (mode.payloadKg !== null) {
      trips += t;
      tripsByMode[mode.id] = (tripsByMode[mode.id] ?? 0) + t;
    }
    kgByMode[mode.id] = (kgByMode[mode.id] ?? 0) + kg;
    kgByType[src.type] = (kgByType[src.type] ?? 0) + kg;
  }

  const capacitated = net.catchment.mode === 'capacitated';
  const nZ = net.zones.length;
  // Capacitated: served kg by demand unit and option, and per station what it served and the unmet demand
  // of the units nearest to it.
  const alloc = net.zones.map((z, i) => z.options.map((_, k) => (capacitated ? clean(x[f.allocStart[i]! + k] ?? 0) : 0)));
  const zoneUnmet = new Float64Array(nZ);
  const servedAt = new Float64Array(nJ);
  const unmetHome = new Float64Array(nJ);
  const servedByClass = net.stations.map(() => zeroByClass());
  if (capacitated) {
    for (let i = 0; i < nZ; i++) {
      const z = net.zones[i]!;
      const uc = f.zoneUnmetCol[i]!;
      zoneUnmet[i] = uc >= 0 ? clean(x[uc] ?? 0) : 0;
      unmetHome[z.nearest]! += zoneUnmet[i]!;
      const share = (kg: number): number => (z.demandKgPerDay > 0 ? kg / z.demandKgPerDay : 0);
      z.options.forEach((o, k) => {
        const kg = alloc[i]![k]!;
        servedAt[o.station]! += kg;
        for (const cls of H2_VEHICLE_CLASSES) servedByClass[o.station]![cls] += share(kg) * z.demandByClass[cls];
      });
      for (const cls of H2_VEHICLE_CLASSES) servedByClass[z.nearest]![cls] += share(zoneUnmet[i]!) * z.demandByClass[cls];
    }
  }

  let fixed = 0;
  let open = 0;
  let opened = 0;
  let unmetTotal = 0;
  let demandTotal = 0;
  const fcevKm = zeroByClass();
  const fcevCo2 = zeroByClass();
  const replacedCo2 = zeroByClass();
  const stationCo2PerKg = new Float64Array(nJ);
  const stations: StationResult[] = net.stations.map((s, j) => {
    const oc = f.openCol[j]!;
    const isOpen = oc >= 0 ? (x[oc] ?? 0) > 0.5 : true;
    const uc = f.unmetCol[j]!;
    const unmet = capacitated ? unmetHome[j]! : uc >= 0 ? clean(x[uc] ?? 0) : 0;
    const del = delivered[j]!;
    const demand = capacitated ? servedAt[j]! + unmet : s.demandKgPerDay;
    if (isOpen) {
      open++;
      if (s.candidate) opened++;
      fixed += s.fixedCostKrwPerDay; // paid whatever the objective
    }
    unmetTotal += unmet;
    demandTotal += demand;
    const perKgCo2 = del > 0 ? stationCo2[j]! / del : 0;
    stationCo2PerKg[j] = perKgCo2;
    if (!capacitated) {
      // Served share of the catchment's fuel-cell km, class by class in proportion to demand.
      const served = s.demandKgPerDay > 0 ? del / s.demandKgPerDay : 0;
      for (const cls of H2_VEHICLE_CLASSES) {
        const km = served * s.fcevKmByClass[cls];
        fcevKm[cls] += km;
        fcevCo2[cls] += served * s.demandByClass[cls] * perKgCo2;
        replacedCo2[cls] += km * net.replacedKgCo2ePerKm[cls];
      }
    }
    const by = servedByClass[j]!;
    return {
      id: s.id,
      name: s.name,
      x: s.x,
      y: s.y,
      lonLat: s.lonLat,
      candidate: s.candidate,
      open: isOpen,
      capacityKgPerDay: s.capacityKgPerDay,
      demandKgPerDay: demand,
      catchmentKgPerDay: s.demandKgPerDay,
      deliveredKgPerDay: del,
      unmetKgPerDay: unmet,
      utilisation: s.capacityKgPerDay > 0 ? del / s.capacityKgPerDay : 0,
      demandByClass: capacitated ? { car: by.car, bus: by.bus, truck: by.truck } : s.demandByClass,
      krwPerKg: del > 0 ? stationKrw[j]! / del : 0,
      kgCo2ePerKg: perKgCo2,
      zones: s.zones,
    };
  });

  // Zones: capacitated from the allocation columns; "nearest" pro rata of the station's served share.
  let moved = 0;
  let detourKrw = 0;
  let detourCo2 = 0;
  const zones: ZoneResult[] = net.zones.map((z, i) => {
    const allocations: ZoneAllocation[] = [];
    let unmet: number;
    if (capacitated) {
      unmet = zoneUnmet[i]!;
      z.options.forEach((o, k) => {
        const kg = alloc[i]![k]!;
        if (kg <= 0) return;
        const krw = kg * o.krwPerKg;
        if (o.station !== z.nearest) moved += kg;
        detourKrw += krw;
        detourCo2 += kg * o.kgCo2ePerKg;
        allocations.push({ station: net.stations[o.station]!.id, stationIndex: o.station, kgPerDay: kg, detourKm: o.detourKm, detourKrwPerDay: krw });
        // Well-to-wheel: the served share of this unit's fuel-cell km, at the serving station's CO2 per kg.
        const share = z.demandKgPerDay > 0 ? kg / z.demandKgPerDay : 0;
        for (const cls of H2_VEHICLE_CLASSES) {
          const km = share * z.fcevKmByClass[cls];
          fcevKm[cls] += km;
          fcevCo2[cls] += share * z.demandByClass[cls] * stationCo2PerKg[o.station]!;
          replacedCo2[cls] += km * net.replacedKgCo2ePerKm[cls];
        }
      });
      allocations.sort((a, b) => b.kgPerDay - a.kgPerDay || a.stationIndex - b.stationIndex);
    } else {
      const st = stations[z.nearest]!;
      const share = st.demandKgPerDay > 0 ? st.deliveredKgPerDay / st.demandKgPerDay : 0;
      const kg = clean(share * z.demandKgPerDay);
      unmet = clean(z.demandKgPerDay - kg);
      if (kg > 0) allocations.push({ station: st.id, stationIndex: z.nearest, kgPerDay: kg, detourKm: 0, detourKrwPerDay: 0 });
    }
    return {
      id: z.id,
      ...(z.catchmentOf !== undefined ? { catchmentOf: z.catchmentOf } : {}),
      atStation: z.atStation,
      nearestStation: net.stations[z.nearest]!.id,
      demandKgPerDay: z.demandKgPerDay,
      servedKgPerDay: z.demandKgPerDay - unmet,
      unmetKgPerDay: unmet,
      allocations,
    };
  });
  const sources: SourceResult[] = net.sources.map((s, i) => ({
    ...s,
    suppliedKgPerDay: supplied[i]!,
    utilisation: s.capacityKgPerDay > 0 ? supplied[i]! / s.capacityKgPerDay : 0,
  }));

  let deliveredTotal = 0;
  for (let j = 0; j < nJ; j++) deliveredTotal += delivered[j]!;
  let suppliedTotal = 0;
  for (let i = 0; i < nS; i++) suppliedTotal += supplied[i]!;
  const totalKrw = productionKrw + deliveryKrw + fixed;
  const totalCo2 = productionCo2 + deliveryCo2;
  const penalty = unmetTotal * (net.objective === 'co2' ? net.unmetPenaltyKgCo2ePerKg : net.objective === 'cost' ? net.unmetPenaltyKrwPerKg : net.unmetPenaltyKrwPerKg + (net.carbonPriceKrwPerTCo2e / 1000) * net.unmetPenaltyKgCo2ePerKg);

  const sum = (b: ByClass): number => b.car + b.bus + b.truck;
  const fcevTotal = sum(fcevCo2);
  const replacedTotal = sum(replacedCo2);
  const byClass = (r: Record<H2VehicleClass, number>): ByClass => ({ car: r.car, bus: r.bus, truck: r.truck });

  return {
    flows,
    stations,
    zones,
    sources,
    summary: {
      demandKgPerDay: demandTotal,
      deliveredKgPerDay: deliveredTotal,
      unmetKgPerDay: unmetTotal,
      suppliedKgPerDay: suppliedTotal,
      demandTPerYear: (demandTotal * DAYS_PER_YEAR) / 1000,
      deliveredTPerYear: (deliveredTotal * DAYS_PER_YEAR) / 1000,
      massBalanceResidualKgPerDay: clean(demandTotal - deliveredTotal - unmetTotal),
      productionKrwPerDay: productionKrw,
      deliveryKrwPerDay: deliveryKrw,
      stationFixedKrwPerDay: fixed,
      totalKrwPerDay: totalKrw,
      krwPerKgDelivered: deliveredTotal > 0 ? totalKrw / deliveredTotal : 0,
      productionKgCo2ePerDay: productionCo2,
      deliveryKgCo2ePerDay: deliveryCo2,
      totalKgCo2ePerDay: totalCo2,
      kgCo2ePerKgDelivered: deliveredTotal > 0 ? totalCo2 / deliveredTotal : 0,
      trailerTripsPerDay: trips,
      tripsPerDayByMode: tripsByMode,
      kgPerDayByMode: kgByMode,
      kgPerDayBySourceType: kgByType,
      stationsOpen: open,
      candidatesOpened: opened,
      unmetPenalty: penalty,
      movedKgPerDay: moved,
      detourKrwPerDay: detourKrw,
      detourKgCo2ePerDay: detourCo2,
    },
    wellToWheel: {
      fcevKmPerDay: byClass(fcevKm),
      fcevKgCo2ePerDay: fcevTotal,
      replacedKgCo2ePerDay: replacedTotal,
      replacedByClass: byClass(replacedCo2),
      fcevByClass: byClass(fcevCo2),
      savedKgCo2ePerDay: replacedTotal - fcevTotal,
      savedTPerYear: ((replacedTotal - fcevTotal) * DAYS_PER_YEAR) / 1000,
      hydrogenKgCo2ePerKg: deliveredTotal > 0 ? totalCo2 / deliveredTotal : 0,
    },
  };
}
