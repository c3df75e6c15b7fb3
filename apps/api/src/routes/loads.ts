import path from 'node:path';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  ErrorEnvelopeSchema,
  IdParamsSchema,
  LoadQuerySchema,
  LoadReportSchema,
  LoadSummarySchema,
  ReapplyQuerySchema,
  ReturnsPopulationQuerySchema,
  ReturnsPopulationSchema,
  RevertQuerySchema,
  TemplateQuerySchema,
} from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { DomainError } from '../domain-error.ts';
import { getLoad, listLoads } from '../loader/history.ts';
import { loadProblem, LoadService } from '../loader/service.ts';
import { makeUploadDir, removeDir } from '../loader/temp.ts';
import {
  ClientGone,
  Deadline,
  formError,
  MAX_FORM_FIELDS,
  RAW_TYPES,
  safeName,
  saveUpload,
  tooLarge,
  UPLOAD_LIMIT_BYTES,
  UPLOAD_TIMEOUT_MS,
} from '../loader/upload.ts';
import type { ReportService } from '../reports/service.ts';
import { templateCsv, templateFor, templateXlsx } from '../loader/template-file.ts';
import type { PackService } from '../packs/service.ts';
import { councilPopulation } from '../reference/population.ts';
import type { Store } from '../store.ts';

export type LoadRoutesOptions = {
  store: Store;
  /** How long a client has to send the whole file (default UPLOAD_TIMEOUT_MS); tests make it short. */
  uploadTimeoutMs?: number;
  /** The committee packs, which a revert warns of and marks out of date. */
  packs: PackService;
  /** The other reports: an action plan's statuses are kept with its load, as its history. */
  reports?: ReportService;
};

