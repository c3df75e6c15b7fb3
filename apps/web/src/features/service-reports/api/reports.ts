import { LogStatusSchema, ReportDocumentSchema, type ReportDocument } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../../lib/api-client.ts';

/** The other statutory reports (GET /api/reports/:report) and the service logs behind them (GET /api/logs). */
export const reportsKey = ['service-reports'] as const;

export type ReportKind = ReportDocument['report'];

export const reportQuery = (report: ReportKind, period: string | undefined) =>
  queryOptions({
    queryKey: [...reportsKey, report, period ?? 'default'],
    queryFn: ({ signal }) =>
      getJson(
        `/api/reports/${report}${period ? `?period=${encodeURIComponent(period)}` : ''}`,
        ReportDocumentSchema,
        signal,
      ),
  });

export const logsQuery = queryOptions({
  queryKey: [...reportsKey, 'logs'],
  queryFn: ({ signal }) => getJson('/api/logs', z.array(LogStatusSchema), signal),
});

export const useReport = (report: ReportKind, period: string | undefined) => useQuery(reportQuery(report, period));
export const useLogs = () => useQuery(logsQuery);
