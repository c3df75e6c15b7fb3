import { LOG_KINDS, type ReportDocument } from '@indicate/core';
import { z } from 'zod';

/**
 * The committee's other statutory reports (issue 24): fostering, complaints and compliments, and the inspection
 * action plan. One document shape (core/report-document.ts) for the page, the PDF, CSV, Excel and the pack.
 */

export const REPORT_KINDS = ['fostering', 'complaints', 'inspection'] as const;
export const ReportKindSchema = z.enum(REPORT_KINDS);

const RagSchema = z.enum(['red', 'amber', 'green']);

export const ReportCellSchema = z.object({
  text: z.string(),
  value: z.number().nullable().optional(),
  rag: RagSchema.nullable().optional(),
  withheld: z.boolean().optional(),
});

export const ReportTableSchema = z.object({
  id: z.string(),
  caption: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(ReportCellSchema)),
  chart: z.object({ kind: z.enum(['line', 'bar']), series: z.array(z.number().int()) }).optional(),
});

export const ReportSectionSchema = z.object({
  id: z.string(),
  heading: z.string(),
  paragraphs: z.array(z.string()),
  tables: z.array(ReportTableSchema),
  terms: z.array(z.string()),
});

export const ReportDocumentSchema = z.object({
  report: ReportKindSchema,
  title: z.string(),
  period: z.object({ id: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  sections: z.array(ReportSectionSchema),
  withheldNote: z.string().nullable(),
  notes: z.array(z.string()),
  sources: z.array(
    z.object({
      log: z.string(),
      title: z.string(),
      loadId: z.number().int().nullable(),
      fileName: z.string().nullable(),
      loadedAt: z.string().nullable(),
    }),
  ),
});

// The schema and core's type must describe the same thing: a compile error here means they drifted.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const agree: Same<z.infer<typeof ReportDocumentSchema>, ReportDocument> = true;
void agree;

/** GET /api/reports/:report: a quarter (`2026-27-Q2`, the quarterly summary) or a financial year (`2025-26`, annual). */
export const ReportQuerySchema = z.strictObject({
  period: z
    .string()
    .max(20)
    .regex(/^(\d{4}-\d{2}-Q[1-4]|\d{4}-\d{2})$/, 'must be a financial quarter (2026-27-Q2) or year (2025-26)')
    .optional(),
});

/** The service logs, as the Loads page lists them: each one's current load. */
export const LogStatusSchema = z.object({
  kind: z.enum(LOG_KINDS),
  title: z.string(),
  report: ReportKindSchema,
  rowIs: z.string(),
  loadId: z.number().int().nullable(),
  fileName: z.string().nullable(),
  loadedAt: z.string().nullable(),
  rows: z.number().int(),
});
export type LogStatus = z.infer<typeof LogStatusSchema>;
export type { ReportDocument, ReportCell, ReportTable, ReportSection } from '@indicate/core';
