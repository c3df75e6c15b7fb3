import { PERIOD_KINDS, UNITS } from '@indicate/core';
import { z } from 'zod';

/**
 * The indicator catalogue (data/indicators.yaml): what each indicator means, how it is judged and
 * where DfE publishes every LA's value. Validated at start-up; a wrong entry stops the server with a
 * message naming the entry and the field (see describeCatalogueProblems).
 */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as "cp-repeat-plans"');

export const ThemeSchema = z.strictObject({
  id: slug,
  label: z.string().min(1),
  /** The council's outcome heading this theme is reported under in the committee's Appendix A. */
  outcome: z.string().min(1),
});

export const SOURCES = [
  'Local system',
  'SSDA903',
  'CIN census',
  'Adoption Scorecard',
  'Ofsted Annex A',
  'Youth Justice Board',
  'NCCIS',
  'Ofsted inspections',
  'Early years census',
  /** A measure of DfE's Local Authority Interactive Tool, built from its data dictionary. */
  'DfE LAIT',
] as const;

export const PolaritySchema = z.enum(['high', 'low', 'none']);

export const ToleranceSchema = z.strictObject({
  kind: z.enum(['absolute', 'relative']),
  amount: z.number().nonnegative(),
});

export const RagRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('benchmark') }),
  z.strictObject({ rule: z.literal('target'), tolerance: ToleranceSchema }),
  z.strictObject({ rule: z.literal('none') }),
]);

/** A count taken from the same row (a column name) or from a sibling row (other filter values). */
const DfeCountSchema = z.union([
  z.string().min(1),
  z.strictObject({ column: z.string().min(1), filters: z.record(z.string(), z.string()) }),
]);

export const DfeSourceSchema = z.strictObject({
  /** A file in data/dfe/, as DfE publishes it. */
  file: z.string().regex(/^[\w.-]+\.csv$/, 'must be a CSV file name in data/dfe/'),
  /** Column = value pairs that pick this indicator's rows out of the file. */
  filters: z.record(z.string(), z.string()),
  /** The column holding the published figure. */
  value: z.string().min(1),
  numerator: DfeCountSchema.optional(),
  denominator: DfeCountSchema.optional(),
  /** Anything a reader should know about how DfE's measure differs from the local one. */
  note: z.string().optional(),
});

export const IndicatorSchema = z
  .strictObject({
    id: slug,
    label: z.string().min(1),
    shortLabel: z.string().min(1).max(60),
    definition: z.string().min(20),
    whyItMatters: z.string().min(1).optional(),
    theme: slug,
    unit: z.enum(UNITS),
    decimals: z.number().int().min(0).max(3),
    polarity: PolaritySchema,
    periodType: z.enum(PERIOD_KINDS),
    /** A change no bigger than this, in the indicator's units, is "Similar". */
    similarThreshold: z.number().nonnegative(),
    rag: RagRuleSchema,
    source: z.enum(SOURCES),
    /** Whether a national (all-LA) benchmark exists, bundled or published. */
    nationalBenchmark: z.boolean(),
    dfe: DfeSourceSchema.optional(),
    /**
     * The measure of DfE's LAIT that gives this indicator's national figures (`Measure_short` in
     * data/lait/lait_data_dictionary.csv); its code and label are filled in from the dictionary when the
     * catalogue is read, and an unknown measure stops start-up.
     */
    lait: z
      .strictObject({
        measure: z.string().min(1),
        code: z.string().optional(),
        label: z.string().optional(),
        yearType: z.string().optional(),
        /** When DfE plans to publish the measure next (LAIT's `Next Update`, ISO date), filled in like code. */
        nextUpdate: z.iso.date().nullable().optional(),
      })
      .optional(),
    /** How the committee papers print this indicator, to trace figures back to them. */
    paperLabels: z.array(z.string().min(1)).default([]),
    /**
     * `council`: written by hand in data/indicators.yaml (the council reports it, with targets and a RAG
     * rule); `lait`: built at start-up from a row of LAIT's data dictionary.
     */
    origin: z.enum(['council', 'lait']).default('council'),
    /** How the figure is worked out, in the publisher's words (LAIT's methodology). */
    methodology: z.string().min(1).optional(),
    /** Where the publisher explains it. */
    link: z.url({ protocol: /^https?$/ }).optional(),
    /** Whether all-LA quartiles and ranks are shown; false where LAIT shows none (`No_Quartile` = N). */
    quartile: z.boolean().default(true),
    /** The publisher's own table or status for the source (LAIT's `Table_status`). */
    sourceDetail: z.string().min(1).optional(),
  })
  .superRefine((indicator, ctx) => {
    if (indicator.polarity === 'none' && indicator.rag.rule !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['rag'],
        message: 'an indicator with polarity "none" cannot have a RAG rule; use { rule: none }',
      });
    }
    if (indicator.polarity !== 'none' && indicator.rag.rule === 'none' && indicator.quartile) {
      ctx.addIssue({
        code: 'custom',
        path: ['rag'],
        message: `an indicator with polarity "${indicator.polarity}" needs a RAG rule (benchmark or target), unless it has no quartiles (quartile: false)`,
      });
    }
    if (indicator.rag.rule === 'benchmark' && !indicator.quartile) {
      ctx.addIssue({
        code: 'custom',
        path: ['rag'],
        message: 'the benchmark rule judges by quartile, so it needs quartiles (quartile: true)',
      });
    }
    if (indicator.rag.rule === 'benchmark' && !indicator.nationalBenchmark) {
      ctx.addIssue({
        code: 'custom',
        path: ['rag'],
        message: 'the benchmark rule needs a national benchmark (nationalBenchmark: true)',
      });
    }
    if (indicator.dfe && !indicator.nationalBenchmark) {
      ctx.addIssue({
        code: 'custom',
        path: ['nationalBenchmark'],
        message: 'a DfE source gives a national benchmark, so nationalBenchmark must be true',
      });
    }
  });

