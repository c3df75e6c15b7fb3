import { ScorecardSetSchema, type ScorecardSet } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { themesInOrder } from '../lib/themes.ts';

/** GET /api/scorecard-set: the indicators the council's scorecard shows, in order (a setting). */
export const scorecardSetKey = ['scorecard-set'] as const;

export const getScorecardSet = (signal?: AbortSignal): Promise<ScorecardSet> =>
  getJson('/api/scorecard-set', ScorecardSetSchema, signal);

export const scorecardSetQuery = queryOptions({
  queryKey: scorecardSetKey,
  queryFn: ({ signal }) => getScorecardSet(signal),
});

export const useScorecardSet = () => useQuery(scorecardSetQuery);

/** The themes of the scorecard set, in the order the scorecard shows them. */
export const useScorecardThemes = () =>
  useQuery({ ...scorecardSetQuery, select: (set) => themesInOrder(set.indicators) });
