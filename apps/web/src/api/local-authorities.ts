import { LocalAuthoritiesSchema, type LocalAuthorities } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';

/** GET /api/local-authorities: every council, with region and neighbours; it changes only with a release. */
export const localAuthoritiesKey = ['local-authorities'] as const;

export const getLocalAuthorities = (signal?: AbortSignal): Promise<LocalAuthorities> =>
  getJson('/api/local-authorities', LocalAuthoritiesSchema, signal);

export const localAuthoritiesQuery = queryOptions({
  queryKey: localAuthoritiesKey,
  queryFn: ({ signal }) => getLocalAuthorities(signal),
  staleTime: Infinity,
});

export const useLocalAuthorities = () => useQuery(localAuthoritiesQuery);
