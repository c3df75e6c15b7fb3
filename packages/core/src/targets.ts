import { monthSpan, type Period, type PeriodKind } from './period.ts';

/**
 * Which of the council's targets applies to a figure (ADR 0016). A target applies from its period until a
 * later one replaces it: a target set for Q1 still applies in Q2, and a target set for a financial year
 * applies to its quarters (and to later ones until changed). Of the targets that have started by the
 * figure's period, the one that started last applies. On a tie (a Q1 target and its year's both start in
 * April): the figure's own period's target if it is one of them, else the one whose period contains the
 * figure (the year's, for Q2 to Q4).
 */

/** The kinds of period whose targets apply to a figure of this kind. */
export function targetKindsFor(kind: PeriodKind): readonly PeriodKind[] {
  return kind === 'financial-quarter' || kind === 'month' ? [kind, 'financial-year'] : [kind];
}

export type TargetChoice<T> = { period: Period; target: T; own: boolean };

export function targetFor<T>(
  period: Period,
  candidates: ReadonlyArray<{ period: Period; target: T }>,
): TargetChoice<T> | null {
  const kinds = targetKindsFor(period.kind);
  const span = monthSpan(period);
  const start = span.first;
  const isOwn = (p: Period) => p.kind === period.kind && monthSpan(p).first === start;
  const contains = (p: Period) => monthSpan(p).first <= span.first && monthSpan(p).last >= span.last;
  const rank = (p: Period) => (isOwn(p) ? 2 : contains(p) ? 1 : 0);
  let best: { period: Period; target: T } | null = null;
  for (const c of candidates) {
    if (!kinds.includes(c.period.kind) || monthSpan(c.period).first > start) continue;
    if (!best) {
      best = c;
      continue;
    }
    const a = monthSpan(c.period).first;
    const b = monthSpan(best.period).first;
    if (a > b || (a === b && rank(c.period) > rank(best.period))) best = c;
  }
  if (!best) return null;
  return { period: best.period, target: best.target, own: isOwn(best.period) };
}
