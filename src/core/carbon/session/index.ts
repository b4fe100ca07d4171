/**
 * City carbon: the carbon map of the loaded city — buildings, road transport (from the assigned
 * traffic when there is one, else a typical daily volume by road class) and green sinks — on a grid and by
 * district, under a scenario, with the baseline's grid kept so differences are cell by cell.
 * Units: t CO2e per year; cells in metres of the city's local frame.
 */
import {
  type CarbonGrid,
  type CarbonResult,
  type DistrictTotals,
  type GridSpec,
  type PolygonSet,
  type RoadLinkTable,
  type Scenario,
  type TransportBasis,
  type VehicleClassKey,
  aggregateToDistricts,
  aggregateToGrid,
  computeCarbon,
  gridSpecFor,
  tableBounds,
  concatPolygonSets,
  greenFromLocal,
  readBuildings,
  readGreen,
  readPolygonSet,
  readRoads,
} from '../model/index.ts';
import type { BuildingTable, FactorOverrides, GreenTable, LandCover } from '../model/index.ts';
import type { Assumption } from '../model/index.ts';
import type { LocalFrame } from '../../geo/index.ts';
import type { Polylines } from '../../traffic/viz/index.ts';
import { PROFILES, type ProfileId } from '../../profile/index.ts';
import { cellDistricts } from './cellDistricts.ts';

export interface CarbonParams {
  /** The city profile (grid and gas factors, climate region, speed limits of untagged roads); default KR. */
  readonly profile?: ProfileId;
  /** Grid cell size, metres (25, 50, 100, 250 or 500). */
  readonly cellSize: number;
  readonly basis: TransportBasis;
  /** Shares of the fleet set by the user (the other classes rescale), e.g. { car_bev: 0.3 }. */
  readonly fleetShift: Partial<Record<VehicleClassKey, number>>;
  /** Grid electricity factor, t CO2e/MWh (undefined: the 2023 default). */
  readonly gridTPerMWh?: number;
  /** Energy-use cut in one district (a retrofit programme). */
  readonly retrofit?: { readonly district: number; readonly reduction: number };
  /** Any factor the user changed (EUIs, carriers, fuel and sink factors, the whole fleet mix…). */
  readonly factors?: FactorOverrides;
  /** Green areas drawn on the map: outer rings as flat local-metre [x0, y0, x1, y1, …], with a land cover. */
  readonly extraGreen?: readonly { readonly ring: readonly number[]; readonly cover: LandCover }[];
}

/** Assigned traffic to map: directed links with their polylines, flows and congested times. */
export interface TrafficForCarbon {
  readonly polylines: Polylines;
  readonly flows: ArrayLike<number>;
  readonly timesMin: ArrayLike<number>;
  readonly lengthM: ArrayLike<number>;
  readonly isConnector: ArrayLike<number>;
}

/** A traffic network's links with one assignment's flows and congested times, as the carbon map reads them. */
export function trafficForCarbon(view: Pick<TrafficForCarbon, 'polylines' | 'lengthM' | 'isConnector'>, run: Pick<TrafficForCarbon, 'flows' | 'timesMin'>): TrafficForCarbon {
  return { polylines: view.polylines, flows: run.flows, timesMin: run.timesMin, lengthM: view.lengthM, isConnector: view.isConnector };
}

export type TransportSource = 'assignment' | 'road-class-table' | 'none';

export interface CarbonRun {
  readonly grid: CarbonGrid;
  readonly districts: DistrictTotals | null;
  readonly totals: CarbonResult['totals'];
  readonly counts: CarbonResult['counts'];
  readonly assumptions: readonly Assumption[];
  readonly params: CarbonParams;
  /** Where transport came from: the assignment, a typical daily volume by road class, or nowhere (no roads). */
  readonly transportSource: TransportSource;
  readonly seconds: number;
  /** District of each grid cell (its centre), -1 outside every district; with districts only. */
  readonly cellDistrict?: Int32Array;
}

/** Road links from an assignment (connectors left out): one RoadLinkTable row per directed link. */
export function roadsFromTraffic(t: TrafficForCarbon): RoadLinkTable {
  const links: number[] = [];
  const n = t.polylines.offsets.length - 1;
  for (let l = 0; l < n; l++) if (!t.isConnector[l]) links.push(l);
  const start = new Int32Array(links.length + 1);
  let points = 0;
  links.forEach((l, k) => {
    points += t.polylines.offsets[l + 1]! - t.polylines.offsets[l]!;
    start[k + 1] = points;
  });
  const xy = new Float64Array(points * 2);
  const flow = new Float64Array(links.length);
  const speed = new Float64Array(links.length);
  const feature = new Int32Array(links.length);
  links.forEach((l, k) => {
    const a = t.polylines.offsets[l]!;
    const b = t.polylines.offsets[l + 1]!;
    xy.set(t.polylines.coords.subarray(2 * a, 2 * b), 2 * start[k]!);
    flow[k] = t.flows[l]!;
    const hours = t.timesMin[l]! / 60;
    speed[k] = hours > 0 ? t.lengthM[l]! / 1000 / hours : 0;
    feature[k] = l;
  });
  return { count: links.length, start, xy, flow, speed, feature, flowBasis: 'peak-hour' };
}

