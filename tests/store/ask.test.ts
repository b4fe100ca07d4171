// What the ask dialog is given: the candidate coordinate systems of an ambiguous file with where each puts
// the data (read back from the ingest error, which crosses the worker boundary as text), and each place's
// distance and direction from the city.
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { ambiguousCrsOf, ingestGeoJsonText } from '../../src/core/ingest/index.ts';
import { createLocalFrame } from '../../src/core/geo/index.ts';
import { crsPlaces, fromCity } from '../../src/store/ask.ts';

const CENTRAL_2010 = '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m';

function ambiguousError(): string {
  const [x, y] = proj4('EPSG:4326', CENTRAL_2010, [126.978, 37.5665]) as [number, number];
  const ring = [[x, y], [x + 50, y], [x + 50, y + 40], [x, y + 40], [x, y]];
  const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] });
  try {
    ingestGeoJsonText(text, 'auto');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file loaded without asking');
}

describe('the candidates of an ambiguous CRS', () => {
  it('are named with where each would put the data, and read back from the message', () => {
    const message = ambiguousError();
    expect(message).toMatch(/fit several coordinate systems \(EPSG:5186 at 37\.56\d\d°N 126\.97\d\d°E, /);
    const c = ambiguousCrsOf(message)!;
    expect(c.map((x) => x.code)).toEqual([5186, 5187, 5185, 5188]);
    // The Central Belt puts the square back where it was made (its centre: 20–25 m north-east of the corner).
    expect(c[0]!.lat).toBeCloseTo(37.5667, 3);
    expect(c[0]!.lon).toBeCloseTo(126.9783, 3);
    // The other belts share every parameter but the central meridian: 2° of longitude apart.
    expect(c[1]!.lon - c[0]!.lon).toBeCloseTo(2, 3);
    expect(c[2]!.lon - c[0]!.lon).toBeCloseTo(-2, 3);
    expect(c[3]!.lon - c[0]!.lon).toBeCloseTo(4, 3);
  });

  it('a message without places (CityJSON\'s) still lists the codes; any other message is not a question', () => {
    const c = ambiguousCrsOf('the file has no metadata.referenceSystem and its coordinates fit several coordinate systems (EPSG:5186, EPSG:5187): choose one and load again')!;
    expect(c.map((x) => x.code)).toEqual([5186, 5187]);
    expect(Number.isNaN(c[0]!.lon)).toBe(true);
    expect(ambiguousCrsOf('could not fetch x: HTTP 404')).toBeNull();
    expect(ambiguousCrsOf('fit several coordinate systems (EPSG:1234)')).toBeNull(); // not a supported CRS
  });
});

describe('distance and direction from the city', () => {
  it('Paris to London: 343.5 km (haversine, 6,371 km sphere), heading north-west', () => {
    const d = fromCity(createLocalFrame(2.3522, 48.8566), -0.1276, 51.5072);
    expect(d.km).toBeCloseTo(343.5, 0);
    expect(d.bearing).toBeGreaterThan(325);
    expect(d.bearing).toBeLessThan(335);
  });

  it('each candidate gets its distance from the city; none without a city or a place', () => {
    const monaco = createLocalFrame(7.4246, 43.7384);
    const places = crsPlaces(monaco, [{ code: 5186, lon: 126.978, lat: 37.5665 }, { code: 5187, lon: Number.NaN, lat: Number.NaN }]);
    expect(places[0]!.km!).toBeGreaterThan(9000);
    expect(places[0]!.km!).toBeLessThan(9300);
    expect(places[0]!.bearing!).toBeGreaterThan(22.5); // north-east: between 22.5° and 67.5°
    expect(places[0]!.bearing!).toBeLessThan(67.5);
    expect(places[1]!.km).toBeNull();
    expect(crsPlaces(null, [{ code: 5186, lon: 126.978, lat: 37.5665 }])[0]!.km).toBeNull();
  });
});
