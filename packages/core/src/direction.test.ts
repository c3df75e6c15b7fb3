import { describe, expect, it } from 'vitest';
import { directionOfTravel, type Polarity } from './direction.ts';
import { symbolReading, valueReading, type Reading } from './symbols.ts';

const v = valueReading;

describe('directionOfTravel', () => {
  it.each<[string, Polarity, number, number, number, string]>([
    // The papers call 76% against 75% "similar".
    ['within the threshold', 'high', 76, 75, 1, 'similar'],
    ['exactly at the threshold', 'low', 74, 75, 1, 'similar'],
    ['unchanged with no threshold', 'high', 75, 75, 0, 'similar'],
    ['up, higher is better', 'high', 77, 75, 1, 'better'],
    ['down, higher is better', 'high', 73, 75, 1, 'worse'],
    ['up, lower is better', 'low', 8.3, 7.1, 1, 'worse'],
    ['down, lower is better', 'low', 12, 15, 1, 'better'],
    ['up, no polarity', 'none', 81, 70, 0, 'higher'],
    ['down, no polarity', 'none', 70, 81, 0, 'lower'],
    ['unchanged, no polarity', 'none', 70, 70, 0, 'same'],
    ['within threshold, no polarity', 'none', 829, 830, 5, 'same'],
    ['just beyond the threshold', 'high', 76.01, 75, 1, 'better'],
  ])('%s', (_, polarity, current, previous, similarThreshold, expected) => {
    const result = directionOfTravel({ current: v(current), previous: v(previous), polarity, similarThreshold });
    expect(result.direction).toBe(expected);
    expect(result.change).toBeCloseTo(current - previous, 9);
  });

  it('is not fooled by floating-point noise at the threshold', () => {
    const result = directionOfTravel({
      current: v(0.1 + 0.2),
      previous: v(0.2),
      polarity: 'high',
      similarThreshold: 0.1,
    });
    expect(result.direction).toBe('similar');
  });

  it('says New when there is no earlier figure', () => {
    const result = directionOfTravel({ current: v(29), previous: null, polarity: 'low', similarThreshold: 1 });
    expect(result).toEqual({
      direction: 'new',
      change: null,
      reason: 'New: there is no earlier figure to compare with.',
    });
  });

  it.each<[string, Reading | null, Reading | null, string]>([
    [
      'latest suppressed',
      symbolReading('c'),
      v(10),
      'the latest figure has not shown: small number (suppressed to protect confidentiality) (c)',
    ],
    ['latest missing', null, v(10), 'the latest figure has no value'],
    ['earlier suppressed', v(10), symbolReading('c'), 'the earlier figure has not shown: small number'],
    ['earlier rounds to zero', v(10), symbolReading('low'), 'rounds to zero'],
  ])('gives no direction when the %s, and says why', (_, current, previous, reason) => {
    const result = directionOfTravel({ current, previous, polarity: 'high', similarThreshold: 1 });
    expect(result.direction).toBeNull();
    expect(result.reason).toContain(reason);
  });

  it('explains the judgement in words', () => {
    const result = directionOfTravel({ current: v(8.3), previous: v(7.1), polarity: 'low', similarThreshold: 0.5 });
    expect(result.reason).toBe('Worse: up 1.2, beyond the threshold of 0.5 (lower is better).');
  });
});
