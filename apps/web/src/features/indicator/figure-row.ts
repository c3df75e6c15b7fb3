import type { PeriodRefOut, ScorecardRow, Series } from '@indicate/contracts';
import { monthSpan, parsePeriodId, type PeriodKind } from '@indicate/core';

const SPARKLINE_POINTS = 8;

/** Months since year 0 that a period starts and ends; null for an id the core cannot read. */
function spanOf(period: PeriodRefOut): { first: number; last: number } | null {
  const parsed = parsePeriodId(period.id, period.kind);
  return parsed.ok ? monthSpan(parsed.period) : null;
}

/**
 * The figure an indicator page judges when the scorecard has no row for it (a measure outside the
 * scorecard set), taken from the council's series, chosen as GET /api/scorecard chooses: the latest figure
 * that ended by the end of the period, the indicator's own kind of period first when two end together.
 */
export function figureRowFromSeries(
  series: Series,
  period: PeriodRefOut,
  preferKind: PeriodKind,
): ScorecardRow | undefined {
  const chosen = spanOf(period);
  if (!chosen) return undefined;
  let best: { point: Series['points'][number]; last: number } | undefined;
  for (const point of series.points) {
    const span = spanOf(point.figure.period);
    if (!span || span.last > chosen.last) continue;
    const better =
      !best ||
      span.last > best.last ||
      (span.last === best.last &&
        point.figure.period.kind === preferKind &&
        best.point.figure.period.kind !== preferKind);
    if (better) best = { point, last: span.last };
  }
  if (!best) return undefined;
  const { figure, assessment } = best.point;
  const sameKind = series.points.filter((p) => {
    const span = spanOf(p.figure.period);
    return p.figure.period.kind === figure.period.kind && span !== null && span.last <= best.last;
  });
  return {
    indicator: series.indicator,
    figure,
    isNew: best.last >= chosen.first,
    assessment,
    sparkline: sameKind.slice(-SPARKLINE_POINTS).map((p) => ({
      id: p.figure.period.id,
      label: p.figure.period.label,
      value: p.figure.value,
      smallNumber: p.figure.smallNumber,
    })),
  };
}
