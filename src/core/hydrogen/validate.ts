/**
 * Validation of an untrusted hydrogen model (parsed JSON): every problem is reported, each with the
 * JSON path of the bad field, e.g. `$.sources[2].capacityKgPerDay: must be a number ≥ 0 (got -5)`.
 * Unknown fields are errors too (they are usually typos). Nothing throws.
 */
import { CATCHMENT_MODES, DELIVERY_KINDS, H2_VEHICLE_CLASSES, SOURCE_TYPES } from './defaults.ts';
import type { HydrogenModel } from './model.ts';

export interface ValidationError {
  /** JSONPath of the bad value, `$` being the model's root. */
  readonly path: string;
  readonly message: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly model: HydrogenModel }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** `path: message`, one per line. */
export function formatErrors(errors: readonly ValidationError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A short rendering of a bad value for messages. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObj(v)) return 'an object';
  return String(v);
}

class Checker {
  readonly errors: ValidationError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Reports fields of `o` not in `known`. */
  known(o: Obj, path: string, known: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) this.fail(`${path}.${key}`, `unknown field (known: ${known.join(', ')})`);
    }
  }

  number(o: Obj, key: string, path: string, opts: { required?: boolean; min?: number; minExclusive?: number; max?: number }): void {
    const v = o[key];
    const range =
      opts.minExclusive !== undefined
        ? `a number > ${opts.minExclusive}`
        : opts.min !== undefined && opts.max !== undefined
          ? `a number from ${opts.min} to ${opts.max}`
          : opts.min !== undefined
            ? `a number ≥ ${opts.min}`
            : 'a number';
    if (v === undefined) {
      if (opts.required) this.fail(`${path}.${key}`, `is required: ${range}`);
      return;
    }
    const ok =
      isNum(v) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.minExclusive === undefined || v > opts.minExclusive) &&
      (opts.max === undefined || v <= opts.max);
    if (!ok) this.fail(`${path}.${key}`, `must be ${range} (got ${shown(v)})`);
  }

  string(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    if (v === undefined) {
      if (required) this.fail(`${path}.${key}`, 'is required: a non-empty string');
      return;
    }
    if (typeof v !== 'string' || v.trim() === '') this.fail(`${path}.${key}`, `must be a non-empty string (got ${shown(v)})`);
  }

  oneOf(o: Obj, key: string, path: string, values: readonly string[], required: boolean): void {
    const v = o[key];
    if (v === undefined) {
      if (required) this.fail(`${path}.${key}`, `is required: one of ${values.join(', ')}`);
      return;
    }
    if (typeof v !== 'string' || !values.includes(v)) this.fail(`${path}.${key}`, `must be one of ${values.join(', ')} (got ${shown(v)})`);
  }

  boolean(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined && typeof v !== 'boolean') this.fail(`${path}.${key}`, `must be true or false (got ${shown(v)})`);
  }

  lonLat(v: unknown, path: string): void {
    if (!Array.isArray(v) || v.length !== 2 || !isNum(v[0]) || !isNum(v[1]) || Math.abs(v[0]) > 180 || Math.abs(v[1]) > 90) {
      this.fail(path, `must be [longitude, latitude] in degrees, longitude from -180 to 180 and latitude from -90 to 90 (got ${shown(v)})`);
    }
  }

  xy(v: unknown, path: string): void {
    if (!Array.isArray(v) || v.length !== 2 || !isNum(v[0]) || !isNum(v[1])) this.fail(path, `must be [x, y] in metres (got ${shown(v)})`);
  }

  /** Exactly one of the place keys in `allowed` is present and well formed. */
  place(o: Obj, path: string, allowed: readonly ('lonLat' | 'xy' | 'outsideMap')[]): void {
    const present = allowed.filter((k) => o[k] !== undefined);
    if (present.length !== 1) {
      this.fail(path, `must have exactly one of ${allowed.join(', ')} (has ${present.length === 0 ? 'none' : present.join(' and ')})`);
    }
    if (o['lonLat'] !== undefined) this.lonLat(o['lonLat'], `${path}.lonLat`);
    if (o['xy'] !== undefined) this.xy(o['xy'], `${path}.xy`);
    const out = o['outsideMap'];
    if (out !== undefined) {
      const p = `${path}.outsideMap`;
      if (!isObj(out)) this.fail(p, `must be an object {bearingDeg, roadKm} (got ${shown(out)})`);
      else {
        this.known(out, p, ['bearingDeg', 'roadKm']);
        this.number(out, 'bearingDeg', p, { required: true, min: 0, max: 360 });
        this.number(out, 'roadKm', p, { required: true, min: 0 });
      }
    }
  }

  /** An array of strings each in `known` (mode ids). */
  idList(o: Obj, key: string, path: string, known: ReadonlySet<string>): void {
    const v = o[key];
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      this.fail(`${path}.${key}`, `must be an array of mode ids (got ${shown(v)})`);
      return;
    }
    v.forEach((id, i) => {
      if (typeof id !== 'string' || !known.has(id)) this.fail(`${path}.${key}[${i}]`, `must be a mode id, one of ${[...known].join(', ')} (got ${shown(id)})`);
    });
  }

  classRecord(o: Obj, key: string, path: string, opts: { min?: number; minExclusive?: number; max?: number }): void {
    const v = o[key];
    if (v === undefined) return;
    if (!isObj(v)) {
      this.fail(`${path}.${key}`, `must be an object keyed by vehicle class (${H2_VEHICLE_CLASSES.join(', ')}) (got ${shown(v)})`);
      return;
    }
    this.known(v, `${path}.${key}`, H2_VEHICLE_CLASSES);
    for (const cls of H2_VEHICLE_CLASSES) this.number(v, cls, `${path}.${key}`, opts);
  }

  /** Checks `id` and that it is unique among `seen`. */
  id(o: Obj, path: string, seen: Map<string, string>): void {
    this.string(o, 'id', path, true);
    const id = o['id'];
    if (typeof id === 'string' && id.trim() !== '') {
      const first = seen.get(id);
      if (first !== undefined) this.fail(`${path}.id`, `duplicate id ${JSON.stringify(id)} (first used at ${first})`);
      else seen.set(id, path);
    }
  }

  array(o: Obj, key: string, path: string, required: boolean): readonly unknown[] | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.fail(`${path}.${key}`, 'is required: an array');
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.fail(`${path}.${key}`, `must be an array (got ${shown(v)})`);
      return undefined;
    }
    return v;
  }
}

