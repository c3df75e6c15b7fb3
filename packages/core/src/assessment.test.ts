import { describe, expect, it } from 'vitest';
import { assess, neighbourModelFor, type AssessmentInput } from './assessment.ts';
import { benchmarkYearFor } from './benchmark-year.ts';
import type { Period } from './period.ts';
import { symbolReading, valueReading } from './symbols.ts';

const Q1: Period = { kind: 'financial-quarter', year: 2018, quarter: 1 };
const Q4: Period = { kind: 'financial-quarter', year: 2017, quarter: 4 };
const Q1_LAST_YEAR: Period = { kind: 'financial-quarter', year: 2017, quarter: 1 };
const FY: Period = { kind: 'financial-year', year: 2017 };
const v = valueReading;

/** Eight LAs' values 10..80 for 2017/18; lower is better. */
const ALL = [10, 20, 30, 40, 50, 60, 70, 80].map(v);

function input(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    indicator: { polarity: 'low', similarThreshold: 1, rag: { rule: 'benchmark' }, unit: 'percent' },
    figure: { period: Q1, reading: v(25), publishedQuartile: null },
    benchmark: benchmarkYearFor({ period: Q1, nationalPeriods: [FY], today: new Date('2019-01-01') }),
    england: { reading: v(45), period: FY, basis: 'dfe', sourceRef: 'dfe file row 2' },
    region: {
      reading: v(41),
      period: FY,
      basis: 'dfe',
      sourceRef: 'dfe file row 3',
      code: 'E12000004',
      name: 'East Midlands',
    },
    allLas: { values: ALL, others: ALL.slice(1) },
    neighbours: {
      modelYear: 2021,
      readings: [
        { laCode: '830', reading: v(20) },
        { laCode: '831', reading: symbolReading('c') },
        { laCode: '832', reading: v(40) },
      ],
    },
    publishedNeighbours: null,
    target: null,
    previous: { period: Q4, reading: v(30), exists: true, anyEarlier: true },
    lastYear: { period: Q1_LAST_YEAR, reading: v(24.5), exists: true, anyEarlier: true },
    method: 'mean',
    override: null,
    ...overrides,
  };
}

describe('the benchmark period', () => {
  it.each([
    [Q1, '2017-18'],
    [{ kind: 'financial-quarter', year: 2018, quarter: 4 } as Period, '2018-19'],
    [{ kind: 'month', year: 2018, month: 6 } as Period, '2017-18'],
    [FY, '2017-18'],
    [{ kind: 'three-financial-years', year: 2015 } as Period, '3Y2015-18'],
  ])('for %o, with every year loaded, is %s', (period, expected) => {
    const loaded: Period[] = [2016, 2017, 2018].map((year) => ({ kind: 'financial-year', year }));
    loaded.push({ kind: 'three-financial-years', year: 2015 });
    const benchmark = benchmarkYearFor({ period, nationalPeriods: loaded, today: new Date('2020-01-01') });
    const out = assess(input({ figure: { period, reading: v(25), publishedQuartile: null }, benchmark }));
    expect(out.benchmarkPeriod.id).toBe(expected);
    expect(out.benchmarkRule).toBe(benchmark.rule);
    expect(out.benchmarkLabel).toBe(benchmark.label);
  });
});

describe('assessing a figure from all-LA data', () => {
  const result = assess(input());

  it('places the figure among the other LAs, with DfE cut points', () => {
    expect(result.quartile).toMatchObject({
      band: 1,
      words: 'top quartile',
      basis: 'computed',
      period: { id: '2017-18' },
      cutPoints: { q25: 27.5, q50: 45, q75: 62.5 },
      rank: 2,
      outOf: 8,
    });
  });

  it('averages the neighbours that have a figure and lists the one that does not', () => {
    expect(result.statNeighbours).toMatchObject({
      value: 30,
      basis: 'computed',
      method: 'mean',
      used: ['830', '832'],
      missing: [{ laCode: '831', reason: expect.stringContaining('suppressed') }],
    });
  });

  it('compares with the previous quarter and the same quarter last year', () => {
    expect(result.vsPrevious).toMatchObject({ direction: 'better', change: -5, against: { id: '2017-18-Q4' } });
    expect(result.vsLastYear).toMatchObject({ direction: 'similar', against: { id: '2017-18-Q1' } });
  });

  it('proposes RAG by the benchmark rule with its reason', () => {
    expect(result.rag).toMatchObject({ status: 'green', label: 'Green', override: null });
    expect(result.rag.proposed.reason).toBe('Top quartile nationally.');
    expect(result.missing).toEqual({ target: 'No target is set for Q1 2018/19.' });
  });

  it('a fourth-quartile figure is red, whatever its trend', () => {
    expect(assess(input({ figure: { period: Q1, reading: v(75), publishedQuartile: 1 } })).rag.status).toBe('red');
  });
});

