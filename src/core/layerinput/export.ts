/**
 * A layer written back out as GeoJSON (RFC 7946: WGS84 lon/lat, no `crs` member): the features the map
 * draws, read from the layer's file in its CRS (any format the viewer loads), with their own ids and
 * properties. Skipped features are left out, so the export is the cleaned layer; importing it again gives
 * the same features. Coordinates are rounded to 1e-7° (about 1 cm), well below any survey's accuracy.
 */
import { type LayerSource, readModelFeatures } from './read.ts';

/** Decimal places kept for lon/lat (1e-7° ≈ 1.1 cm of latitude). */
export const EXPORT_DECIMALS = 7;

function roundCoords(c: unknown): unknown {
  if (typeof c === 'number') return Number(c.toFixed(EXPORT_DECIMALS));
  return Array.isArray(c) ? c.map(roundCoords) : c;
}

function roundGeometry(g: unknown): unknown {
  if (g === null || typeof g !== 'object') return g;
  const geom = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (Array.isArray(geom.geometries)) return { type: geom.type, geometries: geom.geometries.map(roundGeometry) };
  return { type: geom.type, coordinates: roundCoords(geom.coordinates) };
}

/**
 * GeoJSON text of the drawn features of a layer file. `drawn[i]` (from the ingest) says whether feature i
 * was drawn; features are numbered as the ingest numbers them (the file's order).
 */
export function exportGeoJson(text: string, source: Omit<LayerSource, 'url'>, drawn: ArrayLike<number>, name?: string): string {
  const features = readModelFeatures(text, source, true);
  const out: string[] = [];
  features.forEach((f, i) => {
    if (!drawn[i] || f === null || typeof f !== 'object') return;
    const feature = f as { id?: unknown; properties?: unknown; geometry?: unknown };
    out.push(
      JSON.stringify({
        type: 'Feature',
        ...(feature.id !== undefined ? { id: feature.id } : {}),
        properties: feature.properties ?? null,
        geometry: roundGeometry(feature.geometry),
      }),
    );
  });
  const head = JSON.stringify({ type: 'FeatureCollection', ...(name !== undefined ? { name } : {}) }).slice(0, -1);
  return `${head},"features":[\n${out.join(',\n')}\n]}\n`;
}
