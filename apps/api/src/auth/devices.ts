import crypto from 'node:crypto';
import { prepared, type Db } from '../db/client.ts';

/**
 * Device cookies (OWASP's answer to "strangers lock the owner out"): after a successful sign-in the
 * browser gets a cookie that names the account it signed in to, signed with a secret only this server
 * holds. A sign-in attempt that carries a valid one for the same account is counted in its own bucket:
 * it is not slowed by the guesses strangers make at that account from elsewhere, nor refused because
 * the address it shares (an office network) has guessed. It does not sign anyone in; the password does.
 */
export const DEVICE_COOKIE = 'indicate_device';
/** A year: the owner's own browser stays known. */
export const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const SECRET_KEY = 'deviceSecret';

/** The server's signing secret, made once and kept in the settings table. */
function secret(db: Db): string {
  const found = prepared(db, 'select value from settings where key = ?').get(SECRET_KEY) as
    { value: string } | undefined;
  if (found) return found.value;
  const made = crypto.randomBytes(32).toString('hex');
  prepared(db, 'insert into settings (key, value) values (?, ?) on conflict (key) do nothing').run(SECRET_KEY, made);
  return (prepared(db, 'select value from settings where key = ?').get(SECRET_KEY) as { value: string }).value;
}

function mac(db: Db, account: string, nonce: string): string {
  return crypto.createHmac('sha256', secret(db)).update(`${account}\n${nonce}`).digest('base64url');
}

/** A new device cookie value for an account. */
export function deviceToken(db: Db, account: string): string {
  const nonce = crypto.randomBytes(16).toString('base64url');
  return `${nonce}.${mac(db, account, nonce)}`;
}

/** Whether a device cookie value was made by this server for this account. */
export function isKnownDevice(db: Db, account: string, token: string | undefined): boolean {
  if (!token || token.length > 200) return false;
  const [nonce, signature, ...rest] = token.split('.');
  if (!nonce || !signature || rest.length > 0) return false;
  const expected = Buffer.from(mac(db, account, nonce));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
