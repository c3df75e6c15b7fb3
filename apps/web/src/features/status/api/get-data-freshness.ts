import { DataFreshnessSchema, type DataFreshness } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/data-freshness: when data was last loaded, and the DfE year each national source reaches. */
export const dataFreshnessQuery = queryOptions({
  queryKey: ['data-freshness'] as const,
  queryFn: ({ signal }): Promise<DataFreshness> => getJson('/api/data-freshness', DataFreshnessSchema, signal),
});

export const useDataFreshness = () => useQuery(dataFreshnessQuery);
