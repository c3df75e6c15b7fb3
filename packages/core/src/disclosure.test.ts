import { describe, expect, it } from 'vitest';
import { assess, type AssessmentInput } from './assessment.ts';
import { benchmarkYearFor } from './benchmark-year.ts';
import {
  cutPointsRevealHidden,
  NOTHING_HIDDEN,
  PUBLIC_AUTHOR,
  publicAssessment,
  publicDirection,
  publicFigure,
  publicNeighbourComparison,
  WITHHELD,
  type HiddenInputs,
} from './disclosure.ts';
import type { Period } from './period.ts';
import { valueReading as v } from './symbols.ts';

const Q1: Period = { kind: 'financial-quarter', year: 2018, quarter: 1 };
const Q4: Period = { kind: 'financial-quarter', year: 2017, quarter: 4 };
const FY: Period = { kind: 'financial-year', year: 2017 };
const ALL = [0, 0, 0, 10, 20, 30, 40, 50].map(v);

function assessed(overrides: Partial<AssessmentInput> = {}) {
  return assess({
    indicator: { polarity: 'low', similarThreshold: 0, rag: { rule: 'benchmark' }, unit: 'percent' },
    figure: { period: Q1, reading: v(0), publishedQuartile: null },
    benchmark: benchmarkYearFor({ period: Q1, nationalPeriods: [FY], today: new Date('2019-01-01') }),
    england: null,
    region: null,
    allLas: { values: ALL, others: ALL.slice(1) },
    neighbours: {
      modelYear: 2021,
      readings: [
        { laCode: '830', reading: v(20) },
        { laCode: '831', reading: v(2) },
      ],
    },
    publishedNeighbours: null,
    target: null,
    previous: { period: Q4, reading: v(0), exists: true, anyEarlier: true },
    lastYear: { period: { ...Q1, year: 2017 }, reading: v(3), exists: true, anyEarlier: true },
    method: 'mean',
    override: {
      status: 'green',
      reason: 'Only two children, both reviewed.',
      by: 'lead@example.org',
      at: '2018-07-01',
    },
    ...overrides,
  });
}

const hidden = (parts: Partial<HiddenInputs>): HiddenInputs => ({ ...NOTHING_HIDDEN, ...parts });

describe('a change as the public sees it', () => {
  const d = (direction: 'better' | 'worse' | 'similar' | 'same' | 'higher' | 'new' | null, change: number | null) => ({
    direction,
    change,
    against: { id: '2017-18-Q4', kind: 'financial-quarter' as const, label: 'Q4 2017/18', longLabel: '' },
    reason: `${direction} by ${change}`,
  });
  it('is whole when nothing is hidden', () => {
    expect(publicDirection(d('worse', -9), false)).toMatchObject({
      direction: 'worse',
      change: -9,
      reason: 'worse by -9',
    });
  });
  // Telling better, similar and worse apart bounds the hidden figure: every one reads the same.
  it.each([d('worse', -9), d('better', 3), d('higher', 4), d('similar', 0), d('same', 0)])(
    '%o beside a hidden figure: neither word nor size, and the same reason whatever it was',
    (direction) => {
      expect(publicDirection(direction, true)).toMatchObject({
        direction: null,
        change: null,
        reason: WITHHELD.change,
      });
    },
  );
  it('keeps "new" (there is no earlier figure to hide)', () => {
    expect(publicDirection(d('new', null), true).direction).toBe('new');
  });
});

