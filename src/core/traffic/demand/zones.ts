/**
 * Buildings -> traffic zones on a regular grid, with floor area by land use and PM-peak trip ends.
 *
 * The grid is aligned to the frame origin (cell (i, j) covers [i·s, (i+1)·s) × [j·s, (j+1)·s) metres);
 * a building belongs to the cell holding its label point (`center` of the polygon layer, a point inside
 * the building). A zone exists where at least one building is; zones are ordered by row (south to
 * north), then column (west to east). A zone's centroid is the floor-area-weighted mean of its
 * buildings' label points.
 */
import { type LocalFrame, type PolygonLayerData, STOREY_HEIGHT_M, buildPolygonLayer, propertiesOf } from '../../geo/index.ts';
import type { Assumption } from '../osm/index.ts';
import { DEFAULT_COMMUTER_LAND_USES } from './external.ts';
import {
  DWELLING_AREA_M2,
  DWELLING_AREA_SOURCE,
  ITE_RATES,
  KOREA_DEFAULTS,
  KOREA_SOURCES,
  type KoreaRateParameters,
  LandUse,
  type TripMethod,
  type TripRates,
  koreaTripRates,
  LAND_USE_COUNT,
  LAND_USE_KEYS,
  type LandUseKey,
  M2_PER_KSF,
  TRIP_RATE_SOURCE,
  UNKNOWN_RESIDENTIAL_SHARE,
  landUseOf,
  tripRates,
} from './rates.ts';

/** Default zone size, metres. */
export const DEFAULT_CELL_SIZE_M = 250;

export interface DemandZoneOptions {
  /** Frame of the zone centroids: use the road network's frame. Default: the layer's or one centred on the buildings. */
  readonly frame?: LocalFrame;
  /** Grid cell size, metres (default 250). */
  readonly cellSizeM?: number;
  /** A polygon layer already built from the same features (and frame), to save building it again. */
  readonly layer?: PolygonLayerData;
  /** m² gross floor area per dwelling unit (default 100). */
  readonly dwellingAreaM2?: number;
  /** Share of untyped (`building=yes`) floor area counted as residential, the rest office (default 0.5). */
  readonly unknownResidentialShare?: number;
  /** Trip generation: ITE vehicle rates ('ite', default) or Korean person trips × car share ÷ occupancy ('korea'). */
  readonly tripMethod?: TripMethod;
  /** Korean-practice figures to override (tripMethod 'korea'). */
  readonly korea?: Partial<KoreaRateParameters>;
  /** Land uses whose trip ends are commutes (`workProductions` / `workAttractions`); default office and other. */
  readonly commuterLandUses?: readonly LandUseKey[];
}

export interface DemandZoneStats {
  readonly buildings: number;
  /** Buildings placed in a zone. */
  readonly used: number;
  /** `building:part` features without a `building` tag, and `building=no` (left out). */
  readonly parts: number;
  /** Features the polygon layer could not read. */
  readonly skipped: number;
  /** Floor area by land use, m², keys in LAND_USE_KEYS order. */
  readonly floorAreaByUse: Readonly<Record<LandUseKey, number>>;
  readonly totalFloorArea: number;
  /** veh/h, before balancing. */
  readonly productions: number;
  readonly attractions: number;
}

export interface DemandZones {
  readonly numZones: number;
  readonly cellSizeM: number;
  /** Grid column and row of each zone. */
  readonly cellX: Int32Array;
  readonly cellY: Int32Array;
  /** Centroids, local metres, x and y interleaved. */
  readonly centroid: Float64Array;
  /** Floor area, m², zone-major: floorArea[z * LAND_USE_COUNT + landUse]. */
  readonly floorArea: Float64Array;
  /** PM-peak trip ends leaving (productions) and entering (attractions) each zone, veh/h. */
  readonly productions: Float64Array;
  readonly attractions: Float64Array;
  /** The part of productions / attractions from commuter land uses (with the office part of untyped floor area), veh/h. */
  readonly workProductions: Float64Array;
  readonly workAttractions: Float64Array;
  readonly tripMethod: TripMethod;
  /** Per input feature: its zone (-1 when not used), land use (-1 when left out) and floor area (m²). */
  readonly buildingZone: Int32Array;
  readonly buildingLandUse: Int8Array;
  readonly buildingFloorArea: Float64Array;
  readonly frame: LocalFrame;
  readonly stats: DemandZoneStats;
  readonly assumptions: readonly Assumption[];
}

