import type { IndicatorFigure } from '@indicate/contracts';
import { monthSpan, periodRef, type SnMethod } from '@indicate/core';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam, periodParam } from './parameters.ts';
import { scorecardRow } from './scorecard.ts';

/**
 * The indicator page's figure: the LA's latest figure of the indicator by the end of the period asked (or
 * the LA's latest period), judged as the scorecard judges it, whether or not the indicator is in the
 * scorecard set. The one rule for "the latest figure" lives here and in the scorecard, not in the browser.
 */
export function indicatorFigure(
  ctx: ReadContext,
  indicatorId: string,
  query: { la: string; period?: string | undefined },
  method: SnMethod,
  view: View,
): IndicatorFigure {
  const indicator = indicatorParam(ctx, indicatorId);
  const la = laParam(ctx, query.la);
  const period = periodParam(ctx, la, query.period);
  const span = monthSpan(period);
  const row = ctx.reads.latestFigure(indicator.id, la.old_la_code, span.last, indicator.periodType);
  return {
    la: ctx.laRef(la),
    period: periodRef(period),
    row: row ? scorecardRow(ctx, indicator, la, row, span, method, view) : null,
    reason: row ? null : `${la.name} has no figure for this indicator for ${periodRef(period).label} or before.`,
  };
}
