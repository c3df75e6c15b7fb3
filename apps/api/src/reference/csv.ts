import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Reads a small reference CSV whole, as DfE publishes it: an optional byte-order mark, quoted cells
 * with commas, and (in the 2021 neighbour file) repeated header names, so rows come back as arrays.
 */
export function readCsvRows(file: string): { header: string[]; rows: string[][] } {
  const records = parse(fs.readFileSync(file), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header, ...rows] = records;
  if (!header) throw new Error(`${file} is empty`);
  return { header: header.map((h) => h.trim()), rows };
}

/** The header of a CSV without reading the rest of it. */
export function readCsvHeader(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const [header] = parse(firstLine, { bom: true }) as string[][];
    return (header ?? []).map((h) => h.trim());
  } finally {
    fs.closeSync(fd);
  }
}

/** Rows as objects keyed by header name (for files whose header names are unique). */
export function readCsvObjects(file: string): Array<Record<string, string>> {
  const { header, rows } = readCsvRows(file);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, (row[i] ?? '').trim()])));
}