describe('an assessment as the public sees it', () => {
  it('shows everything of a figure with nothing hidden but its rank, and no staff name', () => {
    const a = assessed({ figure: { period: Q1, reading: v(40), publishedQuartile: null } });
    const p = publicAssessment(a, NOTHING_HIDDEN);
    expect(p.quartile).toEqual({ ...a.quartile, rank: null, outOf: null });
    expect(p.rag.status).toBe(a.rag.status);
    expect(p.vsPrevious).toEqual(a.vsPrevious);
    expect(p.rag.override).toMatchObject({ by: PUBLIC_AUTHOR, reason: a.rag.override!.reason });
  });

  it('withholds band, cut points, rank, RAG and override of a hidden figure (the top band where Q0 = Q25 = 0 pins 0)', () => {
    const a = assessed();
    expect(a.quartile).toMatchObject({ band: 1, cutPoints: { min: 0, q25: 0 } });
    const p = publicAssessment(a, hidden({ figure: true }));
    expect(p.quartile).toBeNull();
    expect(p.missing.quartile).toBe(WITHHELD.quartile);
    expect(p.rag).toMatchObject({ status: 'none', label: WITHHELD.rag, override: null });
    expect(p.rag.proposed.reason).toBe(WITHHELD.ragReason);
    expect(p.vsPrevious.change).toBeNull();
    expect(p.vsLastYear.change).toBeNull();
    expect(JSON.stringify(p)).not.toMatch(/two children|example\.org/);
  });

  it('withholds the change of a shown figure against a hidden one, and the trend named in its RAG reason', () => {
    for (const previous of [15, 30, 1]) {
      const a = assessed({
        figure: { period: Q1, reading: v(15), publishedQuartile: null },
        previous: { period: Q4, reading: v(previous), exists: true, anyEarlier: true },
        override: null,
      });
      const p = publicAssessment(a, hidden({ previous: true }));
      expect(p.vsPrevious).toMatchObject({ direction: null, change: null });
      expect(p.rag.proposed.reason).not.toMatch(/similar|better|worse/);
      expect(p.rag.status).toBe(a.rag.status);
    }
  });

  it('withholds a shown figure’s RAG where it hangs on the change since a hidden one', () => {
    // 5 sits in the better half of the second quartile (0 to 15): green only with an improving trend.
    const improving = assessed({
      figure: { period: Q1, reading: v(5), publishedQuartile: null },
      previous: { period: Q4, reading: v(40), exists: true, anyEarlier: true },
      override: null,
      indicator: { polarity: 'low', similarThreshold: 1, rag: { rule: 'benchmark' }, unit: 'percent' },
    });
    expect(improving.quartile).toMatchObject({ band: 2, positionInBand: 'high' });
    expect(improving.rag.status).toBe('green');
    const p = publicAssessment(improving, hidden({ previous: true }));
    expect(p.rag).toMatchObject({ status: 'none', label: WITHHELD.rag });
    expect(p.rag.proposed.reason).toBe(WITHHELD.ragByTrend);
  });

  it('never shows a rank, and no next-band cut point when the cut points are withheld', () => {
    const a = assessed({ figure: { period: Q1, reading: v(35), publishedQuartile: null } });
    expect(a.quartile?.rank).not.toBeNull();
    expect(publicAssessment(a, NOTHING_HIDDEN).quartile).toMatchObject({ rank: null, outOf: null });
    expect(publicAssessment(a, hidden({ cutPoints: true })).quartile).toMatchObject({
      cutPoints: null,
      nextBand: null,
    });
  });

  it('names no member of staff in a target’s source', () => {
    const a = assessed({ target: { value: 10, tolerance: null, sourceRef: 'set by lead@example.org' } });
    expect(publicAssessment(a, NOTHING_HIDDEN).target?.sourceRef).toBe('Set by the council');
  });

  it('withholds a computed neighbour average when a neighbour it uses is hidden', () => {
    const a = assessed();
    expect(a.statNeighbours?.value).toBe(11);
    const p = publicAssessment(a, hidden({ neighbours: true }));
    expect(p.statNeighbours?.value).toBeNull();
    expect(p.missing.statNeighbours).toBe(WITHHELD.neighbours);
  });

  it('withholds cut points when one is a hidden figure’s value, keeping the band of a shown figure', () => {
    const a = assessed({ figure: { period: Q1, reading: v(35), publishedQuartile: null } });
    const p = publicAssessment(a, hidden({ cutPoints: true }));
    expect(p.quartile?.band).toBe(a.quartile?.band);
    expect(p.quartile?.cutPoints).toBeNull();
  });
});

describe('cut points and hidden values', () => {
  const cuts = { min: 0, q25: 2.5, q50: 10, q75: 20, max: 50 };
  it.each([
    [[0], true],
    [[2.5], true],
    [[1, 3], false],
    [[], false],
  ])('hidden %j reveals: %s', (values, expected) => {
    expect(cutPointsRevealHidden(cuts, values)).toBe(expected);
  });
});

describe('a stored figure as the public sees it', () => {
  const f = {
    value: 0.5,
    numerator: 2,
    denominator: 400,
    symbol: null,
    symbolMeaning: null,
    note: 'two children',
    sourceRef: 'para 11: two children',
    suppressed: false,
  };
  it('hides a small number as DfE’s c, with its note and the source an analyst typed', () => {
    expect(publicFigure(f, true, 5)).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      symbol: 'c',
      note: null,
      sourceRef: WITHHELD.sourceRef,
      suppressed: true,
    });
  });
  it('keeps a shown figure but never its note', () => {
    expect(publicFigure(f, false, 5)).toMatchObject({ value: 0.5, numerator: 2, note: null, suppressed: false });
  });
});

describe('the neighbour comparison as the public sees it', () => {
  const n = (value: number | null, small: boolean) => ({ value, symbol: null, smallNumber: small, reason: null });
  it('withholds the computed average when one neighbour is hidden, and that neighbour', () => {
    const p = publicNeighbourComparison(
      {
        self: null,
        selfAtBenchmark: { value: 3, symbol: null, smallNumber: true },
        aggregate: { value: 12, basis: 'computed', reason: null },
        neighbours: [n(10, false), n(2, true), n(24, false)],
      },
      5,
    );
    expect(p.aggregate.value).toBeNull();
    expect(p.neighbours.map((x) => x.value)).toEqual([10, null, 24]);
    expect(p.selfAtBenchmark?.value).toBeNull();
  });
  it('keeps the average when every neighbour is shown', () => {
    const p = publicNeighbourComparison(
      {
        self: null,
        selfAtBenchmark: null,
        aggregate: { value: 12, basis: 'computed', reason: null },
        neighbours: [n(10, false)],
      },
      5,
    );
    expect(p.aggregate.value).toBe(12);
  });
});
