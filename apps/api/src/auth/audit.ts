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
 * Audited actions that change nothing a read answers: who is signed in, and the users themselves (reads
 * are shaped by the view, public or signed in, never by which user). They do not move the data version,
 * so a sign-in (or a stranger's thousand failed ones) leaves the read cache as it is. Any other action,
 * a new one included, moves it: forgetting to list one costs a cache refill, never a stale figure.
 */
export const ACTIONS_NOT_ON_DATA: ReadonlySet<string> = new Set([
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'password-change',
  'password-reset',
  'user-create',
  'user-change',
  // A DfE release fetched and staged, or discarded, changes no figure: its approval is a load.
  'dfe-pull',
  'dfe-discard',
]);

/** The settings row that counts data writes (see StoreReads.dataVersion). */
export const DATA_WRITES_KEY = 'dataWrites';

/** Records that the figures, or anything read beside them, changed: the data version moves. */
export function dataChanged(db: Db): void {
  db.$client
    .prepare(
      `insert into settings (key, value) values (?, '1')
       on conflict (key) do update set value = cast(cast(value as integer) + 1 as text)`,
    )
    .run(DATA_WRITES_KEY);
  markWritten(db);
}

/**
 * Appends to the audit log. There is no update or delete anywhere in the app: the log is only ever
 * added to. Call inside the same transaction as the write it records, where there is one. An action on
 * data moves the data version in that transaction too.
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
  if (!ACTIONS_NOT_ON_DATA.has(entry.action)) dataChanged(db);
}

const UNSAFE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Cs}<>\\]/u;
const SPACE = /\p{Zs}/u;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * Text a stranger typed (the email of a failed sign-in), made safe to store and show: every control,
 * format (bidi overrides, zero-width), private-use, unassigned or line-separating character, every space
 * other than the plain one, a lone surrogate, `<`, `>` and the backslash itself become JSON-style escapes
 * (`\n`, `\u202e`), so the value cannot start a forged log line, reorder what is shown, or be read as
 * markup; and it is cut to `max` characters (an escape is never cut in half, and a cut ends in `…`).
 */
export function safeLogText(value: string, max = 254): string {
  const pieces: string[] = [];
  for (const char of value) {
    const unsafe = UNSAFE.test(char) || (SPACE.test(char) && char !== ' ');
    if (!unsafe) pieces.push(char);
    else if (SHORT_ESCAPES[char]) pieces.push(SHORT_ESCAPES[char]);
    else {
      let escaped = '';
      for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
      pieces.push(escaped);
    }
  }
  const whole = pieces.join('');
  if (whole.length <= max) return whole;
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
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
