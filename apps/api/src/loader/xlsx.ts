import ExcelJS from 'exceljs';
import { UnreadableFile, type CsvRecord } from './input.ts';
import { makeUploadDir, removeDir } from './temp.ts';
import { unpackWorkbook } from './unzip.ts';

/**
 * Streams the first worksheet of an .xlsx as text cells, with the sheet's own row numbers, so the
 * loader treats a workbook exactly like a CSV in the template layout. The sheet reader only ever sees
 * a copy of the parts it needs, unpacked under hard size caps (see unzip.ts), never the upload itself.
 * `fileName` is the name the analyst knows the file by, used in messages.
 */
export async function* xlsxRecords(path: string, fileName: string): AsyncGenerator<CsvRecord> {
  const dir = makeUploadDir();
  try {
    const safe = await unpackWorkbook(path, dir, fileName);
    let reader: ExcelJS.stream.xlsx.WorkbookReader;
    try {
      reader = new ExcelJS.stream.xlsx.WorkbookReader(safe, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        entries: 'ignore',
      });
    } catch {
      throw new UnreadableFile(`"${fileName}" looks like an Excel workbook but cannot be opened.`);
    }
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          const values = Array.isArray(row.values) ? row.values.slice(1) : [];
          yield { row: row.number, cells: values.map((v, i) => cellText(v, row.number, i + 1)) };
        }
        // Only the first sheet holds figures; any others (notes, pivots) are not read.
        return;
      }
    } catch (error) {
      if (error instanceof UnreadableFile) throw error;
      throw new UnreadableFile(
        `The workbook "${fileName}" cannot be read: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}.`,
      );
    }
  } finally {
    removeDir(dir);
  }
}

function cellText(value: ExcelJS.CellValue, row: number, column: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      // What the analyst sees is the formula's saved result; without one there is nothing to load.
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null || typeof result === 'object') {
        throw new UnreadableFile(
          `Cell in row ${row}, column ${column} is a formula with no saved value; paste values instead.`,
          row,
        );
      }
      return cellText(result, row, column);
    }
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return '';
  }
  return String(value);
}
