import { LoadSummarySchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { postJson } from '../../../lib/api-client.ts';
import { loadsKey } from './get-loads.ts';

/** POST /api/loads/:id/revert: answered with the load that reverts it. */
export const revertLoad = (id: number) => postJson(`/api/loads/${id}/revert`, LoadSummarySchema);

export function useRevert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revertLoad,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: loadsKey }), invalidateFigures(client)]),
  });
}
