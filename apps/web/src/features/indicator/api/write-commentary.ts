import { CommentarySchema, type CommentaryBody } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { commentaryKey } from './get-commentary.ts';

/** POST /api/commentary with a body checked against CommentaryBodySchema; answered with the commentary. */
export const writeCommentary = (body: CommentaryBody) => sendJson('POST', '/api/commentary', CommentarySchema, body);

export function useWriteCommentary() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: writeCommentary,
    onSuccess: (_saved, body) => client.invalidateQueries({ queryKey: commentaryKey(body) }),
  });
}