export const loadRoutes: FastifyPluginAsyncZod<LoadRoutesOptions> = async (
  app,
  { store, uploadTimeoutMs, packs, reports },
) => {
  await app.register(multipart, {
    limits: {
      fileSize: UPLOAD_LIMIT_BYTES,
      files: 1,
      fields: MAX_FORM_FIELDS,
      fieldSize: 64 * 1024,
      parts: MAX_FORM_FIELDS + 1,
    },
  });
  // Raw uploads reach the handler as a stream: never the whole file held in memory.
  app.addContentTypeParser(RAW_TYPES, (_request, payload, done) => done(null, payload));

  const template = (quarter: string | undefined) => templateFor(store, quarter);
  const loads = new LoadService(store.db, store.catalogue, packs, 'worker', () => reports?.ensureSnapshots());

  app.get(
    '/api/loads/template.csv',
    {
      config: { access: 'read' },
      schema: {
        summary: "The Indicate template as CSV: the home council's rows for the scorecard set, instructions as # lines",
        tags: ['loads'],
        querystring: TemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const t = template(request.query.quarter);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${t.name}.csv"`)
        .send(templateCsv(t.indicators, t.options));
    },
  );

  app.get(
    '/api/loads/template.xlsx',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The Indicate template as an Excel workbook: a Figures sheet and an Instructions sheet',
        tags: ['loads'],
        querystring: TemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const t = template(request.query.quarter);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${t.name}.xlsx"`)
        .send(await templateXlsx(t.indicators, t.options));
    },
  );

  app.post(
    '/api/loads',
    {
      config: { access: 'load' },
      schema: {
        summary: 'Check (dryRun=true) or load a file: the Indicate template as CSV or XLSX, or a DfE file as published',
        tags: ['loads'],
        querystring: LoadQuerySchema,
        response: {
          200: LoadReportSchema,
          201: LoadReportSchema,
          409: ErrorEnvelopeSchema,
          413: ErrorEnvelopeSchema,
          408: ErrorEnvelopeSchema,
          415: ErrorEnvelopeSchema,
          422: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
      bodyLimit: UPLOAD_LIMIT_BYTES,
    },
    async (request, reply) => {
      const dir = makeUploadDir();
      const deadline = new Deadline(uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS);
      let received = false;
      try {
        const file = path.join(dir, 'upload');
        let fileName = request.query.fileName;
        if (request.isMultipart()) {
          // The file may come anywhere in the form; other fields are read (within limits) and ignored.
          let hasFile = false;
          try {
            const parts = request.parts()[Symbol.asyncIterator]();
            // The deadline covers the fields before the file too.
            for (let next = await deadline.race(parts.next()); !next.done; next = await deadline.race(parts.next())) {
              const part = next.value;
              if (part.type !== 'file') continue;
              await saveUpload(part.file, file, deadline);
              if (part.file.truncated) throw tooLarge();
              hasFile = true;
              fileName ??= part.filename;
            }
          } catch (error) {
            throw formError(error) ?? error;
          }
          received = true;
          if (!hasFile) throw new DomainError('invalid', 'no_file', 'The form has no file in it.');
        } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
          await saveUpload(request.body as Readable, file, deadline);
          received = true;
        } else {
          throw new DomainError(
            'unsupported_media_type',
            'unsupported_media_type',
            `Send the file as multipart/form-data or as the body with one of: ${RAW_TYPES.join(', ')}.`,
          );
        }
        const report = await loads.load(file, {
          fileName: safeName(fileName),
          by: actorOf(request),
          dryRun: request.query.dryRun === 'true',
          expectPlan: request.query.expectPlan,
          confirmJumps: request.query.confirmJumps === 'true',
        });
        return reply.status(report.committed ? 201 : 200).send(report);
      } catch (error) {
        // Refused before the whole body arrived (too large, too slow, a bad form): answer, then close the
        // connection rather than read the rest.
        if (!received) void reply.header('connection', 'close');
        if (error instanceof ClientGone) throw new DomainError('invalid', 'upload_interrupted', error.message);
        throw loadProblem(error);
      } finally {
        removeDir(dir);
      }
    },
  );

  app.get(
    '/api/loads',
    {
      config: { access: 'load' },
      schema: { summary: 'Every load, newest first', tags: ['loads'], response: { 200: z.array(LoadSummarySchema) } },
    },
    () => listLoads(store.db),
  );

  app.get(
    '/api/loads/:id',
    {
      config: { access: 'load' },
      schema: {
        summary: 'One load: who, when, file, SHA-256, counts',
        tags: ['loads'],
        params: IdParamsSchema,
        response: { 200: LoadSummarySchema, 404: ErrorEnvelopeSchema },
      },
    },
    (request) => {
      const load = getLoad(store.db, request.params.id);
      if (!load) throw new DomainError('not_found', 'not_found', `There is no load ${request.params.id}.`);
      return load;
    },
  );

  app.post(
    '/api/loads/:id/revert',
    {
      config: { access: 'load' },
      schema: {
        summary:
          'Revert a load: its figures return to what they were before it; the revert is itself a load. Refused with 409 packs_rely while packs use its figures, unless confirm=true',
        tags: ['loads'],
        params: IdParamsSchema,
        querystring: RevertQuerySchema,
        response: {
          200: LoadSummarySchema,
          404: ErrorEnvelopeSchema,
          409: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
    },
    // Packs that used this load's figures are named first; with confirm=true, open drafts are marked stale.
    (request) => loads.revert(request.params.id, actorOf(request), request.query.confirm === 'true'),
  );

  app.post(
    '/api/loads/:id/reapply',
    {
      config: { access: 'load' },
      schema: {
        summary:
          "Re-apply an undone load: the figures and targets it had written are written again, as a new load. dryRun=true shows the plan; a commit may name the plan's hash. Refused (409) while a later load wrote any of the same figures",
        tags: ['loads'],
        params: IdParamsSchema,
        querystring: ReapplyQuerySchema,
        response: {
          200: LoadReportSchema,
          201: LoadReportSchema,
          404: ErrorEnvelopeSchema,
          409: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const report = await loads.reapply({
        loadId: request.params.id,
        by: actorOf(request),
        dryRun: request.query.dryRun === 'true',
        expectPlan: request.query.expectPlan,
      });
      return reply.status(report.committed ? 201 : 200).send(report);
    },
  );

  app.get(
    '/api/returns/population',
    {
      config: { access: 'load' },
      schema: {
        summary:
          "The council's children aged 0 to 17 by year (ONS mid-year estimates): what computing figures from its returns in the browser needs for the rate per 10,000",
        tags: ['loads'],
        querystring: ReturnsPopulationQuerySchema,
        response: { 200: ReturnsPopulationSchema, 404: ErrorEnvelopeSchema },
      },
    },
    (request) => {
      const found = councilPopulation(store, request.query.la);
      if (!found) throw new DomainError('not_found', 'not_found', `There is no council ${request.query.la}.`);
      return found;
    },
  );
};
