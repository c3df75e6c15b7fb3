import {
  AuditQuerySchema,
  AuditRowSchema,
  IdParamsSchema,
  NewUserSchema,
  UserChangeSchema,
  CreatedUserSchema,
  PasswordResetSchema,
  SettingsSchema,
  UserSchema,
} from '@indicate/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { audit, readAudit } from '../auth/audit.ts';
import { generatePassword } from '../auth/passwords.ts';
import { changeSettings, readSettings } from '../auth/settings.ts';
import { changeUser, createUser, listUsers, resetPassword, UserProblem } from '../auth/users.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { toCsv } from '../reads/csv.ts';
import { SIGNED_IN_ERRORS } from './responses.ts';

const errors = SIGNED_IN_ERRORS;

/** Users, settings and the audit log: admins only. */
export const adminRoutes: FastifyPluginAsyncZod<{ db: Db; themes: string[] }> = async (app, { db, themes }) => {
  const actor = (request: FastifyRequest) => ({ email: actorOf(request), address: request.ip });
  const checkThemes = (list: string[] | undefined) => {
    const unknown = (list ?? []).filter((t) => !themes.includes(t));
    if (unknown.length) {
      throw new DomainError(
        'invalid',
        'invalid_request',
        `Unknown theme(s): ${unknown.join(', ')}; use: ${themes.join(', ')}.`,
      );
    }
  };

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { summary: 'Every user', tags: ['admin'], response: { 200: z.array(UserSchema), ...errors } },
    },
    () => listUsers(db),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a user; without a password one is generated and returned once',
        tags: ['admin'],
        body: NewUserSchema,
        response: { 201: CreatedUserSchema, ...errors },
      },
    },
    async (request, reply) => {
      checkThemes(request.body.themes);
      const generated = request.body.password ? null : generatePassword();
      try {
        // The admin saw the password: the new user chooses their own at first sign-in, as after a reset.
        const user = await createUser(
          db,
          {
            ...request.body,
            password: request.body.password ?? generated!,
            mustChangePassword: true,
          },
          undefined,
          { address: request.ip },
        );
        audit(db, {
          actor: actorOf(request),
          action: 'user-create',
          target: user.email,
          after: user,
          address: request.ip,
        });
        return reply.status(201).send({ user, generatedPassword: generated });
      } catch (error) {
        if (error instanceof UserProblem) throw new DomainError('invalid', 'invalid_user', error.message);
        throw error;
      }
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Change a user's role, themes, or disable them (their sessions end)",
        tags: ['admin'],
        params: IdParamsSchema,
        body: UserChangeSchema,
        response: { 200: UserSchema, ...errors },
      },
    },
    (request) => {
      checkThemes(request.body.themes);
      return changeUser(db, request.params.id, request.body, { ...actor(request), id: request.user!.id });
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Reset a user's password: a one-time password they must change at sign-in; their sessions end",
        tags: ['admin'],
        params: IdParamsSchema,
        response: { 200: PasswordResetSchema, ...errors },
      },
    },
    (request) => resetPassword(db, request.params.id, actor(request)),
  );

  app.get(
    '/api/settings',
    {
      config: { access: 'admin' },
      schema: { summary: 'Settings', tags: ['admin'], response: { 200: SettingsSchema, ...errors } },
    },
    () => readSettings(db),
  );

  app.put(
    '/api/settings',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change settings: public read, suppression threshold',
        tags: ['admin'],
        body: SettingsSchema,
        response: { 200: SettingsSchema, ...errors },
      },
    },
    (request) => changeSettings(db, request.body, actor(request)),
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'The audit log, newest first; filter by action or actor; CSV with format=csv',
        tags: ['admin'],
        querystring: AuditQuerySchema,
        response: { 200: z.array(AuditRowSchema), ...errors },
      },
    },
    (request, reply) => {
      const rows = readAudit(db, request.query);
      if (request.query.format === 'csv') {
        const csv = toCsv(
          ['id', 'at', 'actor', 'action', 'target', 'before', 'after', 'address'],
          rows.map((r) => [r.id, r.at, r.actor, r.action, r.target, r.before, r.after, r.address]),
        );
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="indicate-audit.csv"')
          .send(csv as never);
        return;
      }
      return rows;
    },
  );
};
