import { IndicatorDetailSchema, type IndicatorDetail } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';

/** GET /api/indicators/:id: one indicator's definition, polarity, unit, source and RAG rule. */
export const indicatorKey = (id: string) => ['indicator', id] as const;

export const getIndicator = (id: string, signal?: AbortSignal): Promise<IndicatorDetail> =>
  getJson(`/api/indicators/${encodeURIComponent(id)}`, IndicatorDetailSchema, signal);

export const indicatorQuery = (id: string) =>
  queryOptions({ queryKey: indicatorKey(id), queryFn: ({ signal }) => getIndicator(id, signal), staleTime: Infinity });

export const useIndicator = (id: string) => useQuery(indicatorQuery(id));
