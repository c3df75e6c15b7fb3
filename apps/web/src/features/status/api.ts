import { HealthSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api-client.ts';

export const healthQuery = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => getJson('/api/health', HealthSchema, signal),
});

export const useHealth = () => useQuery(healthQuery);
