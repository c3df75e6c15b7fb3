import { HealthSchema } from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthReport } from '../health.ts';
import { StoreReads } from '../reads/store-reads.ts';
import type { Store } from '../store.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  const reads = new StoreReads(store.db);
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Whether the service is up and its database writable, and what the database holds',
        tags: ['health'],
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    (_request, reply) => {
      const report = healthReport(store.db, reads.dataVersion());
      if (report.status !== 'ok') reply.code(503);
      return report;
    },
  );
};
