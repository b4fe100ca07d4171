import { describe, expect, it } from 'vitest';
import { attributeKeys, column, decodeAll, extrusionFactors, pointRadii, tableOrder } from '../../src/core/attributes/index.ts';
import { packProperties } from '../../src/core/geo/index.ts';

const rows = decodeAll(
  packProperties([
    { name: 'B', height: 10, use: 'office' },
    { name: 'a', height: '25', use: 'home' },
    { name: 'C', height: null },
    JSON.parse('{"name": "<b>x</b>", "__proto__": 1, "height": 7}'),
  ]),
);

describe('attributes', () => {
  it('lists keys by frequency with their numeric counts', () => {
    expect(attributeKeys(rows)).toEqual([
      { key: 'height', count: 4, numeric: 3 },
      { key: 'name', count: 4, numeric: 0 },
      { key: 'use', count: 2, numeric: 0 },
      { key: '__proto__', count: 1, numeric: 1 },
    ]);
  });
  it('reads a numeric column (numbers written as text count) and text as text', () => {
    const h = column(rows, 'height');
    expect(h.isNumeric).toBe(true);
    expect(Array.from(h.numbers)).toEqual([10, 25, NaN, 7]);
    expect(column(rows, 'name').text).toEqual(['B', 'a', 'C', '<b>x</b>']);
  });
  it('sorts numbers numerically and text by code point, missing last; filters by any shown column', () => {
    expect(tableOrder(rows, { keys: ['name', 'height'], sortKey: 'height' })).toEqual([3, 0, 1, 2]);
    expect(tableOrder(rows, { keys: ['name', 'height'], sortKey: 'height', descending: true })).toEqual([1, 0, 3, 2]);
    expect(tableOrder(rows, { keys: ['name'], sortKey: 'name' })).toEqual([3, 0, 2, 1]);
    expect(tableOrder(rows, { keys: ['name', 'use'], query: 'OFF' })).toEqual([0]);
  });
});

describe('extrusion and marker size by a property', () => {
  const rows = [{ floors: 10 }, { floors: '4' }, { floors: 'n/a' }, { floors: -2 }, {}];
  const built = Float32Array.from([9, 12, 30, 6, 0]);

  it('turns a property times a scale into height factors; no number keeps the built height; flat stays flat', () => {
    const r = extrusionFactors(rows, built, { by: 'property', property: 'floors', scale: 3 });
    expect(r.factors).toEqual(Float32Array.from([30 / 9, 1, 1, 0, 1]));
    expect(r.missing).toBe(2); // 'n/a' and the feature without the key
    expect(r.maxM).toBe(30); // 10 floors × 3 m, and the 30 m kept by 'n/a'
  });

  it('gives every feature one constant height', () => {
    const r = extrusionFactors(rows, built, { by: 'constant', metres: 18 });
    expect(r.factors).toEqual(Float32Array.from([2, 1.5, 0.6, 3, 1]));
    expect(r.missing).toBe(0);
  });

  it('sizes markers with area proportional to |value|, the smallest at 15 % of the largest radius', () => {
    const r = pointRadii([{ c: 400 }, { c: 100 }, { c: -25 }, { c: 0 }, { c: 'x' }], { property: 'c', maxRadiusM: 20 });
    expect(Array.from(r.radiiM)).toEqual([20, 10, 5, 3, 3]);
    expect(r.missing).toBe(1);
    expect(r.maxValue).toBe(400);
  });
});
