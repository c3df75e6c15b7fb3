import { z } from 'zod';
import { IndicatorRefSchema } from './reads.ts';

/**
 * The dashboard's scorecard set: which catalogue indicators the council's scorecard, summary, committee
 * pack and exports show, in order (rows are grouped by theme in the order themes first appear). The
 * default is every indicator written by hand in data/indicators.yaml; analysts and admins change it.
 */

export const SCORECARD_SET_MAX = 150;

const indicatorId = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a catalogue id such as placements-3-or-more (see /api/indicators)');

/** PUT /api/scorecard-set: the new set, or null to go back to the default. */
export const ScorecardSetChangeSchema = z.strictObject({
  indicators: z
    .array(indicatorId)
    .min(1, 'must name at least one indicator')
    .max(SCORECARD_SET_MAX, `must name at most ${SCORECARD_SET_MAX} indicators`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name an indicator twice')
    .nullable(),
});
export type ScorecardSetChange = z.infer<typeof ScorecardSetChangeSchema>;

export const ScorecardSetSchema = z.object({
  indicators: z.array(IndicatorRefSchema),
  /** True while no one has changed it: the catalogue's hand-written indicators. */
  isDefault: z.boolean(),
});
export type ScorecardSet = z.infer<typeof ScorecardSetSchema>;
