import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageAt,
  birthday,
  calendarDate,
  collectionYear,
  dayNumber,
  dayOfWeek,
  financialYearStart,
  formatIso,
  formatUk,
  parseIsoDate,
  parseUkDate,
  twelveMonthsTo,
  weekdaysBetween,
} from './dates.ts';

const iso = (text: string) => {
  const day = parseIsoDate(text);
  if (day === null) throw new Error(`bad date ${text}`);
  return day;
};

describe('day numbers', () => {
  it('agree with Date.UTC for every day from 1900 to 2100', () => {
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000 * 5) {
      const date = new Date(t);
      const day = dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
      expect(day).toBe(Math.round(t / 86_400_000));
      expect(calendarDate(day)).toEqual({
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      });
      expect(dayOfWeek(day)).toBe(date.getUTCDay());
    }
  });
});

describe('parsing and formatting', () => {
  it.each([
    ['01/04/2024', '2024-04-01'],
    ['1/4/2024', '2024-04-01'],
    ['29/02/2024', '2024-02-29'],
  ])('%s is %s', (uk, isoText) => {
    expect(formatIso(parseUkDate(uk) as number)).toBe(isoText);
    expect(formatUk(iso(isoText))).toBe(uk.length === 10 ? uk : '01/04/2024');
  });

  it.each(['29/02/2023', '31/04/2024', '2024-04-01', '01/13/2024', '', '01/04/24', 'aa/bb/cccc', '01/04/2024 00:00'])(
    '%s is not a dd/mm/yyyy date',
    (text) => expect(parseUkDate(text)).toBeNull(),
  );

  it.each(['2023-02-29', '01/04/2024', '2024-4-1', '2024-04-01T00:00'])('%s is not an ISO date', (text) =>
    expect(parseIsoDate(text)).toBeNull(),
  );
});

describe('month arithmetic: keep the day, or the month end when the day does not exist', () => {
  it.each([
    ['2025-08-31', -6, '2025-02-28'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2025-03-31', -12, '2024-03-31'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-02-29', -24, '2022-02-28'],
    ['2025-06-30', -30, '2022-12-30'],
    ['2025-03-31', -30, '2022-09-30'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-12-15', 1, '2025-01-15'],
  ])('%s plus %i months is %s', (from, months, to) => {
    expect(formatIso(addMonths(iso(from), months))).toBe(to);
  });

  it('the 12 months to d start the day after d a year earlier', () => {
    expect(twelveMonthsTo(iso('2025-03-31'))).toEqual({ from: iso('2024-04-01'), to: iso('2025-03-31') });
    expect(twelveMonthsTo(iso('2024-02-29'))).toEqual({ from: iso('2023-03-01'), to: iso('2024-02-29') });
    expect(twelveMonthsTo(iso('2025-06-30'))).toEqual({ from: iso('2024-07-01'), to: iso('2025-06-30') });
  });

  it('ages and birthdays', () => {
    expect(ageAt(iso('2009-03-31'), iso('2025-03-30'))).toBe(15);
    expect(ageAt(iso('2009-03-31'), iso('2025-03-31'))).toBe(16);
    expect(ageAt(iso('2008-02-29'), iso('2026-02-27'))).toBe(17);
    expect(ageAt(iso('2008-02-29'), iso('2026-02-28'))).toBe(18);
    expect(formatIso(birthday(iso('2004-02-29'), 19))).toBe('2023-02-28');
    expect(formatIso(birthday(iso('2004-02-29'), 20))).toBe('2024-02-29');
  });

  it('collection and financial years', () => {
    expect(collectionYear(iso('2024-03-31'))).toBe(2024);
    expect(collectionYear(iso('2024-04-01'))).toBe(2025);
    expect(financialYearStart(iso('2025-03-31'))).toBe(2024);
    expect(financialYearStart(iso('2025-04-01'))).toBe(2025);
  });
});

describe('weekdays after a start up to and including an end', () => {
  it.each([
    ['2025-04-07', '2025-04-07', 0], // same day
    ['2025-04-07', '2025-04-08', 1], // Mon to Tue
    ['2025-04-11', '2025-04-14', 1], // Fri to Mon
    ['2025-04-12', '2025-04-13', 0], // Sat to Sun
    ['2025-04-05', '2025-04-07', 1], // Sat to Mon
    ['2025-04-07', '2025-04-14', 5], // a week
    ['2024-12-30', '2025-03-03', 45],
  ])('%s to %s: %i', (start, end, expected) => {
    expect(weekdaysBetween(iso(start), iso(end))).toBe(expected);
  });

  it('agrees with counting day by day', () => {
    const start = iso('1969-12-01');
    for (let end = start; end < start + 400; end += 3) {
      let count = 0;
      for (let d = start + 1; d <= end; d++) if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) count++;
      expect(weekdaysBetween(start, end)).toBe(count);
    }
  });
});
