import type { Pack, Scorecard } from '@indicate/contracts';
import { directionWords, formatFigure, isException, keyMessagesOf, segmentsText } from '@indicate/core';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { scorecardCsv, scorecardTable } from '../reads/csv.ts';
import { drawReport } from '../reports/outputs.ts';
import { drawFooters, FONTS, LANDSCAPE, pdfTable, RAG_SHAPE } from '../pdf.ts';

export type PackPart = 'paper' | 'annex';

/** The heading every page of the members-only annex carries. */
export const ANNEX_MARK =
  'NOT FOR PUBLICATION: members-only annex (exempt information, Local Government Act 1972, Schedule 12A)';

/**
 * Appendix A of a pack as the scorecard it froze: the same columns as the scorecard download. The paper's
 * rows are the public view; the annex's are the full rows of the figures the paper withholds something of.
 */
function appendix(pack: Pack, part: PackPart): Scorecard {
  return {
    la: pack.la,
    period: pack.period,
    method: 'mean',
    filters: { theme: null, themes: null, exceptionsOnly: false, newOnly: false, worseOnly: false },
    rows: part === 'annex' ? pack.annex.map((a) => a.row) : pack.rows,
    notReported: [],
  };
}

export function appendixCsv(pack: Pack, part: PackPart = 'paper'): string {
  const csv = scorecardCsv(appendix(pack, part));
  return part === 'annex' ? `# ${ANNEX_MARK}\r\n${csv}` : csv;
}

