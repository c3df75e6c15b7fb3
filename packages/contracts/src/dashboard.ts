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

/** Which rule judges an indicator's RAG status: the national quartile (the committee's key) or a target. */
export const RagRuleChoiceSchema = z.enum(['benchmark', 'target']);

/** Choose an indicator's RAG rule (null: back to the catalogue's); analysts and admins, audited. */
export const RagRuleChangeSchema = z.strictObject({
  rule: RagRuleChoiceSchema.nullable(),
});
export type RagRuleChange = z.infer<typeof RagRuleChangeSchema>;

export const RagRuleSettingSchema = z.object({
  indicatorId: z.string(),
  /** The rule in force. */
  rule: z.enum(['benchmark', 'target', 'none']),
  /** The catalogue's rule, in force unless an analyst chose another. */
  catalogueRule: z.enum(['benchmark', 'target', 'none']),
  /** The rules this indicator may be judged by (none for a context measure). */
  choices: z.array(RagRuleChoiceSchema),
  chosen: z.boolean(),
});
export type RagRuleSetting = z.infer<typeof RagRuleSettingSchema>;
