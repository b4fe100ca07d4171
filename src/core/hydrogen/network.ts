/**
 * From a validated model to the supply network the optimiser sees: positions in local metres, every
 * default filled in (and listed as an assumption with its source), station demand from catchments, and
 * the arcs source → station by delivery mode with their distance, cost and CO2 per kg.
 *
 * Distances (km): an explicit `distances` entry wins; else for a source on the map the straight line ×
 * the circuity factor; for a source outside the map its road distance to the origin, shortened (or
 * lengthened) by the station's offset from the origin along the source's bearing × circuity, never
 * below 0.
 */
import type { Assumption } from '../carbon/model/index.ts';
import { createLocalFrame, toLocal, toLonLat } from '../geo/index.ts';
import type { LocalFrame } from '../geo/index.ts';
import {
  CARBON_PRICE_KRW_PER_T,
  CATCHMENT_DEFAULTS,
  CIRCUITY,
  CONDITIONING_GRID_KG_PER_KWH,
  CONSUMPTION_KG_PER_100KM,
  DELIVERY_DEFAULTS,
  DELIVERY_KINDS,
  EXCHANGE_SOURCE,
  H2_VEHICLE_CLASSES,
  REPLACED_SPEED_KMH,
  REPLACED_VEHICLES_SOURCE,
  SOURCE_DEFAULTS,
  SOLVER_DEFAULTS,
  UNMET_PENALTY_KG_CO2E_PER_KG,
  UNMET_PENALTY_KRW_PER_KG,
  liquefactionKrwPerKg,
  replacedKgCo2ePerKm,
  truckKgCo2ePerKm,
} from './defaults.ts';
import type { CatchmentMode, DeliveryKind, H2VehicleClass, SourceType } from './defaults.ts';
import { consumptionKgPerKm, hydrogenFromVehKm, nearestIndex, zeroByClass } from './demand.ts';
import type { ByClass } from './demand.ts';
import type { HydrogenModel, LonLat, ModelOverrides, ModeInput, ObjectiveKind, Place } from './model.ts';

export interface NetStation {
  readonly id: string;
  readonly name: string;
  /** Local metres in the model's frame. */
  readonly x: number;
  readonly y: number;
  readonly lonLat: LonLat | null;
  readonly capacityKgPerDay: number;
  readonly candidate: boolean;
  readonly fixedCostKrwPerDay: number;
  /**
   * Demand in this station's nearest-station catchment (its own demand plus the zones nearest to it),
   * kg/day, total and by class. With catchment "nearest" this is what the station must serve; with
   * "capacitated" it is where the demand starts from, and the solution says where it was served.
   */
  readonly demandKgPerDay: number;
  readonly demandByClass: ByClass;
  /** Fuel-cell vehicle-km per day behind that demand, by class. */
  readonly fcevKmByClass: ByClass;
  /** Ids of the zones in the catchment. */
  readonly zones: readonly string[];
}

/** A station a zone's drivers may use, with the detour it costs them. */
export interface ZoneOption {
  readonly station: number;
  /** Extra road km per refuelling visit against the zone's nearest station (0 for the nearest). */
  readonly detourKm: number;
  /** Drivers' detour cost per kg served there: detourKm × detourCostKrwPerKm / kgPerVisit. */
  readonly krwPerKg: number;
  /** CO2 of the detour's hydrogen per kg served there: detourKm × car kg/km / kgPerVisit × detour H2 factor. */
  readonly kgCo2ePerKg: number;
}

/**
 * A demand unit: a zone of `demand.zones`, or a station's own demand (`atStation`, which can only be
 * served at that station).
 */
