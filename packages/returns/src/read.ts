/**
 * Reads the files an analyst picked: SSDA903 tables (CSV, recognised by their header row) and CIN censuses
 * (XML), merged across files and de-duplicated. Every problem is a finding; nothing throws.
 *
 * Merging several collection years: identical rows are kept once. Rows with the same key (Header, OC2, OC3:
 * the child; Episodes: child and DECOM; Missing: child and MIS_START) that differ are warned about and the one
 * from the file picked later is kept, except that a version which only adds an end (DEC and REC, or
 * MIS_END) to an otherwise identical one is the same row seen a year later: it is kept without a warning.
 * CIN referrals are keyed by child and CINreferralDate; the census with the later Year wins.
 */
import { parseCsv, type CsvRecord } from './csv.ts';
import { parseIsoDate, parseUkDate, type Day } from './dates.ts';
import { FindingList } from './findings.ts';
import {
  SSDA903_TABLES,
  TABLE_NAMES,
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
import { child as childElement, childrenNamed, childText, parseXml, type XmlElement } from './xml.ts';
import type { Finding, ReturnFile } from './types.ts';

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
};

/** DfE's SSDA903 rule numbers for a date that does not parse, where we are confident of them. */
const DATE_RULES: Partial<Record<string, string>> = { 'Header.DOB': '102', 'Episodes.DECOM': '141' };

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

/** The table a header row belongs to: the one with most of its own (distinctive) columns present. */
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
  return best;
}

interface Accumulator {
  data: ReturnsData;
  findings: FindingList;
  header: Map<string, Kept<HeaderRow>>;
  episodes: Map<string, Kept<Episode>>;
  oc2: Map<string, Kept<Oc2Row>>;
  oc3: Map<string, Kept<Oc3Row>>;
  missing: Map<string, Kept<MissingRow>>;
  other: Map<TableName, Set<string>>;
  cinYear: Map<string, number>;
}

const describeSource = (src: Source) => `${src.file} row ${src.row}`;

interface Kept<Row> {
  row: Row;
  /** Every field compared, but the end. */
  core: string;
  /** DEC and REC, or MIS_END: '' while the row is open. */
  end: string;
}

/**
 * Keeps one version of a keyed row: identical ones once; a version that only adds an end to an open one
 * (the same row a year later) silently; otherwise the later one, with a warning.
 */
function keep<Row extends { src: Source; child: string }>(
  acc: Accumulator,
  map: Map<string, Kept<Row>>,
  key: string,
  kept: Kept<Row>,
  table: TableName,
  what: string,
): void {
  const seen = map.get(key);
  if (!seen) {
    map.set(key, kept);
    return;
  }
  if (seen.core === kept.core) {
    if (seen.end === kept.end || kept.end === '') return;
    if (seen.end === '') {
      map.set(key, kept);
      return;
    }
  }
  const { row } = kept;
  acc.findings.add('versions-disagree', {
    severity: 'warning',
    file: row.src.file,
    table,
    row: row.src.row,
    child: row.child,
    message: `two versions of ${what} disagree (${describeSource(seen.row.src)} and ${describeSource(row.src)}): kept the one from ${row.src.file}, the file picked later`,
  });
  map.set(key, kept);
}

function firstLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r|\n/);
  const line = (end < 0 ? body : body.slice(0, end)).trim();
  return line.length > 80 ? `${line.slice(0, 80)}...` : line;
}

