import type { LoadSummary } from '@indicate/contracts';
import { audit } from '../auth/audit.ts';
import { markWritten, type Db } from '../db/client.ts';
import { summary, type LoadRow } from './history.ts';

export class RevertRefused extends Error {
  constructor(
    readonly code:
      | 'not_found'
      | 'already_reverted'
      | 'is_revert'
      | 'superseded'
      | 'not_reverted'
      | 'already_reapplied'
      | 'no_keys'
      | 'is_log',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Undoes a load: figures it changed return to their earlier versions, figures it added are removed.
 * The revert is itself a load record. Refused when a later load has since changed the same figures
 * (revert that one first), so no later work is silently undone.
 */
export function revertLoad(
  db: Db,
  loadId: number,
  revertedBy: string,
  now: () => Date = () => new Date(),
): LoadSummary {
  const c = db.$client;
  // IMMEDIATE for the same reason as a load's commit: wait for another writer rather than fail midway.
  const revert = c.transaction(() => {
    const load = c.prepare('select * from loads where id = ?').get(loadId) as LoadRow | undefined;
    if (!load) throw new RevertRefused('not_found', `There is no load ${loadId}.`);
    if (load.reverts_load_id !== null) {
      throw new RevertRefused('is_revert', `Load ${loadId} is itself a revert; load the file again instead.`);
    }
    if (load.state === 'reverted')
      throw new RevertRefused('already_reverted', `Load ${loadId} has already been reverted.`);
    if (load.log_kind) return revertLog(db, load, revertedBy, now);
    const later = c.prepare(REVERT_SQL.later).all(loadId, loadId) as Array<{ id: number }>;
    if (later.length > 0) {
      const ids = later.map((l) => l.id).join(', ');
      throw new RevertRefused(
        'superseded',
        `Load ${loadId} cannot be reverted: later load(s) ${ids} changed some of its figures. Revert those first.`,
      );
    }
    const revertId = Number(
      c
        .prepare(
          `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, state, reverts_load_id)
           values (?, ?, ?, ?, 'revert', 0, 0, 0, 0, 'committed', ?)`,
        )
        .run(now().toISOString(), revertedBy, `revert of load ${loadId} (${load.file_name})`, load.sha256, loadId)
        .lastInsertRowid,
    );
    // Set-based (see REVERT_SQL): the figures the load wrote go to history, those it replaced come back,
    // those it added go.
    const written = c.prepare(REVERT_SQL.keepObservations).run(revertId, loadId).changes;
    let restored = c.prepare(REVERT_SQL.restoreObservations).run({ load: loadId }).changes;
    let removed = c.prepare(REVERT_SQL.removeObservations).run(loadId).changes;
    const targets = revertTargets(c, loadId, revertId);
    restored += targets.restored;
    removed += targets.removed;
    c.prepare("update loads set state = 'reverted' where id = ?").run(loadId);
    audit(db, {
      actor: revertedBy,
      action: 'revert',
      target: `load ${loadId}`,
      after: { revertLoadId: revertId, restored, removed },
    });
    c.prepare('update loads set rows_read = ?, rows_changed = ?, rows_removed = ? where id = ?').run(
      written + targets.restored + targets.removed,
      restored,
      removed,
      revertId,
    );
    return summary(c.prepare('select * from loads where id = ?').get(revertId) as LoadRow);
  });
  const result = revert.immediate();
  markWritten(db);
  return result;
}

/**
 * Undoes a service log's load: the log before it (if any) is the current one again, as it was kept. Refused
 * while a later load of the same log stands, as that one replaced this one.
 */
function revertLog(db: Db, load: LoadRow, revertedBy: string, now: () => Date): LoadSummary {
  const c = db.$client;
  const later = c
    .prepare(
      "select id from loads where log_kind = ? and id > ? and state = 'committed' and reverts_load_id is null order by id",
    )
    .all(load.log_kind, load.id) as Array<{ id: number }>;
  if (later.length > 0)
    throw new RevertRefused(
      'superseded',
      `Load ${load.id} cannot be reverted: later load(s) ${later.map((l) => l.id).join(', ')} replaced the same log. Revert those first.`,
    );
  const back = c
    .prepare(
      "select id from loads where log_kind = ? and id < ? and state = 'committed' and reverts_load_id is null order by id desc limit 1",
    )
    .get(load.log_kind, load.id) as { id: number } | undefined;
  const revertId = Number(
    c
      .prepare(
        `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, rows_removed, state, reverts_load_id)
         values (?, ?, ?, ?, 'revert', ?, 0, 0, 0, ?, 'committed', ?)`,
      )
      .run(
        now().toISOString(),
        revertedBy,
        `revert of load ${load.id} (${load.file_name})`,
        load.sha256,
        load.rows_read,
        load.rows_read,
        load.id,
      ).lastInsertRowid,
  );
  c.prepare("update loads set state = 'reverted' where id = ?").run(load.id);
  audit(db, {
    actor: revertedBy,
    action: 'revert',
    target: `load ${load.id}`,
    after: { revertLoadId: revertId, log: load.log_kind, current: back ? `load ${back.id}` : 'none' },
  });
  return summary(c.prepare('select * from loads where id = ?').get(revertId) as LoadRow);
}

/** The target half of a revert: targets the load set go back to the version it replaced, or go. */
function revertTargets(c: Db['$client'], loadId: number, revertId: number): { restored: number; removed: number } {
  c.prepare(REVERT_SQL.keepTargets).run(revertId, loadId);
  const restored = c.prepare(REVERT_SQL.restoreTargets).run({ load: loadId }).changes;
  const removed = c.prepare(REVERT_SQL.removeTargets).run(loadId).changes;
  return { restored, removed };
}

/**
 * A revert's statements, set-based: each walks an index (the figures by load, the history by figure and
 * replacing load), so a revert costs in proportion to the figures it touches, not to all history.
 * Exported so a test can check each one's query plan.
 */
export const REVERT_SQL = {
  /** Later, unreverted loads that replaced any figure or target this load wrote. */
  later: `select distinct h.replaced_by_load_id as id from observation_history h join loads m on m.id = h.replaced_by_load_id
         where h.load_id = ? and m.state = 'committed' and m.reverts_load_id is null
         union
         select distinct h.replaced_by_load_id from target_history h join loads m on m.id = h.replaced_by_load_id
         where h.load_id = ? and m.state = 'committed' and m.reverts_load_id is null order by 1`,
  /** The figures the load wrote, kept in history as replaced by the revert. */
  keepObservations: `insert into observation_history (observation_id, indicator_id, geography_level, geography_code, period_id, period_kind, period_end,
           breakdown, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, replaced_by_load_id)
         select id, indicator_id, geography_level, geography_code, period_id, period_kind, period_end,
           breakdown, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, ?
         from observations where load_id = ? order by id`,
  /**
   * Each figure the load wrote takes back the latest version it replaced (the history row with the
   * highest id for that figure and load), including that version's own load id.
   */
  restoreObservations: `update observations as o set value = h.value, symbol = h.symbol, numerator = h.numerator,
    denominator = h.denominator, status = h.status, published_quartile = h.published_quartile, source_ref = h.source_ref,
    note = h.note, load_id = h.load_id
  from observation_history as h
  where o.load_id = @load and h.observation_id = o.id and h.replaced_by_load_id = @load
    and h.id = (select max(p.id) from observation_history p where p.observation_id = o.id and p.replaced_by_load_id = @load)`,
  /** What still carries the load's id had no earlier version: the load added it. */
  removeObservations: 'delete from observations where load_id = ?',
  keepTargets: `insert into target_history (indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id, replaced_by_load_id)
    select indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id, ?
    from targets where load_id = ? order by indicator_id, la_code, period_id`,
  /** Targets are keyed by indicator, LA and period. */
  restoreTargets: `update targets as t set value = h.value, tolerance_kind = h.tolerance_kind,
    tolerance_amount = h.tolerance_amount, source_ref = h.source_ref, note = h.note, set_by = h.set_by, set_at = h.set_at,
    load_id = h.load_id
  from target_history as h
  where t.load_id = @load and h.indicator_id = t.indicator_id and h.la_code = t.la_code and h.period_id = t.period_id
    and h.replaced_by_load_id = @load
    and h.id = (select max(p.id) from target_history p where p.indicator_id = t.indicator_id and p.la_code = t.la_code
      and p.period_id = t.period_id and p.replaced_by_load_id = @load)`,
  removeTargets: 'delete from targets where load_id = ?',
} as const;
