import { describe, expect, it } from 'vitest';
import { computeFromReturns, RULE_SET_VERSION, toAggregates } from './compute.ts';
import { EXAMPLE_PRESET, generateReturns } from './generate.ts';
import { RETURNS_INDICATORS } from './types.ts';
import { cinCensus, lookedAfter } from './test-files.ts';

describe('computeFromReturns', () => {
  const files = [
    ...lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/01/2024' }] } }),
    cinCensus({ c: { referrals: [{ date: '2024-06-01' }] } }),
  ];

  it('gives every indicator once, in catalogue order, with the rule set and progress', () => {
    const progress: number[] = [];
    const result = computeFromReturns(files, { asAt: '2025-03-31', onProgress: (done) => progress.push(done) });
    expect(result.figures.map((f) => f.indicator)).toEqual([...RETURNS_INDICATORS]);
    expect(result.ruleSet).toBe(RULE_SET_VERSION);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= (progress[i - 1] as number))).toBe(true);
  });

  it('can be posted from a web worker (structured clone)', () => {
    const result = computeFromReturns(files, { asAt: '2025-03-31' });
    expect(structuredClone(result)).toEqual(result);
  });

  it('toAggregates leaves out the units and every child id', () => {
    const result = computeFromReturns(files, { asAt: '2025-03-31', population: [{ year: 2024, population: 10_000 }] });
    const aggregates = toAggregates(result);
    expect(aggregates).toHaveLength(RETURNS_INDICATORS.length);
    const text = JSON.stringify(aggregates);
    expect(text).not.toContain('"units"');
    expect(text).not.toContain('"a"');
    expect(aggregates.find((f) => f.indicator === 'cic-count')).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: null,
    });
    expect(Object.keys(aggregates[0] ?? {}).sort()).toEqual([
      'breakdowns',
      'denominator',
      'indicator',
      'numerator',
      'rule',
      'value',
    ]);
  });

  it('with units: false gives the same figures, numerators, denominators and breakdowns, and no units', () => {
    const generated = generateReturns({ ...EXAMPLE_PRESET, seed: 7, childrenLookedAfter: 150, referrals: 300 });
    for (const asAt of ['2025-06-30', '2024-09-30']) {
      const options = { asAt, population: [{ year: 2024, population: 50_000 }] };
      const withUnits = computeFromReturns(generated, options);
      const without = computeFromReturns(generated, { ...options, units: false });
      expect(withUnits.errors).toEqual([]);
      expect(withUnits.figures.filter((f) => f.value !== null && f.breakdowns.length > 0).length).toBeGreaterThan(10);
      expect(withUnits.figures.some((f) => f.units.length > 0)).toBe(true);
      expect(without.figures.every((f) => f.units.length === 0)).toBe(true);
      expect(without).toEqual({ ...withUnits, figures: withUnits.figures.map((f) => ({ ...f, units: [] })) });
    }
  });
});
