import {
  AppendixQuerySchema,
  IdParamsSchema,
  may,
  PackChangesSchema,
  PackKeySchema,
  PackListQuerySchema,
  PackListSchema,
  PackPdfQuerySchema,
  PackSchema,
  PackStateBodySchema,
  PackTextBodySchema,
  type RoleId,
} from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PackService } from '../packs/service.ts';
import { appendixCsv, appendixXlsx, packPdf } from '../packs/outputs.ts';
import { WRITE_ERRORS } from './responses.ts';

const errors = WRITE_ERRORS;
/** Committee packs: drafted from the data, edited and signed off by people, published frozen. */
export const packRoutes: FastifyPluginAsyncZod<{ packs: PackService }> = async (app, { packs }) => {
  const writer = (role: RoleId | undefined) => may(role, 'pack');

  // A pack is a frozen snapshot with true values and people's commentary: it is for signed-in readers
  // only (access `signed-in`), even when public read is on (the public see the suppressed scorecard).

  app.get(
    '/api/packs',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: "An LA's packs (drafts too, for those who write them), newest first",
        tags: ['packs'],
        querystring: PackListQuerySchema,
        response: { 200: PackListSchema, ...errors },
      },
    },
    (request) => packs.list(request.query.la, request.query.period, writer(request.user?.role)),
  );

  app.post(
    '/api/packs',
    {
      config: { access: 'pack' },
      schema: {
        summary: 'Draft the pack for an LA and period from the data (or return the open draft)',
        tags: ['packs'],
        body: PackKeySchema,
        response: { 200: PackSchema, 201: PackSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { pack, created } = packs.draft(request.body.la, request.body.period, request.user!);
      return reply.status(created ? 201 : 200).send(pack);
    },
  );

  app.get(
    '/api/packs/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'One pack: overview, paragraphs with their sources, Appendix A, changes',
        tags: ['packs'],
        params: IdParamsSchema,
        response: { 200: PackSchema, ...errors },
      },
    },
    (request) => packs.get(request.params.id, writer(request.user?.role)),
  );

  app.put(
    '/api/packs/:id/text',
    {
      config: { access: 'pack' },
      schema: {
        summary: "Edit an indicator's paragraph or add its commentary (kept, with who and when)",
        tags: ['packs'],
        params: IdParamsSchema,
        body: PackTextBodySchema,
        response: { 200: PackSchema, ...errors },
      },
    },
    (request) =>
      packs.write(request.params.id, request.body.indicatorId, request.body.kind, request.body.text, request.user!),
  );

  app.post(
    '/api/packs/:id/state',
    {
      config: { access: 'pack' },
      schema: {
        summary: 'Move a pack: draft -> ready -> published (a service lead publishes; published is frozen)',
        tags: ['packs'],
        params: IdParamsSchema,
        body: PackStateBodySchema,
        response: { 200: PackSchema, ...errors },
      },
    },
    (request) => packs.setState(request.params.id, request.body.state, request.user!),
  );

  app.get(
    '/api/packs/:id/changes',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'What changed since the previous published pack for the LA',
        tags: ['packs'],
        params: IdParamsSchema,
        response: { 200: PackChangesSchema, ...errors },
      },
    },
    (request) => {
      packs.get(request.params.id, writer(request.user?.role));
      return packs.sincePreviousPublished(request.params.id);
    },
  );

  app.get(
    '/api/packs/:id/appendix',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Appendix A as CSV or XLSX',
        tags: ['packs'],
        params: IdParamsSchema,
        querystring: AppendixQuerySchema,
      },
    },
    async (request, reply) => {
      const pack = packs.get(request.params.id, writer(request.user?.role));
      const part = request.query.part;
      const name = `${part === 'annex' ? 'annex-not-for-publication' : 'appendix-a'}-${pack.la.code}-${pack.period.id}-v${pack.version}`;
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(appendixCsv(pack, part));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await appendixXlsx(pack, part));
    },
  );

  app.post(
    '/api/packs/:id/refresh',
    {
      config: { access: 'pack' },
      schema: {
        summary: 'Take an open draft again from the data (after a load it used was undone); people’s words are kept',
        tags: ['packs'],
        params: IdParamsSchema,
        response: { 200: PackSchema, ...WRITE_ERRORS },
      },
    },
    (request) => packs.refresh(request.params.id, request.user!),
  );

  app.get(
    '/api/packs/:id/pdf',
    {
      config: { access: 'signed-in' },
      schema: {
        summary:
          'The pack as a PDF (exceptions=true for amber and red only): the public paper, or part=annex for the members-only annex',
        tags: ['packs'],
        params: IdParamsSchema,
        querystring: PackPdfQuerySchema,
      },
    },
    async (request, reply) => {
      const pack = packs.get(request.params.id, writer(request.user?.role));
      const pdf = await packPdf(pack, {
        exceptionsOnly: request.query.exceptions === 'true',
        serviceName: pack.serviceName,
        part: request.query.part,
      });
      const name = `pack-${pack.la.code}-${pack.period.id}-v${pack.version}${request.query.part === 'annex' ? '-annex-not-for-publication' : ''}`;
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
    },
  );
};
