import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Catalogue, LoadChange, LoadFormat, LoadReport, LoadSummary } from '@indicate/contracts';
import { audit } from '../auth/audit.ts';
import { markWritten, type Db } from '../db/client.ts';
import { dfeIndicatorsFor, readDfeFile } from './dfe.ts';
import { csvRecords, sniff, UnreadableFile, type CsvRecord } from './input.ts';
import { readGeography } from './lookups.ts';
import { StagingSession } from './staging.ts';
import { isTemplateHeader, readTemplate } from './template.ts';
import { xlsxRecords } from './xlsx.ts';

/**
 * The only way figures get into Indicate: the CLI, the API, the upload page and the bundled data on
 * first start all call runLoad. Nothing is written while any error remains; a commit is one transaction.
 */

export type LoadRequest = {
  /** The file on disk (uploads are written to a temporary file first). */
  path: string;
  /** The name the analyst knows it by, recorded with the load. */
  fileName: string;
  loadedBy: string;
  dryRun: boolean;
  /** A dry run's planHash: the commit is refused if the plan is no longer exactly that. */
  expectPlan?: string;
  listLimit?: number;
  /** The clock, passed in so tests and the domain never read it themselves. */
  now?: () => Date;
};

export class PlanChanged extends Error {
  constructor() {
    super('The stored figures changed since the dry run; run the dry run again and check the new report.');
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function runLoad(db: Db, catalogue: Catalogue, request: LoadRequest): Promise<LoadReport> {
  const listLimit = request.listLimit ?? 500;
  const indicators = new Map(catalogue.indicators.map((i) => [i.id, i] as const));
  const sha256 = await sha256File(request.path);
  const session = new StagingSession(db, indicators, listLimit);
  let format: LoadFormat | null = null;
  const report = (extra: Partial<LoadReport> & Pick<LoadReport, 'committed'>): LoadReport => ({
    dryRun: request.dryRun,
    loadId: null,
    fileName: request.fileName,
    sha256,
    format,
    planHash: null,
    counts: {
      rowsRead: session.rowsRead,
      rowsNotUsed: session.rowsNotUsed,
      new: 0,
      changed: 0,
      unchanged: 0,
      errors: session.errorCount,
      warnings: session.warningCount,
    },
    changes: [],
    errors: session.errors,
    warnings: session.warnings,
    listLimit,
    ...extra,
  });
  // Closed at the end whether or not it was read to the end, so a reader's temporary files go at once.
  let records: AsyncIterator<CsvRecord> | undefined;
  try {
    try {
      const kind = sniff(request.path);
      const iterator = (records = (
        kind === 'csv' ? csvRecords(request.path) : xlsxRecords(request.path, request.fileName)
      )[Symbol.asyncIterator]());
      const first = await iterator.next();
      if (first.done) throw new UnreadableFile('The file has no rows.');
      const header = first.value.cells.map((c) => c.trim());
      const rest: AsyncIterable<CsvRecord> = { [Symbol.asyncIterator]: () => iterator };
      const geography = readGeography(db);
      if (isTemplateHeader(header)) {
        format = kind === 'csv' ? 'indicate-template-csv' : 'indicate-template-xlsx';
        await readTemplate(header, rest, { fileName: request.fileName, indicators, geography }, session);
      } else {
        const served = kind === 'csv' ? dfeIndicatorsFor(header, catalogue.indicators) : [];
        if (served.length === 0) throw new UnreadableFile(unrecognised(header));
        format = 'dfe-csv';
        await readDfeFile(header, rest, { fileName: request.fileName, indicators: served, geography }, session);
      }
      session.finish();
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      session.error({ row: error.row, column: null, message: error.message });
    }
    if (session.errorCount === 0 && session.rowsRead === 0) {
      session.error({ row: null, column: null, message: 'The file has a header but no rows of figures.' });
    }
    if (session.errorCount > 0) return report({ committed: false });

    session.addMovementWarnings();
    if (request.dryRun) {
      const plan = session.plan();
      session.addRevisionWarnings(plan.changes);
      return report({ committed: false, ...planFields(plan), counts: countsWith(session, plan) });
    }
    const now = (request.now ?? (() => new Date()))().toISOString();
    // IMMEDIATE: the write lock is taken before the plan is read, so a write elsewhere (the CLI, another
    // commit) makes this wait for it (busy_timeout) instead of failing on a snapshot it has overtaken.
    const commit = db.$client.transaction(() => {
      const plan = session.plan();
      if (request.expectPlan && request.expectPlan !== plan.planHash) throw new PlanChanged();
      const loadId = Number(
        db.$client
          .prepare(
            `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, warnings, state)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed')`,
          )
          .run(
            now,
            request.loadedBy,
            request.fileName,
            sha256,
            format,
            session.rowsRead,
            plan.new,
            plan.changed,
            plan.unchanged,
            0,
          ).lastInsertRowid,
      );
      session.apply(loadId, request.loadedBy, now);
      audit(db, {
        actor: request.loadedBy,
        action: 'load',
        target: `load ${loadId}`,
        after: {
          fileName: request.fileName,
          sha256,
          format,
          new: plan.new,
          changed: plan.changed,
          unchanged: plan.unchanged,
        },
      });
      return { plan, loadId };
    });
    const committed = commit.immediate();
    markWritten(db);
    session.addRevisionWarnings(committed.plan.changes);
    db.$client.prepare('update loads set warnings = ? where id = ?').run(session.warningCount, committed.loadId);
    return report({
      committed: true,
      loadId: committed.loadId,
      ...planFields(committed.plan),
      counts: countsWith(session, committed.plan),
    });
  } finally {
    await records?.return?.(undefined)?.catch(() => undefined);
    session.dispose();
  }
}

function planFields(plan: { planHash: string; changes: LoadChange[] }) {
  return { planHash: plan.planHash, changes: plan.changes };
}

function countsWith(
  session: StagingSession,
  plan: { new: number; changed: number; unchanged: number },
): LoadReport['counts'] {
  return {
    rowsRead: session.rowsRead,
    rowsNotUsed: session.rowsNotUsed,
    new: plan.new,
    changed: plan.changed,
    unchanged: plan.unchanged,
    errors: session.errorCount,
    warnings: session.warningCount,
  };
}

function unrecognised(header: string[]): string {
  const shown = header
    .slice(0, 8)
    .map((h) => `"${h.slice(0, 30)}"`)
    .join(', ');
  return `This is neither the Indicate template (it needs the columns indicator, time_period, time_identifier, geographic_level and value) nor a DfE file that the catalogue maps; its first columns are ${shown}.`;
}

// --- history, detail, revert -------------------------------------------------------------------------

type LoadRow = {
  id: number;
  loaded_at: string;
  loaded_by: string;
  file_name: string;
  sha256: string;
  format: string;
  rows_read: number;
  rows_new: number;
  rows_changed: number;
  rows_unchanged: number;
  rows_removed: number;
  warnings: number;
  state: 'committed' | 'reverted';
  reverts_load_id: number | null;
};

function summary(row: LoadRow): LoadSummary {
  return {
    id: row.id,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
    fileName: row.file_name,
    sha256: row.sha256,
    format: row.format,
    rowsRead: row.rows_read,
    rowsNew: row.rows_new,
    rowsChanged: row.rows_changed,
    rowsUnchanged: row.rows_unchanged,
    rowsRemoved: row.rows_removed,
    warnings: row.warnings,
    state: row.state,
    revertsLoadId: row.reverts_load_id,
  };
}

export function listLoads(db: Db): LoadSummary[] {
  return (db.$client.prepare('select * from loads order by id desc').all() as LoadRow[]).map(summary);
}

export function getLoad(db: Db, id: number): LoadSummary | null {
  const row = db.$client.prepare('select * from loads where id = ?').get(id) as LoadRow | undefined;
  return row ? summary(row) : null;
}

/** A committed load already holding exactly this file's content, if any (so bundled data loads once). */
export function findCommittedLoad(db: Db, sha256: string): LoadSummary | null {
  const row = db.$client
    .prepare(
      "select * from loads where sha256 = ? and state = 'committed' and reverts_load_id is null order by id desc limit 1",
    )
    .get(sha256) as LoadRow | undefined;
  return row ? summary(row) : null;
}

export class RevertRefused extends Error {
  constructor(
    readonly code: 'not_found' | 'already_reverted' | 'is_revert' | 'superseded',
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
  keepObservations: `insert into observation_history (observation_id, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, replaced_by_load_id)
         select id, value, symbol, numerator, denominator, status, published_quartile, source_ref, note, load_id, ?
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
