import { PERIOD_KINDS, SN_METHODS, UNITS } from '@indicate/core';
import { z } from 'zod';
import { PolaritySchema, RagRuleSchema, SOURCES, ToleranceSchema } from './catalogue.ts';

/**
 * The read API's shapes: one definition, used by the API to validate and document its responses and by
 * the dashboard to read them. Every number here was computed by @indicate/core from stored figures.
 */

// --- parameters ---------------------------------------------------------------------------------------

const laCode = z
  .string()
  .regex(/^\d{3}$/, 'must be a DfE 3-digit local authority code, such as 855 (see /api/local-authorities)')
  .describe("The LA's DfE 3-digit code (old_la_code), such as 855 for Leicestershire.");
const periodIdParam = z
  .string()
  .max(20)
  .regex(/^[0-9A-Za-z-]+$/, 'must be a period id such as 2018-19-Q1, 2018-19, 2018-06 or 3Y2015-18')
  .describe(
    'A period id: 2018-19-Q1 (quarter), 2018-19 (financial year), 2018 (calendar year), AY2017-18, 2018-06, 3Y2015-18.',
  );
const indicatorIdParam = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a catalogue id such as placements-3-or-more (see /api/indicators)');
const format = z.enum(['json', 'csv']).optional().describe('csv for a spreadsheet-safe CSV download');
const method = z.enum(SN_METHODS).default('mean').describe('How the ten statistical neighbours are averaged');

export const IndicatorParamsSchema = z.strictObject({ id: indicatorIdParam });
const themeParam = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a theme id such as child-protection (see /api/indicators)');
export const IndicatorsQuerySchema = z.strictObject({ theme: themeParam.optional() });
export const SeriesQuerySchema = z.strictObject({ la: laCode, method, format });
/** GET /api/indicators/:id/figure: the LA's latest figure by the period's end (default its latest period). */
export const IndicatorFigureQuerySchema = z.strictObject({ la: laCode, period: periodIdParam.optional(), method });
/** GET /api/indicators/:id/breakdowns: one council's figure for one period, group by group. */
export const BreakdownsQuerySchema = z.strictObject({ la: laCode, period: periodIdParam });
export const NeighboursQuerySchema = z.strictObject({ la: laCode, period: periodIdParam.optional(), method });
export const ScorecardQuerySchema = z.strictObject({
  la: laCode,
  period: periodIdParam.optional().describe('Defaults to the latest period with figures for the LA.'),
  theme: themeParam.optional(),
  rag: z.enum(['exceptions', 'all']).optional().describe('exceptions: amber and red rows only'),
  new: z.enum(['true', 'false']).optional().describe('true: only indicators with a figure for this very period'),
  themes: z
    .string()
    .max(2000)
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be theme ids separated by commas, such as child-protection,adoption')
    .optional()
    .describe("Only these themes (a service lead's own, say), comma-separated"),
  worse: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only indicators that got worse since the previous period'),
  method,
  format,
});
export const SummaryQuerySchema = z.strictObject({ la: laCode, period: periodIdParam.optional(), method });
export const PeriodsQuerySchema = z.strictObject({ la: laCode });

// --- building blocks ------------------------------------------------------------------------------------

export const PeriodRefSchema = z.object({
  id: z.string(),
  kind: z.enum(PERIOD_KINDS),
  label: z.string().describe('The committee short form: Q1 2018/19'),
  longLabel: z.string().describe('Q1 2018/19 (Apr-Jun 2018)'),
});

export const IndicatorRefSchema = z.object({
  id: z.string(),
  label: z.string(),
  shortLabel: z.string(),
  theme: z.string(),
  themeLabel: z.string(),
  unit: z.enum(UNITS),
  decimals: z.number().int(),
  polarity: PolaritySchema,
});

