import { PackSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { packKey } from './get-pack.ts';

/** POST /api/packs/:id/refresh: an open draft taken again from the data; people's words are kept. */
export const refreshPack = (id: number) => sendJson('POST', `/api/packs/${id}/refresh`, PackSchema);

export function useRefreshPack(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => refreshPack(id),
    onSuccess: (pack) => client.setQueryData(packKey(pack.id), pack),
  });
}
