import { describe, expect, it } from 'vitest';
import { audienceOf } from './words.ts';

describe('audienceOf: who a page is for, from the permission table', () => {
  it.each([
    ['load', 'analysts'],
    ['admin', 'admins'],
    ['override', 'service leads'],
    ['pack', 'service leads and analysts'],
    ['signed-in', 'signed-in users'],
  ] as const)('%s is for %s', (access, words) => {
    expect(audienceOf(access)).toBe(words);
  });
});

describe('figures in words for councillors', () => {
  it('gives the parts of a percentage, never of a rate or a count', async () => {
    const { partsOf } = await import('./figures.ts');
    expect(partsOf({ numerator: 35, denominator: 250 }, 'percent')).toBe('35 of 250');
    expect(partsOf({ numerator: 1024, denominator: 156155 }, 'rate-per-10000')).toBeNull();
    expect(partsOf({ numerator: 1024, denominator: null }, 'percent')).toBeNull();
  });

  it("names where a figure comes from, not the loader's file and line", async () => {
    const { sourceWords } = await import('./figures.ts');
    expect(sourceWords('seeds/002 line 3664', 'Q1 2018/19')).toBe("The council's Q1 2018/19 performance report");
    expect(sourceWords('dfe/la_children_looked_after.csv row 12', '2017/18')).toBe(
      "DfE's published figures for 2017/18",
    );
    expect(sourceWords('lait/bds_long_0.parquet row 9 (LAIT RTA, 2016)', '2015/16')).toBe(
      "DfE's published figures for 2015/16",
    );
  });
});
