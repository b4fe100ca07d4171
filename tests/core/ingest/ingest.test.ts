import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { detectKind, ingestGeoJsonText } from '../../../src/core/ingest/index.ts';

const poly = (props: object, ring: number[][]) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
const square = (lon: number, lat: number, d: number): number[][] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];

describe('layer kind from the geometry', () => {
  it('buildings when most polygons carry building tags, areas otherwise, roads for lines, points for points', () => {
    expect(detectKind([poly({ building: 'yes' }, square(0, 0, 1)), poly({}, square(0, 0, 1)), poly({ height: 3 }, square(0, 0, 1))])).toBe('buildings');
    expect(detectKind([poly({ name: 'zone' }, square(0, 0, 1))])).toBe('areas');
    expect(detectKind([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }])).toBe('roads');
    expect(detectKind([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }])).toBe('points');
    expect(detectKind([{ type: 'Feature', properties: {}, geometry: null }])).toBeNull();
  });
});

describe('CRS on ingest', () => {
  const seoul = [126.978, 37.5665] as const;
  const tm5186 = '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m';

  it('reads a declared CRS and reprojects to the same place as lon/lat', () => {
    const ring = square(seoul[0], seoul[1], 0.0005);
    const lonlat = ingestGeoJsonText(JSON.stringify({ type: 'FeatureCollection', features: [poly({ building: 'yes' }, ring)] }), 'auto');
    const projected = ring.map((p) => proj4('EPSG:4326', tm5186, p));
    const declared = ingestGeoJsonText(
      JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:5186' } }, features: [poly({ building: 'yes' }, projected)] }),
      'auto',
      { frame: lonlat.data.frame },
    );
    expect(declared.crs).toMatchObject({ code: 5186, how: 'declared' });
    expect(lonlat.crs).toMatchObject({ code: 4326, how: 'default' });
    for (let k = 0; k < 6; k++) expect(Math.abs(declared.data.bounds[k]! - lonlat.data.bounds[k]!)).toBeLessThan(0.05);
  });

  it('asks for a choice when projected coordinates fit several systems, and uses the one given', () => {
    const projected = square(seoul[0], seoul[1], 0.0005).map((p) => proj4('EPSG:4326', tm5186, p));
    const text = JSON.stringify({ type: 'FeatureCollection', features: [poly({ building: 'yes' }, projected)] });
    expect(() => ingestGeoJsonText(text, 'auto')).toThrow(/fit several coordinate systems \(EPSG:5186/);
    expect(ingestGeoJsonText(text, 'auto', { crs: 5186 }).crs).toMatchObject({ code: 5186, how: 'given' });
  });

  it('refuses an unsupported declared CRS by name', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2097' } }, features: [poly({}, square(0, 0, 1))] });
    expect(() => ingestGeoJsonText(text, 'auto')).toThrow(/EPSG:2097/);
  });
});

describe('size guard', () => {
  it('loads small files, warns above 150 MB and refuses above 512 MB with the reason', async () => {
    const { sizeVerdict } = await import('../../../src/core/ingest/index.ts');
    expect(sizeVerdict(10 * 2 ** 20)).toEqual({ ok: true, warn: false });
    expect(sizeVerdict(200 * 2 ** 20)).toEqual({ ok: true, warn: true });
    const big = sizeVerdict(600 * 2 ** 20);
    expect(big.ok).toBe(false);
    expect(big.ok ? '' : big.message).toMatch(/600 MB; files over 512 MB do not fit/);
  });
});

describe('point layers', () => {
  it('draws one marker per point (MultiPoint gives several for one feature) and lists bad points', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [7.42, 43.73] } },
        { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'MultiPoint', coordinates: [[7.421, 43.731], [7.422, 43.732]] } },
        { type: 'Feature', properties: { name: 'c' }, geometry: { type: 'Point', coordinates: [7.42, null] } },
      ],
    });
    const layer = ingestGeoJsonText(text, 'auto');
    expect(layer.kind).toBe('points');
    if (layer.kind !== 'points') return;
    expect(Array.from(layer.data.featureOfPoint)).toEqual([0, 1, 1]);
    expect(layer.data.positions.length).toBe(6);
    expect(layer.data.skipped.map((s) => [s.index, s.code])).toEqual([[2, 'bad-coordinates']]);
    expect(layer.stats.drawn).toBe(2);
  });
});
