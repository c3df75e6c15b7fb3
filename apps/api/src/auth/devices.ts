import crypto from 'node:crypto';
import { prepared, type Db } from '../db/client.ts';

/**
 * Device cookies (OWASP's answer to "strangers lock the owner out"): after a successful sign-in the
 * browser gets a cookie holding a random token whose SHA-256 is recorded in `devices` against the account.
 * A sign-in attempt carrying a device that is valid for the account typed is counted in a bucket of its
 * own (auth/throttle.ts, rule 4): strangers guessing at the account from elsewhere, or from the office
 * address the owner shares, neither slow nor refuse it. It does not sign anyone in; the password does.
 *
 * Because a copied cookie would carry that exemption to whoever holds it, a device is valid only
 * - while the account's password is the one it signed in under (a change or an admin reset ends it),
 * - while the account is enabled, and until "sign out everywhere" or disabling deletes it,
 * - from at most DEVICE_MAX_ADDRESSES addresses (the owner's office, home and phone), and
 * - for its own five failures only: its bucket is the device, not the address, so a copy used from
 *   anywhere shares the owner's five guesses per window.
 * Each successful sign-in replaces the device with a new one (the old token stops working).
 */
export const DEVICE_COOKIE = 'indicate_device';
/** A year: the owner's own browser stays known. */
export const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** Addresses a device may be used from; a copy tried from a further one is treated as no device. */
export const DEVICE_MAX_ADDRESSES = 3;

/** Devices kept per user (their browsers); the oldest beyond this are forgotten. */
const DEVICES_PER_USER = 10;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** The tag a device records of the password it signed in under (a hash of the stored hash). */
export const passwordTag = (passwordHash: string) => sha256(`device\n${passwordHash}`);

export type KnownDevice = { idHash: string };

/**
 * The device a cookie value names, if it is valid for this account from this address (see above); a first
 * use from a new address is recorded while there is room.
 */
export function knownDevice(db: Db, account: string, token: string | undefined, address: string): KnownDevice | null {
  if (!token || !/^[A-Za-z0-9_-]{40,60}$/.test(token)) return null;
  const idHash = sha256(token);
  const row = prepared(
    db,
    `select d.addresses, d.password_tag, u.password_hash, u.disabled from devices d join users u on u.id = d.user_id
     where d.id_hash = ? and u.email = ?`,
  ).get(idHash, account) as
    { addresses: string; password_tag: string; password_hash: string; disabled: number } | undefined;
  if (!row || row.disabled === 1 || row.password_tag !== passwordTag(row.password_hash)) return null;
  const addresses = JSON.parse(row.addresses) as string[];
  if (!addresses.includes(address)) {
    if (addresses.length >= DEVICE_MAX_ADDRESSES) return null;
    prepared(db, 'update devices set addresses = ? where id_hash = ?').run(
      JSON.stringify([...addresses, address]),
      idHash,
    );
  }
  return { idHash };
}

/**
 * A new device for a user who has just signed in with their password: the device the browser held, if
 * any, is replaced. Returns the cookie's token.
 */
export function issueDevice(db: Db, user: { id: number; passwordHash: string }, address: string, previous?: string) {
  const token = crypto.randomBytes(32).toString('base64url');
  db.$client.transaction(() => {
    if (previous) prepared(db, 'delete from devices where id_hash = ? and user_id = ?').run(sha256(previous), user.id);
    prepared(
      db,
      'insert into devices (id_hash, user_id, password_tag, addresses, created_at) values (?, ?, ?, ?, ?)',
    ).run(sha256(token), user.id, passwordTag(user.passwordHash), JSON.stringify([address]), new Date().toISOString());
    // A user's browsers are few; the oldest beyond DEVICES_PER_USER are forgotten.
    prepared(
      db,
      `delete from devices where user_id = ? and id_hash not in
         (select id_hash from devices where user_id = ? order by created_at desc, rowid desc limit ?)`,
    ).run(user.id, user.id, DEVICES_PER_USER);
  })();
  return token;
}

/** Every device of a user forgotten: a password change or reset, disabling, "sign out everywhere". */
export function revokeDevices(db: Db, userId: number): void {
  prepared(db, 'delete from devices where user_id = ?').run(userId);
}
