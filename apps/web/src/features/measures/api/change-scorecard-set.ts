import { ScorecardSetSchema, type ScorecardSetChange } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { scorecardKeys } from '../../../api/scorecard.ts';
import { scorecardSetKey } from '../../../api/scorecard-set.ts';
import { summaryKeys } from '../../../api/summary.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** PUT /api/scorecard-set with a body checked against ScorecardSetChangeSchema; answered with the set now. */
export const changeScorecardSet = (body: ScorecardSetChange) =>
  sendJson('PUT', '/api/scorecard-set', ScorecardSetSchema, body);

/** The set decides which rows every council's scorecard and overview have: those are read again. */
export function useChangeScorecardSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changeScorecardSet,
    onSuccess: (set) => {
      client.setQueryData(scorecardSetKey, set);
      return Promise.all(
        [scorecardSetKey, scorecardKeys.all, summaryKeys.all].map((queryKey) => client.invalidateQueries({ queryKey })),
      );
    },
  });
}
