import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens (creating if need be) the SQLite file, in WAL mode with foreign keys enforced, and applies
 * every committed migration. `:memory:` gives a private in-memory database.
 */
export function openDatabase(dbPath: string): Db {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const sqlite = new Database(dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
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
