import { monthSpan, type Period, type PeriodKind } from './period.ts';

/**
 * Which of the council's targets applies to a figure (ADR 0016). A target applies from its period until a
 * later one replaces it: a target set for Q1 still applies in Q2, and a target set for a financial year
 * applies to its quarters (and to later ones until changed). Of the targets that have started by the
 * figure's period, the one that started last applies; on a tie (a Q1 target and its year's target both
 * start in April) the one set for the figure's own kind of period.
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
  const start = monthSpan(period).first;
  let best: { period: Period; target: T } | null = null;
  for (const c of candidates) {
    if (!kinds.includes(c.period.kind) || monthSpan(c.period).first > start) continue;
    if (!best) {
      best = c;
      continue;
    }
    const a = monthSpan(c.period).first;
    const b = monthSpan(best.period).first;
    if (a > b || (a === b && c.period.kind === period.kind && best.period.kind !== period.kind)) best = c;
  }
  if (!best) return null;
  const own = best.period.kind === period.kind && monthSpan(best.period).first === start;
  return { period: best.period, target: best.target, own };
}
