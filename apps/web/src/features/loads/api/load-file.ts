import { LoadReportSchema, type LoadReport } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { ApiError, postJson } from '../../../lib/api-client.ts';
import { loadsKey } from './get-loads.ts';

/**
 * POST /api/loads: a file as the body. A dry run reports what it would change; a commit applies exactly the
 * dry run whose plan hash it carries. Both answer with the report.
 */
export function loadFile(
  file: File,
  options: { dryRun: boolean; expectPlan?: string; confirmJumps?: boolean },
): Promise<LoadReport> {
  const query = new URLSearchParams({ dryRun: String(options.dryRun), fileName: file.name });
  if (options.expectPlan) query.set('expectPlan', options.expectPlan);
  if (options.confirmJumps) query.set('confirmJumps', 'true');
  return postJson(`/api/loads?${query}`, LoadReportSchema, file, 'application/octet-stream');
}

/** A refused file comes back as 422 with the row-level report in the envelope's details. */
export function reportOf(error: unknown): LoadReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const parsed = LoadReportSchema.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

export const useDryRun = () => useMutation({ mutationFn: (file: File) => loadFile(file, { dryRun: true }) });

/**
 * Commits a checked file, with the dry run's jumps confirmed when the analyst has looked at them; the history
 * and every read of figures are then out of date.
 */
export function useCommit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, planHash, confirmJumps }: { file: File; planHash: string; confirmJumps: boolean }) =>
      loadFile(file, { dryRun: false, expectPlan: planHash, confirmJumps }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: loadsKey }), invalidateFigures(client)]),
  });
}
