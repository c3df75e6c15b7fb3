import {
  TEMPLATE_COLUMNS,
  TEMPLATE_GEOGRAPHIC_LEVELS,
  TEMPLATE_OPTIONAL_COLUMNS,
  TEMPLATE_REQUIRED_COLUMNS,
  type Indicator,
  type LoadProblem,
} from '@indicate/contracts';
import { breakdownKey, didYouMean, parseBreakdown, periodRef, startsAfterCurrentQuarter } from '@indicate/core';
import { IdentifierConsistency, readFigure, readPeriod } from './figure.ts';
import { hasReplacementCharacter, type CsvRecord } from './input.ts';
import { ENGLAND, type Geography, type LaInfo } from './lookups.ts';
import type { RowSink, StagedRow } from './sink.ts';

const KNOWN = new Set<string>([...TEMPLATE_COLUMNS, ...TEMPLATE_OPTIONAL_COLUMNS]);

/**
 * Whether a header row is meant as the Indicate template: it has an `indicator` column. (Missing
 * required columns are then reported by name rather than the file being taken for something else.)
 */
export function isTemplateHeader(header: string[]): boolean {
  return header.map(normaliseName).includes('indicator');
}

function normaliseName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

export type TemplateContext = {
  fileName: string;
  indicators: Map<string, Indicator>;
  geography: Geography;
  /** Today: a figure for a period that starts after the current quarter is refused. */
  today: Date;
};

const LEVELS: Record<string, StagedRow['geographyLevel']> = {
  National: 'national',
  Regional: 'regional',
  'Local authority': 'local-authority',
  'Statistical neighbours': 'stat-neighbours',
  Target: 'target',
};

const MAX_NOTE = 2000;

/**
 * Reads the template's rows into the sink. Columns are matched by name; unknown columns are reported
 * once as a warning and ignored; a missing required column stops the file with one error.
 */
export async function readTemplate(
  header: string[],
  records: AsyncIterable<CsvRecord>,
  context: TemplateContext,
  sink: RowSink,
): Promise<void> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseName(name);
    if (key === '') return;
    if (index.has(key)) sink.error({ row: 1, column: key, message: `column "${key}" appears twice in the header` });
    index.set(key, i);
    if (!KNOWN.has(key))
      sink.warn({ row: 1, column: name, message: `column "${name}" is not part of the template and was ignored` });
  });
  const missing = TEMPLATE_REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    sink.error({ row: 1, column: null, message: `the header lacks required column(s): ${missing.join(', ')}` });
    return;
  }
  const identifiers = new IdentifierConsistency();
  for await (const record of records) {
    sink.read();
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    };
    if (record.cells.every((c) => c.trim() === '')) continue;
    if (hasReplacementCharacter(record.cells)) {
      sink.error({
        row: record.row,
        column: null,
        message: 'the row has characters that are not UTF-8; save the file as "CSV UTF-8"',
      });
      continue;
    }
    if (record.cells.slice(header.length).some((c) => c.trim() !== '')) {
      sink.error({
        row: record.row,
        column: null,
        message: `the row has ${record.cells.length} cells but the header names ${header.length} columns; a stray comma shifts every cell after it`,
      });
      continue;
    }
    readTemplateRow(record.row, cell, context, identifiers, sink);
  }
}

