import { BreakdownsSchema, type Breakdowns } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** GET /api/indicators/:id/breakdowns: one council's figure group by group (no dimensions when it has none). */
export const breakdownsKeys = {
  all: ['breakdowns'] as const,
  one: (id: string, la: string, period: string) => [...breakdownsKeys.all, id, la, period] as const,
};

export const getBreakdowns = async (
  id: string,
  la: string,
  period: string,
  signal?: AbortSignal,
): Promise<Breakdowns> =>
  getJson(withQuery(`/api/indicators/${encodeURIComponent(id)}/breakdowns`, { la, period }), BreakdownsSchema, signal);

export const useBreakdowns = (id: string, la: string, period: string | null) =>
  useQuery({
    queryKey: breakdownsKeys.one(id, la, period ?? ''),
    queryFn: ({ signal }) => getBreakdowns(id, la, period!, signal),
    enabled: period !== null,
  });
