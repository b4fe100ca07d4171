/**
 * The carbon model: annual emissions of buildings and road transport and absorption by green areas,
 * per feature and in total, t CO2e per year, under a scenario (fleet shift, retrofits, grid factor,
 * hydrogen factor, extra green). Sinks are negative; net = buildings + transport + sinks.
 *
 *  - Building: floor area (footprint × storeys) × EUI(use, region) × (1 − retrofit) = final energy, split
 *    over electricity / gas / district heat, each × its factor.
 *  - Link: peak-hour flow (veh/h) × length (km) × days / K = vehicle-km per year, × the fleet-average
 *    g CO2e/km at the link's speed (tank-to-wheel and well-to-wheel).
 *  - Green: area (ha) × absorption rate of its land cover.
 *
 * Totals are sums over features in index order; pure and deterministic.
 */
import type { Assumption } from './assumptions.ts';
import { CarbonInputError } from './assumptions.ts';
import { BUILDING_USE_KEYS } from './data/buildings.ts';
import { LAND_COVER_KEYS } from './data/sinks.ts';
import type { VehicleClassKey } from './data/transport.ts';
import {
  annualKmPerPeakVehKm,
  factorAssumptions,
  fleetCo2,
  resolveFactors,
  shiftFleet,
} from './factors.ts';
import type { CarbonFactors, FactorOverrides } from './factors.ts';
import { concatPolygonSets, featureArea, featureBounds, pointInFeature } from './geometry.ts';
import type { PolygonSet } from './geometry.ts';
import type { BuildingTable, GreenTable, RoadLinkTable } from './inputs.ts';

/** Energy use intensity cut inside an area (a district retrofit): EUI × (1 − reduction). */
export interface RetrofitArea {
  readonly area: PolygonSet;
  /** Fraction 0–1 (0.2 = EUI −20 %). */
  readonly reduction: number;
}

/** What-ifs applied on top of the factors. */
export interface Scenario {
  /** Replaces the fleet mix (must sum to 1). */
  readonly fleetMix?: Partial<Record<VehicleClassKey, number>>;
  /** Sets these shares and rescales the other classes (e.g. { car_bev: 0.3, car_fcev: 0.1 }). */
  readonly fleetShift?: Partial<Record<VehicleClassKey, number>>;
  readonly retrofits?: readonly RetrofitArea[];
  /** Grid decarbonisation: electricity factor, t CO2e/MWh (buildings and, well-to-wheel, EVs). */
  readonly gridTPerMWh?: number;
  /** Hydrogen carbon intensity, kg CO2e/kg H2 (e.g. from the hydrogen model). */
  readonly hydrogenKgPerKg?: number;
  /** Green areas added to the map. */
  readonly extraGreen?: GreenTable;
}

export interface CarbonInputs {
  readonly buildings?: BuildingTable;
  readonly roads?: RoadLinkTable;
  readonly green?: GreenTable;
  readonly factors?: FactorOverrides;
  readonly scenario?: Scenario;
}

/** Annual totals, t CO2e/yr. `transport` is on the factors' basis; sinks ≤ 0. */
export interface CarbonTotals {
  readonly buildings: number;
  readonly transport: number;
  readonly transportTtw: number;
  readonly transportWtw: number;
  readonly sinks: number;
  readonly net: number;
}

export interface BuildingResults {
  /** t CO2e/yr per building row (0 when not included). */
  readonly t: Float64Array;
  /** Floor area, m². */
  readonly floorArea: Float64Array;
  /** Final energy, MWh/yr, after retrofits. */
  readonly energyMWh: Float64Array;
}

export interface RoadResults {
  /** t CO2e/yr per link on the chosen basis, and both bases. */
  readonly t: Float64Array;
  readonly ttw: Float64Array;
  readonly wtw: Float64Array;
  /** Vehicle-km per year. */
  readonly vehKm: Float64Array;
  /** Link length, m. */
  readonly length: Float64Array;
}

export interface GreenResults {
  /** Base green followed by the scenario's extra green. */
  readonly polygons: PolygonSet;
  readonly cover: Uint8Array;
  /** Area, m². */
  readonly area: Float64Array;
  /** t CO2/yr, ≤ 0 (absorption). */
  readonly t: Float64Array;
}

export interface CarbonResult {
  readonly factors: CarbonFactors;
  readonly totals: CarbonTotals;
  readonly buildings: BuildingResults | undefined;
  readonly buildingTable: BuildingTable | undefined;
  readonly roads: RoadResults | undefined;
  readonly roadTable: RoadLinkTable | undefined;
  readonly green: GreenResults | undefined;
  readonly assumptions: Assumption[];
  readonly counts: {
    readonly buildings: number;
    readonly floorAreaM2: number;
    readonly links: number;
    readonly vehKmPerYear: number;
    readonly greenAreas: number;
    readonly greenAreaHa: number;
    readonly buildingsByUse: Readonly<Record<string, number>>;
    readonly greenByCover: Readonly<Record<string, number>>;
  };
}