function readTemplateRow(
  row: number,
  cell: (name: string) => string,
  context: TemplateContext,
  identifiers: IdentifierConsistency,
  sink: RowSink,
): void {
  const problems: Array<Omit<LoadProblem, 'row'>> = [];
  const indicatorId = cell('indicator');
  const indicator = context.indicators.get(indicatorId);
  if (!indicator) {
    const nearest = indicatorId === '' ? [] : didYouMean(indicatorId, context.indicators.keys());
    problems.push({
      column: 'indicator',
      message:
        indicatorId === ''
          ? 'indicator is empty'
          : `unknown indicator "${shorten(indicatorId)}"; ${
              nearest.length > 0
                ? `did you mean ${nearest.map((id) => `"${id}"`).join(' or ')}?`
                : "the template lists the scorecard's ids and GET /api/indicators every catalogue id"
            }`,
    });
    // The rest of the row is still checked, so every fault in it is listed at once.
    readPlace(cell, context, problems);
    for (const p of problems) sink.error({ row, ...p });
    return;
  }
  const { level, geographyCode, la } = readPlace(cell, context, problems);
  const period = readPeriod({ timePeriod: cell('time_period'), timeIdentifier: cell('time_identifier') }, indicator);
  if ('problem' in period) problems.push(period.problem);
  else {
    const mixed = identifiers.check(indicator.id, period.period.kind, cell('time_identifier'), row);
    if (mixed) problems.push(mixed);
    // A target may be set ahead; a figure cannot be for a period that has not begun.
    if (level !== 'target' && startsAfterCurrentQuarter(period.period, context.today)) {
      problems.push({
        column: 'time_period',
        message: `${periodRef(period.period).label} has not begun yet (today is ${context.today.toISOString().slice(0, 10)}): check time_period`,
      });
    }
  }
  const name = cell('la_name');
  if (la && name !== '' && name.toLowerCase() !== la.name.toLowerCase()) {
    sink.warn({
      row,
      column: 'la_name',
      message: `la_name "${shorten(name)}" differs from DfE's name for ${la.oldLaCode}, "${la.name}"`,
    });
  }
  // "81.5%" in a percentage indicator's value is 81.5: a spreadsheet's percentage format, kept as typed.
  const valueText = indicator.unit === 'percent' ? cell('value').replace(/^(-?\d+(\.\d+)?)\s*%$/, '$1') : cell('value');
  const { figure, problems: figureProblems } = readFigure(
    { value: valueText, numerator: cell('numerator'), denominator: cell('denominator') },
    indicator,
    0,
    { value: 'value', numerator: 'numerator', denominator: 'denominator' },
  );
  problems.push(...figureProblems);
  const statusText = cell('status').toLowerCase();
  if (statusText !== '' && statusText !== 'final' && statusText !== 'provisional') {
    problems.push({
      column: 'status',
      message: `status "${shorten(cell('status'))}" must be provisional or final (empty means final)`,
    });
  }
  const quartileText = cell('quartile');
  let quartile: number | null = null;
  if (quartileText !== '') {
    if (!/^[1-4]$/.test(quartileText))
      problems.push({ column: 'quartile', message: `quartile "${shorten(quartileText)}" must be 1, 2, 3 or 4` });
    else if (level !== 'local-authority' && level !== 'stat-neighbours') {
      problems.push({
        column: 'quartile',
        message: 'a published quartile belongs on a Local authority or Statistical neighbours row',
      });
    } else quartile = Number(quartileText);
  }
  let toleranceKind: StagedRow['toleranceKind'] = null;
  let toleranceAmount: number | null = null;
  if (level === 'target') {
    if (indicator.polarity === 'none') {
      problems.push({
        column: 'geographic_level',
        message: `indicator "${indicator.id}" has no polarity, so it takes no target`,
      });
    }
    if (cell('numerator') !== '' || cell('denominator') !== '') {
      problems.push({
        column: 'numerator',
        message: 'a Target row gives the target in value, without numerator or denominator',
      });
    }
    if (figure && figure.value === null) problems.push({ column: 'value', message: 'a target must be a number' });
    const kind = cell('tolerance_kind');
    const amount = cell('tolerance_amount');
    if (kind !== '' || amount !== '') {
      if (kind !== 'absolute' && kind !== 'relative') {
        problems.push({
          column: 'tolerance_kind',
          message: `tolerance_kind "${shorten(kind)}" must be absolute or relative`,
        });
      } else toleranceKind = kind;
      if (!/^\d+(\.\d+)?$/.test(amount)) {
        problems.push({
          column: 'tolerance_amount',
          message: `tolerance_amount "${shorten(amount)}" must be a number of 0 or more`,
        });
      } else toleranceAmount = Number(amount);
    }
  } else if (cell('tolerance_kind') !== '' || cell('tolerance_amount') !== '') {
    problems.push({ column: 'tolerance_kind', message: 'a tolerance belongs on a Target row' });
  }
  const breakdown = readBreakdownCells(cell, level, problems);
  const note = cell('note');
  if (note.length > MAX_NOTE) problems.push({ column: 'note', message: `note is longer than ${MAX_NOTE} characters` });

  if (problems.length > 0 || !figure || 'problem' in period || !level || geographyCode === null) {
    for (const p of problems) sink.error({ row, ...p });
    return;
  }
  const sourceRef = cell('source_ref');
  sink.add({
    row,
    indicatorId: indicator.id,
    geographyLevel: breakdown === '' ? level : 'local-authority-breakdown',
    breakdown,
    geographyCode,
    periodId: period.id,
    periodKind: period.period.kind,
    periodEnd: period.end,
    previousPeriodId: period.previousId,
    ...figure,
    status: statusText === 'provisional' ? 'provisional' : 'final',
    publishedQuartile: quartile,
    sourceRef: sourceRef !== '' ? sourceRef.slice(0, 500) : `${context.fileName} row ${row}`,
    note: note === '' ? null : note,
    toleranceKind,
    toleranceAmount,
  });
}

