import type { ReportDocument } from '@indicate/contracts';
import { csvLine, GLOSSARY, type ReportCell } from '@indicate/core';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { columnWidths, drawFooters, FONTS, LANDSCAPE, pdfTable, RAG_SHAPE } from '../pdf.ts';

/**
 * The other reports' downloads, each from the one ReportDocument: CSV (every table under its caption), Excel
 * (a sheet per table) and a PDF that reads as the committee's own paper (headings, paragraphs, tables with
 * header cells, the RAG as shape and word, the terms explained at the end). The pack's section draws the same.
 */

/** A cell as words: a RAG with its shape, so it is never colour alone. */
export function cellText(c: ReportCell): string {
  return c.rag ? `${RAG_SHAPE[c.rag]} ${c.text}` : c.text;
}

export function reportCsv(doc: ReportDocument, la: string): string {
  const lines = [csvLine([`${doc.title}: ${la}, ${doc.period.label}`])];
  if (doc.withheldNote) lines.push(csvLine([doc.withheldNote]));
  for (const note of doc.notes) lines.push(csvLine([note]));
  for (const section of doc.sections)
    for (const table of section.tables) {
      lines.push('', csvLine([table.caption]), csvLine(table.columns));
      for (const row of table.rows)
        lines.push(csvLine(row.map((c) => ((c.value ?? null) !== null ? c.value : c.text))));
    }
  return `${lines.join('\r\n')}\r\n`;
}

export async function reportXlsx(doc: ReportDocument, la: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Indicate';
  const used = new Set<string>();
  for (const section of doc.sections)
    for (const table of section.tables) {
      // Excel's sheet names: 31 characters, none of []:*?/\, and each its own.
      let name = table.caption
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 28)
        .trim();
      for (let n = 2; used.has(name); n += 1) name = `${name.slice(0, 26)} ${n}`;
      used.add(name);
      const sheet = book.addWorksheet(name);
      sheet.addRow([`${table.caption}: ${la}, ${doc.period.label}`]).font = { bold: true };
      sheet.addRow(table.columns).font = { bold: true };
      for (const row of table.rows) sheet.addRow(row.map((c) => ((c.value ?? null) !== null ? c.value : cellText(c))));
      if (doc.withheldNote) sheet.addRow([doc.withheldNote]);
      sheet.views = [{ state: 'frozen', ySplit: 2 }];
      sheet.columns.forEach((col, i) => {
        col.width = i === 0 ? 40 : 18;
      });
    }
  if (used.size === 0) book.addWorksheet('Report').addRow([`${doc.title}: nothing loaded yet`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

type Drawer = {
  doc: PDFKit.PDFDocument;
  heading: (text: string, size: number, level: 'H1' | 'H2' | 'H3') => void;
  paragraph: (text: string, font?: 'body' | 'bold') => void;
};

/** Draws a report's sections (headings at `level` and below): the report's own PDF and the pack's section. */
export function drawReport(d: Drawer, report: ReportDocument, level: 'H1' | 'H2'): void {
  const sub = level === 'H1' ? 'H2' : 'H3';
  const portrait = { size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 } } as const;
  const widthOf = () => d.doc.page.width - d.doc.page.margins.left - d.doc.page.margins.right;
  // After a landscape table, what follows starts a portrait page again (only once something follows).
  let landscape = false;
  const portraitAgain = () => {
    if (landscape) d.doc.addPage(portrait);
    landscape = false;
  };
  for (const section of report.sections) {
    portraitAgain();
    d.heading(section.heading, level === 'H1' ? 14 : 12, sub);
    for (const p of section.paragraphs) d.paragraph(p);
    for (const table of section.tables) {
      const rows = table.rows.map((row) => row.map(cellText));
      // Every word whole: a table whose words do not fit across a portrait page gets a landscape one.
      let widths = landscape ? null : columnWidths(d.doc, table.columns, rows, widthOf());
      if (widths === null && !landscape) {
        d.doc.addPage(LANDSCAPE);
        landscape = true;
      }
      widths ??=
        columnWidths(d.doc, table.columns, rows, widthOf()) ??
        table.columns.map(() => widthOf() / table.columns.length);
      // A caption never sits alone at a page's foot: with no room for its table's first rows, a new page first.
      if (d.doc.y > d.doc.page.height - d.doc.page.margins.bottom - 90) d.doc.addPage(landscape ? LANDSCAPE : portrait);
      d.doc.moveDown(0.3);
      d.paragraph(table.caption, 'bold');
      d.doc.moveDown(0.2);
      pdfTable(
        d.doc,
        table.columns.map((header, i) => ({ header, width: widths[i]! })),
        rows,
        landscape ? LANDSCAPE : portrait,
      );
    }
  }
}

/** The terms a report uses, in plain English, for the end of its paper. */
export function termsOf(report: ReportDocument) {
  const ids = new Set(report.sections.flatMap((s) => s.terms));
  return GLOSSARY.filter((t) => ids.has(t.id));
}

export function reportPdf(
  report: ReportDocument,
  options: { la: string; serviceName: string; dataDate: string },
): Promise<Buffer> {
  const title = `${options.la}: ${report.title}, ${report.period.label}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: 'Indicate', Subject: `${report.title} for the scrutiny committee` },
  });
  doc.registerFont('body', FONTS.body);
  doc.registerFont('bold', FONTS.bold);
  doc.font('body').fontSize(11);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const tagged = (type: string, draw: () => void) => doc.addStructure(doc.struct(type, {}, draw));
  const drawer: Drawer = {
    doc,
    heading: (text, size, level) => {
      doc.moveDown(0.5);
      tagged(level, () => doc.font('bold').fontSize(size).text(text, doc.page.margins.left));
      doc.font('body').fontSize(11).moveDown(0.3);
    },
    paragraph: (text, font = 'body') =>
      tagged('P', () => doc.font(font).fontSize(11).text(text, doc.page.margins.left).font('body')),
  };
  drawer.heading(title, 18, 'H1');
  drawer.paragraph(
    `${options.serviceName}. Made by Indicate from the service's logs as loaded on ${options.dataDate}: ${report.sources
      .map((s) => (s.loadId === null ? `${s.title} (not loaded)` : `${s.title} (load ${s.loadId}, ${s.fileName})`))
      .join('; ')}.`,
  );
  if (report.withheldNote) drawer.paragraph(report.withheldNote);
  for (const note of report.notes) drawer.paragraph(note);
  drawReport(drawer, report, 'H1');
  const terms = termsOf(report);
  if (terms.length > 0) {
    drawer.heading('What the terms mean', 14, 'H2');
    for (const t of terms) {
      drawer.paragraph(`${t.term}: ${t.definition}`);
      doc.moveDown(0.3);
    }
  }
  drawFooters(
    doc,
    (page, pages) => `Page ${page} of ${pages}. ${options.la}, ${report.title}, ${report.period.label}.`,
  );
  doc.end();
  return done;
}
