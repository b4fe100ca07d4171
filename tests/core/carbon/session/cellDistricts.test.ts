// Each grid cell knows its district (by its centre), so a picked cell is named by it; holes and the
// space between districts are -1.
import { describe, expect, it } from 'vitest';
import { PolygonSetBuilder } from '../../../../src/core/carbon/model/index.ts';
import { cellDistricts } from '../../../../src/core/carbon/session/cellDistricts.ts';

describe('cellDistricts', () => {
  it('names each cell by the district its centre lies in', () => {
    const b = new PolygonSetBuilder();
    // District 0: x 0–200, y 0–200 with a hole x 60–140, y 60–140; district 1: x 200–300, y 0–100.
    b.addFeature([[[0, 0, 200, 0, 200, 200, 0, 200], [60, 60, 60, 140, 140, 140, 140, 60]]]);
    b.addFeature([[[200, 0, 300, 0, 300, 100, 200, 100]]]);
    const set = b.finish();
    // 100 m cells from (0, 0): centres at 50, 150, 250 (x) and 50, 150, 250 (y).
    const d = cellDistricts({ originX: 0, originY: 0, cellSize: 100, nx: 3, ny: 3 }, set);
    expect(Array.from(d)).toEqual([
      0, 0, 1, // y = 50
      0, 0, -1, // y = 150 (x = 250 lies in no district)
      -1, -1, -1, // y = 250
    ]);
    // With 50 m cells the hole shows: the centre (75, 75) lies in it, (25, 25) does not.
    const fine = cellDistricts({ originX: 0, originY: 0, cellSize: 50, nx: 4, ny: 4 }, set);
    expect(fine[0]).toBe(0);
    expect(fine[1 * 4 + 1]).toBe(-1);
    expect(fine[2 * 4 + 2]).toBe(-1);
    expect(fine[3 * 4 + 3]).toBe(0);
  });
});
