/**
 * The carbon grid as GeoJSON: one lon/lat polygon per cell with its values, for export and other tools.
 */
import { toLonLat } from '../../geo/index.ts';
import type { LocalFrame } from '../../geo/index.ts';
import type { CarbonGrid } from './grid.ts';

export interface GridGeoJsonOptions {
  /** Include cells with no emissions and no sinks (default false). */
  readonly includeEmpty?: boolean;
  /** Decimal places of t CO2e values (default 6, i.e. grams). */
  readonly decimals?: number;
}

/**
 * The grid as a GeoJSON FeatureCollection in WGS84 (RFC 7946): one Polygon per cell with properties
 * ix, iy and t CO2e/yr per sector (buildings, transport, sinks, net).
 */
export function gridToGeoJson(grid: CarbonGrid, frame: LocalFrame, options: GridGeoJsonOptions = {}): { type: 'FeatureCollection'; features: object[] } {
  const { originX, originY, cellSize, nx, ny } = grid.spec;
  const scale = 10 ** (options.decimals ?? 6);
  const round = (v: number): number => Math.round(v * scale) / scale + 0;
  const b = grid.attributes.buildings.value;
  const t = grid.attributes.transport.value;
  const s = grid.attributes.sinks.value;
  const n = grid.attributes.net.value;
  // Corner positions, computed once per grid vertex.
  const corner = (ix: number, iy: number, cache: Map<number, [number, number]>): [number, number] => {
    const key = iy * (nx + 1) + ix;
    let p = cache.get(key);
    if (!p) {
      const [lon, lat] = toLonLat(frame, originX + ix * cellSize, originY + iy * cellSize);
      p = [Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
      cache.set(key, p);
    }
    return p;
  };
  const cache = new Map<number, [number, number]>();
  const features: object[] = [];
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const i = iy * nx + ix;
      if (!options.includeEmpty && b[i] === 0 && t[i] === 0 && s[i] === 0) continue;
      const ring = [corner(ix, iy, cache), corner(ix + 1, iy, cache), corner(ix + 1, iy + 1, cache), corner(ix, iy + 1, cache), corner(ix, iy, cache)];
      features.push({
        type: 'Feature',
        id: i,
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { ix, iy, buildings: round(b[i]!), transport: round(t[i]!), sinks: round(s[i]!), net: round(n[i]!) },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
