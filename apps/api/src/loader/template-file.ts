import { TEMPLATE_COLUMNS, TEMPLATE_OPTIONAL_COLUMNS, type Indicator } from '@indicate/contracts';
import {
  csvCell,
  csvLine,
  BREAKDOWN_DIMENSION_IDS,
  parsePeriodId,
  periodRef,
  toDfe,
  unitWords,
  type Period,
  type PeriodKind,
} from '@indicate/core';
import ExcelJS from 'exceljs';
import { readSettings } from '../auth/settings.ts';
import { readScorecardSet } from '../dashboard/scorecard-set.ts';
import { DomainError } from '../domain-error.ts';
import type { Store } from '../store.ts';

const IDENTIFIER: Record<PeriodKind, string> = {
  'financial-quarter': 'Financial year Q1',
  'financial-year': 'Financial year',
  'calendar-year': 'Calendar year',
  'academic-year': 'Academic year',
  month: 'January',
  'three-financial-years': 'Three financial years',
  'three-calendar-years': 'Three calendar years',
};

/** How a value is typed, per unit: what a percentage is, above all (95.8, not 0.958). */
const EXAMPLE: Record<Indicator['unit'], string> = {
  percent: '95.8 (a percentage, not 0.958; "95.8%" is read as 95.8)',
  count: '1024 (a whole number)',
  'rate-per-10000': '66.0 (per 10,000 children)',
  'rate-per-1000': '12.5 (per 1,000)',
  'rate-per-100000': '310.2 (per 100,000)',
  days: '412 (days)',
  score: '14.2',
  ratio: '0.75',
  pounds: '1250000 (pounds, no £ sign or commas)',
};

export type TemplateOptions = {
  /** The council whose rows these are (the home council): its codes and name are filled in. */
  la: { code: string; newCode: string; name: string };
  /** The quarter being reported: quarterly indicators' rows are preset to it. */
  quarter?: Period | null;
};

/**
 * The Indicate template: its header and one starter row per indicator given (the scorecard set), for the
 * home council, with the indicator, the kind of period (preset to the chosen quarter for quarterly
 * indicators) and the council's codes filled in. Fill in value (and time_period where empty); delete rows
 * you do not need. Any catalogue indicator may be loaded, listed here or not.
 */
export function templateRows(indicators: Indicator[], options: TemplateOptions): string[][] {
  const header = [...TEMPLATE_COLUMNS, ...TEMPLATE_OPTIONAL_COLUMNS];
  const quarter = options.quarter?.kind === 'financial-quarter' ? options.quarter : null;
  const rows = indicators.map((indicator) => {
    const preset = indicator.periodType === 'financial-quarter' && quarter ? toDfe(quarter) : null;
    return header.map((column) => {
      if (column === 'indicator') return indicator.id;
      if (column === 'time_period') return preset?.timePeriod ?? '';
      if (column === 'time_identifier') return preset?.timeIdentifier ?? IDENTIFIER[indicator.periodType];
      if (column === 'geographic_level') return 'Local authority';
      if (column === 'old_la_code') return options.la.code;
      if (column === 'new_la_code') return options.la.newCode;
      if (column === 'la_name') return options.la.name;
      if (column === 'status') return 'final';
      return '';
    });
  });
  return [header, ...rows];
}

/** What the template's comment block and instructions sheet say, line by line. */
export function templateInstructions(indicators: Indicator[], options: TemplateOptions): string[] {
  return [
    `Indicate template for ${options.la.name} (${options.la.code})${options.quarter ? `, ${periodRef(options.quarter).label}` : ''}. One figure a row; delete the rows you have no figure for.`,
    'value: the figure in the unit below. numerator and denominator: the counts behind a percentage, where you have them.',
    'time_period: 201819 for the financial year 2018/19 (with time_identifier "Financial year Q1" to "Financial year Q4" for its quarters), 2018 for a calendar year.',
    "geographic_level: Local authority for the council's own figure; Target, with the same codes, to set a target (tolerance_kind absolute or relative, tolerance_amount).",
    'status: final or provisional. note: anything a reader should know about the figure. Lines starting with # are ignored.',
    `breakdown and breakdown_group: empty for the whole figure; for one group of the council's children, a dimension (${BREAKDOWN_DIMENSION_IDS.join(', ')}) and its group (such as placement-provider and own).`,
    ...indicators.map((i) => `${i.id}: ${i.label}. Unit: ${unitWords(i.unit)}, typed as ${EXAMPLE[i.unit]}.`),
  ];
}

/** The template as CSV: the instructions as # comment lines the loader skips, then the header and rows. */
export function templateCsv(indicators: Indicator[], options: TemplateOptions): string {
  const comments = templateInstructions(indicators, options).map((line) => csvCell(`# ${line}`));
  const rows = templateRows(indicators, options).map(csvLine);
  return [...comments, ...rows].join('\r\n') + '\r\n';
}

/** The template as a workbook: the figures sheet first (the loader reads only the first), then the instructions. */
export async function templateXlsx(indicators: Indicator[], options: TemplateOptions): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Indicate';
  const figures = book.addWorksheet('Figures');
  for (const row of templateRows(indicators, options)) figures.addRow(row);
  figures.getRow(1).font = { bold: true };
  figures.views = [{ state: 'frozen', ySplit: 1 }];
  // Every cell is text, so Excel keeps 201819 and 855 as typed.
  figures.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  const instructions = book.addWorksheet('Instructions');
  instructions.getColumn(1).width = 140;
  for (const line of templateInstructions(indicators, options)) instructions.addRow([line]);
  instructions.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template as the server and the CLI give it: the scorecard set, for the home council, for a quarter. */
export function templateFor(store: Pick<Store, 'db' | 'catalogue'>, quarter: string | undefined) {
  const settings = readSettings(store.db);
  const la = store.db.$client
    .prepare('select old_la_code as code, new_la_code as newCode, name from local_authorities where old_la_code = ?')
    .get(settings.homeLa) as { code: string; newCode: string; name: string };
  const parsed = quarter === undefined ? null : parsePeriodId(quarter, 'financial-quarter');
  if (parsed && !parsed.ok) {
    throw new DomainError('invalid', 'invalid_request', `Invalid query parameter quarter: ${parsed.message}.`);
  }
  return {
    indicators: readScorecardSet(store.db, store.catalogue).indicators,
    options: { la, quarter: parsed?.ok ? parsed.period : null },
    name: `indicate-template-${la.code}${quarter ? `-${quarter}` : ''}`,
  };
}
