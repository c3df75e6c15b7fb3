import crypto from 'node:crypto';
import { ACCESS_WORDS, may, type Access } from '@indicate/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { findSession, SESSION_COOKIE, type ActiveSession } from './sessions.ts';
import { readSettings } from './settings.ts';
import type { User } from './users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    session: ActiveSession | null;
    /** `public`: an anonymous visitor under public read, who sees small numbers suppressed. */
    view: 'full' | 'public';
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The rule of the route the router matched; undefined when the route declared none. */
function accessOf(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config?.access;
}

/**
 * Who is asking, and whether they may: runs first on every request. The rule is the one declared by the
 * route the router matched, never guessed from the URL's spelling, so `/%61pi/...`, `//api/...`,
 * `/x/../api/...` and `GET http://host/api/...` get exactly the rule of the route they reach. Every route
 * must declare its rule: registering one without `config.access` fails at start-up, and a request that
 * reaches a route without one is refused (deny by default). A cookie-signed write must carry the
 * session's CSRF token in `X-CSRF-Token`. See docs/decisions/0009-access-and-disclosure.md.
 */
export function installAccessControl(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('view', 'full');

  app.addHook('onRoute', (route) => {
    // @fastify/static registers one route per file of the built dashboard, marked with `config.file`:
    // those files are the public shell of the dashboard, holding no figures.
    const config = route.config as { access?: Access; file?: string } | undefined;
    if (!config?.access && config?.file !== undefined) {
      route.config = { ...config, access: 'public' };
      return;
    }
    if (!config?.access) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      throw new Error(`${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    }
  });

  // A plain (not async) hook: it runs on every request, and a promise per request is measurable.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    try {
      decide(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  function decide(request: FastifyRequest): void {
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const session = cookie ? findSession(db, cookie) : null;
    request.session = session;
    request.user = session?.user ?? null;
    // Nothing matched: the not-found handler answers, and it serves nothing but the dashboard's shell.
    if (request.is404) return;
    const access = accessOf(request);
    if (access === undefined) {
      throw new DomainError('forbidden', 'forbidden', 'This route has no access rule, so it is refused.');
    }
    // Signing in is exempt (the page has no token before it); signing out is not.
    const signingIn = request.method === 'POST' && request.routeOptions.url === '/api/session';
    if (session && UNSAFE.has(request.method) && !signingIn) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !sameToken(token, session.csrfToken)) {
        throw new DomainError(
          'forbidden',
          'csrf_token_invalid',
          'This request did not carry the page’s security token (X-CSRF-Token); reload the page and try again.',
        );
      }
    }
    if (access === 'public') return;
    if (!request.user) {
      if (access === 'read' && readSettings(db).publicRead) {
        request.view = 'public';
        return;
      }
      throw new DomainError(
        'unauthenticated',
        'sign_in_required',
        access === 'signed-in' && readSettings(db).publicRead
          ? 'Sign in to see this: it holds figures the public view does not show.'
          : 'Sign in to do this.',
      );
    }
    // After an admin's reset, the one-time password is for choosing a new one and nothing else.
    if (request.user.mustChangePassword && !PASSWORD_CHANGE.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new DomainError(
        'forbidden',
        'password_change_required',
        'Choose a new password first: you signed in with a one-time password from your administrator.',
      );
    }
    if (!may(request.user.role, access)) {
      throw new DomainError(
        'forbidden',
        'forbidden',
        `Your role (${request.user.role}) may not ${ACCESS_WORDS[access]}.`,
      );
    }
    // A signed-in reader may ask to see a read as the public would (the Settings page's preview): less, never more.
    if (access === 'read' && request.headers['x-indicate-view'] === 'public') request.view = 'public';
  }
}

/** What a user signed in with a one-time password may do: change it, or sign out. */
const PASSWORD_CHANGE = new Set(['PUT /api/session/password', 'DELETE /api/session']);

/** A service lead writes only for their own themes' indicators. */
export function assertThemeAllowed(user: User, theme: string): void {
  if (user.role === 'service-lead' && !user.themes.includes(theme)) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      `You lead ${user.themes.length ? user.themes.join(', ') : 'no themes'}; this indicator is in ${theme}.`,
    );
  }
}

/** The actor name written to the audit log and to a load's loaded_by. */
export function actorOf(request: FastifyRequest): string {
  return request.user?.email ?? 'anonymous';
}
