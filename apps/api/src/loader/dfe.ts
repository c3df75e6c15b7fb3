import type { DfeSource, Indicator } from '@indicate/contracts';
import { IdentifierConsistency, readFigure, readPeriod } from './figure.ts';
import { hasReplacementCharacter, UnreadableFile, type CsvRecord } from './input.ts';
import { ENGLAND, type Geography } from './lookups.ts';
import type { RowSink, StagedRow } from './sink.ts';

const DFE_KEY_COLUMNS = ['time_period', 'time_identifier', 'geographic_level'];
const MAX_DFE_ROWS = 1_000_000;

export function columnsOf(dfe: DfeSource): string[] {
  const columns = [dfe.value, ...Object.keys(dfe.filters)];
  for (const part of [dfe.numerator, dfe.denominator]) {
    if (typeof part === 'string') columns.push(part);
    else if (part) columns.push(part.column, ...Object.keys(part.filters));
  }
  return columns;
}

/** The catalogue's indicators whose DfE entry this header can serve (every column it names is there). */
export function dfeIndicatorsFor(header: string[], indicators: Iterable<Indicator>): Indicator[] {
  const names = new Set(header);
  if (!DFE_KEY_COLUMNS.every((c) => names.has(c))) return [];
  return [...indicators].filter((i) => i.dfe && columnsOf(i.dfe).every((c) => names.has(c)));
}

type Row = { row: number; get: (column: string) => string };

/**
 * Reads a DfE file as DfE published it. Every row whose filters match a catalogue entry becomes a
 * figure for that indicator; the rest (other breakdowns, Total rows, other age bands) are counted as
 * not used. Counts in sibling rows (a "Total children" row holding the denominator) are looked up by
 * the same period, place and breakdown.
 */
export async function readDfeFile(
  header: string[],
  records: AsyncIterable<CsvRecord>,
  context: { fileName: string; indicators: Indicator[]; geography: Geography },
  sink: RowSink,
): Promise<void> {
  const position = new Map(header.map((name, i) => [name, i] as const));
  const rows: Row[] = [];
  for await (const record of records) {
    sink.read();
    if (rows.length >= MAX_DFE_ROWS) throw new UnreadableFile(`A DfE file may have at most ${MAX_DFE_ROWS} rows.`);
    if (hasReplacementCharacter(record.cells)) {
      sink.error({ row: record.row, column: null, message: 'the row has characters that are not UTF-8' });
      continue;
    }
    const cells = record.cells;
    rows.push({ row: record.row, get: (column) => (cells[position.get(column) ?? -1] ?? '').trim() });
  }
  const used = new Set<number>();
  const identifiers = new IdentifierConsistency();
  /** LA codes the register lacks (a council made by a reorganisation DfE already reports): rows counted per code. */
  const unknownLas = new Map<string, { name: string; rows: number; first: number }>();
  for (const indicator of context.indicators) {
    const dfe = indicator.dfe!;
    const matches = (row: Row, filters: Record<string, string>) =>
      Object.entries(filters).every(([c, v]) => row.get(c) === v);
    const siblingCount = siblingLookup(rows, dfe);
    for (const row of rows) {
      if (!matches(row, dfe.filters)) continue;
      const level = row.get('geographic_level');
      if (level !== 'National' && level !== 'Regional' && level !== 'Local authority') continue;
      used.add(row.row);
      if (level === 'Local authority' && !context.geography.byOldCode.has(row.get('old_la_code'))) {
        const code = row.get('old_la_code');
        const seen = unknownLas.get(code) ?? { name: row.get('la_name'), rows: 0, first: row.row };
        seen.rows += 1;
        unknownLas.set(code, seen);
        continue;
      }
      const staged = readDfeRow(row, level, indicator, dfe, siblingCount, context, identifiers, sink);
      if (staged) sink.add(staged);
    }
  }
  // A DfE file is DfE's: an LA it names that Indicate's register lacks is a new council, not a fault in the file.
  for (const [code, la] of unknownLas) {
    sink.warn({
      row: la.first,
      column: 'old_la_code',
      message:
        code === ''
          ? `${la.rows} Local authority figures name no old_la_code: they are not loaded`
          : `LA ${code} (${la.name || 'no name given'}) is not in Indicate's register of local authorities (a new council?): its ${la.rows} figures are not loaded`,
    });
  }
  sink.notUsed(rows.length - used.size);
  if (used.size === 0 && rows.length > 0) {
    sink.error({
      row: null,
      column: null,
      message: "no row of this file matches the filters of the catalogue's DfE entries for it",
    });
  }
}

