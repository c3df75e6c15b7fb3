import { TargetSchema, type TargetBody } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateJudgement } from '../../../api/figures.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** PUT /api/targets with a body checked against TargetBodySchema; answered with the target as stored. */
export const setTarget = (body: TargetBody) => sendJson('PUT', '/api/targets', TargetSchema, body);

export function useSetTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: setTarget,
    onSuccess: (_saved, body) => invalidateJudgement(client, body.indicatorId, body.la),
  });
}
