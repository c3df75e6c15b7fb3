import { HealthSchema } from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appliedMigrations } from '../db/client.ts';
import type { Store } from '../store.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Whether the service is up, and what the database holds',
        tags: ['health'],
        response: { 200: HealthSchema },
      },
    },
    () => {
      const { db } = store;
      const one = (query: string) => (db.$client.prepare(query).get() as { n: number }).n;
      return {
        status: 'ok' as const,
        database: {
          indicators: one('select count(*) as n from indicators'),
          localAuthorities: one('select count(*) as n from local_authorities'),
          statNeighbourSets: one(
            'select count(*) as n from (select distinct model_year, la_code from stat_neighbours)',
          ),
          migrations: appliedMigrations(db),
        },
      };
    },
  );
};
