import { describe, expect, it } from 'vitest';
import { draftParagraph, segmentsText, type NarrativeRow } from './narrative.ts';

const Q1 = { id: '2018-19-Q1', label: 'Q1 2018/19' };
const Q4 = { id: '2017-18-Q4', label: 'Q4 2017/18' };

function row(overrides: Partial<NarrativeRow['assessment']> = {}): NarrativeRow {
  return {
    indicator: {
      id: 'placements-3-or-more',
      label: 'Children in care with 3 or more placements during the year',
      shortLabel: '3+ placements',
      unit: 'percent',
      decimals: 1,
      polarity: 'low',
    },
    figure: {
      period: Q1,
      value: 8.3,
      numerator: 48,
      denominator: 578,
      status: 'final',
      sourceRef: 'seeds/002 line 3673',
      loadId: 8,
      smallNumber: false,
      symbolMeaning: null,
    },
    previous: { value: 7.3, numerator: 42, loadId: 8, sourceRef: 'seeds/000 line 10' },
    assessment: {
      england: null,
      statNeighbours: {
        value: 12.4,
        basis: 'published',
        method: 'published',
        period: Q1,
        sourceRef: 'seeds/002 line 3673',
      },
      quartile: {
        band: 2,
        words: 'second quartile',
        basis: 'computed',
        period: { id: '2017-18', label: '2017/18' },
        nextBand: { band: 1, cutPoint: 8.0, distance: 0.3 },
      },
      target: null,
      vsPrevious: { direction: 'worse', change: 1, against: Q4 },
      rag: { status: 'amber', label: 'Amber', proposed: { reason: 'Second quartile nationally.' }, override: null },
      ...overrides,
    },
  };
}

describe('a drafted paragraph', () => {
  it("reads in the committee's pattern, with the numbers of the data", () => {
    expect(segmentsText(draftParagraph(row(), 'Leicestershire'))).toBe(
      'Children in care with 3 or more placements during the year: Q1 2018/19 8.3% (48 of 578). ' +
        'This is a decline from Q4 2017/18 (7.3%, +1.0 percentage points): 6 more than in Q4 2017/18. ' +
        'This places Leicestershire in the second quartile nationally (0.3 percentage points outside the top quartile, 2017/18). ' +
        'By comparison, the statistical neighbour average is 12.4% (as published). RAG: Amber. Second quartile nationally.',
    );
  });

  it('links every number to where it came from', () => {
    const numbers = draftParagraph(row(), 'Leicestershire').filter((s) => 'number' in s);
    expect(numbers.map((s) => ('number' in s ? `${s.number} ${s.source.what} ${s.source.periodId}` : ''))).toEqual([
      '8.3% figure 2018-19-Q1',
      '48 numerator 2018-19-Q1',
      '578 numerator 2018-19-Q1',
      '7.3% previous 2017-18-Q4',
      '6 count 2018-19-Q1',
      '0.3 percentage points cut-point 2017-18',
      '12.4% neighbours 2018-19-Q1',
    ]);
    const figure = numbers[0]!;
    expect('number' in figure && figure.source).toMatchObject({ loadId: 8, sourceRef: 'seeds/002 line 3673' });
  });

  it('flags small numbers and says when no figure can be shown', () => {
    const small = row();
    small.figure = { ...small.figure, smallNumber: true };
    expect(segmentsText(draftParagraph(small, 'Leicestershire'))).toContain(
      '(small number: not shown in the public version)',
    );
    const hidden = row();
    hidden.figure = { ...hidden.figure, value: null, symbolMeaning: 'fewer than 5' };
    expect(segmentsText(draftParagraph(hidden, 'Leicestershire'))).toBe(
      'Children in care with 3 or more placements during the year: no figure can be shown for Q1 2018/19 (fewer than 5).',
    );
  });
});
