import { ErrorEnvelopeSchema } from '@indicate/contracts';

/**
 * The error answers a route documents (all in the one envelope, errors.ts): what any route may refuse
 * with, and what a write adds.
 */
export const READ_ERRORS = { 400: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema } as const;
export const SIGNED_IN_ERRORS = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
} as const;
export const WRITE_ERRORS = { ...SIGNED_IN_ERRORS, 409: ErrorEnvelopeSchema } as const;
