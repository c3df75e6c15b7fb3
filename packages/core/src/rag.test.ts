import { describe, expect, it } from 'vitest';
import type { Direction } from './direction.ts';
import { nationalQuartile } from './quartile.ts';
import { BENCHMARK_KEY, effectiveRagRule, proposeRag, ragRuleChoices, type RagRule, targetWords } from './rag.ts';
import { symbolReading, valueReading } from './symbols.ts';

const NATIONAL = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(valueReading); // Q25 = 3, Q50 = 5, Q75 = 7
const benchmark: RagRule = { rule: 'benchmark' };

function benchmarkRag(value: number, polarity: 'high' | 'low', direction: Direction | null) {
  const quartile = nationalQuartile({ value: valueReading(value), allValues: NATIONAL, polarity });
  return proposeRag({ rule: benchmark, polarity, value: valueReading(value), quartile, direction });
}

describe('benchmark rule: the committee key', () => {
  it.each<[string, number, 'high' | 'low', Direction | null, string]>([
    ['top quartile, even when worse', 2, 'low', 'worse', 'green'],
    ['top quartile (higher is better)', 8, 'high', 'similar', 'green'],
    ['high in the second quartile and improving', 3.5, 'low', 'better', 'green'],
    ['high in the second quartile but only similar', 3.5, 'low', 'similar', 'amber'],
    ['low in the second quartile and improving', 4.5, 'low', 'better', 'amber'],
    ['high in the third quartile and worse', 5.5, 'low', 'worse', 'amber'],
    ['low in the third quartile and declining', 6.5, 'low', 'worse', 'red'],
    ['low in the third quartile (higher is better) and declining', 3.5, 'high', 'worse', 'red'],
    ['low in the third quartile but similar', 6.5, 'low', 'similar', 'amber'],
    ['low in the third quartile and new', 6.5, 'low', 'new', 'amber'],
    ['fourth quartile, even when improving', 8, 'low', 'better', 'red'],
    ['fourth quartile (higher is better)', 2, 'high', 'better', 'red'],
    ['high in the second quartile with no trend', 3.5, 'low', null, 'amber'],
  ])('%s is %s', (_, value, polarity, direction, status) => {
    const result = benchmarkRag(value, polarity, direction);
    expect(result.status).toBe(status);
    expect(result.rule).toBe('benchmark');
    expect(result.ruleText).toContain(BENCHMARK_KEY.green);
  });

  it('flips with polarity: the same figure is green one way and red the other', () => {
    expect(benchmarkRag(2, 'low', 'similar').status).toBe('green');
    expect(benchmarkRag(2, 'high', 'similar').status).toBe('red');
  });

  it('gives its reason in words and the inputs it used', () => {
    const result = benchmarkRag(6.5, 'low', 'worse');
    expect(result.reason).toBe('Third quartile nationally, in the lower half of it, with a declining trend.');
    expect(result.inputs).toEqual({ value: 6.5, band: 3, positionInBand: 'low', direction: 'worse' });
  });
});

describe('target rule with tolerance', () => {
  const absolute = (amount: number): RagRule => ({ rule: 'target', tolerance: { kind: 'absolute', amount } });
  const relative = (amount: number): RagRule => ({ rule: 'target', tolerance: { kind: 'relative', amount } });

  it.each<[string, RagRule, 'high' | 'low', number, number, string]>([
    ['on target', absolute(2), 'high', 80, 80, 'green'],
    ['above target, higher is better', absolute(2), 'high', 85, 80, 'green'],
    ['short by less than the tolerance', absolute(2), 'high', 79, 80, 'amber'],
    ['short by exactly the tolerance', absolute(2), 'high', 78, 80, 'amber'],
    ['short by more than the tolerance', absolute(2), 'high', 77.9, 80, 'red'],
    ['below target, lower is better', absolute(1), 'low', 8, 9, 'green'],
    ['above target within tolerance, lower is better', absolute(1), 'low', 9.5, 9, 'amber'],
    ['above target beyond tolerance, lower is better', absolute(1), 'low', 11, 9, 'red'],
    ['relative tolerance, within 10% of 50', relative(10), 'high', 45, 50, 'amber'],
    ['relative tolerance, beyond 10% of 50', relative(10), 'high', 44, 50, 'red'],
  ])('%s is %s', (_, rule, polarity, value, target, status) => {
    const result = proposeRag({ rule, polarity, value: valueReading(value), target });
    expect(result.status).toBe(status);
    expect(result.inputs.target).toBe(target);
  });

  it('flips with polarity', () => {
    const rule = absolute(1);
    expect(proposeRag({ rule, polarity: 'high', value: valueReading(12), target: 10 }).status).toBe('green');
    expect(proposeRag({ rule, polarity: 'low', value: valueReading(12), target: 10 }).status).toBe('red');
  });

  it('says by how much a target is missed', () => {
    const result = proposeRag({ rule: absolute(2), polarity: 'high', value: valueReading(79), target: 80 });
    expect(result.reason).toBe('Short of the target of 80 by 1, within the tolerance of 2.');
    expect(result.ruleText).toContain('at or above target');
  });
});

