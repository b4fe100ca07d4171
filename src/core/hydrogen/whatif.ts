/**
 * What-ifs on a hydrogen model as JSON, before the worker validates and solves it: stations added on the
 * map, removed or resized; a source switched off, resized or given another carbon intensity; unmet
 * demand allowed or not; candidate stations from a points layer; demand zones from assigned traffic.
 *
 * The base model is untrusted JSON: edits touch only what they name and leave everything else to
 * `validateModel` (a malformed base model passes through unchanged and is reported with its JSON paths).
 * Units: kg H2/day, kg CO2e/kg H2, KRW/day; positions WGS84 [lon, lat] or local metres.
 */
import { createLocalFrame, toLocal, toLonLat } from '../geo/index.ts';
import type { LocalFrame } from '../geo/index.ts';
import { zonesFromTraffic } from './demand.ts';
import type { TrafficLinks } from './demand.ts';
import type { ZoneInput } from './model.ts';

export interface SourceEdit {
  /** false: the source offers nothing (capacity 0); it stays listed. */
  readonly enabled?: boolean;
  readonly capacityKgPerDay?: number;
  readonly kgCo2ePerKg?: number;
}

export interface PlacedStation {
  readonly id: string;
  readonly name: string;
  readonly lonLat: readonly [number, number];
  readonly capacityKgPerDay: number;
}

export interface HydrogenEdits {
  readonly added: readonly PlacedStation[];
  /** Ids of stations left out. */
  readonly removed: readonly string[];
  /** Station id → capacity, kg/day. */
  readonly capacity: Readonly<Record<string, number>>;
  readonly sources: Readonly<Record<string, SourceEdit>>;
  /** Overrides `unmet.allowed` (undefined: the model's own). */
  readonly unmetAllowed?: boolean;
}

export const NO_EDITS: HydrogenEdits = { added: [], removed: [], capacity: {}, sources: {} };

/** Capacity of a placed station or a layer point without one, kg/day (the example model's small light-vehicle station). */
export const DEFAULT_STATION_CAPACITY_KG_PER_DAY = 250;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when the edits change nothing. */
export function noEdits(e: HydrogenEdits): boolean {
  return e.added.length === 0 && e.removed.length === 0 && Object.keys(e.capacity).length === 0 && Object.keys(e.sources).length === 0 && e.unmetAllowed === undefined;
}

/**
 * Annualised fixed cost a new candidate station gets, KRW/day: the median of the model's candidates'
 * (0 when it has none), so a placed station competes on the model's own terms.
 */
export function typicalFixedCost(model: unknown): number {
  if (!isObject(model) || !Array.isArray(model['stations'])) return 0;
  const costs = model['stations']
    .filter((s): s is Json => isObject(s) && s['status'] === 'candidate' && typeof s['fixedCostKrwPerDay'] === 'number')
    .map((s) => s['fixedCostKrwPerDay'] as number)
    .sort((a, b) => a - b);
  if (costs.length === 0) return 0;
  const m = costs.length >> 1;
  return costs.length % 2 ? costs[m]! : (costs[m - 1]! + costs[m]!) / 2;
}

/** The model with the edits applied (a new object; the base is not changed). */
export function applyEdits(base: unknown, e: HydrogenEdits): unknown {
  if (!isObject(base)) return base;
  const out: Json = { ...base };
  if (Array.isArray(base['stations'])) {
    const removed = new Set(e.removed);
    const fixed = typicalFixedCost(base);
    const kept = base['stations']
      .filter((s) => !(isObject(s) && typeof s['id'] === 'string' && removed.has(s['id'])))
      .map((s) => {
        if (!isObject(s) || typeof s['id'] !== 'string') return s;
        const cap = e.capacity[s['id']];
        return cap === undefined ? s : { ...s, capacityKgPerDay: cap };
      });
    const added = e.added
      .filter((p) => !removed.has(p.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        lonLat: [p.lonLat[0], p.lonLat[1]],
        capacityKgPerDay: e.capacity[p.id] ?? p.capacityKgPerDay,
        status: 'candidate',
        fixedCostKrwPerDay: fixed,
        note: 'placed on the map in the viewer',
      }));
    out['stations'] = [...kept, ...added];
  }
  if (Array.isArray(base['sources'])) {
    out['sources'] = base['sources'].map((s) => {
      if (!isObject(s) || typeof s['id'] !== 'string') return s;
      const edit = e.sources[s['id']];
      if (!edit) return s;
      const next: Json = { ...s };
      if (edit.capacityKgPerDay !== undefined) next['capacityKgPerDay'] = edit.capacityKgPerDay;
      if (edit.kgCo2ePerKg !== undefined) next['kgCo2ePerKg'] = edit.kgCo2ePerKg;
      if (edit.enabled === false) next['capacityKgPerDay'] = 0;
      return next;
    });
  }
  if (e.unmetAllowed !== undefined) out['unmet'] = { ...(isObject(base['unmet']) ? base['unmet'] : {}), allowed: e.unmetAllowed };
  return out;
}

