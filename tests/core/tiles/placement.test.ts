// Placing a 3D Tiles tileset in the viewer's local frame (src/core/tiles/placement.ts): the group matrix G that
// the viewer applies to the tileset's ECEF coordinates, composed with the tileset's root transform.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalFrame, toLocal } from '../../../src/core/geo/index.ts';
import { type Mat4, enuToEcef, multiply, transformPoint } from '../../../src/core/tiles/ecef.ts';
import { checkTileset, ecefToLonLat, rootBounds, tilesPlacement, tilesetName } from '../../../src/core/tiles/index.ts';
import { FIXTURE_DIR, MONACO_ORIGIN } from '../../fixtures/tiles/generate.ts';

const close = (a: readonly number[], b: readonly number[], tol: number): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tol));
};
const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

describe('tilesPlacement', () => {
  it('same frame: G · root transform is the identity, so tile content lands on the viewer\'s local metres', () => {
    const f = createLocalFrame(MONACO_ORIGIN[0], MONACO_ORIGIN[1]);
    const g = tilesPlacement(f, f);
    close(multiply(g, enuToEcef(f)), IDENTITY, 1e-9);
    // a point 1 km east, 2 km north, 50 m up
    close(transformPoint(multiply(g, enuToEcef(f)), 1000, 2000, 50), [1000, 2000, 50], 1e-6);
  });

  it('another CityTwin frame: its local metres land where the viewer projects the same lon/lat, heights kept', () => {
    const viewer = createLocalFrame(7.4241868, 43.73744605);
    const tileset = createLocalFrame(7.437, 43.728); // ~1.5 km south-east
    const m = multiply(tilesPlacement(viewer, tileset), enuToEcef(tileset));
    for (const [lon, lat] of [[7.437, 43.728], [7.44, 43.73], [7.43, 43.725], [7.45, 43.72]] as const) {
      const [xa, ya] = toLocal(tileset, lon, lat);
      const [xb, yb] = toLocal(viewer, lon, lat);
      const p = transformPoint(m, xa, ya, 30);
      close(p, [xb, yb, 30], 0.01); // a centimetre at a few km
    }
  });

  it('a plain ECEF tileset: G is ecefToEnu of the viewer frame (a point on the ellipsoid at the origin maps to 0)', () => {
    const viewer = createLocalFrame(127.289, 36.48);
    const g = tilesPlacement(viewer, null);
    close(transformPoint(g, viewer.x0, viewer.y0, viewer.z0), [0, 0, 0], 1e-6);
    // 1 m up the ellipsoid normal is 1 m up
    const up: [number, number, number] = [viewer.cosLat0 * viewer.cosLon0, viewer.cosLat0 * viewer.sinLon0, viewer.sinLat0];
    close(transformPoint(g, viewer.x0 + up[0], viewer.y0 + up[1], viewer.z0 + up[2]), [0, 0, 1], 1e-6);
  });

  it('ecefToLonLat inverts the frame origin', () => {
    const f = createLocalFrame(-73.98, 40.75);
    close(ecefToLonLat(f.x0, f.y0, f.z0), [-73.98, 40.75], 1e-9);
  });
});

describe('checkTileset and rootBounds', () => {
  const text = readFileSync(join(FIXTURE_DIR, 'tileset.json'), 'utf8');

  it('reads the committed fixture: origin, root transform, and a root box in the viewer frame', () => {
    const c = checkTileset(text);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.origin).toEqual({ lon: MONACO_ORIGIN[0], lat: MONACO_ORIGIN[1] });
    const viewer = createLocalFrame(MONACO_ORIGIN[0], MONACO_ORIGIN[1]);
    const b = rootBounds(c.volume, c.rootTransform, tilesPlacement(viewer, viewer), viewer);
    const box = (JSON.parse(text) as { root: { boundingVolume: { box: number[] } } }).root.boundingVolume.box;
    close(b!, [box[0]! - box[3]!, box[1]! - box[7]!, box[2]! - box[11]!, box[0]! + box[3]!, box[1]! + box[7]!, box[2]! + box[11]!], 1e-6);
  });

  it('says why a file cannot be used', () => {
    const bad = (t: string) => {
      const c = checkTileset(t);
      return c.ok ? null : c.error.key;
    };
    expect(bad('{"asset": ')).toBe('tiles.error.json');
    expect(bad('{"type":"FeatureCollection","features":[]}')).toBe('tiles.error.notTileset');
    expect(bad('{"asset":{"version":"1.1"}}')).toBe('tiles.error.notTileset');
    expect(bad('[1,2]')).toBe('tiles.error.notTileset');
  });

  it('a region volume is read in degrees from radians', () => {
    const viewer = createLocalFrame(7.43, 43.73);
    const d = Math.PI / 180;
    const b = rootBounds({ region: [7.42 * d, 43.72 * d, 7.44 * d, 43.74 * d, 0, 100] }, null, tilesPlacement(viewer, null), viewer)!;
    const [x0, y0] = toLocal(viewer, 7.42, 43.72);
    expect(b[0]).toBeLessThanOrEqual(x0 + 1e-6);
    expect(b[1]).toBeLessThanOrEqual(y0 + 1e-6); // the south edge, at its lowest corner
    expect(y0 - b[1]).toBeLessThan(1);
    expect(b[5]).toBe(100);
  });

  it('names a tileset by its folder', () => {
    expect(tilesetName('http://h/a/city/tileset.json?x=1')).toBe('city/tileset.json');
    expect(tilesetName('tileset.json')).toBe('tileset.json');
  });
});
