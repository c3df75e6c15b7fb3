import {
  IndicatorDetailSchema,
  IndicatorListSchema,
  LocalAuthoritiesSchema,
  NeighboursSchema,
  PeriodsSchema,
  ScorecardSchema,
  SeriesSchema,
  SummarySchema,
} from '@indicate/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api-client.ts';
import { withQuery } from '../../lib/router.tsx';

export type ScorecardFilters = { la: string; period?: string; theme?: string; exceptions: boolean; newOnly: boolean };

export const localAuthoritiesQuery = queryOptions({
  queryKey: ['local-authorities'],
  queryFn: ({ signal }) => getJson('/api/local-authorities', LocalAuthoritiesSchema, signal),
  staleTime: Infinity,
});

export const useLocalAuthorities = () => useQuery(localAuthoritiesQuery);

export const usePeriods = (la: string) =>
  useQuery({
    queryKey: ['periods', la],
    queryFn: ({ signal }) => getJson(withQuery('/api/periods', { la }), PeriodsSchema, signal),
  });

export const scorecardUrl = (f: ScorecardFilters) =>
  withQuery('/api/scorecard', {
    la: f.la,
    period: f.period,
    theme: f.theme,
    rag: f.exceptions ? 'exceptions' : undefined,
    new: f.newOnly ? 'true' : undefined,
  });

export const useScorecard = (f: ScorecardFilters) =>
  useQuery({
    queryKey: ['scorecard', f],
    queryFn: ({ signal }) => getJson(scorecardUrl(f), ScorecardSchema, signal),
    enabled: f.period !== undefined,
    placeholderData: keepPreviousData,
  });

export const useSummary = (la: string, period: string | undefined) =>
  useQuery({
    queryKey: ['summary', la, period],
    queryFn: ({ signal }) => getJson(withQuery('/api/summary', { la, period }), SummarySchema, signal),
    enabled: period !== undefined,
    placeholderData: keepPreviousData,
  });

export const useIndicator = (id: string) =>
  useQuery({
    queryKey: ['indicator', id],
    queryFn: ({ signal }) => getJson(`/api/indicators/${encodeURIComponent(id)}`, IndicatorDetailSchema, signal),
  });

export const useSeries = (id: string, la: string) =>
  useQuery({
    queryKey: ['series', id, la],
    queryFn: ({ signal }) =>
      getJson(withQuery(`/api/indicators/${encodeURIComponent(id)}/series`, { la }), SeriesSchema, signal),
  });

export const useNeighbours = (id: string, la: string, period: string | undefined) =>
  useQuery({
    queryKey: ['neighbours', id, la, period],
    queryFn: ({ signal }) =>
      getJson(
        withQuery(`/api/indicators/${encodeURIComponent(id)}/neighbours`, { la, period }),
        NeighboursSchema,
        signal,
      ),
  });

/** The catalogue's themes, in the committee's order. */
export const useThemes = () =>
  useQuery({
    queryKey: ['indicators'],
    queryFn: ({ signal }) => getJson('/api/indicators', IndicatorListSchema, signal),
    staleTime: Infinity,
    select: (list) => list.themes,
  });
