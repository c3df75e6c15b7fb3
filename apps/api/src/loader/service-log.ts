import crypto from 'node:crypto';
import type { Catalogue, LoadReport, LogPlan } from '@indicate/contracts';
import { LOG_DEFINITIONS, readLog, type LogKind, type LogRow } from '@indicate/core';
import { audit } from '../auth/audit.ts';
import { markWritten, type Db } from '../db/client.ts';
import { UnreadableFile, type CsvRecord } from './input.ts';

/**
 * Loading a service log (core/service-logs.ts): the whole log, checked row by row, replacing the log of its kind
 * in one transaction. The log before stays in log_rows under its own load, so a revert puts it back and the
 * action plan keeps its history. Reached only through runLoad, which recognises a log by its columns.
 */

/** A log is a service's spreadsheet, not a data set: far more rows than this is the wrong file. */
export const MAX_LOG_ROWS = 50_000;

export class LogPlanChanged extends Error {}

/** The current log of a kind: its latest committed load's id and rows (none before the first load). */
export function currentLog(db: Db, kind: LogKind): { loadId: number | null; rows: LogRow[] } {
  const c = db.$client;
  const load = c
    .prepare(
      "select id from loads where log_kind = ? and state = 'committed' and reverts_load_id is null order by id desc limit 1",
    )
    .get(kind) as { id: number } | undefined;
  if (!load) return { loadId: null, rows: [] };
  return { loadId: load.id, rows: logRowsOf(db, load.id) };
}

export function logRowsOf(db: Db, loadId: number): LogRow[] {
  return (
    db.$client.prepare('select row, data from log_rows where load_id = ? order by row').all(loadId) as Array<{
      row: number;
      data: string;
    }>
  ).map((r) => ({ row: r.row, values: JSON.parse(r.data) as Record<string, string> }));
}

function keyOf(kind: LogKind, row: LogRow): string {
  return LOG_DEFINITIONS[kind].key.map((k) => row.values[k] ?? '').join(' | ');
}

/** Compares the new log with the current one by key: new, changed (naming the columns), unchanged, removed. */
function planLog(db: Db, kind: LogKind, rows: readonly LogRow[], listLimit: number) {
  const current = currentLog(db, kind);
  const before = new Map<string, LogRow>(current.rows.map((r) => [keyOf(kind, r), r]));
  const plan: LogPlan = {
    kind,
    title: LOG_DEFINITIONS[kind].title,
    replacesLoadId: current.loadId,
    new: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    changes: [],
  };
  const keys = new Set<string>();
  const list = (change: LogPlan['changes'][number]) => {
    if (plan.changes.length < listLimit) plan.changes.push(change);
  };
  for (const row of rows) {
    const key = keyOf(kind, row);
    keys.add(key);
    const old = before.get(key);
    if (!old) {
      plan.new += 1;
      list({ row: row.row, key, change: 'new', columns: [] });
      continue;
    }
    const columns = LOG_DEFINITIONS[kind].columns
      .map((c) => c.name)
      .filter((c) => (old.values[c] ?? '') !== (row.values[c] ?? ''));
    if (columns.length === 0) plan.unchanged += 1;
    else {
      plan.changed += 1;
      list({ row: row.row, key, change: 'changed', columns });
    }
  }
  for (const [key] of before)
    if (!keys.has(key)) {
      plan.removed += 1;
      list({ row: null, key, change: 'removed', columns: [] });
    }
  const planHash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ kind, replaces: current.loadId, rows: rows.map((r) => [r.row, r.values]) }))
    .digest('hex');
  return { plan, planHash };
}

export type LogLoadRequest = {
  fileName: string;
  sha256: string;
  format: 'service-log-csv' | 'service-log-xlsx';
  loadedBy: string;
  dryRun: boolean;
  expectPlan?: string | undefined;
  listLimit: number;
  today: Date;
};

/** Reads, checks and (unless a dry run, or any error) commits a service log of `kind`. */
export async function runLogLoad(
  db: Db,
  catalogue: Catalogue,
  kind: LogKind,
  header: string[],
  records: AsyncIterable<CsvRecord>,
  request: LogLoadRequest,
): Promise<LoadReport> {
  const collected: CsvRecord[] = [];
  for await (const record of records) {
    collected.push(record);
    if (collected.length > MAX_LOG_ROWS)
      throw new UnreadableFile(
        `The ${LOG_DEFINITIONS[kind].title.toLowerCase()} has more than ${MAX_LOG_ROWS.toLocaleString('en-GB')} rows: is this the right file?`,
        record.row,
      );
  }
  const today = request.today.toISOString().slice(0, 10);
  const reading = readLog(kind, header, collected, {
    today,
    measures: new Set(catalogue.indicators.map((i) => i.id)),
  });
  const report = (extra: Partial<LoadReport>): LoadReport => ({
    dryRun: request.dryRun,
    committed: false,
    loadId: null,
    fileName: request.fileName,
    sha256: request.sha256,
    format: request.format,
    planHash: null,
    counts: {
      rowsRead: reading.rows.length,
      rowsNotUsed: 0,
      new: 0,
      changed: 0,
      unchanged: 0,
      errors: reading.errors.length,
      warnings: reading.warnings.length,
    },
    changes: [],
    errors: reading.errors.slice(0, request.listLimit),
    warnings: reading.warnings.slice(0, request.listLimit),
    listLimit: request.listLimit,
    provenance: null,
    judgements: [],
    toConfirm: [],
    log: null,
    ...extra,
  });
  if (reading.errors.length > 0) return report({});
  const counted = (plan: LogPlan) => ({
    rowsRead: reading.rows.length,
    rowsNotUsed: 0,
    new: plan.new,
    changed: plan.changed,
    unchanged: plan.unchanged,
    errors: 0,
    warnings: reading.warnings.length,
  });
  if (request.dryRun) {
    const { plan, planHash } = planLog(db, kind, reading.rows, request.listLimit);
    return report({ planHash, log: plan, counts: counted(plan) });
  }
  const now = request.today.toISOString();
  const commit = db.$client.transaction(() => {
    const { plan, planHash } = planLog(db, kind, reading.rows, request.listLimit);
    if (request.expectPlan && request.expectPlan !== planHash) throw new LogPlanChanged();
    const loadId = Number(
      db.$client
        .prepare(
          `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, rows_removed, warnings, state, log_kind)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?)`,
        )
        .run(
          now,
          request.loadedBy,
          request.fileName,
          request.sha256,
          request.format,
          reading.rows.length,
          plan.new,
          plan.changed,
          plan.unchanged,
          plan.removed,
          reading.warnings.length,
          kind,
        ).lastInsertRowid,
    );
    const insert = db.$client.prepare('insert into log_rows (load_id, kind, row, key, data) values (?, ?, ?, ?, ?)');
    for (const row of reading.rows) insert.run(loadId, kind, row.row, keyOf(kind, row), JSON.stringify(row.values));
    audit(db, {
      actor: request.loadedBy,
      action: 'load',
      target: `load ${loadId}`,
      after: {
        fileName: request.fileName,
        sha256: request.sha256,
        format: request.format,
        log: kind,
        replacesLoadId: plan.replacesLoadId,
        new: plan.new,
        changed: plan.changed,
        unchanged: plan.unchanged,
        removed: plan.removed,
      },
    });
    return { plan, planHash, loadId };
  });
  const done = commit.immediate();
  markWritten(db);
  return report({
    committed: true,
    loadId: done.loadId,
    planHash: done.planHash,
    log: done.plan,
    counts: counted(done.plan),
  });
}