export interface NetZone {
  readonly id: string;
  /** The station whose catchment the zone is (ZoneInput.catchmentOf), when it is one. */
  readonly catchmentOf?: string;
  readonly atStation: boolean;
  readonly x: number;
  readonly y: number;
  readonly demandKgPerDay: number;
  readonly demandByClass: ByClass;
  readonly fcevKmByClass: ByClass;
  /** Index of the nearest station (straight line; ties to the first listed). */
  readonly nearest: number;
  /** Stations the demand may go to: the nearest first, then the others within the detour, in station order. */
  readonly options: readonly ZoneOption[];
}

export interface Catchment {
  readonly mode: CatchmentMode;
  readonly maxDetourKm: number;
  readonly detourCostKrwPerKm: number;
  readonly kgPerVisit: number;
}

export interface NetSource {
  readonly id: string;
  readonly name: string;
  readonly type: SourceType;
  /**
   * Local metres. A source outside the map sits at its road distance / circuity along its bearing; the
   * viewer draws it at the map's edge in direction (dirX, dirY).
   */
  readonly x: number;
  readonly y: number;
  readonly lonLat: LonLat | null;
  readonly outsideMap: boolean;
  /** Unit vector from the origin towards the source (east, north). */
  readonly dirX: number;
  readonly dirY: number;
  readonly capacityKgPerDay: number;
  readonly costKrwPerKg: number;
  readonly kgCo2ePerKg: number;
  readonly illustrative: boolean;
  /** The hydrogen is liquid at the source: liquid modes charge no liquefaction for it. */
  readonly liquid: boolean;
}

export interface NetMode {
  readonly id: string;
  readonly name: string;
  readonly kind: DeliveryKind;
  readonly payloadKg: number | null;
  readonly costKrwPerKgKm: number;
  readonly fixedKrwPerKg: number;
  readonly fixedKrwPerTrip: number;
  readonly energyKwhPerKg: number;
  /** Part of `fixedKrwPerKg` that is liquefaction (liquid modes; 0 for the others). */
  readonly liquefactionKrwPerKg: number;
  readonly truckKgCo2ePerKm: number;
  readonly maxKm: number;
}

/**
 * One way to bring hydrogen from a source to a station. Per-kg figures include production. A liquid
 * source on a liquid mode pays the mode's fixed cost less its liquefaction, and no conditioning CO2.
 */
export interface Arc {
  readonly source: number;
  readonly station: number;
  readonly mode: number;
  readonly km: number;
  /** Production + delivery cost per kg; trip costs included unless trips are integer variables. */
  readonly krwPerKg: number;
  readonly kgCo2ePerKg: number;
  /** Cost and CO2 of one trip (out and back), for integer trips; 0 for pipelines. */
  readonly krwPerTrip: number;
  readonly kgCo2ePerTrip: number;
}

export interface Network {
  readonly name: string;
  readonly objective: ObjectiveKind;
  readonly carbonPriceKrwPerTCo2e: number;
  readonly stationChoice: boolean;
  readonly integerTrips: boolean;
  readonly unmetAllowed: boolean;
  readonly unmetPenaltyKrwPerKg: number;
  readonly unmetPenaltyKgCo2ePerKg: number;
  readonly origin: LonLat | null;
  readonly catchment: Catchment;
  readonly stations: readonly NetStation[];
  /** Zones of the model, then the stations' own demand (atStation), each with the stations it may use. */
  readonly zones: readonly NetZone[];
  readonly sources: readonly NetSource[];
  readonly modes: readonly NetMode[];
  readonly arcs: readonly Arc[];
  readonly conditioningKgCo2ePerKwh: number;
  /** Hydrogen use, kg/km by class, and the well-to-wheel CO2 per km of the vehicles FCEVs replace. */
  readonly kgPerKm: ByClass;
  readonly replacedKgCo2ePerKm: ByClass;
  readonly timeLimitS: number;
  readonly mipRelGap: number;
  readonly assumptions: readonly Assumption[];
}

const MODEL = 'set in the model file';

