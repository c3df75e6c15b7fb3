import { PackListSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';
import { withQuery } from '../../../lib/search.ts';

/** GET /api/packs: a council's packs for a period (drafts too, for those who write them), newest first. */
export const packsKeys = {
  all: ['packs'] as const,
  one: (la: string, period: string) => [...packsKeys.all, la, period] as const,
};

export const getPacks = (la: string, period: string, signal?: AbortSignal) =>
  getJson(withQuery('/api/packs', { la, period }), PackListSchema, signal);

export const packsQuery = (la: string, period: string) =>
  queryOptions({ queryKey: packsKeys.one(la, period), queryFn: ({ signal }) => getPacks(la, period, signal) });

export const usePacks = (la: string, period: string) => useQuery(packsQuery(la, period));

/** GET /api/packs?la=: every pack of a council, any period (published only, for those who do not write them). */
export const councilPacksQuery = (la: string) =>
  queryOptions({
    queryKey: [...packsKeys.all, la, 'every period'] as const,
    queryFn: ({ signal }) => getJson(withQuery('/api/packs', { la }), PackListSchema, signal),
  });

export const useCouncilPacks = (la: string) => useQuery(councilPacksQuery(la));
