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
import type { Assumption } from '../carbon/index.ts';
import { createLocalFrame, toLocal, toLonLat } from '../geo/index.ts';
import type { LocalFrame } from '../geo/index.ts';
import {
  CARBON_PRICE_KRW_PER_T,
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
  replacedKgCo2ePerKm,
  truckKgCo2ePerKm,
} from './defaults.ts';
import type { DeliveryKind, H2VehicleClass, SourceType } from './defaults.ts';
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
  /** Demand in this station's catchment, kg/day, total and by class. */
  readonly demandKgPerDay: number;
  readonly demandByClass: ByClass;
  /** Fuel-cell vehicle-km per day behind that demand, by class. */
  readonly fcevKmByClass: ByClass;
  /** Ids of the zones in the catchment. */
  readonly zones: readonly string[];
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
  readonly truckKgCo2ePerKm: number;
  readonly maxKm: number;
}

/** One way to bring hydrogen from a source to a station. Per-kg figures include production. */
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
  readonly stations: readonly NetStation[];
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

/** The model with what-if overrides applied (objective, station choice, FCEV shares). */
export function applyOverrides(model: HydrogenModel, o: ModelOverrides = {}): HydrogenModel {
  return {
    ...model,
    ...(o.objective === undefined ? {} : { objective: o.objective }),
    ...(o.stationChoice === undefined ? {} : { stationChoice: o.stationChoice }),
    ...(o.fcevShare === undefined ? {} : { demand: { ...model.demand, fcevShare: { ...model.demand?.fcevShare, ...o.fcevShare } } }),
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
  note('demand.catchment', 'nearest station in a straight line', '-', 'CityTwin assumption: drivers refuel at the station nearest their zone; catchments are fixed before optimisation (demand of a closed candidate is unmet)');

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
  for (const z of d.zones ?? []) {
    const [x, y] = local(z);
    const i = nearestIndex(x, y, sx, sy);
    if (i < 0) continue;
    zonesOf[i]!.push(z.id);
    if (z.kgPerDay) addKg(i, z.demandClass ?? 'car', z.kgPerDay);
    if (z.vehKmPerDay) {
      const h = hydrogenFromVehKm(z.vehKmPerDay, d.fcevShare ?? {}, kgPerKm);
      for (const cls of H2_VEHICLE_CLASSES) {
        demand[i]![cls] += h.kgPerDay[cls];
        fcevKm[i]![cls] += h.fcevKmPerDay[cls];
      }
    }
  }

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
    return {
      id: m.id,
      name: m.name ?? def.label,
      kind: m.kind,
      payloadKg,
      costKrwPerKgKm: pick('costPerKgKm', m.costKrwPerKgKm, def.costKrwPerKgKm),
      fixedKrwPerKg: pick('fixedPerKg', m.fixedKrwPerKg, def.fixedKrwPerKg),
      fixedKrwPerTrip: pick('fixedPerTrip', m.fixedKrwPerTrip, def.fixedKrwPerTrip),
      energyKwhPerKg: pick('energy', m.energyKwhPerKg, def.energyKwhPerKg),
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
        arcs.push({
          source: i,
          station: j,
          mode: k,
          km,
          krwPerKg: s.costKrwPerKg + m.fixedKrwPerKg + m.costKrwPerKgKm * km + tripKrw * perTrip,
          kgCo2ePerKg: s.kgCo2ePerKg + m.energyKwhPerKg * gridKg + tripCo2 * perTrip,
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
    stations,
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