type SiblingCount = (row: Row, part: 'numerator' | 'denominator') => string;

function siblingLookup(rows: Row[], dfe: DfeSource): SiblingCount {
  const maps = new Map<string, Map<string, Row>>();
  const placeKey = (row: Row) =>
    [...DFE_KEY_COLUMNS, 'old_la_code', 'region_code'].map((c) => row.get(c)).join('\u0000');
  for (const part of ['numerator', 'denominator'] as const) {
    const count = dfe[part];
    if (!count || typeof count === 'string') continue;
    const filters = { ...dfe.filters, ...count.filters };
    const map = new Map<string, Row>();
    for (const row of rows) {
      if (Object.entries(filters).every(([c, v]) => row.get(c) === v)) map.set(placeKey(row), row);
    }
    maps.set(part, map);
  }
  return (row, part) => {
    const count = dfe[part];
    if (!count) return '';
    if (typeof count === 'string') return row.get(count);
    return maps.get(part)?.get(placeKey(row))?.get(count.column) ?? '';
  };
}

function readDfeRow(
  row: Row,
  level: 'National' | 'Regional' | 'Local authority',
  indicator: Indicator,
  dfe: DfeSource,
  siblingCount: SiblingCount,
  context: { fileName: string; geography: Geography },
  identifiers: IdentifierConsistency,
  sink: RowSink,
): StagedRow | null {
  const errors: Array<{ column: string | null; message: string }> = [];
  const period = readPeriod(
    { timePeriod: row.get('time_period'), timeIdentifier: row.get('time_identifier') },
    indicator,
  );
  if ('problem' in period) errors.push(period.problem);
  else {
    const mixed = identifiers.check(indicator.id, period.period.kind, row.get('time_identifier'), row.row);
    if (mixed) errors.push(mixed);
  }
  let geographyLevel: StagedRow['geographyLevel'] = 'national';
  let geographyCode: string | null = ENGLAND;
  if (level === 'Regional') {
    geographyLevel = 'regional';
    geographyCode = row.get('region_code');
    if (!context.geography.regions.has(geographyCode)) {
      errors.push({ column: 'region_code', message: `unknown region_code "${geographyCode}"` });
      geographyCode = null;
    }
  } else if (level === 'Local authority') {
    geographyLevel = 'local-authority';
    const code = row.get('old_la_code');
    const la = context.geography.byOldCode.get(code);
    const newCode = row.get('new_la_code');
    if (!la) {
      errors.push({ column: 'old_la_code', message: `unknown old_la_code "${code}"` });
      geographyCode = null;
    } else if (newCode !== '' && !la.newLaCodes.has(newCode)) {
      errors.push({ column: 'new_la_code', message: `new_la_code ${newCode} is not a code of ${la.name} (${code})` });
      geographyCode = null;
    } else geographyCode = code;
  }
  // DfE rounds national and regional counts to the nearest 10; LA counts are exact.
  const countRounding = level === 'Local authority' ? 0 : 5;
  const numeratorColumn = typeof dfe.numerator === 'string' ? dfe.numerator : (dfe.numerator?.column ?? 'numerator');
  const denominatorColumn =
    typeof dfe.denominator === 'string' ? dfe.denominator : (dfe.denominator?.column ?? 'denominator');
  const { figure, problems, warnings } = readFigure(
    {
      value: row.get(dfe.value),
      numerator: siblingCount(row, 'numerator'),
      denominator: siblingCount(row, 'denominator'),
    },
    indicator,
    countRounding,
    { value: dfe.value, numerator: numeratorColumn, denominator: denominatorColumn },
    'warning',
  );
  errors.push(...problems);
  for (const w of warnings) sink.warn({ row: row.row, column: w.column, message: `${indicator.id}: ${w.message}` });
  if (errors.length > 0 || !figure || 'problem' in period || geographyCode === null) {
    for (const e of errors) sink.error({ row: row.row, column: e.column, message: `${indicator.id}: ${e.message}` });
    return null;
  }
  return {
    row: row.row,
    indicatorId: indicator.id,
    geographyLevel,
    geographyCode,
    periodId: period.id,
    periodKind: period.period.kind,
    periodEnd: period.end,
    previousPeriodId: period.previousId,
    ...figure,
    status: 'final',
    publishedQuartile: null,
    sourceRef: `${context.fileName} row ${row.row}`,
    note: null,
    toleranceKind: null,
    toleranceAmount: null,
  };
}
