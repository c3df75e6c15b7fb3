import { ErrorEnvelopeSchema } from '@indicate/contracts';
import type { z } from 'zod';

/** An API answer that was not what the contract promised, or an error envelope, in words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The envelope's details: for a refused load, the row-level report. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent as X-CSRF-Token on every write (see GET /api/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Fired when the server says the session has ended, so the app can ask the person to sign in again. */
export const SIGNED_OUT_EVENT = 'indicate:signed-out';

/** The one way the dashboard reads the API: fetch, then parse with the same zod schema the API uses. */
export function getJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<z.infer<S>> {
  return request(url, schema, { headers: { accept: 'application/json', ...headers }, signal });
}

export function postJson<S extends z.ZodType>(
  url: string,
  schema: S,
  body?: BodyInit,
  contentType?: string,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return request(url, schema, { method: 'POST', headers, body });
}

/** A write with a JSON body (POST, PUT, PATCH, DELETE), carrying the CSRF token. */
export function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return request(url, schema, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function request<S extends z.ZodType>(url: string, schema: S, init: RequestInit): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError('The server could not be reached. Check your connection and try again.', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !url.startsWith('/api/session')) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    const envelope = ErrorEnvelopeSchema.safeParse(body);
    if (envelope.success) throw new ApiError(envelope.data.error.message, response.status, envelope.data.error.details);
    throw new ApiError(`The server answered ${response.status}.`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('The server sent data this page does not understand.', response.status);
  return parsed.data;
}