export const IndicatorDetailSchema = IndicatorRefSchema.extend({
  definition: z.string(),
  whyItMatters: z.string().nullable(),
  outcome: z.string(),
  periodType: z.enum(PERIOD_KINDS),
  similarThreshold: z.number(),
  source: z.enum(SOURCES),
  rag: RagRuleSchema,
  ragRuleText: z.string().describe('The RAG rule in words'),
  polarityText: z.string(),
  nationalBenchmark: z.boolean(),
  origin: z.enum(['council', 'lait']).describe("council: reported by the council; lait: one of LAIT's measures"),
  methodology: z.string().nullable(),
  link: z.string().nullable().describe('Where the publisher explains the measure'),
  quartile: z.boolean().describe('Whether national quartiles and ranks are shown for it'),
  sourceDetail: z.string().nullable(),
  lait: z
    .object({ short: z.string(), code: z.string(), label: z.string() })
    .nullable()
    .describe("The measure of DfE's LAIT that gives this indicator's national figures, where there is one"),
  dfe: z
    .object({
      file: z.string(),
      filters: z.record(z.string(), z.string()),
      value: z.string(),
      note: z.string().nullable(),
    })
    .nullable(),
});
export const IndicatorListSchema = z.object({
  themes: z.array(z.object({ id: z.string(), label: z.string(), outcome: z.string() })),
  indicators: z.array(IndicatorDetailSchema),
});

export const StoredFigureSchema = z.object({
  period: PeriodRefSchema,
  value: z.number().nullable(),
  symbol: z.string().nullable(),
  symbolMeaning: z.string().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(['provisional', 'final']),
  sourceRef: z.string(),
  note: z.string().nullable(),
  loadId: z.number().int(),
  /** A count below the suppression threshold, or a ratio whose numerator or complement is (signed-in view). */
  smallNumber: z.boolean(),
  /** Withheld in public read: value and counts are null and symbol is DfE's `c`. */
  suppressed: z.boolean(),
});

const ComparatorSchema = z.object({
  value: z.number().nullable(),
  symbol: z.string().nullable(),
  symbolMeaning: z.string().nullable(),
  period: PeriodRefSchema,
  basis: z.enum(['dfe', 'published']).describe('dfe: from a DfE release; published: as a committee paper printed it'),
  sourceRef: z.string(),
});

const DirectionSchema = z.object({
  direction: z.enum(['better', 'worse', 'similar', 'higher', 'lower', 'same', 'new']).nullable(),
  change: z.number().nullable(),
  against: PeriodRefSchema,
  reason: z.string(),
});

const RagStatusSchema = z.enum(['green', 'amber', 'red']);

export const AssessmentSchema = z.object({
  benchmarkPeriod: PeriodRefSchema,
  benchmarkLabel: z
    .string()
    .describe(
      'The benchmark year in words with its age: "2024/25, DfE\'s latest; 2025/26 is due from DfE in November 2026"',
    ),
  benchmarkRule: z.string().describe('Which DfE year the benchmarks are for, and why'),
  england: ComparatorSchema.nullable(),
  region: ComparatorSchema.extend({ code: z.string(), name: z.string() }).nullable(),
  statNeighbours: z
    .object({
      value: z.number().nullable(),
      method: z.enum([...SN_METHODS, 'published']),
      basis: z.enum(['computed', 'published']),
      period: PeriodRefSchema,
      modelYear: z.number().int().nullable(),
      used: z.array(z.string()),
      missing: z.array(z.object({ laCode: z.string(), reason: z.string() })),
      sourceRef: z.string().nullable(),
    })
    .nullable(),
  quartile: z
    .object({
      band: z.number().int().min(1).max(4),
      words: z.string(),
      basis: z.enum(['computed', 'published']),
      period: PeriodRefSchema,
      positionInBand: z.enum(['high', 'low']).nullable(),
      cutPoints: z
        .object({ min: z.number(), q25: z.number(), q50: z.number(), q75: z.number(), max: z.number() })
        .nullable(),
      rank: z.number().int().nullable(),
      outOf: z.number().int().nullable(),
      nextBand: z.object({ band: z.number().int(), cutPoint: z.number(), distance: z.number() }).nullable(),
    })
    .nullable(),
  target: z
    .object({
      value: z.number(),
      tolerance: ToleranceSchema.nullable(),
      sourceRef: z.string(),
      words: z.string().describe('The target, its tolerance and how the figure stands against it'),
      head: z.string().describe('The target and its tolerance'),
      standing: z
        .string()
        .nullable()
        .describe('How the figure stands against it ("missed by 2 percentage points"); null where it cannot be said'),
      setFor: z
        .string()
        .nullable()
        .describe('Where the target was set when that is not this period (an earlier quarter, or the year)'),
    })
    .nullable(),
  vsPrevious: DirectionSchema,
  vsLastYear: DirectionSchema,
  rag: z.object({
    proposed: z.object({
      status: z.enum(['green', 'amber', 'red', 'none']),
      label: z.string(),
      reason: z.string(),
      reasonWithoutTrend: z
        .string()
        .nullable()
        .describe('The reason with the trend left out, as the public reads it beside a withheld earlier figure'),
      rule: z.enum(['benchmark', 'target', 'none']),
      ruleText: z.string(),
    }),
    override: z
      .object({ status: RagStatusSchema, label: z.string(), reason: z.string(), by: z.string(), at: z.string() })
      .nullable(),
    status: z.enum(['green', 'amber', 'red', 'none']),
    label: z.string(),
  }),
  missing: z.record(z.string(), z.string()).describe('Why each absent benchmark is absent'),
});

