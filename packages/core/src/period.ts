/**
 * Periods as the committee papers and DfE use them.
 *
 * Local figures are quarterly by financial year (Q1 = April-June). DfE annual releases use the
 * "reporting year": reporting year 2019 is the year ending 31 March 2019, i.e. financial year 2018-19,
 * so both share the id `2018-19`. The adoption scorecard uses three-year windows of financial years.
 *
 * `year` is always the calendar year in which the period starts.
 */

export const PERIOD_KINDS = [
  'financial-quarter',
  'financial-year',
  'calendar-year',
  'academic-year',
  'month',
  'three-financial-years',
  'three-calendar-years',
] as const;

export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Quarter = 1 | 2 | 3 | 4;

export type Period =
  | { kind: 'financial-quarter'; year: number; quarter: Quarter }
  | { kind: 'financial-year'; year: number }
  | { kind: 'calendar-year'; year: number }
  | { kind: 'academic-year'; year: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'three-financial-years'; year: number }
  | { kind: 'three-calendar-years'; year: number };

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

/** The months' names, January first (also for benchmark-year.ts's words). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

/** DfE `time_identifier` values this product reads and writes. */
export const DFE_TIME_IDENTIFIERS = [
  'Financial year Q1',
  'Financial year Q2',
  'Financial year Q3',
  'Financial year Q4',
  'Financial year',
  'Reporting year',
  'Calendar year',
  'Academic year',
  ...MONTHS,
  // Not a DfE identifier: DfE has none for the adoption scorecard's rolling three-year windows.
  // Indicate's extension, written like the other six-digit spans: 201518 = April 2015 to March 2018.
  'Three financial years',
  // Likewise for rolling three-calendar-year rates (LAIT's road casualties): 201416 = 2014 to 2016.
  'Three calendar years',
] as const;
export type DfeTimeIdentifier = (typeof DFE_TIME_IDENTIFIERS)[number];

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const ok = (period: Period): PeriodResult => ({ ok: true, period });
const fail = (message: string): PeriodResult => ({ ok: false, message });

function twoDigits(n: number): string {
  return String(n % 100).padStart(2, '0');
}

/** Six-digit DfE span `YYYYyy` (e.g. 201819), checking that yy follows YYYY by `span` years. */
function parseSpan(timePeriod: string, identifier: string, span: number): number | string {
  if (!/^\d{6}$/.test(timePeriod)) {
    const example = `2018${twoDigits(2018 + span)}`;
    return `time_period "${timePeriod}" does not fit time_identifier "${identifier}": expected six digits YYYYyy such as ${example}`;
  }
  const start = Number(timePeriod.slice(0, 4));
  const end = timePeriod.slice(4);
  if (end !== twoDigits(start + span)) {
    return `time_period "${timePeriod}" is not a valid "${identifier}" span: after ${start} the last two digits should be ${twoDigits(start + span)}, not ${end}`;
  }
  return start;
}

function parseYear(timePeriod: string, identifier: string): number | string {
  if (!/^\d{4}$/.test(timePeriod)) {
    return `time_period "${timePeriod}" does not fit time_identifier "${identifier}": expected four digits such as 2018`;
  }
  return Number(timePeriod);
}

