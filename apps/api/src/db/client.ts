import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** How long a connection waits for another connection's write to finish before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if need be) the SQLite file, in WAL mode with foreign keys enforced, and applies
 * every committed migration. `:memory:` gives a private in-memory database.
 */
export function openDatabase(dbPath: string): Db {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = connectDatabase(dbPath);
  db.$client.pragma('journal_mode = WAL');
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/**
 * A further connection to a database openDatabase has already set up (the loader's worker threads use
 * one each): the same settings, no migrations. A write waits up to `busyTimeoutMs` for another
 * connection's write to finish, then fails with SQLITE_BUSY (see isDatabaseBusy).
 */
export function connectDatabase(dbPath: string, busyTimeoutMs = BUSY_TIMEOUT_MS): Db {
  const sqlite = new Database(dbPath);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  return drizzle(sqlite, { schema }) as Db;
}

/** What a person is told when a write could not get the database within the busy timeout. */
export const BUSY_MESSAGE = 'The database is busy with another write; try again in a moment.';

/** True for SQLite's "another connection holds the lock" errors (SQLITE_BUSY, SQLITE_LOCKED and variants). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? (error as { code: unknown }).code : null;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection: preparing costs far more than running. */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db.$client);
  if (!cache) {
    cache = new Map();
    statementCache.set(db.$client, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.$client.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

const generations = new WeakMap<Database.Database, number>();

/**
 * Call after committing a write through this connection (a load, a revert, a RAG override), so that
 * reads cached for the current moment know at once. Writes by other processes are seen through the
 * data version itself (see StoreReads.dataVersion).
 */
export function markWritten(db: Db): void {
  generations.set(db.$client, (generations.get(db.$client) ?? 0) + 1);
}

export function writeGeneration(db: Db): number {
  return generations.get(db.$client) ?? 0;
}

export function appliedMigrations(db: Db): number {
  const row = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
  return row.n;
}
