import { z } from 'zod';
import { ReportDocumentSchema } from './reports.ts';
import { BreakdownsSchema, LaRefSchema, PeriodRefSchema, ScorecardRowSchema, SummarySchema } from './reads.ts';

/** A number in a drafted paragraph, with where it came from. */
export const SegmentSchema = z.union([
  z.object({ text: z.string() }),
  z.object({
    number: z.string(),
    source: z.object({
      what: z.string(),
      indicatorId: z.string(),
      periodId: z.string(),
      loadId: z.number().int().nullable(),
      sourceRef: z.string().nullable(),
      basis: z.string().nullable(),
    }),
  }),
]);

const WrittenSchema = z.object({ text: z.string(), author: z.string(), writtenAt: z.string() });

export const PackParagraphSchema = z.object({
  indicatorId: z.string(),
  theme: z.string(),
  themeLabel: z.string(),
  label: z.string(),
  ragStatus: z.enum(['green', 'amber', 'red', 'none']),
  /** Drafted from the data; every number carries its source. */
  draft: z.array(SegmentSchema),
  /** A person's edit of the paragraph, which replaces the draft in the pack (typed numbers are theirs). */
  edited: WrittenSchema.nullable(),
  /**
   * "Why, and what we are doing": the one commentary on this figure (the indicator page's too), the latest
   * written; frozen into the pack when it is published. Amber and red need a published one to publish.
   */
  commentary: WrittenSchema.nullable(),
  /** A service lead's commentary is published; an analyst's is a draft until a service lead publishes one. */
  commentaryStatus: z.enum(['draft', 'published']).nullable(),
  /** Every earlier edit and commentary, newest first. */
  history: z.array(WrittenSchema.extend({ kind: z.enum(['paragraph', 'commentary']) })),
});

export const PackChangeSchema = z.object({
  indicatorId: z.string(),
  label: z.string(),
  /** new-figure: a later period's figure; revised: the same period's, changed; missing: no figure now. */
  kind: z.enum(['new-figure', 'revised', 'rag', 'missing', 'new', 'dropped']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  verdict: z.enum(['better', 'worse', 'similar']).nullable(),
});

export const PackSchema = z.object({
  id: z.number().int(),
  la: LaRefSchema,
  period: PeriodRefSchema,
  version: z.number().int(),
  state: z.enum(['draft', 'ready', 'published']),
  createdBy: z.string(),
  createdAt: z.string(),
  stateChangedBy: z.string(),
  stateChangedAt: z.string(),
  /** When the figures were taken: the data version and the newest load's date. */
  /** The service's name as it was when the pack was drafted: its title. */
  serviceName: z.string(),
  dataDate: z.string(),
  overview: z.array(z.string()),
  summary: SummarySchema,
  rows: z.array(ScorecardRowSchema),
  paragraphs: z.array(PackParagraphSchema),
  /** Figures computed from the council's returns, group by group ("own children vs placed by other LAs"). */
  breakdowns: z.array(BreakdownsSchema),
  /** Against the version this one revises (null for a first version). */
  /** The load whose undoing left this open draft's figures out of date (refresh it from the data), or null. */
  staleSinceRevertOf: z.number().int().nullable(),
  /** The service lead's key message: live while the pack is open, frozen when it is published. */
  keyMessage: z
    .object({ text: z.string(), author: z.string(), writtenAt: z.string(), status: z.enum(['draft', 'published']) })
    .nullable(),
  /** The check before "ready" and "publish": blockers stop the move; warnings are named to check first. */
  readiness: z.object({ blockers: z.array(z.string()), warnings: z.array(z.string()) }),
  changes: z.array(PackChangeSchema).nullable(),
  ragKey: z.object({ green: z.string(), amber: z.string(), red: z.string() }),
  /**
   * The members-only annex (ADR 0017): the pack's body is the public view (a published pack is a public
   * committee paper); each figure it withholds something of is here as signed-in readers see it, with what
   * the paper leaves out. Never printed in the paper's PDF, CSV or Excel; it has its own, marked not for
   * publication. Empty for packs drafted before issue 21 (their body was the full view).
   */
  annex: z.array(z.object({ row: ScorecardRowSchema, withheld: z.array(z.string()) })),
  /**
   * A published pack's figures that a DfE release pulled since has revised: the pack keeps what the committee
   * read, and says so ("DfE has since revised this figure from 71.0% to 70.4% ..."). Empty while it is open.
   */
  dfeRevisions: z
    .array(
      z.object({
        indicatorId: z.string(),
        label: z.string(),
        what: z.enum(['council', 'england', 'region']),
        place: z.string(),
        periodLabel: z.string(),
        words: z.string(),
      }),
    )
    .default([]),
  /**
   * The committee's other reports for the pack's quarter (fostering, complaints, the action plan; issue 24), as
   * the public reads them, for the home council's packs with the logs loaded. Frozen with the pack.
   */
  serviceReports: z.array(ReportDocumentSchema).default([]),
  /** Those of them that withhold a small number, in full: for members only, with the annex. */
  serviceReportsAnnex: z.array(ReportDocumentSchema).default([]),
});

export const PackListSchema = z.array(
  PackSchema.pick({ id: true, version: true, state: true, stateChangedBy: true, stateChangedAt: true }).extend({
    period: PeriodRefSchema,
  }),
);

export type Segment = z.infer<typeof SegmentSchema>;
export type Pack = z.infer<typeof PackSchema>;
export type PackParagraph = z.infer<typeof PackParagraphSchema>;
export type PackChange = z.infer<typeof PackChangeSchema>;
