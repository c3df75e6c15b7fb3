import crypto from 'node:crypto';
import { prepared, type Db } from '../db/client.ts';
import { toUser, type User } from './users.ts';

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** And this long after sign-in, however busy (OWASP's absolute timeout): a working day and then some. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE = 'indicate_session';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** A new session: a 256-bit random id (only its hash is stored) and a CSRF token bound to it. */
export function createSession(db: Db, userId: number, now: Date = new Date()): { id: string; csrfToken: string } {
  const id = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  db.$client
    .prepare('insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) values (?, ?, ?, ?, ?)')
    .run(sha256(id), userId, csrfToken, now.toISOString(), now.toISOString());
  return { id, csrfToken };
}

export type ActiveSession = { user: User; csrfToken: string; idHash: string };

/**
 * Sessions looked up in the last second, by cookie value, so a burst of requests from one browser costs one
 * hash and one query. Emptied at once when this process signs anyone in or out or changes a user (the only
 * writers of sessions and users besides `pnpm cli user add`, which only adds); an entry is trusted for at
 * most SESSION_CACHE_MS, so nothing outlives its session by more than that. Bounded, so a stream of made-up
 * cookies cannot grow it.
 */
export const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 5000;
const recent = new Map<string, { session: ActiveSession | null; at: number }>();

export function forgetRecentSessions(): void {
  recent.clear();
}

/**
 * The session for a cookie value, if it exists, its user is enabled, it has not been idle too long, and
 * it began less than ABSOLUTE_LIFETIME_MS ago.
 */
export function findSession(db: Db, id: string, now?: Date): ActiveSession | null {
  const at = now ? now.getTime() : Date.now();
  const known = recent.get(id);
  if (known !== undefined && at - known.at < SESSION_CACHE_MS && at >= known.at) return known.session;
  const found = lookUp(db, id, now ?? new Date(at));
  if (recent.size >= SESSION_CACHE_MAX) recent.clear();
  recent.set(id, { session: found, at });
  return found;
}

function lookUp(db: Db, id: string, now: Date): ActiveSession | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
  const idHash = sha256(id);
  const row = prepared(
    db,
    `select s.csrf_token, s.last_seen_at, s.created_at as session_created_at, u.* from sessions s join users u on u.id = s.user_id where s.id_hash = ?`,
  ).get(idHash) as
    | (Parameters<typeof toUser>[0] & { csrf_token: string; last_seen_at: string; session_created_at: string })
    | undefined;
  if (!row) return null;
  const idle = now.getTime() - Date.parse(row.last_seen_at);
  const age = now.getTime() - Date.parse(row.session_created_at);
  if (idle > IDLE_TIMEOUT_MS || age > ABSOLUTE_LIFETIME_MS || row.disabled === 1) {
    db.$client.prepare('delete from sessions where id_hash = ?').run(idHash);
    return null;
  }
  if (idle > TOUCH_EVERY_MS) {
    prepared(db, 'update sessions set last_seen_at = ? where id_hash = ?').run(now.toISOString(), idHash);
  }
  return { user: toUser(row), csrfToken: row.csrf_token, idHash };
}

export function destroySession(db: Db, idHash: string): void {
  forgetRecentSessions();
  db.$client.prepare('delete from sessions where id_hash = ?').run(idHash);
}

export function destroySessionById(db: Db, id: string): void {
  forgetRecentSessions();
  db.$client.prepare('delete from sessions where id_hash = ?').run(sha256(id));
}

export function destroyUserSessions(db: Db, userId: number): void {
  forgetRecentSessions();
  db.$client.prepare('delete from sessions where user_id = ?').run(userId);
}