describe('no RAG, always with its reason', () => {
  it.each<[string, Parameters<typeof proposeRag>[0], string]>([
    ['no polarity', { rule: benchmark, polarity: 'none', value: valueReading(81) }, 'no polarity'],
    [
      'suppressed value',
      { rule: benchmark, polarity: 'low', value: symbolReading('c'), direction: 'better' },
      'suppressed',
    ],
    ['missing value', { rule: benchmark, polarity: 'low', value: null }, 'no value'],
    [
      'no benchmark',
      { rule: benchmark, polarity: 'low', value: valueReading(4), quartile: null },
      'no national benchmark',
    ],
    [
      'no national values',
      {
        rule: benchmark,
        polarity: 'low',
        value: valueReading(4),
        quartile: nationalQuartile({ value: valueReading(4), allValues: [], polarity: 'low' }),
      },
      'no national values',
    ],
    [
      'no target',
      {
        rule: { rule: 'target', tolerance: { kind: 'absolute', amount: 1 } },
        polarity: 'high',
        value: valueReading(4),
      },
      'no target is set',
    ],
    ['rule none', { rule: { rule: 'none' }, polarity: 'high', value: valueReading(4) }, 'context'],
  ])('%s', (_, input, reason) => {
    const result = proposeRag(input);
    expect(result.status).toBe('none');
    expect(result.reason).toMatch(/^No RAG: /);
    expect(result.reason.toLowerCase()).toContain(reason);
  });
});

describe('targetWords', () => {
  const base = { tolerance: { kind: 'absolute' as const, amount: 3 }, unit: 'percent' as const, decimals: 1 };
  it('shows the tolerance and how far a figure is from the target, in percentage points', () => {
    expect(targetWords({ ...base, value: 29, target: 22, polarity: 'low' })).toBe(
      'Target 22.0% (± 3.0 percentage points): missed by 7.0 percentage points',
    );
    expect(targetWords({ ...base, value: 24, target: 22, polarity: 'low' })).toBe(
      'Target 22.0% (± 3.0 percentage points): short by 2.0 percentage points, within the tolerance',
    );
    expect(targetWords({ ...base, value: 95, target: 90, polarity: 'high' })).toBe(
      'Target 90.0% (± 3.0 percentage points): met',
    );
  });
  it('says a relative tolerance as a share of the target, and gives no verdict without a figure', () => {
    expect(
      targetWords({
        value: null,
        target: 400,
        tolerance: { kind: 'relative', amount: 5 },
        polarity: 'low',
        unit: 'days',
        decimals: 0,
      }),
    ).toBe('Target 400 days (± 5% of the target)');
  });
});

describe('the RAG rule an analyst chooses', () => {
  const benchmarkRule = {
    polarity: 'low' as const,
    nationalBenchmark: true,
    quartile: true,
    rag: { rule: 'benchmark' as const },
    similarThreshold: 1.5,
  };
  it('moves a benchmark indicator to targets, with its similar threshold as the tolerance', () => {
    expect(effectiveRagRule(benchmarkRule, 'target')).toEqual({
      rule: 'target',
      tolerance: { kind: 'absolute', amount: 1.5 },
    });
    expect(effectiveRagRule(benchmarkRule, null)).toEqual({ rule: 'benchmark' });
  });
  it('never judges by quartile an indicator DfE publishes no quartile for, nor a context measure at all', () => {
    const local = {
      ...benchmarkRule,
      nationalBenchmark: false,
      rag: { rule: 'target' as const, tolerance: { kind: 'relative' as const, amount: 5 } },
    };
    expect(ragRuleChoices(local)).toEqual(['target']);
    expect(effectiveRagRule(local, 'benchmark')).toEqual(local.rag);
    expect(ragRuleChoices({ ...benchmarkRule, polarity: 'none' })).toEqual([]);
  });
});
