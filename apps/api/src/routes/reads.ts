import {
  ErrorEnvelopeSchema,
  IndicatorDetailSchema,
  IndicatorListSchema,
  IndicatorParamsSchema,
  IndicatorsQuerySchema,
  LocalAuthoritiesSchema,
  NeighboursQuerySchema,
  NeighboursSchema,
  PeriodsQuerySchema,
  PeriodsSchema,
  ScorecardQuerySchema,
  ScorecardSchema,
  SeriesQuerySchema,
  SeriesSchema,
  SummaryQuerySchema,
  SummarySchema,
} from '@indicate/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z, type ZodType } from 'zod';
import { ResponseCache } from '../reads/cache.ts';
import { scorecardCsv, seriesCsv } from '../reads/csv.ts';
import type { ReadService } from '../reads/service.ts';

const errors = { 400: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema };
const notModified = { 304: z.null().describe('Not modified: the figures have not changed since your copy (ETag).') };
const CSV_TYPE = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

type Format = 'json' | 'csv';

function wantedFormat(request: FastifyRequest, query: { format?: Format }): Format {
  if (query.format) return query.format;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/csv') && !accept.includes('application/json') ? 'csv' : 'json';
}

/**
 * The read routes. Handlers only parse, call the ReadService and send; every response is cached per data
 * version and carries an ETag of that version, answered with 304 when the client already has it.
 */
export const readRoutes: FastifyPluginAsyncZod<{ service: ReadService }> = async (app, { service }) => {
  const cache = new ResponseCache();

  function respond<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { schema: ZodType<T>; compute: () => T; format?: Format; csv?: (value: T) => string; fileName?: string },
  ): void {
    const format = options.format ?? 'json';
    const version = service.reads.dataVersion();
    const etag = `"${version}-${format}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'Accept');
    if (request.headers['if-none-match'] === etag) {
      reply.status(304).send();
      return;
    }
    const key = `${format} ${request.url}`;
    let body = cache.get(version, key);
    if (body === undefined) {
      // Validated against the shared contract once, when computed; the cached text is sent as it is.
      const value = options.schema.parse(options.compute());
      body = format === 'csv' && options.csv ? options.csv(value) : JSON.stringify(value);
      cache.set(version, key, body);
    }
    if (format === 'csv') {
      reply.header('content-disposition', `attachment; filename="${options.fileName ?? 'indicate.csv'}"`);
      reply.type(CSV_TYPE).send(body);
      return;
    }
    reply.type(JSON_TYPE).send(body);
  }

  app.get(
    '/api/indicators',
    {
      schema: {
        summary: 'The indicator catalogue, optionally for one theme',
        tags: ['indicators'],
        querystring: IndicatorsQuerySchema,
        response: { 200: IndicatorListSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: IndicatorListSchema,
        compute: () => service.indicatorList(request.query.theme),
      }),
  );

  app.get(
    '/api/indicators/:id',
    {
      schema: {
        summary: 'One indicator: definition, polarity, unit, source, RAG rule in words, DfE source',
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        response: { 200: IndicatorDetailSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: IndicatorDetailSchema,
        compute: () => service.indicatorDetail(service.indicator(request.params.id)),
      }),
  );

  app.get(
    '/api/indicators/:id/series',
    {
      schema: {
        summary: "An LA's every figure for an indicator, each with its benchmarks, target and RAG",
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: SeriesQuerySchema,
        response: { 200: SeriesSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: SeriesSchema,
        compute: () => service.series(request.params.id, request.query.la, request.query.method),
        format: wantedFormat(request, request.query),
        csv: seriesCsv,
        fileName: `${request.params.id}-${request.query.la}.csv`,
      }),
  );

  app.get(
    '/api/indicators/:id/neighbours',
    {
      schema: {
        summary: "The LA's ten statistical neighbours' figures, England and the aggregate, for a bar chart",
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: NeighboursQuerySchema,
        response: { 200: NeighboursSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: NeighboursSchema,
        compute: () =>
          service.neighbours(request.params.id, request.query.la, request.query.period, request.query.method),
      }),
  );

  app.get(
    '/api/scorecard',
    {
      schema: {
        summary: "The committee's Appendix A: one row per indicator for an LA and period",
        tags: ['scorecard'],
        querystring: ScorecardQuerySchema,
        response: { 200: ScorecardSchema, ...notModified, ...errors },
      },
    },
    (request, reply) => {
      const q = request.query;
      return respond(request, reply, {
        schema: ScorecardSchema,
        compute: () =>
          service.scorecard(q.la, q.period, {
            theme: q.theme,
            exceptionsOnly: q.rag === 'exceptions',
            newOnly: q.new === 'true',
            method: q.method,
          }),
        format: wantedFormat(request, q),
        csv: scorecardCsv,
        fileName: `scorecard-${q.la}-${q.period ?? 'latest'}.csv`,
      });
    },
  );

  app.get(
    '/api/summary',
    {
      schema: {
        summary: 'The overview counts the committee paragraph states',
        tags: ['scorecard'],
        querystring: SummaryQuerySchema,
        response: { 200: SummarySchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: SummarySchema,
        compute: () => service.summary(request.query.la, request.query.period, request.query.method),
      }),
  );

  app.get(
    '/api/periods',
    {
      schema: {
        summary: 'The periods an LA has figures for, latest first',
        tags: ['reference'],
        querystring: PeriodsQuerySchema,
        response: { 200: PeriodsSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, { schema: PeriodsSchema, compute: () => service.periods(request.query.la) }),
  );

  app.get(
    '/api/local-authorities',
    {
      schema: {
        summary: 'Every LA: codes, name, region and statistical neighbours',
        tags: ['reference'],
        querystring: z.strictObject({}),
        response: { 200: LocalAuthoritiesSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, { schema: LocalAuthoritiesSchema, compute: () => service.localAuthorities() }),
  );
};
