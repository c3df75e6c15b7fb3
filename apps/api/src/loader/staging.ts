import crypto from 'node:crypto';
import type { Indicator, LoadChange, LoadProblem } from '@indicate/contracts';
import { unusualMovement } from '@indicate/core';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { RowSink, StagedRow } from './sink.ts';

const BATCH = 5000;
const KEY = ['indicator_id', 'geography_level', 'geography_code', 'period_id', 'breakdown'] as const;

const joinOn = (a: string, b: string) => KEY.map((k) => `${a}.${k} = ${b}.${k}`).join(' and ');
const TARGET_JOIN = 't.indicator_id = s.indicator_id and t.la_code = s.geography_code and t.period_id = s.period_id';

/** SQL that is true when a stored observation `o` already holds exactly the staged figure `s`. */
const SAME = `o.value is s.value and o.symbol is s.symbol and o.numerator is s.numerator and o.denominator is s.denominator
  and o.status = s.status and o.published_quartile is s.published_quartile`;

type FigureRow = LoadChange['after'];

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

  /** Set for a LAIT load: figures from DfE's own files are kept (keepDfeFigures). */
  preferDfeFiles = false;

  constructor(
    private readonly db: Db,
    private readonly indicators: Map<string, Indicator>,
    readonly listLimit: number,
  ) {
    db.$client.exec(`create temp table ${this.table} (
      row integer not null, indicator_id text not null, geography_level text not null, geography_code text not null,
      period_id text not null, period_kind text not null, period_end integer not null, previous_period_id text not null,
      value real, symbol text, numerator real, denominator real, status text not null, published_quartile integer,
      source_ref text not null, note text, tolerance_kind text, tolerance_amount real, breakdown text not null,
      o_id integer, state text not null default 'new')`);
    // Positional parameters: binding an object by name costs several times more per row.
    this.insert = db.$client.prepare(
      `insert into temp.${this.table} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 'new')`,
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
        this.insert.run(
          row.row,
          row.indicatorId,
          row.geographyLevel,
          row.geographyCode,
          row.periodId,
          row.periodKind,
          row.periodEnd,
          row.previousPeriodId,
          row.value,
          row.symbol,
          row.numerator,
          row.denominator,
          row.status,
          row.publishedQuartile,
          row.sourceRef,
          row.note,
          row.toleranceKind,
          row.toleranceAmount,
          row.breakdown ?? '',
        );
      }
    })();
  }

  /**
   * After the last row: index the staged rows once (a sorted build, far cheaper than keeping an index
   * up to date row by row) and report every row that repeats an earlier row's key.
   */
  finish(): void {
    this.flush();
    const c = this.db.$client;
    c.exec(
      `create index temp.${this.table}_key on ${this.table} (indicator_id, geography_level, geography_code, period_id, breakdown)`,
    );
    const duplicates = c
      .prepare(
        `select s.row, d.first_row, s.indicator_id, s.geography_code, s.period_id from temp.${this.table} s
         join (select indicator_id, geography_level, geography_code, period_id, breakdown, min(row) as first_row
               from temp.${this.table} group by 1, 2, 3, 4, 5 having count(*) > 1) d
           on d.indicator_id = s.indicator_id and d.geography_level = s.geography_level
           and d.geography_code = s.geography_code and d.period_id = s.period_id and d.breakdown = s.breakdown
         where s.row > d.first_row order by s.row`,
      )
      .raw()
      .iterate() as Iterable<[number, number, string, string, string]>;
    for (const [row, first, indicatorId, place, periodId] of duplicates) {
      this.error({
        row,
        column: null,
        message: `duplicate of row ${first}: the same indicator (${indicatorId}), place (${place}) and period (${periodId})`,
      });
    }
  }

  /**
   * Jumps in the council's own figures (a template's, typed or computed from returns) that the analyst must
   * look at and confirm before the commit: each is also a warning.
   */
  readonly jumps: LoadProblem[] = [];

  /**
   * Warnings that need the whole file and the stored data: unusual movements since the previous period. With
   * `councilFigures` (a template), a council's whole figure with no previous period's figure is compared with
   * its last stored one instead (the year's figure before the first quarter, say), and each unusual movement
   * of a council's whole figure is a jump to confirm.
   */
  addMovementWarnings(councilFigures = false): void {
    const last = (column: string) =>
      councilFigures
        ? `(select l.${column} from main.observations l where l.indicator_id = s.indicator_id
             and l.geography_level = s.geography_level and l.geography_code = s.geography_code
             and l.breakdown = s.breakdown and l.period_end < s.period_end and l.value is not null
             order by l.period_end desc, l.period_id desc limit 1)`
        : 'null';
    const pairs = this.db.$client
      .prepare(
        `select s.row, s.indicator_id, s.geography_code, s.period_id, s.value, s.geography_level,
           case when p.row is not null then p.value else o.value end as previous,
           case when p.row is null and o.id is null and s.geography_level = 'local-authority' then ${last('value')} end as last_value,
           case when p.row is null and o.id is null and s.geography_level = 'local-authority' then ${last('period_id')} end as last_period
         from temp.${this.table} s
         left join temp.${this.table} p on p.indicator_id = s.indicator_id and p.geography_level = s.geography_level
           and p.geography_code = s.geography_code and p.period_id = s.previous_period_id and p.breakdown = s.breakdown
         left join main.observations o on o.indicator_id = s.indicator_id and o.geography_level = s.geography_level
           and o.geography_code = s.geography_code and o.period_id = s.previous_period_id and o.breakdown = s.breakdown
         where s.value is not null and s.geography_level <> 'target'`,
      )
      .raw()
      .iterate() as Iterable<
      [number, string, string, string, number, string, number | null, number | null, string | null]
    >;
    for (const [row, indicatorId, place, periodId, current, level, previous, lastValue, lastPeriod] of pairs) {
      const before = previous ?? lastValue;
      if (before === null) continue;
      const indicator = this.indicators.get(indicatorId)!;
      const message = unusualMovement({
        unit: indicator.unit,
        previous: before,
        current,
        similarThreshold: indicator.similarThreshold,
        decimals: indicator.decimals,
        ...(previous === null ? { since: `its last figure (${lastPeriod})` } : {}),
      });
      if (!message) continue;
      const problem = { row, column: 'value', message: `${indicatorId} ${place} ${periodId}: ${message}` };
      this.warn(problem);
      if (councilFigures && level === 'local-authority' && this.jumps.length < this.listLimit) this.jumps.push(problem);
    }
  }

  /**
   * New, changed and unchanged figures against the database as it is now, and the plan's fingerprint.
   * Each staged row is matched with its stored observation once; apply() then works from that state.
   */
  plan(): Plan {
    // Called once per session: staged rows start as 'new' and only matches are updated.
    const c = this.db.$client;
    c.prepare(
      `update temp.${this.table} as s set o_id = o.id, state = case when ${SAME} then 'unchanged' else 'changed' end
       from main.observations as o where ${joinOn('o', 's')} and s.geography_level <> 'target'`,
    ).run();
    if (this.preferDfeFiles) this.keepDfeFigures();
    // Targets live in their own table: a change of value or tolerance is a change.
    c.prepare(
      `update temp.${this.table} as s set o_id = -1, state = case when t.value = s.value and t.tolerance_kind is s.tolerance_kind
         and t.tolerance_amount is s.tolerance_amount then 'unchanged' else 'changed' end
       from main.targets as t where s.geography_level = 'target' and ${TARGET_JOIN}`,
    ).run();
    const counts = { new: 0, changed: 0, unchanged: 0 };
    for (const row of c.prepare(`select state, count(*) as n from temp.${this.table} group by state`).all() as Array<{
      state: keyof typeof counts;
      n: number;
    }>) {
      counts[row.state] = row.n;
    }
    const hash = crypto.createHash('sha256');
    const changes: LoadChange[] = [];
    const rows = c
      .prepare(
        `select s.*, o.value as o_value, o.symbol as o_symbol, o.numerator as o_numerator,
           o.denominator as o_denominator, o.status as o_status
         from temp.${this.table} s left join main.observations o on o.id = s.o_id
         where s.state <> 'unchanged' and s.geography_level <> 'target'
         order by s.rowid`,
      )
      .raw()
      .iterate() as Iterable<unknown[]>;
    const columns = c
      .prepare(
        `select s.*, null as o_value, null as o_symbol, null as o_numerator, null as o_denominator, null as o_status from temp.${this.table} s limit 0`,
      )
      .columns()
      .map((col) => col.name);
    for (const values of rows) {
      // The stored version is part of the plan (o_id and the o_ columns): the same new figure over a
      // different old one is a different plan.
      hash.update(values.join('\u0001')).update('\u0002');
      if (changes.length < this.listLimit)
        changes.push(toChange(Object.fromEntries(columns.map((name, i) => [name, values[i]]))));
    }
    const targetRows = c
      .prepare(
        `select s.*, t.value as o_value, null as o_symbol, null as o_numerator, null as o_denominator,
           case when t.value is null then null else 'final' end as o_status, t.tolerance_kind as o_tolerance_kind,
           t.tolerance_amount as o_tolerance_amount
         from temp.${this.table} s left join main.targets t on ${TARGET_JOIN}
         where s.state <> 'unchanged' and s.geography_level = 'target'
         order by s.rowid`,
      )
      .all() as Array<Record<string, unknown>>;
    for (const r of targetRows) {
      hash.update(Object.values(r).join('\u0001')).update('\u0002');
      if (changes.length < this.listLimit) changes.push(toChange({ ...r, o_id: r.o_value === null ? null : -1 }));
    }
    changes.sort((a, b) => a.row - b.row);
    return { ...counts, planHash: hash.digest('hex'), changes };
  }

  /**
   * A LAIT load does not replace a figure a DfE file gave (the file carries numerators and is DfE's own
   * release; LAIT republishes it, rounded): such a row is kept as it is, and where LAIT's value differs by
   * more than LAIT's rounding (half a unit of its last decimal) the difference is a warning: a data-quality
   * finding the Loads page lists.
   */
  private keepDfeFigures(): void {
    const c = this.db.$client;
    const fromDfe = `select o.id from main.observations o join main.loads l on l.id = o.load_id where l.format = 'dfe-csv'`;
    const differ = c
      .prepare(
        `select s.row, s.indicator_id, s.geography_code, s.period_id, s.value, o.value as o_value
         from temp.${this.table} s join main.observations o on o.id = s.o_id
         where s.state = 'changed' and s.o_id in (${fromDfe}) and s.value is not null and o.value is not null`,
      )
      .all() as Array<{
      row: number;
      indicator_id: string;
      geography_code: string;
      period_id: string;
      value: number;
      o_value: number;
    }>;
    for (const d of differ) {
      const places = (String(d.value).split('.')[1] ?? '').length;
      if (Math.abs(d.value - d.o_value) <= 0.5 * 10 ** -places + 1e-9) continue;
      this.warn({
        row: d.row,
        column: 'Values',
        message: `${d.indicator_id} ${d.geography_code} ${d.period_id}: LAIT gives ${d.value}, DfE's file ${d.o_value}; the DfE file's figure is kept`,
      });
    }
    c.prepare(`update temp.${this.table} set state = 'unchanged' where o_id in (${fromDfe})`).run();
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
  apply(loadId: number, loadedBy: string, at: string): void {
    const c = this.db.$client;
    c.prepare(
      `insert into observation_history (observation_id, indicator_id, geography_level, geography_code, period_id, period_kind, period_end,
         breakdown, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, replaced_by_load_id)
       select o.id, o.indicator_id, o.geography_level, o.geography_code, o.period_id, o.period_kind, o.period_end, o.breakdown,
         o.value, o.symbol, o.numerator, o.denominator, o.status, o.published_quartile, o.source_ref, o.note, o.load_id, ?
       from temp.${this.table} s join main.observations o on o.id = s.o_id
       where s.state = 'changed'`,
    ).run(loadId);
    c.prepare(
      `update main.observations as o set value = s.value, symbol = s.symbol, numerator = s.numerator, denominator = s.denominator,
         status = s.status, published_quartile = s.published_quartile, source_ref = s.source_ref, note = s.note, load_id = ?
       from temp.${this.table} as s where s.state = 'changed' and o.id = s.o_id`,
    ).run(loadId);
    c.prepare(
      `insert into observations (indicator_id, geography_level, geography_code, period_id, period_kind, period_end, breakdown,
         value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id)
       select s.indicator_id, s.geography_level, s.geography_code, s.period_id, s.period_kind, s.period_end, s.breakdown,
         s.value, s.symbol, s.numerator, s.denominator, s.status, s.published_quartile, s.source_ref, s.note, ?
       from temp.${this.table} s where s.state = 'new' and s.geography_level <> 'target'
       order by s.indicator_id, s.geography_level, s.geography_code, s.period_id, s.breakdown`,
    ).run(loadId);
    c.prepare(
      `insert into target_history (indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id, replaced_by_load_id)
       select t.indicator_id, t.la_code, t.period_id, t.value, t.tolerance_kind, t.tolerance_amount, t.source_ref, t.note, t.set_by, t.set_at, t.load_id, ?
       from temp.${this.table} s join main.targets t on ${TARGET_JOIN}
       where s.geography_level = 'target' and s.state = 'changed'`,
    ).run(loadId);
    c.prepare(
      `insert into targets (indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id)
       select s.indicator_id, s.geography_code, s.period_id, s.value, s.tolerance_kind, s.tolerance_amount, s.source_ref, s.note, ?, ?, ?
       from temp.${this.table} s where s.geography_level = 'target' and s.state <> 'unchanged'
       on conflict (indicator_id, la_code, period_id) do update set value = excluded.value, tolerance_kind = excluded.tolerance_kind,
         tolerance_amount = excluded.tolerance_amount, source_ref = excluded.source_ref, note = excluded.note,
         set_by = excluded.set_by, set_at = excluded.set_at, load_id = excluded.load_id`,
    ).run(loadedBy, at, loadId);
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
    ...(r.geography_level === 'target' ? { tolerance: tolerance(r, prefix) } : {}),
  };
}

function tolerance(r: Record<string, unknown>, prefix: string): FigureRow['tolerance'] {
  const kind = r[`${prefix}tolerance_kind`] as 'absolute' | 'relative' | null;
  const amount = r[`${prefix}tolerance_amount`] as number | null;
  return kind !== null && amount !== null ? { kind, amount } : null;
}

function toChange(r: Record<string, unknown>): LoadChange {
  return {
    row: r.row as number,
    indicatorId: r.indicator_id as string,
    geographyLevel: r.geography_level as string,
    geographyCode: r.geography_code as string,
    periodId: r.period_id as string,
    ...(r.breakdown ? { breakdown: r.breakdown as string } : {}),
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
