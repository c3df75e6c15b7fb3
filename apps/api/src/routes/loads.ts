import fs from 'node:fs';
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
import { BUSY_MESSAGE, isDatabaseBusy } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { LoaderBusy, loadOffThread, reapplyOffThread, revertOffThread, WorkerFailed } from '../loader/jobs.ts';
import { getLoad, listLoads } from '../loader/history.ts';
import { PlanChanged } from '../loader/run-load.ts';
import { RevertRefused } from '../loader/revert.ts';
import { makeUploadDir, removeDir } from '../loader/temp.ts';
import { templateCsv, templateFor, templateXlsx } from '../loader/template-file.ts';
import type { PackService } from '../packs/service.ts';
import { childPopulation } from '../reference/population.ts';
import type { Store } from '../store.ts';

/** Uploads above this are refused before they are read further. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** The whole file must have arrived within this long, or the upload is refused (a stalled or trickling client). */
export const UPLOAD_TIMEOUT_MS = 120_000;

/** Form fields besides the file are ignored, up to this many (and each at most 64 KB). */
const MAX_FORM_FIELDS = 20;

const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** When the whole upload must have arrived by. */
class Deadline {
  readonly at: number;
  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }

  left(): number {
    return Math.max(0, this.at - Date.now());
  }

  error(): DomainError {
    return new DomainError(
      'timeout',
      'upload_timeout',
      `The file did not arrive within ${Math.round(this.ms / 100) / 10} seconds; check the connection and send it again.`,
    );
  }

  /** `promise`, or the timeout error if the deadline comes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined); // settles unobserved if the deadline wins
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.error()), this.left());
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }
}

const tooLarge = () =>
  new DomainError('too_large', 'file_too_large', `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB.`);

class ClientGone extends Error {
  constructor() {
    super('The client closed the connection before the file arrived.');
  }
}

/**
 * Copies an upload to `file`, refusing it once it passes the size limit or the deadline. The source is
 * only paused, never destroyed, on a refusal, so the client still gets the answer; the answer then
 * closes the connection.
 */
function saveUpload(source: Readable, file: string, deadline: Deadline): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    let bytes = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('close', onClose);
      if (error) {
        source.pause();
        out.destroy();
        reject(error);
      } else {
        out.end(() => resolve());
      }
    };
    const timer = setTimeout(() => finish(deadline.error()), deadline.left());
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > UPLOAD_LIMIT_BYTES) return finish(tooLarge());
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => {
          if (!settled) source.resume();
        });
      }
    };
    const onEnd = () => finish();
    const onClose = () => finish(new ClientGone());
    // Kept after settling too: a late error (the client resetting) must not go unhandled.
    source.on('error', (error: Error) => finish(error));
    out.on('error', (error: Error) => finish(error));
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('close', onClose);
  });
}

