import { describe, expect, it } from 'vitest';
import { benchmarkYearFor, expectedPublication, latestEndedBy } from './benchmark-year.ts';
import { periodId, type Period } from './period.ts';

const fy = (year: number): Period => ({ kind: 'financial-year', year });
const q = (year: number, quarter: 1 | 2 | 3 | 4): Period => ({ kind: 'financial-quarter', year, quarter });
/** DfE's years 2016/17 to 2024/25 loaded, as LAIT bundles them. */
const LOADED = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map(fy);
const CLA_NEXT_UPDATE = '2026-11-01';

function choose(period: Period, today = '2026-12-07', loaded: Period[] = LOADED, nextUpdate = CLA_NEXT_UPDATE) {
  return benchmarkYearFor({ period, nationalPeriods: loaded, nextUpdate, today: new Date(today) });
}

describe('the benchmark year of a period', () => {
  it('is the latest DfE year that ended by the period and is loaded: Q2 2026/27 gets 2024/25', () => {
    const b = choose(q(2026, 2));
    expect(periodId(b.period)).toBe('2024-25');
    expect(b.national).toBe(true);
    expect(periodId(b.wanted)).toBe('2025-26');
    expect(b.behind).toBe(1);
    expect(b.label).toBe("2024/25, DfE's latest; 2025/26 was due from DfE in November 2026 and is not loaded yet");
    expect(b.rule).toContain('Benchmarks are for 2024/25 (year ending 31 March 2025)');
    expect(b.rule).toContain('2025/26, the latest that ended by 30 September 2026 (the end of Q2 2026/27)');
  });

  it('says "is due" before the planned month and "was due" after it', () => {
    expect(choose(q(2026, 1), '2026-07-15').label).toBe(
      "2024/25, DfE's latest; 2025/26 is due from DfE in November 2026",
    );
    expect(choose(q(2026, 1), '2026-11-30').label).toContain('is due from DfE in November 2026');
    expect(choose(q(2026, 1), '2026-12-01').label).toContain('was due from DfE in November 2026');
  });

  it('uses the year itself once it is loaded, either side of the year end', () => {
    const with2025 = [...LOADED, fy(2025)];
    // Q4 2025/26 ends on 31 March 2026, the day 2025/26 ends: that year, once loaded.
    expect(periodId(choose(q(2025, 4), '2027-01-01', with2025).period)).toBe('2025-26');
    expect(choose(q(2025, 4), '2027-01-01', with2025).behind).toBe(0);
    // Q3 2025/26 ends before 2025/26 does: 2024/25, and that is the year the rule wants.
    expect(periodId(choose(q(2025, 3), '2027-01-01', with2025).period)).toBe('2024-25');
    expect(choose(q(2025, 3), '2027-01-01', with2025).behind).toBe(0);
    // Not yet loaded: Q4 2025/26 falls back to 2024/25, one year behind.
    expect(periodId(choose(q(2025, 4)).period)).toBe('2024-25');
    expect(choose(q(2025, 4)).behind).toBe(1);
  });

  it('never takes a year that ended after the period, however recent', () => {
    expect(periodId(choose(q(2018, 1)).period)).toBe('2017-18');
    expect(choose(q(2018, 1)).behind).toBe(0);
    expect(choose(q(2018, 1)).label).toBe('2017/18');
  });

  it('falls back over a gap, naming the missing year without calling the older one the latest', () => {
    const gap = LOADED.filter((p) => periodId(p) !== '2023-24');
    const b = choose(q(2024, 1), '2026-12-07', gap);
    expect(periodId(b.period)).toBe('2022-23');
    expect(b.label).toBe('2022/23; 2023/24 has no all-council figures loaded');
  });

  it('gives an annual figure of the council its own year when loaded, else the latest before it', () => {
    expect(periodId(choose(fy(2024)).period)).toBe('2024-25');
    expect(periodId(choose(fy(2025)).period)).toBe('2024-25');
    expect(choose(fy(2025)).label).toContain("DfE's latest; 2025/26 was due");
  });

  it('without any all-LA year, is the year the rule wants, and says none is loaded', () => {
    const b = choose(q(2026, 2), '2026-12-07', []);
    expect(periodId(b.period)).toBe('2025-26');
    expect(b.national).toBe(false);
    expect(b.rule).toContain('no DfE year up to then has all-council figures loaded');
  });

  it('compares a month or quarter with an academic or calendar year where that is what DfE publishes', () => {
    const academic: Period[] = [2023, 2024].map((year) => ({ kind: 'academic-year', year }));
    // AY 2024/25 ends in August 2025: by Q2 2025/26 (to September 2025) it has ended.
    expect(periodId(choose(q(2025, 2), '2026-12-07', academic).period)).toBe('AY2024-25');
    expect(periodId(choose(q(2025, 1), '2026-12-07', academic).period)).toBe('AY2023-24');
  });

  it('says only "not loaded yet" where DfE has planned no date', () => {
    expect(benchmarkYearFor({ period: q(2026, 2), nationalPeriods: LOADED, today: new Date('2026-12-07') }).label).toBe(
      "2024/25, DfE's latest; 2025/26 is not loaded yet",
    );
  });
});

describe('when DfE is expected to publish a year', () => {
  const month = (index: number | null) => (index === null ? null : `${Math.floor(index / 12)}-${(index % 12) + 1}`);
  it('is the planned date moved by whole years to after the year ends', () => {
    expect(month(expectedPublication(fy(2025), '2026-11-01'))).toBe('2026-11');
    expect(month(expectedPublication(fy(2026), '2026-11-01'))).toBe('2027-11');
    expect(month(expectedPublication(fy(2024), '2026-11-01'))).toBe('2025-11');
    expect(expectedPublication(fy(2025), null)).toBeNull();
  });
});

describe('the latest period of a kind ended by a month', () => {
  it.each([
    ['financial-year', 2026 * 12 + 2, '2025-26'],
    ['financial-year', 2026 * 12 + 1, '2024-25'],
    ['academic-year', 2025 * 12 + 7, 'AY2024-25'],
    ['calendar-year', 2025 * 12 + 11, '2025'],
    ['calendar-year', 2025 * 12 + 10, '2024'],
  ] as const)('%s by month %i is %s', (kind, last, id) => {
    expect(periodId(latestEndedBy(kind, last))).toBe(id);
  });
});