describe('published comparators, for years without all-LA data', () => {
  const published = assess(
    input({
      allLas: null,
      neighbours: null,
      england: null,
      region: null,
      figure: { period: Q1, reading: v(8.3), publishedQuartile: 2 },
      publishedNeighbours: { reading: v(12.4), period: Q1, basis: 'published', sourceRef: 'seeds/002 line 3673' },
    }),
  );

  it('uses them, marked as published, not computed', () => {
    expect(published.quartile).toMatchObject({ band: 2, basis: 'published', positionInBand: null, rank: null });
    expect(published.statNeighbours).toMatchObject({ value: 12.4, basis: 'published', method: 'published' });
  });

  it('judges RAG on the published band and says what it could not judge', () => {
    expect(published.rag.status).toBe('amber');
    expect(published.rag.proposed.reason).toContain('was not published');
  });

  it('says why each missing benchmark is missing', () => {
    expect(published.missing.england).toBe('No England figure is loaded for 2017/18 or Q1 2018/19.');
    expect(published.missing.region).toBe('No regional figure is loaded for 2017/18.');
  });

  it('a computed quartile wins over a published one', () => {
    expect(assess(input({ figure: { period: Q1, reading: v(25), publishedQuartile: 3 } })).quartile).toMatchObject({
      band: 1,
      basis: 'computed',
    });
  });
});

describe('targets, direction gaps and overrides', () => {
  const targetRule: AssessmentInput['indicator'] = {
    polarity: 'high',
    similarThreshold: 1,
    rag: { rule: 'target', tolerance: { kind: 'absolute', amount: 5 } },
    unit: 'percent',
  };

  it.each([
    [90, null, 'green'],
    [87, null, 'amber'],
    [80, null, 'red'],
    [87, { kind: 'absolute' as const, amount: 1 }, 'red'],
  ])('value %d against a target of 90 (tolerance %o) is %s', (value, tolerance, status) => {
    const result = assess(
      input({
        indicator: targetRule,
        figure: { period: Q1, reading: v(value), publishedQuartile: null },
        target: { value: 90, tolerance, sourceRef: 'paper' },
      }),
    );
    expect(result.rag.status).toBe(status);
  });

  it('with no target for the period, the target rule proposes no RAG and says so', () => {
    const result = assess(input({ indicator: targetRule }));
    expect(result.rag.status).toBe('none');
    expect(result.rag.proposed.reason).toBe('No RAG: no target is set for this period.');
  });

  it('a missing previous quarter is a gap, not "new"; the first figure ever is new', () => {
    const gap = assess(input({ previous: { period: Q4, reading: null, exists: false, anyEarlier: true } }));
    expect(gap.vsPrevious).toMatchObject({
      direction: null,
      reason: 'No direction: there is no figure for Q4 2017/18.',
    });
    const first = assess(input({ previous: { period: Q4, reading: null, exists: false, anyEarlier: false } }));
    expect(first.vsPrevious.direction).toBe('new');
  });

  it("a head of service's override wins, and the proposal stays visible beside it", () => {
    const result = assess(
      input({
        override: { status: 'amber', reason: 'Data quality issue in May', by: 'Head of service', at: '2018-07-30' },
      }),
    );
    expect(result.rag).toMatchObject({
      status: 'amber',
      label: 'Amber',
      proposed: { status: 'green' },
      override: { status: 'amber', reason: 'Data quality issue in May' },
    });
  });
});

describe('the statistical-neighbour model for a year', () => {
  it.each([
    [FY, 2021],
    [{ kind: 'financial-year', year: 2023 } as Period, 2021],
    [{ kind: 'financial-year', year: 2024 } as Period, 2025],
  ])('%o uses the %d model', (period, model) => {
    expect(neighbourModelFor(period, [2025, 2021])).toBe(model);
  });
});
