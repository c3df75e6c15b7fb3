import type { Db } from '../db/client.ts';
import { prepared } from '../db/client.ts';

/**
 * THE SIGN-IN THROTTLING POLICY, in one place (README "Sign-in throttling" says the same in words).
 *
 * Every attempt is counted BEFORE its password is checked: `reserveSignIn` runs synchronously (no await)
 * and, when the attempt may go ahead, writes a row to `sign_in_failures` at once, as if it had failed.
 * A success removes the rows of its (account, address) pair; a failure leaves its row. So simultaneous
 * requests cannot all slip past the check while the first ones are still hashing (scrypt takes about
 * 0.3 s), and the state lives in SQLite, so a restart forgets nothing. Rows older than the window are
 * pruned. Within the window (15 minutes, sliding):
 *
 * 1. Per (account, address) pair: 5 failed attempts, then that pair is refused (429, Retry-After) until
 *    the oldest of the five is 15 minutes old. This is the only hard stop, and it stops only the address
 *    that guessed: the owner signing in from any other address is not affected by it.
 * 2. Per account, from every address: after 10 failures the account is slowed, never locked: one password
 *    check for it every 10 seconds (others get a 429 with Retry-After of at most 10 s). That bounds a
 *    guesser with many addresses to about 10 + 90 = 100 guesses per account per 15 minutes.
 * 3. Per address, over every account (password spraying): after 30 failures the address is slowed the
 *    same way: one password check every 10 seconds from it, so the people behind a shared address (an
 *    office, a council network) wait seconds, not 15 minutes.
 *
 * 4. A browser that has signed in to the account before (a valid device cookie, auth/devices.ts) is its
 *    own "address": rules 1-3 count its failures alone, so strangers guessing at the account from many
 *    addresses, or from the office network the owner shares, slow and refuse them, not the owner.
 *
 * The email typed (lower-cased, at most 254 characters) is the account whether or not it exists, so a
 * refusal says nothing about which emails are real.
 */
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Failed attempts per (account, address) before that pair is refused for the rest of the window. */
  perPair: 5,
  /** Failures on one account, from all addresses, before its checks are spaced out. */
  accountSlowAfter: 10,
  /** Failures from one address, over all accounts, before its checks are spaced out. */
  addressSlowAfter: 30,
  /** Once slowed: at most one password check per this interval (for that account, or from that address). */
  slowIntervalMs: 10 * 1000,
  /** How often old rows are pruned (at most). */
  pruneEveryMs: 60 * 1000,
} as const;

export type ThrottlePolicy = typeof SIGN_IN_THROTTLE;

export type Reservation = { ok: true; id: number } | { ok: false; retryAfterSeconds: number };

const MAX_KEY = 254;
const key = (value: string) => value.slice(0, MAX_KEY);

const lastPrune = new WeakMap<object, number>();

function prune(db: Db, now: number, policy: ThrottlePolicy): void {
  const last = lastPrune.get(db.$client) ?? 0;
  if (now - last < policy.pruneEveryMs) return;
  lastPrune.set(db.$client, now);
  prepared(db, 'delete from sign_in_failures where at <= ?').run(now - policy.windowMs);
}

/**
 * Decides whether a sign-in attempt may check a password now and, if so, records it as a failure before
 * the check starts. Synchronous on purpose: call it before any await in the handler.
 */
export function reserveSignIn(
  db: Db,
  account: string,
  address: string,
  now = Date.now(),
  policy: ThrottlePolicy = SIGN_IN_THROTTLE,
  knownDevice = false,
): Reservation {
  const a = key(account);
  const ip = key(throttleAddress(address, knownDevice));
  const since = now - policy.windowMs;
  return db.$client
    .transaction((): Reservation => {
      prune(db, now, policy);
      let waitMs = 0;
      // 1. The pair: refused once it has perPair failures in the window, until the oldest of them expires.
      const pair = prepared(
        db,
        'select at from sign_in_failures where account = ? and address = ? and at > ? order by at desc limit 1 offset ?',
      ).get(a, ip, since, policy.perPair - 1) as { at: number } | undefined;
      if (pair) waitMs = Math.max(waitMs, pair.at + policy.windowMs - now);
      // 2 and 3. The account and the address: spaced out, not locked, once over their budgets.
      const spaced = (sql: string, value: string, slowAfter: number) => {
        const row = prepared(db, sql).get(value, since) as { n: number; latest: number | null };
        if (row.n >= slowAfter && row.latest !== null) {
          waitMs = Math.max(waitMs, row.latest + policy.slowIntervalMs - now);
        }
      };
      // The owner's known browser is not slowed by what strangers do to the account.
      if (!knownDevice) {
        spaced(
          "select count(*) as n, max(at) as latest from sign_in_failures where account = ? and at > ? and address not like 'device:%'",
          a,
          policy.accountSlowAfter,
        );
      }
      spaced(
        'select count(*) as n, max(at) as latest from sign_in_failures where address = ? and at > ?',
        ip,
        policy.addressSlowAfter,
      );
      if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      const inserted = prepared(db, 'insert into sign_in_failures (account, address, at) values (?, ?, ?)').run(
        a,
        ip,
        now,
      );
      return { ok: true, id: Number(inserted.lastInsertRowid) };
    })
    .immediate();
}

/** Where an attempt is counted from: its address, or its known device (rule 4). */
function throttleAddress(address: string, knownDevice: boolean): string {
  return knownDevice ? `device:${address}` : address;
}

/** A successful sign-in: the pair's failures (and this attempt's reservation) are forgotten. */
export function signInSucceeded(db: Db, account: string, address: string, knownDevice = false): void {
  prepared(db, 'delete from sign_in_failures where account = ? and address = ?').run(
    key(account),
    key(throttleAddress(address, knownDevice)),
  );
}

/** "10 seconds", "1 minute", "15 minutes": how long a refused attempt must wait, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
