import { ScorecardQuerySchema } from '@indicate/contracts';
import { z } from 'zod';
import { HOME_LA } from '../../lib/home-council.ts';

/** The scorecard page's search parameters: the API's own, the council defaulting to the home council. */
export const ScorecardSearchSchema = z.object({
  la: ScorecardQuerySchema.shape.la.default(HOME_LA),
  period: ScorecardQuerySchema.shape.period,
  theme: ScorecardQuerySchema.shape.theme,
  rag: ScorecardQuerySchema.shape.rag,
  new: ScorecardQuerySchema.shape.new,
});

export type ScorecardSearch = z.output<typeof ScorecardSearchSchema>;
