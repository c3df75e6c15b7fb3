/**
 * What went wrong, in the domain's terms. Services and hooks throw these; `errors.ts` is the one place
 * that turns them into HTTP responses (and the CLI into messages and exit codes), so no service knows
 * about HTTP.
 */
export type Problem =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_attempts'
  | 'timeout'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly problem: Problem,
    /** A stable, machine-readable code such as `unknown_indicator`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** How long to wait before trying again (a 429's or 503's Retry-After), when it is known. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
