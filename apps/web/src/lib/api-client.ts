import { ErrorEnvelopeSchema } from '@indicate/contracts';
import type { z } from 'zod';

/** An API answer that was not what the contract promised, or an error envelope, in words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The one way the dashboard reads the API: fetch, then parse with the same zod schema the API uses. */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch {
    throw new ApiError('The server could not be reached. Check your connection and try again.', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const envelope = ErrorEnvelopeSchema.safeParse(body);
    throw new ApiError(
      envelope.success ? envelope.data.error.message : `The server answered ${response.status}.`,
      response.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('The server sent data this page does not understand.', response.status);
  return parsed.data;
}