function scenarioFactors(base: FactorOverrides, s: Scenario): CarbonFactors {
  const merged: FactorOverrides = {
    ...base,
    ...(s.fleetMix === undefined ? {} : { fleetMix: s.fleetMix }),
    ...(s.gridTPerMWh === undefined ? {} : { gridTPerMWh: s.gridTPerMWh }),
    ...(s.hydrogenKgPerKg === undefined ? {} : { hydrogenKgPerKg: s.hydrogenKgPerKg }),
  };
  let f = resolveFactors(merged);
  if (s.fleetShift !== undefined) f = { ...f, fleetMix: shiftFleet(f.fleetMix, s.fleetShift), overridden: [...f.overridden, 'transport.fleet'] };
  return f;
}

function checkTable(name: string, n: number, arrays: Record<string, ArrayLike<number>>): void {
  for (const [key, a] of Object.entries(arrays)) {
    if (a.length !== n) throw new CarbonInputError(`${name}.${key} has ${a.length} values, expected ${n}`);
  }
}

function computeBuildings(b: BuildingTable, f: CarbonFactors, retrofits: readonly RetrofitArea[]): BuildingResults {
  const n = b.count;
  checkTable('buildings', n, { included: b.included, footprint: b.footprint, storeys: b.storeys, use: b.use, x: b.x, y: b.y });
  const t = new Float64Array(n);
  const floorArea = new Float64Array(n);
  const energyMWh = new Float64Array(n);
  const euiByIndex = BUILDING_USE_KEYS.map((u) => f.eui[u]);
  const perMWh = BUILDING_USE_KEYS.map((u) => {
    const s = f.carrierSplit[u];
    return s.electricity * f.gridTPerMWh + s.gas * f.gasTPerMWh + s.districtHeat * f.districtHeatTPerMWh;
  });
  for (const r of retrofits) {
    if (!Number.isFinite(r.reduction) || r.reduction < 0 || r.reduction > 1) {
      throw new CarbonInputError(`retrofit reduction must be between 0 and 1, got ${r.reduction}`);
    }
  }
  const bounds = retrofits.map((r) => Array.from({ length: r.area.count }, (_, k) => featureBounds(r.area, k, [0, 0, 0, 0])));
  for (let i = 0; i < n; i++) {
    if (b.included[i] !== 1) continue;
    const fp = b.footprint[i]!;
    const st = b.storeys[i]!;
    if (!(fp >= 0) || !(st >= 0)) throw new CarbonInputError(`building ${i}: footprint and storeys must be >= 0, got ${fp} m2 and ${st}`);
    const use = b.use[i]!;
    if (use >= BUILDING_USE_KEYS.length) throw new CarbonInputError(`building ${i}: unknown use index ${use}`);
    let keep = 1;
    const x = b.x[i]!;
    const y = b.y[i]!;
    for (let r = 0; r < retrofits.length; r++) {
      const area = retrofits[r]!.area;
      const bb = bounds[r]!;
      for (let k = 0; k < area.count; k++) {
        const q = bb[k]!;
        if (x < q[0]! || y < q[1]! || x > q[2]! || y > q[3]!) continue;
        if (pointInFeature(area, k, x, y)) {
          keep *= 1 - retrofits[r]!.reduction;
          break;
        }
      }
    }
    const fa = fp * st;
    const mwh = (fa * euiByIndex[use]! * keep) / 1000;
    floorArea[i] = fa;
    energyMWh[i] = mwh;
    t[i] = mwh * perMWh[use]!;
  }
  return { t, floorArea, energyMWh };
}

function computeRoads(r: RoadLinkTable, f: CarbonFactors): RoadResults {
  const n = r.count;
  checkTable('roads', n, { flow: r.flow, speed: r.speed });
  if (r.start.length !== n + 1) throw new CarbonInputError(`roads.start has ${r.start.length} values, expected ${n + 1}`);
  const t = new Float64Array(n);
  const ttw = new Float64Array(n);
  const wtw = new Float64Array(n);
  const vehKm = new Float64Array(n);
  const length = new Float64Array(n);
  // A year of vehicle-km per unit of flow per km: days / K for peak-hour flows, days for daily ones.
  const perUnit = r.flowBasis === 'daily' ? f.daysPerYear : annualKmPerPeakVehKm(f);
  const xy = r.xy;
  for (let l = 0; l < n; l++) {
    const q = r.flow[l]!;
    const v = r.speed[l]!;
    if (!Number.isFinite(q) || q < 0) throw new CarbonInputError(`road link ${l}: flow must be a finite number >= 0 veh/h, got ${q}`);
    if (!Number.isFinite(v) || v <= 0) throw new CarbonInputError(`road link ${l}: speed must be a finite number > 0 km/h, got ${v}`);
    let len = 0;
    for (let i = r.start[l]!; i + 1 < r.start[l + 1]!; i++) len += Math.hypot(xy[2 * i + 2]! - xy[2 * i]!, xy[2 * i + 3]! - xy[2 * i + 1]!);
    length[l] = len;
    if (q === 0 || len === 0) continue;
    const km = q * (len / 1000) * perUnit;
    const e = fleetCo2(f, v);
    vehKm[l] = km;
    ttw[l] = (km * e.ttw) / 1e6;
    wtw[l] = (km * e.wtw) / 1e6;
    t[l] = f.transportBasis === 'ttw' ? ttw[l]! : wtw[l]!;
  }
  return { t, ttw, wtw, vehKm, length };
}

