import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Security headers on every response. The dashboard's pages and files get the full policy: scripts only
 * from this origin (no inline script; inline styles are allowed because the chart library sets style
 * attributes), no framing, no sniffing. API answers are data, never rendered as a page, so they get the
 * strictest short form (OWASP's REST advice): nothing may load from them and nothing may frame them.
 * Headers are bytes on every answer: the short form is most of what makes a cached read cheap.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const API_HEADERS = {
  'content-security-policy': API_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
};

const HSTS = 'max-age=31536000; includeSubDomains';

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook(
    'onSend',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
      // An API route's data; its HTML page (/api/docs) is a page like any other.
      const url = request.routeOptions.url;
      const api = url !== undefined && url.startsWith('/api/') && url !== '/api/docs';
      reply.headers(api ? API_HEADERS : PAGE_HEADERS);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      // Nothing a signed-in person sees is kept by the browser or a proxy.
      if (request.user) reply.header('cache-control', 'no-store');
      done(null, payload);
    },
  );
}
