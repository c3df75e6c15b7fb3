import fs from 'node:fs';
import { parse, CsvError } from 'csv-parse';

/** A problem that stops a file being read at all (not CSV, not UTF-8, empty, malformed quoting). */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly row: number | null = null,
  ) {
    super(message);
  }
}

export type FileKind = 'csv' | 'xlsx' | 'parquet';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Decides from the bytes, not the name, whether a file is a workbook or text; refuses anything else. */
export function sniff(path: string): FileKind {
  const fd = fs.openSync(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(8192);
    head = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
  if (head.length === 0) throw new UnreadableFile('The file is empty.');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (head.includes(0)) {
    throw new UnreadableFile('The file is neither CSV text nor an Excel workbook (.xlsx): it contains binary data.');
  }
  // Cut at the last complete line so a multi-byte character split by the 8 KB window is not blamed.
  const lastNewline = head.lastIndexOf(0x0a);
  const sample = head.length === 8192 && lastNewline > 0 ? head.subarray(0, lastNewline) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    throw new UnreadableFile('The file is not UTF-8 text. Save it as "CSV UTF-8" (or as .xlsx) and load it again.');
  }
  const text = sample.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UnreadableFile('The file is empty.');
  return 'csv';
}

export type CsvRecord = { row: number; cells: string[] };

const MAX_FIELD = 10_000;

/**
 * Streams a CSV's records with their spreadsheet row numbers (header = row 1), without holding the
 * file in memory. Byte-order marks, quoted commas and CRLF are handled by csv-parse.
 */
export async function* csvRecords(path: string): AsyncGenerator<CsvRecord> {
  const parser = fs.createReadStream(path).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_FIELD * 20,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new UnreadableFile(
        `The file is not valid CSV${line ? ` near line ${line}` : ''}: ${describeCsvError(error)}`,
        line,
      );
    }
    throw error;
  }
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote mark appears in the middle of a cell';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is far too long';
    default:
      return error.message.replace(/\s+/g, ' ').slice(0, 200);
  }
}

/** U+FFFD in a cell means bytes that were not UTF-8 (a Latin-1 "é", say) were in the file. */
export function hasReplacementCharacter(cells: string[]): boolean {
  return cells.some((c) => c.includes('\uFFFD'));
}
