import { RagRuleSettingSchema, type RagRuleChange } from '@indicate/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { getJson, sendJson } from '../../../lib/api-client.ts';

/** GET and PUT /api/indicators/:id/rag-rule: the rule that judges an indicator's RAG, and the choice of it. */
export const ragRuleKey = (indicatorId: string) => ['rag-rule', indicatorId] as const;

export const ragRuleQuery = (indicatorId: string) =>
  queryOptions({
    queryKey: ragRuleKey(indicatorId),
    queryFn: ({ signal }) =>
      getJson(`/api/indicators/${encodeURIComponent(indicatorId)}/rag-rule`, RagRuleSettingSchema, signal),
  });

export const useRagRule = (indicatorId: string) => useQuery(ragRuleQuery(indicatorId));

export function useChangeRagRule(indicatorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RagRuleChange) =>
      sendJson('PUT', `/api/indicators/${encodeURIComponent(indicatorId)}/rag-rule`, RagRuleSettingSchema, body),
    // Every council's judgements of this indicator follow the rule.
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ragRuleKey(indicatorId) });
      await invalidateFigures(client);
    },
  });
}