function withYear(year: number | string, make: (year: number) => Period): PeriodResult {
  if (typeof year === 'string') return fail(year);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}`);
  return ok(make(year));
}

/** Reads DfE's `time_period` + `time_identifier` pair. */
export function fromDfe(timePeriod: string, timeIdentifier: string): PeriodResult {
  const tp = timePeriod.trim();
  const id = timeIdentifier.trim();
  const quarter = /^Financial year Q([1-4])$/.exec(id);
  if (quarter) {
    const q = Number(quarter[1]) as Quarter;
    return withYear(parseSpan(tp, id, 1), (year) => ({ kind: 'financial-quarter', year, quarter: q }));
  }
  switch (id) {
    case 'Financial year':
      return withYear(parseSpan(tp, id, 1), (year) => ({ kind: 'financial-year', year }));
    case 'Reporting year':
      // Reporting year 2019 = the year ending 31 March 2019 = financial year 2018-19.
      return withYear(parseYear(tp, id), (year) => ({ kind: 'financial-year', year: year - 1 }));
    case 'Calendar year':
      return withYear(parseYear(tp, id), (year) => ({ kind: 'calendar-year', year }));
    case 'Academic year':
      return withYear(parseSpan(tp, id, 1), (year) => ({ kind: 'academic-year', year }));
    case 'Three financial years':
      return withYear(parseSpan(tp, id, 3), (year) => ({ kind: 'three-financial-years', year }));
    case 'Three calendar years':
      return withYear(parseSpan(tp, id, 2), (year) => ({ kind: 'three-calendar-years', year }));
  }
  const monthIndex = MONTHS.indexOf(id as (typeof MONTHS)[number]);
  if (monthIndex >= 0) {
    return withYear(parseYear(tp, id), (year) => ({ kind: 'month', year, month: monthIndex + 1 }));
  }
  return fail(`time_identifier "${timeIdentifier}" is not one of: ${DFE_TIME_IDENTIFIERS.join(', ')}`);
}

export type FinancialYearStyle = 'Financial year' | 'Reporting year';

/**
 * Writes a period as DfE's pair. A financial year is written as `Financial year` 201819 unless
 * `Reporting year` (2019) is asked for: one series must not mix the two.
 */
export function toDfe(
  period: Period,
  financialYearAs: FinancialYearStyle = 'Financial year',
): { timePeriod: string; timeIdentifier: DfeTimeIdentifier } {
  const span = (n: number) => `${period.year}${twoDigits(period.year + n)}`;
  switch (period.kind) {
    case 'financial-quarter':
      return { timePeriod: span(1), timeIdentifier: `Financial year Q${period.quarter}` };
    case 'financial-year':
      return financialYearAs === 'Reporting year'
        ? { timePeriod: String(period.year + 1), timeIdentifier: 'Reporting year' }
        : { timePeriod: span(1), timeIdentifier: 'Financial year' };
    case 'calendar-year':
      return { timePeriod: String(period.year), timeIdentifier: 'Calendar year' };
    case 'academic-year':
      return { timePeriod: span(1), timeIdentifier: 'Academic year' };
    case 'month':
      return { timePeriod: String(period.year), timeIdentifier: MONTHS[period.month - 1]! };
    case 'three-financial-years':
      return { timePeriod: span(3), timeIdentifier: 'Three financial years' };
    case 'three-calendar-years':
      return { timePeriod: span(2), timeIdentifier: 'Three calendar years' };
  }
}

/** The URL-safe id: `2018-19-Q1`, `2018-19`, `2018`, `AY2017-18`, `2018-06`, `3Y2015-18`, `3C2014-16`. */
export function periodId(period: Period): string {
  const span = (n: number) => `${period.year}-${twoDigits(period.year + n)}`;
  switch (period.kind) {
    case 'financial-quarter':
      return `${span(1)}-Q${period.quarter}`;
    case 'financial-year':
      return span(1);
    case 'calendar-year':
      return String(period.year);
    case 'academic-year':
      return `AY${span(1)}`;
    case 'month':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
    case 'three-financial-years':
      return `3Y${span(3)}`;
    case 'three-calendar-years':
      return `3C${span(2)}`;
  }
}

const ID_PATTERNS: Array<{ kind: PeriodKind; pattern: RegExp }> = [
  { kind: 'financial-quarter', pattern: /^(\d{4})-(\d{2})-Q([1-4])$/ },
  { kind: 'academic-year', pattern: /^AY(\d{4})-(\d{2})$/ },
  { kind: 'three-financial-years', pattern: /^3Y(\d{4})-(\d{2})$/ },
  { kind: 'three-calendar-years', pattern: /^3C(\d{4})-(\d{2})$/ },
  { kind: 'calendar-year', pattern: /^(\d{4})$/ },
  { kind: 'financial-year', pattern: /^(\d{4})-(\d{2})$/ },
  { kind: 'month', pattern: /^(\d{4})-(\d{2})$/ },
];

function readId(kind: PeriodKind, match: RegExpExecArray): Period | null {
  const year = Number(match[1]);
  const second = match[2];
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  switch (kind) {
    case 'financial-quarter':
      return second === twoDigits(year + 1) ? { kind, year, quarter: Number(match[3]) as Quarter } : null;
    case 'financial-year':
    case 'academic-year':
      return second === twoDigits(year + 1) ? { kind, year } : null;
    case 'three-financial-years':
      return second === twoDigits(year + 3) ? { kind, year } : null;
    case 'three-calendar-years':
      return second === twoDigits(year + 2) ? { kind, year } : null;
    case 'calendar-year':
      return { kind, year };
    case 'month': {
      const month = Number(second);
      return month >= 1 && month <= 12 ? { kind, year, month } : null;
    }
  }
}

/**
 * Reads a URL id. `2011-12` could be financial year 2011-12 or December 2011: with `expected` the
 * caller says which kind it wants; without it such an id is refused as ambiguous rather than guessed.
 */
export function parsePeriodId(id: string, expected?: PeriodKind): PeriodResult {
  const candidates: Period[] = [];
  for (const { kind, pattern } of ID_PATTERNS) {
    if (expected && kind !== expected) continue;
    const match = pattern.exec(id);
    const period = match ? readId(kind, match) : null;
    if (period) candidates.push(period);
  }
  const shown = id.length > 30 ? `${id.slice(0, 27)}...` : id;
  if (candidates.length === 0) {
    return fail(
      expected
        ? `period "${shown}" is not a valid ${expected} id (such as ${periodId(EXAMPLES[expected])})`
        : `period "${shown}" is not a period id; use one of: ${PERIOD_KINDS.map((k) => periodId(EXAMPLES[k])).join(', ')}`,
    );
  }
  if (candidates.length > 1) {
    return fail(
      `period "${shown}" is ambiguous: it could be ${candidates.map(longLabel).join(' or ')}; say which kind of period is meant`,
    );
  }
  return ok(candidates[0]!);
}

const EXAMPLES: Record<PeriodKind, Period> = {
  'financial-quarter': { kind: 'financial-quarter', year: 2018, quarter: 1 },
  'financial-year': { kind: 'financial-year', year: 2018 },
  'calendar-year': { kind: 'calendar-year', year: 2018 },
  'academic-year': { kind: 'academic-year', year: 2017 },
  month: { kind: 'month', year: 2018, month: 6 },
  'three-financial-years': { kind: 'three-financial-years', year: 2015 },
  'three-calendar-years': { kind: 'three-calendar-years', year: 2014 },
};

/** First and last month of a period, as months since year 0 (January 2018 = 2018 * 12). */
export function monthSpan(period: Period): { first: number; last: number } {
  const base = period.year * 12;
  switch (period.kind) {
    case 'financial-quarter': {
      const first = base + 3 + (period.quarter - 1) * 3;
      return { first, last: first + 2 };
    }
    case 'financial-year':
      return { first: base + 3, last: base + 14 };
    case 'calendar-year':
      return { first: base, last: base + 11 };
    case 'academic-year':
      return { first: base + 8, last: base + 19 };
    case 'month':
      return { first: base + period.month - 1, last: base + period.month - 1 };
    case 'three-financial-years':
      return { first: base + 3, last: base + 38 };
    case 'three-calendar-years':
      return { first: base, last: base + 35 };
  }
}

/** Orders periods by when they end, then by when they start (the longer first). */
export function comparePeriods(a: Period, b: Period): number {
  const sa = monthSpan(a);
  const sb = monthSpan(b);
  return sa.last - sb.last || sa.first - sb.first;
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodId(a) === periodId(b) && a.kind === b.kind;
}

/** The data point before this one in a series of the same kind (Q1 2018/19 -> Q4 2017/18). */
export function previousPeriod(period: Period): Period {
  switch (period.kind) {
    case 'financial-quarter':
      return period.quarter === 1
        ? { kind: period.kind, year: period.year - 1, quarter: 4 }
        : { kind: period.kind, year: period.year, quarter: (period.quarter - 1) as Quarter };
    case 'month':
      return period.month === 1
        ? { kind: period.kind, year: period.year - 1, month: 12 }
        : { kind: period.kind, year: period.year, month: period.month - 1 };
    default:
      return { ...period, year: period.year - 1 };
  }
}

/** The same period a year earlier (Q1 2018/19 -> Q1 2017/18; June 2018 -> June 2017). */
export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

/**
 * The latest financial (DfE reporting) year that had ended by the end of `period`. Benchmarks are
 * annual and lag local data, so Q1 2018/19 (to June 2018) is compared with 2017/18 (reporting year 2018).
 */
export function latestFinancialYearEndedBy(period: Period): Period {
  const last = monthSpan(period).last;
  // A financial year starting in April of Y ends in March of Y+1, month index (Y+1)*12 + 2.
  const year = Math.floor((last - 2) / 12) - 1;
  return { kind: 'financial-year', year };
}

function fy(year: number): string {
  return `${year}/${twoDigits(year + 1)}`;
}

/** The committee's short form: "Q1 2018/19", "2018/19", "2018", "AY 2017/18", "Jun 2018", "2015-18". */
export function shortLabel(period: Period): string {
  switch (period.kind) {
    case 'financial-quarter':
      return `Q${period.quarter} ${fy(period.year)}`;
    case 'financial-year':
      return fy(period.year);
    case 'calendar-year':
      return String(period.year);
    case 'academic-year':
      return `AY ${fy(period.year)}`;
    case 'month':
      return `${SHORT_MONTHS[period.month - 1]} ${period.year}`;
    case 'three-financial-years':
      return `${period.year}-${twoDigits(period.year + 3)}`;
    case 'three-calendar-years':
      return `${period.year}-${twoDigits(period.year + 2)}`;
  }
}

function monthYear(monthIndex: number): { month: string; year: number } {
  return { month: SHORT_MONTHS[monthIndex % 12]!, year: Math.floor(monthIndex / 12) };
}

/** A label a councillor can read without knowing the conventions: "Q1 2018/19 (Apr-Jun 2018)". */
export function longLabel(period: Period): string {
  const { first, last } = monthSpan(period);
  const from = monthYear(first);
  const to = monthYear(last);
  switch (period.kind) {
    case 'financial-quarter':
      return `Q${period.quarter} ${fy(period.year)} (${from.month}-${to.month} ${to.year})`;
    case 'financial-year':
      return `${fy(period.year)} (year ending 31 March ${period.year + 1})`;
    case 'calendar-year':
      return `calendar year ${period.year}`;
    case 'academic-year':
      return `academic year ${fy(period.year)} (Sep ${from.year}-Aug ${to.year})`;
    case 'month':
      return `${MONTHS[period.month - 1]} ${period.year}`;
    case 'three-financial-years':
      return `3 years to 31 March ${period.year + 3} (Apr ${from.year}-Mar ${to.year})`;
    case 'three-calendar-years':
      return `3 calendar years ${period.year}-${period.year + 2}`;
  }
}

/** The financial quarter a date falls in (Q1 is April to June). */
export function quarterOf(date: Date): Period {
  const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
  const fiscalYear = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  const quarter = (Math.floor((month - (fiscalYear * 12 + 3)) / 3) + 1) as 1 | 2 | 3 | 4;
  return { kind: 'financial-quarter', year: fiscalYear, quarter };
}

/**
 * Whether a figure's period starts after the quarter `today` is in: no council has a figure for a period
 * that has not begun (a typing slip such as 202829 for 201829). The current quarter itself is allowed, as
 * councils report part-quarter figures.
 */
export function startsAfterCurrentQuarter(period: Period, today: Date): boolean {
  return monthSpan(period).first > monthSpan(quarterOf(today)).last;
}
