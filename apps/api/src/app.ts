import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { envelope, installErrorHandling } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { loadRoutes } from './routes/loads.ts';
import type { Store } from './store.ts';

export type AppOptions = {
  store: Store;
  /** The built dashboard to serve at `/`; omitted in API-only tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
};

/** The whole application as a Fastify instance that does not listen: server.ts and tests both use it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(healthRoutes, { store: options.store });
  await app.register(loadRoutes, { store: options.store });

  const index = options.webDist ? path.join(options.webDist, 'index.html') : null;
  const hasWeb = index !== null && fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: options.webDist!, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return reply.status(404).send(envelope('not_found', `There is no API route ${request.method} ${pathname}.`));
    }
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      // Client-side routes (/indicators/..., /loads) are the dashboard's: hand it index.html.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(envelope('not_found', `Nothing at ${request.method} ${pathname}.`));
  });
  return app;
}
