import { longLabel, monthSpan, MONTHS, periodId, shortLabel, type Period, type PeriodKind } from './period.ts';

/**
 * Which DfE year a council's figure is benchmarked against (ADR 0016).
 *
 * DfE publishes each year 7 to 10 months after it ends, so the year that had ended by the end of the
 * quarter being reported is usually not out yet. The rule: the benchmark of a period is the latest DfE
 * period (of a kind a figure of this kind is compared with) that ended by the period's end **and has all-LA
 * figures loaded for that indicator**. England, the region, the neighbours and the quartile all come from
 * that one year. Its label says its age in words: "2024/25, DfE's latest; 2025/26 was due from DfE in
 * November 2026 and is not loaded yet".
 *
 * Pure: the caller says which all-LA periods are loaded, when DfE plans to publish next, and what today is.
 */

/** The DfE periods a figure of this kind is compared with, preferred first when two end in the same month. */
export function benchmarkKindsFor(kind: PeriodKind): readonly PeriodKind[] {
  return kind === 'financial-quarter' || kind === 'month'
    ? ['financial-year', 'academic-year', 'calendar-year', 'month']
    : [kind];
}

/** The latest period of an annual or monthly `kind` that had ended by month index `lastMonth`. */
export function latestEndedBy(kind: Exclude<PeriodKind, 'financial-quarter'>, lastMonth: number): Period {
  if (kind === 'month') return { kind, year: Math.floor(lastMonth / 12), month: (lastMonth % 12) + 1 };
  for (let year = Math.floor(lastMonth / 12); ; year--) {
    const p = { kind, year } as Period;
    if (monthSpan(p).last <= lastMonth) return p;
  }
}

/** The period after `period` of the same kind (2024/25 -> 2025/26). */
function following(period: Period): Period {
  if (period.kind === 'month') {
    return period.month === 12
      ? { ...period, year: period.year + 1, month: 1 }
      : { ...period, month: period.month + 1 };
  }
  if (period.kind === 'financial-quarter') {
    return period.quarter === 4
      ? { ...period, year: period.year + 1, quarter: 1 }
      : { ...period, quarter: (period.quarter + 1) as 1 | 2 | 3 | 4 };
  }
  return { ...period, year: period.year + 1 };
}

function monthWords(monthIndex: number): string {
  return `${MONTHS[monthIndex % 12]} ${Math.floor(monthIndex / 12)}`;
}

function dayWords(monthIndex: number): string {
  const date = new Date(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0));
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A month index (year * 12 + month - 1) from an ISO date, or null. */
function monthIndexOf(iso: string | null | undefined): number | null {
  const m = iso ? /^(\d{4})-(\d{2})/.exec(iso) : null;
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
}

/** DfE publishes a year at least this many months after it ends. */
const MIN_PUBLICATION_LAG_MONTHS = 3;

/**
 * When DfE is expected to publish `period`: its planned next update (LAIT's `Next Update`) moved by whole
 * years to the first one at least three months after the period ended. Null when no date is planned.
 */
export function expectedPublication(period: Period, nextUpdate: string | null | undefined): number | null {
  const planned = monthIndexOf(nextUpdate);
  if (planned === null) return null;
  const earliest = monthSpan(period).last + MIN_PUBLICATION_LAG_MONTHS;
  const years = Math.ceil((earliest - planned) / 12);
  return planned + years * 12;
}

export type BenchmarkYear = {
  /** The period benchmarks are read for. */
  period: Period;
  /** Whether that period has all-LA figures loaded (quartiles and neighbours can be computed). */
  national: boolean;
  /** The period the rule would use if DfE had published it: the latest that had ended by the figure's end. */
  wanted: Period;
  /** How many periods of its kind `period` is behind `wanted` (0: the same). */
  behind: number;
  /** The year after the benchmark that is not loaded, and when DfE planned to publish it. */
  next: { period: Period; expected: string | null; overdue: boolean } | null;
  /** In words, for a table cell: "2024/25, DfE's latest; 2025/26 is due from DfE in November 2026". */
  label: string;
  /** A sentence for the indicator page: which year, and why. */
  rule: string;
};

