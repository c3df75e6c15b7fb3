import { DfeOverviewSchema, DfePullOutcomeSchema, DfePullSchema, DfeSourceCheckSchema } from '@indicate/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { invalidateFigures } from '../../../api/figures.ts';
import { getJson, sendJson } from '../../../lib/api-client.ts';
import { loadsKey } from '../../loads/api/get-loads.ts';

/** The DfE data page's reads and writes (GET /api/dfe, checks, pulls, approval). */
export const dfeKey = ['dfe'] as const;

export const dfeOverviewQuery = queryOptions({
  queryKey: [...dfeKey, 'overview'],
  queryFn: ({ signal }) => getJson('/api/dfe', DfeOverviewSchema, signal),
});

export const dfePullsQuery = queryOptions({
  queryKey: [...dfeKey, 'pulls'],
  queryFn: ({ signal }) => getJson('/api/dfe/pulls', z.array(DfePullSchema), signal),
});

export const dfePullQuery = (id: number) =>
  queryOptions({
    queryKey: [...dfeKey, 'pull', id],
    queryFn: ({ signal }) => getJson(`/api/dfe/pulls/${id}`, DfePullSchema, signal),
  });

export const useDfeOverview = () => useQuery(dfeOverviewQuery);
export const useDfePulls = () => useQuery(dfePullsQuery);
export const useDfePullDetail = (id: number | null) => useQuery({ ...dfePullQuery(id ?? 0), enabled: id !== null });

export function useDfeCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('POST', '/api/dfe/check', z.array(DfeSourceCheckSchema), {}),
    onSuccess: () => client.invalidateQueries({ queryKey: dfeKey }),
  });
}

export function useDfePullRelease() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sources: string[] | undefined) =>
      sendJson('POST', '/api/dfe/pulls', DfePullOutcomeSchema, sources ? { sources } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: dfeKey }),
  });
}

export function useDfeDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, planHash }: { id: number; decision: 'approve' | 'discard'; planHash?: string }) =>
      sendJson('POST', `/api/dfe/pulls/${id}/${decision}`, DfePullSchema, decision === 'approve' ? { planHash } : {}),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: dfeKey }),
        client.invalidateQueries({ queryKey: loadsKey }),
        invalidateFigures(client),
      ]),
  });
}
