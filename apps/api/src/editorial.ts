import { currentCommentary, visibleCommentary, type CommentaryStatus } from '@indicate/core';
import type { Db } from './db/client.ts';
import { audit } from './auth/audit.ts';
import { DomainError } from './domain-error.ts';

/**
 * What people (not loads) change: targets, RAG overrides and commentary. Each change and its audit entry
 * are one transaction; earlier versions are kept (target_history; overrides and commentary are only
 * ever added to, the latest wins).
 */

type Key = { indicatorId: string; laCode: string; periodId: string };
const keyText = (k: Key) => `${k.indicatorId} ${k.laCode} ${k.periodId}`;

export function setTarget(
  db: Db,
  key: Key,
  target: { value: number; tolerance: { kind: 'absolute' | 'relative'; amount: number } | null; note: string | null },
  actor: string,
  address: string | null,
  now: Date = new Date(),
) {
  const c = db.$client;
  const at = now.toISOString();
  return c.transaction(() => {
    const before = c
      .prepare('select * from targets where indicator_id = ? and la_code = ? and period_id = ?')
      .get(key.indicatorId, key.laCode, key.periodId) as Record<string, unknown> | undefined;
    if (before) {
      c.prepare(
        `insert into target_history (indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id, replaced_by_load_id, replaced_by, replaced_at)
         select indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id, null, ?, ?
         from targets where indicator_id = ? and la_code = ? and period_id = ?`,
      ).run(actor, at, key.indicatorId, key.laCode, key.periodId);
    }
    c.prepare(
      `insert into targets (indicator_id, la_code, period_id, value, tolerance_kind, tolerance_amount, source_ref, note, set_by, set_at, load_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
       on conflict (indicator_id, la_code, period_id) do update set value = excluded.value, tolerance_kind = excluded.tolerance_kind,
         tolerance_amount = excluded.tolerance_amount, source_ref = excluded.source_ref, note = excluded.note,
         set_by = excluded.set_by, set_at = excluded.set_at, load_id = null`,
    ).run(
      key.indicatorId,
      key.laCode,
      key.periodId,
      target.value,
      target.tolerance?.kind ?? null,
      target.tolerance?.amount ?? null,
      `set by ${actor}`,
      target.note,
      actor,
      at,
    );
    const after = { value: target.value, tolerance: target.tolerance, note: target.note };
    audit(db, { actor, action: 'target-set', target: keyText(key), before: before ?? null, after, address }, now);
    return after;
  })();
}

