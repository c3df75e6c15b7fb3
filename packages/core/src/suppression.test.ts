import { describe, expect, it } from 'vitest';
import { isSmallNumber } from './suppression.ts';

describe('small numbers, threshold 5', () => {
  it.each([
    ['a count of 4', { value: 4, numerator: null, denominator: null }, 'count', true],
    ['a count of 5', { value: 5, numerator: null, denominator: null }, 'count', false],
    ['a count of 0', { value: 0, numerator: null, denominator: null }, 'count', true],
    ['3 of 200 as a percentage', { value: 1.5, numerator: 3, denominator: 200 }, 'percent', true],
    ['48 of 50: the complement is 2', { value: 96, numerator: 48, denominator: 50 }, 'percent', true],
    ['48 of 578', { value: 8.3, numerator: 48, denominator: 578 }, 'percent', false],
    ['a percentage with no counts', { value: 2, numerator: null, denominator: null }, 'percent', false],
    ['an average of 3 days', { value: 3, numerator: null, denominator: null }, 'days', false],
  ] as const)('%s: %s', (_name, figure, unit, small) => {
    expect(isSmallNumber(figure, unit, 5)).toBe(small);
  });
});
