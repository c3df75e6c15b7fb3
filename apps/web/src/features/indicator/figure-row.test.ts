import type { PeriodRefOut, Series } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { assessment, LEICESTERSHIRE, scorecardRow } from '../../test/fixtures.ts';
import { figureRowFromSeries } from './figure-row.ts';

const period = (id: string, kind: PeriodRefOut['kind'], label: string): PeriodRefOut => ({
  id,
  kind,
  label,
  longLabel: label,
});
const RTA_2015_17 = period('3C2015-17', 'three-calendar-years', '2015-17');
const RTA_2016_18 = period('3C2016-18', 'three-calendar-years', '2016-18');
const RTA_2017_19 = period('3C2017-19', 'three-calendar-years', '2017-19');
const Y2018 = period('2018', 'calendar-year', '2018');

function series(points: Array<[PeriodRefOut, number]>): Series {
  const row = scorecardRow();
  return {
    indicator: { ...row.indicator, id: 'lait-rta' },
    la: LEICESTERSHIRE,
    method: 'mean',
    points: points.map(([p, value]) => ({ figure: { ...row.figure, period: p, value }, assessment: assessment() })),
  };
}

describe('figureRowFromSeries: the figure of a measure outside the scorecard set', () => {
  const rta = series([
    [RTA_2015_17, 9.9],
    [RTA_2016_18, 12.19],
    [RTA_2017_19, 11.74],
  ]);

  it('takes the latest figure that ended by the end of the chosen period', () => {
    const row = figureRowFromSeries(
      rta,
      period('2018-19-Q1', 'financial-quarter', 'Q1 2018/19'),
      'three-calendar-years',
    );
    expect(row?.figure.period.id).toBe('3C2015-17');
    expect(row?.isNew).toBe(false);
    expect(
      figureRowFromSeries(rta, period('2019-20', 'financial-year', '2019/20'), 'three-calendar-years')?.figure.value,
    ).toBe(11.74);
  });

  it('says a figure ending within the chosen period is new, with the values before it for a sparkline', () => {
    const row = figureRowFromSeries(rta, Y2018, 'three-calendar-years');
    expect(row?.figure.period.id).toBe('3C2016-18');
    expect(row?.isNew).toBe(true);
    expect(row?.sparkline.map((p) => p.value)).toEqual([9.9, 12.19]);
  });

  it("prefers the indicator's own kind of period when two end together", () => {
    const both = series([
      [Y2018, 11],
      [RTA_2016_18, 12.19],
    ]);
    expect(figureRowFromSeries(both, Y2018, 'three-calendar-years')?.figure.period.id).toBe('3C2016-18');
    expect(figureRowFromSeries(both, Y2018, 'calendar-year')?.figure.period.id).toBe('2018');
  });

  it('has none when every figure is later', () => {
    expect(figureRowFromSeries(rta, period('2016', 'calendar-year', '2016'), 'three-calendar-years')).toBeUndefined();
  });
});