export function overrideRag(
  db: Db,
  key: Key,
  override: { proposedStatus: string; status: 'green' | 'amber' | 'red'; reason: string },
  actor: string,
  address: string | null,
  now: Date = new Date(),
) {
  const c = db.$client;
  return c.transaction(() => {
    const before = c
      .prepare(
        'select status, reason, overridden_by from rag_overrides where indicator_id = ? and la_code = ? and period_id = ? order by id desc limit 1',
      )
      .get(key.indicatorId, key.laCode, key.periodId);
    c.prepare(
      `insert into rag_overrides (indicator_id, la_code, period_id, proposed_status, status, reason, overridden_by, overridden_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      key.indicatorId,
      key.laCode,
      key.periodId,
      override.proposedStatus,
      override.status,
      override.reason,
      actor,
      now.toISOString(),
    );
    audit(
      db,
      { actor, action: 'rag-override', target: keyText(key), before: before ?? null, after: override, address },
      now,
    );
    return override;
  })();
}

/** Whose commentary is published at once: a service lead's; an analyst's is a draft for a service lead. */
export function commentaryStatusFor(role: string): 'draft' | 'published' {
  return role === 'service-lead' ? 'published' : 'draft';
}

export function writeCommentary(
  db: Db,
  key: Key,
  text: string,
  status: 'draft' | 'published',
  actor: string,
  address: string | null,
  now: Date = new Date(),
) {
  const c = db.$client;
  return c.transaction(() => {
    const id = Number(
      c
        .prepare(
          'insert into commentary (indicator_id, la_code, period_id, text, status, author, written_at) values (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(key.indicatorId, key.laCode, key.periodId, text, status, actor, now.toISOString()).lastInsertRowid,
    );
    audit(
      db,
      { actor, action: `commentary-${status}`, target: keyText(key), after: { id, text, status }, address },
      now,
    );
    return { id, text, status, author: actor, writtenAt: now.toISOString() };
  })();
}

/**
 * Withdraws a figure's commentary: a version of its own (nothing is deleted), audited. Published
 * commentary is withdrawn only by someone who may publish it; there must be commentary in force.
 */
export function withdrawCommentary(db: Db, key: Key, mayPublish: boolean, actor: string, address: string | null) {
  const now = new Date();
  return db.$client.transaction(() => {
    const current = currentCommentary(readCommentary(db, key, true));
    if (!current) throw new DomainError('conflict', 'no_commentary', 'There is no commentary in force to withdraw.');
    // Published commentary in force (even under a newer draft) is withdrawn only by one who may publish.
    if (readCommentary(db, key, false).length > 0 && !mayPublish) {
      throw new DomainError('forbidden', 'forbidden', 'Only a service lead may withdraw published commentary.');
    }
    const id = Number(
      db.$client
        .prepare(
          "insert into commentary (indicator_id, la_code, period_id, text, status, author, written_at) values (?, ?, ?, '', 'withdrawn', ?, ?)",
        )
        .run(key.indicatorId, key.laCode, key.periodId, actor, now.toISOString()).lastInsertRowid,
    );
    audit(
      db,
      {
        actor,
        action: 'commentary-withdrawn',
        target: keyText(key),
        before: { id: current.id, text: current.text },
        address,
      },
      now,
    );
    return { id, text: '', status: 'withdrawn' as const, author: actor, writtenAt: now.toISOString() };
  })();
}

/** A figure's commentary, newest first: every version for a writer; for a reader, as core's visibleCommentary says. */
export function readCommentary(db: Db, key: Key, includeDrafts: boolean) {
  const versions = db.$client
    .prepare(
      `select id, text, status, author, written_at as writtenAt from commentary
       where indicator_id = ? and la_code = ? and period_id = ? order by id desc limit 50`,
    )
    .all(key.indicatorId, key.laCode, key.periodId) as Array<{
    id: number;
    text: string;
    status: CommentaryStatus;
    author: string;
    writtenAt: string;
  }>;
  return visibleCommentary(versions, includeDrafts);
}

/** A council's period, for its key message. */
type PeriodKey = { laCode: string; periodId: string };
const periodKeyText = (k: PeriodKey) => `key message ${k.laCode} ${k.periodId}`;

/** The key message's versions, newest first: every version for a writer; for a reader, core's visibleCommentary. */
export function readKeyMessage(db: Db, key: PeriodKey, includeDrafts: boolean) {
  const versions = db.$client
    .prepare(
      `select id, text, status, author, written_at as writtenAt from key_messages
       where la_code = ? and period_id = ? order by id desc limit 50`,
    )
    .all(key.laCode, key.periodId) as Array<{
    id: number;
    text: string;
    status: CommentaryStatus;
    author: string;
    writtenAt: string;
  }>;
  return visibleCommentary(versions, includeDrafts);
}

/** Writes a version of the key message (a service lead's published, an analyst's a draft), audited. */
export function writeKeyMessage(
  db: Db,
  key: PeriodKey,
  text: string,
  status: 'draft' | 'published',
  actor: string,
  address: string | null,
) {
  const now = new Date().toISOString();
  return db.$client.transaction(() => {
    const id = Number(
      db.$client
        .prepare(
          'insert into key_messages (la_code, period_id, text, status, author, written_at) values (?, ?, ?, ?, ?, ?)',
        )
        .run(key.laCode, key.periodId, text, status, actor, now).lastInsertRowid,
    );
    audit(db, { actor, action: `key-message-${status}`, target: periodKeyText(key), after: { id, text }, address });
    return { id, text, status, author: actor, writtenAt: now };
  })();
}

/** Withdraws the key message in force (a version of its own), audited; published only by one who may publish. */
export function withdrawKeyMessage(db: Db, key: PeriodKey, mayPublish: boolean, actor: string, address: string | null) {
  const now = new Date().toISOString();
  return db.$client.transaction(() => {
    const current = currentCommentary(readKeyMessage(db, key, true));
    if (!current) throw new DomainError('conflict', 'no_key_message', 'There is no key message in force to withdraw.');
    // A published key message in force (even under a newer draft) is withdrawn only by one who may publish.
    if (readKeyMessage(db, key, false).length > 0 && !mayPublish) {
      throw new DomainError('forbidden', 'forbidden', 'Only a service lead may withdraw a published key message.');
    }
    const id = Number(
      db.$client
        .prepare(
          "insert into key_messages (la_code, period_id, text, status, author, written_at) values (?, ?, '', 'withdrawn', ?, ?)",
        )
        .run(key.laCode, key.periodId, actor, now).lastInsertRowid,
    );
    audit(db, {
      actor,
      action: 'key-message-withdrawn',
      target: periodKeyText(key),
      before: { id: current.id, text: current.text },
      address,
    });
    return { id, text: '', status: 'withdrawn' as const, author: actor, writtenAt: now };
  })();
}
