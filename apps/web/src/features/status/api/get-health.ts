import { HealthSchema, type Health } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/health: what the database holds, and whether it can be written. */
export const healthKey = ['health'] as const;

export const getHealth = (signal?: AbortSignal): Promise<Health> => getJson('/api/health', HealthSchema, signal);

export const healthQuery = queryOptions({ queryKey: healthKey, queryFn: ({ signal }) => getHealth(signal) });

export const useHealth = () => useQuery(healthQuery);
