import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe('working days in England, hand-checked against the bank holidays gov.uk lists', () => {
  it('leaves out weekends, Good Friday, Easter Monday, Christmas Day and Boxing Day', () => {
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    expect(isWorkingDay('2026-04-02')).toBe(true);
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(isWorkingDay('2026-04-07')).toBe(true);
    // Christmas 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute day.
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false);
    expect(isWorkingDay('2026-12-29')).toBe(true);
    // The one-off days: the Queen's state funeral and the coronation.
    expect(isWorkingDay('2022-09-19')).toBe(false);
    expect(isWorkingDay('2023-05-08')).toBe(false);
  });

  it('counts 10 working days across Easter and across Christmas', () => {
    // Received Wednesday 1 April 2026: Thu 2 (1); Good Friday 3 and Easter Monday 6 left out; Tue 7 to Fri 10
    // (2-5); Mon 13 to Fri 17 (6-10).
    expect(addWorkingDays('2026-04-01', 10)).toBe('2026-04-17');
    // Received Monday 21 December 2026: 22, 23, 24 (1-3); 25 and the substitute 28 left out; 29, 30, 31 (4-6);
    // 1 January left out; 4, 5, 6, 7 January (7-10).
    expect(addWorkingDays('2026-12-21', 10)).toBe('2027-01-07');
    expect(workingDaysBetween('2026-12-21', '2027-01-07')).toBe(10);
    expect(workingDaysBetween('2026-12-21', '2026-12-21')).toBe(0);
  });

  it('refuses a date that is not one', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow('"2026-02-30" is not a real date');
    expect(() => addWorkingDays('7/12/2026', 1)).toThrow('is not a date written yyyy-mm-dd');
  });
});

describe('working days between two days, counted without walking', () => {
  /** The same count, day by day: what the arithmetic must agree with. */
  function walked(from: string, to: string): number {
    let n = 0;
    for (let d = Date.parse(`${from}T00:00:00Z`) + 86_400_000; d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000)
      if (isWorkingDay(new Date(d).toISOString().slice(0, 10))) n += 1;
    return n;
  }

  it('agrees with counting day by day over spans of a day to three years, across every kind of holiday', () => {
    let seed = 24;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const start = Date.UTC(2013, 0, 1) + Math.floor(next() * 14 * 365) * 86_400_000;
      const end = start + Math.floor(next() * (i % 3 === 0 ? 1100 : 40)) * 86_400_000;
      const from = new Date(start).toISOString().slice(0, 10);
      const to = new Date(end).toISOString().slice(0, 10);
      expect(workingDaysBetween(from, to), `${from} to ${to}`).toBe(walked(from, to));
    }
    expect(workingDaysBetween('2026-12-07', '2026-12-01')).toBe(0);
  });

  it('takes a span of two centuries at once (a date typed wrong must not hold the server)', () => {
    const started = performance.now();
    expect(workingDaysBetween('1900-01-01', '2100-12-31')).toBeGreaterThan(50_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
