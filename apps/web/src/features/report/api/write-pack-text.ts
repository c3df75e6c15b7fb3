import { PackSchema, type PackTextBody } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { packKey } from './get-pack.ts';

/** PUT /api/packs/:id/text with a body checked against PackTextBodySchema; answered with the pack. */
export const writePackText = (id: number, body: PackTextBody) =>
  sendJson('PUT', `/api/packs/${id}/text`, PackSchema, body);

export function useWritePackText(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PackTextBody) => writePackText(id, body),
    onSuccess: (pack) => client.setQueryData(packKey(pack.id), pack),
  });
}
