import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES, workingDaysBetween } from './bank-holidays.ts';
import { dayNumber, dayOfWeek, formatIso, parseIsoDate } from './dates.ts';

const iso = (text: string) => parseIsoDate(text) as number;

/** Easter Sunday by the anonymous Gregorian algorithm. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

describe('England and Wales bank holidays 2012-2027', () => {
  const list = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES);

  it('are all weekdays, each listed once', () => {
    expect(list.size).toBe(BANK_HOLIDAYS_ENGLAND_AND_WALES.length);
    for (const day of BANK_HOLIDAYS_ENGLAND_AND_WALES) expect([0, 6]).not.toContain(dayOfWeek(iso(day)));
  });

  it('hold Good Friday and Easter Monday every year', () => {
    for (let year = 2012; year <= 2027; year++) {
      expect(list).toContain(formatIso(easter(year) - 2));
      expect(list).toContain(formatIso(easter(year) + 1));
    }
  });

  it('hold the one-off days and the moved ones', () => {
    for (const day of [
      '2012-06-04',
      '2012-06-05',
      '2020-05-08',
      '2022-06-02',
      '2022-06-03',
      '2022-09-19',
      '2023-05-08',
    ]) {
      expect(list).toContain(day);
    }
    for (const day of ['2012-05-28', '2020-05-04', '2022-05-30']) expect(list).not.toContain(day);
  });

  it('hold Christmas and Boxing Day or their substitutes every year', () => {
    for (let year = 2012; year <= 2027; year++) {
      const christmas = dayNumber(year, 12, 25);
      const inYear = BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((d) => d >= `${year}-12-24` && d <= `${year}-12-31`);
      expect(inYear).toHaveLength(2);
      const weekday = dayOfWeek(christmas);
      if (weekday >= 1 && weekday <= 4) expect(inYear).toEqual([formatIso(christmas), formatIso(christmas + 1)]);
    }
  });

  it('have 8 a year, plus the one-offs', () => {
    const count = (year: number) => BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((d) => d.startsWith(`${year}-`)).length;
    for (let year = 2012; year <= 2027; year++) {
      expect(count(year)).toBe(year === 2012 ? 9 : year === 2022 ? 10 : year === 2023 ? 9 : 8);
    }
  });
});

describe('working days after the start up to and including the end', () => {
  it.each([
    // Across Easter 2025 (Good Friday 18 April, Easter Monday 21 April): 45 and 46 working days.
    ['2025-03-14', '2025-05-21', 45],
    ['2025-03-14', '2025-05-22', 46],
    // Across Christmas 2024 (25, 26 December, 1 January).
    ['2024-11-25', '2025-01-30', 45],
    ['2024-11-25', '2025-01-31', 46],
    ['2025-04-17', '2025-04-22', 1], // Thursday before Easter to the Tuesday after
    ['2025-04-18', '2025-04-21', 0], // Good Friday to Easter Monday
  ])('%s to %s: %i', (start, end, expected) => {
    expect(workingDaysBetween(iso(start), iso(end))).toBe(expected);
  });
});

describe('the list beside the kept calendar core uses for complaints (date-holidays)', () => {
  it('agrees on every weekday of 2013-2027: a bank holiday here is not a working day there, and no other is', async () => {
    const { isWorkingDay } = await import('@indicate/core/reports');
    const listed = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES);
    const disagree: string[] = [];
    for (let day = parseIsoDate('2013-01-01')!; day <= parseIsoDate('2027-12-31')!; day++) {
      const weekday = dayOfWeek(day);
      if (weekday === 0 || weekday === 6) continue;
      const iso = formatIso(day);
      if (listed.has(iso) === isWorkingDay(iso)) disagree.push(iso);
    }
    expect(disagree).toEqual([]);
  });
});
