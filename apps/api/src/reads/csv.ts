import type { AllCouncils, Compare, Scorecard, Series } from '@indicate/contracts';

/** CSV cells and files: core's one writer, with its formula guard (core/csv.ts). */
import { csvCell, toCsv, type CsvCellValue as Cell } from '@indicate/core';
export { csvCell, toCsv, type Cell };

const SCORECARD_HEADER = [
  'theme',
  'indicator_id',
  'indicator',
  'period',
  'value',
  'symbol',
  'numerator',
  'denominator',
  'status',
  'vs_previous',
  'vs_previous_period',
  'vs_last_year',
  'rag',
  'rag_reason',
  'rag_proposed',
  'rag_override_reason',
  'quartile',
  'quartile_basis',
  'stat_neighbours',
  'stat_neighbours_basis',
  'england',
  'benchmark_period',
  'target',
  'source_ref',
];

/** The scorecard as a table: one header, one row per indicator. CSV and Excel both write this. */
export function scorecardTable(card: Scorecard): { header: string[]; rows: Cell[][] } {
  return {
    header: SCORECARD_HEADER,
    rows: card.rows.map((r) => {
      const a = r.assessment;
      return [
        r.indicator.themeLabel,
        r.indicator.id,
        r.indicator.label,
        r.figure.period.label,
        r.figure.value,
        r.figure.symbol,
        r.figure.numerator,
        r.figure.denominator,
        r.figure.status,
        a.vsPrevious.direction,
        a.vsPrevious.against.label,
        a.vsLastYear.direction,
        a.rag.label,
        a.rag.override?.reason ?? a.rag.proposed.reason,
        a.rag.proposed.label,
        a.rag.override?.reason,
        a.quartile?.band,
        a.quartile?.basis,
        a.statNeighbours?.value,
        a.statNeighbours?.basis,
        a.england?.value,
        a.benchmarkPeriod.label,
        a.target?.value,
        r.figure.sourceRef,
      ];
    }),
  };
}

export function scorecardCsv(card: Scorecard): string {
  const table = scorecardTable(card);
  return toCsv(table.header, table.rows);
}

const SERIES_HEADER = [
  'period',
  'value',
  'symbol',
  'numerator',
  'denominator',
  'status',
  'benchmark_period',
  'england',
  'region',
  'stat_neighbours',
  'stat_neighbours_basis',
  'quartile',
  'quartile_basis',
  'target',
  'rag',
  'rag_reason',
  'source_ref',
  'note',
];

export function seriesCsv(series: Series): string {
  return toCsv(
    SERIES_HEADER,
    series.points.map(({ figure: f, assessment: a }) => [
      f.period.label,
      f.value,
      f.symbol,
      f.numerator,
      f.denominator,
      f.status,
      a.benchmarkPeriod.label,
      a.england?.value,
      a.region?.value,
      a.statNeighbours?.value,
      a.statNeighbours?.basis,
      a.quartile?.band,
      a.quartile?.basis,
      a.target?.value,
      a.rag.label,
      a.rag.override?.reason ?? a.rag.proposed.reason,
      f.sourceRef,
      f.note,
    ]),
  );
}

/** The all-councils view: one row per council, then the regions and England, as the page shows them. */
export function allCouncilsCsv(view: AllCouncils): string {
  const mark = (r: AllCouncils['rows'][number]) =>
    [r.isCouncil ? 'chosen council' : '', r.isNeighbour ? 'statistical neighbour' : '', r.inRegion ? 'same region' : '']
      .filter(Boolean)
      .join('; ');
  return toCsv(
    [
      'indicator_id',
      'indicator',
      'period',
      'place',
      'old_la_code',
      'new_la_code',
      'region',
      'value',
      'symbol',
      'rank',
      'quartile',
      'marked',
    ],
    [
      ...view.rows.map((r) => [
        view.indicator.id,
        view.indicator.label,
        view.period.label,
        r.la.name,
        r.la.code,
        r.la.newCode,
        r.regionName,
        r.value,
        r.symbol,
        r.rank,
        r.band,
        mark(r),
      ]),
      ...[...view.regions, ...(view.england ? [view.england] : [])].map((c) => [
        view.indicator.id,
        view.indicator.label,
        view.period.label,
        c.name,
        '',
        c.code,
        '',
        c.value,
        c.withheld ? 'withheld' : c.symbol,
        '',
        '',
        '',
      ]),
    ],
  );
}

/** The compare view: one row per measure, place and period. */
export function compareCsv(view: Compare): string {
  return toCsv(
    ['indicator_id', 'indicator', 'place', 'code', 'period', 'value', 'symbol'],
    view.measures.flatMap((m) =>
      m.lines.flatMap((line) =>
        m.periods.map((p, i) => {
          const v = line.values[i]!;
          return [
            m.indicator.id,
            m.indicator.label,
            line.name,
            line.code,
            p.label,
            v.value,
            v.suppressed && line.isEngland ? 'withheld' : v.symbol,
          ];
        }),
      ),
    ),
  );
}