/**
 * The benchmark of a figure's period. `nationalPeriods`: the indicator's periods with all-LA figures
 * loaded (at least MIN_LAS_FOR_NATIONAL councils). `nextUpdate`: the date DfE plans to publish the measure
 * next (ISO), or null. `today`: for "is due" or "was due".
 */
export function benchmarkYearFor(input: {
  period: Period;
  nationalPeriods: readonly Period[];
  nextUpdate?: string | null;
  today: Date;
}): BenchmarkYear {
  const { period } = input;
  const kinds = benchmarkKindsFor(period.kind);
  const end = monthSpan(period).last;
  const ofKinds = input.nationalPeriods.filter((p) => kinds.includes(p.kind));
  const rank = (p: Period) => monthSpan(p).last * kinds.length + (kinds.length - 1 - kinds.indexOf(p.kind));
  const byLatest = [...ofKinds].sort((a, b) => rank(b) - rank(a));
  const chosen = byLatest.find((p) => monthSpan(p).last <= end) ?? null;

  const kind = chosen?.kind ?? byLatest[0]?.kind ?? kinds[0]!;
  const wanted = kind === period.kind ? period : latestEndedBy(kind as Exclude<PeriodKind, 'financial-quarter'>, end);
  const bench = chosen ?? wanted;
  const endWords = dayWords(end);
  const sameAsFigure = periodId(bench) === periodId(period) && bench.kind === period.kind;

  if (!chosen) {
    const rule = sameAsFigure
      ? `Benchmarks are for the same period as the figure, ${shortLabel(bench)}; no all-council figures are loaded for it.`
      : `Benchmarks would be for ${longLabel(bench)}, the latest DfE year that ended by ${endWords}, the end of ${shortLabel(period)}; no DfE year up to then has all-council figures loaded.`;
    return { period: bench, national: false, wanted, behind: 0, next: null, label: shortLabel(bench), rule };
  }

  let behind = 0;
  for (
    let p = chosen;
    periodId(p) !== periodId(wanted) && monthSpan(p).last < monthSpan(wanted).last;
    p = following(p)
  ) {
    behind++;
  }
  if (behind === 0) {
    const rule = sameAsFigure
      ? `Benchmarks are for the same period as the figure, ${shortLabel(bench)}.`
      : `Benchmarks are for ${longLabel(bench)}, the latest DfE year that ended on or before ${endWords}, the end of ${shortLabel(period)}; DfE's figures lag local ones.`;
    return { period: bench, national: true, wanted, behind, next: null, label: shortLabel(bench), rule };
  }

  const latest = periodId(byLatest[0]!) === periodId(chosen) && byLatest[0]!.kind === chosen.kind;
  const nextPeriod = following(chosen);
  const expected = expectedPublication(nextPeriod, input.nextUpdate);
  const today = input.today.getUTCFullYear() * 12 + input.today.getUTCMonth();
  const overdue = expected !== null && expected < today;
  const nextWords =
    expected === null
      ? `${shortLabel(nextPeriod)} is not loaded yet`
      : overdue
        ? `${shortLabel(nextPeriod)} was due from DfE in ${monthWords(expected)} and is not loaded yet`
        : `${shortLabel(nextPeriod)} is due from DfE in ${monthWords(expected)}`;
  const label = latest
    ? `${shortLabel(chosen)}, DfE's latest; ${nextWords}`
    : `${shortLabel(chosen)}; ${shortLabel(nextPeriod)} has no all-council figures loaded`;
  const rule =
    `Benchmarks are for ${longLabel(chosen)}, ${latest ? "DfE's latest year loaded" : 'the latest DfE year loaded that ended by then'}: ` +
    `${shortLabel(wanted)}, the latest that ended by ${endWords} (the end of ${shortLabel(period)}), ` +
    (latest
      ? expected === null
        ? 'is not loaded yet.'
        : overdue
          ? `was due from DfE in ${monthWords(expected)} and is not loaded yet; load it from the Loads page when DfE has published it.`
          : `is due from DfE in ${monthWords(expected)}.`
      : 'has no all-council figures loaded.') +
    (behind > 1 && latest && chosen.kind !== 'month' ? ` The benchmark is ${behind} years older than that.` : '');
  return {
    period: chosen,
    national: true,
    wanted,
    behind,
    next: { period: nextPeriod, expected: expected === null ? null : monthWords(expected), overdue },
    label,
    rule,
  };
}
