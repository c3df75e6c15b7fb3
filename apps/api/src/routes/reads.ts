import {
  DataFreshnessSchema,
  AllCouncilsQuerySchema,
  AllCouncilsSchema,
  BreakdownsQuerySchema,
  BreakdownsSchema,
  CompareQuerySchema,
  CompareSchema,
  IndicatorDetailSchema,
  IndicatorListSchema,
  IndicatorFigureQuerySchema,
  IndicatorFigureSchema,
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
import { cachedResponse, ResponseCache, type CachedResponse } from '../reads/cache.ts';
import { allCouncilsCsv, compareCsv, scorecardCsv, seriesCsv } from '../reads/csv.ts';
import type { ReadService } from '../reads/service.ts';
import { READ_ERRORS } from './responses.ts';

const errors = READ_ERRORS;
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
 * The read routes. Handlers only parse, call the ReadService and send. Every response carries a weak
 * ETag of the data version and is answered with 304 when the client already has it; successful responses
 * are cached for the data version and served from an onRequest hook, before parsing and validation, since
 * the same URL was validated when the response was first computed.
 */
export const readRoutes: FastifyPluginAsyncZod<{ service: ReadService }> = async (app, { service }) => {
  const cache = new ResponseCache();

  /** Which representation the client asked for, by URL (format=csv) or by Accept; part of the cache key. */
  const negotiated = (request: FastifyRequest) => {
    const accept = request.headers.accept ?? '';
    return accept.includes('text/csv') && !accept.includes('application/json') ? 'csv' : 'json';
  };
  // The view is part of the ETag: a browser that held the public copy must not keep it after signing in.
  const etagFor = (version: string, request: FastifyRequest, representation: string) =>
    `W/"${version}-${request.view}-${representation}"`;

  function send(request: FastifyRequest, reply: FastifyReply, etag: string, entry: CachedResponse): void {
    reply
      .header('etag', etag)
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept, Accept-Encoding, Cookie, X-Indicate-View');
    if (entry.disposition) reply.header('content-disposition', entry.disposition);
    reply.type(entry.type);
    const accepted = request.headers['accept-encoding'] ?? '';
    if (entry.br && accepted.includes('br')) reply.header('content-encoding', 'br').send(entry.br);
    else if (entry.gzip && accepted.includes('gzip')) reply.header('content-encoding', 'gzip').send(entry.gzip);
    else reply.send(entry.body);
  }

  // Before parsing: a 304 for a current ETag, or the cached response for this exact URL and representation.
  const fromCache = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const version = service.version();
    const representation = negotiated(request);
    const etag = etagFor(version, request, representation);
    const entry = cache.get(version, `${request.view} ${representation} ${request.url}`);
    if (entry && request.headers['if-none-match'] === etag) {
      reply.header('etag', etag).header('cache-control', 'no-cache').code(304).send();
      return;
    }
    if (entry) {
      send(request, reply, etag, entry);
      return;
    }
    done();
  };
  app.addHook('onRequest', fromCache);

  function respond<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      schema: ZodType<T>;
      compute: () => T;
      format?: Format;
      csv?: (value: T) => string;
      fileName?: string;
    },
  ): void {
    const version = service.version();
    const representation = negotiated(request);
    const etag = etagFor(version, request, representation);
    if (request.headers['if-none-match'] === etag) {
      reply.header('etag', etag).header('cache-control', 'no-cache').code(304).send();
      return;
    }
    // Validated against the shared contract once, when computed; the cached bytes are sent as they are.
    const value = options.schema.parse(options.compute());
    const entry =
      options.format === 'csv' && options.csv
        ? cachedResponse(CSV_TYPE, options.csv(value), `attachment; filename="${options.fileName ?? 'indicate.csv'}"`)
        : cachedResponse(JSON_TYPE, JSON.stringify(value));
    cache.set(version, `${request.view} ${representation} ${request.url}`, entry);
    send(request, reply, etag, entry);
  }

  app.get(
    '/api/indicators',
    {
      config: { access: 'read' },
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
      config: { access: 'read' },
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
      config: { access: 'read' },
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
        compute: () => service.series(request.params.id, request.query.la, request.query.method, request.view),
        format: wantedFormat(request, request.query),
        csv: seriesCsv,
        fileName: `${request.params.id}-${request.query.la}.csv`,
      }),
  );

  app.get(
    '/api/indicators/:id/figure',
    {
      config: { access: 'read' },
      schema: {
        summary:
          "The LA's latest figure of an indicator by the end of a period (default its latest), judged as the scorecard judges it",
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: IndicatorFigureQuerySchema,
        response: { 200: IndicatorFigureSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: IndicatorFigureSchema,
        compute: () =>
          service.figure(
            request.params.id,
            { la: request.query.la, period: request.query.period },
            request.query.method,
            request.view,
          ),
      }),
  );

  app.get(
    '/api/indicators/:id/neighbours',
    {
      config: { access: 'read' },
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
          service.neighbours(
            request.params.id,
            request.query.la,
            request.query.period,
            request.query.method,
            request.view,
          ),
      }),
  );

  app.get(
    '/api/indicators/:id/all-councils',
    {
      config: { access: 'read' },
      schema: {
        summary: "Every council's value of a measure in one year, with rank and quartile, England and regions",
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: AllCouncilsQuerySchema,
        response: { 200: AllCouncilsSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: AllCouncilsSchema,
        compute: () => service.allCouncils(request.params.id, request.query, request.view),
        format: wantedFormat(request, request.query),
        csv: allCouncilsCsv,
        fileName: `${request.params.id}-all-councils${request.query.period ? `-${request.query.period}` : ''}.csv`,
      }),
  );

  app.get(
    '/api/indicators/:id/breakdowns',
    {
      config: { access: 'read' },
      schema: {
        summary:
          "One council's figure for one period group by group (age, sex, legal status, placement type, provider), as computed from its returns",
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: BreakdownsQuerySchema,
        response: { 200: BreakdownsSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: BreakdownsSchema,
        compute: () => service.breakdowns(request.params.id, request.query, request.view),
      }),
  );

  app.get(
    '/api/compare',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Chosen councils by chosen measures over the years, with England',
        tags: ['indicators'],
        querystring: CompareQuerySchema,
        response: { 200: CompareSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, {
        schema: CompareSchema,
        compute: () => service.compare(request.query.la, request.query.indicator, request.view),
        format: wantedFormat(request, request.query),
        csv: compareCsv,
        fileName: 'compare.csv',
      }),
  );

  app.get(
    '/api/scorecard',
    {
      config: { access: 'read' },
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
            themes: q.themes?.split(','),
            exceptionsOnly: q.rag === 'exceptions',
            newOnly: q.new === 'true',
            worseOnly: q.worse === 'true',
            method: q.method,
            view: request.view,
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
      config: { access: 'read' },
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
        compute: () => service.summary(request.query.la, request.query.period, request.query.method, request.view),
      }),
  );

  app.get(
    '/api/periods',
    {
      config: { access: 'read' },
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
    '/api/data-freshness',
    {
      config: { access: 'read' },
      schema: {
        summary: 'When data was last loaded, and the latest DfE year each national source reaches',
        tags: ['reference'],
        querystring: z.strictObject({}),
        response: { 200: DataFreshnessSchema, ...notModified, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, { schema: DataFreshnessSchema, compute: () => service.dataFreshness(request.view) }),
  );

  app.get(
    '/api/local-authorities',
    {
      config: { access: 'read' },
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