/** Appendix A as an Excel workbook (one sheet, header row frozen). */
export async function appendixXlsx(pack: Pack, part: PackPart = 'paper'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Indicate';
  const sheet = book.addWorksheet(part === 'annex' ? 'Annex (not for publication)' : 'Appendix A');
  if (part === 'annex') sheet.headerFooter.oddHeader = `&C${ANNEX_MARK}`;
  // Cells are written as values (text stays text, never a formula), numbers as numbers.
  const table = scorecardTable(appendix(pack, part));
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function paragraphText(p: Pack['paragraphs'][number]): string {
  return p.edited?.text ?? segmentsText(p.draft as Parameters<typeof segmentsText>[0]);
}

type Rag = Pack['rows'][number]['assessment']['rag'];

/** "▲ Amber", or with an override "● Green (overridden; proposed ▲ Amber) by …: reason". */
export function ragWords(rag: Rag): string {
  const final = `${RAG_SHAPE[rag.status]} ${rag.label}`;
  if (!rag.override) return final;
  return `${final} (overridden; proposed ${RAG_SHAPE[rag.proposed.status]} ${rag.proposed.label}) by ${rag.override.by} on ${rag.override.at.slice(0, 10)}: ${rag.override.reason}`;
}

/** Appendix A's columns: the scorecard's, as a councillor reads them. */
const APPENDIX_COLUMNS: Array<{ header: string; width: number }> = [
  { header: 'Indicator', width: 140 },
  { header: 'Figure', width: 80 },
  { header: 'Direction of travel', width: 105 },
  { header: 'RAG', width: 120 },
  { header: 'National quartile', width: 70 },
  { header: 'Statistical neighbours', width: 70 },
  { header: 'England', width: 70 },
  { header: 'Target', width: 75 },
];

export function appendixCells(r: Pack['rows'][number]): string[] {
  const f = r.figure;
  const a = r.assessment;
  const { unit, decimals } = r.indicator;
  const fmt = (v: number | null | undefined, missing: string | undefined) =>
    v == null ? (missing ?? 'None') : formatFigure(v, unit, decimals);
  return [
    r.indicator.label,
    `${f.period.label}: ${f.value === null ? (f.symbolMeaning ?? 'no value') : formatFigure(f.value, unit, decimals)}`,
    directionWords(a.vsPrevious, unit, decimals),
    ragWords(a.rag),
    a.quartile ? a.quartile.words.charAt(0).toUpperCase() + a.quartile.words.slice(1) : 'Not ranked',
    fmt(a.statNeighbours?.value, a.missing.statNeighbours ? 'None' : undefined),
    unit === 'count' ? 'Not compared: a count' : fmt(a.england?.value, undefined),
    a.target ? a.target.words : 'None set',
  ];
}

/**
 * The pack as a PDF: tagged (headings, paragraphs and Appendix A as a table with header cells), in English,
 * in an embedded font that has the minus sign; RAG as shape and word, an override as final and proposed
 * with who and why; Appendix A on landscape pages, its header row repeated on each; page numbers and the
 * data date in every footer.
 */
export function packPdf(
  pack: Pack,
  options: { exceptionsOnly: boolean; serviceName: string; part?: PackPart },
): Promise<Buffer> {
  const annex = options.part === 'annex';
  const title = annex
    ? `${pack.la.name}: ${options.serviceName} performance, ${pack.period.label}: members-only annex, not for publication`
    : `${pack.la.name}: ${options.serviceName} performance, ${pack.period.label}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: 'Indicate', Subject: `Performance report for scrutiny, ${pack.period.longLabel}` },
  });
  doc.registerFont('body', FONTS.body);
  doc.registerFont('bold', FONTS.bold);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const tagged = (type: string, draw: () => void) => doc.addStructure(doc.struct(type, {}, draw));
  const heading = (text: string, size: number, level: 'H1' | 'H2' | 'H3') => {
    doc.moveDown(0.5);
    tagged(level, () => doc.font('bold').fontSize(size).text(text));
    doc.font('body').fontSize(11).moveDown(0.3);
  };
  const paragraph = (text: string, font: 'body' | 'bold' = 'body') =>
    tagged('P', () => doc.font(font).text(text).font('body'));
  const source = annex ? pack.annex.map((a) => a.row) : pack.rows;
  const rows = source.filter((r) => !options.exceptionsOnly || isException(r.assessment.rag.status));
  const ragOf = new Map(pack.rows.map((r) => [r.indicator.id, r.assessment.rag]));
  // Figures the paper withholds: their commentary is about a small number, so it is in the annex only.
  // Figures the paper withholds (its own value, or DfE's suppression): their commentary and any edited
  // paragraph are about a small number, so they are in the annex only.
  const figureWithheld = new Set([
    ...pack.annex.filter((a) => a.withheld.includes('the figure')).map((a) => a.row.indicator.id),
    ...pack.rows.filter((r) => r.figure.suppressed || r.figure.symbol === 'c').map((r) => r.indicator.id),
  ]);

  heading(title, 18, 'H1');
  if (annex) {
    paragraph(ANNEX_MARK, 'bold');
    paragraph(
      `For members of the committee only. The committee paper (version ${pack.version}) is public and leaves out what could identify a child: a small number, and anything that would let one be worked out. This annex gives those figures as the council holds them. Do not publish it or quote it in public.`,
    );
    for (const entry of pack.annex) {
      if (options.exceptionsOnly && !isException(entry.row.assessment.rag.status)) continue;
      const r = entry.row;
      paragraph(r.indicator.label, 'bold');
      const f = r.figure;
      const parts = f.numerator !== null && f.denominator !== null ? ` (${f.numerator} of ${f.denominator})` : '';
      paragraph(`${appendixCells(r)[1]}${parts}. RAG: ${ragWords(r.assessment.rag)}.`);
      paragraph(`The paper leaves out ${entry.withheld.join(', ')}.`);
      const written = pack.paragraphs.find((p) => p.indicatorId === r.indicator.id);
      if (written?.edited && figureWithheld.has(r.indicator.id)) paragraph(`As edited: ${written.edited.text}`);
      if (written?.commentary && figureWithheld.has(r.indicator.id))
        paragraph(`Commentary: ${written.commentary.text}`);
      doc.moveDown(0.4);
    }
    if (pack.annex.length === 0)
      paragraph(
        pack.serviceReportsAnnex.length > 0
          ? "The paper's figures withhold nothing; the other reports it carries are given in full below."
          : 'The paper withholds nothing: there is nothing in this annex.',
      );
  } else {
    paragraph(
      `Version ${pack.version}, ${pack.state}${pack.state === 'published' ? ` by ${pack.stateChangedBy} on ${pack.stateChangedAt.slice(0, 10)}` : ' (not yet published)'}. Figures as loaded on ${pack.dataDate.slice(0, 10)}.${pack.annex.length > 0 ? ` Small numbers, which could identify children, are not shown; ${pack.annex.length === 1 ? 'one figure is' : `${pack.annex.length} figures are`} given to members in a separate annex.` : ''}`,
    );
  }
  if (!annex) {
    // Key messages first: the service's own, then the reds and what got worse (core's keyMessages).
    heading('Key messages', 14, 'H2');
    if (pack.keyMessage?.status === 'published') paragraph(`${pack.keyMessage.text} (${pack.keyMessage.author})`);
    const messages = keyMessagesOf(pack.rows);
    paragraph(
      messages.reds.length
        ? `Red (${messages.reds.length}): ${messages.reds.map((m) => m.words).join('; ')}.`
        : 'No indicator is red.',
    );
    paragraph(
      messages.worse.length
        ? `Got worse since the previous period (${messages.worse.length}): ${messages.worse.map((m) => m.words).join('; ')}.`
        : 'No indicator got worse since the previous period.',
    );
    heading('Overview', 14, 'H2');
    for (const p of pack.overview) {
      paragraph(p);
      doc.moveDown(0.5);
    }

    let theme = '';
    for (const p of pack.paragraphs) {
      if (options.exceptionsOnly && !isException(p.ragStatus)) continue;
      if (p.themeLabel !== theme) {
        theme = p.themeLabel;
        heading(theme, 14, 'H2');
      }
      paragraph(p.label, 'bold');
      const rag = ragOf.get(p.indicatorId);
      if (rag) paragraph(`RAG: ${ragWords(rag)}`);
      // An edited paragraph on a withheld figure is people's words about a small number: the paper prints
      // the drafted one (from the public view), the annex the edited one.
      paragraph(
        figureWithheld.has(p.indicatorId) && p.edited
          ? segmentsText(p.draft as Parameters<typeof segmentsText>[0])
          : paragraphText(p),
      );
      doc.moveDown(0.2);
      if (p.commentary && figureWithheld.has(p.indicatorId)) {
        paragraph('Commentary on this figure is in the members-only annex (it is about a small number).');
        doc.moveDown(0.2);
      } else if (p.commentary) {
        paragraph(`Commentary: ${p.commentary.text}`);
        doc.moveDown(0.2);
      }
      doc.moveDown(0.4);
    }

    if (pack.breakdowns.length > 0 && !options.exceptionsOnly) {
      heading('Group by group', 14, 'H2');
      paragraph(
        "The figures computed from the council's own returns, split by the children's age, sex, legal status and placement. A group too small to show without identifying children is marked 'Not shown', and so is one that would let it be worked out from the total.",
      );
      for (const b of pack.breakdowns) {
        heading(`${b.indicator.label}, group by group${b.total ? ` (${b.total.text} in all)` : ''}`, 12, 'H3');
        for (const d of b.dimensions) {
          paragraph(`${d.label}: ${d.groups.map((g) => `${g.label} ${g.text}`).join('; ')}.`);
          doc.moveDown(0.2);
        }
      }
    }
  }

  // The committee's other reports for the quarter (issue 24): the paper prints the public view; the annex the
  // full view of those that withhold a small number.
  const serviceReports = annex ? pack.serviceReportsAnnex : pack.serviceReports;
  if (serviceReports.length > 0 && !options.exceptionsOnly) {
    for (const report of serviceReports) {
      doc.addPage();
      heading(`${report.title}: ${report.period.label}${annex ? ' (in full, not for publication)' : ''}`, 14, 'H2');
      if (report.withheldNote) paragraph(report.withheldNote);
      for (const note of report.notes) paragraph(note);
      drawReport({ doc, heading, paragraph }, report, 'H2');
    }
  }

  doc.addPage(LANDSCAPE);
  heading(
    `${annex ? 'Annex table (not for publication)' : 'Appendix A'}: ${pack.la.name}, ${pack.period.label}${options.exceptionsOnly ? ' (exceptions: amber and red)' : ''}`,
    14,
    'H2',
  );
  pdfTable(doc, APPENDIX_COLUMNS, rows.map(appendixCells), LANDSCAPE);
  heading('RAG key', 12, 'H3');
  doc.fontSize(10);
  for (const status of ['green', 'amber', 'red'] as const) {
    paragraph(`${RAG_SHAPE[status]} ${status.charAt(0).toUpperCase() + status.slice(1)}: ${pack.ragKey[status]}.`);
  }

  drawFooters(
    doc,
    (page, pages) =>
      `${annex ? 'NOT FOR PUBLICATION. ' : ''}Page ${page} of ${pages}. Data as loaded on ${pack.dataDate.slice(0, 10)}. ${pack.la.name}, ${pack.period.label}, version ${pack.version}.`,
  );
  doc.end();
  return done;
}
