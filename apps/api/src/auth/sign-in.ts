import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { audit, safeLogText } from './audit.ts';
import { issueDevice, knownDevice, revokeDevices, type KnownDevice } from './devices.ts';
import { GateRefusal, hashingGate } from './hashing-gate.ts';
import { decoyHash, hashPassword, normalisePassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createSession, destroySessionById, destroyUserSessions, forgetRecentSessions } from './sessions.ts';
import { releaseReservation, reserveSignIn, SIGN_IN_THROTTLE, signInSucceeded, waitInWords } from './throttle.ts';
import { findUserByEmail, type User } from './users.ts';
import { prepared } from '../db/client.ts';

/**
 * Signing in and changing one's password: every check of a password a caller typed is throttled
 * (auth/throttle.ts) before it starts and hashed through the bounded gate (auth/hashing-gate.ts), so
 * neither guessing nor a burst of hashing gets past them. Routes and the CLI call these; no HTTP here.
 */

export type SignInAttempt = {
  email: string;
  password: string;
  /** Where the attempt came from (the peer, or the client as a trusted proxy reports it). */
  address: string;
  /** The device cookie the browser sent, if any (auth/devices.ts). */
  deviceToken?: string;
  /** The session cookie the browser already had: it ends. */
  previousSession?: string;
};

export type SignedIn = { user: User; session: { id: string; csrfToken: string }; deviceToken: string };

function refused(retryAfterSeconds: number, what: string): DomainError {
  return new DomainError(
    'too_many_attempts',
    'too_many_attempts',
    `Too many failed ${what}. Try again in ${waitInWords(retryAfterSeconds)}.`,
    undefined,
    retryAfterSeconds,
  );
}

/** Counts the attempt first (synchronously: no await before it), then checks the password through the gate. */
async function checkTypedPassword(
  db: Db,
  account: string,
  address: string,
  device: KnownDevice | null,
  typed: string,
  storedHash: string | null,
  what: string,
): Promise<boolean> {
  const reservation = reserveSignIn(db, account, address, Date.now(), SIGN_IN_THROTTLE, device);
  if (!reservation.ok) throw refused(reservation.retryAfterSeconds, what);
  try {
    return await hashingGate.run({ account, address }, async () =>
      verifyPassword(typed, storedHash ?? (await decoyHash())),
    );
  } catch (error) {
    // Refused by the gate before any check: not a failure.
    if (error instanceof GateRefusal) releaseReservation(db, reservation.id);
    throw error;
  }
}

export async function signIn(db: Db, attempt: SignInAttempt): Promise<SignedIn> {
  const email = attempt.email.trim().toLowerCase();
  const device = knownDevice(db, email, attempt.deviceToken, attempt.address);
  const user = findUserByEmail(db, email);
  const ok = await checkTypedPassword(
    db,
    email,
    attempt.address,
    device,
    attempt.password,
    user?.passwordHash ?? null,
    'sign-in attempts',
  );
  // The password may have changed (or the account been disabled) while this check waited in the gate: a
  // check against the old password must not open a session after the change ended the others.
  const now = user ? findUserByEmail(db, email) : null;
  const unchanged = now !== null && user !== null && now.passwordHash === user.passwordHash && !now.disabled;
  if (!user || !ok || user.disabled || !unchanged) {
    // The reservation stays as this failure. What was typed is stored escaped and bounded.
    const typed = safeLogText(email);
    audit(db, { actor: typed, action: 'sign-in-failed', target: typed, address: safeLogText(attempt.address) });
    // The same words whether or not the email exists.
    throw new DomainError('unauthenticated', 'sign_in_failed', 'The email or password is not right.');
  }
  signInSucceeded(db, email, attempt.address, device);
  // A new session id at every sign-in; any session the browser already had ends.
  if (attempt.previousSession) destroySessionById(db, attempt.previousSession);
  const session = createSession(db, user.id);
  audit(db, { actor: user.email, action: 'sign-in', target: user.email, address: attempt.address });
  // This browser is now known for this account, so strangers cannot slow it; its old device is replaced.
  const deviceToken = issueDevice(db, user, attempt.address, attempt.deviceToken);
  return { user, session, deviceToken };
}

/**
 * A user changes their own password: the current one is checked as a sign-in is (throttled, gated), the
 * new one must pass the same rules as any password and differ from it. Their other sessions and every
 * device end; this session stays. Audited (never the password).
 */
export async function changeOwnPassword(
  db: Db,
  user: { id: number; email: string },
  change: { current: string; password: string },
  keepSession: string,
  address: string,
): Promise<void> {
  const row = prepared(db, 'select password_hash from users where id = ?').get(user.id) as
    { password_hash: string } | undefined;
  // Counted in the session's own bucket: failures others make at the account from the owner's office do
  // not stop the signed-in owner changing their password (a session exists only after a right password).
  const ok = await checkTypedPassword(
    db,
    user.email,
    address,
    { idHash: `session:${keepSession}` },
    change.current,
    row?.password_hash ?? null,
    'password checks',
  );
  if (!row || !ok) throw new DomainError('invalid', 'wrong_password', 'current: that is not your current password.');
  signInSucceeded(db, user.email, address, { idHash: `session:${keepSession}` });
  const problem = passwordProblem(change.password, user.email);
  if (problem) throw new DomainError('invalid', 'weak_password', `password: ${problem}`);
  if (normalisePassword(change.password) === normalisePassword(change.current)) {
    throw new DomainError('invalid', 'same_password', 'password: choose a password different from the one you have.');
  }
  const hash = await hashingGate.run({ account: user.email, address }, () => hashPassword(change.password));
  db.$client.transaction(() => {
    prepared(db, 'update users set password_hash = ?, must_change_password = 0 where id = ?').run(hash, user.id);
    prepared(db, 'delete from sessions where user_id = ? and id_hash != ?').run(user.id, keepSession);
    revokeDevices(db, user.id);
    forgetRecentSessions();
    audit(db, { actor: user.email, action: 'password-change', target: user.email, address });
  })();
}

/** "Sign out everywhere": every session and every known device of the user ends. Audited. */
export function signOutEverywhere(db: Db, user: { id: number; email: string }, address: string): void {
  db.$client.transaction(() => {
    destroyUserSessions(db, user.id);
    revokeDevices(db, user.id);
    audit(db, { actor: user.email, action: 'sign-out-everywhere', target: user.email, address });
  })();
}