/** A station of a points layer as the model reads it: name and capacity from the layer's mapped properties. */
export interface LayerStation {
  readonly name: string;
  readonly lonLat: readonly [number, number];
  /** kg/day; null when the layer gives none (the default applies). */
  readonly capacityKgPerDay: number | null;
}

/** The model's stations replaced by candidate stations read from a layer (the layer's points, in order). */
export function withLayerStations(base: unknown, stations: readonly LayerStation[]): unknown {
  if (!isObject(base) || stations.length === 0) return base;
  const fixed = typicalFixedCost(base);
  return {
    ...base,
    stations: stations.map((s, i) => ({
      id: `layer-${i}`,
      name: s.name || `Station ${i + 1}`,
      lonLat: [s.lonLat[0], s.lonLat[1]],
      capacityKgPerDay: s.capacityKgPerDay ?? DEFAULT_STATION_CAPACITY_KG_PER_DAY,
      status: 'candidate',
      fixedCostKrwPerDay: fixed,
      note: 'from the stations layer',
    })),
  };
}

/** Station ids of a model (JSON), in order. */
export function stationIds(model: unknown): string[] {
  if (!isObject(model) || !Array.isArray(model['stations'])) return [];
  return model['stations'].map((s) => (isObject(s) && typeof s['id'] === 'string' ? s['id'] : ''));
}

/** WGS84 position of a station or source of the model (lonLat, or xy from the model's origin); null if neither. */
export function placeLonLat(model: unknown, place: unknown): [number, number] | null {
  if (!isObject(place)) return null;
  const ll = place['lonLat'];
  if (Array.isArray(ll) && typeof ll[0] === 'number' && typeof ll[1] === 'number') return [ll[0], ll[1]];
  const xy = place['xy'];
  const origin = isObject(model) ? model['origin'] : undefined;
  if (Array.isArray(xy) && typeof xy[0] === 'number' && typeof xy[1] === 'number' && Array.isArray(origin) && typeof origin[0] === 'number' && typeof origin[1] === 'number') {
    return toLonLat(createLocalFrame(origin[0], origin[1]), xy[0], xy[1]);
  }
  return null;
}

/**
 * Demand from assigned traffic: the model's zones replaced by one zone per station catchment holding the
 * vehicle-km of the links nearest that station (`zonesFromTraffic`, in the viewer's frame), placed at
 * the station in lon/lat so that station is its nearest. The model's FCEV shares and consumption apply.
 * Stations without a position are left out of the catchments. Unchanged when there is no station.
 */
export function withTrafficDemand(model: unknown, links: TrafficLinks, frame: LocalFrame): unknown {
  if (!isObject(model) || !Array.isArray(model['stations'])) return model;
  const placed: { id: string; x: number; y: number }[] = [];
  for (const s of model['stations']) {
    const ll = placeLonLat(model, s);
    if (!ll || !isObject(s) || typeof s['id'] !== 'string') continue;
    const [x, y] = toLocal(frame, ll[0], ll[1]);
    placed.push({ id: s['id'], x, y });
  }
  if (placed.length === 0) return model;
  const zones: ZoneInput[] = zonesFromTraffic(links, placed).map((z) => {
    const xy = z.xy!;
    const [lon, lat] = toLonLat(frame, xy[0], xy[1]);
    return { id: z.id, ...(z.catchmentOf !== undefined ? { catchmentOf: z.catchmentOf } : {}), lonLat: [lon, lat] as const, ...(z.vehKmPerDay ? { vehKmPerDay: z.vehKmPerDay } : {}) };
  });
  const demand = isObject(model['demand']) ? model['demand'] : {};
  return { ...model, demand: { ...demand, zones } };
}
