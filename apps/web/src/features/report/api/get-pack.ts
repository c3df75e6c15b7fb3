import { PackSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/packs/:id: one pack, with its paragraphs and their sources, Appendix A and changes. */
export const packKey = (id: number) => ['pack', id] as const;

export const getPack = (id: number, signal?: AbortSignal) => getJson(`/api/packs/${id}`, PackSchema, signal);

export const packQuery = (id: number) =>
  queryOptions({ queryKey: packKey(id), queryFn: ({ signal }) => getPack(id, signal) });

/** The pack, once the list has said which is the latest. */
export const usePack = (id: number | undefined) => useQuery({ ...packQuery(id ?? 0), enabled: id !== undefined });
