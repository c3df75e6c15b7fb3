import { ScorecardSchema, type Scorecard } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** What a scorecard shows: the scorecard page's search parameters, with the period chosen. */
export type ScorecardFilters = {
  la: string;
  period: string;
  theme?: string | undefined;
  rag?: 'exceptions' | 'all' | undefined;
  new?: 'true' | 'false' | undefined;
  /** A service lead's own themes, comma-separated. */
  themes?: string | undefined;
  worse?: 'true' | 'false' | undefined;
};

/** GET /api/scorecard: the committee's Appendix A for a council and period. */
export const scorecardKeys = {
  all: ['scorecard'] as const,
  council: (la: string) => [...scorecardKeys.all, la] as const,
  one: (f: ScorecardFilters) =>
    [
      ...scorecardKeys.council(f.la),
      f.period,
      f.theme ?? null,
      f.rag ?? null,
      f.new ?? null,
      f.themes ?? null,
      f.worse ?? null,
    ] as const,
};

export const getScorecard = (f: ScorecardFilters, signal?: AbortSignal): Promise<Scorecard> =>
  getJson(
    withQuery('/api/scorecard', {
      la: f.la,
      period: f.period,
      theme: f.theme,
      rag: f.rag,
      new: f.new,
      themes: f.themes,
      worse: f.worse,
    }),
    ScorecardSchema,
    signal,
  );

export const scorecardQuery = (f: ScorecardFilters) =>
  queryOptions({ queryKey: scorecardKeys.one(f), queryFn: ({ signal }) => getScorecard(f, signal) });

export const useScorecard = (f: ScorecardFilters, options: { enabled?: boolean } = {}) =>
  useQuery({ ...scorecardQuery(f), enabled: options.enabled ?? true });