export const LaRefSchema = z.object({ code: z.string(), newCode: z.string(), name: z.string() });

// --- responses ------------------------------------------------------------------------------------------

export const SeriesSchema = z.object({
  indicator: IndicatorRefSchema,
  la: LaRefSchema,
  method: z.enum(SN_METHODS),
  points: z.array(z.object({ figure: StoredFigureSchema, assessment: AssessmentSchema })),
});

export const ScorecardRowSchema = z.object({
  indicator: IndicatorRefSchema,
  figure: StoredFigureSchema,
  /** True when the figure is for this very period, not an earlier one carried forward. */
  isNew: z.boolean(),
  assessment: AssessmentSchema,
  /** The last eight figures of the same kind of period, oldest first: period id, short label, value. */
  sparkline: z.array(
    z.object({ id: z.string(), label: z.string(), value: z.number().nullable(), smallNumber: z.boolean() }),
  ),
});

export const ScorecardSchema = z.object({
  la: LaRefSchema,
  period: PeriodRefSchema,
  method: z.enum(SN_METHODS),
  filters: z.object({
    theme: z.string().nullable(),
    themes: z.array(z.string()).nullable(),
    exceptionsOnly: z.boolean(),
    newOnly: z.boolean(),
    worseOnly: z.boolean(),
  }),
  rows: z.array(ScorecardRowSchema),
  /** Catalogue indicators with no figure for the LA at or before the period, with the reason. */
  notReported: z.array(z.object({ indicator: IndicatorRefSchema, reason: z.string() })),
});

export const SummarySchema = z.object({
  la: LaRefSchema,
  period: PeriodRefSchema,
  indicators: z.number().int(),
  newThisPeriod: z.number().int(),
  /** Figures not shown because they are small numbers (public view only; 0 for signed-in readers). */
  withheld: z.number().int(),
  direction: z.object({
    improved: z.number().int(),
    similar: z.number().int(),
    declined: z.number().int(),
    noPolarity: z.number().int(),
    new: z.number().int(),
    notComparable: z.number().int(),
  }),
  quartiles: z.object({
    benchmarked: z.number().int(),
    top: z.number().int(),
    second: z.number().int(),
    third: z.number().int(),
    fourth: z.number().int(),
  }),
  rag: z.object({
    green: z.number().int(),
    amber: z.number().int(),
    red: z.number().int(),
    none: z.number().int(),
    overridden: z.number().int(),
  }),
  paragraphs: z.array(z.string()).describe("The covering report's overview paragraphs, the same words as the pack's"),
  sentence: z.string().describe('The overview paragraphs as one text'),
});

export const NeighboursSchema = z.object({
  indicator: IndicatorRefSchema,
  la: LaRefSchema,
  period: PeriodRefSchema,
  benchmarkPeriod: PeriodRefSchema,
  benchmarkRule: z.string(),
  modelYear: z.number().int().nullable(),
  method: z.enum(SN_METHODS),
  self: z
    .object({
      value: z.number().nullable(),
      symbol: z.string().nullable(),
      period: PeriodRefSchema,
      smallNumber: z.boolean(),
    })
    .nullable(),
  selfAtBenchmark: z
    .object({ value: z.number().nullable(), symbol: z.string().nullable(), smallNumber: z.boolean() })
    .nullable(),
  england: z.object({ value: z.number().nullable(), symbol: z.string().nullable() }).nullable(),
  aggregate: z.object({
    value: z.number().nullable(),
    basis: z.enum(['computed', 'published']),
    reason: z.string().nullable(),
  }),
  neighbours: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      rank: z.number().int(),
      closeness: z.string(),
      value: z.number().nullable(),
      symbol: z.string().nullable(),
      reason: z.string().nullable(),
      smallNumber: z.boolean(),
    }),
  ),
});

