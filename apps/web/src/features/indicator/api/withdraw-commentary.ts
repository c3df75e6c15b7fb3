import { CommentarySchema, type FigureKey } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { commentaryKey } from './get-commentary.ts';

/** DELETE /api/commentary?indicatorId&la&period: withdraws the figure's commentary (kept in its history). */
export const withdrawCommentary = (key: FigureKey) =>
  sendJson(
    'DELETE',
    `/api/commentary?${new URLSearchParams({ indicatorId: key.indicatorId, la: key.la, period: key.period })}`,
    CommentarySchema,
  );

export function useWithdrawCommentary() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: withdrawCommentary,
    onSuccess: (_saved, key) => client.invalidateQueries({ queryKey: commentaryKey(key) }),
  });
}
