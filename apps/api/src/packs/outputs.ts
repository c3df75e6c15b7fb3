import type { Pack, Scorecard } from '@indicate/contracts';
import { formatFigure, isException, segmentsText } from '@indicate/core';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { scorecardCsv, scorecardTable } from '../reads/csv.ts';

/** Appendix A of a pack as the scorecard it froze: the same columns as the scorecard download. */
function appendix(pack: Pack): Scorecard {
  return {
    la: pack.la,
    period: pack.period,
    method: 'mean',
    filters: { theme: null, exceptionsOnly: false, newOnly: false },
    rows: pack.rows,
    notReported: [],
  };
}

export function appendixCsv(pack: Pack): string {
  return scorecardCsv(appendix(pack));
}

/** Appendix A as an Excel workbook (one sheet, header row frozen). */
export async function appendixXlsx(pack: Pack): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Indicate';
  const sheet = book.addWorksheet('Appendix A');
  // Cells are written as values (text stays text, never a formula), numbers as numbers.
  const table = scorecardTable(appendix(pack));
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function paragraphText(p: Pack['paragraphs'][number]): string {
  return p.edited?.text ?? segmentsText(p.draft as Parameters<typeof segmentsText>[0]);
}

/**
 * The pack as a PDF: tagged (PDF/UA structure where PDFKit supports it), with a title, language, headings,
 * the covering report, the paragraphs by theme, Appendix A and the RAG key; page numbers and the data date
 * in every footer.
 */
export function packPdf(pack: Pack, options: { exceptionsOnly: boolean; serviceName: string }): Promise<Buffer> {
  const title = `${pack.la.name}: ${options.serviceName} performance, ${pack.period.label}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: 'Indicate', Subject: `Performance report for scrutiny, ${pack.period.longLabel}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const heading = (text: string, size: number) => {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(11).moveDown(0.3);
  };
  const rows = pack.rows.filter((r) => !options.exceptionsOnly || isException(r.assessment.rag.status));

  heading(title, 18);
  doc.text(
    `Version ${pack.version}, ${pack.state}${pack.state === 'published' ? ` by ${pack.stateChangedBy} on ${pack.stateChangedAt.slice(0, 10)}` : ' (not yet published)'}. Figures as loaded on ${pack.dataDate.slice(0, 10)}.`,
  );
  heading('Overview', 14);
  for (const paragraph of pack.overview) doc.text(paragraph).moveDown(0.5);

  let theme = '';
  for (const p of pack.paragraphs) {
    if (options.exceptionsOnly && !isException(p.ragStatus)) continue;
    if (p.themeLabel !== theme) {
      theme = p.themeLabel;
      heading(theme, 14);
    }
    doc.font('Helvetica-Bold').text(p.label).font('Helvetica');
    doc.text(paragraphText(p)).moveDown(0.2);
    if (p.commentary) doc.text(`Commentary: ${p.commentary.text}`).moveDown(0.2);
    doc.moveDown(0.4);
  }

  doc.addPage();
  heading(
    `Appendix A: ${pack.la.name}, ${pack.period.label}${options.exceptionsOnly ? ' (exceptions: amber and red)' : ''}`,
    14,
  );
  for (const r of rows) {
    const f = r.figure;
    const a = r.assessment;
    const fmt = (v: number | null | undefined) =>
      v == null ? 'n/a' : formatFigure(v, r.indicator.unit, r.indicator.decimals);
    doc.font('Helvetica-Bold').fontSize(10).text(r.indicator.label);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        `${f.period.label}: ${f.value === null ? (f.symbolMeaning ?? 'no value') : fmt(f.value)}` +
          ` | Direction: ${a.vsPrevious.direction ?? 'not comparable'}` +
          ` | RAG: ${a.rag.label}` +
          ` | Quartile: ${a.quartile ? a.quartile.words : 'none'}` +
          ` | Statistical neighbours: ${fmt(a.statNeighbours?.value)}` +
          ` | England: ${fmt(a.england?.value)}` +
          ` | Target: ${fmt(a.target?.value)}`,
      )
      .moveDown(0.4);
  }
  heading('RAG key', 12);
  doc.fontSize(10);
  doc.text(`Green: ${pack.ragKey.green}.`).text(`Amber: ${pack.ragKey.amber}.`).text(`Red: ${pack.ragKey.red}.`);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(9)
      .text(
        `Page ${i + 1} of ${range.count}. Data as loaded on ${pack.dataDate.slice(0, 10)}. ${pack.la.name}, ${pack.period.label}, version ${pack.version}.`,
        56,
        doc.page.height - 40,
        { width: doc.page.width - 112, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