export const PeriodsSchema = z.object({
  la: LaRefSchema,
  latest: PeriodRefSchema.nullable(),
  periods: z.array(PeriodRefSchema.extend({ indicators: z.number().int() })),
});

export const LocalAuthoritiesSchema = z.object({
  localAuthorities: z.array(
    LaRefSchema.extend({
      regionCode: z.string(),
      regionName: z.string(),
      /** The date a reorganisation ended the council (its area passed to others), or null for a council today. */
      abolished: z.string().nullable(),
      neighbourModels: z.array(
        z.object({
          modelYear: z.number().int(),
          neighbours: z.array(
            z.object({ code: z.string(), name: z.string(), rank: z.number().int(), closeness: z.string() }),
          ),
        }),
      ),
    }),
  ),
});

export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;
export type IndicatorList = z.infer<typeof IndicatorListSchema>;
export type IndicatorRef = z.infer<typeof IndicatorRefSchema>;
export type PeriodRefOut = z.infer<typeof PeriodRefSchema>;
export type FigureOut = z.infer<typeof StoredFigureSchema>;
export type AssessmentOut = z.infer<typeof AssessmentSchema>;
export type Series = z.infer<typeof SeriesSchema>;
export type ScorecardRow = z.infer<typeof ScorecardRowSchema>;
export type Scorecard = z.infer<typeof ScorecardSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Neighbours = z.infer<typeof NeighboursSchema>;
export type Periods = z.infer<typeof PeriodsSchema>;
export type LocalAuthorities = z.infer<typeof LocalAuthoritiesSchema>;
export type LaRef = z.infer<typeof LaRefSchema>;

/** A figure for each group of the council's children, dimension by dimension (computed from its returns). */
export const BreakdownsSchema = z.object({
  indicator: IndicatorRefSchema,
  la: LaRefSchema,
  periodId: z.string(),
  periodLabel: z.string(),
  /** The whole figure the groups add up to (as the same view shows it), or null when none is stored. */
  total: z.object({ value: z.number().nullable(), text: z.string() }).nullable(),
  /** Where the breakdowns came from, in words ("Computed from the council's returns ..."). */
  source: z.string().nullable(),
  dimensions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      groups: z.array(
        z.object({
          group: z.string(),
          label: z.string(),
          value: z.number().nullable(),
          numerator: z.number().nullable(),
          denominator: z.number().nullable(),
          /** The figure as a person reads it ("12.5% (3 of 24)", "40"). */
          text: z.string(),
          /** Why the public view does not show it, or null. */
          withheld: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type Breakdowns = z.infer<typeof BreakdownsSchema>;

/** How fresh the data is: the last load, and the latest DfE year each national source reaches. */
export const DataFreshnessSchema = z.object({
  /** `fileName`: null in the public view (a file's name is staff's own words). */
  lastLoad: z.object({ at: z.string(), fileName: z.string().nullable() }).nullable(),
  sources: z.array(
    z.object({
      /** The bundled DfE file's name, LAIT, or in the public view "A DfE file" for one an analyst uploaded. */
      fileName: z.string(),
      format: z.string(),
      loadedAt: z.string(),
      /** The latest period the source's figures in force reach. */
      reaches: PeriodRefSchema,
    }),
  ),
});
export type DataFreshness = z.infer<typeof DataFreshnessSchema>;

/** The indicator page's figure: one scorecard row for any indicator, in or out of the scorecard set. */
export const IndicatorFigureSchema = z.object({
  la: LaRefSchema,
  period: PeriodRefSchema,
  row: ScorecardRowSchema.nullable(),
  /** Why there is no row: no figure for the period or before. */
  reason: z.string().nullable(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigureSchema>;