/**
 * The row's place: its level and the geography code it is stored under (England, a region or an LA), with a
 * problem for each fault. It needs no indicator, so a row with an unknown one lists these faults too.
 */
function readPlace(
  cell: (name: string) => string,
  context: TemplateContext,
  problems: Array<Omit<LoadProblem, 'row'>>,
): { level: StagedRow['geographyLevel'] | undefined; geographyCode: string | null; la: LaInfo | null } {
  const levelText = cell('geographic_level');
  const level = LEVELS[levelText];
  if (!level) {
    problems.push({
      column: 'geographic_level',
      message: `geographic_level "${shorten(levelText)}" is not one of: ${TEMPLATE_GEOGRAPHIC_LEVELS.join(', ')}`,
    });
    return { level, geographyCode: null, la: null };
  }
  if (level === 'national') return { level, geographyCode: ENGLAND, la: null };
  if (level === 'regional') {
    const region = cell('region_code');
    if (context.geography.regions.has(region)) return { level, geographyCode: region, la: null };
    problems.push({
      column: 'region_code',
      message: region === '' ? 'region_code is empty on a Regional row' : `unknown region_code "${shorten(region)}"`,
    });
    return { level, geographyCode: null, la: null };
  }
  const la = resolveLa(cell('old_la_code'), cell('new_la_code'), context.geography, problems);
  return { level, geographyCode: la?.oldLaCode ?? null, la };
}

function resolveLa(
  oldCode: string,
  newCode: string,
  geography: Geography,
  problems: Array<Omit<LoadProblem, 'row'>>,
): LaInfo | null {
  if (oldCode === '' && newCode === '') {
    problems.push({ column: 'old_la_code', message: 'name the local authority by old_la_code or new_la_code' });
    return null;
  }
  const byOld = oldCode === '' ? null : geography.byOldCode.get(oldCode);
  const byNew = newCode === '' ? null : geography.byNewCode.get(newCode);
  if (oldCode !== '' && !byOld)
    problems.push({ column: 'old_la_code', message: `unknown old_la_code "${shorten(oldCode)}"` });
  if (newCode !== '' && !byNew)
    problems.push({ column: 'new_la_code', message: `unknown new_la_code "${shorten(newCode)}"` });
  if (byOld && byNew && byOld !== byNew) {
    problems.push({
      column: 'new_la_code',
      message: `old_la_code ${oldCode} (${byOld.name}) and new_la_code ${newCode} (${byNew.name}) name different local authorities`,
    });
    return null;
  }
  return byOld ?? byNew ?? null;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * `breakdown` and `breakdown_group` together make a figure one group's (stored as `dimension:group`, at
 * level `local-authority-breakdown`); '' when both are empty. Only a Local authority row has groups.
 */
function readBreakdownCells(
  cell: (name: string) => string,
  level: StagedRow['geographyLevel'] | null | undefined,
  problems: Array<Omit<LoadProblem, 'row'>>,
): string {
  const dimension = cell('breakdown');
  const group = cell('breakdown_group');
  if (dimension === '' && group === '') return '';
  if (dimension === '' || group === '') {
    problems.push({
      column: dimension === '' ? 'breakdown' : 'breakdown_group',
      message: 'breakdown and breakdown_group go together: name both, or neither for the whole figure',
    });
    return '';
  }
  const parsed = parseBreakdown(shorten(dimension), shorten(group));
  if (!parsed.ok) {
    problems.push({
      column: parsed.message.startsWith('breakdown_group') ? 'breakdown_group' : 'breakdown',
      message: parsed.message,
    });
    return '';
  }
  if (level && level !== 'local-authority') {
    problems.push({ column: 'breakdown', message: 'a breakdown belongs on a Local authority row' });
    return '';
  }
  return breakdownKey(parsed.key.dimension, parsed.key.group);
}