const ROOT_KEYS = [
  'version', 'name', 'description', 'currency', 'origin', 'objective', 'carbonPriceKrwPerTCo2e', 'stationChoice', 'integerTrips',
  'unmet', 'catchment', 'circuityFactor', 'stations', 'sources', 'modes', 'demand', 'distances', 'solver', 'notes',
] as const;
const STATION_KEYS = ['id', 'name', 'lonLat', 'xy', 'capacityKgPerDay', 'status', 'fixedCostKrwPerDay', 'demandKgPerDay', 'demandClass', 'modes', 'note'] as const;
const SOURCE_KEYS = ['id', 'name', 'type', 'lonLat', 'xy', 'outsideMap', 'capacityKgPerDay', 'costKrwPerKg', 'kgCo2ePerKg', 'form', 'modes', 'illustrative', 'note'] as const;
const MODE_KEYS = ['id', 'name', 'kind', 'payloadKg', 'costKrwPerKgKm', 'fixedKrwPerKg', 'fixedKrwPerTrip', 'energyKwhPerKg', 'liquefactionKrwPerKg', 'truckKgCo2ePerKm', 'maxKm'] as const;
const CATCHMENT_KEYS = ['mode', 'maxDetourKm', 'detourCostKrwPerKm', 'kgPerVisit'] as const;
const ZONE_KEYS = ['id', 'catchmentOf', 'lonLat', 'xy', 'kgPerDay', 'demandClass', 'vehKmPerDay'] as const;

