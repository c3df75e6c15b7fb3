import fs from 'node:fs';
import { LAIT_YEAR_TYPES, type LaitYearType, type Polarity, type Unit } from '@indicate/core';
import { parse } from 'csv-parse/sync';

/**
 * LAIT's data dictionary (data/lait/lait_data_dictionary.csv): one row a measure. Read and checked as a
 * whole; a row that cannot be used is a problem naming its row and field, and any problem stops the
 * reader (the caller stops start-up with them), as a wrong catalogue entry does.
 */

export type LaitMeasure = {
  /** The dictionary's row number (the header is row 1). */
  row: number;
  /** LAIT's numeric code, `Measure_code`. */
  code: string;
  /** `Measure_short`: the id the data file's `Short Desc` joins on. */
  short: string;
  /** Indicate's catalogue id for it. */
  id: string;
  /** LAIT's topic, the measure's theme. */
  topic: string;
  /** Further topics LAIT lists the same measure under (its dictionary repeats 14 measures). */
  alsoIn: string[];
  label: string;
  chartTitle: string;
  polarity: Polarity;
  /** LAIT's own axis words, kept beside the unit Indicate reads them as. */
  unitText: string;
  unit: Unit;
  /** `dps`; null where LAIT leaves it to the default. */
  decimals: number | null;
  yearType: LaitYearType;
  /** False where LAIT shows no quartile (`No_Quartile` = N) or the measure has no polarity. */
  quartile: boolean;
  /** `Table_status`: the source table, or "Special Request". */
  source: string;
  description: string;
  methodology: string;
  link: string | null;
  /** `Next Update`: when DfE plans to publish the measure next (ISO date), null where LAIT says TBC. */
  nextUpdate: string | null;
};

