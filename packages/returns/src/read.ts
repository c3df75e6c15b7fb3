/**
 * Reads the files an analyst picked: SSDA903 tables (CSV, recognised by their header row) and CIN censuses
 * (XML), merged across files and de-duplicated. Every problem is a finding; nothing throws.
 *
 * Merging several collection years: identical rows are kept once. Rows with the same key (Header, OC2, AD1:
 * the child; OC3: the child and the file's collection year; Episodes: child and DECOM; Missing: child and
 * MIS_START) that differ are warned about and the one from the later collection year is kept (then the file
 * whose name sorts later, then the later row), so the files can be given in any order with the same result.
 * A version which only adds an end (DEC, or MIS_END) to an otherwise identical one is the same row seen a
 * year later: it is kept without a warning. An episode with no DEC is open whatever its REC says (DfE rule
 * 148 flags a REC on an open episode; real extracts often fill it).
 * CIN referrals are keyed by child and CINreferralDate; the census with the later Year wins.
 */
import { parseCsv, scanCsv } from './csv.ts';
import { collectionYear, formatUk, parseIsoDate, parseUkDate, type Day } from './dates.ts';
import { FindingList } from './findings.ts';
import {
  SSDA903_TABLES,
  TABLE_NAMES,
  type Ad1Row,
  type Assessment,
  type CinChild,
  type CinData,
  type CpPlan,
  type Episode,
  type HeaderRow,
  type MissingRow,
  type Oc2Row,
  type Oc3Row,
  type Referral,
  type ReturnsData,
  type Source,
  type TableName,
} from './model.ts';
import { child as childElement, childrenNamed, childText, XmlReader, type XmlElement, type XmlResult } from './xml.ts';
import type { Finding, ReturnFile } from './types.ts';

/** A file given in parts: `write` each part of its text in order, then `end` it. */
export interface FileParts {
  write(part: string): void;
  end(): void;
}

export interface ReadResult {
  data: ReturnsData;
  /** Errors and warnings found while reading (validation of the content comes later, in `validate`). */
  findings: Finding[];
}

