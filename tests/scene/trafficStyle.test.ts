// The difference layer's colours say what its legend says: orange where B carries more, purple where less.
import { describe, expect, it } from 'vitest';
import { FLOW_DIFF_RAMP, cssBytes, flowDiffColor } from '../../src/scene/trafficStyle.ts';

const orange = ([r, g, b]: [number, number, number]): boolean => r > 100 && r > g && r > b + 60;
const purple = ([r, g, b]: [number, number, number]): boolean => b > r && b > g + 20;

describe('flow difference colours', () => {
  it('are orange for more traffic in B, purple for less, and the legend ramp runs from less to more', () => {
    expect(orange(cssBytes(flowDiffColor(500, 1000)))).toBe(true);
    expect(purple(cssBytes(flowDiffColor(-500, 1000)))).toBe(true);
    expect(purple(cssBytes(FLOW_DIFF_RAMP[0]!))).toBe(true);
    expect(orange(cssBytes(FLOW_DIFF_RAMP[FLOW_DIFF_RAMP.length - 1]!))).toBe(true);
  });
});
