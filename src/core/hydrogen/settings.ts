// Typed reading of a raw (not yet validated) hydrogen model JSON for display: its top-level settings
// with the core's defaults where it says nothing (what a what-if left at null falls back to), and its
// stations and sources as rows. Anything malformed reads as the default, never throws: the panel shows
// a model the validator has not seen yet, and the solver reports its errors.
import { CATCHMENT_DEFAULTS, CATCHMENT_MODES, type CatchmentMode, H2_VEHICLE_CLASSES, type H2VehicleClass, SOURCE_DEFAULTS, SOURCE_TYPES, type SourceType } from './defaults.ts';
import type { ObjectiveKind } from './model.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const isObjective = (v: unknown): v is ObjectiveKind => v === 'cost' || v === 'co2' || v === 'weighted';
const isSourceType = (v: unknown): v is SourceType => (SOURCE_TYPES as readonly unknown[]).includes(v);
const isCatchmentMode = (v: unknown): v is CatchmentMode => (CATCHMENT_MODES as readonly unknown[]).includes(v);

/** A model's own settings, each with the core's default when absent or unreadable. */
export interface ModelSettings {
  /** `name`, or '' */
  readonly name: string;
  /** Default 'cost'. */
  readonly objective: ObjectiveKind;
  /** Default false (every candidate station open). */
  readonly stationChoice: boolean;
  /** `demand.fcevShare` by class, 0–1; default 0. */
  readonly fcevShare: Readonly<Record<H2VehicleClass, number>>;
  /** `unmet.allowed`: default true (only an explicit false forbids unmet demand). */
  readonly unmetAllowed: boolean;
  /** `catchment.mode` and `catchment.maxDetourKm` (km per visit), defaults from CATCHMENT_DEFAULTS. */
  readonly catchment: { readonly mode: CatchmentMode; readonly maxDetourKm: number };
}

/** The settings of a raw model JSON (null or not an object: every default). */
export function modelSettings(json: unknown): ModelSettings {
  const m: Json = isObject(json) ? json : {};
  const demand = m['demand'];
  const shares = isObject(demand) ? demand['fcevShare'] : undefined;
  const fcevShare = {} as Record<H2VehicleClass, number>;
  for (const cls of H2_VEHICLE_CLASSES) fcevShare[cls] = (isObject(shares) ? num(shares[cls]) : undefined) ?? 0;
  const unmet = m['unmet'];
  const c = m['catchment'];
  const objective = m['objective'];
  const stationChoice = m['stationChoice'];
  return {
    name: text(m['name']),
    objective: isObjective(objective) ? objective : 'cost',
    stationChoice: typeof stationChoice === 'boolean' ? stationChoice : false,
    fcevShare,
    unmetAllowed: !(isObject(unmet) && unmet['allowed'] === false),
    catchment: {
      mode: isObject(c) && isCatchmentMode(c['mode']) ? c['mode'] : CATCHMENT_DEFAULTS.mode,
      maxDetourKm: (isObject(c) ? num(c['maxDetourKm']) : undefined) ?? CATCHMENT_DEFAULTS.maxDetourKm.value,
    },
  };
}

/** A station of a raw model, as listed for editing. */
export interface ModelStationRow {
  readonly id: string;
  /** `name`, else the id. */
  readonly name: string;
  /** kg/day; 0 when absent. */
  readonly capacityKgPerDay: number;
  readonly candidate: boolean;
}

/** The stations of a raw model JSON (entries that are not objects are left out). */
export function modelStations(json: unknown): ModelStationRow[] {
  const list = isObject(json) && Array.isArray(json['stations']) ? json['stations'] : [];
  return list.filter(isObject).map((s) => ({
    id: text(s['id']),
    name: text(s['name']) || text(s['id']),
    capacityKgPerDay: num(s['capacityKgPerDay']) ?? 0,
    candidate: s['status'] === 'candidate',
  }));
}

/** A source of a raw model, as listed for editing. */
export interface ModelSourceRow {
  readonly id: string;
  /** `name`, else the id. */
  readonly name: string;
  /** null when the type is not one of SOURCE_TYPES. */
  readonly type: SourceType | null;
  /** kg/day; 0 when absent. */
  readonly capacityKgPerDay: number;
  /** The source's own figure, else its type's cited default, else null. */
  readonly kgCo2ePerKg: number | null;
  /** Placed outside the map (`outsideMap`). */
  readonly outside: boolean;
}

/** The sources of a raw model JSON (entries that are not objects are left out). */
export function modelSources(json: unknown): ModelSourceRow[] {
  const list = isObject(json) && Array.isArray(json['sources']) ? json['sources'] : [];
  return list.filter(isObject).map((s) => {
    const type = isSourceType(s['type']) ? s['type'] : null;
    return {
      id: text(s['id']),
      name: text(s['name']) || text(s['id']),
      type,
      capacityKgPerDay: num(s['capacityKgPerDay']) ?? 0,
      kgCo2ePerKg: num(s['kgCo2ePerKg']) ?? (type ? SOURCE_DEFAULTS[type].kgCo2ePerKg.value : null),
      outside: isObject(s['outsideMap']),
    };
  });
}