export class LaitDictionaryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`LAIT's data dictionary ${file} has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'LaitDictionaryError';
  }
}

const REQUIRED = ['Measure_code', 'Topic', 'Measure', 'Measure_short', 'Polarity', 'y_axis_name', 'Year_Type'];

/** LAIT's axis words as Indicate's units; the first pattern that matches wins. */
const UNIT_WORDS: Array<[RegExp, Unit]> = [
  [/^%|^percentage|turnover rate|absence rate/i, 'percent'],
  [/^rate per 10,000/i, 'rate-per-10000'],
  [/^rate per 100,000/i, 'rate-per-100000'],
  [/^rate per 1000\b/i, 'rate-per-1000'],
  [/^(spend|unit cost)/i, 'pounds'],
  [/score|^average$/i, 'score'],
  [/^(number|entries|total cases|social workers|starters|leavers|case load)/i, 'count'],
];

/** `LAC_LongStable%` -> `lait-lac-longstable-pct`: lower-case words joined by hyphens, `%` said. */
export function laitId(short: string): string {
  const words = short
    .replace(/%/g, ' pct ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return `lait-${words.join('-')}`;
}

export function readLaitDictionary(file: string): LaitMeasure[] {
  const rows = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const problems: string[] = [];
  const measures: LaitMeasure[] = [];
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new LaitDictionaryError(file, [`the header lacks the column(s) ${missing.join(', ')}`]);
  const seen = new Map<string, LaitMeasure>();
  rows.forEach((r, i) => {
    const row = i + 2;
    const at = (field: string, why: string) => problems.push(`row ${row}, field "${field}": ${why}`);
    const text = (field: string) => (r[field] ?? '').trim();
    const short = text('Measure_short');
    if (!short) return at('Measure_short', 'is empty');
    const id = laitId(short);
    const earlier = seen.get(id);
    if (earlier) {
      // The same measure listed again under another topic: one entry, the topic noted.
      if (earlier.short === short && earlier.code === text('Measure_code')) {
        if (text('Topic') && text('Topic') !== earlier.topic) earlier.alsoIn.push(text('Topic'));
        return;
      }
      return at('Measure_short', `"${short}" gives the id ${id}, as row ${earlier.row} does`);
    }
    const polarityText = text('Polarity');
    const polarity: Polarity | null =
      polarityText === 'High'
        ? 'high'
        : polarityText === 'Low'
          ? 'low'
          : ['-', 'NA', ''].includes(polarityText)
            ? 'none'
            : null;
    if (!polarity) at('Polarity', `"${polarityText}" is not High, Low, - or NA`);
    const yearType = text('Year_Type') as LaitYearType;
    if (!LAIT_YEAR_TYPES.includes(yearType))
      at('Year_Type', `"${yearType}" is not one of: ${LAIT_YEAR_TYPES.join(', ')}`);
    const unitText = text('y_axis_name');
    const unit = UNIT_WORDS.find(([pattern]) => pattern.test(unitText))?.[1];
    if (!unit) at('y_axis_name', `"${unitText}" is not a unit Indicate knows`);
    const dps = text('dps');
    const decimals = dps === '' || dps === 'NA' ? null : Number(dps);
    if (decimals !== null && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 3)) {
      at('dps', `"${dps}" is not a number of decimal places from 0 to 3, or NA`);
    }
    const label = text('Measure');
    if (!label) at('Measure', 'is empty');
    const topic = text('Topic');
    if (!topic) at('Topic', 'is empty');
    if (!polarity || !unit || !label || !topic || !LAIT_YEAR_TYPES.includes(yearType)) return;
    const link = text('Hyperlink(s)');
    const measure: LaitMeasure = {
      row,
      code: text('Measure_code'),
      short,
      id,
      topic,
      alsoIn: [],
      label,
      chartTitle: text('Chart_title') || label,
      polarity,
      unitText,
      unit,
      decimals,
      yearType,
      quartile: polarity !== 'none' && text('No_Quartile') !== 'N',
      source: text('Table_status'),
      description: text('Description'),
      methodology: text('Methodology'),
      link: /^https?:\/\//.test(link) ? link.split(/\s+/)[0]! : null,
      nextUpdate: excelDate(text('Next Update')),
    };
    seen.set(id, measure);
    measures.push(measure);
  });
  if (problems.length) throw new LaitDictionaryError(file, problems);
  return measures;
}

/**
 * A date as LAIT's dictionary writes it (an Excel serial day number, such as 46327 for 1 November 2026),
 * as an ISO date; null for words such as "TBC" or "Discontinued".
 */
export function excelDate(text: string): string | null {
  if (!/^\d{5}$/.test(text)) return null;
  // Excel's day 0 is 30 December 1899 (its 1900 leap-year slip is before every date LAIT uses).
  return new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
}

/** One value of LAIT's data file, as published: the measure, period label, LA code and the value. */
export type LaitValue = {
  /** The data file's row number (0-based, as the parquet file stores it). */
  row: number;
  short: string;
  years: string;
  /** The place's name as LAIT prints it (regions are matched by it). */
  place: string;
  /** DfE's 3-digit code: an LA, England (970) or a region (980-990). */
  laCode: string;
  /** A number, or null where LAIT prints `-` (missing, suppressed and not applicable alike). */
  value: number | null;
};

/**
 * Reads LAIT's parquet file (data/lait/bds_long_0.parquet) with hyparquet. Values are text there, some
 * with float noise (9.3699999999999992): they are read as numbers rounded to 10 significant digits.
 */
export async function readLaitValues(file: string): Promise<LaitValue[]> {
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const rows = (await parquetReadObjects({
    file: await asyncBufferFromFile(file),
    compressors,
    columns: ['Short Desc', 'Years', 'LA and Regions', 'LA Number', 'Values'],
  })) as Array<Record<string, unknown>>;
  return rows.map((r, row) => {
    const text = String(r['Values'] ?? '').trim();
    const number = text === '' || text === '-' ? null : Number(text);
    return {
      row,
      short: String(r['Short Desc'] ?? ''),
      years: String(r['Years'] ?? ''),
      place: String(r['LA and Regions'] ?? ''),
      laCode: String(Math.round(Number(r['LA Number']))).padStart(3, '0'),
      value: number === null || !Number.isFinite(number) ? null : Number(number.toPrecision(10)),
    };
  });
}
