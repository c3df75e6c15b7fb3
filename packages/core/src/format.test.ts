import { describe, expect, it } from 'vitest';
import { directionWords, formatChange, formatDifference, formatFigure } from './format.ts';

describe('figures written the committee way', () => {
  it.each([
    [95.8, 'percent', 1, '95.8%'],
    [12, 'percent', 1, '12.0%'],
    [7245, 'count', 0, '7,245'],
    [413.4, 'days', 0, '413 days'],
    [55.25, 'rate-per-10000', 1, '55.3'],
    [15, 'score', 1, '15.0'],
    [null, 'percent', 1, ''],
    [4.26, 'rate-per-1000', 1, '4.3'],
    [12.13, 'rate-per-100000', 2, '12.13'],
    [52310.4, 'pounds', 0, '£52,310'],
  ] as const)('%s %s (%d dp) is %s', (value, unit, decimals, expected) => {
    expect(formatFigure(value, unit, decimals)).toBe(expected);
  });

  it.each([
    [1.5, 'percent', 1, '+1.5 percentage points'],
    [-12, 'days', 0, '−12 days'],
    [0, 'count', 0, '±0'],
    [-1250, 'pounds', 0, '−£1,250'],
  ] as const)('a change of %s %s is %s', (change, unit, decimals, expected) => {
    expect(formatChange(change, unit, decimals)).toBe(expected);
  });
});

describe('directionWords', () => {
  const against = { label: 'Q4 2017/18' };
  it('prints a fall with the minus sign and percentage points for a percentage', () => {
    expect(directionWords({ direction: 'better', change: -3, against, reason: '' }, 'percent', 1)).toBe(
      'Better, −3.0 percentage points since Q4 2017/18',
    );
    expect(directionWords({ direction: 'higher', change: 44, against, reason: '' }, 'count', 0)).toBe(
      'Higher, +44 since Q4 2017/18',
    );
  });
  it('says why there is no comparison, once', () => {
    expect(
      directionWords(
        { direction: null, change: null, against, reason: 'No direction: there is no figure for Q4 2017/18.' },
        'percent',
        1,
      ),
    ).toBe('Not comparable: there is no figure for Q4 2017/18');
    expect(directionWords({ direction: 'new', change: null, against, reason: '' }, 'percent', 1)).toBe(
      'New: no earlier figure',
    );
  });
});

describe('a difference between two figures', () => {
  it('is in percentage points for a percentage, never a per cent sign', () => {
    expect(formatDifference(0.3, 'percent', 1)).toBe('0.3 percentage points');
    expect(formatDifference(-5, 'percent', 1)).toBe('5.0 percentage points');
    expect(formatDifference(12.4, 'days', 0)).toBe('12 days');
    expect(formatChange(-2.5, 'percent', 1)).toBe('−2.5 percentage points');
  });
});
