import { describe, expect, it } from 'vitest';
import { attributeKeys, column, decodeAll, tableOrder } from '../../src/core/attributes/index.ts';
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
