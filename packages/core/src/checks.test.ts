import { describe, expect, it } from 'vitest';
import { checkCounts, checkRange, checkRatio, decimalPlaces, unusualMovement } from './checks.ts';

describe('decimalPlaces', () => {
  it.each([
    ['95.8', 1],
    ['12', 0],
    ['0.05', 2],
    ['-0.10', 2],
  ])('%s has %d', (text, places) => expect(decimalPlaces(text)).toBe(places));
});

describe('checkRatio', () => {
  const percent = (value: number, valueDecimals: number, numerator: number, denominator: number, countRounding = 0) =>
    checkRatio({ unit: 'percent', value, valueDecimals, numerator, denominator, countRounding });

  it.each([
    // 48 of 578 = 8.304...%, printed 8.3
    [8.3, 1, 48, 578],
    // DfE prints LA percentages whole: 66 of 694 = 9.51% -> 10
    [10, 0, 66, 694],
    // rounding edge: 1 of 8 = 12.5 exactly, printed 13 (round half up) or 12 (half even)
    [13, 0, 1, 8],
    [12, 0, 1, 8],
  ])('accepts %d%% for %d/%d', (value, decimals, n, d) => {
    expect(percent(value, decimals, n, d)).toBeNull();
  });

  it('refuses a percentage that does not match its parts', () => {
    expect(percent(9.3, 1, 48, 578)).toBe(
      'value 9.3 does not match numerator/denominator 48/578 = 8.3 beyond rounding',
    );
    expect(percent(11, 0, 66, 694)).toMatch(/does not match/);
  });

  it('widens the check for counts DfE rounded to the nearest 10', () => {
    // 30 / 3180 = 0.94%, printed 1: fine either way; 10 / 100 printed 14 is only possible if both were rounded.
    expect(percent(14, 0, 10, 100)).toMatch(/does not match/);
    expect(percent(14, 0, 10, 100, 5)).toBeNull();
    expect(percent(30, 0, 10, 100, 5)).toMatch(/does not match/);
  });

  it('checks rates per 10,000 the same way', () => {
    expect(
      checkRatio({ unit: 'rate-per-10000', value: 46.9, valueDecimals: 1, numerator: 657, denominator: 140_000 }),
    ).toBeNull();
    expect(
      checkRatio({ unit: 'rate-per-10000', value: 52.8, valueDecimals: 1, numerator: 657, denominator: 140_000 }),
    ).toMatch(/does not match/);
  });

  it('has nothing to check without both counts, or for a count or an average', () => {
    expect(percent(50, 0, 1, 0)).toBeNull();
    expect(checkRatio({ unit: 'percent', value: 50, valueDecimals: 0, numerator: null, denominator: 10 })).toBeNull();
    expect(checkRatio({ unit: 'days', value: 413, valueDecimals: 0, numerator: 5, denominator: 10 })).toBeNull();
  });
});

describe('checkCounts and checkRange', () => {
  it('refuses a numerator greater than its denominator', () => {
    expect(checkCounts(140, 40)).toBe('numerator (140) is greater than denominator (40)');
    expect(checkCounts(40, 40)).toBeNull();
    expect(checkCounts(-1, 40)).toBe('numerator cannot be negative (-1)');
  });

  it('refuses a percentage outside 0-100 and negative counts', () => {
    expect(checkRange('percent', 100.1)).toBe('a percentage must be between 0 and 100, not 100.1');
    expect(checkRange('percent', 0)).toBeNull();
    expect(checkRange('count', -3)).toBe('a count cannot be negative (-3)');
    expect(checkRange('score', -0.1)).toBeNull();
  });
});

describe('unusualMovement', () => {
  it.each([
    ['percent', 55, 70, 1, true],
    ['percent', 55, 64, 1, false],
    ['count', 100, 130, 0, true],
    ['count', 100, 120, 0, false],
    ['count', 1, 2, 1, false],
    ['days', 400, 520, 10, true],
  ] as const)('%s %d -> %d (threshold %d): warns %s', (unit, previous, current, similarThreshold, warns) => {
    expect(unusualMovement({ unit, previous, current, similarThreshold }) !== null).toBe(warns);
  });
});
