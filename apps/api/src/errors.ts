import type { ErrorEnvelope } from '@indicate/contracts';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type Problem } from './domain-error.ts';

export function envelope(code: string, message: string, details?: unknown): ErrorEnvelope {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/**
 * Sends an error envelope. `<`, `>` and `&` are written as \u escapes, so text echoed from a hostile
 * request (a parameter holding a script tag) never appears as markup in the raw response.
 */
export function sendError(reply: FastifyReply, status: number, body: ErrorEnvelope): FastifyReply {
  const json = JSON.stringify(body).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return reply.status(status).type('application/json; charset=utf-8').send(json);
}

/** The one place a domain problem becomes an HTTP status. */
export const PROBLEM_STATUS: Record<Problem, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_attempts: 429,
  timeout: 408,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

const PART_NAMES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'request body field',
  headers: 'header',
};

/**
 * One error envelope for every 4xx and 5xx. A bad request names what was wrong and where; a 5xx says
 * only that it was logged: no stack trace, no SQL, no internals reach the client.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = PART_NAMES[error.validationContext ?? ''] ?? 'request';
      const details = error.validation.map((v) => ({
        where: `${part} ${v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(whole)'}`,
        message: v.message,
      }));
      const first = details[0]!;
      return sendError(reply, 400, envelope('invalid_request', `Invalid ${first.where}: ${first.message}`, details));
    }
    if (error instanceof DomainError) {
      const wait = error.retryAfterSeconds;
      if (wait !== undefined) reply.header('retry-after', String(wait));
      else if (error.problem === 'unavailable' || error.problem === 'too_many_attempts')
        reply.header('retry-after', '2');
      return sendError(reply, PROBLEM_STATUS[error.problem], envelope(error.code, error.message, error.details));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, unsupported media type).
      const code = (error.code ?? 'bad_request').toLowerCase().replace(/^fst_err_(ctp_)?/, '');
      return sendError(reply, status, envelope(code, error.message));
    }
    request.log.error({ err: error, reqId: request.id, method: request.method, url: request.url }, 'request failed');
    return sendError(reply, 500, envelope('internal_error', 'Something went wrong on our side; it has been logged.'));
  });
}