/** Columns a rule reads: a file without one is an error; other missing columns are a warning. */
const REQUIRED_COLUMNS: Record<TableName, readonly string[]> = {
  Header: ['CHILD', 'SEX', 'DOB'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'],
  UASC: ['CHILD'],
  Reviews: ['CHILD'],
  OC2: ['CHILD', 'DOB', 'SDQ_SCORE', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK'],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD'],
  PlacedAdoption: ['CHILD'],
  PrevPerm: ['CHILD'],
  Missing: ['CHILD', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD'],
  DoLo: ['CHILD'],
};

/** The date column that dates each table's rows, for the collection year a file describes. */
const ANCHOR_COLUMN: Partial<Record<TableName, string>> = {
  Episodes: 'DECOM',
  Missing: 'MIS_START',
  Reviews: 'REVIEW',
  AD1: 'DATE_MATCH',
  PlacedAdoption: 'DATE_PLACED',
  SWEpisodes: 'SW_DECOM',
  DoLo: 'DOLO_START',
};

/** DfE's SSDA903 rule numbers for a date that does not parse, where we are confident of them. */
const DATE_RULES: Partial<Record<string, string>> = {
  'Header.DOB': '102',
  'Episodes.DECOM': '141',
  'Episodes.DEC': '147',
  'Reviews.REVIEW': '166',
  'Missing.MIS_START': '1004',
  'Missing.MIS_END': '1005',
};

/** Date columns (dd/mm/yyyy) of each table, and whether a blank is allowed. */
const DATE_COLUMNS: Partial<Record<string, boolean>> = {
  DOB: false,
  MC_DOB: true,
  DECOM: false,
  DEC: true,
  DUC: true,
  REVIEW: false,
  DATE_INT: false,
  DATE_MATCH: false,
  DATE_PLACED: false,
  DATE_PLACED_CEASED: true,
  DATE_PERM: true,
  MIS_START: false,
  MIS_END: true,
  SW_DECOM: false,
  SW_DEC: true,
  DOLO_START: false,
  DOLO_END: true,
};

/** Columns found in only one table: they recognise it. */
const DISTINCTIVE: Record<TableName, Set<string>> = (() => {
  const seen = new Map<string, number>();
  for (const table of TABLE_NAMES)
    for (const column of SSDA903_TABLES[table]) seen.set(column, (seen.get(column) ?? 0) + 1);
  const out = {} as Record<TableName, Set<string>>;
  for (const table of TABLE_NAMES) out[table] = new Set(SSDA903_TABLES[table].filter((c) => seen.get(c) === 1));
  return out;
})();

/** `" Place provider "` is `PLACE_PROVIDER`: header case and spacing vary between case-management systems. */
export function normaliseColumn(name: string): string {
  return name.trim().toUpperCase().replace(/\s+/g, '_');
}

/**
 * The table a header row belongs to: the one with most of its own (distinctive) columns present. A Header
 * written with only CHILD, SEX and DOB (no column of its own) is still the Header: no other table has those
 * three without one of its own.
 */
export function recogniseTable(columns: readonly string[]): TableName | null {
  const present = new Set(columns.map(normaliseColumn));
  let best: TableName | null = null;
  let bestScore = 0;
  for (const table of TABLE_NAMES) {
    let score = 0;
    for (const column of DISTINCTIVE[table]) if (present.has(column)) score++;
    const share = score / DISTINCTIVE[table].size;
    if (score > 0 && (best === null || share > bestScore)) {
      best = table;
      bestScore = share;
    }
  }
  if (best === null && present.has('CHILD') && present.has('SEX') && present.has('DOB')) return 'Header';
  return best;
}

/** What a file's rows say of the collection year it describes. */
interface FileDates {
  table: TableName;
  /** The latest anchor date (DECOM, MIS_START, ...) in the file. */
  latest: Day | null;
}

interface Accumulator {
  data: ReturnsData;
  findings: FindingList;
  /** Rows of the tables keyed by child (by child and year for OC3), every version: one is chosen at the end. */
  header: HeaderRow[];
  episodes: Episode[];
  oc2: Oc2Row[];
  oc3: Oc3Row[];
  ad1: Ad1Row[];
  missing: MissingRow[];
  files: Map<string, FileDates>;
  /** Files with dates written yyyy-mm-dd, and how many. */
  isoDates: Map<string, number>;
  /** The council each CIN census says it is for (Source > LEA). */
  councils: { la: string; year: number; file: string }[];
  /** Children whose Header (other than SEX and DOB), OC2 or OC3 rows differ between files. */
  yearlyDifferences: Map<TableName, Set<string>>;
}

const describeSource = (src: Source) => `${src.file} row ${src.row}`;

/** What a keyed row is, in words (only built for a warning: never once per row). */
function describeRow(table: TableName, row: { child: string; decom?: Day | null; start?: Day | null }): string {
  if (table === 'Episodes')
    return `the episode of child ${row.child} starting ${row.decom == null ? '(no date)' : formatUk(row.decom)}`;
  if (table === 'Missing')
    return `the missing episode of child ${row.child} from ${row.start == null ? '(no date)' : formatUk(row.start)}`;
  return `the ${table} row of child ${row.child}`;
}

type KeyedRow = HeaderRow | Episode | Oc2Row | Oc3Row | Ad1Row | MissingRow;

/** What two versions of a row are compared on, apart from their end (only worked out when a key repeats). */
function coreOf(table: TableName, row: KeyedRow): string {
  switch (table) {
    case 'Header': {
      const r = row as HeaderRow;
      return `${canonicalSex(r.sex)}|${r.dob}`;
    }
    case 'Episodes': {
      const r = row as Episode;
      return `${r.rne}|${r.ls}|${r.place}|${r.provider}`;
    }
    case 'OC2': {
      const r = row as Oc2Row;
      return `${r.dob}|${r.sdqScore}|${r.healthCheck}|${r.immunisations}|${r.teethCheck}`;
    }
    case 'OC3': {
      const r = row as Oc3Row;
      return `${r.dob}|${r.inTouch}|${r.activ}|${r.accom}`;
    }
    case 'AD1': {
      const r = row as Ad1Row;
      return `${r.dateInt}|${r.dateMatch}|${r.fosterCare}`;
    }
    default:
      return (row as MissingRow).missing;
  }
}

/** The row's end: DEC and REC, or MIS_END ('' while open, whatever REC says); the Header's other fields (never ''). */
function endOf(table: TableName, row: KeyedRow): string {
  if (table === 'Episodes') {
    const r = row as Episode;
    return r.dec === null ? '' : `${r.dec}|${r.rec}`;
  }
  if (table === 'Missing') return String((row as MissingRow).end ?? '');
  if (table === 'Header') return `|${(row as HeaderRow).rest}`;
  return '';
}

/** The collection year a file describes, 0 when nothing says (see `ReturnsData.fileYears`). */
const yearOf = (acc: Accumulator, file: string) => acc.data.fileYears.get(file) ?? 0;

/** Which of two versions is the later: the later collection year, then the file name, then the row. */
function later<Row extends KeyedRow>(acc: Accumulator, a: Row, b: Row): [earlier: Row, later: Row] {
  const byYear = yearOf(acc, a.file) - yearOf(acc, b.file);
  const order = byYear !== 0 ? byYear : a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.row - b.row;
  return order <= 0 ? [a, b] : [b, a];
}

/**
 * Chooses between two versions of a keyed row: identical ones once; a version that only adds an end to an
 * open one (the same row a year later) silently; otherwise the later one (see `later`), with a warning. The
 * same whichever was read first.
 */
function choose<Row extends KeyedRow>(acc: Accumulator, table: TableName, first: Row, second: Row): Row {
  const [seen, row] = later(acc, first, second);
  const sameCore = coreOf(table, seen) === coreOf(table, row);
  if (sameCore) {
    const seenEnd = endOf(table, seen);
    const rowEnd = endOf(table, row);
    // The same row (as the later version, so the source named is the same whatever the order), or the
    // version with an end over the one without.
    if (seenEnd === rowEnd) return row;
    if (rowEnd === '') return seen;
    if (seenEnd === '') return row;
  }
  if (table === 'OC2' || table === 'OC3' || (table === 'Header' && sameCore)) {
    // A child's OC2 and OC3 rows differ from year to year, and Header fields other than SEX and DOB may be
    // filled in later: counted and said once, not row by row.
    const children = acc.yearlyDifferences.get(table) ?? new Set<string>();
    acc.yearlyDifferences.set(table, children.add(row.child));
    return row;
  }
  acc.findings.add('versions-disagree', {
    severity: 'warning',
    file: row.file,
    table,
    row: row.row,
    child: row.child,
    message: `two versions of ${describeRow(table, row)} disagree (${describeSource(seen)} and ${describeSource(row)}): kept the one from ${row.file}, ${yearOf(acc, row.file) > yearOf(acc, seen.file) ? 'the later collection year' : 'the file whose name sorts later'}`,
  });
  return row;
}

/**
 * One version of each child's row (of each child and year for OC3), chosen whatever order the files came in;
 * listed by key when `sorted` (a list the rules walk), as found otherwise (a map the rules only look up).
 */
function keepByChild<Row extends KeyedRow>(acc: Accumulator, rows: Row[], table: TableName, sorted = true): Row[] {
  const kept = new Map<string, Row>();
  // Folded in a fixed order (see byVersion), so three or more versions give the same answer in any file order.
  rows.sort((a, b) => byVersion(acc, a, b));
  for (const row of rows) {
    // OC3 rows are per collection year; a file whose year nothing gives is kept apart, not merged with another.
    const key = table === 'OC3' ? `${row.child}|${yearOf(acc, row.file) || row.file}` : row.child;
    const seen = kept.get(key);
    kept.set(key, seen ? choose(acc, table, seen, row) : row);
  }
  if (!sorted) return [...kept.values()];
  // In key order, not the order the files came in.
  return [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/**
 * Sorts rows by child then date (stable, so files keep the order they were picked in) and keeps one version
 * of each child and date. Sorting replaces a map of string keys: half a million episodes need no key strings.
 */
function sortAndKeep<Row extends Episode | MissingRow>(
  acc: Accumulator,
  rows: Row[],
  dateOf: (row: Row) => Day | null,
  table: TableName,
): Row[] {
  // Versions of one key in a fixed order (collection year, file, row), so folding them gives the same
  // answer whatever order the files came in.
  rows.sort(
    (a, b) =>
      (a.child < b.child ? -1 : a.child > b.child ? 1 : 0) ||
      (dateOf(a) ?? -1e9) - (dateOf(b) ?? -1e9) ||
      byVersion(acc, a, b),
  );
  const kept: Row[] = [];
  for (const row of rows) {
    const last = kept[kept.length - 1];
    // Only versions from different files are the same row: two rows of one file with the same key (a
    // short break beginning the day an episode does, two missing episodes on one day) are both kept.
    if (last && last.child === row.child && dateOf(last) === dateOf(row) && last.file !== row.file)
      kept[kept.length - 1] = choose(acc, table, last, row);
    else kept.push(row);
  }
  // Rows of one key kept side by side: the one that ends first first (a same-day short break before the
  // episode that follows it), open ones last.
  const endOfRow = (row: Row) => ('dec' in row ? row.dec : row.end) ?? Infinity;
  return kept.sort(
    (a, b) =>
      (a.child < b.child ? -1 : a.child > b.child ? 1 : 0) ||
      (dateOf(a) ?? -1e9) - (dateOf(b) ?? -1e9) ||
      endOfRow(a) - endOfRow(b),
  );
}

/** Versions in a fixed order: the earlier collection year first, then the file name, then the row. */
function byVersion(acc: Accumulator, a: Source, b: Source): number {
  return yearOf(acc, a.file) - yearOf(acc, b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.row - b.row;
}

function firstLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r|\n/);
  const line = (end < 0 ? body : body.slice(0, end)).trim();
  return line.length > 80 ? `${line.slice(0, 80)}...` : line;
}

/**
 * Reads a table's header row (recognising the table and checking its columns) and gives back what reads each
 * data row (`r`: 1-based), or null when the table is not read.
 */
function readCsvHeader(
  file: ReturnFile,
  headerFields: string[],
  acc: Accumulator,
): ((fields: string[], r: number) => void) | null {
  const table = recogniseTable(headerFields);
  if (!table) {
    // A table DfE adds in a later year, or a file of the system's own, is no fault in the returns.
    acc.findings.add('not-a-return', {
      severity: 'warning',
      file: file.name,
      message: `not an SSDA903 table Indicate knows or a CIN census, so not read: its first line is "${firstLine(file.text)}"`,
    });
    return null;
  }
  const files = acc.data.tables.get(table) ?? [];
  files.push(file.name);
  acc.data.tables.set(table, files);
  const dates: FileDates = { table, latest: null };
  acc.files.set(file.name, dates);
  const anchorColumn = ANCHOR_COLUMN[table];

  const columns = headerFields.map(normaliseColumn);
  const spec: readonly string[] = SSDA903_TABLES[table];
  const index = new Map<string, number>();
  columns.forEach((column, i) => {
    if (!index.has(column)) index.set(column, i);
    if (!spec.includes(column)) {
      acc.findings.add('extra-column', {
        severity: 'warning',
        file: file.name,
        table,
        field: column,
        message: `column ${column} is not in the SSDA903 ${table} table: ignored`,
      });
    }
  });
  let missingRequired = false;
  for (const column of spec) {
    if (index.has(column)) continue;
    const required = REQUIRED_COLUMNS[table].includes(column);
    missingRequired ||= required;
    acc.findings.add('missing-column', {
      severity: required ? 'error' : 'warning',
      file: file.name,
      table,
      field: column,
      message: required
        ? `the ${table} table has no ${column} column, which the figures need`
        : `the ${table} table has no ${column} column (not needed by the figures)`,
    });
  }
  if (missingRequired) return null;

  const at = spec.map((column) => index.get(column) ?? -1);
  const anchor = anchorColumn === undefined ? -1 : (index.get(anchorColumn) ?? -1);
  return (fields, r) => {
    const src: Source = { file: file.name, row: r };
    if (fields.length !== columns.length) {
      acc.findings.add('field-count', {
        severity: 'warning',
        file: file.name,
        table,
        row: r,
        message: `row has ${fields.length} fields where the header has ${columns.length}`,
      });
    }
    const values: string[] = new Array<string>(spec.length);
    for (let c = 0; c < spec.length; c++) {
      const position = at[c] as number;
      values[c] = position < 0 ? '' : (fields[position] ?? '').trim();
    }
    readRow(table, values, src, acc);
    if (anchor >= 0) {
      const text = (fields[anchor] ?? '').trim();
      const day = parseUkDate(text) ?? (ISO_DATE.test(text) ? parseIsoDate(text) : null);
      if (day !== null && (dates.latest === null || day > dates.latest)) dates.latest = day;
    }
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as DfE's tables write it (dd/mm/yyyy), or as some systems export it (yyyy-mm-dd: no day-month
 * order to mistake, so read as written and said once per file).
 */
function parseCsvDate(value: string, file: string, acc: Accumulator): Day | null {
  const day = parseUkDate(value);
  if (day !== null || !ISO_DATE.test(value)) return day;
  const iso = parseIsoDate(value);
  if (iso !== null) acc.isoDates.set(file, (acc.isoDates.get(file) ?? 0) + 1);
  return iso;
}

function readDate(
  table: TableName,
  column: string,
  value: string,
  src: Source,
  child: string,
  acc: Accumulator,
): Day | null {
  const blankAllowed = DATE_COLUMNS[column];
  if (value === '') {
    if (blankAllowed === false && REQUIRED_COLUMNS[table].includes(column)) {
      acc.findings.add('date-blank', {
        severity: 'error',
        file: src.file,
        table,
        row: src.row,
        child,
        field: column,
        rule: DATE_RULES[`${table}.${column}`],
        message: `${column} is blank`,
      });
    }
    return null;
  }
  const day = parseCsvDate(value, src.file, acc);
  if (day === null) {
    const used = REQUIRED_COLUMNS[table].includes(column);
    acc.findings.add('date-does-not-parse', {
      severity: used ? 'error' : 'warning',
      file: src.file,
      table,
      row: src.row,
      child,
      field: column,
      rule: DATE_RULES[`${table}.${column}`],
      message: `${column} "${value}" is not a date written dd/mm/yyyy`,
    });
  }
  return day;
}

/** Position of each column in its table's column list: rows are arrays in that order (no object per row). */
const COLUMN: { [T in TableName]: Record<(typeof SSDA903_TABLES)[T][number], number> } = Object.fromEntries(
  TABLE_NAMES.map((table) => [table, Object.fromEntries(SSDA903_TABLES[table].map((column, i) => [column, i]))]),
) as never;

/** Positions of each table's date columns. */
const DATE_POSITIONS = Object.fromEntries(
  TABLE_NAMES.map((table) => [
    table,
    SSDA903_TABLES[table].flatMap((column, i) => (column in DATE_COLUMNS ? [i] : [])),
  ]),
) as Record<TableName, number[]>;

/**
 * A value to keep, holding on to nothing else. V8 cuts a string of 13 characters or more out of a file's
 * text as a view into that text, so one such child id (or UPN) kept would keep the whole file alive.
 */
function own(value: string): string {
  return value.length < 13 ? value : flat(value);
}

/** A copy of `value` in one piece: a string joined from parts is a chain of them until it is copied. */
function flat(value: string): string {
  return (' ' + value).slice(1);
}

function readRow(table: TableName, values: string[], src: Source, acc: Accumulator): void {
  const child = own(values[0] as string); // CHILD is every table's first column
  if (child === '') {
    acc.findings.add('child-blank', {
      severity: REQUIRED_COLUMNS[table].length > 1 ? 'error' : 'warning',
      file: src.file,
      table,
      row: src.row,
      field: 'CHILD',
      message: 'CHILD is blank',
    });
    return;
  }
  switch (table) {
    case 'Header': {
      const c = COLUMN.Header;
      const row: HeaderRow = {
        child,
        sex: code(values[c.SEX] as string),
        dob: readDate(table, 'DOB', values[c.DOB] as string, src, child, acc),
        rest: flat(`${values[c.ETHNIC]}|${values[c.UPN]}|${values[c.MOTHER]}|${values[c.MC_DOB]}`),
        file: src.file,
        row: src.row,
      };
      readDate(table, 'MC_DOB', values[c.MC_DOB] as string, src, child, acc);
      acc.header.push(row);
      return;
    }
    case 'Episodes': {
      const c = COLUMN.Episodes;
      const decomText = values[c.DECOM] as string;
      const row: Episode = {
        child,
        decom: readDate(table, 'DECOM', decomText, src, child, acc),
        dec: readDate(table, 'DEC', values[c.DEC] as string, src, child, acc),
        rne: code(values[c.RNE] as string),
        ls: code(values[c.LS] as string),
        place: code(values[c.PLACE] as string),
        provider: code(values[c.PLACE_PROVIDER] as string),
        rec: code(values[c.REC] as string),
        file: src.file,
        row: src.row,
      };
      acc.episodes.push(row);
      return;
    }
    case 'OC2': {
      const c = COLUMN.OC2;
      const row: Oc2Row = {
        child,
        dob: readDate(table, 'DOB', values[c.DOB] as string, src, child, acc),
        sdqScore: own(values[c.SDQ_SCORE] as string),
        healthCheck: own(values[c.HEALTH_CHECK] as string),
        immunisations: own(values[c.IMMUNISATIONS] as string),
        teethCheck: own(values[c.TEETH_CHECK] as string),
        file: src.file,
        row: src.row,
      };
      acc.oc2.push(row);
      return;
    }
    case 'OC3': {
      const c = COLUMN.OC3;
      const row: Oc3Row = {
        child,
        year: 0,
        dob: readDate(table, 'DOB', values[c.DOB] as string, src, child, acc),
        inTouch: code(values[c.IN_TOUCH] as string),
        activ: code(values[c.ACTIV] as string),
        accom: code(values[c.ACCOM] as string),
        file: src.file,
        row: src.row,
      };
      acc.oc3.push(row);
      return;
    }
    case 'AD1': {
      const c = COLUMN.AD1;
      readDate(table, 'DOB', values[c.DOB] as string, src, child, acc);
      acc.ad1.push({
        child,
        dateInt: readDate(table, 'DATE_INT', values[c.DATE_INT] as string, src, child, acc),
        dateMatch: readDate(table, 'DATE_MATCH', values[c.DATE_MATCH] as string, src, child, acc),
        fosterCare: code(values[c.FOSTER_CARE] as string),
        file: src.file,
        row: src.row,
      });
      acc.data.otherRowCounts.set(table, (acc.data.otherRowCounts.get(table) ?? 0) + 1);
      return;
    }
    case 'Missing': {
      const c = COLUMN.Missing;
      readDate(table, 'DOB', values[c.DOB] as string, src, child, acc);
      const startText = values[c.MIS_START] as string;
      const endText = values[c.MIS_END] as string;
      const row: MissingRow = {
        child,
        missing: code(values[c.MISSING] as string),
        start: readDate(table, 'MIS_START', startText, src, child, acc),
        end: readDate(table, 'MIS_END', endText, src, child, acc),
        file: src.file,
        row: src.row,
      };
      acc.missing.push(row);
      return;
    }
    default: {
      const columns: readonly string[] = SSDA903_TABLES[table];
      for (const i of DATE_POSITIONS[table])
        readDate(table, columns[i] as string, values[i] as string, src, child, acc);
      acc.data.otherRowCounts.set(table, (acc.data.otherRowCounts.get(table) ?? 0) + 1);
    }
  }
}

const CODES = new Map<string, string>();

/**
 * A code in upper case, one string per distinct code: a national Episodes table has half a million rows of
 * a few dozen codes, and one copy each keeps the memory down.
 */
function code(value: string): string {
  let interned = CODES.get(value);
  if (interned === undefined) {
    interned = own(value.toUpperCase());
    if (CODES.size < 10_000) CODES.set(own(value), interned);
  }
  return interned;
}

/** `male`, `female` or `unknown` from SSDA903 (1/2, M/F/U) or CIN (M/F/U, 1/2) sex codes. */
export function canonicalSex(code: string): 'male' | 'female' | 'unknown' {
  const c = code.trim().toUpperCase();
  if (c === '1' || c === 'M') return 'male';
  if (c === '2' || c === 'F') return 'female';
  return 'unknown';
}

function readCinDate(
  element: XmlElement,
  field: string,
  file: string,
  child: string,
  acc: Accumulator,
  required = false,
): Day | null {
  const text = childText(element, field);
  if (text === '') {
    if (required) {
      acc.findings.add('cin-date-blank', {
        severity: 'error',
        file,
        table: 'CIN',
        child,
        field,
        message: `${field} is missing`,
      });
    }
    return null;
  }
  // Some systems write a time after the date (2024-05-01T00:00:00): the date part is what counts.
  const day = parseIsoDate(text.length > 10 && text[10] === 'T' ? text.slice(0, 10) : text);
  if (day === null) {
    acc.findings.add('cin-date-does-not-parse', {
      severity: 'error',
      file,
      table: 'CIN',
      child,
      field,
      message: `${field} "${text}" is not a date written yyyy-mm-dd`,
    });
  }
  return day;
}

/**
 * Reads a CIN census. Each Child is read as soon as its end tag is met and then let go, so the whole
 * document is never held as a tree (a national census is hundreds of megabytes).
 */
function readCin(file: ReturnFile, body: string, acc: Accumulator): void {
  const reader = cinReader(file.name, acc);
  reader.write(body);
  reader.end();
}

/** Reads a CIN census given in parts (`write` each, then `end`): see `XmlReader`. */
function cinReader(name: string, acc: Accumulator): FileParts {
  let year = 0;
  let la = '';
  const read: CinChild[] = [];
  const xml = new XmlReader((element) => {
    if (element.name === 'Child') {
      const child = readCinChild(element, name, year, acc);
      if (child) read.push(child);
      return true;
    }
    if (element.name === 'Header') {
      const details = childElement(element, 'CollectionDetails');
      year = Number.parseInt(details ? childText(details, 'Year') : '', 10) || 0;
      const source = childElement(element, 'Source');
      la = source ? childText(source, 'LEA') : '';
    }
    return false;
  });
  return { write: (part) => xml.write(part), end: () => endCin(name, xml.end(), la, year, read, acc) };
}

function endCin(name: string, parsed: XmlResult, la: string, year: number, read: CinChild[], acc: Accumulator): void {
  if (!parsed.ok) {
    acc.findings.add('xml-malformed', {
      severity: 'error',
      file: name,
      table: 'CIN',
      message: `the XML is malformed at line ${parsed.line}: ${parsed.message}`,
    });
    return;
  }
  const root = parsed.root;
  if (root.name !== 'Message' || !childElement(root, 'Children')) {
    acc.findings.add('not-a-return', {
      severity: 'error',
      file: name,
      message: `an XML file but not a CIN census (no Message > Children): its root element is <${root.name}>`,
    });
    return;
  }
  if (la !== '') acc.councils.push({ la, year, file: name });
  const cin: CinData = (acc.data.cin ??= { children: new Map<string, CinChild>(), files: [] as string[] });
  cin.files.push(name);
  for (const child of read) mergeCinChild(cin, child, name);
}

/** Whether a census (Year, file) comes after another: the later Year, then the file whose name sorts later. */
const censusAfter = (year: number, file: string, otherYear: number, otherFile: string) =>
  year !== otherYear ? year > otherYear : file > otherFile;

/**
 * Several censuses: a child's identifiers and each referral (by CINreferralDate) from the latest census Year
 * (then the file whose name sorts later), whatever order the files came in.
 */
function mergeCinChild(cin: CinData, child: CinChild, file: string): void {
  const record = cin.children.get(child.child);
  if (!record) {
    cin.children.set(child.child, child);
    return;
  }
  const year = child.censusYear;
  const firstFile = record.referrals[0]?.file ?? '';
  if (censusAfter(year, file, record.censusYear, firstFile)) {
    record.dob = child.dob ?? record.dob;
    record.sex = child.sex || record.sex;
    record.censusYear = year;
  }
  for (const referral of child.referrals) {
    const index = referral.date === null ? -1 : record.referrals.findIndex((r) => r.date === referral.date);
    const existing = record.referrals[index];
    if (!existing) record.referrals.push(referral);
    else if (censusAfter(year, file, existing.censusYear, existing.file)) record.referrals[index] = referral;
  }
}

/** The censuses' children by id, each child's referrals by date: the same whatever order the files came in. */
function inOrder(cin: CinData): void {
  const children = [...cin.children.values()].sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
  cin.children = new Map(children.map((child) => [child.child, child]));
  for (const child of children) {
    if (child.referrals.length > 1)
      child.referrals.sort((a, b) => (a.date ?? -Infinity) - (b.date ?? -Infinity) || a.file.localeCompare(b.file));
  }
  cin.files.sort();
}

function readCinChild(childXml: XmlElement, file: string, year: number, acc: Accumulator): CinChild | null {
  const ids = childElement(childXml, 'ChildIdentifiers');
  const id = ids ? own(childText(ids, 'LAchildID')) : '';
  if (id === '') {
    acc.findings.add('cin-child-id', {
      severity: 'error',
      file,
      table: 'CIN',
      field: 'LAchildID',
      message: 'a Child without an LAchildID',
    });
    return null;
  }
  const dob = ids ? readCinDate(ids, 'PersonBirthDate', file, id, acc) : null;
  const sex = ids ? own(childText(ids, 'Sex') || childText(ids, 'GenderCurrent')) : '';
  // Arrays are made by `map`, at their length: grown by `push`, each would hold room for 17 (a national
  // census has hundreds of thousands of referrals, most with one assessment or none).
  const referrals = childrenNamed(childXml, 'CINdetails').map((detail) => readReferral(detail, file, id, year, acc));
  return { child: id, dob, sex, referrals, censusYear: year };
}

/** One empty list for every referral without assessments or without plans (most have no plan): never written to. */
const NONE: never[] = Object.freeze([]) as never[];

const mapOrNone = <T>(elements: XmlElement[], read: (element: XmlElement) => T): T[] =>
  elements.length === 0 ? NONE : elements.map(read);

function readReferral(detail: XmlElement, file: string, child: string, censusYear: number, acc: Accumulator): Referral {
  const assessments = mapOrNone(childrenNamed(detail, 'Assessments'), (assessment): Assessment => ({
    child,
    start: readCinDate(assessment, 'AssessmentActualStartDate', file, child, acc, true),
    authorised: readCinDate(assessment, 'AssessmentAuthorisationDate', file, child, acc),
  }));
  const plans = mapOrNone(childrenNamed(detail, 'ChildProtectionPlans'), (plan): CpPlan => {
    const reviews: Day[] = [];
    for (const reviewList of childrenNamed(plan, 'Reviews')) {
      for (const review of childrenNamed(reviewList, 'CPPreviewDate')) {
        const text = review.text.trim();
        const day = parseIsoDate(text);
        if (day === null) {
          acc.findings.add('cin-date-does-not-parse', {
            severity: 'error',
            file,
            table: 'CIN',
            child,
            field: 'CPPreviewDate',
            message: `CPPreviewDate "${text}" is not a date written yyyy-mm-dd`,
          });
        } else reviews.push(day);
      }
    }
    const previousText = childText(plan, 'NumberOfPreviousCPP');
    const previous = /^\d+$/.test(previousText) ? Number(previousText) : null;
    return {
      child,
      start: readCinDate(plan, 'CPPstartDate', file, child, acc, true),
      end: readCinDate(plan, 'CPPendDate', file, child, acc),
      previous,
      reviews: reviews.sort((a, b) => a - b).slice(),
    };
  });
  return {
    child,
    date: readCinDate(detail, 'CINreferralDate', file, child, acc, true),
    closure: readCinDate(detail, 'CINclosureDate', file, child, acc),
    assessments,
    plans,
    file,
    censusYear,
  };
}

export function emptyData(): ReturnsData {
  return {
    tables: new Map(),
    header: new Map(),
    episodes: [],
    oc2: [],
    oc3: [],
    missing: [],
    otherRowCounts: new Map(),
    ad1: new Map(),
    fileYears: new Map(),
    cin: null,
  };
}

/**
 * Reads the files one at a time, so a caller need not hold every file's text at once: `add` each file (its
 * text can be let go as soon as `add` returns), or give it in parts with `open`, then `finish` once for the
 * data and the findings. The result is the same as `readReturns` over the files in the order they were given.
 */
export class ReturnsReader {
  private readonly acc: Accumulator = {
    data: emptyData(),
    findings: new FindingList(),
    header: [],
    episodes: [],
    oc2: [],
    oc3: [],
    ad1: [],
    missing: [],
    files: new Map(),
    isoDates: new Map(),
    councils: [],
    yearlyDifferences: new Map(),
  };
  private filesRead = 0;
  private finished = false;
  /** A file given in parts is being read. */
  private opened = false;

  /** `onProgress` gets the number of files read so far, after each file (`add`, or `end` of `open`). */
  constructor(private readonly onProgress?: (filesRead: number) => void) {}

  /** Reads one file into what has been read so far. Nothing is kept of its text but the values read. */
  add(file: ReturnFile): void {
    this.check('add');
    readFile(file, this.acc);
    this.counted();
  }

  /**
   * Starts a file given in parts, for one too large to hold as a single string (a national CIN census is
   * hundreds of megabytes): `write` its text in order, in parts of any size, then `end` it. A CIN census is
   * read part by part and nothing of a part is kept; a CSV table (tens of megabytes at most) is put together
   * at `end` and read as `add` reads it. The result is the same as `add` with the whole text.
   */
  open(name: string): FileParts {
    this.check('open');
    this.opened = true;
    let parts: string[] = [];
    /** Where parts go once the kind of file is known. */
    let target: FileParts | null = null;
    let ended = false;
    return {
      write: (part) => {
        if (ended) throw new Error('ReturnsReader: write after end');
        if (target) {
          target.write(part);
          return;
        }
        parts.push(part);
        // A file is a CIN census when its first character other than spaces (and a byte-order mark) is "<".
        const start = part.trimStart();
        if (start === '') return;
        if (start.startsWith('<')) {
          target = cinReader(name, this.acc);
          const opening = parts.join('');
          parts = [];
          target.write(opening.charCodeAt(0) === 0xfeff ? opening.slice(1) : opening);
        } else {
          // A CSV table: put together at the end.
          target = {
            write: (next) => parts.push(next),
            end: () => readFile({ name, text: parts.join('') }, this.acc),
          };
        }
      },
      end: () => {
        if (ended) throw new Error('ReturnsReader: end called twice');
        ended = true;
        this.opened = false;
        if (target) target.end();
        else readFile({ name, text: parts.join('') }, this.acc);
        parts = [];
        this.counted();
      },
    };
  }

  private check(what: string): void {
    if (this.finished) throw new Error(`ReturnsReader: ${what} after finish`);
    if (this.opened) throw new Error(`ReturnsReader: ${what} before the file opened last is ended`);
  }

  private counted(): void {
    this.filesRead++;
    this.onProgress?.(this.filesRead);
  }

  /** Merges what was read (one version of each row) and closes the findings. Call once, after the last `add`. */
  finish(): ReadResult {
    this.check('finish');
    this.finished = true;
    const { acc } = this;
    const { data } = acc;
    data.fileYears = fileYears(acc.files);
    data.header = new Map(keepByChild(acc, acc.header, 'Header', false).map((row) => [row.child, row]));
    data.episodes = sortAndKeep(acc, acc.episodes, (e) => e.decom, 'Episodes');
    data.oc2 = keepByChild(acc, acc.oc2, 'OC2');
    for (const row of acc.oc3) row.year = yearOf(acc, row.file);
    data.oc3 = keepByChild(acc, acc.oc3, 'OC3');
    data.ad1 = new Map(keepByChild(acc, acc.ad1, 'AD1', false).map((row) => [row.child, row]));
    data.missing = sortAndKeep(acc, acc.missing, (m) => m.start, 'Missing');
    acc.header = acc.episodes = acc.oc2 = acc.oc3 = acc.ad1 = acc.missing = [] as never[];
    for (const [file, count] of acc.isoDates) {
      acc.findings.add('iso-dates', {
        severity: 'warning',
        file,
        message: `${count} ${count === 1 ? 'date is' : 'dates are'} written yyyy-mm-dd, not dd/mm/yyyy as DfE's tables have them: read as written`,
      });
    }
    if (data.cin) inOrder(data.cin);
    const councils = acc.councils.sort((a, b) => b.year - a.year || a.file.localeCompare(b.file));
    if (councils[0]) data.la = councils[0].la;
    const others = councils.filter((c) => c.la !== data.la);
    if (others.length > 0) {
      acc.findings.add('la-differs', {
        severity: 'warning',
        table: 'CIN',
        field: 'LEA',
        message: `the censuses are for different councils: ${councils.map((c) => `${c.file} for ${c.la}`).join(', ')}; ${data.la} (the latest census) is taken as the council`,
      });
    }
    for (const [table, { size: count }] of acc.yearlyDifferences) {
      acc.findings.add('yearly-differences', {
        severity: 'warning',
        table,
        message:
          table === 'OC3'
            ? `${count} ${count === 1 ? "care leaver's" : "care leavers'"} OC3 rows differ between files of the same collection year: the row from the file whose name sorts later is used`
            : `${count} ${count === 1 ? "child's" : "children's"} ${table} rows differ between the files (several collection years): the row from the latest collection year is used`,
      });
    }
    acc.findings.close();
    return { data, findings: [...acc.findings.errors, ...acc.findings.warnings] };
  }
}

/** The files beside `name`: in the same folder with the same numbers (of two digits or more: not OC3's 3) in their names (`2021-header.csv`, `2021-episodes.csv`). */
function stem(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return `${name.slice(0, slash + 1)}|${(name.slice(slash + 1).match(/\d{2,}/g) ?? []).join('-')}`;
}

/** The collection year of each file (see `ReturnsData.fileYears`). */
function fileYears(files: Map<string, FileDates>): Map<string, number> {
  const years = new Map<string, number>();
  // A folder's year is its Episodes file's (the surest); else the latest of its other dated files'.
  const byStem = new Map<string, { year: number; episodes: boolean }>();
  for (const [name, dates] of files) {
    if (dates.latest === null) continue;
    const year = collectionYear(dates.latest);
    years.set(name, year);
    const key = stem(name);
    const episodes = dates.table === 'Episodes';
    const seen = byStem.get(key);
    if (!seen || (episodes && !seen.episodes) || (episodes === seen.episodes && year > seen.year))
      byStem.set(key, { year, episodes });
  }
  for (const name of files.keys()) {
    if (years.has(name)) continue;
    const year = byStem.get(stem(name))?.year;
    if (year !== undefined) years.set(name, year);
  }
  return years;
}

/** Reads every file; `onProgress` gets the share of files read. */
export function readReturns(files: readonly ReturnFile[], onProgress?: (done: number) => void): ReadResult {
  const reader = new ReturnsReader(onProgress && ((read) => onProgress(read / files.length)));
  for (const file of files) reader.add(file);
  return reader.finish();
}

function readFile(file: ReturnFile, acc: Accumulator): void {
  const body = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  const start = body.trimStart();
  if (start === '') {
    acc.findings.add('empty-file', { severity: 'error', file: file.name, message: 'the file is empty' });
    return;
  }
  if (start.startsWith('<')) {
    readCin(file, body, acc);
    return;
  }
  // The whole file is checked first, keeping nothing, so a malformed one gives no rows; then each row is read
  // as the CSV reader meets it, so no list of the file's records is ever held.
  const parsed = scanCsv(body, () => undefined);
  if (!parsed.ok) {
    const table = recogniseTable(parseCsv(firstLine(body)).ok ? firstLine(body).split(',') : []);
    acc.findings.add('csv-malformed', {
      severity: 'error',
      file: file.name,
      table: table ?? undefined,
      message: `the CSV is malformed at line ${parsed.line}: ${parsed.message}`,
    });
    return;
  }
  let readDataRow: ((fields: string[], r: number) => void) | null = null;
  let r = 0;
  scanCsv(body, (fields) => {
    if (r === 0) readDataRow = readCsvHeader(file, fields, acc);
    else readDataRow?.(fields, r);
    r++;
  });
}
