import { z } from 'zod';

/** The one error envelope every 4xx and 5xx response uses. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

export const HealthSchema = z.object({
  /** `degraded` (answered with 503) when the database cannot be written; `problems` then says why. */
  status: z.enum(['ok', 'degraded']),
  problems: z.array(z.string()).optional(),
  database: z.object({
    indicators: z.number().int(),
    localAuthorities: z.number().int(),
    statNeighbourSets: z.number().int(),
    migrations: z.number().int(),
  }),
});
export type Health = z.infer<typeof HealthSchema>;
