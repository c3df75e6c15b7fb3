import type { Db } from '../db/client.ts';
import { prepared } from '../db/client.ts';
import type { KnownDevice } from './devices.ts';

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
 *    own "address": rules 1-3 count its failures alone, wherever it is used from, so strangers guessing at
 *    the account from many addresses, or from the office network the owner shares, slow and refuse them,
 *    not the owner; and a copied cookie shares the owner's five failures rather than adding to them.
 * 5. While the account is slowed, an attempt from an address with no failures in the window (over any
 *    account) does not wait for the slot the guessers keep busy: such "clean" attempts share a slot of
 *    their own (one check every 10 seconds), so the owner in a new browser at home gets a password check
 *    within 10 seconds while a stranger polls from elsewhere. A guesser who spends a fresh address on it
 *    gains one more guess per 10 seconds, and the address is then no longer clean.
 *
 * The current-password check of a password change is the same kind of guess and goes through the same
 * rules (routes/session.ts).
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
  device: KnownDevice | null = null,
): Reservation {
  const knownDevice = device !== null;
  const a = key(account);
  const ip = key(throttleAddress(address, device));
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
      // The owner's known browser is not slowed by what strangers do to the account (rule 4), and an
      // address with no failures has a slot of its own while strangers keep the account's busy (rule 5).
      let clean = 0;
      if (!knownDevice) {
        const account = prepared(
          db,
          "select count(*) as n, max(at) as latest from sign_in_failures where account = ? and at > ? and address not like 'device:%' and clean = 0",
        ).get(a, since) as { n: number; latest: number | null };
        const fresh = !prepared(db, 'select 1 from sign_in_failures where address = ? and at > ? limit 1').get(
          ip,
          since,
        );
        if (account.n >= policy.accountSlowAfter && fresh) {
          clean = 1;
          const slot = prepared(
            db,
            'select max(at) as latest from sign_in_failures where account = ? and clean = 1 and at > ?',
          ).get(a, since) as { latest: number | null };
          if (slot.latest !== null) waitMs = Math.max(waitMs, slot.latest + policy.slowIntervalMs - now);
        } else if (account.n >= policy.accountSlowAfter && account.latest !== null) {
          waitMs = Math.max(waitMs, account.latest + policy.slowIntervalMs - now);
        }
      }
      spaced(
        'select count(*) as n, max(at) as latest from sign_in_failures where address = ? and at > ?',
        ip,
        policy.addressSlowAfter,
      );
      if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      const inserted = prepared(
        db,
        'insert into sign_in_failures (account, address, at, clean) values (?, ?, ?, ?)',
      ).run(a, ip, now, clean);
      return { ok: true, id: Number(inserted.lastInsertRowid) };
    })
    .immediate();
}

/**
 * Where an attempt is counted from: its address, or its known device wherever it is used (rule 4). An
 * IPv6 address counts as its /64, the block one household or office is given: otherwise every one of its
 * 2^64 addresses would be a fresh, "clean" address (rule 5) and a guess budget of its own.
 */
function throttleAddress(address: string, device: KnownDevice | null): string {
  return device ? `device:${device.idHash.slice(0, 32)}` : addressBlock(address);
}

export function addressBlock(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!plain.includes(':')) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * An attempt that never checked a password (the hashing gate refused it as busy) is not a failure: its
 * reservation is taken back, so an office colleague told "try again in a moment" has lost nothing.
 */
export function releaseReservation(db: Db, id: number): void {
  prepared(db, 'delete from sign_in_failures where id = ?').run(id);
}

/** A successful sign-in: the pair's failures (and this attempt's reservation) are forgotten. */
export function signInSucceeded(db: Db, account: string, address: string, device: KnownDevice | null = null): void {
  prepared(db, 'delete from sign_in_failures where account = ? and address = ?').run(
    key(account),
    key(throttleAddress(address, device)),
  );
}

/** "10 seconds", "1 minute", "15 minutes": how long a refused attempt must wait, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