/** Validates parsed JSON as a hydrogen model; returns the model or every error found. */
export function validateModel(json: unknown): ValidationResult {
  const c = new Checker();
  if (!isObj(json)) {
    c.fail('$', `must be a JSON object (got ${shown(json)})`);
    return { ok: false, errors: c.errors };
  }
  const m = json;
  c.known(m, '$', ROOT_KEYS);
  if (m['version'] !== 1) c.fail('$.version', `must be 1 (got ${shown(m['version'])})`);
  c.string(m, 'name', '$', false);
  c.string(m, 'description', '$', false);
  if (m['currency'] !== undefined && m['currency'] !== 'KRW') c.fail('$.currency', `must be "KRW": every money figure is in Korean won (got ${shown(m['currency'])})`);
  if (m['origin'] !== undefined) c.lonLat(m['origin'], '$.origin');
  c.oneOf(m, 'objective', '$', ['cost', 'co2', 'weighted'], false);
  c.number(m, 'carbonPriceKrwPerTCo2e', '$', { min: 0 });
  c.boolean(m, 'stationChoice', '$');
  c.boolean(m, 'integerTrips', '$');
  c.number(m, 'circuityFactor', '$', { min: 1 });
  const notes = m['notes'];
  if (notes !== undefined && (!Array.isArray(notes) || notes.some((n) => typeof n !== 'string'))) c.fail('$.notes', 'must be an array of strings');

  const unmet = m['unmet'];
  if (unmet !== undefined) {
    if (!isObj(unmet)) c.fail('$.unmet', `must be an object {allowed, penaltyKrwPerKg, penaltyKgCo2ePerKg} (got ${shown(unmet)})`);
    else {
      c.known(unmet, '$.unmet', ['allowed', 'penaltyKrwPerKg', 'penaltyKgCo2ePerKg']);
      c.boolean(unmet, 'allowed', '$.unmet');
      c.number(unmet, 'penaltyKrwPerKg', '$.unmet', { min: 0 });
      c.number(unmet, 'penaltyKgCo2ePerKg', '$.unmet', { min: 0 });
    }
  }

  const catchment = m['catchment'];
  if (catchment !== undefined) {
    const p = '$.catchment';
    if (!isObj(catchment)) c.fail(p, `must be an object {mode, maxDetourKm, detourCostKrwPerKm, kgPerVisit} (got ${shown(catchment)})`);
    else {
      c.known(catchment, p, CATCHMENT_KEYS);
      c.oneOf(catchment, 'mode', p, CATCHMENT_MODES, false);
      c.number(catchment, 'maxDetourKm', p, { min: 0 });
      c.number(catchment, 'detourCostKrwPerKm', p, { min: 0 });
      c.number(catchment, 'kgPerVisit', p, { minExclusive: 0 });
    }
  }

  const solver = m['solver'];
  if (solver !== undefined) {
    if (!isObj(solver)) c.fail('$.solver', `must be an object {timeLimitS, mipRelGap} (got ${shown(solver)})`);
    else {
      c.known(solver, '$.solver', ['timeLimitS', 'mipRelGap']);
      c.number(solver, 'timeLimitS', '$.solver', { minExclusive: 0 });
      c.number(solver, 'mipRelGap', '$.solver', { min: 0, max: 1 });
    }
  }

  // Modes first: stations and sources refer to their ids.
  const modeIds = new Map<string, string>();
  const modes = c.array(m, 'modes', '$', false);
  if (modes !== undefined) {
    if (modes.length === 0) c.fail('$.modes', 'must list at least one delivery mode (or be left out for the defaults)');
    modes.forEach((v, i) => {
      const p = `$.modes[${i}]`;
      if (!isObj(v)) {
        c.fail(p, `must be an object (got ${shown(v)})`);
        return;
      }
      c.known(v, p, MODE_KEYS);
      c.id(v, p, modeIds);
      c.string(v, 'name', p, false);
      c.oneOf(v, 'kind', p, DELIVERY_KINDS, true);
      const payload = v['payloadKg'];
      if (v['kind'] === 'pipeline') {
        if (payload !== undefined && payload !== null) c.fail(`${p}.payloadKg`, `must be null or left out for a pipeline (got ${shown(payload)})`);
      } else if (payload !== null) c.number(v, 'payloadKg', p, { minExclusive: 0 });
      else c.fail(`${p}.payloadKg`, 'must be a number > 0 for a trailer or tanker (got null)');
      c.number(v, 'costKrwPerKgKm', p, { min: 0 });
      c.number(v, 'fixedKrwPerKg', p, { min: 0 });
      c.number(v, 'fixedKrwPerTrip', p, { min: 0 });
      c.number(v, 'energyKwhPerKg', p, { min: 0 });
      if (v['liquefactionKrwPerKg'] !== undefined && v['kind'] !== 'liquid') {
        c.fail(`${p}.liquefactionKrwPerKg`, `applies only to a liquid mode (kind "liquid"), not ${shown(v['kind'])}`);
      } else c.number(v, 'liquefactionKrwPerKg', p, { min: 0 });
      const liq = v['liquefactionKrwPerKg'];
      const fixed = v['fixedKrwPerKg'];
      if (isNum(liq) && isNum(fixed) && liq > fixed) c.fail(`${p}.liquefactionKrwPerKg`, `must be at most fixedKrwPerKg (${fixed}): it is the liquefaction part of that cost (got ${liq})`);
      c.number(v, 'truckKgCo2ePerKm', p, { min: 0 });
      c.number(v, 'maxKm', p, { minExclusive: 0 });
    });
  }
  const knownModes = new Set<string>(modes === undefined ? DELIVERY_KINDS : modeIds.keys());

  const stationIds = new Map<string, string>();
  const stations = c.array(m, 'stations', '$', true);
  if (stations !== undefined && stations.length === 0) c.fail('$.stations', 'must list at least one station');
  stations?.forEach((v, i) => {
    const p = `$.stations[${i}]`;
    if (!isObj(v)) {
      c.fail(p, `must be an object (got ${shown(v)})`);
      return;
    }
    c.known(v, p, STATION_KEYS);
    c.id(v, p, stationIds);
    c.string(v, 'name', p, false);
    c.string(v, 'note', p, false);
    c.place(v, p, ['lonLat', 'xy']);
    c.number(v, 'capacityKgPerDay', p, { required: true, min: 0 });
    c.oneOf(v, 'status', p, ['existing', 'candidate'], true);
    c.number(v, 'fixedCostKrwPerDay', p, { min: 0 });
    c.number(v, 'demandKgPerDay', p, { min: 0 });
    c.oneOf(v, 'demandClass', p, H2_VEHICLE_CLASSES, false);
    c.idList(v, 'modes', p, knownModes);
  });

  const sourceIds = new Map<string, string>();
  const sources = c.array(m, 'sources', '$', true);
  if (sources !== undefined && sources.length === 0) c.fail('$.sources', 'must list at least one source');
  sources?.forEach((v, i) => {
    const p = `$.sources[${i}]`;
    if (!isObj(v)) {
      c.fail(p, `must be an object (got ${shown(v)})`);
      return;
    }
    c.known(v, p, SOURCE_KEYS);
    c.id(v, p, sourceIds);
    c.string(v, 'name', p, false);
    c.string(v, 'note', p, false);
    c.oneOf(v, 'type', p, SOURCE_TYPES, true);
    c.place(v, p, ['lonLat', 'xy', 'outsideMap']);
    c.number(v, 'capacityKgPerDay', p, { required: true, min: 0 });
    c.number(v, 'costKrwPerKg', p, { min: 0 });
    c.number(v, 'kgCo2ePerKg', p, { min: 0 });
    c.oneOf(v, 'form', p, ['gas', 'liquid'], false);
    c.boolean(v, 'illustrative', p);
    c.idList(v, 'modes', p, knownModes);
  });

  const demand = m['demand'];
  if (demand !== undefined) {
    if (!isObj(demand)) c.fail('$.demand', `must be an object (got ${shown(demand)})`);
    else {
      c.known(demand, '$.demand', ['zones', 'fcevShare', 'consumptionKgPer100Km', 'replacedSpeedKmh']);
      c.classRecord(demand, 'fcevShare', '$.demand', { min: 0, max: 1 });
      c.classRecord(demand, 'consumptionKgPer100Km', '$.demand', { minExclusive: 0 });
      c.number(demand, 'replacedSpeedKmh', '$.demand', { minExclusive: 0 });
      const zoneIds = new Map<string, string>();
      c.array(demand, 'zones', '$.demand', false)?.forEach((z, i) => {
        const p = `$.demand.zones[${i}]`;
        if (!isObj(z)) {
          c.fail(p, `must be an object (got ${shown(z)})`);
          return;
        }
        c.known(z, p, ZONE_KEYS);
        c.id(z, p, zoneIds);
        const of = z['catchmentOf'];
        if (of !== undefined && (typeof of !== 'string' || !stationIds.has(of))) c.fail(`${p}.catchmentOf`, `must be the id of a station (got ${shown(of)})`);
        c.place(z, p, ['lonLat', 'xy']);
        c.number(z, 'kgPerDay', p, { min: 0 });
        c.oneOf(z, 'demandClass', p, H2_VEHICLE_CLASSES, false);
        c.classRecord(z, 'vehKmPerDay', p, { min: 0 });
        if (z['kgPerDay'] === undefined && z['vehKmPerDay'] === undefined) c.fail(p, 'must have kgPerDay or vehKmPerDay (or both)');
      });
    }
  }

  c.array(m, 'distances', '$', false)?.forEach((d, i) => {
    const p = `$.distances[${i}]`;
    if (!isObj(d)) {
      c.fail(p, `must be an object {source, station, roadKm} (got ${shown(d)})`);
      return;
    }
    c.known(d, p, ['source', 'station', 'roadKm']);
    if (typeof d['source'] !== 'string' || !sourceIds.has(d['source'])) c.fail(`${p}.source`, `must be the id of a source (got ${shown(d['source'])})`);
    if (typeof d['station'] !== 'string' || !stationIds.has(d['station'])) c.fail(`${p}.station`, `must be the id of a station (got ${shown(d['station'])})`);
    c.number(d, 'roadKm', p, { required: true, min: 0 });
  });

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, model: json as unknown as HydrogenModel };
}
