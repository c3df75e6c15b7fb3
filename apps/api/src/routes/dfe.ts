import {
  DfeApproveRequestSchema,
  DfeOverviewSchema,
  DfePullOutcomeSchema,
  DfePullRequestSchema,
  DfePullSchema,
  DfeSourceCheckSchema,
  ErrorEnvelopeSchema,
  IdParamsSchema,
} from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import type { DfeService } from '../dfe/service.ts';
import { WRITE_ERRORS } from './responses.ts';

const errors = { ...WRITE_ERRORS, 503: ErrorEnvelopeSchema } as const;

/** The DfE data page: DfE's sources, checks, pulls and their approval (analysts: the `load` grant). */
export const dfeRoutes: FastifyPluginAsyncZod<{ dfe: DfeService }> = async (app, { dfe }) => {
  app.get(
    '/api/dfe',
    {
      config: { access: 'load' },
      schema: {
        summary: "DfE's sources: the release held, the year reached, last checked, the latest pull",
        tags: ['dfe'],
        response: { 200: DfeOverviewSchema, ...errors },
      },
    },
    () => dfe.overview(),
  );

  app.post(
    '/api/dfe/check',
    {
      config: { access: 'load' },
      schema: {
        summary: 'Ask DfE now which release of each source it publishes (loads nothing)',
        tags: ['dfe'],
        response: { 200: z.array(DfeSourceCheckSchema), ...errors },
      },
    },
    () => dfe.check(),
  );

  app.get(
    '/api/dfe/pulls',
    {
      config: { access: 'load' },
      schema: {
        summary: 'The pulls, newest first (the first 20 revisions of each)',
        tags: ['dfe'],
        response: { 200: z.array(DfePullSchema), ...errors },
      },
    },
    () => dfe.list(),
  );

  app.post(
    '/api/dfe/pulls',
    {
      config: { access: 'load' },
      schema: {
        summary:
          "Fetch DfE's newest release of the sources named (all that can be pulled when none is) and stage each as a dry run",
        tags: ['dfe'],
        body: DfePullRequestSchema,
        response: { 200: DfePullOutcomeSchema, ...errors },
      },
    },
    (request) => dfe.pull(request.body.sources, actorOf(request)),
  );

  app.get(
    '/api/dfe/pulls/:id',
    {
      config: { access: 'load' },
      schema: {
        summary: 'One pull: every figure DfE revised, new years, LAs and columns',
        tags: ['dfe'],
        params: IdParamsSchema,
        response: { 200: DfePullSchema, ...errors },
      },
    },
    (request) => dfe.get(request.params.id),
  );

  app.post(
    '/api/dfe/pulls/:id/approve',
    {
      config: { access: 'load' },
      schema: {
        summary:
          'Load a staged pull: refused unless its plan is the one named and the figures held are as its dry run found them',
        tags: ['dfe'],
        params: IdParamsSchema,
        body: DfeApproveRequestSchema,
        response: { 200: DfePullSchema, ...errors },
      },
    },
    (request) => dfe.approve(request.params.id, request.body.planHash, actorOf(request)),
  );

  app.post(
    '/api/dfe/pulls/:id/discard',
    {
      config: { access: 'load' },
      schema: {
        summary: 'Set a staged pull aside',
        tags: ['dfe'],
        params: IdParamsSchema,
        response: { 200: DfePullSchema, ...errors },
      },
    },
    (request) => dfe.discard(request.params.id, actorOf(request)),
  );
};
