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

/** The one way the dashboard reads the API: fetch, then parse with the same zod schema the API uses. */
export function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  return request(url, schema, { headers: { accept: 'application/json' }, signal });
}

export function postJson<S extends z.ZodType>(
  url: string,
  schema: S,
  body?: BodyInit,
  contentType?: string,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  return request(url, schema, { method: 'POST', headers, body });
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
    const envelope = ErrorEnvelopeSchema.safeParse(body);
    if (envelope.success) throw new ApiError(envelope.data.error.message, response.status, envelope.data.error.details);
    throw new ApiError(`The server answered ${response.status}.`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('The server sent data this page does not understand.', response.status);
  return parsed.data;
}
