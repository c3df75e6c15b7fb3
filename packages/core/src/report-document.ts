import type { Rag } from './inspection-plan.ts'; // a type only: no calendar comes with it
import { MONTHS } from './period.ts';
import { isSmallNumber } from './suppression.ts';

/**
 * A committee report as data (issue 24): sections of paragraphs and tables, the one shape the page, the PDF, the
 * CSV and Excel downloads and the pack's section all render, so they cannot say different things. Numbers are
 * decided here, withheld or not, before any of them sees one.
 */

export type ReportCell = {
  text: string;
  /** The number, for charts and the Excel download; null when withheld or not a number. */
  value?: number | null;
  rag?: Rag | null;
  withheld?: boolean;
};

export type ReportTable = {
  id: string;
  caption: string;
  columns: string[];
  rows: ReportCell[][];
  /** Drawn as a chart on the page as well (the table stays): x from the first column, one line per series. */
  chart?: { kind: 'line' | 'bar'; series: number[] };
};

export type ReportSection = {
  id: string;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  /** Glossary ids of the terms the section uses, for "What is this?" links. */
  terms: string[];
};

export type ReportKind = 'fostering' | 'complaints' | 'inspection';

export type ReportDocument = {
  report: ReportKind;
  title: string;
  /** The period in words ("Q2 2026/27 (Jul-Sep 2026)"), and its days. */
  period: { id: string; label: string; from: string; to: string };
  sections: ReportSection[];
  /** Set in the public view when any number is withheld, saying why. */
  withheldNote: string | null;
  /** What the reader should know about the logs behind it (one that begins after the period began, say). */
  notes: string[];
  /** The logs it was made from: which load, when, by file name. Empty logs are named as not loaded. */
  sources: Array<{
    log: string;
    title: string;
    loadId: number | null;
    fileName: string | null;
    loadedAt: string | null;
  }>;
};

/** Who reads: the public view withholds small counts (1 to threshold - 1) and what would give them back. */
export type ReportView = { public: boolean; threshold: number };

export const cell = (text: string, value: number | null = null): ReportCell => ({ text, value });
export const words = (text: string): ReportCell => ({ text });
export const ragCell = (rag: Rag | null, text?: string): ReportCell => ({
  text: text ?? (rag === null ? 'No status' : rag.charAt(0).toUpperCase() + rag.slice(1)),
  rag,
});

/** "fewer than 5": how a withheld count reads. */
export function withheldText(threshold: number): string {
  return `fewer than ${threshold}`;
}

/**
 * A column of counts that adds up to a total someone can know (a table's total row, another table's figure, a
 * year's quarters). In the public view each count from 1 to threshold - 1 is withheld (nought identifies no one
 * and is shown), and where that leaves exactly one withheld in a group, the next smallest is withheld too, so
 * the total minus the rest does not give it back.
 */
export function countColumn(
  counts: readonly number[],
  view: ReportView,
  groups?: readonly number[][],
  /**
   * Cells already decided elsewhere in the document (the same number in another table): kept as they are, and
   * never chosen to be withheld second, so one number never reads two ways. `total`: a row that is the others'
   * sum, chosen second only when nothing else can be.
   */
  options: { fixed?: ReadonlyMap<number, ReportCell>; total?: number } = {},
): ReportCell[] {
  const cells: ReportCell[] = counts.map((n, i) => options.fixed?.get(i) ?? cell(String(n), n));
  if (!view.public) return cells;
  const small = (n: number) => n > 0 && n < view.threshold;
  counts.forEach((n, i) => {
    if (small(n) && !options.fixed?.has(i))
      cells[i] = { text: withheldText(view.threshold), value: null, withheld: true };
  });
  for (const group of groups ?? [counts.map((_, i) => i)]) {
    const hidden = group.filter((i) => cells[i]!.withheld);
    if (hidden.length !== 1) continue;
    const next = group
      .filter((i) => !cells[i]!.withheld && counts[i]! > 0 && !options.fixed?.has(i))
      .sort((a, b) => Number(a === options.total) - Number(b === options.total) || counts[a]! - counts[b]!)[0];
    if (next !== undefined) cells[next] = { text: 'withheld', value: null, withheld: true };
  }
  return cells;
}

/** A share as a percentage (one decimal place), withheld in public where its numerator, denominator or rest is small. */
export function percentCell(numerator: number, denominator: number, view: ReportView): ReportCell {
  if (denominator === 0) return { text: 'none to count', value: null };
  if (view.public && isSmallNumber({ value: null, numerator, denominator }, 'percent', view.threshold))
    return { text: 'withheld (small numbers)', value: null, withheld: true };
  const p = Math.round((1000 * numerator) / denominator) / 10;
  return { text: `${p}%`, value: p };
}

/** Whether any cell of a document is withheld (the note then says why). */
export function anyWithheld(sections: readonly ReportSection[]): boolean {
  return sections.some((s) => s.tables.some((t) => t.rows.some((r) => r.some((c) => c.withheld))));
}

export function withheldNoteFor(view: ReportView): string {
  return `Numbers from 1 to ${view.threshold - 1} are not shown in the public version, so that no child, family or carer can be identified; where one would otherwise be worked out from a total, a second number is withheld too.`;
}

/** A day as a committee paper writes it: "30 September 2026" (short: "30 Sep 2026"). */
export function dayWords(iso: string, short = false): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = MONTHS[m - 1] ?? '';
  return `${d} ${short ? month.slice(0, 3) : month} ${y}`;
}
