import {
  CommentaryBodySchema,
  CommentarySchema,
  KeyMessageBodySchema,
  KeyMessageQuerySchema,
  FigureKeySchema,
  OverrideBodySchema,
  OverrideSchema,
  TargetBodySchema,
  TargetSchema,
} from '@indicate/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parsePeriodId, periodId, PUBLIC_AUTHOR } from '@indicate/core';
import { z } from 'zod';
import { actorOf, assertThemeAllowed } from '../auth/access.ts';
import {
  commentaryStatusFor,
  overrideRag,
  readCommentary,
  readKeyMessage,
  setTarget,
  withdrawCommentary,
  withdrawKeyMessage,
  writeCommentary,
  writeKeyMessage,
} from '../editorial.ts';
import { may } from '@indicate/contracts';
import { DomainError } from '../domain-error.ts';
import type { ReadService } from '../reads/service.ts';
import type { Db } from '../db/client.ts';
import { SIGNED_IN_ERRORS } from './responses.ts';

const errors = SIGNED_IN_ERRORS;
/** Targets, RAG overrides and commentary: written by people, audited, bounded by role and theme. */
export const writeRoutes: FastifyPluginAsyncZod<{ db: Db; service: ReadService }> = async (app, { db, service }) => {
  app.put(
    '/api/targets',
    {
      config: { access: 'target' },
      schema: {
        summary: 'Set the target (and tolerance) for an indicator, LA and period; the earlier one is kept',
        tags: ['judgements'],
        body: TargetBodySchema,
        response: { 200: TargetSchema, ...errors },
      },
    },
    (request) => {
      const b = request.body;
      const indicator = service.indicator(b.indicatorId);
      service.la(b.la);
      assertThemeAllowed(request.user!, indicator.theme);
      if (indicator.polarity === 'none') {
        throw new DomainError(
          'invalid',
          'invalid_request',
          `${indicator.shortLabel} has no polarity, so it takes no target.`,
        );
      }
      return setTarget(
        db,
        { indicatorId: indicator.id, laCode: b.la, periodId: b.period },
        b,
        actorOf(request),
        request.ip,
      );
    },
  );

  app.post(
    '/api/overrides',
    {
      config: { access: 'override' },
      schema: {
        summary: 'Override the proposed RAG of a figure, with the reason; the proposal stays visible',
        tags: ['judgements'],
        body: OverrideBodySchema,
        response: { 201: OverrideSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const { indicator, assessment } = service.figureAt(b.indicatorId, b.la, b.period);
      assertThemeAllowed(request.user!, indicator.theme);
      const saved = overrideRag(
        db,
        { indicatorId: indicator.id, laCode: b.la, periodId: b.period },
        { proposedStatus: assessment.rag.proposed.status, status: b.status, reason: b.reason },
        actorOf(request),
        request.ip,
      );
      return reply.status(201).send(saved);
    },
  );

  app.post(
    '/api/commentary',
    {
      config: { access: 'commentary' },
      schema: {
        summary: "Write commentary on a figure: a service lead's is published, an analyst's is a draft",
        tags: ['judgements'],
        body: CommentaryBodySchema,
        response: { 201: CommentarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const indicator = service.indicator(b.indicatorId);
      service.la(b.la);
      // Commentary is kept under the period's one spelling, so it is always found with its figure.
      const period = parsePeriodId(b.period);
      if (!period.ok || periodId(period.period) !== b.period) {
        throw new DomainError(
          'invalid',
          'invalid_request',
          `Invalid request body field period: "${b.period.slice(0, 20)}" is not a period id such as 2018-19-Q1.`,
        );
      }
      if (request.user!.role === 'service-lead') assertThemeAllowed(request.user!, indicator.theme);
      const status = commentaryStatusFor(request.user!.role);
      const saved = writeCommentary(
        db,
        { indicatorId: indicator.id, laCode: b.la, periodId: b.period },
        b.text,
        status,
        actorOf(request),
        request.ip,
      );
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/api/commentary',
    {
      config: { access: 'commentary' },
      schema: {
        summary: "Withdraw a figure's commentary (kept in its history, audited); published only by a service lead",
        tags: ['judgements'],
        querystring: FigureKeySchema,
        response: { 200: CommentarySchema, ...errors },
      },
    },
    (request) => {
      const q = request.query;
      const indicator = service.indicator(q.indicatorId);
      service.la(q.la);
      if (request.user!.role === 'service-lead') assertThemeAllowed(request.user!, indicator.theme);
      return withdrawCommentary(
        db,
        { indicatorId: indicator.id, laCode: q.la, periodId: q.period },
        may(request.user!.role, 'publish'),
        actorOf(request),
        request.ip,
      );
    },
  );

  app.get(
    '/api/commentary',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Commentary on a figure, newest first (drafts too, for those who write them)',
        tags: ['judgements'],
        querystring: FigureKeySchema,
        response: { 200: z.array(CommentarySchema), ...errors },
      },
    },
    (request) => {
      const q = request.query;
      const drafts = request.view !== 'public' && request.user !== null && request.user.role !== 'viewer';
      const comments = readCommentary(db, { indicatorId: q.indicatorId, laCode: q.la, periodId: q.period }, drafts);
      if (request.view !== 'public') return comments;
      // The public read no commentary on a figure they cannot see, and no member of staff's name.
      if (service.isWithheld(q.indicatorId, q.la, q.period)) return [];
      return comments.map((c) => ({ ...c, author: PUBLIC_AUTHOR }));
    },
  );

  // The service lead's key message for a council's period, at the top of the scorecard and the pack.
  const periodKey = (q: { la: string; period: string }) => {
    service.la(q.la);
    const period = parsePeriodId(q.period);
    if (!period.ok || periodId(period.period) !== q.period) {
      throw new DomainError(
        'invalid',
        'invalid_request',
        `Invalid field period: "${q.period.slice(0, 20)}" is not a period id such as 2026-27-Q2.`,
      );
    }
    return { laCode: q.la, periodId: q.period };
  };

  app.get(
    '/api/key-message',
    {
      config: { access: 'read' },
      schema: {
        summary: "The service lead's key message for a council's period, newest version first",
        tags: ['judgements'],
        querystring: KeyMessageQuerySchema,
        response: { 200: z.array(CommentarySchema), ...errors },
      },
    },
    (request) => {
      const drafts = request.view !== 'public' && request.user !== null && request.user.role !== 'viewer';
      const versions = readKeyMessage(db, periodKey(request.query), drafts);
      return request.view === 'public' ? versions.map((c) => ({ ...c, author: PUBLIC_AUTHOR })) : versions;
    },
  );

  app.post(
    '/api/key-message',
    {
      config: { access: 'commentary' },
      schema: {
        summary: "Write the key message: a service lead's is published, an analyst's a draft; audited",
        tags: ['judgements'],
        body: KeyMessageBodySchema,
        response: { 201: CommentarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const saved = writeKeyMessage(
        db,
        periodKey(b),
        b.text,
        commentaryStatusFor(request.user!.role),
        actorOf(request),
        request.ip,
      );
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/api/key-message',
    {
      config: { access: 'commentary' },
      schema: {
        summary: 'Withdraw the key message (kept in its history, audited); a published one only by a service lead',
        tags: ['judgements'],
        querystring: KeyMessageQuerySchema,
        response: { 200: CommentarySchema, ...errors },
      },
    },
    (request) =>
      withdrawKeyMessage(
        db,
        periodKey(request.query),
        may(request.user!.role, 'publish'),
        actorOf(request),
        request.ip,
      ),
  );
};
