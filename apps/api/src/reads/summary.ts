import type { Scorecard, ScorecardRow, Summary } from '@indicate/contracts';
import { countOverview, overviewParagraphs, type OverviewRow, type SnMethod } from '@indicate/core';
import type { ReadContext, View } from './context.ts';
import { scorecard } from './scorecard.ts';

/** What the overview counts of one scorecard row. */
export function overviewRow(r: ScorecardRow): OverviewRow {
  return {
    isNew: r.isNew,
    withheld: r.figure.suppressed,
    direction: r.assessment.vsPrevious.direction,
    quartileBand: r.assessment.quartile?.band ?? null,
    rag: r.assessment.rag.status,
    overridden: r.assessment.rag.override !== null,
  };
}

/** The overview counts and paragraphs, made from the rows the caller may see (the public's reveal nothing). */
export function summary(
  ctx: ReadContext,
  laCode: string,
  periodIdParam: string | undefined,
  method: SnMethod,
  view: View = 'full',
): Summary {
  return summaryOf(scorecard(ctx, laCode, periodIdParam, { exceptionsOnly: false, newOnly: false, method, view }));
}

/** The overview of a whole scorecard already computed (the pack drafts from one scorecard, once). */
export function summaryOf(card: Scorecard): Summary {
  const counts = countOverview(card.rows.map(overviewRow));
  const paragraphs = overviewParagraphs(counts, card.period.label);
  return { la: card.la, period: card.period, ...counts, paragraphs, sentence: paragraphs.join(' ') };
}
