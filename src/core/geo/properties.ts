/**
 * Feature properties packed as UTF-8 JSON in one byte buffer with offsets, so they cross threads by
 * transfer and are decoded one feature at a time, when someone asks (the info panel). Values stay
 * data: they are parsed with JSON.parse into plain objects and shown as text, never as HTML.
 */
import { Grow } from '../columnar/index.ts';
import { propertiesOf } from './geojson.ts';

export interface PackedProperties {
  /** UTF-8 JSON of each feature's properties, back to back. */
  readonly bytes: Uint8Array;
  /** Feature i is bytes[offsets[i] .. offsets[i + 1]); length = features + 1. */
  readonly offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PropertyPacker {
  private readonly bytes = new Grow((n) => new Uint8Array(n), 1 << 16);
  private readonly offsets = new Grow((n) => new Uint32Array(n), 1024);
  constructor() {
    this.offsets.push(0);
  }
  add(props: Readonly<Record<string, unknown>>): void {
    const json = JSON.stringify(props);
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    const target = this.bytes.reserve(json.length * 3);
    const { written } = encoder.encodeInto(json, target.subarray(this.bytes.length));
    this.bytes.length += written;
    this.offsets.push(this.bytes.length);
  }
  finish(): PackedProperties {
    return { bytes: this.bytes.finish(), offsets: this.offsets.finish() };
  }
}

export function packProperties(list: readonly Readonly<Record<string, unknown>>[]): PackedProperties {
  const p = new PropertyPacker();
  for (const props of list) p.add(props);
  return p.finish();
}

export function propertyCount(p: PackedProperties): number {
  return p.offsets.length - 1;
}

/** The properties of feature i as a plain object (a fresh copy each call). */
export function unpackProperties(p: PackedProperties, i: number): Record<string, unknown> {
  if (!Number.isInteger(i) || i < 0 || i >= p.offsets.length - 1) throw new RangeError(`no feature ${i}`);
  const json = decoder.decode(p.bytes.subarray(p.offsets[i], p.offsets[i + 1]));
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A district's label: its `name`, else `adm_nm` (the name field of Korea's administrative-dong
 * boundaries, SGIS / vuski/admdongkor, as in Yeouido's file), else "#" and its 1-based position.
 */
export function districtLabel(feature: unknown, index: number): string {
  const p = propertiesOf(feature);
  return propertyText(p['name']) || propertyText(p['adm_nm']) || `#${index + 1}`;
}

/** Shows a property value as plain text (objects as JSON); the caller renders it as a text node. */
export function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
