// `?basemap=` in links: none | data | osm | vworld:<key>[:<layer>] | an XYZ template URL.
import { type BasemapSetting, DATA_GROUND, VWORLD_LAYERS, type VWorldLayer, templateProblem } from './sources.ts';

/** A `?basemap=` value that could not be read, with the reason (for a notice). */
export class BasemapParamError extends Error {
  constructor(readonly value: string, readonly reason: string) {
    super(`?basemap=${value}: ${reason}`);
    this.name = 'BasemapParamError';
  }
}

/**
 * Reads a `?basemap=` value. `none` and `data` draw the ground from the data; `osm` the OSM standard
 * tiles; `vworld:<key>` (optionally `:<layer>`, one of Base, white, midnight, Satellite, Hybrid) VWorld;
 * an http(s) URL with {z}, {x} and {y} is a custom XYZ source. Throws BasemapParamError otherwise.
 */
export function parseBasemapParam(raw: string): BasemapSetting {
  const value = raw.trim();
  const lower = value.toLowerCase();
  if (lower === 'none' || lower === 'data' || lower === '') return DATA_GROUND;
  if (lower === 'osm') return { kind: 'osm' };
  if (lower === 'vworld' || lower.startsWith('vworld:')) {
    const [, key = '', layer] = value.split(':');
    if (key.trim() === '') throw new BasemapParamError(value, 'VWorld needs an API key: vworld:<key>');
    if (layer !== undefined && !(VWORLD_LAYERS as readonly string[]).includes(layer)) {
      throw new BasemapParamError(value, `unknown VWorld layer '${layer}' (one of ${VWORLD_LAYERS.join(', ')})`);
    }
    return { kind: 'vworld', key: key.trim(), ...(layer !== undefined ? { layer: layer as VWorldLayer } : {}) };
  }
  const problem = templateProblem(value);
  if (problem === null) return { kind: 'custom', template: value };
  throw new BasemapParamError(value, /^https?:/i.test(value)
    ? 'a tile URL template needs {z}, {x} and {y}'
    : 'expected none, osm, vworld:<key> or an http(s) tile URL template with {z}, {x} and {y}');
}

/** The `?basemap=` value that gives this setting back (a custom attribution is not carried). */
export function basemapParam(s: BasemapSetting): string {
  switch (s.kind) {
    case 'data':
      return 'none';
    case 'osm':
      return 'osm';
    case 'vworld':
      return `vworld:${s.key ?? ''}${s.layer && s.layer !== 'Base' ? `:${s.layer}` : ''}`;
    case 'custom':
      return s.template ?? '';
  }
}

/** Reads a remembered setting (JSON), keeping only known members; anything else gives the data ground. */
export function settingFromJson(text: string | null | undefined): BasemapSetting {
  if (!text) return DATA_GROUND;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return DATA_GROUND;
    const o = v as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const kind = str('kind');
    if (kind !== 'data' && kind !== 'osm' && kind !== 'vworld' && kind !== 'custom') return DATA_GROUND;
    const layer = str('layer');
    const template = str('template');
    const attribution = str('attribution');
    const key = str('key');
    return {
      kind,
      ...(template !== undefined ? { template } : {}),
      ...(attribution !== undefined ? { attribution } : {}),
      ...(key !== undefined ? { key } : {}),
      ...(layer !== undefined && (VWORLD_LAYERS as readonly string[]).includes(layer) ? { layer: layer as VWorldLayer } : {}),
    };
  } catch {
    return DATA_GROUND;
  }
}
