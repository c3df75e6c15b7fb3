import { CommentarySchema, type KeyMessageBody } from '@indicate/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api-client.ts';

/** GET, POST and DELETE /api/key-message: the service lead's key message for a council's period. */
export const keyMessageKey = (la: string, period: string) => ['key-message', la, period] as const;
const query = (la: string, period: string) => new URLSearchParams({ la, period }).toString();

export const keyMessageQuery = (la: string, period: string) =>
  queryOptions({
    queryKey: keyMessageKey(la, period),
    queryFn: ({ signal }) => getJson(`/api/key-message?${query(la, period)}`, CommentarySchema.array(), signal),
  });

export const useKeyMessage = (la: string, period: string) => useQuery(keyMessageQuery(la, period));

export function useWriteKeyMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyMessageBody) => sendJson('POST', '/api/key-message', CommentarySchema, body),
    onSuccess: (_saved, body) => client.invalidateQueries({ queryKey: ['key-message', body.la, body.period] }),
  });
}

export function useWithdrawKeyMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: { la: string; period: string }) =>
      sendJson('DELETE', `/api/key-message?${query(key.la, key.period)}`, CommentarySchema),
    onSuccess: (_saved, key) => client.invalidateQueries({ queryKey: ['key-message', key.la, key.period] }),
  });
}
