import { prepared, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { audit } from './audit.ts';
import { destroyUserSessions, forgetRecentSessions } from './sessions.ts';
import { ROLES } from '../db/schema.ts';
import { revokeDevices } from './devices.ts';
import { hashingGate } from './hashing-gate.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';

export type Role = (typeof ROLES)[number];
export { ROLES };

export type User = {
  id: number;
  email: string;
  name: string;
  role: Role;
  themes: string[];
  disabled: boolean;
  /** After an admin's reset: the one-time password must be changed before anything else. */
  mustChangePassword: boolean;
};

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  themes: string;
  password_hash: string;
  disabled: number;
  must_change_password: number;
};

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    themes: JSON.parse(row.themes) as string[],
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
  };
}

export class UserProblem extends Error {}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/;

export function findUserByEmail(db: Db, email: string): (User & { passwordHash: string }) | null {
  const row = db.$client.prepare('select * from users where email = ?').get(email.trim().toLowerCase()) as
    UserRow | undefined;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function listUsers(db: Db): User[] {
  return (db.$client.prepare('select * from users order by email').all() as UserRow[]).map(toUser);
}

export function userCount(db: Db): number {
  return (db.$client.prepare('select count(*) as n from users').get() as { n: number }).n;
}

/** Creates a user; throws UserProblem with a message fit to show when the input is not acceptable. */
export async function createUser(
  db: Db,
  input: {
    email: string;
    name?: string;
    role: Role;
    themes?: string[];
    password: string;
    mustChangePassword?: boolean;
  },
  now: Date = new Date(),
  by?: { address: string | null },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || /[\p{C}\p{Z}]/u.test(email)) {
    throw new UserProblem(`"${email.slice(0, 80)}" is not an email address.`);
  }
  if (!ROLES.includes(input.role)) throw new UserProblem(`The role must be one of: ${ROLES.join(', ')}.`);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new UserProblem(problem);
  if (findUserByEmail(db, email)) throw new UserProblem(`There is already a user with the email ${email}.`);
  const hash = await hashingGate.run({ account: email, address: by?.address ?? 'local' }, () =>
    hashPassword(input.password),
  );
  const themes = input.role === 'service-lead' ? (input.themes ?? []) : [];
  const id = Number(
    db.$client
      .prepare(
        'insert into users (email, name, role, themes, password_hash, created_at, disabled, must_change_password) values (?, ?, ?, ?, ?, ?, 0, ?)',
      )
      .run(
        email,
        input.name?.trim() || email,
        input.role,
        JSON.stringify(themes),
        hash,
        now.toISOString(),
        input.mustChangePassword ? 1 : 0,
      ).lastInsertRowid,
  );
  return {
    id,
    email,
    name: input.name?.trim() || email,
    role: input.role,
    themes,
    disabled: false,
    mustChangePassword: input.mustChangePassword === true,
  };
}

/** Who made a change, and from where, for the audit log. */
export type Actor = { email: string; address: string | null };

/**
 * Changes a user's role, themes or disabled flag, audited in the same transaction; ending their sessions
 * when they are disabled or their role changes. Nobody may disable themselves or drop their own admin role.
 */
export function changeUser(
  db: Db,
  id: number,
  change: { role?: Role; themes?: string[]; disabled?: boolean },
  by: Actor & { id: number },
): User {
  const before = listUsers(db).find((u) => u.id === id);
  if (!before) throw new DomainError('not_found', 'not_found', `There is no user ${id}.`);
  if (before.id === by.id && (change.disabled || (change.role && change.role !== 'admin'))) {
    throw new DomainError('invalid', 'invalid_request', 'You cannot disable yourself or remove your own admin role.');
  }
  const role = change.role ?? before.role;
  const after: User = {
    ...before,
    role,
    // Kept whatever the role: a head of service moved to another role by mistake and back keeps their themes
    // (they only count for a service lead).
    themes: change.themes ?? before.themes,
    disabled: change.disabled ?? before.disabled,
  };
  db.$client.transaction(() => {
    prepared(db, 'update users set role = ?, themes = ?, disabled = ? where id = ?').run(
      after.role,
      JSON.stringify(after.themes),
      after.disabled ? 1 : 0,
      after.id,
    );
    if (after.disabled || after.role !== before.role) destroyUserSessions(db, after.id);
    else forgetRecentSessions();
    // A disabled user's browsers are no longer the owner's (auth/devices.ts).
    if (after.disabled) revokeDevices(db, after.id);
    audit(db, { actor: by.email, action: 'user-change', target: after.email, before, after, address: by.address });
  })();
  return after;
}

/**
 * An admin's reset: a new one-time password, which the user must change at their next sign-in; their
 * sessions and known devices end. Audited (never the password). Answers with the password, to be given to the user once.
 */
export async function resetPassword(db: Db, id: number, by: Actor): Promise<{ user: User; generatedPassword: string }> {
  const before = listUsers(db).find((u) => u.id === id);
  if (!before) throw new DomainError('not_found', 'not_found', `There is no user ${id}.`);
  const generatedPassword = generatePassword();
  const hash = await hashingGate.run({ account: before.email, address: by.address ?? 'local' }, () =>
    hashPassword(generatedPassword),
  );
  db.$client.transaction(() => {
    prepared(db, 'update users set password_hash = ?, must_change_password = 1 where id = ?').run(hash, id);
    destroyUserSessions(db, id);
    revokeDevices(db, id);
    audit(db, { actor: by.email, action: 'password-reset', target: before.email, address: by.address });
  })();
  return { user: { ...before, mustChangePassword: true }, generatedPassword };
}
