import { LoadReportSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { postJson } from '../../../lib/api-client.ts';
import { loadsKey } from './get-loads.ts';

/** POST /api/loads/:id/reapply?dryRun=true: what writing an undone load's figures again would change. */
export const checkReapply = (id: number) => postJson(`/api/loads/${id}/reapply?dryRun=true`, LoadReportSchema);

/** POST /api/loads/:id/reapply: writes them, refused (409 plan_changed) if the plan shown is out of date. */
export const reapplyLoad = ({ id, planHash }: { id: number; planHash: string }) =>
  postJson(`/api/loads/${id}/reapply?expectPlan=${planHash}`, LoadReportSchema);

export function useCheckReapply() {
  return useMutation({ mutationFn: checkReapply });
}

export function useReapply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: reapplyLoad,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: loadsKey }), invalidateFigures(client)]),
  });
}
