/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes (a quote inside doubled),
 * line breaks inside quotes kept, CRLF, LF or CR line ends, a UTF-8 byte-order mark ignored, blank lines
 * skipped. Written here rather than taken from a library so the same code runs in Node and a web worker
 * with nothing to bundle.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file the record starts on. */
  line: number;
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export type CsvScan = { ok: true } | { ok: false; line: number; message: string };

/** Every record of the file, as one list (see `scanCsv` to take them one at a time). */
export function parseCsv(input: string): CsvResult {
  const records: CsvRecord[] = [];
  const scanned = scanCsv(input, (fields, line) => records.push({ fields, line }));
  return scanned.ok ? { ok: true, records } : scanned;
}

/**
 * Gives each record to `onRecord` as it is read, and keeps none: a national table is hundreds of thousands of
 * rows, and a list of them all would be many times the size of the file. The records before a malformed one
 * have been given by the time it is found: check the whole file first (with an `onRecord` that does nothing)
 * when a malformed file must give no rows.
 */
export function scanCsv(input: string, onRecord: (fields: string[], line: number) => void): CsvScan {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const length = text.length;
  let line = 1;
  let i = 0;
  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        i = from;
        for (;;) {
          const next = text.indexOf('"', i);
          if (next < 0) return { ok: false, line: startLine, message: 'a quoted field is never closed' };
          for (let j = i; j < next; j++) if (text.charCodeAt(j) === LF) line++;
          if (text.charCodeAt(next + 1) === QUOTE) {
            value += text.slice(from, next + 1);
            i = next + 2;
            from = i;
            continue;
          }
          value += text.slice(from, next);
          i = next + 1;
          break;
        }
        const after = i < length ? text.charCodeAt(i) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          return { ok: false, line, message: 'text follows a closing quote without a comma' };
        }
        fields.push(value.indexOf('\r\n') >= 0 ? value.replace(/\r\n/g, '\n') : value);
      } else {
        let j = i;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = i < length ? text.charCodeAt(i) : LF;
      if (c === COMMA) {
        i++;
      } else {
        endOfRecord = true;
        if (c === CR && text.charCodeAt(i + 1) === LF) i += 2;
        else i++;
        line++;
      }
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) onRecord(fields, startLine);
  }
  return { ok: true };
}
