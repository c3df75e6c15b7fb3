import { z } from 'zod';
import { IndicatorRefSchema, LaRefSchema, PeriodRefSchema } from './reads.ts';

/**
 * What LAIT's users use it for, inside Indicate: every council's value of one measure in one year (the
 * all-councils view), and chosen councils by chosen measures over the years (the compare view).
 */

const laCode = z
  .string()
  .regex(/^\d{3}$/, 'must be a DfE 3-digit local authority code, such as 855 (see /api/local-authorities)');
const periodIdParam = z
  .string()
  .max(20)
  .regex(/^[0-9A-Za-z-]+$/, 'must be a period id such as 2023-24, AY2023-24 or 2023');
const indicatorId = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a catalogue id such as placements-3-or-more (see /api/indicators)');
const format = z.enum(['json', 'csv']).optional().describe('csv for a spreadsheet-safe CSV download');

/** A comma-separated list in one query parameter, each item checked by `item`. */
function listOf<T extends z.ZodType<string>>(item: T, max: number, what: string) {
  return z
    .string()
    .max(max * 90)
    .transform((text, ctx) => {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length === 0) ctx.addIssue({ code: 'custom', message: `must name at least one ${what}` });
      if (items.length > max) ctx.addIssue({ code: 'custom', message: `must name at most ${max} ${what}s` });
      for (const value of items) {
        const checked = item.safeParse(value);
        if (!checked.success)
          ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 40)}" ${checked.error.issues[0]?.message}` });
      }
      return [...new Set(items)];
    });
}

// --- all councils -------------------------------------------------------------------------------------

export const AllCouncilsQuerySchema = z.strictObject({
  period: periodIdParam.optional().describe("Defaults to the measure's latest year with every council's values."),
  la: laCode.optional().describe('The council to mark, with its neighbours and region (default: the home council).'),
  format,
});

export const AllCouncilsRowSchema = z.object({
  la: LaRefSchema,
  regionCode: z.string(),
  regionName: z.string(),
  value: z.number().nullable(),
  /** Why there is no value: a DfE symbol, or `suppressed` in the public view. */
  symbol: z.string().nullable(),
  symbolMeaning: z.string().nullable(),
  suppressed: z.boolean(),
  /** 1 = best; null where there is no polarity or no quartiles, or in the public view. */
  rank: z.number().int().nullable(),
  /** 1 = top quartile; null with no value or no quartiles. */
  band: z.number().int().min(1).max(4).nullable(),
  isCouncil: z.boolean(),
  isNeighbour: z.boolean(),
  inRegion: z.boolean(),
});

export const ComparatorValueSchema = z.object({
  code: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  symbol: z.string().nullable(),
  /** Withheld in the public view: with a council's suppressed count it would give that count back. */
  withheld: z.boolean(),
});

export const AllCouncilsSchema = z.object({
  indicator: IndicatorRefSchema,
  period: PeriodRefSchema,
  /** Every period with council values for this measure, latest first. */
  periods: z.array(PeriodRefSchema),
  la: LaRefSchema,
  /** The neighbour model used for the marks (2021 or 2025 groupings). */
  neighbourModelYear: z.number().int().nullable(),
  rows: z.array(AllCouncilsRowSchema),
  england: ComparatorValueSchema.nullable(),
  regions: z.array(ComparatorValueSchema),
  cutPoints: z
    .object({ min: z.number(), q25: z.number(), q50: z.number(), q75: z.number(), max: z.number() })
    .nullable(),
  /** Councils with a value, and without one. */
  counted: z.number().int(),
  missing: z.number().int(),
});

// --- compare ------------------------------------------------------------------------------------------

export const COMPARE_MAX_COUNCILS = 20;
export const COMPARE_MAX_MEASURES = 8;

export const CompareQuerySchema = z.strictObject({
  la: listOf(laCode, COMPARE_MAX_COUNCILS, 'council').describe('Councils, comma-separated: 855,830'),
  indicator: listOf(indicatorId, COMPARE_MAX_MEASURES, 'measure').describe('Measures, comma-separated'),
  format,
});

export const CompareSchema = z.object({
  las: z.array(LaRefSchema),
  measures: z.array(
    z.object({
      indicator: IndicatorRefSchema,
      /** The measure's years (or the council's own periods) with any value, oldest first. */
      periods: z.array(PeriodRefSchema),
      /** One line per council, then England: a value (or why not) for each period, in `periods` order. */
      lines: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          isEngland: z.boolean(),
          values: z.array(
            z.object({ value: z.number().nullable(), symbol: z.string().nullable(), suppressed: z.boolean() }),
          ),
        }),
      ),
    }),
  ),
});

export type AllCouncils = z.infer<typeof AllCouncilsSchema>;
export type AllCouncilsRow = z.infer<typeof AllCouncilsRowSchema>;
export type Compare = z.infer<typeof CompareSchema>;
