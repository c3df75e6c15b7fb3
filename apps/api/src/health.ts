import fs from 'node:fs';
import path from 'node:path';
import type { Health } from '@indicate/contracts';
import type Database from 'better-sqlite3';
import { appliedMigrations, prepared, type Db } from './db/client.ts';

/** The write probe's answer is reused for this long: health is also polled under load. */
const PROBE_TTL_MS = 5000;
/** Below this much free space on the database's disk, writes are about to fail. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

const probes = new WeakMap<Database.Database, { at: number; problems: string[] }>();

/**
 * Whether the database can be written, as a list of what is wrong (empty when all is well): a real write,
 * rolled back at once, is refused; the file or its directory is not writable (the next start would fail);
 * the disk is nearly full. Cached for PROBE_TTL_MS, so a busy health check costs nothing more.
 */
export function writeProblems(db: Db, now = Date.now()): string[] {
  const cached = probes.get(db.$client);
  if (cached && now - cached.at < PROBE_TTL_MS) return cached.problems;
  const problems = probeWrites(db.$client);
  probes.set(db.$client, { at: now, problems });
  return problems;
}

function probeWrites(client: Database.Database): string[] {
  const problems: string[] = [];
  // A real write, rolled back at once: SQLite refuses it on a read-only file, file system or connection
  // ("attempt to write a readonly database"), or in query-only mode.
  if (!client.inTransaction) {
    // Do not wait for a writer in another process (a CLI load): busy means the file is being written.
    const timeout = client.pragma('busy_timeout', { simple: true }) as number;
    client.pragma('busy_timeout = 0');
    try {
      client.exec('begin immediate');
      try {
        client.prepare("insert into sign_in_failures (account, address, at) values ('health probe', '', 0)").run();
      } finally {
        if (client.inTransaction) client.exec('rollback');
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') {
        problems.push(`the database cannot be written: ${(error as Error).message}`);
      }
    } finally {
      client.pragma(`busy_timeout = ${timeout}`);
    }
  }
  if (!client.memory && client.name && client.name !== ':memory:') {
    const file = path.resolve(client.name);
    for (const [target, what] of [
      [file, 'database file'],
      [path.dirname(file), 'database directory'],
    ] as const) {
      try {
        fs.accessSync(target, fs.constants.W_OK);
      } catch {
        // Not its path: /api/health is public, and the path says how the server is laid out (the start-up
        // log names it for whoever runs the server).
        problems.push(`the ${what} is not writable`);
      }
    }
    try {
      const disk = fs.statfsSync(path.dirname(file));
      const free = disk.bavail * disk.bsize;
      if (free < MIN_FREE_BYTES) {
        problems.push(`the disk holding the database has ${Math.floor(free / 1024 / 1024)} MB free`);
      }
    } catch {
      // statfs is not available everywhere; the write probe above still runs.
    }
  }
  return problems;
}

const counted = new WeakMap<Database.Database, { version: string; database: Health['database'] }>();

/**
 * What the database holds: counted again only when the data version changes (a load or an audited
 * write), so a health check under load costs a lookup, not four counts.
 */
function databaseCounts(db: Db, version: string): Health['database'] {
  const cached = counted.get(db.$client);
  if (cached && cached.version === version) return cached.database;
  const one = (query: string) => (prepared(db, query).get() as { n: number }).n;
  const database = {
    indicators: one('select count(*) as n from indicators'),
    localAuthorities: one('select count(*) as n from local_authorities'),
    statNeighbourSets: one('select count(*) as n from (select distinct model_year, la_code from stat_neighbours)'),
    migrations: appliedMigrations(db),
  };
  counted.set(db.$client, { version, database });
  return database;
}

/** Whether the service is up and its database writable, and what the database holds. */
export function healthReport(db: Db, dataVersion: string): Health {
  const database = databaseCounts(db, dataVersion);
  const problems = writeProblems(db);
  return problems.length > 0 ? { status: 'degraded', problems, database } : { status: 'ok', database };
}