/** The model with what-if overrides applied (objective, station choice, FCEV shares, catchment). */
export function applyOverrides(model: HydrogenModel, o: ModelOverrides = {}): HydrogenModel {
  return {
    ...model,
    ...(o.objective === undefined ? {} : { objective: o.objective }),
    ...(o.stationChoice === undefined ? {} : { stationChoice: o.stationChoice }),
    ...(o.fcevShare === undefined ? {} : { demand: { ...model.demand, fcevShare: { ...model.demand?.fcevShare, ...o.fcevShare } } }),
    ...(o.catchment === undefined ? {} : { catchment: { ...model.catchment, ...o.catchment } }),
  };
}

function defaultModes(): ModeInput[] {
  return DELIVERY_KINDS.map((kind) => ({ id: kind, kind }));
}

/** Mean of every lonLat in the model (the origin when none is given), or null when there are none. */
function meanLonLat(model: HydrogenModel): LonLat | null {
  let n = 0;
  let lon = 0;
  let lat = 0;
  const add = (p: Place): void => {
    if (p.lonLat) {
      lon += p.lonLat[0];
      lat += p.lonLat[1];
      n++;
    }
  };
  model.stations.forEach(add);
  model.sources.forEach(add);
  model.demand?.zones?.forEach(add);
  return n > 0 ? [lon / n, lat / n] : null;
}

