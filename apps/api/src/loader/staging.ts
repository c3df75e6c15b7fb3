import crypto from 'node:crypto';
import type { Indicator, LoadChange, LoadProblem } from '@indicate/contracts';
import { unusualMovement } from '@indicate/core';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { RowSink, StagedRow } from './sink.ts';

const BATCH = 5000;
const KEY = ['indicator_id', 'geography_level', 'geography_code', 'period_id'] as const;
const joinOn = (a: string, b: string) => KEY.map((k) => `${a}.${k} = ${b}.${k}`).join(' and ');

/** SQL that is true when a stored observation `o` already holds exactly the staged figure `s`. */
const SAME = `o.value is s.value and o.symbol is s.symbol and o.numerator is s.numerator and o.denominator is s.denominator
  and o.status = s.status and o.published_quartile is s.published_quartile`;

type FigureRow = {
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
};

export type Plan = { new: number; changed: number; unchanged: number; planHash: string; changes: LoadChange[] };

/**
 * One load's rows, staged in a private temporary table (nothing in the main database changes while a
 * file is read), then compared with what is stored. Batches are written synchronously, so no request
 * served in between can see or join a half-written batch.
 */
export class StagingSession implements RowSink {
  readonly table = `staged_${crypto.randomBytes(6).toString('hex')}`;
  readonly errors: LoadProblem[] = [];
  readonly warnings: LoadProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  rowsRead = 0;
  rowsNotUsed = 0;
  private buffer: StagedRow[] = [];
  private insert: Statement;
  private findRow: Statement;

  constructor(
    private readonly db: Db,
    private readonly indicators: Map<string, Indicator>,
    readonly listLimit: number,
  ) {
    db.$client.exec(`create temp table ${this.table} (
      row integer not null, indicator_id text not null, geography_level text not null, geography_code text not null,
      period_id text not null, period_kind text not null, period_end integer not null, previous_period_id text not null,
      value real, symbol text, numerator real, denominator real, status text not null, published_quartile integer,
      source_ref text not null, note text,
      unique (indicator_id, geography_level, geography_code, period_id))`);
    this.insert = db.$client.prepare(`insert into temp.${this.table} values (
      @row, @indicatorId, @geographyLevel, @geographyCode, @periodId, @periodKind, @periodEnd, @previousPeriodId,
      @value, @symbol, @numerator, @denominator, @status, @publishedQuartile, @sourceRef, @note) on conflict do nothing`);
    this.findRow = db.$client.prepare(
      `select row from temp.${this.table} where indicator_id = ? and geography_level = ? and geography_code = ? and period_id = ?`,
    );
  }

  add(row: StagedRow): void {
    this.buffer.push(row);
    if (this.buffer.length >= BATCH) this.flush();
  }

  error(problem: LoadProblem): void {
    this.errorCount += 1;
    if (this.errors.length < this.listLimit) this.errors.push(problem);
  }

  warn(problem: LoadProblem): void {
    this.warningCount += 1;
    if (this.warnings.length < this.listLimit) this.warnings.push(problem);
  }

  notUsed(count = 1): void {
    this.rowsNotUsed += count;
  }

  read(count = 1): void {
    this.rowsRead += count;
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    this.db.$client.transaction(() => {
      for (const row of rows) {
        if (this.insert.run(row).changes === 0) {
          const first = this.findRow.get(row.indicatorId, row.geographyLevel, row.geographyCode, row.periodId) as {
            row: number;
          };
          this.error({
            row: row.row,
            column: null,
            message: `duplicate of row ${first.row}: the same indicator (${row.indicatorId}), place (${row.geographyCode}) and period (${row.periodId})`,
          });
        }
      }
    })();
  }

  /** Warnings that need the whole file and the stored data: unusual movements since the previous period. */
  addMovementWarnings(): void {
    const pairs = this.db.$client
      .prepare(
        `select s.row, s.indicator_id as indicatorId, s.geography_code as place, s.period_id as periodId, s.value as current,
           case when p.row is not null then p.value else o.value end as previous
         from temp.${this.table} s
         left join temp.${this.table} p on p.indicator_id = s.indicator_id and p.geography_level = s.geography_level
           and p.geography_code = s.geography_code and p.period_id = s.previous_period_id
         left join main.observations o on o.indicator_id = s.indicator_id and o.geography_level = s.geography_level
           and o.geography_code = s.geography_code and o.period_id = s.previous_period_id
         where s.value is not null`,
      )
      .iterate() as Iterable<{
      row: number;
      indicatorId: string;
      place: string;
      periodId: string;
      current: number;
      previous: number | null;
    }>;
    for (const pair of pairs) {
      if (pair.previous === null) continue;
      const indicator = this.indicators.get(pair.indicatorId)!;
      const message = unusualMovement({
        unit: indicator.unit,
        previous: pair.previous,
        current: pair.current,
        similarThreshold: indicator.similarThreshold,
      });
      if (message)
        this.warn({
          row: pair.row,
          column: 'value',
          message: `${pair.indicatorId} ${pair.place} ${pair.periodId}: ${message}`,
        });
    }
  }

