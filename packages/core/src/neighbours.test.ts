import { describe, expect, it } from 'vitest';
import { neighbourAggregate, type NeighbourReading } from './neighbours.ts';
import { symbolReading, valueReading } from './symbols.ts';

const n = (laCode: string, value: number, numerator?: number, denominator?: number): NeighbourReading => ({
  laCode,
  reading: valueReading(value),
  numerator: numerator ?? null,
  denominator: denominator ?? null,
});

describe('statistical-neighbour aggregate', () => {
  const three = [n('916', 10, 1, 10), n('803', 20, 4, 20), n('937', 60, 60, 100)];

  it.each([
    ['mean', 30],
    ['median', 20],
    // pooled: (1 + 4 + 60) / (10 + 20 + 100) * 100 = 50
    ['pooled', 50],
  ] as const)('%s of three neighbours', (method, expected) => {
    const result = neighbourAggregate(three, method, 100);
    expect(result.value).toBeCloseTo(expected, 10);
    expect(result.method).toBe(method);
    expect(result.used).toEqual(['916', '803', '937']);
    expect(result.missing).toEqual([]);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(neighbourAggregate([n('1', 10), n('2', 40), n('3', 20), n('4', 30)], 'median').value).toBe(25);
  });

  it('defaults to the mean, as LAIT does', () => {
    expect(neighbourAggregate(three).method).toBe('mean');
  });

  it('leaves out suppressed and missing neighbours, and names them', () => {
    const result = neighbourAggregate(
      [n('916', 10), { laCode: '803', reading: symbolReading('c') }, { laCode: '937', reading: null }, n('802', 30)],
      'mean',
    );
    // Were 'c' read as 0 the mean would be 10, not 20.
    expect(result.value).toBe(20);
    expect(result.used).toEqual(['916', '802']);
    expect(result.missing).toEqual([
      { laCode: '803', reason: 'not shown: small number (suppressed to protect confidentiality) (c)' },
      { laCode: '937', reason: 'no value' },
    ]);
  });

  it('pools only neighbours with a numerator and a positive denominator', () => {
    const result = neighbourAggregate([n('916', 10, 1, 10), n('803', 20), n('937', 0, 0, 0)], 'pooled', 100);
    expect(result.value).toBe(10);
    expect(result.missing.map((m) => m.reason)).toEqual([
      'no numerator and denominator to pool',
      'denominator is zero',
    ]);
  });

  it('has no value for an empty set or when every neighbour is missing, and says why', () => {
    expect(neighbourAggregate([], 'mean')).toMatchObject({
      value: null,
      reason: 'No statistical neighbours are defined for this authority.',
    });
    expect(neighbourAggregate([{ laCode: '916', reading: symbolReading('x') }], 'median')).toMatchObject({
      value: null,
      reason: 'None of the 1 statistical neighbours has a usable figure.',
    });
  });

  it('works with a single neighbour', () => {
    expect(neighbourAggregate([n('916', 12.5)], 'median').value).toBe(12.5);
  });
});
