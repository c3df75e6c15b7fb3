import { describe, expect, it } from 'vitest';
import { quarterOf, startsAfterCurrentQuarter } from './period.ts';
import { didYouMean } from './suggest.ts';

describe('didYouMean', () => {
  const ids = ['cp-repeat-plans', 'cp-plans-2-years', 'placements-3-or-more', 'care-leavers-eet'];
  it('finds the id a slip of the keyboard was meant to be', () => {
    expect(didYouMean('cp-repeat-plan', ids)).toEqual(['cp-repeat-plans']);
    expect(didYouMean('placments-3-or-more', ids)).toEqual(['placements-3-or-more']);
    expect(didYouMean('care-laevers-eet', ids)).toEqual(['care-leavers-eet']);
    expect(didYouMean('CP-REPEAT-PLANS', ids)).toEqual(['cp-repeat-plans']);
  });
  it('suggests nothing for a word that is nowhere near', () => {
    expect(didYouMean('adoption', ids)).toEqual([]);
    expect(didYouMean('', ids)).toEqual([]);
  });
});

describe('the current quarter', () => {
  it('is the financial quarter a date falls in', () => {
    expect(quarterOf(new Date('2026-12-01T00:00:00Z'))).toEqual({ kind: 'financial-quarter', year: 2026, quarter: 3 });
    expect(quarterOf(new Date('2027-03-31T23:00:00Z'))).toEqual({ kind: 'financial-quarter', year: 2026, quarter: 4 });
    expect(quarterOf(new Date('2027-04-01T00:00:00Z'))).toEqual({ kind: 'financial-quarter', year: 2027, quarter: 1 });
  });
  it('allows the current quarter and earlier, refuses a period that starts later', () => {
    const today = new Date('2026-12-01T00:00:00Z');
    expect(startsAfterCurrentQuarter({ kind: 'financial-quarter', year: 2026, quarter: 3 }, today)).toBe(false);
    expect(startsAfterCurrentQuarter({ kind: 'financial-year', year: 2026 }, today)).toBe(false);
    expect(startsAfterCurrentQuarter({ kind: 'financial-quarter', year: 2026, quarter: 4 }, today)).toBe(true);
    expect(startsAfterCurrentQuarter({ kind: 'financial-year', year: 2028 }, today)).toBe(true);
  });
});
