import { SessionSchema, type Session } from '@indicate/contracts';
import { queryOptions, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { getJson, setCsrfToken } from '../lib/api-client.ts';

/** GET /api/session: who is signed in, whether public read is on, and the CSRF token every write carries. */
export const sessionKey = ['session'] as const;

export async function getSession(signal?: AbortSignal): Promise<Session> {
  const session = await getJson('/api/session', SessionSchema, signal);
  setCsrfToken(session.csrfToken);
  return session;
}

export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: ({ signal }) => getSession(signal),
  staleTime: 60_000,
});

/** The session, always there: the root route loads it before any page. */
export const useSession = () => useSuspenseQuery(sessionQuery).data;

/**
 * A new person, or none: keep their session and drop every other cached answer, since what one person may
 * see (drafts, true small numbers) is not what the next may.
 */
export function startSession(client: QueryClient, session: Session): void {
  setCsrfToken(session.csrfToken);
  client.setQueryData(sessionKey, session);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
