import { DATA_WRITES_KEY } from '../auth/audit.ts';
import type { NeighbourReading, Period, PeriodKind, Reading } from '@indicate/core';
import { isDfeSymbol, monthSpan, parsePeriodId, periodId, symbolReading, valueReading } from '@indicate/core';
import type { Statement } from 'better-sqlite3';
import { prepared, writeGeneration, type Db } from '../db/client.ts';

/**
 * Every query the read API makes, prepared once. Each is an index lookup or a range over one
 * indicator's periods for one place, so its cost does not grow with the years of history stored.
 */

export type ObservationRow = {
  id: number;
  indicator_id: string;
  geography_level: string;
  geography_code: string;
  period_id: string;
  period_kind: PeriodKind;
  period_end: number;
  /** `dimension:group` on a breakdown row, else ''. */
  breakdown: string;
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  status: 'provisional' | 'final';
  published_quartile: number | null;
  source_ref: string;
  note: string | null;
  load_id: number;
  format: string;
};

export type LaRow = {
  old_la_code: string;
  new_la_code: string;
  name: string;
  region_code: string;
  region_name: string;
};

export type NeighbourRow = { neighbour_code: string; rank: number; closeness: string; name: string | null };

export function readingOf(row: { value: number | null; symbol: string | null } | undefined | null): Reading | null {
  if (!row) return null;
  if (row.value !== null) return valueReading(row.value);
  return row.symbol !== null && isDfeSymbol(row.symbol) ? symbolReading(row.symbol) : null;
}

const periods = new Map<string, Period>();

/** The period of a stored row (parsed once per distinct id: there are only a few hundred). */
export function periodOf(row: { period_id: string; period_kind: PeriodKind }): Period {
  const key = `${row.period_kind} ${row.period_id}`;
  let period = periods.get(key);
  if (!period) {
    const parsed = parsePeriodId(row.period_id, row.period_kind);
    if (!parsed.ok) throw new Error(`stored period ${row.period_id} (${row.period_kind}) does not parse`);
    period = parsed.period;
    periods.set(key, period);
  }
  return period;
}

/** How long the data version is trusted without asking the database, for writes by other processes. */
export const VERSION_TTL_MS = 5;

const WITH_FORMAT = `select o.*, l.format from observations o join loads l on l.id = o.load_id`;

export class StoreReads {
  constructor(private readonly db: Db) {}

  /** Statements come from the connection's one cache (db/client.ts `prepared`). */
  private prepare(sql: string): Statement {
    return prepared(this.db, sql);
  }

  private memo: { version: string; generation: number; at: number } | null = null;

  /**
   * Changes with every load, revert and audited write on data (targets, overrides, commentary, settings;
   * not sign-ins or user changes: auth/audit.ts ACTIONS_NOT_ON_DATA): the cache key and ETag. Read from the database again at once after this process writes (markWritten; the
   * loader's worker threads mark it when a job ends), and otherwise at most every VERSION_TTL_MS: a write
   * by another process, such as the CLI, is seen within that. Reading it for every request cost a tenth of
   * a cached answer.
   */
  dataVersion(): string {
    const generation = writeGeneration(this.db);
    const now = performance.now();
    const memo = this.memo;
    if (memo !== null && memo.generation === generation && now - memo.at < VERSION_TTL_MS) return memo.version;
    const row = this.prepare(
      `select (select coalesce(max(id), 0) from loads) as loads,
              (select coalesce(max(value), '0') from settings where key = '${DATA_WRITES_KEY}') as writes`,
    ).get() as { loads: number; writes: string };
    this.memo = { version: `${row.loads}.${row.writes}`, generation, at: now };
    return this.memo.version;
  }

  la(code: string): LaRow | undefined {
    return this.prepare(
      `select la.old_la_code, la.new_la_code, la.name, la.region_code, coalesce(r.name, la.region_name) as region_name
       from local_authorities la left join regions r on r.code = la.region_code where la.old_la_code = ?`,
    ).get(code) as LaRow | undefined;
  }

