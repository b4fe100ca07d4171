// Basemap sources: what the ground under the city is drawn from, the tile URL of each raster source and
// the attribution each one requires. Pure data and string work; no network access here.

/** Which source the ground is drawn from. `data`: the city's own layers (offline; the default). */
export type BasemapKind = 'data' | 'osm' | 'vworld' | 'custom';

/** VWorld (Korea's national basemap, 국토교통부 공간정보 오픈플랫폼) WMTS layers. */
export const VWORLD_LAYERS = ['Base', 'white', 'midnight', 'Satellite', 'Hybrid'] as const;
export type VWorldLayer = (typeof VWORLD_LAYERS)[number];

/** The user's basemap choice, as remembered in the browser and written in `?basemap=`. */
export interface BasemapSetting {
  readonly kind: BasemapKind;
  /** `custom`: an XYZ template with {z}, {x}, {y} (and optionally {s}), http(s). */
  readonly template?: string;
  /** `custom`: the attribution text the user gives for it (shown under the map). */
  readonly attribution?: string;
  /** `vworld`: the API key (issued free at vworld.kr for a registered domain). */
  readonly key?: string;
  /** `vworld`: which of its layers. */
  readonly layer?: VWorldLayer;
}

export const DATA_GROUND: BasemapSetting = { kind: 'data' };

/** A raster source ready to request: a URL per tile and the text that must be shown with it. */
export interface TileSource {
  readonly kind: Exclude<BasemapKind, 'data'>;
  /** Template with {z} {x} {y} (and {s} for `subdomains`). */
  readonly template: string;
  readonly subdomains: readonly string[];
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Attribution text, shown while a tile of the source is drawn. */
  readonly attribution: string;
  /** Where the attribution links to. */
  readonly attributionUrl: string | null;
}

/**
 * OpenStreetMap's standard tile layer. Tile Usage Policy (operations.osmfoundation.org/policies/tiles):
 * "© OpenStreetMap contributors" shown on the map, no heavy or bulk use, a valid Referer (browsers send
 * it), tiles cached as the server says; z 0–19.
 */
export const OSM_TEMPLATE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_USAGE_URL = 'https://operations.osmfoundation.org/policies/tiles/';

/**
 * VWorld WMTS in the Google Maps compatible tile matrix set (EPSG:3857), REST form
 * `/req/wmts/1.0.0/{key}/{layer}/{TileMatrix}/{TileRow}/{TileCol}.{ext}` (VWorld open API, WMTS guide:
 * www.vworld.kr/dev/v4dv_wmtsguide2_s001.do); zoom 6–19 (its tiles cover Korea only). Satellite is JPEG,
 * the others PNG. Terms: credit 국토교통부 / VWorld as the source.
 */
export function vworldTemplate(key: string, layer: VWorldLayer): string {
  const ext = layer === 'Satellite' ? 'jpeg' : 'png';
  return `https://api.vworld.kr/req/wmts/1.0.0/${encodeURIComponent(key)}/${layer}/{z}/{y}/{x}.${ext}`;
}

/** Why a setting gives no tiles (the ground is then drawn from the data). */
export type SourceProblem = 'no-key' | 'no-template' | 'bad-template';

/** Checks an XYZ template: http(s), with {z}, {x} and {y}. Returns the problem or null. */
export function templateProblem(template: string): 'no-template' | 'bad-template' | null {
  const t = template.trim();
  if (t === '') return 'no-template';
  if (!/^https?:\/\//i.test(t)) return 'bad-template';
  for (const p of ['{z}', '{x}', '{y}']) if (!t.includes(p)) return 'bad-template';
  return null;
}

/** The tile source a setting asks for, or the reason it has none. `data` has none and no problem. */
export function resolveSource(s: BasemapSetting): { source: TileSource | null; problem: SourceProblem | null } {
  switch (s.kind) {
    case 'data':
      return { source: null, problem: null };
    case 'osm':
      return {
        source: { kind: 'osm', template: OSM_TEMPLATE, subdomains: [], minZoom: 0, maxZoom: 19, attribution: '© OpenStreetMap contributors', attributionUrl: 'https://www.openstreetmap.org/copyright' },
        problem: null,
      };
    case 'vworld': {
      const key = s.key?.trim() ?? '';
      if (key === '') return { source: null, problem: 'no-key' };
      return {
        source: { kind: 'vworld', template: vworldTemplate(key, s.layer ?? 'Base'), subdomains: [], minZoom: 6, maxZoom: s.layer === 'Satellite' || s.layer === 'Hybrid' ? 19 : 18, attribution: '© 국토교통부 VWorld', attributionUrl: 'https://www.vworld.kr' },
        problem: null,
      };
    }
    case 'custom': {
      const template = s.template?.trim() ?? '';
      const problem = templateProblem(template);
      if (problem) return { source: null, problem };
      const attribution = s.attribution?.trim() || hostOf(template);
      return { source: { kind: 'custom', template, subdomains: ['a', 'b', 'c'], minZoom: 0, maxZoom: 19, attribution, attributionUrl: null }, problem: null };
    }
  }
}

/** The host of a URL template ({…} placeholders allowed), for an attribution that names the server at least. */
function hostOf(template: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(template);
  return m?.[1]?.replace(/\{s\}\./, '') ?? template;
}

/** The URL of tile z/x/y; {s} cycles through the subdomains by x + y so a tile always has the same URL. */
export function tileUrl(source: Pick<TileSource, 'template' | 'subdomains'>, z: number, x: number, y: number): string {
  const sub = source.subdomains.length > 0 ? source.subdomains[(x + y) % source.subdomains.length]! : '';
  return source.template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y)).replaceAll('{s}', sub);
}
