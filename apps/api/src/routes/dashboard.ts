import { ScorecardSetChangeSchema, ScorecardSetSchema } from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/access.ts';
import { changeScorecardSet, readScorecardSet } from '../dashboard/scorecard-set.ts';
import type { ReadService } from '../reads/service.ts';
import { SIGNED_IN_ERRORS, WRITE_ERRORS } from './responses.ts';

/** The scorecard set: which indicators the scorecard, summary, pack and exports show. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ service: ReadService }> = async (app, { service }) => {
  const { db, catalogue } = service.ctx;
  const described = (set: ReturnType<typeof readScorecardSet>) => ({
    indicators: set.indicators.map((i) => service.ctx.indicatorRef(i)),
    isDefault: set.isDefault,
  });

  app.get(
    '/api/scorecard-set',
    {
      config: { access: 'read' },
      schema: {
        summary: "The scorecard set: the indicators the council's scorecard shows, in order",
        tags: ['dashboard'],
        response: { 200: ScorecardSetSchema, ...SIGNED_IN_ERRORS },
      },
    },
    () => described(readScorecardSet(db, catalogue)),
  );

  app.put(
    '/api/scorecard-set',
    {
      config: { access: 'dashboard' },
      schema: {
        summary: 'Change the scorecard set (null: back to the default); audited',
        tags: ['dashboard'],
        body: ScorecardSetChangeSchema,
        response: { 200: ScorecardSetSchema, ...WRITE_ERRORS },
      },
    },
    (request) =>
      described(
        changeScorecardSet(db, catalogue, request.body.indicators, { email: actorOf(request), address: request.ip }),
      ),
  );
};