  allLas(): LaRow[] {
    return this.prepare(
      `select old_la_code, new_la_code, name, region_code, region_name from local_authorities order by name`,
    ).all() as LaRow[];
  }

  regions(): Array<{ code: string; name: string }> {
    return this.prepare('select code, name from regions order by name').all() as Array<{ code: string; name: string }>;
  }

  neighbourModels(): number[] {
    return (
      this.prepare('select distinct model_year from stat_neighbours order by 1').all() as Array<{ model_year: number }>
    ).map((r) => r.model_year);
  }

  neighbours(laCode: string, modelYear: number): NeighbourRow[] {
    return this.prepare(
      `select s.neighbour_code, s.rank, s.closeness, la.name from stat_neighbours s
       left join local_authorities la on la.old_la_code = s.neighbour_code
       where s.model_year = ? and s.la_code = ? order by s.rank`,
    ).all(modelYear, laCode) as NeighbourRow[];
  }

  allNeighbours(): Array<NeighbourRow & { model_year: number; la_code: string }> {
    return this.prepare(
      `select s.model_year, s.la_code, s.neighbour_code, s.rank, s.closeness, la.name from stat_neighbours s
       left join local_authorities la on la.old_la_code = s.neighbour_code order by s.la_code, s.model_year, s.rank`,
    ).all() as Array<NeighbourRow & { model_year: number; la_code: string }>;
  }

