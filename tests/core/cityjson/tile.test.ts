// The shared CityJSON tile (tests/fixtures/cityjson/3db_sub.json, 3D BAG-style LoD1, EPSG:7415) read and
// drawn: counts, heights from `roofheight`, the CRS, and where a known building lands on the Earth,
// checked against proj4 run here with the EPSG parameters (not with src/core/crs).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { readCityJson } from '../../../src/core/cityjson/index.ts';
import { ingestText } from '../../../src/core/ingest/index.ts';

const TILE = new URL('../../fixtures/cityjson/3db_sub.json', import.meta.url);
const text = readFileSync(TILE, 'utf8');

/**
 * RD New from the EPSG parameters: oblique stereographic (method 9809) on Bessel 1841, and EPSG:4833
 * "Amersfoort to WGS 84 (4)" (coordinate frame, rotations in µrad) converted here to proj4's
 * position-vector arc-seconds (negate, × 0.206264806).
 */
const MICRORAD_TO_ARCSEC = 0.206264806;
const rot = [1.9342, -1.6677, 9.1019].map((r) => (-r * MICRORAD_TO_ARCSEC).toFixed(9));
const RD = `+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.4171,50.3319,465.5524,${rot.join(',')},4.0725 +units=m +no_defs`;
const rdToWgs84 = proj4(RD, 'EPSG:4326');

/** Metres between two lon/lat points (equirectangular; fine at this scale). */
const metres = (a: readonly number[], b: readonly number[]): number =>
  Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 110_950);

describe('the shared CityJSON tile (3db_sub.json)', () => {
  const cj = readCityJson(text);

  it('counts 98 objects and draws all 26 buildings, in EPSG:28992 read from EPSG:7415', () => {
    expect(cj.version).toBe('1.0');
    expect(cj.referenceSystem).toBe('urn:ogc:def:crs:EPSG::7415');
    expect(cj.crs).toBe(28992);
    expect(cj.crsHow).toBe('declared');
    expect(cj.objects).toEqual({
      total: 98, buildings: 26, drawnBuildings: 26, parts: 0, drawnParts: 0, other: 72,
      byType: { Building: 26, LandUse: 44, PlantCover: 8, Road: 11, WaterBody: 9 },
    });
    expect(cj.features).toHaveLength(26);
    expect(cj.skipped).toEqual([]);
    // No bottom is tagged (no semantics): every footprint is the lowest horizontal surface of its solid.
    expect(new Set(cj.footprintMethods)).toEqual(new Set(['lowest']));
    expect(cj.areas).toEqual([]);
  });

  it('takes heights from roofheight (above baseheight, the ground), with no building floating', () => {
    const raw = JSON.parse(text) as { CityObjects: Record<string, { type: string; attributes: Record<string, number> }> };
    for (const f of cj.features) {
      const attrs = raw.CityObjects[f.id]!.attributes;
      expect(f.properties['height']).toBe(attrs['roofheight']);
      expect(f.properties['baseheight']).toBe(attrs['baseheight']);
      expect(f.properties['min_height']).toBeUndefined();
      expect(f.properties['cityjson_type']).toBe('Building');
      expect(f.geometry.coordinates).toHaveLength(1); // one polygon, no holes in this tile
      expect(f.geometry.coordinates[0]).toHaveLength(1);
    }
    const heights = cj.features.map((f) => f.properties['height'] as number);
    expect(Math.min(...heights)).toBeCloseTo(2.46, 5);
    expect(Math.max(...heights)).toBeCloseTo(8.4, 5);
    const lowest = cj.features.find((f) => f.properties['height'] === Math.min(...heights))!;
    expect(lowest.id).toBe('0241100000000292');
  });

  it('places building 0241100000016116 where proj4 with the EPSG parameters does (within 0.01 m), near Nijmegen', () => {
    const raw = JSON.parse(text) as {
      transform: { scale: number[]; translate: number[] };
      vertices: number[][];
      CityObjects: Record<string, { geometry: Array<{ boundaries: number[][][][] }> }>;
    };
    const { scale, translate } = raw.transform;
    const ids = new Set(raw.CityObjects['0241100000016116']!.geometry[0]!.boundaries.flat(3));
    const pts = [...ids].map((i) => raw.vertices[i]!.map((v, k) => v * scale[k]! + translate[k]!));
    const zMin = Math.min(...pts.map((p) => p[2]!));
    const bottom = pts.filter((p) => p[2] === zMin);
    const rd = [bottom.reduce((s, p) => s + p[0]!, 0) / bottom.length, bottom.reduce((s, p) => s + p[1]!, 0) / bottom.length];
    const expected = rdToWgs84.forward(rd);

    const f = cj.features.find((x) => x.id === '0241100000016116')!;
    const ring = f.geometry.coordinates[0]![0]!.slice(0, -1);
    expect(ring).toHaveLength(bottom.length);
    const got = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
    expect(metres(got, expected)).toBeLessThan(0.01);
    // Golden value (the footprint's vertex mean, to ~0.1 m): 51.77243°N 5.98085°E, south-east of Nijmegen.
    expect(metres(got, [5.980852, 51.772426])).toBeLessThan(0.2);
    expect(f.properties['height']).toBeCloseTo(3.22, 5);
  });

  it('loads through ingestText as a buildings layer of 26 prisms with those heights', () => {
    const layer = ingestText(text, '3db_sub.json', 'auto');
    expect(layer.kind).toBe('buildings');
    expect(layer.format).toBe('cityjson');
    expect(layer.crs).toEqual({ code: 28992, how: 'declared' });
    expect(layer.stats).toMatchObject({ features: 26, drawn: 26, skipped: 0 });
    expect(layer.cityjson?.objects.byType).toMatchObject({ Building: 26 });
    expect(layer.cityjson?.footprints).toEqual({ ground: 0, lowest: 26, outline: 0 });
    if (layer.kind !== 'buildings') throw new Error('expected buildings');
    const h = Array.from(layer.data.features.height);
    expect(Math.min(...h)).toBeCloseTo(2.46, 4);
    expect(Math.max(...h)).toBeCloseTo(8.4, 4);
    expect(Array.from(layer.data.features.minHeight).every((m) => m === 0)).toBe(true);
    // The tile spans about 1.7 × 5.3 km (metadata.geographicalExtent); drawn footprints lie inside it.
    const [minX, minY, , maxX, maxY, maxZ] = layer.data.bounds;
    expect(maxX - minX).toBeLessThan(1800);
    expect(maxY - minY).toBeLessThan(5400);
    expect(maxZ).toBeCloseTo(8.4, 4);
  });

  it('outlines the 72 other objects as flat areas when asked', () => {
    const layer = ingestText(text, '3db_sub.json', 'areas');
    expect(layer.kind).toBe('areas');
    expect(layer.stats).toMatchObject({ features: 72, drawn: 72, skipped: 0 });
    const green = ingestText(text, '3db_sub.json', 'green');
    expect(green.stats.drawn).toBe(8); // the PlantCover objects
  });
});
