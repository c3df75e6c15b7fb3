import { z } from 'zod';
import { DfeReleaseSchema, LoadProblemSchema } from './loads.ts';

/**
 * DfE's releases pulled from Explore Education Statistics (issue 23): where a pulled file came from, what its
 * dry run found against the figures held, and each source's state on the "DfE data" page.
 */

/** One figure DfE has revised: the figure held and DfE's new one, for which place and year. */
export const DfeRevisionSchema = z.object({
  indicatorId: z.string(),
  label: z.string(),
  geographyLevel: z.string(),
  geographyCode: z.string(),
  place: z.string(),
  periodId: z.string(),
  periodLabel: z.string(),
  /** The figures as words ("71.0", "x: not available"). */
  before: z.string(),
  after: z.string(),
  /** Where the figure held came from: an earlier DfE release, LAIT's republication, or the council's own file. */
  heldFrom: z.enum(['dfe', 'lait', 'council']),
});
export type DfeRevision = z.infer<typeof DfeRevisionSchema>;

export const DfePullReportSchema = z.object({
  release: DfeReleaseSchema,
  /** The release held before this pull (the bundled one or the last approved pull). */
  held: z.object({ version: z.string(), releaseTitle: z.string() }),
  counts: z.object({
    rowsRead: z.number().int(),
    newFigures: z.number().int(),
    revised: z.number().int(),
    /** Figures the council or LAIT gave that DfE's release now gives (not revisions of DfE's own). */
    replaced: z.number().int(),
    unchanged: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  /** Every figure DfE has revised since the release held (up to the list limit; counts.revised is all). */
  revisions: z.array(DfeRevisionSchema),
  /** Years (periods) the release has that Indicate held no figure of, from this source. */
  newYears: z.array(z.object({ id: z.string(), label: z.string() })),
  /** LAs in the release's latest year that the held release's latest year lacked, and the reverse. */
  las: z.object({
    added: z.array(z.object({ code: z.string(), name: z.string(), known: z.boolean() })),
    gone: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  /** Columns DfE added or dropped against the release held; `needed`: dropped columns the catalogue reads. */
  columns: z.object({ added: z.array(z.string()), removed: z.array(z.string()), needed: z.array(z.string()) }),
  /** What DfE says of the versions: the version held withdrawn, say. */
  notes: z.array(z.string()),
  errors: z.array(LoadProblemSchema),
  warnings: z.array(LoadProblemSchema),
  listLimit: z.number().int(),
});
export type DfePullReport = z.infer<typeof DfePullReportSchema>;

export const DfePullSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  release: DfeReleaseSchema,
  pulledAt: z.string(),
  pulledBy: z.string(),
  state: z.enum(['staged', 'approved', 'discarded']),
  /** The load an approval made. */
  loadId: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Whether it can be approved: staged, no errors, a plan. */
  approvable: z.boolean(),
  /** The dry run's plan, which an approval names. */
  planHash: z.string().nullable(),
  report: DfePullReportSchema,
});
export type DfePull = z.infer<typeof DfePullSchema>;

export const DfeSourceStatusSchema = z.object({
  file: z.string(),
  dataSet: z.string().nullable(),
  publication: z.string(),
  ids: z.object({ api: z.string().nullable(), catalogue: z.string().nullable() }),
  /** Whether a catalogue measure reads the file: one no measure reads has nothing to pull. */
  read: z.boolean(),
  /** The latest year of its figures Indicate holds, in words (England's figure). */
  reaches: z.string().nullable(),
  held: z.object({
    version: z.string(),
    releaseTitle: z.string(),
    /** bundled: as the product shipped; pulled: an approved pull. */
    from: z.enum(['bundled', 'pulled']),
    loadId: z.number().int().nullable(),
  }),
  lastCheck: z.object({ checkedAt: z.string(), version: z.string().nullable(), published: z.string() }).nullable(),
  /** The newest pull of it: staged for approval, approved or discarded. */
  latestPull: z
    .object({ id: z.number().int(), state: z.enum(['staged', 'approved', 'discarded']), pulledAt: z.string() })
    .nullable(),
});
export type DfeSourceStatus = z.infer<typeof DfeSourceStatusSchema>;

export const DfeOverviewSchema = z.object({
  sources: z.array(DfeSourceStatusSchema),
  /** The optional daily check (off by default): it asks, never loads. */
  dailyCheck: z.boolean(),
  apiUrl: z.string(),
  catalogueUrl: z.string(),
});
export type DfeOverview = z.infer<typeof DfeOverviewSchema>;

/** POST /api/dfe/pulls: the sources to pull (all with ids when none is named). */
export const DfePullRequestSchema = z.strictObject({
  sources: z.array(z.string().min(1).max(200)).max(50).optional(),
});

/** POST /api/dfe/pulls/:id/approve: the plan the analyst saw. */
export const DfeApproveRequestSchema = z.strictObject({
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-character planHash of the pull'),
});

/** One source as a check found it: the release held, DfE's now, and whether DfE's is newer. */
export const DfeSourceCheckSchema = z.object({
  file: z.string(),
  dataSet: z.string().nullable(),
  held: z.string(),
  /** What DfE publishes now, in words, or why it cannot be asked. */
  published: z.string(),
  /** DfE's latest version (API) or release title (data catalogue), when asked. */
  version: z.string().nullable(),
  /** DfE publishes a release newer than the one held: pull it to see what changed. */
  newer: z.boolean(),
});
export type DfeSourceCheck = z.infer<typeof DfeSourceCheckSchema>;

/** POST /api/dfe/pulls: the pulls staged, and the sources that could not be pulled, with why. */
export const DfePullOutcomeSchema = z.object({
  pulls: z.array(DfePullSchema),
  refused: z.array(z.object({ source: z.string(), message: z.string() })),
});
export type DfePullOutcome = z.infer<typeof DfePullOutcomeSchema>;
