import type { AssessmentOut, PeriodRefOut, Scorecard, ScorecardRow } from '@indicate/contracts';

/** Leicestershire's Q1 2018/19 as the API describes it, small enough to read in a test. */
export const Q1: PeriodRefOut = {
  id: '2018-19-Q1',
  kind: 'financial-quarter',
  label: 'Q1 2018/19',
  longLabel: 'Q1 2018/19 (Apr-Jun 2018)',
};
export const Q4: PeriodRefOut = {
  id: '2017-18-Q4',
  kind: 'financial-quarter',
  label: 'Q4 2017/18',
  longLabel: 'Q4 2017/18 (Jan-Mar 2018)',
};
export const YEAR: PeriodRefOut = {
  id: '2017-18',
  kind: 'financial-year',
  label: '2017/18',
  longLabel: 'April 2017 to March 2018',
};
export const LEICESTERSHIRE = { code: '855', newCode: 'E10000018', name: 'Leicestershire' };

export function assessment(changes: Partial<AssessmentOut> = {}): AssessmentOut {
  return {
    benchmarkPeriod: YEAR,
    benchmarkLabel: '2017/18',
    benchmarkRule: 'Benchmarks are for 2017/18, the latest DfE year that ended on or before 30 June 2018.',
    england: {
      value: 20.2,
      symbol: null,
      symbolMeaning: null,
      period: YEAR,
      basis: 'dfe',
      sourceRef: 'DfE CIN 2018',
    },
    region: null,
    statNeighbours: {
      value: 18.5,
      method: 'mean',
      basis: 'computed',
      period: YEAR,
      modelYear: 2021,
      used: [],
      missing: [],
      sourceRef: null,
    },
    quartile: {
      band: 1,
      words: 'top quartile',
      basis: 'computed',
      period: YEAR,
      positionInBand: 'high',
      cutPoints: { min: 5, q25: 15, q50: 19, q75: 23, max: 40 },
      rank: 12,
      outOf: 151,
      nextBand: null,
    },
    target: null,
    vsPrevious: { direction: 'better', change: -1.5, against: Q4, reason: 'Lower is better; down 1.5 points.' },
    vsLastYear: { direction: 'similar', change: 0.2, against: Q4, reason: 'Within the similar threshold.' },
    rag: {
      proposed: {
        status: 'green',
        label: 'Green',
        reason: 'Top quartile nationally.',
        reasonWithoutTrend: null,
        rule: 'benchmark',
        ruleText: 'Benchmark rule.',
      },
      override: null,
      status: 'green',
      label: 'Green',
    },
    missing: {},
    ...changes,
  };
}

export function scorecardRow(changes: Partial<ScorecardRow> = {}): ScorecardRow {
  return {
    indicator: {
      id: 'cp-repeat-plans',
      label: 'Child protection plans that are a second or subsequent plan',
      shortLabel: 'Repeat CP plans',
      theme: 'child-protection',
      themeLabel: 'Child protection',
      unit: 'percent',
      decimals: 1,
      polarity: 'low',
    },
    figure: {
      period: Q1,
      value: 12,
      symbol: null,
      symbolMeaning: null,
      numerator: 30,
      denominator: 250,
      status: 'final',
      sourceRef: 'seeds/002, line 4',
      note: null,
      loadId: 2,
      smallNumber: false,
      suppressed: false,
    },
    isNew: true,
    assessment: assessment(),
    sparkline: [
      { id: '2017-18-Q4', label: 'Q4 2017/18', value: 13.5, smallNumber: false },
      { id: '2018-19-Q1', label: 'Q1 2018/19', value: 12, smallNumber: false },
    ],
    ...changes,
  };
}

export function scorecard(rows: ScorecardRow[]): Scorecard {
  return {
    la: LEICESTERSHIRE,
    period: Q1,
    method: 'mean',
    filters: { theme: null, themes: null, exceptionsOnly: false, newOnly: false, worseOnly: false },
    rows,
    notReported: [],
  };
}
