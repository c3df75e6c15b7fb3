import { NeighboursSchema, type Neighbours } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** GET /api/indicators/:id/neighbours: the ten statistical neighbours' figures beside the council's. */
export const neighboursKeys = {
  all: ['neighbours'] as const,
  one: (id: string, la: string, period: string | undefined) => [...neighboursKeys.all, id, la, period ?? null] as const,
};

export const getNeighbours = (
  id: string,
  la: string,
  period: string | undefined,
  signal?: AbortSignal,
): Promise<Neighbours> =>
  getJson(withQuery(`/api/indicators/${encodeURIComponent(id)}/neighbours`, { la, period }), NeighboursSchema, signal);

export const neighboursQuery = (id: string, la: string, period: string | undefined) =>
  queryOptions({
    queryKey: neighboursKeys.one(id, la, period),
    queryFn: ({ signal }) => getNeighbours(id, la, period, signal),
  });

export const useNeighbours = (id: string, la: string, period: string | undefined) =>
  useQuery(neighboursQuery(id, la, period));