/** @fastify/multipart's own limit errors, in words. */
function formError(error: unknown): DomainError | null {
  switch ((error as { code?: string } | null)?.code) {
    case 'FST_FILES_LIMIT':
      return new DomainError('invalid', 'one_file_only', 'The form has more than one file; send one file per load.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new DomainError(
        'invalid',
        'too_many_fields',
        `The form has more than ${MAX_FORM_FIELDS} fields besides the file; send the file alone.`,
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
  }
  // The form itself is broken (no boundary, a part cut short): the busboy parser says so in words.
  const message = error instanceof Error ? error.message : '';
  if (/^(Multipart: |Part terminated|Unexpected end of form|Malformed part header)/i.test(message)) {
    return new DomainError(
      'invalid',
      'malformed_form',
      `The multipart form could not be read (${message.slice(0, 100)}); send the file again, or as the request body.`,
    );
  }
  return null;
}

/** The database or the loader could not take the write now: a 503 the client may retry. */
function busy(error: unknown): DomainError | null {
  if (error instanceof LoaderBusy) return new DomainError('unavailable', 'loader_busy', error.message);
  if (isDatabaseBusy(error)) return new DomainError('unavailable', 'database_busy', BUSY_MESSAGE);
  return null;
}

function safeName(name: string | undefined): string {
  const base = path
    .basename(name ?? '')
    .replace(/[^\w.\- ()]/g, '_')
    .slice(0, 200);
  return base === '' ? 'upload' : base;
}

export type LoadRoutesOptions = {
  store: Store;
  /** How long a client has to send the whole file (default UPLOAD_TIMEOUT_MS); tests make it short. */
  uploadTimeoutMs?: number;
  /** The committee packs, which a revert warns of and marks out of date. */
  packs: PackService;
};

export const loadRoutes: FastifyPluginAsyncZod<LoadRoutesOptions> = async (app, { store, uploadTimeoutMs, packs }) => {
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
        const name = safeName(fileName);
        let report;
        try {
          report = await loadOffThread(store.db, store.catalogue, {
            path: file,
            fileName: name,
            loadedBy: actorOf(request),
            dryRun: request.query.dryRun === 'true',
            expectPlan: request.query.expectPlan,
          });
        } catch (error) {
          if (error instanceof WorkerFailed) {
            throw new DomainError(
              'unprocessable',
              'unreadable_file',
              `"${name}" could not be read: ${error.message}; nothing was written.`,
            );
          }
          throw error;
        }
        if (report.counts.errors > 0) {
          const n = report.counts.errors;
          throw new DomainError(
            'unprocessable',
            'invalid_file',
            `The file has ${n} error${n === 1 ? '' : 's'}; nothing was written.`,
            report,
          );
        }
        return reply.status(report.committed ? 201 : 200).send(report);
      } catch (error) {
        // Refused before the whole body arrived (too large, too slow, a bad form): answer, then close the
        // connection rather than read the rest.
        if (!received) void reply.header('connection', 'close');
        if (error instanceof PlanChanged) throw new DomainError('conflict', 'plan_changed', error.message);
        if (error instanceof ClientGone) throw new DomainError('invalid', 'upload_interrupted', error.message);
        throw busy(error) ?? error;
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
    async (request) => {
      // Packs that used this load's figures: said first; with confirm=true, open drafts are marked stale.
      const relying = packs.packsUsingLoad(request.params.id);
      if (relying.length > 0 && request.query.confirm !== 'true') {
        throw new DomainError(
          'conflict',
          'packs_rely',
          `Committee packs use load ${request.params.id}'s figures: ${relying
            .map((p) => `${p.state} pack v${p.version} for ${p.la}, ${p.period}`)
            .join(
              '; ',
            )}. Undo it anyway (confirm=true): a published pack keeps the figures it froze; an open draft is marked out of date, to refresh from the data.`,
          relying,
        );
      }
      try {
        const summary = await revertOffThread(store.db, request.params.id, actorOf(request));
        packs.markStaleAfterRevert(
          request.params.id,
          relying.map((p) => p.id),
          actorOf(request),
        );
        return summary;
      } catch (error) {
        if (error instanceof RevertRefused)
          throw new DomainError(error.code === 'not_found' ? 'not_found' : 'conflict', error.code, error.message);
        throw busy(error) ?? error;
      }
    },
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
      try {
        const report = await reapplyOffThread(store.db, store.catalogue, {
          loadId: request.params.id,
          by: actorOf(request),
          dryRun: request.query.dryRun === 'true',
          expectPlan: request.query.expectPlan,
        });
        return reply.status(report.committed ? 201 : 200).send(report);
      } catch (error) {
        if (error instanceof RevertRefused)
          throw new DomainError(error.code === 'not_found' ? 'not_found' : 'conflict', error.code, error.message);
        if (error instanceof PlanChanged) throw new DomainError('conflict', 'plan_changed', error.message);
        throw busy(error) ?? error;
      }
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
      const la = store.db.$client
        .prepare('select old_la_code as code, name from local_authorities where old_la_code = ?')
        .get(request.query.la) as { code: string; name: string } | undefined;
      if (!la) throw new DomainError('not_found', 'not_found', `There is no council ${request.query.la}.`);
      return {
        la: { code: la.code, name: la.name },
        population: childPopulation(store.dataDir, la.code),
        source: "ONS's mid-year estimates of the council's children aged 0 to 17, as DfE publishes them",
      };
    },
  );
};
