import { PackChangesSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/packs/:id/changes: what changed since the council's previous published pack. */
export const packChangesKey = (id: number) => ['pack-changes', id] as const;

export const getPackChanges = (id: number, signal?: AbortSignal) =>
  getJson(`/api/packs/${id}/changes`, PackChangesSchema, signal);

export const packChangesQuery = (id: number) =>
  queryOptions({ queryKey: packChangesKey(id), queryFn: ({ signal }) => getPackChanges(id, signal) });

export const usePackChanges = (id: number) => useQuery(packChangesQuery(id));
