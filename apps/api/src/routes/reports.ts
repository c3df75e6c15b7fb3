import { LogStatusSchema, ReportDocumentSchema, ReportKindSchema, ReportQuerySchema } from '@indicate/contracts';
import { LOG_KINDS, logTemplateCsv } from '@indicate/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readSettings } from '../auth/settings.ts';
import type { Db } from '../db/client.ts';
import { reportCsv, reportPdf, reportXlsx } from '../reports/outputs.ts';
import type { ReportService } from '../reports/service.ts';
import type { ReadService } from '../reads/service.ts';
import { READ_ERRORS, SIGNED_IN_ERRORS } from './responses.ts';

const ReportParamsSchema = z.strictObject({ report: ReportKindSchema });
const DownloadParamsSchema = z.strictObject({ report: ReportKindSchema, format: z.enum(['csv', 'xlsx', 'pdf']) });
const DownloadQuerySchema = ReportQuerySchema.extend({
  /** A signed-in reader may take the public version (to publish it): less, never more. */
  version: z.enum(['public', 'full']).optional(),
});
const LogParamsSchema = z.strictObject({ kind: z.enum(LOG_KINDS) });

/**
 * The committee's other statutory reports (issue 24) and their logs' templates. Reads like the dashboard's:
 * anonymous visitors under public read get the public version (small numbers withheld); handlers only parse,
 * call the ReportService and send.
 */
export const reportRoutes: FastifyPluginAsyncZod<{ reports: ReportService; reads: ReadService; db: Db }> = async (
  app,
  { reports, reads, db },
) => {
  const viewOf = (request: FastifyRequest, version?: 'public' | 'full') =>
    request.view === 'public' || version === 'public' ? 'public' : 'full';

  app.get(
    '/api/reports/:report',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'A report (fostering, complaints, inspection) for a quarter or a financial year, as sections and tables',
        tags: ['reports'],
        params: ReportParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: ReportDocumentSchema, ...READ_ERRORS },
      },
    },
    (request) => reports.document(request.params.report, request.query.period, viewOf(request)),
  );

  app.get(
    '/api/reports/:report/:format',
    {
      config: { access: 'read' },
      schema: {
        summary: 'A report as CSV, Excel or a PDF paper (version=public for the public one)',
        tags: ['reports'],
        params: DownloadParamsSchema,
        querystring: DownloadQuerySchema,
      },
    },
    async (request, reply) => {
      const view = viewOf(request, request.query.version);
      const doc = reports.document(request.params.report, request.query.period, view);
      const la = reads.la(readSettings(db).homeLa).name;
      const name = `${doc.report}-${doc.period.id}${view === 'public' ? '-public' : ''}`;
      if (request.params.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(reportCsv(doc, la));
      if (request.params.format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await reportXlsx(doc, la));
      const pdf = await reportPdf(doc, {
        la,
        serviceName: readSettings(db).serviceName,
        dataDate:
          doc.sources
            .map((s) => s.loadedAt ?? '')
            .sort()
            .at(-1)
            ?.slice(0, 10) || 'no date',
      });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
    },
  );

  app.get(
    '/api/logs',
    {
      config: { access: 'load' },
      schema: {
        summary: 'The service logs behind the other reports, each with the load that holds it now',
        tags: ['loads'],
        response: { 200: z.array(LogStatusSchema), ...SIGNED_IN_ERRORS },
      },
    },
    () => reports.logs(),
  );

  app.get(
    '/api/logs/:kind/template.csv',
    {
      config: { access: 'read' },
      schema: {
        summary: "A service log's template: its columns, with instructions as # lines",
        tags: ['loads'],
        params: LogParamsSchema,
      },
    },
    (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="indicate-${request.params.kind}-log.csv"`)
        .send(logTemplateCsv(request.params.kind)),
  );
};
