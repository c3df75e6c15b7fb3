import { AuditRowSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../../lib/api-client.ts';
import { withQuery } from '../../../lib/search.ts';

/** GET /api/audit: the audit log, newest first, optionally one action. */
export const auditKeys = {
  all: ['audit'] as const,
  action: (action: string | undefined) => [...auditKeys.all, action ?? null] as const,
};

const AuditListSchema = z.array(AuditRowSchema);

/** The page shows the newest 500; the CSV download takes up to 5,000. */
export const auditUrl = (action: string | undefined, format?: 'csv') =>
  withQuery('/api/audit', { action, limit: format === 'csv' ? '5000' : '500', format });

export const getAudit = (action: string | undefined, signal?: AbortSignal) =>
  getJson(auditUrl(action), AuditListSchema, signal);

export const auditQuery = (action: string | undefined) =>
  queryOptions({ queryKey: auditKeys.action(action), queryFn: ({ signal }) => getAudit(action, signal) });

export const useAudit = (action: string | undefined) => useQuery(auditQuery(action));
