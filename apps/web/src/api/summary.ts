import { SummarySchema, type Summary } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** GET /api/summary: the overview counts for a council and period, and the sentence they make. */
export const summaryKeys = {
  all: ['summary'] as const,
  council: (la: string) => [...summaryKeys.all, la] as const,
  one: (la: string, period: string) => [...summaryKeys.council(la), period] as const,
};

export const getSummary = (la: string, period: string, signal?: AbortSignal): Promise<Summary> =>
  getJson(withQuery('/api/summary', { la, period }), SummarySchema, signal);

export const summaryQuery = (la: string, period: string) =>
  queryOptions({ queryKey: summaryKeys.one(la, period), queryFn: ({ signal }) => getSummary(la, period, signal) });

export const useSummary = (la: string, period: string) => useQuery(summaryQuery(la, period));
