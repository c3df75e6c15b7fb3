/**
 * THE ONE CSV CELL WRITER, used by every CSV Indicate writes: the API's downloads, the loader's template,
 * the returns' template and the browser's "children counted" file (which holds text from an uploaded
 * return). A cell is quoted when it holds a comma, a quote or a line break (RFC 4180). Text a spreadsheet
 * would run as a formula (starting =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe,
 * as OWASP advises against CSV injection: quoting alone does not stop Excel. A number, or text that is
 * exactly a plain number ("-5", "0.25"), is written as it is, so the loader reads it back unchanged.
 */
export type CsvCellValue = string | number | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(cell: CsvCellValue): string {
  if (cell === null || cell === undefined) return '';
  // Twelve significant figures: a computed mean's float noise (83.41999999999999) is written as 83.42.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(Number(cell.toPrecision(12))) : '';
  const safe = FORMULA.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line of cells (no line ending). */
export function csvLine(cells: readonly CsvCellValue[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole CSV file: header, then rows, each line ended CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCellValue[]>): string {
  return [header, ...rows].map(csvLine).join('\r\n') + '\r\n';
}
