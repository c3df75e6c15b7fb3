import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { envelope, installErrorHandling, sendError } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { installAccessControl } from './auth/access.ts';
import { adminRoutes } from './routes/admin.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { sessionRoutes } from './routes/session.ts';
import { writeRoutes } from './routes/writes.ts';
import { reportRoutes } from './routes/reports.ts';
import { readNationalFostering, ReportService } from './reports/service.ts';
import { packRoutes } from './routes/packs.ts';
import { dfeRoutes } from './routes/dfe.ts';
import { DfeService } from './dfe/service.ts';
import { scheduleDailyCheck } from './dfe/daily.ts';
import type { DfeEndpoints } from './dfe/releases.ts';
import { readConfig } from './config.ts';
import { PackService } from './packs/service.ts';
import { installSecurityHeaders } from './security.ts';
import { loadRoutes } from './routes/loads.ts';
import { readRoutes } from './routes/reads.ts';
import { ReadService } from './reads/service.ts';
import type { Store } from './store.ts';

export type AppOptions = {
  store: Store;
  /** The built dashboard to serve at `/`; omitted in API-only tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Which peers' X-Forwarded-* headers to believe (config TRUST_PROXY); off by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** How long a client has to send a file to POST /api/loads (default two minutes); tests make it short. */
  uploadTimeoutMs?: number;
  /** The clock benchmarks' "is due" and "was due" are judged by (tests fix it); default the real one. */
  now?: () => Date;
  /** Where DfE's statistics API and content API are (config DFE_API_URL, DFE_CATALOGUE_URL); default DfE's. */
  dfeEndpoints?: DfeEndpoints;
  /** How often the server looks whether the optional daily DfE check is due (server.ts: hourly); unset, never. */
  dfeCheckTickMs?: number;
};

/** The whole application as a Fastify instance that does not listen: server.ts and tests both use it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Two log lines for every request cost a fifth of a cached read and 5 MB a second under load; what is
    // worth keeping is logged on purpose: 5xx errors (errors.ts), loads and sign-ins (the audit log).
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request either (it cost a sixth of a cached read): request.log is the server's
    // logger, and errors.ts names the request in the line it writes.
    childLoggerFactory: (logger) => logger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route runs (a malformed or over-long URL) use the same envelope.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void sendError(
        reply as unknown as FastifyReply,
        tooLong ? 414 : 400,
        tooLong
          ? envelope('uri_too_long', 'A part of the URL path is longer than 100 characters.')
          : envelope('bad_url', 'The URL is malformed (for example, a broken %-escape).'),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installAccessControl(app, options.store.db);
  installSecurityHeaders(app);

  // The OpenAPI document is generated from the same zod schemas that validate requests and responses.
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Indicate API',
        description:
          "Statutory performance indicators for English children's services: the council's figures with DfE benchmarks, computed by the domain core.",
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  const service = new ReadService(options.store.db, options.store.catalogue, options.now);
  const db = options.store.db;
  await app.register(healthRoutes, { store: options.store });
  await app.register(sessionRoutes, { db });
  await app.register(adminRoutes, { db, themes: options.store.catalogue.themes.map((t) => t.id) });
  const reports = new ReportService(
    db,
    options.store.catalogue,
    service,
    options.now,
    readNationalFostering(options.store.dataDir),
  );
  const packs = new PackService(db, service, reports);
  await app.register(loadRoutes, { store: options.store, uploadTimeoutMs: options.uploadTimeoutMs, packs, reports });
  await app.register(readRoutes, { service });
  await app.register(dashboardRoutes, { service });
  await app.register(writeRoutes, { db, service });
  await app.register(packRoutes, { packs });
  await app.register(reportRoutes, { reports, reads: service, db });
  const config = readConfig();
  const dfe = new DfeService(
    db,
    options.store.catalogue,
    options.dfeEndpoints ?? { apiUrl: config.dfeApiUrl, catalogueUrl: config.dfeCatalogueUrl },
    options.store.dataDir,
    options.now,
  );
  await app.register(dfeRoutes, { dfe });
  if (options.dfeCheckTickMs !== undefined) {
    const stop = scheduleDailyCheck(db, dfe, {
      everyMs: options.dfeCheckTickMs,
      now: options.now,
      log: (message) => app.log.info(message),
    });
    app.addHook('onClose', async () => stop());
  }
  await app.register(docsRoutes);

  const index = options.webDist ? path.join(options.webDist, 'index.html') : null;
  const hasWeb = index !== null && fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: options.webDist!, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return sendError(reply, 404, envelope('not_found', `There is no API route ${request.method} ${pathname}.`));
    }
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      // Client-side routes (/indicators/..., /loads) are the dashboard's: hand it index.html.
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, 404, envelope('not_found', `Nothing at ${request.method} ${pathname}.`));
  });
  return app;
}
