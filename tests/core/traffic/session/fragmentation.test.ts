import { describe, expect, it } from 'vitest';
import { FRAGMENTED_SHARE, fragmentation } from '../../../../src/core/traffic/session/index.ts';

describe('fragmentation', () => {
  it('flags a network that loses more than a quarter of its candidate links to the strongly connected filter', () => {
    expect(FRAGMENTED_SHARE).toBe(0.25);
    // Yeouido (cut at the dong boundary) and Monaco, as buildCityTraffic counts them.
    expect(fragmentation({ roadLinks: 125, linksDroppedDisconnected: 570 })).toEqual({ kept: 125, total: 695 });
    expect(fragmentation({ roadLinks: 1672, linksDroppedDisconnected: 115 })).toBeNull();
    // The threshold itself is not flagged; one link more is.
    expect(fragmentation({ roadLinks: 75, linksDroppedDisconnected: 25 })).toBeNull();
    expect(fragmentation({ roadLinks: 74, linksDroppedDisconnected: 26 })).toEqual({ kept: 74, total: 100 });
    // No statistics (a TNTP network keeps every link): nothing to flag.
    expect(fragmentation({})).toBeNull();
  });
});
