import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  fromDfe,
  latestFinancialYearEndedBy,
  longLabel,
  parsePeriodId,
  periodId,
  PERIOD_KINDS,
  previousPeriod,
  samePeriodLastYear,
  shortLabel,
  toDfe,
  type Period,
} from './period.ts';

function must(result: ReturnType<typeof fromDfe>): Period {
  if (!result.ok) throw new Error(result.message);
  return result.period;
}
const id = (p: string) => must(parsePeriodId(p));

describe('fromDfe reads time_period + time_identifier', () => {
  it.each([
    ['201819', 'Financial year Q1', '2018-19-Q1'],
    ['201819', 'Financial year Q4', '2018-19-Q4'],
    ['201819', 'Financial year', '2018-19'],
    // Reporting year 2019 is the year ending 31 March 2019, i.e. financial year 2018-19.
    ['2019', 'Reporting year', '2018-19'],
    ['2018', 'Calendar year', '2018'],
    ['201718', 'Academic year', 'AY2017-18'],
    ['2018', 'June', '2018-06'],
    ['2018', 'January', '2018-01'],
    ['201518', 'Three financial years', '3Y2015-18'],
    ['199900', 'Financial year', '1999-00'],
  ])('%s %s is %s', (timePeriod, identifier, expected) => {
    expect(periodId(must(fromDfe(timePeriod, identifier)))).toBe(expected);
  });

  it.each([
    ['201820', 'Financial year Q1', 'the last two digits should be 19, not 20'],
    ['2018', 'Financial year', 'expected six digits YYYYyy'],
    ['201819', 'Reporting year', 'expected four digits'],
    ['18', 'Calendar year', 'expected four digits'],
    ['201819', 'Quarter 1', 'time_identifier "Quarter 1" is not one of'],
    ['2018', 'june', 'time_identifier "june" is not one of'],
    ['201519', 'Three financial years', 'should be 18, not 19'],
    ['0999', 'Calendar year', 'outside 1900-2199'],
  ])('refuses %s with %s, saying what is wrong', (timePeriod, identifier, message) => {
    const result = fromDfe(timePeriod, identifier);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('toDfe and periodId round-trip every kind', () => {
  const samples: Period[] = [
    { kind: 'financial-quarter', year: 2018, quarter: 3 },
    { kind: 'financial-year', year: 2018 },
    { kind: 'calendar-year', year: 2017 },
    { kind: 'academic-year', year: 2017 },
    { kind: 'month', year: 2018, month: 12 },
    { kind: 'three-financial-years', year: 2015 },
    { kind: 'three-calendar-years', year: 2014 },
  ];

  it('covers every period kind', () => {
    expect(new Set(samples.map((p) => p.kind))).toEqual(new Set(PERIOD_KINDS));
  });

  it.each(samples)('$kind $year', (period) => {
    const dfe = toDfe(period);
    expect(must(fromDfe(dfe.timePeriod, dfe.timeIdentifier))).toEqual(period);
    expect(must(parsePeriodId(periodId(period), period.kind))).toEqual(period);
  });

  it('writes a financial year as a reporting year when asked, one year on', () => {
    expect(toDfe({ kind: 'financial-year', year: 2018 }, 'Reporting year')).toEqual({
      timePeriod: '2019',
      timeIdentifier: 'Reporting year',
    });
    expect(toDfe({ kind: 'financial-year', year: 2018 })).toEqual({
      timePeriod: '201819',
      timeIdentifier: 'Financial year',
    });
  });
});

describe('parsePeriodId', () => {
  it.each([
    ['2018-19-Q1', { kind: 'financial-quarter', year: 2018, quarter: 1 }],
    ['2018-19', { kind: 'financial-year', year: 2018 }],
    ['2018', { kind: 'calendar-year', year: 2018 }],
    ['AY2017-18', { kind: 'academic-year', year: 2017 }],
    ['2018-06', { kind: 'month', year: 2018, month: 6 }],
    ['3Y2015-18', { kind: 'three-financial-years', year: 2015 }],
    ['3C2014-16', { kind: 'three-calendar-years', year: 2014 }],
  ])('reads %s', (text, expected) => {
    expect(id(text)).toEqual(expected);
  });

  it.each([
    '2018-20-Q1',
    '2018-19-Q5',
    '2018-13',
    '2018-00',
    'Q1 2018/19',
    '',
    '2018-19-q1',
    '../etc/passwd',
    '2018-19 ',
  ])('refuses %j', (text) => {
    const result = parsePeriodId(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/is not a period id/);
  });

  it('refuses an id that could be a financial year or a month, unless the kind is given', () => {
    const result = parsePeriodId('2011-12');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe(
        'period "2011-12" is ambiguous: it could be 2011/12 (year ending 31 March 2012) or December 2011; say which kind of period is meant',
      );
    expect(must(parsePeriodId('2011-12', 'month'))).toEqual({ kind: 'month', year: 2011, month: 12 });
    expect(must(parsePeriodId('2011-12', 'financial-year'))).toEqual({ kind: 'financial-year', year: 2011 });
  });

  it('names the expected form when a kind is given', () => {
    const result = parsePeriodId('2018-19', 'financial-quarter');
    expect(result).toEqual({
      ok: false,
      message: 'period "2018-19" is not a valid financial-quarter id (such as 2018-19-Q1)',
    });
  });
});

describe('previous period and the same period last year', () => {
  it.each([
    ['2018-19-Q1', '2017-18-Q4', '2017-18-Q1'],
    ['2018-19-Q2', '2018-19-Q1', '2017-18-Q2'],
    ['2018-19-Q4', '2018-19-Q3', '2017-18-Q4'],
    ['2018-19', '2017-18', '2017-18'],
    ['2018', '2017', '2017'],
    ['AY2017-18', 'AY2016-17', 'AY2016-17'],
    ['2018-01', '2017-12', '2017-01'],
    ['2018-06', '2018-05', '2017-06'],
    ['3Y2015-18', '3Y2014-17', '3Y2014-17'],
  ])('%s: previous %s, a year earlier %s', (text, previous, lastYear) => {
    const period = id(text);
    expect(periodId(previousPeriod(period))).toBe(previous);
    expect(periodId(samePeriodLastYear(period))).toBe(lastYear);
  });
});

describe('ordering', () => {
  it('orders by the end of the period, then the longer first', () => {
    const ids = ['2018-19-Q2', '2017-18-Q4', '2018-19-Q1', '2017-18', '2018-06', '2016-17'];
    const sorted = ids.map(id).sort(comparePeriods).map(periodId);
    expect(sorted).toEqual(['2016-17', '2017-18', '2017-18-Q4', '2018-19-Q1', '2018-06', '2018-19-Q2']);
  });
});

describe('labels', () => {
  it.each([
    ['2018-19-Q1', 'Q1 2018/19', 'Q1 2018/19 (Apr-Jun 2018)'],
    ['2018-19-Q3', 'Q3 2018/19', 'Q3 2018/19 (Oct-Dec 2018)'],
    ['2018-19-Q4', 'Q4 2018/19', 'Q4 2018/19 (Jan-Mar 2019)'],
    ['2018-19', '2018/19', '2018/19 (year ending 31 March 2019)'],
    ['1999-00', '1999/00', '1999/00 (year ending 31 March 2000)'],
    ['2018', '2018', 'calendar year 2018'],
    ['AY2017-18', 'AY 2017/18', 'academic year 2017/18 (Sep 2017-Aug 2018)'],
    ['2018-06', 'Jun 2018', 'June 2018'],
    ['3Y2015-18', '2015-18', '3 years to 31 March 2018 (Apr 2015-Mar 2018)'],
  ])('%s reads as %s and %s', (text, short, long) => {
    expect(shortLabel(id(text))).toBe(short);
    expect(longLabel(id(text))).toBe(long);
  });
});

describe('latestFinancialYearEndedBy: which DfE year benchmarks a period', () => {
  it.each([
    // Q1 2018/19 ends June 2018: the latest DfE year then complete is 2017/18 (reporting year 2018).
    ['2018-19-Q1', '2017-18'],
    ['2018-19-Q3', '2017-18'],
    // Q4 ends on 31 March, the same day as the financial year itself.
    ['2018-19-Q4', '2018-19'],
    ['2018-19', '2018-19'],
    ['2019-03', '2018-19'],
    ['2019-02', '2017-18'],
    ['2018', '2017-18'],
    ['AY2017-18', '2017-18'],
    ['3Y2015-18', '2017-18'],
  ])('%s is benchmarked against %s', (text, expected) => {
    expect(periodId(latestFinancialYearEndedBy(id(text)))).toBe(expected);
  });
});
