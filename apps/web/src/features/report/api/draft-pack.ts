import { PackSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { packKey } from './get-pack.ts';
import { packsKeys } from './get-packs.ts';

/** POST /api/packs with a body checked against PackKeySchema: drafts the pack (or returns the open draft). */
export const draftPack = (la: string, period: string) => sendJson('POST', '/api/packs', PackSchema, { la, period });

export function useDraftPack(la: string, period: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => draftPack(la, period),
    onSuccess: (pack) => {
      client.setQueryData(packKey(pack.id), pack);
      return client.invalidateQueries({ queryKey: packsKeys.one(la, period) });
    },
  });
}
