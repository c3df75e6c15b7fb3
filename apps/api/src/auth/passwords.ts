import crypto from 'node:crypto';

/**
 * Password hashing with scrypt at OWASP's recommended cost (N = 2^17, r = 8, p = 1), stored as
 * `scrypt$N$r$p$salt$hash` so the cost can rise later without breaking old hashes.
 */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;

/** The commonest passwords of 12 characters or more in public breach lists, lower-cased. */
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiopasdfgh',
  'qwertyuiop123',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'abcdefghijkl',
  'abc123456789',
  'passwordpassword',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'changeme1234',
  'football1234',
  'monkey123456',
  'sunshine1234',
  'qwerty123456',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'trustno1trustno1',
]);

/**
 * Passwords are compared as Unicode NFC, so "é" typed as one character or as e + combining accent (as
 * some keyboards and operating systems send it) is the same password. Hashing, checking and the rules
 * below all see the normalised form; an ASCII password is unchanged by it, so existing hashes stay valid.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** Why a password may not be used, or null when it may. */
export function passwordProblem(given: string, email?: string): string | null {
  const password = normalisePassword(given);
  if (/[\r\n]/.test(password)) return 'The password must not contain a line break.';
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  if (password.length > 200) return 'The password must be at most 200 characters long.';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'That password is one of the most common ones; choose another.';
  if (/^(.)\1+$/.test(password)) return 'The password must not be one character repeated.';
  if (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4) {
    return 'The password must not contain the email address.';
  }
  return null;
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(normalisePassword(password), salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(normalisePassword(password), Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** A strong password for a new account when none is given: 20 characters from a URL-safe alphabet. */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString('base64url');
}

/** A hash to check against when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return decoy;
}
