import { ErrorEnvelopeSchema, PasswordChangeSchema, SessionSchema, SignInSchema } from '@indicate/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieValue } from '../auth/access.ts';
import { audit, safeLogText } from '../auth/audit.ts';
import { decoyHash, verifyPassword } from '../auth/passwords.ts';
import { DEVICE_COOKIE, DEVICE_MAX_AGE_SECONDS, deviceToken, isKnownDevice } from '../auth/devices.ts';
import { reserveSignIn, SIGN_IN_THROTTLE, signInSucceeded, waitInWords } from '../auth/throttle.ts';
import { createSession, destroySession, destroySessionById, SESSION_COOKIE } from '../auth/sessions.ts';
import { readSettings } from '../auth/settings.ts';
import { changeOwnPassword, findUserByEmail, userCount } from '../auth/users.ts';
import { prepared, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';

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

function laName(db: Db, code: string): string {
  const row = prepared(db, 'select name from local_authorities where old_la_code = ?').get(code) as
    { name: string } | undefined;
  return row?.name ?? code;
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
      homeLa: { code: settings.homeLa, name: laName(db, settings.homeLa) },
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
      schema: {
        summary: 'Sign in with email and password',
        tags: ['session'],
        body: SignInSchema,
        response: { 200: SessionSchema, 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 429: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const address = request.ip;
      // Counted before the password is checked, synchronously: see SIGN_IN_THROTTLE in auth/throttle.ts.
      const knownDevice = isKnownDevice(db, email, cookieValue(request.headers.cookie, DEVICE_COOKIE));
      const reservation = reserveSignIn(db, email, address, Date.now(), SIGN_IN_THROTTLE, knownDevice);
      if (!reservation.ok) {
        const wait = reservation.retryAfterSeconds;
        reply.header('retry-after', String(wait));
        throw new DomainError(
          'too_many_attempts',
          'too_many_attempts',
          `Too many failed sign-in attempts. Try again in ${waitInWords(wait)}.`,
        );
      }
      const user = findUserByEmail(db, email);
      const ok = user
        ? await verifyPassword(request.body.password, user.passwordHash)
        : await verifyPassword(request.body.password, await decoyHash());
      if (!user || !ok || user.disabled) {
        // The reservation stays as this failure. What was typed is stored escaped and bounded.
        const typed = safeLogText(email);
        audit(db, { actor: typed, action: 'sign-in-failed', target: typed, address: safeLogText(address) });
        // The same words whether or not the email exists.
        throw new DomainError('unauthenticated', 'sign_in_failed', 'The email or password is not right.');
      }
      signInSucceeded(db, email, address, knownDevice);
      // A new session id at every sign-in; any session the browser already had ends.
      const previous = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (previous) destroySessionById(db, previous);
      const session = createSession(db, user.id);
      audit(db, { actor: user.email, action: 'sign-in', target: user.email, address });
      // This browser is now known for this account (auth/devices.ts), so strangers cannot slow it.
      const device = cookie(request, deviceToken(db, email), DEVICE_MAX_AGE_SECONDS, {
        name: DEVICE_COOKIE,
        path: '/api/session',
      });
      reply.header('set-cookie', [cookie(request, session.id), device]);
      request.user = user;
      request.session = { user, csrfToken: session.csrfToken, idHash: '' };
      return describe(request);
    },
  );

  app.put(
    '/api/session/password',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Change your own password (the current one is checked); your other sessions end',
        tags: ['session'],
        body: PasswordChangeSchema,
        response: { 204: z.null(), 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 403: ErrorEnvelopeSchema },
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
};
