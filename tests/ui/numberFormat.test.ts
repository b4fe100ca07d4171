import { describe, expect, it } from 'vitest';
import { numberFormat } from '../../src/ui/i18n/index.ts';

describe('numberFormat', () => {
  it('writes numbers in each language’s locale', () => {
    expect(numberFormat('en', { maximumFractionDigits: 1 }).format(1234567.891)).toBe('1,234,567.9');
    expect(numberFormat('ko', { maximumFractionDigits: 0 }).format(1234567.891)).toBe('1,234,568');
    expect(numberFormat('en', { maximumFractionDigits: 1, signDisplay: 'always' }).format(2.25)).toBe('+2.3');
  });

  it('makes one formatter per language and options, and keeps it', () => {
    const a = numberFormat('en', { maximumFractionDigits: 2 });
    expect(numberFormat('en', { maximumFractionDigits: 2 })).toBe(a);
    expect(numberFormat('ko', { maximumFractionDigits: 2 })).not.toBe(a);
    expect(numberFormat('en', { maximumFractionDigits: 3 })).not.toBe(a);
    expect(numberFormat('en', { maximumFractionDigits: 2, signDisplay: 'always' })).not.toBe(a);
    expect(numberFormat('ko', { maximumFractionDigits: 2 }).resolvedOptions().locale).toBe('ko-KR');
  });
});
