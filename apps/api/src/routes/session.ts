import { ErrorEnvelopeSchema, PasswordChangeSchema, SessionSchema, SignInSchema } from '@indicate/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieValue } from '../auth/access.ts';
import { audit } from '../auth/audit.ts';
import { DEVICE_COOKIE, DEVICE_MAX_AGE_SECONDS } from '../auth/devices.ts';
import { destroySession, SESSION_COOKIE } from '../auth/sessions.ts';
import { homeLaRef, readSettings } from '../auth/settings.ts';
import { changeOwnPassword, signIn, signOutEverywhere } from '../auth/sign-in.ts';
import { userCount } from '../auth/users.ts';
import type { Db } from '../db/client.ts';
import { SMALL_BODY } from './small-body.ts';

/** A Set-Cookie value: HttpOnly and SameSite=Lax always, Secure over HTTPS. */
function cookie(
  request: FastifyRequest,
  value: string,
  maxAge?: number,
  options: { name: string; path: string } = { name: SESSION_COOKIE, path: '/' },
): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
  return `${options.name}=${value}; Path=${options.path}; HttpOnly; SameSite=Lax${secure}${age}`;
}

export const sessionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const describe = (request: FastifyRequest) => {
    const settings = readSettings(db);
    return {
      user: request.user
        ? {
            id: request.user.id,
            email: request.user.email,
            name: request.user.name,
            role: request.user.role,
            themes: request.user.themes,
            mustChangePassword: request.user.mustChangePassword,
          }
        : null,
      csrfToken: request.session?.csrfToken ?? null,
      publicRead: settings.publicRead,
      suppressionThreshold: settings.suppressionThreshold,
      homeLa: homeLaRef(db, settings.homeLa),
      serviceName: settings.serviceName,
      noUsersYet: userCount(db) === 0,
    };
  };

  app.get(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Who is signed in, and the CSRF token for writes',
        tags: ['session'],
        response: { 200: SessionSchema },
      },
    },
    (request) => describe(request),
  );

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      ...SMALL_BODY,
      schema: {
        summary: 'Sign in with email and password',
        tags: ['session'],
        body: SignInSchema,
        response: {
          200: SessionSchema,
          400: ErrorEnvelopeSchema,
          401: ErrorEnvelopeSchema,
          429: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(db, {
        email: request.body.email,
        password: request.body.password,
        address: request.ip,
        deviceToken: cookieValue(request.headers.cookie, DEVICE_COOKIE),
        previousSession: cookieValue(request.headers.cookie, SESSION_COOKIE),
      });
      const device = cookie(request, signedIn.deviceToken, DEVICE_MAX_AGE_SECONDS, {
        name: DEVICE_COOKIE,
        path: '/api/session',
      });
      reply.header('set-cookie', [cookie(request, signedIn.session.id), device]);
      request.user = signedIn.user;
      request.session = { user: signedIn.user, csrfToken: signedIn.session.csrfToken, idHash: '' };
      return describe(request);
    },
  );

  app.put(
    '/api/session/password',
    {
      config: { access: 'signed-in' },
      ...SMALL_BODY,
      schema: {
        summary:
          'Change your own password (the current one is checked, throttled as a sign-in is); your other sessions and remembered browsers end',
        tags: ['session'],
        body: PasswordChangeSchema,
        response: {
          204: z.null(),
          400: ErrorEnvelopeSchema,
          401: ErrorEnvelopeSchema,
          403: ErrorEnvelopeSchema,
          429: ErrorEnvelopeSchema,
          503: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(db, request.user!, request.body, request.session!.idHash, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'public' },
      schema: { summary: 'Sign out', tags: ['session'], response: { 200: SessionSchema, 403: ErrorEnvelopeSchema } },
    },
    (request, reply) => {
      if (request.session) {
        destroySession(db, request.session.idHash);
        audit(db, { actor: request.user!.email, action: 'sign-out', target: request.user!.email, address: request.ip });
      }
      reply.header('set-cookie', cookie(request, '', 0));
      request.user = null;
      request.session = null;
      return describe(request);
    },
  );

  app.delete(
    '/api/session/everywhere',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Sign out everywhere: every session of yours and every browser remembered for you end',
        tags: ['session'],
        response: { 200: SessionSchema, 401: ErrorEnvelopeSchema, 403: ErrorEnvelopeSchema },
      },
    },
    (request, reply) => {
      signOutEverywhere(db, request.user!, request.ip);
      reply.header('set-cookie', [
        cookie(request, '', 0),
        cookie(request, '', 0, { name: DEVICE_COOKIE, path: '/api/session' }),
      ]);
      request.user = null;
      request.session = null;
      return describe(request);
    },
  );
};
