import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import { findSession, SESSION_COOKIE, type ActiveSession } from './sessions.ts';
import { readSettings } from './settings.ts';
import type { Role, User } from './users.ts';

/** What a route needs. `public`: anyone; `read`: signed in, or anyone when public read is on. */
export type Access = 'public' | 'read' | 'load' | 'override' | 'target' | 'commentary' | 'pack' | 'admin';

/** The roles table of the brief, in one place; the server enforces it on every route. */
export const GRANTS: Record<Role, readonly Access[]> = {
  viewer: ['read'],
  'service-lead': ['read', 'override', 'target', 'commentary', 'pack'],
  analyst: ['read', 'load', 'commentary', 'pack'],
  admin: ['read', 'admin'],
};

const WORDS: Record<Access, string> = {
  public: 'use this',
  read: 'read the figures',
  load: 'load or revert data',
  override: 'override a RAG status',
  target: 'set targets',
  commentary: 'write commentary',
  pack: 'draft or edit committee packs',
  admin: 'manage users, settings and the audit log',
};

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

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Who is asking, and whether they may: runs first on every request. Every API write route must declare
 * its access (checked when routes are registered), so none is left open by omission. A cookie-signed
 * write must carry the session's CSRF token in `X-CSRF-Token`.
 */
export function installAccessControl(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('view', 'full');

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const writes = methods.some((m) => UNSAFE.has(m));
    if (route.url.startsWith('/api') && writes && !route.config?.access) {
      throw new Error(`${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const cookie = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const session = cookie ? findSession(db, cookie) : null;
    request.session = session;
    request.user = session?.user ?? null;
    if (request.is404) return;
    const url = request.url;
    const access: Access = request.routeOptions.config?.access ?? (url.startsWith('/api') ? 'read' : 'public');
    if (session && UNSAFE.has(request.method) && url !== '/api/session') {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !sameToken(token, session.csrfToken)) {
        throw new HttpError(
          403,
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
      throw new HttpError(401, 'sign_in_required', 'Sign in to do this.');
    }
    if (!GRANTS[request.user.role].includes(access)) {
      throw new HttpError(403, 'forbidden', `Your role (${request.user.role}) may not ${WORDS[access]}.`);
    }
  });

  // Nothing a signed-in person sees is kept by the browser or a proxy.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user) reply.header('cache-control', 'no-store');
  });
}

/** A service lead writes only for their own themes' indicators. */
export function assertThemeAllowed(user: User, theme: string): void {
  if (user.role === 'service-lead' && !user.themes.includes(theme)) {
    throw new HttpError(
      403,
      'forbidden',
      `You lead ${user.themes.length ? user.themes.join(', ') : 'no themes'}; this indicator is in ${theme}.`,
    );
  }
}

/** The actor name written to the audit log and to a load's loaded_by. */
export function actorOf(request: FastifyRequest): string {
  return request.user?.email ?? 'anonymous';
}
