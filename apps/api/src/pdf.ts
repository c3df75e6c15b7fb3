import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every PDF Indicate prints shares: the embedded fonts, the page layouts, RAG shapes and tagged tables. */

const FONT_DIR = fileURLToPath(new URL('../assets/fonts/', import.meta.url));
/** DejaVu Sans, embedded: PDF's standard Helvetica has no minus sign (U+2212) and no RAG shapes. */
export const FONTS = { body: path.join(FONT_DIR, 'DejaVuSans.ttf'), bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf') };

export const LANDSCAPE = {
  size: 'A4',
  layout: 'landscape',
  margins: { top: 48, bottom: 64, left: 56, right: 56 },
} as const;

/** The RAG's shape, as on the dashboard (a circle, a triangle, a square): never colour alone. */
export const RAG_SHAPE: Record<'green' | 'amber' | 'red' | 'none', string> = {
  green: '●',
  amber: '▲',
  red: '■',
  none: '▬',
};

/**
 * A table as tagged tables (Table, TR, TH with column scope, TD), one per page: a row that would not fit
 * starts a new page (of `layout`), and the header row is drawn again at its top. Appendix A and the other
 * reports' tables alike.
 */
export function pdfTable(
  doc: PDFKit.PDFDocument,
  columns: ReadonlyArray<{ header: string; width: number }>,
  rows: string[][],
  layout: PDFKit.PDFDocumentOptions,
): void {
  const padding = 4;
  const size = 8.5;
  const widths = columns.map((c) => c.width);
  const heightOf = (cells: string[], font: 'body' | 'bold') =>
    Math.max(
      ...cells.map((text, i) =>
        doc
          .font(font)
          .fontSize(size)
          .heightOfString(text, { width: widths[i]! - 2 * padding }),
      ),
    ) +
    2 * padding +
    2;
  // PDFKit's tables take `structParent` and per-cell `type`, `scope` and `font`; its type definitions lag.
  type Table = { row(cells: unknown[]): Table; end(): unknown };
  const header = columns.map((c) => ({
    text: c.header,
    type: 'TH',
    scope: 'Column',
    font: { src: FONTS.bold, size },
  }));
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const start = (): Table => {
    doc.font('body').fontSize(size);
    const table = (doc as unknown as { table(options: object): Table }).table({
      structParent: doc,
      columnStyles: widths,
      defaultStyle: { padding, border: 0.5, borderColor: '#666666' },
    });
    return table.row(header);
  };
  let table = start();
  for (const cells of rows) {
    if (doc.y + heightOf(cells, 'body') > bottom()) {
      table.end();
      doc.addPage(layout);
      table = start();
    }
    doc.font('body').fontSize(size);
    table.row(cells);
  }
  table.end();
  doc.font('body').fontSize(11).moveDown(0.5);
  doc.x = doc.page.margins.left;
}

/**
 * Column widths that fit a table's words: each column at least as wide as its longest word (so no word is split
 * in the middle), the rest of the width shared by how much text each column holds. Null when the longest words
 * alone need more than `available`: the table wants a wider page.
 */
export function columnWidths(
  doc: PDFKit.PDFDocument,
  columns: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  available: number,
): number[] | null {
  const padding = 2 * 4 + 2;
  const longestWord = (text: string, font: 'body' | 'bold') =>
    Math.max(0, ...text.split(/\s+/).map((w) => doc.font(font).fontSize(8.5).widthOfString(w)));
  const least = columns.map(
    (header, i) => Math.max(longestWord(header, 'bold'), ...rows.map((r) => longestWord(r[i] ?? '', 'body'))) + padding,
  );
  const spare = available - least.reduce((a, b) => a + b, 0);
  if (spare < 0) return null;
  const weight = columns.map((header, i) => Math.max(header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = weight.reduce((a, b) => a + b, 0) || 1;
  return least.map((w, i) => w + (spare * weight[i]!) / total);
}

/** Every page's footer (page numbers and what the paper is), drawn once all pages exist, as an artifact. */
export function drawFooters(doc: PDFKit.PDFDocument, text: (page: number, pages: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('body')
      .fontSize(9)
      .text(text(i + 1, range.count), 56, doc.page.height - 40, {
        width: doc.page.width - 112,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
