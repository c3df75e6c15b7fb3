import { describe, expect, it } from 'vitest';
import { laitPeriod, type LaitYearType } from './lait.ts';
import { longLabel, periodId } from './period.ts';

describe("LAIT's period labels, each kind", () => {
  it.each([
    // label, Year_Type, period id, status, note
    ['2016', 'Financial Year', '2015-16', 'final', null],
    ['2016-17', 'Financial Year', '2016-17', 'final', null],
    ['2016/17', 'Financial Year', '2016-17', 'final', null],
    ['2016-17 (OT)', 'Financial Year', '2016-17', 'final', 'outturn'],
    ['2013/14-15/16', 'Financial Year', '3Y2013-16', 'final', null],
    ['2016', 'Annual', '2015-16', 'final', null],
    ['2016', 'Academic Year', 'AY2015-16', 'final', null],
    ['2016-17', 'Academic Year', 'AY2016-17', 'final', null],
    ['2016/17', 'Academic Year', 'AY2016-17', 'final', null],
    ['2018 (Rev)', 'Academic Year', 'AY2017-18', 'final', 'revised'],
    ['2020 (Final)', 'Academic Year', 'AY2019-20', 'final', null],
    ['2025 (prov)', 'Academic Year', 'AY2024-25', 'provisional', null],
    ['2016', 'Calendar Year', '2016', 'final', null],
    ['2014-16', 'Calendar Year', '3C2014-16', 'final', null],
    ['2016', 'Annual (end of Sept)', '2016-09', 'final', null],
    ['2016', 'Annual - January', '2016-01', 'final', null],
  ] as const)('%s (%s) is %s', (label, type, id, status, note) => {
    const read = laitPeriod(label, type as LaitYearType);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(periodId(read.period)).toBe(id);
    expect(read.status).toBe(status);
    expect(read.note).toBe(note);
  });

  it('says a three-calendar-year period in words', () => {
    const read = laitPeriod('2014-16', 'Calendar Year');
    expect(read.ok && longLabel(read.period)).toBe('3 calendar years 2014-2016');
  });

  it.each([
    ['0', 'Academic Year'],
    ['-', 'Financial Year'],
    ['2016-18', 'Financial Year'],
    ['2016-18', 'Academic Year'],
    ['2013/14-16/17', 'Financial Year'],
    ['2013/14-15/16', 'Academic Year'],
    ['2016-17 (OT)', 'Academic Year'],
    ['2016-17', 'Annual - January'],
    ['1890', 'Calendar Year'],
    ['2016 (Draft)', 'Calendar Year'],
  ] as const)('refuses %s (%s) with a message naming it', (label, type) => {
    const read = laitPeriod(label, type);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain(`"${label}"`);
  });
});
