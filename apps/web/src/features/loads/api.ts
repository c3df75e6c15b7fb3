import { LoadReportSchema, LoadSummarySchema, type LoadReport } from '@indicate/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, getJson, postJson } from '../../lib/api-client.ts';

export const loadsQuery = queryOptions({
  queryKey: ['loads'],
  queryFn: ({ signal }) => getJson('/api/loads', z.array(LoadSummarySchema), signal),
});

export const useLoads = () => useQuery(loadsQuery);

/** A refused file comes back as 422 with the row-level report in the envelope's details. */
export function reportOf(error: unknown): LoadReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const parsed = LoadReportSchema.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

function loadUrl(file: File, options: { dryRun: boolean; expectPlan?: string }): string {
  const query = new URLSearchParams({ dryRun: String(options.dryRun), fileName: file.name });
  if (options.expectPlan) query.set('expectPlan', options.expectPlan);
  return `/api/loads?${query}`;
}

export function useDryRun() {
  return useMutation({
    mutationFn: (file: File) =>
      postJson(loadUrl(file, { dryRun: true }), LoadReportSchema, file, 'application/octet-stream'),
  });
}

export function useCommit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, planHash }: { file: File; planHash: string }) =>
      postJson(
        loadUrl(file, { dryRun: false, expectPlan: planHash }),
        LoadReportSchema,
        file,
        'application/octet-stream',
      ),
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useRevert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => postJson(`/api/loads/${id}/revert`, LoadSummarySchema),
    onSuccess: () => client.invalidateQueries(),
  });
}
