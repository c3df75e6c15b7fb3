import { ScorecardSchema } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';
import { withQuery } from '../../../lib/search.ts';

/**
 * GET /api/scorecard as the public would see it (X-Indicate-View: public): the Settings page's preview,
 * before public read is turned on. The server gives a signed-in reader less on request, never more.
 */
export function usePublicPreview(la: string, enabled: boolean) {
  return useQuery({
    queryKey: ['scorecard-public-preview', la],
    queryFn: ({ signal }) =>
      getJson(withQuery('/api/scorecard', { la }), ScorecardSchema, signal, { 'x-indicate-view': 'public' }),
    enabled,
  });
}