/** Storeys of a building: (height − base) / 3 m, rounded, at least 1. */
export function storeysOf(height: number, minHeight: number): number {
  return Math.max(1, Math.round((height - minHeight) / STOREY_HEIGHT_M));
}

/** Zones and trip ends from building features (see the module header). */
export function buildDemandZones(features: readonly unknown[], options: DemandZoneOptions = {}): DemandZones {
  const cellSize = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError('cellSizeM must be a positive number');
  const dwellingArea = options.dwellingAreaM2 ?? DWELLING_AREA_M2;
  const unknownShare = options.unknownResidentialShare ?? UNKNOWN_RESIDENTIAL_SHARE;
  const tripMethod: TripMethod = options.tripMethod ?? 'ite';
  if (tripMethod !== 'ite' && tripMethod !== 'korea') throw new RangeError(`tripMethod must be 'ite' or 'korea', got ${String(tripMethod)}`);
  const korea: KoreaRateParameters = { ...KOREA_DEFAULTS, ...options.korea };
  const rates = tripMethod === 'korea' ? koreaTripRates(dwellingArea, unknownShare, korea) : tripRates(dwellingArea, unknownShare);
  const commuterUses = options.commuterLandUses ?? DEFAULT_COMMUTER_LAND_USES;
  // Share of each land use's trip ends that are commutes: 1 for commuter uses, the office part of untyped floor area.
  const workWeight = new Float64Array(LAND_USE_COUNT);
  for (const key of commuterUses) {
    if (!LAND_USE_KEYS.includes(key)) throw new RangeError(`commuterLandUses: unknown land use ${String(key)}`);
    workWeight[LandUse[key]] = 1;
  }
  if (commuterUses.includes('office') && !commuterUses.includes('unknown')) workWeight[LandUse.unknown] = 0;
  const layer = options.layer ?? buildPolygonLayer(features, options.frame === undefined ? {} : { frame: options.frame });
  const table = layer.features;
  if (table.count !== features.length) throw new RangeError(`layer has ${table.count} features, input has ${features.length}`);
  const n = features.length;

  // Land use, floor area and grid cell of every building.
  const buildingLandUse = new Int8Array(n).fill(-1);
  const buildingFloorArea = new Float64Array(n);
  const buildingZone = new Int32Array(n).fill(-1);
  const cellKey = new Float64Array(n);
  let parts = 0;
  let minCx = Infinity, minCy = Infinity, maxCx = -Infinity;
  for (let i = 0; i < n; i++) {
    if (table.drawn[i] !== 1) continue;
    const use = landUseOf(propertiesOf(features[i]));
    if (use < 0) {
      parts++;
      continue;
    }
    buildingLandUse[i] = use;
    buildingFloorArea[i] = table.area[i]! * storeysOf(table.height[i]!, table.minHeight[i]!);
    const cx = Math.floor(table.center[2 * i]! / cellSize);
    const cy = Math.floor(table.center[2 * i + 1]! / cellSize);
    if (cx < minCx) minCx = cx;
    if (cy < minCy) minCy = cy;
    if (cx > maxCx) maxCx = cx;
  }
  const width = Number.isFinite(maxCx) ? maxCx - minCx + 1 : 0;
  const keys: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (buildingLandUse[i]! < 0) continue;
    const cx = Math.floor(table.center[2 * i]! / cellSize);
    const cy = Math.floor(table.center[2 * i + 1]! / cellSize);
    const key = (cy - minCy) * width + (cx - minCx);
    cellKey[i] = key;
    if (!seen.has(key)) {
      seen.set(key, 0);
      keys.push(key);
    }
  }
  keys.sort((a, b) => a - b);
  keys.forEach((key, z) => seen.set(key, z));
  const numZones = keys.length;
  const cellX = new Int32Array(numZones);
  const cellY = new Int32Array(numZones);
  keys.forEach((key, z) => {
    cellX[z] = (key % width) + minCx;
    cellY[z] = Math.floor(key / width) + minCy;
  });

  const floorArea = new Float64Array(numZones * LAND_USE_COUNT);
  const weight = new Float64Array(numZones);
  const sx = new Float64Array(numZones);
  const sy = new Float64Array(numZones);
  const count = new Int32Array(numZones);
  const productions = new Float64Array(numZones);
  const attractions = new Float64Array(numZones);
  const workProductions = new Float64Array(numZones);
  const workAttractions = new Float64Array(numZones);
  // Untyped floor area's office part: its office rates × (1 − residential share).
  const unknownWorkP = commuterUses.includes('office') && !commuterUses.includes('unknown') ? (1 - unknownShare) * rates.production[LandUse.office]! : 0;
  const unknownWorkA = commuterUses.includes('office') && !commuterUses.includes('unknown') ? (1 - unknownShare) * rates.attraction[LandUse.office]! : 0;
  const byUse = new Float64Array(LAND_USE_COUNT);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const use = buildingLandUse[i]!;
    if (use < 0) continue;
    const z = seen.get(cellKey[i]!)!;
    const fa = buildingFloorArea[i]!;
    buildingZone[i] = z;
    used++;
    floorArea[z * LAND_USE_COUNT + use]! += fa;
    byUse[use]! += fa;
    weight[z]! += fa;
    sx[z]! += fa * table.center[2 * i]!;
    sy[z]! += fa * table.center[2 * i + 1]!;
    count[z]! += 1;
    productions[z]! += (fa / 100) * rates.production[use]!;
    attractions[z]! += (fa / 100) * rates.attraction[use]!;
    if (use === LandUse.unknown && workWeight[use] === 0) {
      workProductions[z]! += (fa / 100) * unknownWorkP;
      workAttractions[z]! += (fa / 100) * unknownWorkA;
    } else if (workWeight[use] === 1) {
      workProductions[z]! += (fa / 100) * rates.production[use]!;
      workAttractions[z]! += (fa / 100) * rates.attraction[use]!;
    }
  }
  const centroid = new Float64Array(2 * numZones);
  for (let z = 0; z < numZones; z++) {
    // A zone of zero floor area cannot occur (polygons under 0.01 m² are skipped), but stay safe.
    centroid[2 * z] = weight[z]! > 0 ? sx[z]! / weight[z]! : (cellX[z]! + 0.5) * cellSize;
    centroid[2 * z + 1] = weight[z]! > 0 ? sy[z]! / weight[z]! : (cellY[z]! + 0.5) * cellSize;
  }
  let totalFloorArea = 0;
  const floorAreaByUse = {} as Record<LandUseKey, number>;
  LAND_USE_KEYS.forEach((key, u) => {
    floorAreaByUse[key] = byUse[u]!;
    totalFloorArea += byUse[u]!;
  });
  let sumP = 0;
  let sumA = 0;
  for (let z = 0; z < numZones; z++) {
    sumP += productions[z]!;
    sumA += attractions[z]!;
  }
  return {
    numZones,
    cellSizeM: cellSize,
    cellX,
    cellY,
    centroid,
    floorArea,
    productions,
    attractions,
    workProductions,
    workAttractions,
    tripMethod,
    buildingZone,
    buildingLandUse,
    buildingFloorArea,
    frame: layer.frame,
    stats: {
      buildings: n,
      used,
      parts,
      skipped: layer.skipped.length,
      floorAreaByUse,
      totalFloorArea,
      productions: sumP,
      attractions: sumA,
    },
    assumptions: zoneAssumptions(cellSize, dwellingArea, unknownShare, rates, tripMethod, korea),
  };
}