/** Builds the network of a model that passed `validateModel`. Pure and deterministic. */
export function buildNetwork(model: HydrogenModel): Network {
  const assumptions: Assumption[] = [];
  const note = (key: string, value: number | string, unit: string, source: string): void => {
    assumptions.push({ key, value, unit, source });
  };
  note('currency', 'KRW', '-', EXCHANGE_SOURCE);

  const origin = model.origin ?? meanLonLat(model);
  const frame: LocalFrame | null = origin ? createLocalFrame(origin[0], origin[1]) : null;
  const local = (p: Place): [number, number] => {
    if (p.xy) return [p.xy[0], p.xy[1]];
    if (p.lonLat && frame) return toLocal(frame, p.lonLat[0], p.lonLat[1]);
    return [0, 0];
  };
  const lonLatOf = (x: number, y: number, p: Place): LonLat | null => {
    if (p.lonLat) return p.lonLat;
    return frame ? toLonLat(frame, x, y) : null;
  };

  const circuity = model.circuityFactor ?? CIRCUITY.value;
  note('network.circuity', circuity, CIRCUITY.unit, model.circuityFactor === undefined ? CIRCUITY.source : MODEL);

  // Vehicles and demand.
  const d = model.demand ?? {};
  const kgPerKm = consumptionKgPerKm(d.consumptionKgPer100Km ?? {});
  const speed = d.replacedSpeedKmh ?? REPLACED_SPEED_KMH.value;
  const replaced = zeroByClass();
  for (const cls of H2_VEHICLE_CLASSES) {
    replaced[cls] = replacedKgCo2ePerKm(cls, speed);
    const c = CONSUMPTION_KG_PER_100KM[cls];
    note(`vehicle.${cls}.consumption`, kgPerKm[cls] * 100, c.unit, d.consumptionKgPer100Km?.[cls] === undefined ? c.source : MODEL);
    note(`vehicle.${cls}.fcevShare`, d.fcevShare?.[cls] ?? 0, 'share of vehicle-km', d.fcevShare?.[cls] === undefined ? 'CityTwin default: 0 (set the FCEV share of each class)' : MODEL);
    note(`vehicle.${cls}.replacedWtw`, replaced[cls], 'kg CO2e/km', `${REPLACED_VEHICLES_SOURCE}; at ${speed} km/h`);
  }
  note('vehicle.replacedSpeed', speed, 'km/h', d.replacedSpeedKmh === undefined ? REPLACED_SPEED_KMH.source : MODEL);
  const cin = model.catchment ?? {};
  const catchment: Catchment = {
    mode: cin.mode ?? CATCHMENT_DEFAULTS.mode,
    maxDetourKm: cin.maxDetourKm ?? CATCHMENT_DEFAULTS.maxDetourKm.value,
    detourCostKrwPerKm: cin.detourCostKrwPerKm ?? CATCHMENT_DEFAULTS.detourCostKrwPerKm.value,
    kgPerVisit: cin.kgPerVisit ?? CATCHMENT_DEFAULTS.kgPerVisit.value,
  };
  note('catchment.mode', catchment.mode, '-', cin.mode === undefined ? CATCHMENT_DEFAULTS.modeSource : MODEL);
  if (catchment.mode === 'nearest') {
    note('demand.catchment', 'nearest station in a straight line', '-', 'Catchment "nearest": drivers refuel at the station nearest their zone; catchments are fixed before optimisation, so demand at a closed or full station is unmet even when another station has room');
  } else {
    const D = CATCHMENT_DEFAULTS;
    note('catchment.maxDetour', catchment.maxDetourKm, D.maxDetourKm.unit, cin.maxDetourKm === undefined ? D.maxDetourKm.source : MODEL);
    note('catchment.detourCost', catchment.detourCostKrwPerKm, D.detourCostKrwPerKm.unit, cin.detourCostKrwPerKm === undefined ? D.detourCostKrwPerKm.source : MODEL);
    note('catchment.kgPerVisit', catchment.kgPerVisit, D.kgPerVisit.unit, cin.kgPerVisit === undefined ? D.kgPerVisit.source : MODEL);
    note('catchment.detourCo2', D.detourKgCo2ePerKgH2.value, D.detourKgCo2ePerKgH2.unit, D.detourKgCo2ePerKgH2.source);
    note('catchment.detour', '2 x circuity x (straight km to the station - straight km to the nearest station)', 'km per visit', 'CityTwin definition: the extra road distance of a refuelling visit, there and back, against the zone\'s nearest station; cost per kg = detour x detour cost / kg per visit. A station\'s own demand stays at that station');
  }

  const sx = model.stations.map((s) => local(s)[0]);
  const sy = model.stations.map((s) => local(s)[1]);
  const demand = model.stations.map(() => zeroByClass());
  const fcevKm = model.stations.map(() => zeroByClass());
  const zonesOf: string[][] = model.stations.map(() => []);
  const addKg = (i: number, cls: H2VehicleClass, kg: number): void => {
    demand[i]![cls] += kg;
    fcevKm[i]![cls] += kgPerKm[cls] > 0 ? kg / kgPerKm[cls] : 0;
  };
  model.stations.forEach((s, i) => {
    if (s.demandKgPerDay) addKg(i, s.demandClass ?? 'car', s.demandKgPerDay);
  });
  // Demand units: every zone, then each station's own demand. Station totals are summed in the same order
  // as before the capacitated catchment existed, so "nearest" reproduces earlier results bit for bit.
  const zones: NetZone[] = [];
  const optionsOf = (x: number, y: number, nearest: number, pinned: boolean): ZoneOption[] => {
    const out: ZoneOption[] = [{ station: nearest, detourKm: 0, krwPerKg: 0, kgCo2ePerKg: 0 }];
    if (pinned || catchment.mode === 'nearest') return out;
    const dNear = Math.hypot(sx[nearest]! - x, sy[nearest]! - y);
    for (let j = 0; j < sx.length; j++) {
      if (j === nearest) continue;
      const detourKm = (2 * circuity * (Math.hypot(sx[j]! - x, sy[j]! - y) - dNear)) / 1000;
      if (detourKm > catchment.maxDetourKm + 1e-9) continue;
      const perKg = detourKm / catchment.kgPerVisit; // detour km per kg served
      out.push({ station: j, detourKm, krwPerKg: perKg * catchment.detourCostKrwPerKm, kgCo2ePerKg: perKg * kgPerKm.car * CATCHMENT_DEFAULTS.detourKgCo2ePerKgH2.value });
    }
    return out;
  };
  for (const z of d.zones ?? []) {
    const [x, y] = local(z);
    const i = nearestIndex(x, y, sx, sy);
    if (i < 0) continue;
    zonesOf[i]!.push(z.id);
    const zBy = zeroByClass();
    const zKm = zeroByClass();
    if (z.kgPerDay) {
      const cls = z.demandClass ?? 'car';
      addKg(i, cls, z.kgPerDay);
      zBy[cls] += z.kgPerDay;
      zKm[cls] += kgPerKm[cls] > 0 ? z.kgPerDay / kgPerKm[cls] : 0;
    }
    if (z.vehKmPerDay) {
      const h = hydrogenFromVehKm(z.vehKmPerDay, d.fcevShare ?? {}, kgPerKm);
      for (const cls of H2_VEHICLE_CLASSES) {
        demand[i]![cls] += h.kgPerDay[cls];
        fcevKm[i]![cls] += h.fcevKmPerDay[cls];
        zBy[cls] += h.kgPerDay[cls];
        zKm[cls] += h.fcevKmPerDay[cls];
      }
    }
    zones.push({ id: z.id, ...(z.catchmentOf !== undefined ? { catchmentOf: z.catchmentOf } : {}), atStation: false, x, y, demandKgPerDay: zBy.car + zBy.bus + zBy.truck, demandByClass: zBy, fcevKmByClass: zKm, nearest: i, options: optionsOf(x, y, i, false) });
  }
  model.stations.forEach((s, i) => {
    if (!s.demandKgPerDay) return;
    const cls = s.demandClass ?? 'car';
    const by = zeroByClass();
    const km = zeroByClass();
    by[cls] = s.demandKgPerDay;
    km[cls] = kgPerKm[cls] > 0 ? s.demandKgPerDay / kgPerKm[cls] : 0;
    zones.push({ id: s.id, atStation: true, x: sx[i]!, y: sy[i]!, demandKgPerDay: s.demandKgPerDay, demandByClass: by, fcevKmByClass: km, nearest: i, options: optionsOf(sx[i]!, sy[i]!, i, true) });
  });

  const stations: NetStation[] = model.stations.map((s, i) => {
    const x = sx[i]!;
    const y = sy[i]!;
    const by = demand[i]!;
    return {
      id: s.id,
      name: s.name ?? s.id,
      x,
      y,
      lonLat: lonLatOf(x, y, s),
      capacityKgPerDay: s.capacityKgPerDay,
      candidate: s.status === 'candidate',
      fixedCostKrwPerDay: s.fixedCostKrwPerDay ?? 0,
      demandKgPerDay: by.car + by.bus + by.truck,
      demandByClass: by,
      fcevKmByClass: fcevKm[i]!,
      zones: zonesOf[i]!,
    };
  });

  // Sources.
  const sources: NetSource[] = model.sources.map((s) => {
    const def = SOURCE_DEFAULTS[s.type];
    const cost = s.costKrwPerKg ?? def.costKrwPerKg.value;
    const co2 = s.kgCo2ePerKg ?? def.kgCo2ePerKg.value;
    note(`source.${s.id}.cost`, cost, 'KRW/kg', s.costKrwPerKg === undefined ? `default for ${s.type}: ${def.costKrwPerKg.source}` : MODEL);
    note(`source.${s.id}.carbon`, co2, 'kg CO2e/kg H2', s.kgCo2ePerKg === undefined ? `default for ${s.type}: ${def.kgCo2ePerKg.source}` : MODEL);
    let x: number;
    let y: number;
    let dirX: number;
    let dirY: number;
    if (s.outsideMap) {
      const th = (s.outsideMap.bearingDeg * Math.PI) / 180;
      dirX = Math.sin(th);
      dirY = Math.cos(th);
      const m = (s.outsideMap.roadKm * 1000) / circuity;
      x = dirX * m;
      y = dirY * m;
    } else {
      [x, y] = local(s);
      const r = Math.hypot(x, y);
      dirX = r > 0 ? x / r : 0;
      dirY = r > 0 ? y / r : 1;
    }
    return {
      id: s.id,
      name: s.name ?? s.id,
      type: s.type,
      x,
      y,
      lonLat: s.outsideMap ? (frame ? toLonLat(frame, x, y) : null) : lonLatOf(x, y, s),
      outsideMap: s.outsideMap !== undefined,
      dirX,
      dirY,
      capacityKgPerDay: s.capacityKgPerDay,
      costKrwPerKg: cost,
      kgCo2ePerKg: co2,
      illustrative: s.illustrative === true,
      liquid: s.form === 'liquid',
    };
  });

  // Modes.
  const truck = truckKgCo2ePerKm();
  const modes: NetMode[] = (model.modes ?? defaultModes()).map((m) => {
    const def = DELIVERY_DEFAULTS[m.kind];
    const pick = (key: string, v: number | undefined, fig: { value: number; unit: string; source: string }): number => {
      const value = v ?? fig.value;
      note(`mode.${m.id}.${key}`, value, fig.unit, v === undefined ? fig.source : MODEL);
      return value;
    };
    let payloadKg: number | null = null;
    if (m.kind !== 'pipeline') {
      const fig = def.payloadKg!;
      payloadKg = pick('payload', m.payloadKg ?? undefined, fig);
    }
    // Picked in this order so the assumptions list keeps its order.
    const costKrwPerKgKm = pick('costPerKgKm', m.costKrwPerKgKm, def.costKrwPerKgKm);
    const fixedKrwPerKg = pick('fixedPerKg', m.fixedKrwPerKg, def.fixedKrwPerKg);
    const fixedKrwPerTrip = pick('fixedPerTrip', m.fixedKrwPerTrip, def.fixedKrwPerTrip);
    const energy = pick('energy', m.energyKwhPerKg, def.energyKwhPerKg);
    let liquefaction = 0;
    if (m.kind === 'liquid') {
      const fig = liquefactionKrwPerKg(energy);
      liquefaction = Math.min(m.liquefactionKrwPerKg ?? fig.value, fixedKrwPerKg);
      note(`mode.${m.id}.liquefaction`, liquefaction, fig.unit, m.liquefactionKrwPerKg === undefined ? fig.source : MODEL);
    }
    return {
      id: m.id,
      name: m.name ?? def.label,
      kind: m.kind,
      payloadKg,
      costKrwPerKgKm,
      fixedKrwPerKg,
      fixedKrwPerTrip,
      energyKwhPerKg: energy,
      liquefactionKrwPerKg: liquefaction,
      truckKgCo2ePerKm: m.kind === 'pipeline' ? 0 : pick('truckCo2', m.truckKgCo2ePerKm, truck),
      maxKm: m.maxKm ?? Infinity,
    };
  });
  const gridKg = CONDITIONING_GRID_KG_PER_KWH.value;
  note('mode.conditioningGrid', gridKg, CONDITIONING_GRID_KG_PER_KWH.unit, CONDITIONING_GRID_KG_PER_KWH.source);

  // Arcs.
  const override = new Map<string, number>();
  for (const o of model.distances ?? []) override.set(`${o.source}\u0000${o.station}`, o.roadKm);
  const modeIndex = new Map(modes.map((m, i) => [m.id, i]));
  const integerTrips = model.integerTrips === true;
  const arcs: Arc[] = [];
  model.sources.forEach((src, i) => {
    const s = sources[i]!;
    const srcModes = src.modes ?? modes.filter((m) => m.kind !== 'pipeline').map((m) => m.id);
    model.stations.forEach((stIn, j) => {
      const st = stations[j]!;
      let km = override.get(`${s.id}\u0000${st.id}`);
      if (km === undefined) {
        if (src.outsideMap) km = Math.max(0, src.outsideMap.roadKm - (circuity * (st.x * s.dirX + st.y * s.dirY)) / 1000);
        else km = (circuity * Math.hypot(st.x - s.x, st.y - s.y)) / 1000;
      }
      for (const id of srcModes) {
        if (stIn.modes && !stIn.modes.includes(id)) continue;
        const k = modeIndex.get(id);
        if (k === undefined) continue;
        const m = modes[k]!;
        if (km > m.maxKm) continue;
        const tripKrw = m.payloadKg ? m.fixedKrwPerTrip : 0;
        const tripCo2 = m.payloadKg ? m.truckKgCo2ePerKm * 2 * km : 0;
        const perTrip = !integerTrips && m.payloadKg ? 1 / m.payloadKg : 0;
        // Hydrogen already liquid at its source is not liquefied again: no liquefaction cost or electricity.
        const liquidIn = s.liquid && m.kind === 'liquid';
        const fixedPerKg = liquidIn ? m.fixedKrwPerKg - m.liquefactionKrwPerKg : m.fixedKrwPerKg;
        const energyPerKg = liquidIn ? 0 : m.energyKwhPerKg;
        arcs.push({
          source: i,
          station: j,
          mode: k,
          km,
          krwPerKg: s.costKrwPerKg + fixedPerKg + m.costKrwPerKgKm * km + tripKrw * perTrip,
          kgCo2ePerKg: s.kgCo2ePerKg + energyPerKg * gridKg + tripCo2 * perTrip,
          krwPerTrip: integerTrips ? tripKrw : 0,
          kgCo2ePerTrip: integerTrips ? tripCo2 : 0,
        });
      }
    });
  });

  const unmetAllowed = model.unmet?.allowed ?? true;
  const penaltyKrw = model.unmet?.penaltyKrwPerKg ?? UNMET_PENALTY_KRW_PER_KG.value;
  const penaltyCo2 = model.unmet?.penaltyKgCo2ePerKg ?? UNMET_PENALTY_KG_CO2E_PER_KG.value;
  note('unmet.allowed', unmetAllowed ? 'yes' : 'no', '-', model.unmet?.allowed === undefined ? 'CityTwin default: unmet demand allowed, at a penalty' : MODEL);
  note('unmet.penaltyCost', penaltyKrw, UNMET_PENALTY_KRW_PER_KG.unit, model.unmet?.penaltyKrwPerKg === undefined ? UNMET_PENALTY_KRW_PER_KG.source : MODEL);
  note('unmet.penaltyCo2', penaltyCo2, UNMET_PENALTY_KG_CO2E_PER_KG.unit, model.unmet?.penaltyKgCo2ePerKg === undefined ? UNMET_PENALTY_KG_CO2E_PER_KG.source : MODEL);
  const carbonPrice = model.carbonPriceKrwPerTCo2e ?? CARBON_PRICE_KRW_PER_T.value;
  note('objective.carbonPrice', carbonPrice, CARBON_PRICE_KRW_PER_T.unit, model.carbonPriceKrwPerTCo2e === undefined ? CARBON_PRICE_KRW_PER_T.source : MODEL);

  return {
    name: model.name ?? 'hydrogen model',
    objective: model.objective ?? 'cost',
    carbonPriceKrwPerTCo2e: carbonPrice,
    stationChoice: model.stationChoice === true,
    integerTrips,
    unmetAllowed,
    unmetPenaltyKrwPerKg: penaltyKrw,
    unmetPenaltyKgCo2ePerKg: penaltyCo2,
    origin,
    catchment,
    stations,
    zones,
    sources,
    modes,
    arcs,
    conditioningKgCo2ePerKwh: gridKg,
    kgPerKm,
    replacedKgCo2ePerKm: replaced,
    timeLimitS: model.solver?.timeLimitS ?? SOLVER_DEFAULTS.timeLimitS,
    mipRelGap: model.solver?.mipRelGap ?? SOLVER_DEFAULTS.mipRelGap,
    assumptions,
  };
}
