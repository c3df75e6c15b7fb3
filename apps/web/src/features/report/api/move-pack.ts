import { PackSchema, type PackStateBody } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { packKey } from './get-pack.ts';
import { packsKeys } from './get-packs.ts';

/** POST /api/packs/:id/state with a body checked against PackStateBodySchema; answered with the pack. */
export const movePack = (id: number, body: PackStateBody) =>
  sendJson('POST', `/api/packs/${id}/state`, PackSchema, body);

/** The list shows each pack's state too, so it is read again. */
export function useMovePack(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (state: PackStateBody['state']) => movePack(id, { state }),
    onSuccess: (pack) => {
      client.setQueryData(packKey(pack.id), pack);
      return client.invalidateQueries({ queryKey: packsKeys.one(pack.la.code, pack.period.id) });
    },
  });
}