  /** New, changed and unchanged figures against the database as it is now, and the plan's fingerprint. */
  plan(): Plan {
    const counts = this.db.$client
      .prepare(
        `select sum(o.id is null) as new, sum(o.id is not null and not (${SAME})) as changed, sum(o.id is not null and (${SAME})) as unchanged
         from temp.${this.table} s left join main.observations o on ${joinOn('o', 's')}`,
      )
      .get() as { new: number | null; changed: number | null; unchanged: number | null };
    const hash = crypto.createHash('sha256');
    const changes: LoadChange[] = [];
    const rows = this.db.$client
      .prepare(
        `select s.*, o.id as o_id, o.value as o_value, o.symbol as o_symbol, o.numerator as o_numerator,
           o.denominator as o_denominator, o.status as o_status
         from temp.${this.table} s left join main.observations o on ${joinOn('o', 's')}
         where o.id is null or not (${SAME})
         order by s.indicator_id, s.geography_level, s.geography_code, s.period_id`,
      )
      .iterate() as Iterable<Record<string, unknown>>;
    for (const r of rows) {
      hash.update(
        JSON.stringify([
          r.indicator_id,
          r.geography_level,
          r.geography_code,
          r.period_id,
          r.value,
          r.symbol,
          r.numerator,
          r.denominator,
          r.status,
          r.published_quartile,
          r.note,
          // The stored version is part of the plan: the same figure over a different old one is another plan.
          r.o_id,
          r.o_value,
          r.o_symbol,
          r.o_numerator,
          r.o_denominator,
          r.o_status,
        ]),
      );
      if (changes.length < this.listLimit) changes.push(toChange(r));
    }
    changes.sort((a, b) => a.row - b.row);
    return {
      new: counts.new ?? 0,
      changed: counts.changed ?? 0,
      unchanged: counts.unchanged ?? 0,
      planHash: hash.digest('hex'),
      changes,
    };
  }

  /** Revisions of stored figures are warnings: they are allowed, but a person should see them. */
  addRevisionWarnings(changes: LoadChange[]): void {
    for (const change of changes) {
      if (!change.before) continue;
      this.warn({
        row: change.row,
        column: 'value',
        message: `${change.indicatorId} ${change.geographyCode} ${change.periodId}: revises the stored figure ${show(change.before)} to ${show(change.after)}`,
      });
    }
  }

  /**
   * Writes the staged figures: earlier versions of changed figures go to observation_history, new and
   * changed ones are upserted with this load's id. Runs inside the caller's transaction.
   */
  apply(loadId: number): void {
    const c = this.db.$client;
    c.prepare(
      `insert into observation_history (observation_id, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, replaced_by_load_id)
       select o.id, o.value, o.symbol, o.numerator, o.denominator, o.status, o.published_quartile, o.source_ref, o.note, o.load_id, ?
       from temp.${this.table} s join main.observations o on ${joinOn('o', 's')}
       where not (${SAME})`,
    ).run(loadId);
    c.prepare(
      `insert into observations (indicator_id, geography_level, geography_code, period_id, period_kind, period_end, value, symbol,
         numerator, denominator, status, published_quartile, source_ref, note, load_id)
       select s.indicator_id, s.geography_level, s.geography_code, s.period_id, s.period_kind, s.period_end, s.value, s.symbol,
         s.numerator, s.denominator, s.status, s.published_quartile, s.source_ref, s.note, ?
       from temp.${this.table} s left join main.observations o on ${joinOn('o', 's')}
       where o.id is null or not (${SAME})
       on conflict (indicator_id, geography_level, geography_code, period_id) do update set
         value = excluded.value, symbol = excluded.symbol, numerator = excluded.numerator, denominator = excluded.denominator,
         status = excluded.status, published_quartile = excluded.published_quartile, source_ref = excluded.source_ref,
         note = excluded.note, load_id = excluded.load_id`,
    ).run(loadId);
  }

  dispose(): void {
    this.db.$client.exec(`drop table if exists temp.${this.table}`);
  }
}

function figure(r: Record<string, unknown>, prefix: string): FigureRow {
  return {
    value: r[`${prefix}value`] as number | null,
    symbol: r[`${prefix}symbol`] as string | null,
    numerator: r[`${prefix}numerator`] as number | null,
    denominator: r[`${prefix}denominator`] as number | null,
    status: r[`${prefix}status`] as string,
  };
}

function toChange(r: Record<string, unknown>): LoadChange {
  return {
    row: r.row as number,
    indicatorId: r.indicator_id as string,
    geographyLevel: r.geography_level as string,
    geographyCode: r.geography_code as string,
    periodId: r.period_id as string,
    before: r.o_id == null ? null : figure(r, 'o_'),
    after: figure(r, ''),
  };
}

function show(f: FigureRow): string {
  const main = f.value ?? f.symbol ?? '?';
  return f.numerator !== null || f.denominator !== null
    ? `${main} (${f.numerator ?? '?'}/${f.denominator ?? '?'})`
    : String(main);
}
