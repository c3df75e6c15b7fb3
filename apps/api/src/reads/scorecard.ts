import type { Indicator, Scorecard, ScorecardRow } from '@indicate/contracts';
import { isException, monthSpan, periodRef, type SnMethod } from '@indicate/core';
import { assessedFor } from './assess-figure.ts';
import type { ReadContext, View } from './context.ts';
import { laParam, periodParam, themeParam } from './parameters.ts';
import { periodOf, type LaRow, type ObservationRow } from './store-reads.ts';

const SPARKLINE_POINTS = 8;

export type ScorecardOptions = {
  theme?: string;
  /** Only these themes (a service lead's own). */
  themes?: string[] | undefined;
  exceptionsOnly: boolean;
  newOnly: boolean;
  /** Only indicators that got worse since the previous period. */
  worseOnly?: boolean;
  method: SnMethod;
  view?: View;
};

/** The committee's Appendix A: the LA's latest figure of every indicator in the scorecard set, judged. */
export function scorecard(
  ctx: ReadContext,
  laCode: string,
  periodIdParam: string | undefined,
  options: ScorecardOptions,
): Scorecard {
  const view = options.view ?? 'full';
  const la = laParam(ctx, laCode);
  const theme = themeParam(ctx, options.theme);
  const themes = options.themes ? options.themes.map((t) => themeParam(ctx, t)!) : null;
  const period = periodParam(ctx, la, periodIdParam);
  const span = monthSpan(period);
  const rows: ScorecardRow[] = [];
  const notReported: Scorecard['notReported'] = [];
  for (const indicator of ctx.scorecardSet()) {
    if (theme !== null && indicator.theme !== theme) continue;
    if (themes !== null && !themes.includes(indicator.theme)) continue;
    const row = ctx.reads.latestFigure(indicator.id, la.old_la_code, span.last, indicator.periodType);
    if (!row) {
      notReported.push({
        indicator: ctx.indicatorRef(indicator),
        reason: `No figure for ${la.name} is loaded for ${periodRef(period).label} or before.`,
      });
      continue;
    }
    const built = scorecardRow(ctx, indicator, la, row, span, options.method, view);
    if (options.newOnly && !built.isNew) continue;
    // In the public view the filter sees only the public status, so the rows it keeps reveal nothing.
    if (options.exceptionsOnly && !isException(built.assessment.rag.status)) continue;
    if (options.worseOnly && built.assessment.vsPrevious.direction !== 'worse') continue;
    rows.push(built);
  }
  return {
    la: ctx.laRef(la),
    period: periodRef(period),
    method: options.method,
    filters: {
      theme,
      themes,
      exceptionsOnly: options.exceptionsOnly,
      newOnly: options.newOnly,
      worseOnly: options.worseOnly ?? false,
    },
    rows,
    notReported,
  };
}

/**
 * One row of the scorecard: a figure the LA has (its latest of the indicator's kind by the period's end),
 * judged, with its sparkline. Also the indicator page's own figure (figure.ts), so the browser never
 * re-derives which figure is the latest.
 */
export function scorecardRow(
  ctx: ReadContext,
  indicator: Indicator,
  la: LaRow,
  row: ObservationRow,
  span: { first: number; last: number },
  method: SnMethod,
  view: View,
): ScorecardRow {
  const sparkline = ctx.reads
    .recentValues(indicator.id, la.old_la_code, row.period_kind, row.period_end, SPARKLINE_POINTS)
    .reverse()
    .map((r) => {
      const small = ctx.small(indicator, r);
      const withheld = view === 'public' && ctx.withheldAt(indicator, periodOf(r), la.old_la_code, r);
      return {
        id: r.period_id,
        label: periodRef(periodOf(r)).label,
        value: withheld ? null : r.value,
        smallNumber: view === 'public' ? withheld : small,
      };
    });
  return {
    indicator: ctx.indicatorRef(indicator),
    figure: ctx.figureOut(row, indicator, view),
    isNew: row.period_end >= span.first,
    assessment: assessedFor(ctx, indicator, la, row, method, view),
    sparkline,
  };
}