/**
 * Measures of the same children (data/lait/measure-relations.csv): a percentage is `scale` x a count over a
 * whole; a rate a count over a public population; a part at most its whole. Disclosure control uses them
 * (core's disclosure-plan.ts): a withheld count must not come back through its percentage or rate.
 */
export const MeasureRelationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('percentage'),
    count: z.string(),
    whole: z.string(),
    ratio: z.string(),
    scale: z.number().positive(),
  }),
  z.strictObject({ kind: z.literal('rate'), count: z.string(), ratio: z.string(), scale: z.number().positive() }),
  z.strictObject({ kind: z.literal('part'), count: z.string(), whole: z.string() }),
]);
export type MeasureRelation = z.infer<typeof MeasureRelationSchema>;

/**
 * Where one of DfE's files in data/dfe comes from on Explore Education Statistics (data/dfe/sources.yaml):
 * the publication, the release, the data set as EES titles it, its data catalogue id (the CSV a person can
 * download) and, when DfE puts it on the statistics API, the API's data set id. An id is written only when it
 * was read from DfE's own pages: null says it is still to be found, and `pnpm cli dfe check` says so.
 */
export const EesSourceSchema = z.strictObject({
  /** The file in data/dfe that holds it, as bundled. */
  file: z.string().regex(/^[\w.-]+\.csv$/, 'a CSV file name in data/dfe'),
  publication: z.strictObject({
    title: z.string().min(1),
    slug: z.string().regex(/^[a-z0-9-]+$/, "the publication's slug in its EES address"),
    id: z.uuid().optional(),
  }),
  /** The release the bundled file is from ("Reporting year 2025"). */
  release: z.string().min(1),
  /** The data set's title as EES shows it in the data catalogue (null until read from DfE's pages). */
  dataSet: z.string().min(1).nullable(),
  dataCatalogueId: z.uuid().nullable(),
  apiDataSetId: z.uuid().nullable(),
  note: z.string().optional(),
});
export type EesSource = z.infer<typeof EesSourceSchema>;

export const EesSourcesSchema = z.strictObject({ version: z.literal(1), sources: z.array(EesSourceSchema).min(1) });

export const CatalogueSchema = z
  .strictObject({
    version: z.literal(1),
    themes: z.array(ThemeSchema).min(1),
    indicators: z.array(IndicatorSchema).min(1),
    /**
     * LAIT measures whose period is not the one its year type gives: a rolling three-year measure
     * (LAIT's `2014-16`), by `Measure_short`.
     */
    laitPeriodTypes: z.record(z.string(), z.enum(PERIOD_KINDS)).default({}),
    /** Filled from data/lait/measure-relations.csv when the catalogue is read, not written in the YAML. */
    relations: z.array(MeasureRelationSchema).default([]),
    /** Filled from data/dfe/sources.yaml when the catalogue is read: where each DfE file comes from on EES. */
    sources: z.array(EesSourceSchema).default([]),
  })
  .superRefine((catalogue, ctx) => {
    const themeIds = new Set<string>();
    catalogue.themes.forEach((theme, i) => {
      if (themeIds.has(theme.id)) {
        ctx.addIssue({ code: 'custom', path: ['themes', i, 'id'], message: `theme id "${theme.id}" is used twice` });
      }
      themeIds.add(theme.id);
    });
    const ids = new Set<string>();
    catalogue.indicators.forEach((indicator, i) => {
      if (ids.has(indicator.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'id'],
          message: `indicator id "${indicator.id}" is used twice`,
        });
      }
      ids.add(indicator.id);
      if (!themeIds.has(indicator.theme)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'theme'],
          message: `theme "${indicator.theme}" is not one of the catalogue's themes (${[...themeIds].join(', ')})`,
        });
      }
    });
  });

export type Theme = z.infer<typeof ThemeSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type DfeSource = z.infer<typeof DfeSourceSchema>;

/**
 * Turns zod's issues into lines a person can act on: which entry (by id where it has one, and by
 * position), which field, what is wrong.
 */
export function describeCatalogueProblems(raw: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const [section, index, ...field] = issue.path;
    let where = issue.path.length === 0 ? 'the catalogue' : `field "${issue.path.join('.')}"`;
    if ((section === 'indicators' || section === 'themes') && typeof index === 'number') {
      const entry = entryOf(raw, section, index);
      const id = entry && typeof entry.id === 'string' ? `"${entry.id}" ` : '';
      const kind = section === 'indicators' ? 'indicator' : 'theme';
      where = `${kind} ${id}(entry ${index + 1})${field.length ? `, field "${field.join('.')}"` : ''}`;
    }
    return `${where}: ${issue.message}`;
  });
}

function entryOf(raw: unknown, section: string, index: number): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const list = (raw as Record<string, unknown>)[section];
  if (!Array.isArray(list)) return null;
  const entry: unknown = list[index];
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : null;
}
