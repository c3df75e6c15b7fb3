import {
  RagRuleChangeSchema,
  RagRuleSettingSchema,
  ScorecardSetChangeSchema,
  ScorecardSetSchema,
} from '@indicate/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/access.ts';
import { changeRagRule, ragRuleSetting, readRagRuleChoices } from '../dashboard/rag-rules.ts';
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

  app.get(
    '/api/indicators/:id/rag-rule',
    {
      config: { access: 'read' },
      schema: {
        summary: "The rule that judges an indicator's RAG status, and the rules it may be given",
        tags: ['dashboard'],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: RagRuleSettingSchema, ...SIGNED_IN_ERRORS },
      },
    },
    (request) => ragRuleSetting(service.indicator(request.params.id), readRagRuleChoices(db)),
  );

  app.put(
    '/api/indicators/:id/rag-rule',
    {
      config: { access: 'dashboard' },
      schema: {
        summary: "Choose an indicator's RAG rule: target or national quartile (null: the catalogue's); audited",
        tags: ['dashboard'],
        params: z.object({ id: z.string().max(100) }),
        body: RagRuleChangeSchema,
        response: { 200: RagRuleSettingSchema, ...WRITE_ERRORS },
      },
    },
    (request) =>
      changeRagRule(db, service.indicator(request.params.id), request.body.rule, {
        email: actorOf(request),
        address: request.ip,
      }),
  );
};