function computeGreen(polygons: PolygonSet, cover: Uint8Array, f: CarbonFactors): GreenResults {
  const n = polygons.count;
  if (cover.length !== n) throw new CarbonInputError(`green.cover has ${cover.length} values, expected ${n}`);
  const area = new Float64Array(n);
  const t = new Float64Array(n);
  const rate = LAND_COVER_KEYS.map((c) => f.sinkTPerHa[c]);
  for (let k = 0; k < n; k++) {
    const c = cover[k]!;
    if (c >= LAND_COVER_KEYS.length) throw new CarbonInputError(`green area ${k}: unknown land cover index ${c}`);
    const a = Math.max(0, featureArea(polygons, k));
    area[k] = a;
    t[k] = a > 0 ? -(a / 10_000) * rate[c]! : 0;
  }
  return { polygons, cover, area, t };
}

function sum(a: Float64Array | undefined): number {
  let s = 0;
  if (a) for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Runs the model. Throws CarbonInputError for bad inputs. */
export function computeCarbon(inputs: CarbonInputs): CarbonResult {
  const scenario = inputs.scenario ?? {};
  const f = scenarioFactors(inputs.factors ?? {}, scenario);
  const buildings = inputs.buildings ? computeBuildings(inputs.buildings, f, scenario.retrofits ?? []) : undefined;
  const roads = inputs.roads ? computeRoads(inputs.roads, f) : undefined;
  let greenPolys: PolygonSet | undefined = inputs.green?.polygons;
  let greenCover: Uint8Array | undefined = inputs.green?.cover;
  const extra = scenario.extraGreen;
  if (extra !== undefined) {
    if (greenPolys === undefined || greenCover === undefined) {
      greenPolys = extra.polygons;
      greenCover = extra.cover;
    } else {
      greenPolys = concatPolygonSets(greenPolys, extra.polygons);
      const c = new Uint8Array(greenCover.length + extra.cover.length);
      c.set(greenCover);
      c.set(extra.cover, greenCover.length);
      greenCover = c;
    }
  }
  const green = greenPolys && greenCover ? computeGreen(greenPolys, greenCover, f) : undefined;

  const b = sum(buildings?.t);
  const ttw = sum(roads?.ttw);
  const wtw = sum(roads?.wtw);
  const tr = sum(roads?.t);
  const s = sum(green?.t);
  const byUse: Record<string, number> = {};
  let nb = 0;
  let floor = 0;
  if (inputs.buildings && buildings) {
    for (const u of BUILDING_USE_KEYS) byUse[u] = 0;
    for (let i = 0; i < inputs.buildings.count; i++) {
      if (inputs.buildings.included[i] !== 1) continue;
      nb++;
      floor += buildings.floorArea[i]!;
      const key = BUILDING_USE_KEYS[inputs.buildings.use[i]!]!;
      byUse[key] = (byUse[key] ?? 0) + 1;
    }
  }
  const byCover: Record<string, number> = {};
  if (green) {
    for (const c of LAND_COVER_KEYS) byCover[c] = 0;
    for (let k = 0; k < green.cover.length; k++) {
      const key = LAND_COVER_KEYS[green.cover[k]!]!;
      byCover[key] = (byCover[key] ?? 0) + 1;
    }
  }
  return {
    factors: f,
    totals: { buildings: b, transport: tr, transportTtw: ttw, transportWtw: wtw, sinks: s, net: b + tr + s },
    buildings,
    buildingTable: inputs.buildings,
    roads,
    roadTable: inputs.roads,
    green,
    assumptions: factorAssumptions(f),
    counts: {
      buildings: nb,
      floorAreaM2: floor,
      links: inputs.roads?.count ?? 0,
      vehKmPerYear: sum(roads?.vehKm),
      greenAreas: green?.cover.length ?? 0,
      greenAreaHa: sum(green?.area) / 10_000,
      buildingsByUse: byUse,
      greenByCover: byCover,
    },
  };
}
