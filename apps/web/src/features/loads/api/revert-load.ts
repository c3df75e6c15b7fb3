import { LoadSummarySchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { postJson } from '../../../lib/api-client.ts';
import { loadsKey } from './get-loads.ts';

/**
 * POST /api/loads/:id/revert: answered with the load that reverts it. Refused (409 packs_rely) while
 * committee packs use its figures, unless confirmed.
 */
export const revertLoad = ({ id, confirm = false }: { id: number; confirm?: boolean }) =>
  postJson(`/api/loads/${id}/revert${confirm ? '?confirm=true' : ''}`, LoadSummarySchema);

export function useRevert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revertLoad,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: loadsKey }), invalidateFigures(client)]),
  });
}
