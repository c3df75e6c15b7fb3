import { SeriesSchema, type Series } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** GET /api/indicators/:id/series: every figure a council has for an indicator, each with its benchmarks. */
export const seriesKeys = {
  all: ['series'] as const,
  one: (id: string, la: string) => [...seriesKeys.all, id, la] as const,
};

export const getSeries = (id: string, la: string, signal?: AbortSignal): Promise<Series> =>
  getJson(withQuery(`/api/indicators/${encodeURIComponent(id)}/series`, { la }), SeriesSchema, signal);

export const seriesQuery = (id: string, la: string) =>
  queryOptions({ queryKey: seriesKeys.one(id, la), queryFn: ({ signal }) => getSeries(id, la, signal) });

export const useSeries = (id: string, la: string) => useQuery(seriesQuery(id, la));
