import { describe, expect, it } from 'vitest';
import { countOverview, isException, overviewParagraphs, type OverviewRow } from './overview.ts';

const row = (over: Partial<OverviewRow>): OverviewRow => ({
  isNew: true,
  withheld: false,
  direction: 'better',
  quartileBand: null,
  rag: 'none',
  overridden: false,
  ...over,
});

describe('exceptions', () => {
  it.each([
    ['green', false],
    ['amber', true],
    ['red', true],
    ['none', false],
  ] as const)('%s is an exception: %s', (status, expected) => {
    expect(isException(status)).toBe(expected);
  });
});

describe('the overview counts', () => {
  it('count every row once in each grouping', () => {
    const c = countOverview([
      row({ direction: 'better', quartileBand: 1, rag: 'green' }),
      row({ direction: 'worse', quartileBand: 4, rag: 'red', overridden: true }),
      row({ direction: 'similar', quartileBand: 2, rag: 'amber', isNew: false }),
      row({ direction: 'higher' }),
      row({ direction: 'same' }),
      row({ direction: 'new' }),
      row({ direction: null, withheld: true }),
    ]);
    expect(c).toEqual({
      indicators: 7,
      newThisPeriod: 6,
      withheld: 1,
      direction: { improved: 1, similar: 1, declined: 1, noPolarity: 2, new: 1, notComparable: 1 },
      quartiles: { benchmarked: 3, top: 1, second: 1, third: 0, fourth: 1 },
      rag: { green: 1, amber: 1, red: 1, none: 4, overridden: 1 },
    });
  });
});

describe('the overview paragraphs', () => {
  const counts = {
    indicators: 25,
    newThisPeriod: 20,
    withheld: 0,
    direction: { improved: 2, similar: 0, declined: 2, noPolarity: 3, new: 15, notComparable: 3 },
    quartiles: { benchmarked: 14, top: 3, second: 7, third: 3, fourth: 1 },
    rag: { green: 5, amber: 4, red: 1, none: 15, overridden: 1 },
  };
  it('state counts that add up to the table, in the committee’s words', () => {
    const [first, second, third] = overviewParagraphs(counts, 'Q1 2018/19');
    expect(first).toBe(
      'From 4 measures that have been reported for Q1 2018/19 and can be compared with the previous period, 2 have improved, 0 show no significant change and 2 have declined. In addition, 3 are context measures (neither higher nor lower is better), 15 are new (no earlier figure at all) and 3 cannot be compared with the previous period (its figure is missing, or it is the first of its kind).',
    );
    expect(second).toBe(
      'Of the 14 measures that can be benchmarked nationally, 3 are in the top quartile, 7 in the second, 3 in the third and 1 in the fourth.',
    );
    expect(third).toBe('RAG: 5 green, 4 amber, 1 red and 15 without a RAG status (1 override).');
  });
  it('say how many figures the public view does not show', () => {
    expect(overviewParagraphs({ ...counts, withheld: 2 }, 'Q1 2018/19')[2]).toBe(
      'RAG: 5 green, 4 amber, 1 red and 15 without a RAG status (1 override). 2 figures are not shown because they are small numbers.',
    );
  });
});
