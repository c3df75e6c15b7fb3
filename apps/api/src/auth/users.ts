import type { Db } from '../db/client.ts';
import { ROLES } from '../db/schema.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export type Role = (typeof ROLES)[number];
export { ROLES };

export type User = { id: number; email: string; name: string; role: Role; themes: string[]; disabled: boolean };

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  themes: string;
  password_hash: string;
  disabled: number;
};

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    themes: JSON.parse(row.themes) as string[],
    disabled: row.disabled === 1,
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
  input: { email: string; name?: string; role: Role; themes?: string[]; password: string },
  now: Date = new Date(),
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new UserProblem(`"${email.slice(0, 80)}" is not an email address.`);
  if (!ROLES.includes(input.role)) throw new UserProblem(`The role must be one of: ${ROLES.join(', ')}.`);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new UserProblem(problem);
  if (findUserByEmail(db, email)) throw new UserProblem(`There is already a user with the email ${email}.`);
  const hash = await hashPassword(input.password);
  const themes = input.role === 'service-lead' ? (input.themes ?? []) : [];
  const id = Number(
    db.$client
      .prepare(
        'insert into users (email, name, role, themes, password_hash, created_at, disabled) values (?, ?, ?, ?, ?, ?, 0)',
      )
      .run(email, input.name?.trim() || email, input.role, JSON.stringify(themes), hash, now.toISOString())
      .lastInsertRowid,
  );
  return { id, email, name: input.name?.trim() || email, role: input.role, themes, disabled: false };
}
