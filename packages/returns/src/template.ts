import { csvCell, periodId, toDfe, type Period } from '@indicate/core';
import { toAggregates } from './compute.ts';
import type { ComputeResult } from './types.ts';

/**
 * The computed figures as an Indicate template file, ready for the one loader (the Loads page's dry run
 * and commit, or `pnpm cli load`): only aggregates (every figure and its breakdowns), never a child. The
 * provenance rides in `#` lines at the top, which the loader keeps with the load: the date computed for,
 * the rule set, and each file's name and SHA-256.
 */

export interface ReturnsProvenance {
  asAt: string;
  ruleSet: string;
  /** The council the returns say they are for (the CIN census's LEA), when they say: the loader checks the rows are its. */
  council?: string;
  files: Array<{ name: string; sha256: string }>;
}

/** The financial quarter ending on `asAt` (30 June, 30 September, 31 December or 31 March), or why not. */
export function quarterEndingOn(
  asAt: string,
): { ok: true; period: Period; id: string } | { ok: false; message: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asAt);
  const ends: Record<string, 1 | 2 | 3 | 4> = { '06-30': 1, '09-30': 2, '12-31': 3, '03-31': 4 };
  const quarter = match ? ends[`${match[2]}-${match[3]}`] : undefined;
  if (!match || quarter === undefined) {
    return {
      ok: false,
      message: `${asAt} is not the end of a financial quarter: use 30 June, 30 September, 31 December or 31 March (yyyy-mm-dd), such as 2025-06-30`,
    };
  }
  const calendarYear = Number(match[1]);
  const period: Period = { kind: 'financial-quarter', year: quarter === 4 ? calendarYear - 1 : calendarYear, quarter };
  return { ok: true, period, id: periodId(period) };
}

/** Lines starting `# returns-` carry the provenance; the loader reads them back (see readProvenanceLines). */
export const PROVENANCE_PREFIX = 'returns-';

const COLUMNS = [
  'indicator',
  'time_period',
  'time_identifier',
  'geographic_level',
  'old_la_code',
  'value',
  'numerator',
  'denominator',
  'status',
  'source_ref',
  'breakdown',
  'breakdown_group',
] as const;

const cell = (text: string): string => csvCell(text);

/** A number as the template takes it: up to 6 decimal places, no exponent. */
function number(value: number | null): string {
  if (value === null) return '';
  return String(Number(value.toFixed(6)));
}

/**
 * The figures of a computation with no errors as template CSV for council `la` (3-digit code). The adoption
 * scorecard's measures are written only when d is 31 March, as the three financial years ending then (their
 * catalogue period); at other quarter ends they are in the report but not loaded.
 */
export function toTemplateCsv(result: ComputeResult, la: string, provenance: ReturnsProvenance): string {
  if (result.errors.length > 0) throw new Error('The returns have errors: there are no figures to write.');
  const quarter = quarterEndingOn(result.asAt);
  if (!quarter.ok) throw new Error(quarter.message);
  const { timePeriod, timeIdentifier } = toDfe(quarter.period);
  const source = `Computed from the council's returns as at ${result.asAt} (rule set ${provenance.ruleSet})`;
  const lines: string[] = [
    cell(
      `# Figures computed by Indicate from the council's child-level returns as at ${result.asAt}: aggregates only, no child.`,
    ),
    cell(`# ${PROVENANCE_PREFIX}as-at: ${provenance.asAt}`),
    cell(`# ${PROVENANCE_PREFIX}rule-set: ${provenance.ruleSet}`),
    ...(provenance.council ? [cell(`# ${PROVENANCE_PREFIX}council: ${provenance.council}`)] : []),
    ...provenance.files.map((f) => cell(`# ${PROVENANCE_PREFIX}file: ${f.sha256} ${f.name}`)),
    COLUMNS.join(','),
  ];
  // The adoption scorecard's three-year figures are stored as DfE's three financial years, so only at 31 March.
  const threeYears =
    quarter.period.kind === 'financial-quarter' && quarter.period.quarter === 4
      ? toDfe({ kind: 'three-financial-years', year: quarter.period.year - 2 })
      : null;
  const row = (
    indicator: string,
    figure: { value: number | null; numerator: number | null; denominator: number | null; perYear?: unknown },
    breakdown: [string, string] | null,
  ) =>
    [
      indicator,
      figure.perYear && threeYears ? threeYears.timePeriod : timePeriod,
      figure.perYear && threeYears ? threeYears.timeIdentifier : timeIdentifier,
      'Local authority',
      la,
      number(figure.value),
      // A count is its value alone: the package gives it as its own numerator, which the template does not take.
      figure.denominator === null ? '' : number(figure.numerator),
      number(figure.denominator),
      'provisional',
      source,
      breakdown?.[0] ?? '',
      breakdown?.[1] ?? '',
    ]
      .map(cell)
      .join(',');
  for (const figure of toAggregates(result)) {
    // A rule with no figure (an empty denominator, a table not among the files) writes no row.
    if (figure.value === null) continue;
    if (figure.perYear && !threeYears) continue;
    lines.push(row(figure.indicator, figure, null));
    for (const b of figure.breakdowns) {
      if (b.value === null) continue;
      lines.push(row(figure.indicator, b, [b.dimension, b.group]));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** The provenance a template's `# returns-` lines carry, or null if it has none. */
export function readProvenanceLines(lines: readonly string[]): ReturnsProvenance | null {
  let asAt: string | null = null;
  let ruleSet: string | null = null;
  let council: string | null = null;
  const files: Array<{ name: string; sha256: string }> = [];
  for (const raw of lines) {
    const line = raw.replace(/^"|"$/g, '').replace(/^#\s*/, '');
    if (!line.startsWith(PROVENANCE_PREFIX)) continue;
    const [key, ...rest] = line.slice(PROVENANCE_PREFIX.length).split(':');
    const value = rest.join(':').trim();
    if (key === 'as-at') asAt = value.slice(0, 10);
    else if (key === 'rule-set') ruleSet = value.slice(0, 40);
    else if (key === 'council' && /^\d{3}$/.test(value)) council = value;
    else if (key === 'file') {
      const m = /^([0-9a-f]{64}) (.{1,200})$/.exec(value);
      if (m && files.length < 200) files.push({ sha256: m[1]!, name: m[2]! });
    }
  }
  return asAt && ruleSet ? { asAt, ruleSet, ...(council ? { council } : {}), files } : null;
}