  /** The groups' figures of one council's figure for one period (breakdowns computed from its returns). */
  breakdowns(indicatorId: string, laCode: string, periodIdValue: string): ObservationRow[] {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_level = 'local-authority-breakdown'
         and o.geography_code = ? and o.period_id = ? order by o.breakdown`,
    ).all(indicatorId, laCode, periodIdValue) as ObservationRow[];
  }

  /** One stored figure by its key. */
  figure(indicatorId: string, level: string, code: string, periodIdValue: string): ObservationRow | undefined {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_level = ? and o.geography_code = ? and o.period_id = ?`,
    ).get(indicatorId, level, code, periodIdValue) as ObservationRow | undefined;
  }

  /** The LA's latest figure for an indicator ending by `endMonth`, its own period type first on a tie. */
  latestFigure(
    indicatorId: string,
    laCode: string,
    endMonth: number,
    preferKind: PeriodKind,
  ): ObservationRow | undefined {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_code = ? and o.geography_level = 'local-authority'
         and o.period_end <= ? order by o.period_end desc, (o.period_kind = ?) desc, o.period_id desc limit 1`,
    ).get(indicatorId, laCode, endMonth, preferKind) as ObservationRow | undefined;
  }

  /** The LA's values of one period kind ending by `endMonth`, latest first (a sparkline). */
  recentValues(
    indicatorId: string,
    laCode: string,
    kind: PeriodKind,
    endMonth: number,
    limit: number,
  ): Array<Pick<ObservationRow, 'period_id' | 'period_kind' | 'value' | 'symbol' | 'numerator' | 'denominator'>> {
    return this.prepare(
      `select period_id, period_kind, value, symbol, numerator, denominator from observations where indicator_id = ? and geography_code = ?
         and geography_level = 'local-authority' and period_kind = ? and period_end <= ? order by period_end desc limit ?`,
    ).all(indicatorId, laCode, kind, endMonth, limit) as Array<
      Pick<ObservationRow, 'period_id' | 'period_kind' | 'value' | 'symbol' | 'numerator' | 'denominator'>
    >;
  }

  hasEarlier(indicatorId: string, laCode: string, kind: PeriodKind, beforeMonth: number): boolean {
    return (
      this.prepare(
        `select 1 from observations where indicator_id = ? and geography_code = ? and geography_level = 'local-authority'
           and period_kind = ? and period_end < ? limit 1`,
      ).get(indicatorId, laCode, kind, beforeMonth) !== undefined
    );
  }

  /** The LA's latest figure of another kind of period that ended before `beforeMonth` (a DfE year before a quarter). */
  latestEarlierOtherKind(
    indicatorId: string,
    laCode: string,
    kind: PeriodKind,
    beforeMonth: number,
  ): ObservationRow | undefined {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_code = ? and o.geography_level = 'local-authority'
         and o.period_kind != ? and o.period_end < ? order by o.period_end desc limit 1`,
    ).get(indicatorId, laCode, kind, beforeMonth) as ObservationRow | undefined;
  }

  /** Every figure the LA has for an indicator, in period order. */
  series(indicatorId: string, laCode: string): ObservationRow[] {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_code = ? and o.geography_level = 'local-authority'
         order by o.period_end, o.period_kind`,
    ).all(indicatorId, laCode) as ObservationRow[];
  }

  /** Every LA's figure for one indicator and period (an all-LA release, or a few councils' own loads). */
  allLaFigures(
    indicatorId: string,
    period: Period,
  ): Array<{ code: string } & Pick<ObservationRow, 'value' | 'symbol' | 'numerator' | 'denominator'>> {
    return this.prepare(
      `select geography_code as code, value, symbol, numerator, denominator from observations
       where indicator_id = ? and period_end = ? and geography_level = 'local-authority' and period_id = ?`,
    ).all(indicatorId, monthSpan(period).last, periodId(period)) as Array<
      { code: string } & Pick<ObservationRow, 'value' | 'symbol' | 'numerator' | 'denominator'>
    >;
  }

  /** The periods with all-LA figures for an indicator (at least `minLas` councils), latest first. */
  allLaPeriods(indicatorId: string, minLas: number): Array<{ period_id: string; period_kind: PeriodKind }> {
    return this.prepare(
      `select period_id, period_kind from observations
       where indicator_id = ? and geography_level = 'local-authority'
       group by period_id, period_kind having count(*) >= ? order by max(period_end) desc`,
    ).all(indicatorId, minLas) as Array<{ period_id: string; period_kind: PeriodKind }>;
  }

  /**
   * The latest comparator a paper published (not DfE's own figures) for a place (England, or an LA's neighbours) for a period of
   * `kind` that ended by `endMonth`: a published figure applies to later periods until a newer one arrives.
   */
  latestPublished(
    indicatorId: string,
    level: 'national' | 'stat-neighbours',
    code: string,
    kind: PeriodKind,
    endMonth: number,
  ): ObservationRow | undefined {
    return this.prepare(
      `${WITH_FORMAT} where o.indicator_id = ? and o.geography_level = ? and o.geography_code = ?
         and o.period_kind = ? and o.period_end <= ? and l.format not in ('dfe-csv', 'lait-parquet')
         order by o.period_end desc limit 1`,
    ).get(indicatorId, level, code, kind, endMonth) as ObservationRow | undefined;
  }

  /** The periods with more than one council's figure for an indicator (DfE's years), latest first. */
  nationalPeriods(indicatorId: string): Array<{ period_id: string; period_kind: PeriodKind; period_end: number }> {
    return this.prepare(
      `select period_id, period_kind, period_end from observations
       where indicator_id = ? and geography_level = 'local-authority'
       group by period_id, period_kind having count(*) > 1 order by period_end desc`,
    ).all(indicatorId) as Array<{ period_id: string; period_kind: PeriodKind; period_end: number }>;
  }

  /** Every place's figure (councils, regions, England) of an indicator for one period. */
  everyPlace(
    indicatorId: string,
    period: Period,
  ): Array<{ level: string; code: string } & Pick<ObservationRow, 'value' | 'symbol' | 'numerator' | 'denominator'>> {
    return this.prepare(
      `select geography_level as level, geography_code as code, value, symbol, numerator, denominator
       from observations where indicator_id = ? and period_end = ? and period_id = ? and period_kind = ?
       and geography_level in ('local-authority', 'regional', 'national') and breakdown = ''`,
    ).all(indicatorId, monthSpan(period).last, periodId(period), period.kind) as Array<
      { level: string; code: string } & Pick<ObservationRow, 'value' | 'symbol' | 'numerator' | 'denominator'>
    >;
  }

  /** Every figure of one place for an indicator, oldest first. */
  placeSeries(
    indicatorId: string,
    level: string,
    code: string,
  ): Array<
    Pick<ObservationRow, 'period_id' | 'period_kind' | 'period_end' | 'value' | 'symbol' | 'numerator' | 'denominator'>
  > {
    return this.prepare(
      `select period_id, period_kind, period_end, value, symbol, numerator, denominator from observations
       where indicator_id = ? and geography_level = ? and geography_code = ? order by period_end, period_kind`,
    ).all(indicatorId, level, code) as Array<
      Pick<
        ObservationRow,
        'period_id' | 'period_kind' | 'period_end' | 'value' | 'symbol' | 'numerator' | 'denominator'
      >
    >;
  }

  /** Every target set for an indicator and LA, whatever its period (core's targetFor picks the one that applies). */
  targets(indicatorId: string, laCode: string) {
    return this.prepare(
      `select period_id, value, tolerance_kind, tolerance_amount, source_ref from targets
       where indicator_id = ? and la_code = ?`,
    ).all(indicatorId, laCode) as Array<{
      period_id: string;
      value: number;
      tolerance_kind: 'absolute' | 'relative' | null;
      tolerance_amount: number | null;
      source_ref: string;
    }>;
  }

  override(indicatorId: string, laCode: string, periodIdValue: string) {
    return this.prepare(
      `select status, reason, overridden_by, overridden_at from rag_overrides
       where la_code = ? and period_id = ? and indicator_id = ? order by id desc limit 1`,
    ).get(laCode, periodIdValue, indicatorId) as
      { status: 'green' | 'amber' | 'red'; reason: string; overridden_by: string; overridden_at: string } | undefined;
  }

  /** The periods the LA has figures for, with how many indicators each. */
  periods(
    laCode: string,
  ): Array<{ period_id: string; period_kind: PeriodKind; period_end: number; indicators: number }> {
    return this.prepare(
      `select period_id, period_kind, period_end, count(distinct indicator_id) as indicators from observations
       where geography_code = ? and geography_level = 'local-authority'
       group by period_id, period_kind order by period_end desc, period_kind`,
    ).all(laCode) as Array<{ period_id: string; period_kind: PeriodKind; period_end: number; indicators: number }>;
  }

  /** The LA's periods with a figure for any of these indicators (the scorecard set), latest first. */
  periodsOf(
    laCode: string,
    indicatorIds: string[],
  ): Array<{ period_id: string; period_kind: PeriodKind; period_end: number; indicators: number }> {
    return this.prepare(
      `select period_id, period_kind, period_end, count(distinct indicator_id) as indicators from observations
       where geography_code = ? and geography_level = 'local-authority'
       and indicator_id in (select value from json_each(?))
       group by period_id, period_kind order by period_end desc, period_kind`,
    ).all(laCode, JSON.stringify(indicatorIds)) as Array<{
      period_id: string;
      period_kind: PeriodKind;
      period_end: number;
      indicators: number;
    }>;
  }

  /** The kind of a period id among the LA's figures (ids like 2011-12 are otherwise ambiguous). */
  periodKindFor(laCode: string, id: string): PeriodKind | undefined {
    const row = this.prepare(
      `select period_kind from observations where geography_code = ? and geography_level = 'local-authority' and period_id = ? limit 1`,
    ).get(laCode, id) as { period_kind: PeriodKind } | undefined;
    return row?.period_kind;
  }
}

export function neighbourReadings(
  neighbours: NeighbourRow[],
  figures: Map<
    string,
    { value: number | null; symbol: string | null; numerator: number | null; denominator: number | null }
  >,
): NeighbourReading[] {
  return neighbours.map((n) => {
    const f = figures.get(n.neighbour_code);
    return {
      laCode: n.neighbour_code,
      reading: readingOf(f),
      numerator: f?.numerator ?? null,
      denominator: f?.denominator ?? null,
    };
  });
}