function zoneAssumptions(cellSize: number, dwellingArea: number, unknownShare: number, rates: TripRates, method: TripMethod, korea: KoreaRateParameters): Assumption[] {
  const list: Assumption[] = [
    {
      key: 'rates.method',
      value: method === 'korea' ? 'korea: person trips × car share ÷ occupancy' : 'ite: ITE vehicle trip rates per floor area',
      source: method === 'korea' ? 'Korean practice (국가교통DB / 가구통행실태조사); city profile setting' : `${TRIP_RATE_SOURCE}; city profile setting`,
    },
    { key: 'zones.cellSize', value: cellSize, unit: 'm', source: 'CityTwin assumption (regular grid, a zone where buildings are)' },
    {
      key: 'floorArea.storeys',
      value: `round((height − base) / ${STOREY_HEIGHT_M} m), at least 1`,
      source: 'Storey height 3 m as in src/core/geo (Mapbox, "Mapping 3D building features in OpenStreetMap", 2016)',
    },
    { key: 'rates.peak', value: 'weekday PM peak hour', source: TRIP_RATE_SOURCE },
    { key: 'rates.ksf', value: M2_PER_KSF, unit: 'm² per 1,000 sq ft', source: 'Exact (1 ft = 0.3048 m)' },
    { key: 'rates.dwellingArea', value: dwellingArea, unit: 'm² GFA per dwelling unit', source: DWELLING_AREA_SOURCE },
    { key: 'rates.retailGla', value: 'GLA = GFA', source: 'CityTwin assumption (ITE 820 is per 1,000 sq ft GLA)' },
    {
      key: 'landUse.unknownResidentialShare',
      value: unknownShare,
      unit: 'share of building=yes floor area counted residential (rest office)',
      source: 'CityTwin assumption (no information: an even mix of ITE 221 and ITE 710)',
    },
  ];
  if (method === 'korea') {
    list.push(
      { key: 'korea.personsPerDwelling', value: korea.personsPerDwelling, unit: 'persons per dwelling unit', source: KOREA_SOURCES.personsPerDwelling },
      { key: 'korea.tripsPerResident', value: korea.tripsPerResident, unit: 'person trips per resident per day', source: KOREA_SOURCES.tripsPerResident },
      { key: 'korea.m2PerJob', value: Object.entries(korea.m2PerJob).map(([k, v]) => `${k} ${v}`).join(', '), unit: 'm² GFA per job', source: KOREA_SOURCES.m2PerJob },
      { key: 'korea.tripEndsPerJob', value: Object.entries(korea.tripEndsPerJob).map(([k, v]) => `${k} ${v}`).join(', '), unit: 'person-trip ends per job per day', source: KOREA_SOURCES.tripEndsPerJob },
      { key: 'korea.peakHourShare', value: korea.peakHourShare, unit: 'share of daily trips in the PM peak hour', source: KOREA_SOURCES.peakHourShare },
      { key: 'korea.carShare', value: korea.carShare, unit: 'car share of person trips', source: KOREA_SOURCES.carShare },
      { key: 'korea.occupancy', value: korea.occupancy, unit: 'persons per car', source: KOREA_SOURCES.occupancy },
      { key: 'korea.directionalSplit', value: 'ITE entering shares by land use (221: 61 %, 710: 16 %, 820: 48 %, 530: 48 %, 110: 13 %)', source: TRIP_RATE_SOURCE },
    );
    for (const row of ITE_RATES) {
      const u = LAND_USE_KEYS.indexOf(row.landUse);
      list.push({
        key: `rates.${row.landUse}`,
        value: `${rates.production[u]!.toFixed(4)} out + ${rates.attraction[u]!.toFixed(4)} in per 100 m²`,
        unit: 'veh/h',
        source: 'Korean practice: person-trip ends × peak-hour share × car share ÷ occupancy (see korea.*)',
      });
    }
    list.push({ key: 'rates.none', value: 0, unit: 'veh/h per 100 m²', source: 'CityTwin assumption: roofs, garages, sheds and other ancillary structures generate no trips' });
    return list;
  }
  for (const row of ITE_RATES) {
    const u = LAND_USE_KEYS.indexOf(row.landUse);
    list.push({
      key: `rates.${row.landUse}`,
      value: `${row.rate} per ${row.unit}, ${Math.round(row.entering * 100)}% entering → ${rates.production[u]!.toFixed(4)} out + ${rates.attraction[u]!.toFixed(4)} in per 100 m²`,
      unit: 'veh/h',
      source: `ITE ${row.code} ${row.name}: ${TRIP_RATE_SOURCE}`,
    });
  }
  list.push({ key: 'rates.none', value: 0, unit: 'veh/h per 100 m²', source: 'CityTwin assumption: roofs, garages, sheds and other ancillary structures generate no trips' });
  return list;
}
