import { OverrideSchema, type OverrideBody } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateJudgement } from '../../../api/figures.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** POST /api/overrides with a body checked against OverrideBodySchema; answered with the override. */
export const overrideRag = (body: OverrideBody) => sendJson('POST', '/api/overrides', OverrideSchema, body);

export function useOverrideRag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: overrideRag,
    onSuccess: (_saved, body) => invalidateJudgement(client, body.indicatorId, body.la),
  });
}
