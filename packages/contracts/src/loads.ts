import { LOG_KINDS } from '@indicate/core';
import { z } from 'zod';

/** The Indicate template's columns; matched by name, in any order. */
export const TEMPLATE_COLUMNS = [
  'indicator',
  'time_period',
  'time_identifier',
  'geographic_level',
  'old_la_code',
  'new_la_code',
  'la_name',
  'region_code',
  'value',
  'numerator',
  'denominator',
  'status',
  'note',
] as const;
/** Optional: the published national quartile given with a published comparator. */
/** Optional: a published national quartile; where a figure came from; a Target row's own tolerance. */
export const TEMPLATE_OPTIONAL_COLUMNS = [
  'quartile',
  'source_ref',
  'tolerance_kind',
  'tolerance_amount',
  /** A figure for one group of the council's children: the dimension (`placement-provider`) and group (`own`). */
  'breakdown',
  'breakdown_group',
] as const;
export const TEMPLATE_REQUIRED_COLUMNS = [
  'indicator',
  'time_period',
  'time_identifier',
  'geographic_level',
  'value',
] as const;

/** `Target` rows carry the council's target for the period in `value` (and optionally its tolerance). */
export const TEMPLATE_GEOGRAPHIC_LEVELS = [
  'National',
  'Regional',
  'Local authority',
  'Statistical neighbours',
  'Target',
] as const;

export const LoadFormatSchema = z.enum([
  'indicate-template-csv',
  'indicate-template-xlsx',
  'dfe-csv',
  'lait-parquet',
  /** An undone load's figures written again (see loader/reapply.ts). */
  'reapply',
  /** A service log (the fostering register, the complaints log, the action plan...: core/service-logs.ts). */
  'service-log-csv',
  'service-log-xlsx',
]);