export class CarbonSession {
  private readonly buildings: BuildingTable;
  private readonly green: GreenTable | undefined;
  private readonly districtSet: PolygonSet | undefined;
  private readonly roadFeatures: readonly unknown[] | undefined;
  /** The no-assignment road table per profile (its speed limits set the free-flow speeds). */
  private readonly tableRoads = new Map<ProfileId, RoadLinkTable>();
  /**
   * The grid per cell size, laid over the city's own data (buildings, roads, green areas) whatever the
   * scenario: every run lines up cell by cell, and a scenario's grid does not depend on what ran before
   * (results are cached by their inputs). Drawn green areas beyond it count in its edge cells.
   */
  private readonly specs = new Map<number, GridSpec>();
  private readonly cellDistrictsBySize = new Map<number, Int32Array>();
  private readonly bounds: [number, number, number, number];
  readonly skipped: number;

  constructor(
    frame: LocalFrame,
    inputs: { buildings: readonly unknown[]; roads?: readonly unknown[]; green?: readonly unknown[]; districts?: readonly unknown[] },
  ) {
    const b = readBuildings(inputs.buildings, frame);
    this.buildings = b.table;
    let skipped = b.skipped.length;
    if (inputs.green) {
      const g = readGreen(inputs.green, frame);
      this.green = g.table;
      skipped += g.skipped.length;
    }
    if (inputs.districts) this.districtSet = readPolygonSet(inputs.districts, frame).table;
    this.roadFeatures = inputs.roads;
    this.frame = frame;
    this.skipped = skipped;
    this.bounds = tableBounds(this.buildings, inputs.roads ? this.roadTable('KR') : undefined, this.green?.polygons);
  }

  private readonly frame: LocalFrame;

  private roadTable(profile: ProfileId): RoadLinkTable | undefined {
    if (!this.roadFeatures) return undefined;
    let t = this.tableRoads.get(profile);
    if (!t) this.tableRoads.set(profile, (t = readRoads(this.roadFeatures, this.frame, { speedLimits: PROFILES[profile].speedLimitsKmh.value }).table));
    return t;
  }

  get districtCount(): number {
    return this.districtSet?.count ?? 0;
  }

  run(params: CarbonParams, traffic?: TrafficForCarbon): CarbonRun {
    const t0 = performance.now();
    const scenario: Scenario = {
      ...(Object.keys(params.fleetShift).length > 0 ? { fleetShift: params.fleetShift } : {}),
      ...(params.gridTPerMWh !== undefined ? { gridTPerMWh: params.gridTPerMWh } : {}),
      ...(params.extraGreen && params.extraGreen.length > 0 ? { extraGreen: extraGreenTable(params.extraGreen) } : {}),
      ...(params.retrofit && this.districtSet && params.retrofit.reduction > 0
        ? { retrofits: [{ area: districtOnly(this.districtSet, params.retrofit.district), reduction: params.retrofit.reduction }] }
        : {}),
    };
    const profile = params.profile ?? 'KR';
    const roads = traffic ? roadsFromTraffic(traffic) : this.roadTable(profile);
    const result = computeCarbon({
      buildings: this.buildings,
      ...(roads ? { roads } : {}),
      ...(this.green ? { green: this.green } : {}),
      factors: { ...params.factors, profile, transportBasis: params.basis },
      scenario,
    });
    let spec = this.specs.get(params.cellSize);
    if (!spec) this.specs.set(params.cellSize, (spec = gridSpecFor(this.bounds, params.cellSize)));
    const grid = aggregateToGrid(result, params.cellSize, spec);
    return {
      grid,
      districts: this.districtSet ? aggregateToDistricts(result, this.districtSet) : null,
      totals: result.totals,
      counts: result.counts,
      assumptions: result.assumptions,
      params,
      transportSource: traffic ? 'assignment' : roads ? 'road-class-table' : 'none',
      seconds: (performance.now() - t0) / 1000,
      ...(this.districtSet ? { cellDistrict: this.cellDistrictsFor(params.cellSize, spec, this.districtSet) } : {}),
    };
  }

  /** The district of each cell for one grid (computed once per cell size; a copy goes with each run). */
  private cellDistrictsFor(size: number, spec: GridSpec, set: PolygonSet): Int32Array {
    let d = this.cellDistrictsBySize.get(size);
    if (!d) this.cellDistrictsBySize.set(size, (d = cellDistricts(spec, set)));
    return d.slice();
  }
}

/** Drawn green areas (any mix of land covers) as one green table. */
function extraGreenTable(list: NonNullable<CarbonParams['extraGreen']>): GreenTable {
  const tables = list.map((g) => greenFromLocal([[g.ring]], g.cover));
  const polygons = tables.slice(1).reduce((acc, t) => concatPolygonSets(acc, t.polygons), tables[0]!.polygons);
  const cover = new Uint8Array(tables.reduce((n, t) => n + t.cover.length, 0));
  let k = 0;
  for (const t of tables) {
    cover.set(t.cover, k);
    k += t.cover.length;
  }
  return { polygons, cover };
}

/** The polygons of district d alone, as a PolygonSet of one feature. */
function districtOnly(set: PolygonSet, d: number): PolygonSet {
  if (!Number.isInteger(d) || d < 0 || d >= set.count) throw new RangeError(`no district ${d}`);
  const p0 = set.featurePolygons[d]!;
  const p1 = set.featurePolygons[d + 1]!;
  const r0 = set.polygonRings[p0]!;
  const r1 = set.polygonRings[p1]!;
  const q0 = set.ringPoints[r0]!;
  const q1 = set.ringPoints[r1]!;
  return {
    count: 1,
    featurePolygons: Int32Array.from([0, p1 - p0]),
    polygonRings: Int32Array.from(set.polygonRings.subarray(p0, p1 + 1), (r) => r - r0),
    ringPoints: Int32Array.from(set.ringPoints.subarray(r0, r1 + 1), (q) => q - q0),
    xy: set.xy.slice(2 * q0, 2 * q1),
  };
}
