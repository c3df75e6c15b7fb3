import { PeriodsSchema, type Periods } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** GET /api/periods: the periods a council has figures for, latest first. */
export const periodsKeys = {
  all: ['periods'] as const,
  council: (la: string) => [...periodsKeys.all, la] as const,
};

export const getPeriods = (la: string, signal?: AbortSignal): Promise<Periods> =>
  getJson(withQuery('/api/periods', { la }), PeriodsSchema, signal);

export const periodsQuery = (la: string) =>
  queryOptions({ queryKey: periodsKeys.council(la), queryFn: ({ signal }) => getPeriods(la, signal) });

export const usePeriods = (la: string) => useQuery(periodsQuery(la));
