import { describe, expect, it } from 'vitest';
import { unicodeRanges } from '../../src/ui/reportFonts.ts';

describe('unicodeRanges (which slices of the font a report embeds)', () => {
  it('reads single code points, ranges and wildcards, and skips what is not a range', () => {
    expect(unicodeRanges('U+AC00-AC2B, U+3131, U+4??')).toEqual([[0xac00, 0xac2b], [0x3131, 0x3131], [0x400, 0x4ff]]);
    expect(unicodeRanges('u+0000-00ff,U+0131 ,  U+fe00-FE0F')).toEqual([[0, 0xff], [0x131, 0x131], [0xfe00, 0xfe0f]]);
    expect(unicodeRanges('')).toEqual([]);
    expect(unicodeRanges('U+, AC00, U+ZZ')).toEqual([]);
  });
});
