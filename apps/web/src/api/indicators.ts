import { IndicatorListSchema, type IndicatorList } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';

/** GET /api/indicators: the catalogue, which changes only when the server restarts with a new one. */
export const indicatorsKey = ['indicators'] as const;

export const getIndicators = (signal?: AbortSignal): Promise<IndicatorList> =>
  getJson('/api/indicators', IndicatorListSchema, signal);

export const indicatorsQuery = queryOptions({
  queryKey: indicatorsKey,
  queryFn: ({ signal }) => getIndicators(signal),
  staleTime: Infinity,
});

/** The catalogue's themes, in the committee's order. */
export const useThemes = () => useQuery({ ...indicatorsQuery, select: (list) => list.themes });
