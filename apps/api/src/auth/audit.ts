import type { Db } from '../db/client.ts';
import { markWritten } from '../db/client.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  address?: string | null;
};

/**
 * Appends to the audit log. There is no update or delete anywhere in the app: the log is only ever
 * added to. Call inside the same transaction as the write it records, where there is one.
 */
export function audit(db: Db, entry: AuditEntry, now: Date = new Date()): void {
  db.$client
    .prepare('insert into audit_log (at, actor, action, target, before, after, address) values (?, ?, ?, ?, ?, ?, ?)')
    .run(
      now.toISOString(),
      entry.actor,
      entry.action,
      entry.target,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.address ?? null,
    );
  markWritten(db);
}

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  address: string | null;
};

export function readAudit(
  db: Db,
  filter: { action?: string; actor?: string; limit: number; beforeId?: number },
): AuditRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.action) {
    where.push('action = ?');
    params.push(filter.action);
  }
  if (filter.actor) {
    where.push('actor = ?');
    params.push(filter.actor.toLowerCase());
  }
  if (filter.beforeId) {
    where.push('id < ?');
    params.push(filter.beforeId);
  }
  const sql = `select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`;
  return db.$client.prepare(sql).all(...params, filter.limit) as AuditRow[];
}