function readCsvTable(file: ReturnFile, records: CsvRecord[], acc: Accumulator): void {
  const headerRecord = records[0];
  if (!headerRecord) return;
  const table = recogniseTable(headerRecord.fields);
  if (!table) {
    acc.findings.add('not-a-return', {
      severity: 'error',
      file: file.name,
      message: `not an SSDA903 table or a CIN census: its first line is "${firstLine(file.text)}"`,
    });
    return;
  }
  const files = acc.data.tables.get(table) ?? [];
  files.push(file.name);
  acc.data.tables.set(table, files);

  const columns = headerRecord.fields.map(normaliseColumn);
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
  if (missingRequired) return;

  const at = spec.map((column) => index.get(column) ?? -1);
  for (let r = 1; r < records.length; r++) {
    const record = records[r] as CsvRecord;
    const src: Source = { file: file.name, row: r };
    if (record.fields.length !== columns.length) {
      acc.findings.add('field-count', {
        severity: 'warning',
        file: file.name,
        table,
        row: r,
        message: `row has ${record.fields.length} fields where the header has ${columns.length}`,
      });
    }
    const values: Record<string, string> = {};
    for (let c = 0; c < spec.length; c++) {
      const position = at[c] as number;
      values[spec[c] as string] = position < 0 ? '' : (record.fields[position] ?? '').trim();
    }
    readRow(table, values, src, acc);
  }
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
  const day = parseUkDate(value);
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

function readRow(table: TableName, values: Record<string, string>, src: Source, acc: Accumulator): void {
  const child = values.CHILD ?? '';
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
  const date = (column: string) => readDate(table, column, values[column] ?? '', src, child, acc);
  const v = (column: string) => values[column] ?? '';
  switch (table) {
    case 'Header': {
      const row: HeaderRow = { child, sex: v('SEX'), dob: date('DOB'), src };
      date('MC_DOB');
      const core = [canonicalSex(row.sex), v('DOB'), v('ETHNIC'), v('UPN'), v('MOTHER'), v('MC_DOB')].join('|');
      keep(acc, acc.header, child, { row, core, end: '' }, table, `the Header row of child ${child}`);
      return;
    }
    case 'Episodes': {
      const row: Episode = {
        child,
        decom: date('DECOM'),
        dec: date('DEC'),
        rne: v('RNE').toUpperCase(),
        ls: v('LS').toUpperCase(),
        place: v('PLACE').toUpperCase(),
        provider: v('PLACE_PROVIDER').toUpperCase(),
        rec: v('REC').toUpperCase(),
        src,
      };
      const core = [row.rne, row.ls, row.place, row.provider, v('CIN')].join('|');
      const end = row.dec === null && row.rec === '' ? '' : `${row.dec}|${row.rec}`;
      const key = `${child}\u0000${row.decom ?? v('DECOM')}`;
      keep(acc, acc.episodes, key, { row, core, end }, table, `the episode of child ${child} starting ${v('DECOM')}`);
      return;
    }
    case 'OC2': {
      const row: Oc2Row = {
        child,
        dob: date('DOB'),
        sdqScore: v('SDQ_SCORE'),
        healthCheck: v('HEALTH_CHECK'),
        immunisations: v('IMMUNISATIONS'),
        teethCheck: v('TEETH_CHECK'),
        src,
      };
      const core = SSDA903_TABLES.OC2.map(v).join('|');
      keep(acc, acc.oc2, child, { row, core, end: '' }, table, `the OC2 row of child ${child}`);
      return;
    }
    case 'OC3': {
      const row: Oc3Row = {
        child,
        dob: date('DOB'),
        inTouch: v('IN_TOUCH').toUpperCase(),
        activ: v('ACTIV').toUpperCase(),
        accom: v('ACCOM').toUpperCase(),
        src,
      };
      const core = SSDA903_TABLES.OC3.map(v).join('|');
      keep(acc, acc.oc3, child, { row, core, end: '' }, table, `the OC3 row of child ${child}`);
      return;
    }
    case 'Missing': {
      date('DOB');
      const row: MissingRow = {
        child,
        missing: v('MISSING').toUpperCase(),
        start: date('MIS_START'),
        end: date('MIS_END'),
        src,
      };
      const key = `${child}\u0000${row.start ?? v('MIS_START')}`;
      const what = `the missing episode of child ${child} from ${v('MIS_START')}`;
      keep(acc, acc.missing, key, { row, core: row.missing, end: v('MIS_END') }, table, what);
      return;
    }
    default: {
      for (const column of SSDA903_TABLES[table]) if (column in DATE_COLUMNS) date(column);
      const signature = SSDA903_TABLES[table].map(v).join('|');
      const seen = acc.other.get(table) ?? new Set<string>();
      acc.other.set(table, seen);
      if (seen.has(signature)) return;
      seen.add(signature);
      const rows = acc.data.otherRows.get(table) ?? [];
      rows.push({ values, src });
      acc.data.otherRows.set(table, rows);
    }
  }
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

function readCin(file: ReturnFile, root: XmlElement, acc: Accumulator): void {
  const children = childElement(root, 'Children');
  if (root.name !== 'Message' || !children) {
    acc.findings.add('not-a-return', {
      severity: 'error',
      file: file.name,
      message: `an XML file but not a CIN census (no Message > Children): its root element is <${root.name}>`,
    });
    return;
  }
  const header = childElement(root, 'Header');
  const details = header && childElement(header, 'CollectionDetails');
  const year = Number.parseInt(details ? childText(details, 'Year') : '', 10) || 0;
  const source = header && childElement(header, 'Source');
  const la = source ? childText(source, 'LEA') : '';
  if (la !== '') {
    if (acc.data.la !== undefined && acc.data.la !== la) {
      acc.findings.add('la-differs', {
        severity: 'warning',
        file: file.name,
        table: 'CIN',
        field: 'LEA',
        message: `this census is for council ${la}, another file is for ${acc.data.la}`,
      });
    }
    acc.data.la ??= la;
  }
  const cin: CinData = (acc.data.cin ??= { children: new Map<string, CinChild>(), files: [] as string[] });
  cin.files.push(file.name);

  for (const childXml of childrenNamed(children, 'Child')) {
    const ids = childElement(childXml, 'ChildIdentifiers');
    const id = ids ? childText(ids, 'LAchildID') : '';
    if (id === '') {
      acc.findings.add('cin-child-id', {
        severity: 'error',
        file: file.name,
        table: 'CIN',
        field: 'LAchildID',
        message: 'a Child without an LAchildID',
      });
      continue;
    }
    const dob = ids ? readCinDate(ids, 'PersonBirthDate', file.name, id, acc) : null;
    const sex = ids ? childText(ids, 'Sex') || childText(ids, 'GenderCurrent') : '';
    const existing = cin.children.get(id);
    const record: CinChild = existing ?? { child: id, dob, sex, referrals: [] };
    if (existing && (acc.cinYear.get(`${id}`) ?? 0) <= year) {
      record.dob = dob ?? record.dob;
      record.sex = sex || record.sex;
    }
    acc.cinYear.set(id, Math.max(acc.cinYear.get(id) ?? 0, year));
    cin.children.set(id, record);

    for (const detail of childrenNamed(childXml, 'CINdetails')) {
      const referral = readReferral(detail, file.name, id, acc);
      const key = `${id}\u0000${referral.date ?? childText(detail, 'CINreferralDate')}`;
      const index = record.referrals.findIndex((r) => `${id}\u0000${r.date}` === key);
      const keyYear = acc.cinYear.get(key) ?? -1;
      if (index < 0) record.referrals.push(referral);
      else if (year >= keyYear) record.referrals[index] = referral;
      acc.cinYear.set(key, Math.max(keyYear, year));
    }
  }
}

function readReferral(detail: XmlElement, file: string, child: string, acc: Accumulator): Referral {
  const assessments: Assessment[] = [];
  for (const assessment of childrenNamed(detail, 'Assessments')) {
    assessments.push({
      child,
      start: readCinDate(assessment, 'AssessmentActualStartDate', file, child, acc, true),
      authorised: readCinDate(assessment, 'AssessmentAuthorisationDate', file, child, acc),
    });
  }
  const plans: CpPlan[] = [];
  for (const plan of childrenNamed(detail, 'ChildProtectionPlans')) {
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
    plans.push({
      child,
      start: readCinDate(plan, 'CPPstartDate', file, child, acc, true),
      end: readCinDate(plan, 'CPPendDate', file, child, acc),
      previous,
      reviews: reviews.sort((a, b) => a - b),
    });
  }
  return {
    child,
    date: readCinDate(detail, 'CINreferralDate', file, child, acc, true),
    closure: readCinDate(detail, 'CINclosureDate', file, child, acc),
    assessments,
    plans,
    file,
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
    otherRows: new Map(),
    cin: null,
  };
}

/** Reads every file; `onProgress` gets the share of files read. */
export function readReturns(files: readonly ReturnFile[], onProgress?: (done: number) => void): ReadResult {
  const acc: Accumulator = {
    data: emptyData(),
    findings: new FindingList(),
    header: new Map(),
    episodes: new Map(),
    oc2: new Map(),
    oc3: new Map(),
    missing: new Map(),
    other: new Map(),
    cinYear: new Map(),
  };
  files.forEach((file, i) => {
    readFile(file, acc);
    onProgress?.((i + 1) / files.length);
  });
  const { data } = acc;
  for (const { row } of acc.header.values()) data.header.set(row.child, row);
  data.episodes = [...acc.episodes.values()]
    .map((e) => e.row)
    .sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : (a.decom ?? 0) - (b.decom ?? 0)));
  data.oc2 = [...acc.oc2.values()].map((e) => e.row);
  data.oc3 = [...acc.oc3.values()].map((e) => e.row);
  data.missing = [...acc.missing.values()].map((e) => e.row);
  acc.findings.close();
  return { data, findings: [...acc.findings.errors, ...acc.findings.warnings] };
}

function readFile(file: ReturnFile, acc: Accumulator): void {
  const body = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  const start = body.trimStart();
  if (start === '') {
    acc.findings.add('empty-file', { severity: 'error', file: file.name, message: 'the file is empty' });
    return;
  }
  if (start.startsWith('<')) {
    const parsed = parseXml(body);
    if (!parsed.ok) {
      acc.findings.add('xml-malformed', {
        severity: 'error',
        file: file.name,
        table: 'CIN',
        message: `the XML is malformed at line ${parsed.line}: ${parsed.message}`,
      });
      return;
    }
    readCin(file, parsed.root, acc);
    return;
  }
  const parsed = parseCsv(body);
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
  readCsvTable(file, parsed.records, acc);
}
