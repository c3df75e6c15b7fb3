import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { ErrorEnvelopeSchema, LoadReportSchema, LoadSummarySchema } from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { HttpError } from '../errors.ts';
import { getLoad, listLoads, PlanChanged, revertLoad, RevertRefused, runLoad } from '../loader/service.ts';
import { templateCsv } from '../loader/template-file.ts';
import type { Store } from '../store.ts';

/** Uploads above this are refused before they are read further. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const LoadQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  fileName: z.string().min(1).max(200).optional(),
  expectPlan: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the 64-character planHash of a dry run')
    .optional(),
});

const IdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

/** Copies an upload to a private temporary file, refusing it once it passes the limit. */
async function saveUpload(stream: Readable, dir: string): Promise<string> {
  const file = path.join(dir, 'upload');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > UPLOAD_LIMIT_BYTES)
        callback(
          new HttpError(413, 'file_too_large', `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB.`),
        );
      else callback(null, chunk);
    },
  });
  await pipeline(stream, limit, fs.createWriteStream(file));
  return file;
}

function safeName(name: string | undefined): string {
  const base = path
    .basename(name ?? '')
    .replace(/[^\w.\- ()]/g, '_')
    .slice(0, 200);
  return base === '' ? 'upload' : base;
}

export const loadRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5 } });
  // Raw uploads reach the handler as a stream: never the whole file held in memory.
  app.addContentTypeParser(RAW_TYPES, (_request, payload, done) => done(null, payload));

  app.get(
    '/api/loads/template.csv',
    {
      config: { access: 'read' },
      schema: { summary: 'The Indicate template, one starter row per catalogue indicator', tags: ['loads'] },
    },
    async (_request, reply) => {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="indicate-template.csv"')
        .send(templateCsv(store.catalogue));
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
          415: ErrorEnvelopeSchema,
          422: ErrorEnvelopeSchema,
        },
      },
      bodyLimit: UPLOAD_LIMIT_BYTES,
    },
    async (request, reply) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-upload-'));
      try {
        let file: string;
        let fileName = request.query.fileName;
        if (request.isMultipart()) {
          const part = await request.file();
          if (!part) throw new HttpError(400, 'no_file', 'The form has no file in it.');
          file = await saveUpload(part.file, dir);
          if (part.file.truncated)
            throw new HttpError(
              413,
              'file_too_large',
              `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB.`,
            );
          fileName ??= part.filename;
        } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
          file = await saveUpload(request.body as Readable, dir);
        } else {
          throw new HttpError(
            415,
            'unsupported_media_type',
            `Send the file as multipart/form-data or as the body with one of: ${RAW_TYPES.join(', ')}.`,
          );
        }
        const report = await runLoad(store.db, store.catalogue, {
          path: file,
          fileName: safeName(fileName),
          loadedBy: actorOf(request),
          dryRun: request.query.dryRun === 'true',
          expectPlan: request.query.expectPlan,
        });
        if (report.counts.errors > 0) {
          const n = report.counts.errors;
          throw new HttpError(
            422,
            'invalid_file',
            `The file has ${n} error${n === 1 ? '' : 's'}; nothing was written.`,
            report,
          );
        }
        return reply.status(report.committed ? 201 : 200).send(report);
      } catch (error) {
        if (error instanceof PlanChanged) throw new HttpError(409, 'plan_changed', error.message);
        throw error;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
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
      if (!load) throw new HttpError(404, 'not_found', `There is no load ${request.params.id}.`);
      return load;
    },
  );

  app.post(
    '/api/loads/:id/revert',
    {
      config: { access: 'load' },
      schema: {
        summary: 'Revert a load: its figures return to what they were before it; the revert is itself a load',
        tags: ['loads'],
        params: IdParamsSchema,
        response: { 200: LoadSummarySchema, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema },
      },
    },
    (request) => {
      try {
        return revertLoad(store.db, request.params.id, actorOf(request));
      } catch (error) {
        if (error instanceof RevertRefused)
          throw new HttpError(error.code === 'not_found' ? 404 : 409, error.code, error.message);
        throw error;
      }
    },
  );
};
