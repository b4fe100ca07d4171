/**
 * Reading OSM road tags: `oneway`, `junction`, `lanes`, `lanes:forward|backward`, `maxspeed`
 * (`maxspeed:forward|backward`), and car access. Values that cannot be read return undefined, and the
 * caller falls back to the class default (and counts the fallback).
 */
import { KMH_PER_MPH, MAX_LANES, MAX_SPEED_KMH, MIN_SPEED_KMH, URBAN_IMPLICIT_KMH } from './defaults.ts';

/** Which ways a road may be driven, relative to the order of its coordinates. */
export const enum Direction {
  Both = 0,
  Forward = 1,
  Backward = 2,
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** First value of a `;`-separated OSM list. */
function firstOf(value: string): string {
  const at = value.indexOf(';');
  return (at >= 0 ? value.slice(0, at) : value).trim();
}

/**
 * Direction of travel: `oneway=yes|true|1` forward, `oneway=-1|reverse` backward, `oneway=no|false|0`
 * both ways; otherwise roundabouts (`junction=roundabout|circular`) and classes that are one-way by
 * default (motorways) are forward, and everything else is two-way.
 */
export function directionOf(props: Readonly<Record<string, unknown>>, onewayByDefault: boolean): Direction {
  const oneway = text(props['oneway']);
  if (oneway === 'yes' || oneway === 'true' || oneway === '1') return Direction.Forward;
  if (oneway === '-1' || oneway === 'reverse') return Direction.Backward;
  if (oneway === 'no' || oneway === 'false' || oneway === '0') return Direction.Both;
  const junction = text(props['junction']);
  if (junction === 'roundabout' || junction === 'circular') return Direction.Forward;
  return onewayByDefault ? Direction.Forward : Direction.Both;
}

/** A lane count (1 .. MAX_LANES) from `lanes`-style values ("2", "2;3" → 2), else undefined. */
export function parseLanes(value: unknown): number | undefined {
  const t = text(value);
  if (t === undefined || t === '') return undefined;
  const n = Number(firstOf(t).replace(',', '.'));
  return Number.isFinite(n) && n >= 1 && n <= MAX_LANES ? n : undefined;
}

const NUMERIC_SPEED = /^(\d+(?:[.,]\d+)?)\s*(km\/h|kmh|kph|mph)?$/;
const ZONE_SPEED = /^[a-z]{2}(?:-[a-z0-9]+)?:zone:?(\d+)$/;
const URBAN_SPEED = /^[a-z]{2}(?:-[a-z0-9]+)?:urban$/;

/**
 * A speed limit in km/h from an OSM `maxspeed` value: "50", "50 km/h", "30 mph", "XX:urban" (50),
 * "XX:zone30" / "XX:zone:30" (30); the first of a `;` list. Anything else ("none", "signals", "walk",
 * "XX:rural", out-of-range numbers) is undefined.
 */
export function parseMaxspeed(value: unknown): number | undefined {
  const t = text(value);
  if (t === undefined || t === '') return undefined;
  const v = firstOf(t);
  let kmh: number | undefined;
  const num = NUMERIC_SPEED.exec(v);
  if (num !== null) {
    const n = Number((num[1] ?? '').replace(',', '.'));
    kmh = num[2] === 'mph' ? n * KMH_PER_MPH : n;
  } else {
    const zone = ZONE_SPEED.exec(v);
    if (zone !== null) kmh = Number(zone[1]);
    else if (URBAN_SPEED.test(v)) kmh = URBAN_IMPLICIT_KMH;
  }
  return kmh !== undefined && Number.isFinite(kmh) && kmh >= MIN_SPEED_KMH && kmh <= MAX_SPEED_KMH ? kmh : undefined;
}

const NO_CARS = new Set(['no']);
const YES_CARS = new Set(['yes', 'designated', 'permissive', 'destination', 'private', 'customers', 'delivery']);

/**
 * False where cars may not use the way: `motor_vehicle`, `motorcar` or `vehicle` = no, or `access=no`
 * without a more specific permission. Private and destination-only roads stay (they carry the trips of
 * the buildings they serve).
 */
export function carsAllowed(props: Readonly<Record<string, unknown>>): boolean {
  for (const key of ['motorcar', 'motor_vehicle', 'vehicle']) {
    const v = text(props[key]);
    if (v === undefined) continue;
    if (NO_CARS.has(v)) return false;
    if (YES_CARS.has(v)) return true;
  }
  const access = text(props['access']);
  return access === undefined || !NO_CARS.has(access);
}
