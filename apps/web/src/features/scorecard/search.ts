import { ScorecardQuerySchema } from '@indicate/contracts';
import { z } from 'zod';

/**
 * The scorecard page's search parameters: the API's own. With no council, the loader puts the home council
 * (a setting) in the address, and with no period the council's latest.
 */
export const ScorecardSearchSchema = z.object({
  la: ScorecardQuerySchema.shape.la.optional(),
  period: ScorecardQuerySchema.shape.period,
  theme: ScorecardQuerySchema.shape.theme,
  rag: ScorecardQuerySchema.shape.rag,
  new: ScorecardQuerySchema.shape.new,
  themes: ScorecardQuerySchema.shape.themes,
  worse: ScorecardQuerySchema.shape.worse,
});

export type ScorecardSearch = z.output<typeof ScorecardSearchSchema>;
