import { IndicatorFigureSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/**
 * GET /api/indicators/:id/figure: the council's latest figure of an indicator by a period's end, judged as
 * the scorecard judges it, for any indicator (in the scorecard set or not). The server decides which
 * figure is the latest; the browser never works it out again.
 */
export const indicatorFigureKeys = {
  all: ['indicator-figure'] as const,
  council: (la: string) => [...indicatorFigureKeys.all, la] as const,
  one: (id: string, la: string, period: string) => [...indicatorFigureKeys.council(la), id, period] as const,
};

export const getIndicatorFigure = (id: string, la: string, period: string, signal?: AbortSignal) =>
  getJson(withQuery(`/api/indicators/${encodeURIComponent(id)}/figure`, { la, period }), IndicatorFigureSchema, signal);

export const indicatorFigureQuery = (id: string, la: string, period: string) =>
  queryOptions({
    queryKey: indicatorFigureKeys.one(id, la, period),
    queryFn: ({ signal }) => getIndicatorFigure(id, la, period, signal),
  });

export const useIndicatorFigure = (id: string, la: string, period: string | null) =>
  useQuery({ ...indicatorFigureQuery(id, la, period ?? ''), enabled: period !== null });