/** What loading a service log does to the log before it: rows compared by their key columns. */
export const LogPlanSchema = z.object({
  kind: z.enum(LOG_KINDS),
  title: z.string(),
  /** The load whose log this one replaces (null: the first of its kind). */
  replacesLoadId: z.number().int().nullable(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  /** Up to `listLimit` rows that are new or changed, and the keys of rows the new log no longer has. */
  changes: z.array(
    z.object({
      row: z.number().int().nullable(),
      key: z.string(),
      change: z.enum(['new', 'changed', 'removed']),
      /** For a changed row: the columns whose values differ. */
      columns: z.array(z.string()),
    }),
  ),
});
export type LogPlan = z.infer<typeof LogPlanSchema>;

/** One problem in a file: where (row as a spreadsheet numbers it, header = 1; column) and what. */
export const LoadProblemSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

export const FigureSchema = z.object({
  value: z.number().nullable(),
  symbol: z.string().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.string(),
  /** On a Target row only: the tolerance either side of the target (null: the catalogue's rule). */
  tolerance: z
    .object({ kind: z.enum(['absolute', 'relative']), amount: z.number() })
    .nullable()
    .optional(),
});

export const LoadChangeSchema = z.object({
  row: z.number().int(),
  indicatorId: z.string(),
  geographyLevel: z.string(),
  geographyCode: z.string(),
  periodId: z.string(),
  /** `dimension:group` for a figure of one group of the council's children. */
  breakdown: z.string().optional(),
  before: FigureSchema.nullable(),
  after: FigureSchema,
});

/** Where computed figures came from: the date computed for, the rule set, each file's name and SHA-256. */
export const ReturnsProvenanceSchema = z.object({
  asAt: z.string(),
  ruleSet: z.string(),
  /** The council the returns say they are for (the CIN census's LEA), when they say. */
  council: z.string().optional(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
});

/** A DfE release as provenance: which source, which data set and version, and the bytes' SHA-256. */
export const DfeReleaseSchema = z.object({
  /** The source's bundled file name, its key in data/dfe/sources.yaml. */
  source: z.string(),
  via: z.enum(['api', 'catalogue']),
  dataSetId: z.string(),
  /** The API's version ("2.1"), or for a data catalogue file its release's title. */
  version: z.string(),
  releaseTitle: z.string(),
  /** When DfE published it (ISO date), when DfE said. */
  published: z.string().nullable(),
  sha256: z.string(),
});
export type DfeRelease = z.infer<typeof DfeReleaseSchema>;

/** What a load will do to one council figure's judgement: its benchmark year and whether it gets a RAG status. */
export const LoadJudgementSchema = z.object({
  row: z.number().int(),
  indicatorId: z.string(),
  laCode: z.string(),
  period: z.object({ id: z.string(), kind: z.string(), label: z.string(), longLabel: z.string() }),
  /** The benchmark year in words ("2024/25, DfE's latest; ..."), or null when it will have none. */
  benchmark: z.string().nullable(),
  ragRule: z.enum(['benchmark', 'target', 'none']),
  /** Whether it will have a RAG status (a context measure needs none: true). */
  rag: z.boolean(),
  /** In words, and how to give it a benchmark or RAG where it will have none. */
  words: z.string(),
});
export type LoadJudgement = z.infer<typeof LoadJudgementSchema>;

export const LoadReportSchema = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  /** The load's id once committed. */
  loadId: z.number().int().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  format: LoadFormatSchema.nullable(),
  /** Fingerprint of exactly what would be written; a commit can insist it has not changed. */
  planHash: z.string().nullable(),
  counts: z.object({
    rowsRead: z.number().int(),
    /** Rows of a DfE file that no catalogue indicator uses (other breakdowns, Total rows). */
    rowsNotUsed: z.number().int(),
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  /** New and changed figures, up to `listLimit` of them. */
  changes: z.array(LoadChangeSchema),
  errors: z.array(LoadProblemSchema),
  warnings: z.array(LoadProblemSchema),
  listLimit: z.number().int(),
  /** Set when the file's figures were computed from the council's returns (its `# returns-` lines). */
  provenance: ReturnsProvenanceSchema.nullable(),
  /** A council's own file: what it will do to each figure's benchmark and RAG (empty for DfE's files). */
  judgements: z.array(LoadJudgementSchema).default([]),
  /**
   * The council's own figures that move far from its last ones (a neighbour's returns, a wrong file): each is
   * also a warning; a commit is refused until the analyst confirms them (confirmJumps).
   */
  toConfirm: z.array(LoadProblemSchema).default([]),
  /** Set for a service log: what it does to the log of its kind. */
  log: LogPlanSchema.nullable().default(null),
});

export type LoadProblem = z.infer<typeof LoadProblemSchema>;
export type LoadChange = z.infer<typeof LoadChangeSchema>;
export type LoadReport = z.infer<typeof LoadReportSchema>;
export type LoadFormat = z.infer<typeof LoadFormatSchema>;

export const LoadSummarySchema = z.object({
  id: z.number().int(),
  loadedAt: z.string(),
  loadedBy: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.string(),
  rowsRead: z.number().int(),
  rowsNew: z.number().int(),
  rowsChanged: z.number().int(),
  rowsUnchanged: z.number().int(),
  rowsRemoved: z.number().int(),
  warnings: z.number().int(),
  state: z.enum(['committed', 'reverted']),
  revertsLoadId: z.number().int().nullable(),
  /** Set on a re-apply's own record: the undone load whose figures it wrote again. */
  reappliesLoadId: z.number().int().nullable(),
  /** Set when the figures were computed from the council's returns. */
  provenance: ReturnsProvenanceSchema.nullable(),
  /** Set when the file is a DfE release pulled from Explore Education Statistics. */
  dfeRelease: DfeReleaseSchema.nullable().default(null),
  /** Set for a service log: which log it holds. */
  logKind: z.enum(LOG_KINDS).nullable().default(null),
});
export type LoadSummary = z.infer<typeof LoadSummarySchema>;

/** POST /api/loads: check (dryRun=true) or load; a commit may name the plan its dry run showed. */
export const LoadQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  fileName: z.string().min(1).max(200).optional(),
  expectPlan: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the 64-character planHash of a dry run')
    .optional(),
  /** The analyst has looked at the dry run's `toConfirm` jumps and loads them anyway. */
  confirmJumps: z.enum(['true', 'false']).default('false'),
});

/** POST /api/loads/:id/reapply: check (dryRun=true) or write an undone load's figures again. */
export const ReapplyQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  expectPlan: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the 64-character planHash of a dry run')
    .optional(),
});

/** GET /api/loads/template.csv and .xlsx: the quarter being reported presets the quarterly rows. */
export const TemplateQuerySchema = z.strictObject({
  quarter: z
    .string()
    .regex(/^\d{4}-\d{2}-Q[1-4]$/, 'must be a quarter id such as 2026-27-Q3')
    .optional()
    .describe('The quarter being reported, such as 2026-27-Q3: quarterly indicators are preset to it.'),
});

/** POST /api/loads/:id/revert: confirm=true undoes a load even though committee packs use its figures. */
export const RevertQuerySchema = z.strictObject({
  confirm: z.enum(['true', 'false']).optional().describe('true: undo it even though packs use its figures'),
});

/** GET /api/returns/population?la=855: what the browser needs to compute a rate per 10,000 children. */
export const ReturnsPopulationQuerySchema = z.strictObject({
  la: z.string().regex(/^\d{3}$/, 'must be a DfE 3-digit local authority code, such as 855'),
});
export const ReturnsPopulationSchema = z.object({
  la: z.object({ code: z.string(), name: z.string() }),
  /** ONS mid-year estimates of the council's children aged 0 to 17, oldest first. */
  population: z.array(z.object({ year: z.number().int(), population: z.number() })),
  source: z.string(),
});
export type ReturnsPopulation = z.infer<typeof ReturnsPopulationSchema>;
