import type { Period } from './period.ts';

/**
 * DfE's Local Authority Interactive Tool (LAIT) labels its periods in one text column, `Years`, whose
 * meaning depends on the measure's `Year_Type` in LAIT's data dictionary. This reads a label as one of
 * Indicate's periods, with the status the label carries:
 *
 * | Year_Type | label | period |
 * | --- | --- | --- |
 * | Financial Year | `2016` | financial year ending 31 March 2016 (2015-16: DfE's reporting year) |
 * | Financial Year | `2016-17`, `2016/17`, `2016-17 (OT)` (finance outturn) | financial year 2016-17 |
 * | Financial Year | `2013/14-15/16` | three financial years 2013-14 to 2015-16 |
 * | Annual | `2016` | as at 31 March 2016: financial (reporting) year 2015-16 |
 * | Academic Year | `2016` (also `(Rev)`, `(Final)`, `(prov)`) | academic year ending summer 2016 (2015/16) |
 * | Academic Year | `2016-17`, `2016/17` | academic year 2016/17 |
 * | Calendar Year | `2016` | calendar year 2016 |
 * | Calendar Year | `2014-16` | three calendar years 2014 to 2016 |
 * | Annual (end of Sept) | `2016` | September 2016 (the workforce census) |
 * | Annual - January | `2016` | January 2016 (the school census) |
 *
 * `(prov)` marks a provisional figure; `(Rev)` and `(Final)` revised or final ones (both final here).
 * Anything else (LAIT has `0` for one measure) is refused with a message naming the label.
 */

export const LAIT_YEAR_TYPES = [
  'Financial Year',
  'Academic Year',
  'Calendar Year',
  'Annual',
  'Annual (end of Sept)',
  'Annual - January',
] as const;
export type LaitYearType = (typeof LAIT_YEAR_TYPES)[number];

/** The kind of period each of LAIT's year types is here (one home for both lists). */
export const LAIT_PERIOD_KIND: Record<LaitYearType, 'financial-year' | 'academic-year' | 'calendar-year' | 'month'> = {
  'Financial Year': 'financial-year',
  Annual: 'financial-year',
  'Academic Year': 'academic-year',
  'Calendar Year': 'calendar-year',
  'Annual (end of Sept)': 'month',
  'Annual - January': 'month',
};

export type LaitPeriod =
  | { ok: true; period: Period; status: 'final' | 'provisional'; note: 'outturn' | 'revised' | null }
  | { ok: false; message: string };

const two = (n: number) => String(n % 100).padStart(2, '0');

export function laitPeriod(label: string, yearType: LaitYearType): LaitPeriod {
  const text = label.trim();
  const fail = (why: string): LaitPeriod => ({
    ok: false,
    message: `period "${text.slice(0, 40)}" cannot be read as a ${yearType} period: ${why}`,
  });
  const suffix = /^(.*?)\s*\((OT|Rev|Final|prov)\)$/i.exec(text);
  const core = suffix ? suffix[1]! : text;
  const mark = suffix?.[2]?.toLowerCase() ?? null;
  const status = mark === 'prov' ? ('provisional' as const) : ('final' as const);
  const note = mark === 'ot' ? ('outturn' as const) : mark === 'rev' ? ('revised' as const) : null;
  const done = (period: Period): LaitPeriod => ({ ok: true, period, status, note });
  if (mark === 'ot' && yearType !== 'Financial Year') return fail('"(OT)" (outturn) is for financial years only');

  const single = /^(\d{4})$/.exec(core);
  const span = /^(\d{4})[-/](\d{2})$/.exec(core);
  const rolling = /^(\d{4})\/(\d{2})-(\d{2})\/(\d{2})$/.exec(core);
  const year = Number((single ?? span ?? rolling)?.[1]);
  if (!single && !span && !rolling) {
    return fail('expected a year such as 2016, a span such as 2016-17 or 2016/17, or a three-year span');
  }
  if (year < 1990 || year > 2100) return fail(`the year ${year} is out of range`);
  if (span && span[2] !== two(year + 1) && !(yearType === 'Calendar Year' && span[2] === two(year + 2))) {
    return fail(`after ${year} the span should end ${two(year + 1)}`);
  }
  if (rolling) {
    const ok = rolling[2] === two(year + 1) && rolling[3] === two(year + 2) && rolling[4] === two(year + 3);
    if (yearType !== 'Financial Year' || !ok) return fail('a three-year span reads like 2013/14-15/16');
    return done({ kind: 'three-financial-years', year });
  }
  switch (yearType) {
    case 'Financial Year':
      // 2016 alone is DfE's reporting year: the year ending 31 March 2016.
      return done({ kind: 'financial-year', year: single ? year - 1 : year });
    case 'Annual':
      if (!single) return fail('an Annual measure is labelled by its year, such as 2016');
      return done({ kind: 'financial-year', year: year - 1 });
    case 'Academic Year':
      return done({ kind: 'academic-year', year: single ? year - 1 : year });
    case 'Calendar Year':
      if (single) return done({ kind: 'calendar-year', year });
      if (span![2] !== two(year + 2)) return fail('a calendar-year span covers three years, such as 2014-16');
      return done({ kind: 'three-calendar-years', year });
    case 'Annual (end of Sept)':
      if (!single) return fail('labelled by its year, such as 2016');
      return done({ kind: 'month', year, month: 9 });
    case 'Annual - January':
      if (!single) return fail('labelled by its year, such as 2016');
      return done({ kind: 'month', year, month: 1 });
  }
}
