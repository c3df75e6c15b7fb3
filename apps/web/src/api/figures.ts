import type { QueryClient } from '@tanstack/react-query';
import { breakdownsKeys } from './breakdowns.ts';
import { indicatorFigureKeys } from './indicator-figure.ts';
import { neighboursKeys } from './neighbours.ts';
import { periodsKeys } from './periods.ts';
import { scorecardKeys } from './scorecard.ts';
import { seriesKeys } from './series.ts';
import { summaryKeys } from './summary.ts';

/**
 * The reads that a change to stored figures makes out of date: a load or revert (any council, any
 * indicator) or a settings change (which figures count as small numbers). Each by its own key.
 */
export function invalidateFigures(client: QueryClient): Promise<void> {
  return Promise.all(
    [
      scorecardKeys.all,
      summaryKeys.all,
      seriesKeys.all,
      neighboursKeys.all,
      periodsKeys.all,
      breakdownsKeys.all,
      indicatorFigureKeys.all,
      // The service reports are made from the logs (and the action plan from the figures' RAG).
      ['service-reports'],
    ].map((queryKey) => client.invalidateQueries({ queryKey })),
  ).then(() => undefined);
}

/** A RAG override or a target changes one indicator's judgement for one council: its scorecards and series. */
export function invalidateJudgement(client: QueryClient, indicatorId: string, la: string): Promise<void> {
  return Promise.all(
    [
      scorecardKeys.council(la),
      summaryKeys.council(la),
      seriesKeys.one(indicatorId, la),
      indicatorFigureKeys.council(la),
    ].map((queryKey) => client.invalidateQueries({ queryKey })),
  ).then(() => undefined);
}
