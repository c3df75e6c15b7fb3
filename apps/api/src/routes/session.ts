import { ErrorEnvelopeSchema, SessionSchema } from '@indicate/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseCookies } from '../auth/access.ts';
import { audit } from '../auth/audit.ts';
import { decoyHash, verifyPassword } from '../auth/passwords.ts';
import { FailureLimiter } from '../auth/rate-limit.ts';
import { createSession, destroySession, destroySessionById, SESSION_COOKIE } from '../auth/sessions.ts';
import { readSettings } from '../auth/settings.ts';
import { findUserByEmail, userCount } from '../auth/users.ts';
import type { Db } from '../db/client.ts';
import { HttpError } from '../errors.ts';

const SignInSchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

/** Five failures per account, or thirty per address, in fifteen minutes. */
const accounts = () => new FailureLimiter(5, 15 * 60 * 1000);
const addresses = () => new FailureLimiter(30, 15 * 60 * 1000);

function cookie(request: FastifyRequest, value: string, maxAge?: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${secure}${age}`;
}

export const sessionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const byAccount = accounts();
  const byAddress = addresses();

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
          }
        : null,
      csrfToken: request.session?.csrfToken ?? null,
      publicRead: settings.publicRead,
      suppressionThreshold: settings.suppressionThreshold,
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
      const wait = Math.max(byAccount.retryAfter(email), byAddress.retryAfter(address));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`,
        );
      }
      const user = findUserByEmail(db, email);
      const ok = user
        ? await verifyPassword(request.body.password, user.passwordHash)
        : await verifyPassword(request.body.password, await decoyHash());
      if (!user || !ok || user.disabled) {
        byAccount.fail(email);
        byAddress.fail(address);
        audit(db, { actor: email.slice(0, 254), action: 'sign-in-failed', target: email.slice(0, 254), address });
        // The same words whether or not the email exists.
        throw new HttpError(401, 'sign_in_failed', 'The email or password is not right.');
      }
      byAccount.clear(email);
      // A new session id at every sign-in; any session the browser already had ends.
      const previous = parseCookies(request.headers.cookie)[SESSION_COOKIE];
      if (previous) destroySessionById(db, previous);
      const session = createSession(db, user.id);
      audit(db, { actor: user.email, action: 'sign-in', target: user.email, address });
      reply.header('set-cookie', cookie(request, session.id));
      request.user = user;
      request.session = { user, csrfToken: session.csrfToken, idHash: '' };
      return describe(request);
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
