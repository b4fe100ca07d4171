// The Morton ordering of polygon layers (src/core/geo/extrude.ts) sorts with a radix sort: it must give
// exactly the order of the comparator sort it replaced (by key, ties in input order).
import { describe, expect, it } from 'vitest';
import { radixSortByKey } from '../../../src/core/geo/extrude.ts';
import { seededRandom } from '../../../src/core/random/index.ts';

function comparatorOrder(keys: Uint32Array, order: Uint32Array): number[] {
  return Array.from(order, (i, k) => ({ i, key: keys[k]! }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.i);
}

describe('radixSortByKey', () => {
  it('orders by 32-bit key with ties in input order, as the comparator sort did', () => {
    const rnd = seededRandom(7);
    const n = 5000;
    const keys = new Uint32Array(n);
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      // Few distinct keys in the high bits and the low bits, so ties and every byte are exercised.
      keys[k] = (Math.floor(rnd() * 40) * 0x01010101 + Math.floor(rnd() * 3)) >>> 0;
      order[k] = 3 * k + 1;
    }
    keys[0] = 0xffffffff;
    keys[1] = 0;
    const want = comparatorOrder(keys, order);
    expect(Array.from(radixSortByKey(keys.slice(), order.slice()))).toEqual(want);
    expect(want[0]).toBe(4); // key 0 first
    expect(want[n - 1]).toBe(1); // key 2^32 - 1 last
  });

  it('handles no keys and one key', () => {
    expect(Array.from(radixSortByKey(new Uint32Array(0), new Uint32Array(0)))).toEqual([]);
    expect(Array.from(radixSortByKey(Uint32Array.of(9), Uint32Array.of(5)))).toEqual([5]);
  });
});
